"""农历 (Chinese lunisolar calendar): labels for Gregorian days, and lunar rules → Gregorian dates.

lunar-python is the source of truth. Asking it for every day costs ~1 ms a day, so we ask it
once per lunar year for its months (first day and length) and look days up in that table.
"""
from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache

from lunar_python import Lunar, LunarYear
from lunar_python.util import LunarUtil

from ..model import LunarRule

# lunar-python agrees with sxtwl, zhdate and cnlunar in this range; outside it we do not trust it.
SUPPORTED_YEARS = (1901, 2099)
_JULIAN_DAY_TO_ORDINAL = 1721425  # Julian day number at noon minus date.toordinal()


@dataclass(frozen=True)
class LunarMonth:
    year: int          # lunar year (the one whose 正月 began before or in this month)
    month: int         # 1..12
    leap: bool         # 闰月
    first: date        # Gregorian date of 初一
    days: int          # 29 or 30

    @property
    def name_zh(self) -> str:
        return f"{'闰' if self.leap else ''}{LunarUtil.MONTH[self.month]}月"

    @property
    def name_en(self) -> str:
        return f"{'leap ' if self.leap else ''}lunar month {self.month}"


@dataclass(frozen=True)
class LunarDay:
    month: LunarMonth
    day: int           # 1..30

    @property
    def day_zh(self) -> str:
        return LunarUtil.DAY[self.day]

    @property
    def label_zh(self) -> str:
        """农历正月初一"""
        return f"农历{self.month.name_zh}{self.day_zh}"

    @property
    def label_en(self) -> str:
        """lunar month 1, day 1"""
        return f"{self.month.name_en}, day {self.day}"

    @property
    def short_zh(self) -> str:
        """What a calendar cell shows: the day, or the month's name on its first day."""
        return self.month.name_zh if self.day == 1 else self.day_zh


@lru_cache(maxsize=512)
def months_of(lunar_year: int) -> tuple[LunarMonth, ...]:
    """Every month of one lunar year, leap month included, in order."""
    found = []
    for item in LunarYear.fromYear(lunar_year).getMonths():
        if item.getYear() != lunar_year:
            continue  # the table also lists neighbouring years' months
        first = date.fromordinal(int(item.getFirstJulianDay()) - _JULIAN_DAY_TO_ORDINAL)
        number = item.getMonth()
        found.append(LunarMonth(lunar_year, abs(number), number < 0, first, item.getDayCount()))
    return tuple(found)


def lunar_day(day: date) -> LunarDay:
    """The lunar date of a Gregorian day."""
    # A Gregorian day falls in the lunar year of the same number or the one before.
    months = months_of(day.year - 1) + months_of(day.year)
    index = bisect_right([m.first for m in months], day) - 1
    month = months[index]
    return LunarDay(month, (day - month.first).days + 1)


def in_supported_range(year: int) -> bool:
    return SUPPORTED_YEARS[0] <= year <= SUPPORTED_YEARS[1]


@dataclass(frozen=True)
class RuleDate:
    """Where a lunar rule falls in one lunar year."""
    lunar_year: int
    first: date
    last: date
    clamped: bool      # the rule's day 30 fell in a 29-day month and was moved to day 29


def resolve_rule(rule: LunarRule, lunar_year: int) -> RuleDate | None:
    """The Gregorian days of a lunar rule in one lunar year, or None when that year lacks the
    month (a leap month exists in only some years).

    A day 30 in a 29-day month ("小月") is clamped to day 29: that is how 除夕 (腊月三十) and
    other month-end days are kept when the month is short, so the festival is never lost.
    """
    for month in months_of(lunar_year):
        if month.month == rule.month and month.leap == rule.leap:
            day = min(rule.day, month.days)
            first = month.first + timedelta(days=day - 1)
            return RuleDate(lunar_year, first, first + timedelta(days=rule.days - 1),
                            clamped=day != rule.day)
    return None


def rule_label_zh(rule: LunarRule) -> str:
    month = f"{'闰' if rule.leap else ''}{LunarUtil.MONTH[rule.month]}月"
    days = f"起，共{rule.days}天" if rule.days > 1 else ""
    return f"每年农历{month}{LunarUtil.DAY[rule.day]}{days}"


def rule_label_en(rule: LunarRule) -> str:
    month = f"{'leap ' if rule.leap else ''}lunar month {rule.month}"
    days = f", for {rule.days} days" if rule.days > 1 else ""
    return f"every year on {month}, day {rule.day}{days}"


def year_label_zh(lunar_year: int) -> str:
    """The lunar year that begins in this Gregorian year, e.g. 农历丙午年（马年）."""
    animal = Lunar.fromYmd(lunar_year, 1, 1).getYearShengXiao()
    return f"农历{LunarYear.fromYear(lunar_year).getGanZhi()}年（{animal}年）"
