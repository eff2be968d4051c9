"""End to end: a resident finds 児童手当の認定請求, fills every step in the browser and checks the status.

The flow, as a person would go through it, in headless Chromium:

  トップ → 検索「児童手当」 → 検索結果 → 手続のページ → 申請をはじめる
  → 請求者 (first sent with the phone number missing: error summary, then fixed)
  → 配偶者 → 支給要件児童 (a second child added with 「…を追加する」) → 児童の兄姉等
  → 受取口座・確認事項 → 添付書類 (a PDF is uploaded) → 入力内容の確認 → 申請を受け付けました (控え)
  → /status with the 受付番号 and 照会キー → 「受付」

axe-core (conftest.assert_accessible) runs on every page shown, and on every form step again once it
is filled in, so that the conditional fields it opened are checked too; any violation fails the test.
Screenshots of the two-children step and of the 控え go to /tmp/e2e-shots/ (not committed).

Values are typed the way residents type them: 和暦 and 西暦 dates, フリガナ in hiragana, full-width
postal codes, 12-digit 個人番号 with valid check digits.
"""

from __future__ import annotations

import base64
import re
from pathlib import Path

from conftest import assert_accessible, navigate, visit
from selenium.webdriver.common.by import By
from selenium.webdriver.remote.webelement import WebElement
from selenium.webdriver.support.ui import Select

PROCEDURE_NAME = "児童手当等の受給資格及び児童手当の額についての認定請求"
PROCEDURE_PATH = "/procedures/jidou-teate-nintei"

# 個人番号 with valid check digits (the 12th digit).
CLAIMANT_NUMBER = "123456789018"
CLAIMANT_NUMBER_MASKED = "●●●● ●●●● 9018"
SPOUSE_NUMBER = "987654321018"
SECOND_CHILD_NUMBER = "234567890121"

SHOTS = Path("/tmp/e2e-shots")


# --- pages --------------------------------------------------------------------------------------


def heading(driver) -> str:
    return driver.find_element(By.TAG_NAME, "h1").text.strip()


def press(driver, text: str) -> None:
    """Click the button or link in <main> reading `text`, wait for the next page, check it with axe."""
    target = driver.find_element(
        By.XPATH, f"//main//*[self::button or self::a][normalize-space(.)={xpath_literal(text)}]"
    )
    navigate(driver, target.click)
    assert driver.find_elements(By.TAG_NAME, "h1"), f"no page heading after 「{text}」 at {driver.current_url}"
    assert_accessible(driver)


def send_step(driver, button: str = "次へ進む") -> None:
    """Leave a filled-in form step: check it with axe as filled (conditional fields open), then press."""
    assert_accessible(driver)
    press(driver, button)


def expect_page(driver, title: str) -> None:
    assert heading(driver) == title, (
        f"expected 「{title}」, got 「{heading(driver)}」 at {driver.current_url}; "
        f"errors shown: {error_texts(driver)}"
    )


def error_texts(driver) -> list[str]:
    return [e.text for e in driver.find_elements(By.CSS_SELECTOR, ".error-summary li")]


def xpath_literal(text: str) -> str:
    if '"' not in text:
        return f'"{text}"'
    return "concat('" + text.replace("'", "', \"'\", '") + "')"


def screenshot(driver, name: str) -> None:
    """A whole-page PNG (Chrome DevTools) for a person to look at."""
    SHOTS.mkdir(parents=True, exist_ok=True)
    shot = driver.execute_cdp_cmd("Page.captureScreenshot", {"format": "png", "captureBeyondViewport": True})
    (SHOTS / name).write_bytes(base64.b64decode(shot["data"]))


# --- fields: one helper per kind ----------------------------------------------------------------


def control(driver, name: str) -> WebElement:
    """The visible control called `name`, which must have a <label> (what a person reads)."""
    candidates = [e for e in driver.find_elements(By.NAME, name) if e.get_attribute("type") != "hidden"]
    assert candidates, f"no control named {name!r} at {driver.current_url}"
    element = candidates[0]
    assert element.is_displayed(), f"the control {name!r} is not visible"
    labels = driver.execute_script("return Array.from(arguments[0].labels || []).map(l => l.textContent)", element)
    assert labels, f"the control {name!r} has no <label>"
    return element


def fill(driver, name: str, value: str) -> None:
    """A one-line text field (text, date, 個人番号, postal code, phone, address)."""
    field = control(driver, name)
    field.clear()
    field.send_keys(value)


def fill_name(driver, name: str, family: str, given: str) -> None:
    """A name: 姓／名, or セイ／メイ for フリガナ."""
    fill(driver, f"{name}.family", family)
    fill(driver, f"{name}.given", given)


def choose(driver, name: str, option: str) -> None:
    """A radio button, chosen by clicking the label that reads `option`."""
    radios = [e for e in driver.find_elements(By.NAME, name) if e.get_attribute("type") == "radio"]
    assert radios, f"no radio buttons named {name!r}"
    for radio in radios:
        label = driver.find_element(By.CSS_SELECTOR, f'label[for="{radio.get_attribute("id")}"]')
        if label.text.strip() == option:
            label.click()
            assert radio.is_selected(), f"clicking 「{option}」 did not choose it for {name!r}"
            return
    raise AssertionError(f"{name!r} has no option 「{option}」")


def tick(driver, name: str) -> None:
    """A declaration checkbox, ticked by clicking its label."""
    box = control(driver, name)
    assert box.get_attribute("type") == "checkbox", f"{name!r} is not a checkbox"
    if not box.is_selected():
        driver.find_element(By.CSS_SELECTOR, f'label[for="{box.get_attribute("id")}"]').click()
    assert box.is_selected(), f"clicking the label of {name!r} did not tick it"


def pick(driver, name: str, option: str) -> None:
    """A drop-down list (<select>)."""
    Select(control(driver, name)).select_by_visible_text(option)


def fill_bank_account(driver, name: str, *, bank: str, branch: str, kind: str, number: str, holder: str) -> None:
    """A bank account: 金融機関コード, 支店コード, 預金種別, 口座番号, 口座名義（カナ）."""
    fill(driver, f"{name}.bank_code", bank)
    fill(driver, f"{name}.branch_code", branch)
    pick(driver, f"{name}.type", kind)
    fill(driver, f"{name}.number", number)
    fill(driver, f"{name}.holder", holder)


def shown(driver, name: str) -> bool:
    """Whether a (conditional) control is on screen."""
    return any(e.is_displayed() for e in driver.find_elements(By.NAME, name))


# --- the test -----------------------------------------------------------------------------------


def test_jidou_teate_claim_from_search_to_status(driver, base_url):
    # トップ → 検索結果 → 手続のページ → 申請をはじめる
    visit(driver, base_url + "/")
    search_label = driver.find_element(By.XPATH, "//main//label[contains(., 'キーワード')]")
    driver.find_element(By.ID, search_label.get_attribute("for")).send_keys("児童手当")
    press(driver, "検索")
    expect_page(driver, "検索結果")
    press(driver, PROCEDURE_NAME)
    assert driver.current_url.endswith(PROCEDURE_PATH), driver.current_url
    expect_page(driver, PROCEDURE_NAME)
    press(driver, "申請をはじめる")

    # 請求者 — sent once without the phone number
    expect_page(driver, "請求者")
    typed = {
        "event_date": "2026年11月10日",
        "previous_address": "東京都千代田区千代田1-1",
        "claimant_name.family": "山田",
        "claimant_name.given": "太郎",
        "claimant_kana.family": "やまだ",
        "claimant_kana.given": "たろう",
        "claimant_birth_date": "昭和60年4月1日",
        "claimant_individual_number": CLAIMANT_NUMBER,
        "claimant_postal_code": "１００－０００１",
        "claimant_address": "デモ市本町1丁目2番3号",
        "claimant_employer": "株式会社デモ商事",
    }
    choose(driver, "claim_reason", "他の市区町村からの転入")
    assert shown(driver, "previous_address"), "転入前の住所 must appear for a 転入"
    assert not shown(driver, "claim_reason_other")
    choose(driver, "claimant_type", "児童の父又は母")
    tick(driver, "higher_income_declaration")
    choose(driver, "claimant_pension", "厚生年金保険（会社員等・被用者）")
    assert shown(driver, "claimant_employer"), "勤務先の名称 must appear for 厚生年金"
    for name, value in typed.items():
        fill(driver, name, value)
    tick(driver, "not_public_servant")
    send_step(driver)

    expect_page(driver, "請求者")
    check_error_summary(driver, missing="claimant_phone")
    for name, value in typed.items():
        assert control(driver, name).get_attribute("value") == value, f"{name!r} lost what was typed"
    chosen = ("claim_reason", "claimant_type", "higher_income_declaration", "claimant_pension", "not_public_servant")
    for name in chosen:
        assert any(e.is_selected() for e in driver.find_elements(By.NAME, name)), f"{name!r} lost its choice"
    fill(driver, "claimant_phone", "090-1234-5678")
    send_step(driver)

    # 配偶者
    expect_page(driver, "配偶者")
    choose(driver, "has_spouse", "有")
    fill_name(driver, "spouse_name", "山田", "花子")
    fill_name(driver, "spouse_kana", "やまだ", "はなこ")
    fill(driver, "spouse_individual_number", SPOUSE_NUMBER)
    choose(driver, "spouse_living", "同居")
    assert not shown(driver, "spouse_address"), "the spouse's address is only asked when living apart"
    send_step(driver)

    # 支給要件児童 — the first child, then a second one added with 「…を追加する」
    expect_page(driver, "支給要件児童")
    fill_name(driver, "children.0.child_name", "山田", "一郎")
    fill_name(driver, "children.0.child_kana", "やまだ", "いちろう")
    fill(driver, "children.0.child_birth_date", "R5.6.1")
    pick(driver, "children.0.child_relationship", "子")
    choose(driver, "children.0.child_livelihood", "同一（生計を同じくする）")
    choose(driver, "children.0.child_living", "同居")
    add = driver.find_element(By.XPATH, "//main//button[contains(normalize-space(.), 'を追加する')]")
    press(driver, add.text.strip())

    expect_page(driver, "支給要件児童")
    assert control(driver, "children.0.child_name.given").get_attribute("value") == "一郎", (
        "adding a child must keep the first child's entries"
    )
    fill_name(driver, "children.1.child_name", "山田", "二郎")
    fill_name(driver, "children.1.child_kana", "やまだ", "じろう")
    fill(driver, "children.1.child_birth_date", "2025年8月20日")
    pick(driver, "children.1.child_relationship", "子")
    choose(driver, "children.1.child_livelihood", "同一（生計を同じくする）")
    choose(driver, "children.1.child_living", "別居")
    assert not shown(driver, "children.0.child_address"), "the first child lives with the claimant"
    fill(driver, "children.1.child_individual_number", SECOND_CHILD_NUMBER)
    fill(driver, "children.1.child_postal_code", "５３０－０００１")
    fill(driver, "children.1.child_address", "大阪府大阪市北区梅田1-1-1")
    screenshot(driver, "jidou-teate-two-children.png")
    send_step(driver)

    # 児童の兄姉等
    expect_page(driver, "児童の兄姉等")
    choose(driver, "has_older_siblings", "いない／子は2人以下")
    assert not shown(driver, "older_siblings.0.sibling_name.family")
    send_step(driver)

    # 受取口座・確認事項
    expect_page(driver, "受取口座・確認事項")
    choose(driver, "payment_account_choice", "口座を指定する")
    fill_bank_account(
        driver, "bank_account", bank="0001", branch="001", kind="普通", number="1234567", holder="ヤマダ タロウ"
    )
    tick(driver, "account_own_name")
    tick(driver, "consent_public_records")
    tick(driver, "declaration")
    send_step(driver)

    # 添付書類: upload a copy of the passbook (a real, tiny PDF)
    expect_page(driver, "添付書類")
    passbook = SHOTS.parent / "madoguchi-e2e-通帳.pdf"
    passbook.write_bytes(b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n")
    control(driver, "document_bank_account_proof").send_keys(str(passbook))
    send_step(driver, "入力内容を確認する")

    # 入力内容の確認
    expect_page(driver, "入力内容の確認")
    review = driver.find_element(By.TAG_NAME, "main").text
    assert "madoguchi-e2e-通帳.pdf" in review, "the attached file must be listed on the review page"
    for given in ("一郎", "二郎"):
        assert re.search(rf"山田\s*{given}", review), f"the review must list the child 山田 {given}"
    assert CLAIMANT_NUMBER_MASKED in review, f"the 個人番号 must be shown as 「{CLAIMANT_NUMBER_MASKED}」"
    on_screen = re.sub(r"\s", "", driver.find_element(By.TAG_NAME, "body").text)
    for number in (CLAIMANT_NUMBER, SPOUSE_NUMBER, SECOND_CHILD_NUMBER):
        assert number not in on_screen, f"a full 個人番号 ({number}) is shown on the review page"
    press(driver, "この内容で申請する")

    # 控え
    expect_page(driver, "申請を受け付けました")
    receipt_number = driver.find_element(By.ID, "receipt-number").text.strip()
    assert re.fullmatch(r"\d{4}-(\d{6}|[1-9]\d{6,7})-\d", receipt_number), f"unexpected 受付番号 {receipt_number!r}"
    inquiry_key = driver.find_element(By.ID, "inquiry-key").text.strip()
    assert inquiry_key, "the 控え must show the 照会キー"
    screenshot(driver, "jidou-teate-receipt.png")

    # 申請状況の確認
    visit(driver, base_url + "/status")
    expect_page(driver, "申請状況の確認")
    fill(driver, "receipt_number", receipt_number)
    fill(driver, "inquiry_key", inquiry_key)
    press(driver, "確認する")
    status = driver.find_element(By.TAG_NAME, "main")
    assert receipt_number in status.text, "the status page must repeat the 受付番号"
    assert status.find_element(By.ID, "current-status").text.strip() == "受付"


def check_error_summary(driver, *, missing: str) -> None:
    """The error summary lists the problem, its link leads to (and focuses) the invalid field."""
    assert driver.title.startswith("エラー"), f"the <title> must say there is an error: {driver.title!r}"
    summary = driver.find_element(By.CSS_SELECTOR, ".error-summary")
    assert summary.is_displayed()
    links = summary.find_elements(By.CSS_SELECTOR, "a[href^='#']")
    assert links, "the error summary must link to the fields in error"
    for link in links:
        target = driver.find_element(By.ID, link.get_attribute("href").split("#", 1)[1])
        assert target.get_attribute("aria-invalid") == "true", f"#{target.get_attribute('id')} is not aria-invalid"
    field = control(driver, missing)
    to_field = [a for a in links if a.get_attribute("href").endswith("#" + field.get_attribute("id"))]
    assert to_field, f"no error-summary link leads to the empty field {missing!r}"
    to_field[0].click()
    assert driver.switch_to.active_element == field, f"the summary link must take the focus to {missing!r}"
