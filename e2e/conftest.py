"""Fixtures and helpers for Madoguchi's browser end-to-end tests.

Run through scripts/test, which starts a server and sets MADOGUCHI_BASE_URL.
By hand:  MADOGUCHI_BASE_URL=http://127.0.0.1:8080 .venv/bin/python -m pytest -q e2e

Browser: Debian's chromium + chromium-driver (/usr/bin/chromium,
/usr/bin/chromedriver; override with MADOGUCHI_CHROMIUM / MADOGUCHI_CHROMEDRIVER),
headless, 1280x1600, Japanese locale.

Accessibility: axe-core is the axe.min.js shipped inside the
axe-playwright-python package (site-packages/axe_playwright_python/axe.min.js);
we only use that file, injected with selenium. Tests import the helpers:

    from conftest import assert_accessible, visit
"""

from __future__ import annotations

import functools
import importlib.resources
import os
from collections.abc import Callable, Iterator
from typing import Any

import pytest
from selenium import webdriver
from selenium.common.exceptions import WebDriverException
from selenium.webdriver.chrome.options import Options
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.support.ui import WebDriverWait

CHROMIUM = os.environ.get("MADOGUCHI_CHROMIUM", "/usr/bin/chromium")
CHROMEDRIVER = os.environ.get("MADOGUCHI_CHROMEDRIVER", "/usr/bin/chromedriver")
AXE_TIMEOUT_SECONDS = 60
NAVIGATION_TIMEOUT_SECONDS = 15


@functools.cache
def axe_source() -> str:
    """The text of axe.min.js from the installed axe-playwright-python package."""
    resource = importlib.resources.files("axe_playwright_python").joinpath("axe.min.js")
    return resource.read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def base_url() -> str:
    url = os.environ.get("MADOGUCHI_BASE_URL", "").rstrip("/")
    if not url:
        pytest.fail(
            "MADOGUCHI_BASE_URL is not set: run scripts/test, or start a server and "
            "export MADOGUCHI_BASE_URL=http://127.0.0.1:PORT",
            pytrace=False,
        )
    return url


def _chrome_options() -> Options:
    options = Options()
    options.binary_location = CHROMIUM
    for argument in (
        "--headless=new",
        "--no-sandbox",
        "--disable-dev-shm-usage",
        "--disable-gpu",
        "--window-size=1280,1600",
        "--lang=ja-JP",
        "--no-first-run",
        "--no-default-browser-check",
    ):
        options.add_argument(argument)
    options.add_experimental_option("prefs", {"intl.accept_languages": "ja-JP,ja"})
    return options


@pytest.fixture
def driver() -> Iterator[webdriver.Chrome]:
    """A fresh headless Chromium per test (no cookies or storage carried over)."""
    # Both paths are given, so Selenium Manager never tries to download anything.
    browser = webdriver.Chrome(service=Service(executable_path=CHROMEDRIVER), options=_chrome_options())
    browser.set_page_load_timeout(30)
    browser.set_script_timeout(AXE_TIMEOUT_SECONDS)
    try:
        yield browser
    finally:
        browser.quit()


_RUN_AXE = """
const options = arguments[0];
const done = arguments[arguments.length - 1];
window.axe.run(document, options)
    .then((results) => done({violations: results.violations}))
    .catch((error) => done({error: String(error && error.stack || error)}));
"""


def _format_violations(url: str, violations: list[dict[str, Any]]) -> str:
    lines = [f"{len(violations)} accessibility violation(s) on {url}:"]
    for violation in violations:
        lines.append(
            f"- [{violation.get('impact') or 'n/a'}] {violation['id']}: {violation.get('help', '')}"
            f" ({violation.get('helpUrl', '')})"
        )
        for node in violation.get("nodes", []):
            # A target is a list of selectors (nested lists inside shadow DOM/iframes).
            target = " >>> ".join(
                " ".join(part) if isinstance(part, list) else str(part) for part in node.get("target", [])
            )
            lines.append(f"    at {target}")
            summary = (node.get("failureSummary") or "").strip()
            if summary:
                lines.extend(f"       {line}" for line in summary.splitlines())
    return "\n".join(lines)


def assert_accessible(driver: webdriver.Chrome, options: dict[str, Any] | None = None) -> None:
    """Run axe-core on the current page; fail listing every violation.

    `options` is merged into axe.run's options, e.g.
    {"rules": {"color-contrast": {"enabled": False}}} (say why if you use it).
    """
    if not driver.execute_script("return typeof window.axe === 'object' && window.axe !== null"):
        driver.execute_script(axe_source())
    run_options: dict[str, Any] = {"resultTypes": ["violations"]}
    if options:
        run_options.update(options)
    result = driver.execute_async_script(_RUN_AXE, run_options)
    if result is None or "error" in result:
        pytest.fail(f"axe.run failed on {driver.current_url}: {result and result.get('error')}", pytrace=False)
    violations = result["violations"]
    if violations:
        pytest.fail(_format_violations(driver.current_url, violations), pytrace=False)


def visit(driver: webdriver.Chrome, url: str, *, axe_options: dict[str, Any] | None = None) -> None:
    """Load `url` (selenium waits for the load event) and check accessibility."""
    driver.get(url)
    assert_accessible(driver, axe_options)


_LEFT_BEHIND = "window.__madoguchiLeftBehind = true"
_NEW_PAGE_READY = "return window.__madoguchiLeftBehind !== true && document.readyState === 'complete'"


def navigate(driver: webdriver.Chrome, action: Callable[[], None]) -> None:
    """Do `action` (a click, Enter in a box) and wait until a new document has fully loaded.

    The old document is marked with a window property that the next document does not have. This
    replaces `staleness_of(<html>)`: while a page is being replaced, Chromium can answer a query on
    the old element with "Node with given id does not belong to the document" (a plain
    WebDriverException, not a stale-element one), which made that wait fail now and then.
    """
    driver.execute_script(_LEFT_BEHIND)
    action()
    WebDriverWait(driver, NAVIGATION_TIMEOUT_SECONDS, ignored_exceptions=(WebDriverException,)).until(
        lambda d: d.execute_script(_NEW_PAGE_READY)
    )
