"""転出届 in the browser: the 来庁予定日 is checked against the 翌開庁日 and the 転出予定日.

The earliest visit day the page announces is computed here independently, from PyPI `holidays`
(its Japan calendar) and the year-end closure (12/29–1/3), and must be the one the server states.
"""

from __future__ import annotations

import datetime

import holidays
from conftest import visit
from selenium.webdriver.common.by import By
from test_application_flow import choose, error_texts, expect_page, fill, fill_name, pick, send_step, tick

WAREKI_REIWA_START = 2018  # 令和N年 = 2018 + N
TO_REVIEW = "入力内容を確認する"  # the button of the last step


def today_in_japan() -> datetime.date:
    return (datetime.datetime.now(datetime.timezone.utc) + datetime.timedelta(hours=9)).date()


def next_open_day(day: datetime.date) -> datetime.date:
    """The next day a municipal office is open: not Saturday or Sunday, no holiday, not 12/29–1/3."""
    calendar = holidays.Japan(years=[day.year, day.year + 1])
    while True:
        day += datetime.timedelta(days=1)
        year_end = (day.month, day.day) >= (12, 29) or (day.month, day.day) <= (1, 3)
        if day.weekday() < 5 and day not in calendar and not year_end:
            return day


def wareki(day: datetime.date) -> str:
    return f"令和{day.year - WAREKI_REIWA_START}年{day.month}月{day.day}日"


def hint_of(driver, name: str) -> str:
    box = driver.find_element(By.NAME, name)
    ids = (box.get_attribute("aria-describedby") or "").split()
    return " ".join(driver.find_element(By.ID, i).text for i in ids)


def test_the_visit_day_follows_the_open_days_and_the_moving_date(driver, base_url):
    today = today_in_japan()
    visit(driver, base_url + "/procedures/tenshutsu/apply")

    # 届出人
    expect_page(driver, "届出人")
    fill_name(driver, "notifier_name", "山田", "太郎")
    fill_name(driver, "notifier_kana", "やまだ", "たろう")
    fill(driver, "notifier_birth_date", "昭和60年4月1日")
    fill(driver, "notifier_phone", "090-1234-5678")
    choose(driver, "notifier_role", "本人（異動者に含まれる）")
    fill(driver, "current_postal_code", "100-0001")
    fill(driver, "current_address", "デモ市本町1丁目2番3号")
    fill_name(driver, "current_householder_name", "山田", "太郎")
    send_step(driver)

    # 異動者
    expect_page(driver, "異動者")
    choose(driver, "moving_scope", "世帯全員")
    fill_name(driver, "movers.0.name", "山田", "太郎")
    fill_name(driver, "movers.0.kana", "やまだ", "たろう")
    fill(driver, "movers.0.birth_date", "昭和60年4月1日")
    choose(driver, "movers.0.sex", "男")
    pick(driver, "movers.0.relationship", "世帯主")
    choose(driver, "movers.0.has_my_number_card", "持っている")
    send_step(driver)

    # 転出先・来庁予定: the page says from which day a visit can be planned
    expect_page(driver, "転出先・来庁予定")
    # (the server may have rendered the page on the next day in Japan if the test crossed midnight)
    announced = {f"{wareki(next_open_day(day))}以降" for day in (today, today_in_japan())}
    assert any(text in hint_of(driver, "visit_date") for text in announced), hint_of(driver, "visit_date")
    tick(driver, "confirm_domestic")
    fill(driver, "new_postal_code", "530-0001")
    fill(driver, "new_address", "大阪府大阪市北区梅田1-1-1")
    fill(driver, "new_municipality", "大阪市北区")
    choose(driver, "new_householder_type", "異動者のうちの1人")
    fill_name(driver, "new_householder_name", "山田", "太郎")
    moving = today + datetime.timedelta(days=7)
    fill(driver, "move_date", moving.isoformat())

    # a visit today is refused, naming the first day allowed
    fill(driver, "visit_date", today.isoformat())
    send_step(driver, TO_REVIEW)
    expect_page(driver, "転出先・来庁予定")
    earliest = {wareki(max(next_open_day(day), moving)) for day in (today, today_in_japan())}
    assert any(day in text for day in earliest for text in error_texts(driver)), error_texts(driver)

    # so is one after the 14 days from the move (run on to the next open day when the 14th is
    # closed: 地方自治法第4条の2第4項)
    last = moving + datetime.timedelta(days=14)
    if next_open_day(last - datetime.timedelta(days=1)) != last:
        last = next_open_day(last)
    fill(driver, "visit_date", (last + datetime.timedelta(days=1)).isoformat())
    send_step(driver, TO_REVIEW)
    expect_page(driver, "転出先・来庁予定")
    assert any(wareki(last) in text for text in error_texts(driver)), error_texts(driver)

    # a visit three days after moving in goes through to the 確認画面
    fill(driver, "visit_date", (moving + datetime.timedelta(days=3)).isoformat())
    send_step(driver, TO_REVIEW)
    expect_page(driver, "入力内容の確認")
