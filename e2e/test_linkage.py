"""End to end: packages from マイナポータル, as staff see them in Chromium with axe-core.

Writes signed sample packages (`madoguchi demo-packages`) and one broken package, imports them
with `madoguchi import` into the e2e server's database, loads the register and serial numbers
that match nine signers in ten, and then, as a 担当 of every 課: reads the matching queue and the
held-back packages, opens a waiting application and matches its applicant by hand. JavaScript on
and off; axe-core checks every page shown, the transcription view (方式1/2) among them.
"""

from __future__ import annotations

import csv
import os
import re
import subprocess
import tempfile
import uuid

import pytest
from selenium.webdriver.common.by import By
from test_back_office import accessible, browser, fill, first_sign_in, madoguchi, press

DEPARTMENTS = ["こども支援課", "保育課", "健康推進課", "介護保険課", "防災課", "市民課"]


def run(*arguments: str, env: dict[str, str]) -> str:
    done = madoguchi_with(env, *arguments)
    assert done.returncode == 0, done.stdout + done.stderr
    return done.stdout


def madoguchi_with(env: dict[str, str], *arguments: str) -> subprocess.CompletedProcess:
    binary = os.environ["MADOGUCHI_BIN"]
    environment = {**os.environ, "MADOGUCHI_DATA_DIR": os.environ["MADOGUCHI_E2E_DATA_DIR"], **env}
    return subprocess.run([binary, *arguments], capture_output=True, text=True, env=environment, timeout=300)


@pytest.mark.parametrize("javascript", [True, False], ids=["js-on", "js-off"])
def test_packages_from_the_portal_reach_the_inbox_and_the_matching_queue(base_url, javascript):
    suffix = ("on-" if javascript else "off-") + uuid.uuid4().hex[:6]
    prefix = "E2E" + uuid.uuid4().hex[:6].upper()
    with tempfile.TemporaryDirectory(prefix="madoguchi-e2e-packages-") as folder:
        run("demo-packages", "--count", "40", "--out", folder, "--prefix", prefix, env={})
        with open(os.path.join(folder, "broken.zip"), "wb") as broken:
            broken.write(b"PK\x03\x04 this is not a whole archive")
        anchors = {"MADOGUCHI_PORTAL_TRUST_ANCHORS": os.path.join(folder, "trust-anchors.pem")}
        summary = run("import", folder, env=anchors)
        assert "imported: 40" in summary and "quarantined (corrupt): 1" in summary, summary
        run("register", "residents", os.path.join(folder, "register.csv"), env={})
        serials = run("register", "serials", os.path.join(folder, "serials.csv"), env={})
        assert "applications matched: 36" in serials, serials
        with open(os.path.join(folder, "register.csv"), encoding="utf-8") as register:
            atena, name = next((row[0], row[1]) for row in list(csv.reader(register))[1:])

    made = madoguchi(
        "staff", "add", "--municipality", "990019", "--login", f"link-{suffix}", "--name", "連携 担当",
        "--role", "case_worker", *[arg for d in DEPARTMENTS for arg in ("--department", d)],
    )
    assert made.returncode == 0, made.stderr
    worker = browser(javascript)
    try:
        first_sign_in(worker, base_url, f"link-{suffix}", re.search(r"one-time password: (\S+)", made.stdout).group(1))
        worker.get(base_url + "/staff/linkage/quarantine")
        accessible(worker)
        assert "broken.zip" in worker.page_source and "ZIPファイルとして読めません。" in worker.page_source
        worker.get(base_url + "/staff/linkage/matching")
        accessible(worker)
        # this run's waiting applications (an earlier run's may wait too)
        waiting = worker.find_elements(By.XPATH, f"//tr[td[contains(., '{prefix}-')]]//a")
        assert waiting, worker.page_source[:2000]
        waiting[0].click()
        accessible(worker)
        assert "マイナポータル受付番号" in worker.page_source and prefix in worker.page_source
        fill(worker, "atena_number", atena)
        press(worker, "紐付ける")
        assert "申請者を紐付けました。" in worker.page_source
        accessible(worker)
        # the register's name beside the certificate's
        assert name in worker.page_source and "DEMO APPLICANT" in worker.page_source
        # 方式1/2: the transcription view, its values under stable ids, copy buttons with JavaScript
        worker.get(worker.current_url.split("?")[0] + "/transcription")
        accessible(worker)
        assert worker.find_element(By.ID, "t-receipt_number").get_attribute("value")
        copy = worker.find_element(By.CSS_SELECTOR, "button[data-copy='t-receipt_number']")
        assert copy.is_displayed() == javascript
    finally:
        worker.quit()
