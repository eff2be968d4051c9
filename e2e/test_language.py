"""Japanese first, English second: the switch keeps what was typed, on forms too."""

from __future__ import annotations

from conftest import navigate, visit
from selenium.webdriver.common.by import By


def click_and_wait(driver, element) -> None:
    navigate(driver, element.click)


def test_switching_to_english_on_a_form_keeps_what_was_typed(driver, base_url):
    # given: the first step of a form, in Japanese, with a name typed
    visit(driver, f"{base_url}/procedures/ninshin-todoke/apply")
    assert driver.find_element(By.TAG_NAME, "html").get_attribute("lang") == "ja"
    driver.find_element(By.NAME, "name.family").send_keys("髙橋")
    # when: the resident switches to English
    click_and_wait(driver, driver.find_element(By.CSS_SELECTOR, ".language-switch"))
    # then: the same step in English, the name kept exactly (異体字 included), and accessible
    assert driver.find_element(By.TAG_NAME, "html").get_attribute("lang") == "en"
    assert driver.find_element(By.NAME, "name.family").get_attribute("value") == "髙橋"
    assert "Required" in driver.find_element(By.TAG_NAME, "main").text
    visit(driver, f"{base_url}/")
    assert driver.find_element(By.TAG_NAME, "h1").text == "Find a procedure"
    # and back to Japanese
    click_and_wait(driver, driver.find_element(By.CSS_SELECTOR, ".language-switch"))
    assert driver.find_element(By.TAG_NAME, "html").get_attribute("lang") == "ja"
