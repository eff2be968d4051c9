"""Keyboard use of the form: Enter in a text box goes forward (never switches language or removes
an entry), and after a rejected step the error summary receives focus."""

from __future__ import annotations

from conftest import assert_accessible, navigate, visit
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys


def test_enter_in_a_text_box_submits_the_step_and_focuses_the_error_summary(driver, base_url):
    # given: the first step of the 児童手当 claim, with one box typed in
    visit(driver, f"{base_url}/procedures/jidou-teate-nintei/apply")
    box = driver.find_element(By.NAME, "claimant_name.family")
    box.send_keys("山田")
    # when: the resident presses Enter
    navigate(driver, lambda: box.send_keys(Keys.ENTER))
    # then: still Japanese, same step, errors listed and focused, what was typed kept
    assert driver.find_element(By.TAG_NAME, "html").get_attribute("lang") == "ja"
    summary = driver.find_element(By.CSS_SELECTOR, ".error-summary")
    assert driver.switch_to.active_element == summary
    assert driver.find_element(By.NAME, "claimant_name.family").get_attribute("value") == "山田"
    assert_accessible(driver)
