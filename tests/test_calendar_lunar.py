"""农历 labels and lunar rules, checked against lunar-python's own day-by-day conversion."""
from __future__ import annotations

from datetime import date, timedelta

from lunar_python import Solar

from generator.core.calendar.lunar import lunar_day, resolve_rule, rule_label_en, rule_label_zh
from generator.core.model import LunarRule


def test_spring_festival_2026_is_first_day_of_first_month():
    assert lunar_day(date(2026, 2, 17)).label_zh == "农历正月初一"
    assert lunar_day(date(2026, 2, 16)).label_zh == "农历腊月廿九"  # 2025's 腊月 has 29 days


def test_spring_festival_rule_gives_gregorian_dates():
    rule = LunarRule(month=1, day=1)
    assert resolve_rule(rule, 2026).first == date(2026, 2, 17)
    assert resolve_rule(rule, 2027).first == date(2027, 2, 6)


def test_month_table_agrees_with_lunar_python():
    day = date(1901, 2, 1)
    while day < date(2099, 12, 1):
        expected = Solar.fromYmd(day.year, day.month, day.day).getLunar()
        ours = lunar_day(day)
        month = -ours.month.month if ours.month.leap else ours.month.month
        assert (ours.month.year, month, ours.day) == (expected.getYear(), expected.getMonth(), expected.getDay()), day
        assert ours.label_zh == "农历" + expected.getMonthInChinese() + "月" + expected.getDayInChinese()
        day += timedelta(days=151)  # lands on all kinds of days: month ends, leap months


def test_day_30_in_a_short_month_is_clamped_to_29():
    # 腊月 of lunar year 2026 has 29 days: 除夕 falls on 腊月廿九 (2027-02-05).
    found = resolve_rule(LunarRule(month=12, day=30), 2026)
    assert found.first == date(2027, 2, 5) and found.clamped
    assert lunar_day(found.first).day_zh == "廿九"
    assert not resolve_rule(LunarRule(month=12, day=29), 2026).clamped


def test_day_30_in_a_long_month_stays_day_30():
    # 腊月 of lunar year 2023 has 30 days: 除夕 is 腊月三十 (2024-02-09), not 廿九.
    found = resolve_rule(LunarRule(month=12, day=30), 2023)
    assert found.first == date(2024, 2, 9) and not found.clamped
    assert lunar_day(found.first).day_zh == "三十"


def test_day_30_follows_each_months_length_for_decades():
    seen = set()
    for year in range(2020, 2040):
        found = resolve_rule(LunarRule(month=12, day=30), year)
        assert lunar_day(found.first + timedelta(days=1)).day == 1, year  # always the month's last day
        day = lunar_day(found.first).day
        assert found.clamped == (day == 29), year
        seen.add(day)
    assert seen == {29, 30}


def test_leap_month_rule_only_in_years_with_that_leap_month():
    rule = LunarRule(month=6, day=1, leap=True)
    assert resolve_rule(rule, 2025).first == date(2025, 7, 25)   # 2025 has 闰六月
    assert resolve_rule(rule, 2026) is None
    assert lunar_day(date(2025, 7, 25)).label_zh == "农历闰六月初一"


def test_multi_day_rule_and_labels():
    rule = LunarRule(month=1, day=1, days=3)
    found = resolve_rule(rule, 2026)
    assert (found.first, found.last) == (date(2026, 2, 17), date(2026, 2, 19))
    assert rule_label_zh(rule) == "每年农历正月初一起，共3天"
    assert rule_label_en(rule) == "every year on the 1st day of the 1st lunar month, for 3 days"


def test_year_names_are_read_as_pypinyin_reads_them():
    """The calendar's own table of the stems and branches gives the syllables pypinyin gives, for
    each of the sixty year names."""
    from lunar_python import LunarYear
    from pypinyin import Style, lazy_pinyin

    from generator.core.calendar.lunar import year_label_en
    for year in range(1984, 2044):
        expected = "-".join(lazy_pinyin(LunarYear.fromYear(year).getGanZhi(), style=Style.NORMAL))
        assert year_label_en(year).startswith(f"lunar year {expected} ("), year
