"""The server's 祝日 (MadoguchiDomain.JapaneseHolidays) against PyPI `holidays`, its Japan calendar.

`madoguchi calendar holidays 1949 2099` prints what the server reckons with; every date must be a
holiday there and nowhere else. Names must agree too, except for the one-off days, which the server
names after their laws in full (皇太子明仁親王の結婚の儀 where `holidays` says 結婚の儀).

Run by scripts/test with MADOGUCHI_BIN set to the debug build.
"""

from __future__ import annotations

import os
import subprocess

import holidays

FIRST_YEAR, LAST_YEAR = 1949, 2099
NAMED_IN_FULL = {"1959-04-10", "1989-02-24", "1993-06-09", "2019-10-22"}


def ours() -> dict[str, str]:
    output = subprocess.run(
        [os.environ["MADOGUCHI_BIN"], "calendar", "holidays", str(FIRST_YEAR), str(LAST_YEAR)],
        check=True, capture_output=True, text=True,
    ).stdout
    return dict(line.split(" ", 1) for line in output.splitlines())


def theirs() -> dict[str, str]:
    calendar = holidays.Japan(years=range(FIRST_YEAR, LAST_YEAR + 1), language="ja")
    return {day.isoformat(): name for day, name in calendar.items()}


def test_the_same_days_are_holidays():
    mine, reference = ours(), theirs()
    assert len(reference) > 2000
    assert sorted(set(mine) - set(reference)) == [], "holidays only the server has"
    assert sorted(set(reference) - set(mine)) == [], "holidays the server misses"


def test_the_holidays_have_the_same_names():
    mine, reference = ours(), theirs()
    differing = {day: (mine[day], reference[day]) for day in mine if day in reference and mine[day] != reference[day]}
    assert set(differing) <= NAMED_IN_FULL, differing
