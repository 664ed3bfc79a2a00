"""The Shui aid's 60-day cycle and candidate days, verified against lunar-python's 日干支."""
from __future__ import annotations

from datetime import date, timedelta

from lunar_python import Solar

from generator.core.calendar.shui import candidates, day_ganzhi, duan_window, mao_window


def _lunar(day: date):
    return Solar.fromYmd(day.year, day.month, day.day).getLunar()


def test_day_cycle_matches_lunar_python():
    day = date(1901, 1, 1)
    while day <= date(2099, 12, 31):
        assert day_ganzhi(day) == _lunar(day).getDayInGanZhi(), day
        day += timedelta(days=97)  # 97 ≡ 37 (mod 60), co-prime with 60: every position is visited
    for offset in range(60):  # and one whole cycle, day by day
        day = date(2026, 1, 1) + timedelta(days=offset)
        assert day_ganzhi(day) == _lunar(day).getDayInGanZhi(), day


def _every_day(first: date, last: date):
    while first <= last:
        yield first
        first += timedelta(days=1)


def test_duan_candidates_are_every_hai_day_of_the_window():
    for year in (2024, 2025, 2026, 2027):
        window = duan_window(year)
        assert _lunar(window.first).getMonth() == 8 and _lunar(window.first).getDay() == 21
        assert _lunar(window.last).getMonth() == 10 and _lunar(window.last).getDay() == 10
        expected = [d for d in _every_day(window.first, window.last) if _lunar(d).getDayZhi() == "亥"]
        assert candidates("duan", year) == expected and len(expected) >= 4


def test_mao_candidates_cover_months_5_and_6_with_a_leap_month():
    # 2025 has 闰六月: its 卯 days are candidates too.
    for year in (2025, 2026):
        window = mao_window(year)
        assert abs(_lunar(window.first).getMonth()) == 5 and _lunar(window.first).getDay() == 1
        after = _lunar(window.last + timedelta(days=1))
        assert after.getMonth() == 7 and after.getDay() == 1
        expected = [d for d in _every_day(window.first, window.last) if _lunar(d).getDayZhi() == "卯"]
        assert candidates("mao", year) == expected
    assert any(_lunar(d).getMonth() == -6 for d in candidates("mao", 2025))


def test_known_2026_duan_candidates():
    assert candidates("duan", 2026) == [date(2026, 10, 4), date(2026, 10, 16), date(2026, 10, 28), date(2026, 11, 9)]
