"""End to end: the back office, in headless Chromium with JavaScript on and off.

  madoguchi staff add (an administrator) → sign-in, own password and authenticator (TOTP) →
  the administrator adds a 担当 and a 決裁者 in こども支援課 and a 担当 in 介護保険課 →
  a resident's application (the API) → the 担当 finds it, starts the review, asks for a 補正 →
  the resident corrects it on the status page → 決裁に回す → the 決裁者 approves → 完了 →
  the 介護保険課 member sees none of it → the notices arrived once each at the test SMTP server →
  madoguchi audit verify finds the chain intact.

axe-core checks every staff page shown. Run by scripts/test, which starts the SMTP sink
(MADOGUCHI_SMTP_SINK_DIR) and gives the server the e2e municipalities file.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import os
import re
import struct
import subprocess
import time
import uuid
from pathlib import Path

import pytest
import requests
from conftest import _chrome_options, assert_accessible, navigate
from selenium import webdriver
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By

CHROMEDRIVER = os.environ.get("MADOGUCHI_CHROMEDRIVER", "/usr/bin/chromedriver")


def madoguchi(*arguments: str) -> subprocess.CompletedProcess:
    """The command line, on the e2e server's data folder (the same SQLite database)."""
    binary = os.environ.get("MADOGUCHI_BIN")
    data = os.environ.get("MADOGUCHI_E2E_DATA_DIR")
    if not binary or not data:
        pytest.fail("MADOGUCHI_BIN and MADOGUCHI_E2E_DATA_DIR are set by scripts/test", pytrace=False)
    environment = {**os.environ, "MADOGUCHI_DATA_DIR": data}
    return subprocess.run([binary, *arguments], capture_output=True, text=True, env=environment, timeout=120)


def totp(key: str, at: float | None = None) -> str:
    """RFC 6238 (SHA-1, 6 digits, 30 s): what an authenticator app shows for `key` (Base32)."""
    secret = base64.b32decode(key + "=" * (-len(key) % 8))
    counter = int((time.time() if at is None else at) // 30)
    mac = hmac.new(secret, struct.pack(">Q", counter), hashlib.sha1).digest()
    offset = mac[-1] & 0x0F
    return str((struct.unpack(">I", mac[offset : offset + 4])[0] & 0x7FFFFFFF) % 1_000_000).zfill(6)


def browser(javascript: bool) -> webdriver.Chrome:
    driver = webdriver.Chrome(service=Service(executable_path=CHROMEDRIVER), options=_chrome_options())
    driver.set_page_load_timeout(30)
    driver.set_script_timeout(60)
    if not javascript:
        # Page scripts off in every page this browser loads (as on a locked-down office PC); the
        # test's own scripts still run through the driver, and axe-core gets them back for its check.
        driver.execute_cdp_cmd("Emulation.setScriptExecutionDisabled", {"value": True})
        driver.javascript_off = True
    return driver


def accessible(driver) -> None:
    """axe-core on the page as shown (with page scripts off, they are allowed for axe alone)."""
    if getattr(driver, "javascript_off", False):
        driver.execute_cdp_cmd("Emulation.setScriptExecutionDisabled", {"value": False})
        try:
            assert_accessible(driver)
        finally:
            driver.execute_cdp_cmd("Emulation.setScriptExecutionDisabled", {"value": True})
    else:
        assert_accessible(driver)


def fill(driver, element_id: str, value: str) -> None:
    box = driver.find_element(By.ID, element_id)
    box.clear()
    box.send_keys(value)


def press(driver, text: str) -> None:
    button = driver.find_element(By.XPATH, f"//button[normalize-space()='{text}']")
    navigate(driver, button.click)
    accessible(driver)


def first_sign_in(driver, base_url: str, login: str, password: str) -> None:
    """Password, then the setup page: one's own password and the authenticator."""
    driver.get(base_url + "/staff/sign-in")
    accessible(driver)
    fill(driver, "login", login)
    fill(driver, "password", password)
    press(driver, "次へ")
    assert "パスワードと認証アプリの設定" in driver.page_source
    assert driver.find_element(By.CSS_SELECTOR, ".qr svg")
    key = driver.find_element(By.CSS_SELECTOR, "dd.code").text.strip()
    new_password = "ichigo ringo banana 2026"
    fill(driver, "password", new_password)
    fill(driver, "password_again", new_password)
    fill(driver, "code", totp(key))
    press(driver, "設定してサインイン")
    assert "/staff/setup" not in driver.current_url, driver.page_source[:3000]


def add_staff(driver, base_url: str, login: str, name: str, role: str, department: str) -> str:
    driver.get(base_url + "/staff/admin/staff")
    fill(driver, "login", login)
    fill(driver, "name", name)
    driver.find_element(By.ID, f"role-{role}").click()
    driver.find_element(By.CSS_SELECTOR, f"input[name=departments][value='{department}']").click()
    press(driver, "追加する")
    codes = driver.find_elements(By.CSS_SELECTOR, ".notice dd.code")
    assert len(codes) == 2, driver.page_source[:2000]
    return codes[1].text.strip()


def act(driver, base_url: str, application: str, button: str, *, fields=(), reason: str | None = None) -> None:
    driver.get(f"{base_url}/staff/applications/{application}")
    accessible(driver)
    form = driver.find_element(By.XPATH, f"//form[.//button[normalize-space()='{button}']]")
    for field in fields:
        form.find_element(By.ID, f"fix-{field}").click()
    if reason is not None:
        form.find_element(By.TAG_NAME, "textarea").send_keys(reason)
    navigate(driver, form.find_element(By.XPATH, f".//button[normalize-space()='{button}']").click)
    accessible(driver)
    assert "処理しました" in driver.page_source, driver.page_source[:3000]


def submit_application(base_url: str) -> dict:
    sample = madoguchi("catalog", "sample", "hoiku-nintei", "--format", "json")
    assert sample.returncode == 0, sample.stderr
    answer = requests.post(
        base_url + "/api/v1/applications",
        data=sample.stdout.encode(),
        headers={"Content-Type": "application/json", "Idempotency-Key": f"e2e-{uuid.uuid4()}"},
        timeout=30,
    )
    assert answer.status_code == 201, answer.text
    return answer.json()


def messages(since: int) -> list[dict]:
    folder = Path(os.environ["MADOGUCHI_SMTP_SINK_DIR"])
    return [json.loads(path.read_text()) for path in sorted(folder.glob("*.json"))[since:]]


@pytest.mark.parametrize("javascript", [True, False], ids=["js-on", "js-off"])
def test_an_application_through_the_back_office(base_url, javascript):
    suffix = ("on-" if javascript else "off-") + uuid.uuid4().hex[:6]
    mails_before = len(messages(0))
    # an administrator from the command line
    made = madoguchi(
        "staff", "add", "--municipality", "990019", "--login", f"admin-{suffix}", "--name", "管理 太郎", "--role", "admin"
    )
    assert made.returncode == 0, made.stderr
    one_time = re.search(r"one-time password: (\S+)", made.stdout).group(1)
    drivers: list[webdriver.Chrome] = []

    def new_browser() -> webdriver.Chrome:
        drivers.append(browser(javascript))
        return drivers[-1]

    try:
        admin = new_browser()
        first_sign_in(admin, base_url, f"admin-{suffix}", one_time)
        passwords = {
            "tanto": add_staff(admin, base_url, f"tanto-{suffix}", "担当 一郎", "case_worker", "こども支援課"),
            "kessai": add_staff(admin, base_url, f"kessai-{suffix}", "決裁 花子", "approver", "こども支援課"),
            "kaigo": add_staff(admin, base_url, f"kaigo-{suffix}", "介護 次郎", "case_worker", "介護保険課"),
        }
        admin.get(base_url + "/staff/admin/templates")
        accessible(admin)
        assert "受付のお知らせ" in admin.page_source
        # a resident's application
        receipt = submit_application(base_url)
        # the 担当 finds it by its 受付番号 and works on it
        worker = new_browser()
        first_sign_in(worker, base_url, f"tanto-{suffix}", passwords["tanto"])
        worker.get(f"{base_url}/staff?q={receipt['receipt_number']}")
        accessible(worker)
        link = worker.find_element(By.LINK_TEXT, receipt["receipt_number"])
        application = link.get_attribute("href").rsplit("/", 1)[1]
        worker.get(f"{base_url}/staff/applications/{application}?print=1")
        accessible(worker)
        act(worker, base_url, application, "審査を開始する")
        act(worker, base_url, application, "補正を依頼する", fields=["guardian_phone"], reason="電話番号がつながりません。")
        # the resident corrects the phone number on the status page
        resident = new_browser()
        resident.get(base_url + "/status")
        fill(resident, "receipt_number", receipt["receipt_number"])
        fill(resident, "inquiry_key", receipt["inquiry_key"])
        navigate(resident, resident.find_element(By.XPATH, "//button[@type='submit' and contains(@class,'button--primary')]").click)
        accessible(resident)
        assert "電話番号がつながりません" in resident.page_source
        press(resident, "補正する")
        fill(resident, "f-guardian_phone", "090-2222-3333")
        press(resident, "補正して再提出する")
        assert "補正を受け付けました" in resident.page_source
        # back to the 担当, then the 決裁者
        act(worker, base_url, application, "決裁に回す")
        approver = new_browser()
        first_sign_in(approver, base_url, f"kessai-{suffix}", passwords["kessai"])
        act(approver, base_url, application, "承認する")
        act(worker, base_url, application, "完了にする")
        worker.get(f"{base_url}/staff/applications/{application}")
        assert "完了" in worker.find_element(By.CSS_SELECTOR, "dd.status").text
        # 介護保険課 sees none of it
        kaigo = new_browser()
        first_sign_in(kaigo, base_url, f"kaigo-{suffix}", passwords["kaigo"])
        kaigo.get(f"{base_url}/staff?q={receipt['receipt_number']}")
        assert application not in kaigo.page_source
        kaigo.get(f"{base_url}/staff/applications/{application}")
        assert "エラー（404）" in kaigo.page_source
    finally:
        for driver in drivers:
            driver.quit()
    # an auditor reads the log
    made = madoguchi(
        "staff", "add", "--municipality", "990019", "--login", f"kansa-{suffix}", "--name", "監査 三郎", "--role", "auditor"
    )
    assert made.returncode == 0, made.stderr
    auditor = browser(javascript)
    try:
        first_sign_in(auditor, base_url, f"kansa-{suffix}", re.search(r"one-time password: (\S+)", made.stdout).group(1))
        assert "/staff/audit" in auditor.current_url
        assert "状態の変更" in auditor.page_source
    finally:
        auditor.quit()
    # the notices: received, 補正, approved — once each
    deadline = time.time() + 30
    while time.time() < deadline and len(messages(mails_before)) < 3:
        time.sleep(1)
    time.sleep(4)  # a fourth would be a duplicate
    arrived = [m for m in messages(mails_before) if receipt["receipt_number"] in (m["parsed"].get("body") or "")]
    subjects = sorted(m["parsed"]["subject"] for m in arrived)
    assert len(arrived) == 3, subjects
    assert any("受け付けました" in s for s in subjects) and any("補正" in s for s in subjects)
    assert any("承認されました" in s for s in subjects)
    for message in arrived:
        assert receipt["inquiry_key"] not in message["parsed"]["body"]
    # the audit chain is intact
    verified = madoguchi("audit", "verify")
    assert verified.returncode == 0, verified.stdout + verified.stderr
    assert "990019:" in verified.stdout and "chain intact" in verified.stdout
