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
        """the 1st lunar month, the leap 4th lunar month"""
        return f"the {'leap ' if self.leap else ''}{ordinal(self.month)} lunar month"


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
        """1st day of the 1st lunar month"""
        return f"{ordinal(self.day)} day of {self.month.name_en}"

    @property
    def short_en(self) -> str:
        """What an English calendar cell shows: lunar month/day, e.g. 1/15."""
        return f"{'L' if self.month.leap else ''}{self.month.month}/{self.day}"

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
    month = f"the {'leap ' if rule.leap else ''}{ordinal(rule.month)} lunar month"
    days = f", for {rule.days} days" if rule.days > 1 else ""
    return f"every year on the {ordinal(rule.day)} day of {month}{days}"


def ordinal(number: int) -> str:
    """1st, 2nd, 3rd, 4th … 11th, 12th, 13th … 21st"""
    suffix = "th" if 10 <= number % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(number % 10, "th")
    return f"{number}{suffix}"


# The ten stems and twelve branches that name a year (丙午: bing-wu), tone-less: the calendar
# needs no pinyin dictionary for 22 characters.
GANZHI_PINYIN = {"甲": "jia", "乙": "yi", "丙": "bing", "丁": "ding", "戊": "wu", "己": "ji", "庚": "geng",
                 "辛": "xin", "壬": "ren", "癸": "gui",
                 "子": "zi", "丑": "chou", "寅": "yin", "卯": "mao", "辰": "chen", "巳": "si", "午": "wu",
                 "未": "wei", "申": "shen", "酉": "you", "戌": "xu", "亥": "hai"}
ANIMALS_EN = {"鼠": "Rat", "牛": "Ox", "虎": "Tiger", "兔": "Rabbit", "龙": "Dragon", "蛇": "Snake",
              "马": "Horse", "羊": "Goat", "猴": "Monkey", "鸡": "Rooster", "狗": "Dog", "猪": "Pig"}


@lru_cache(maxsize=256)
def year_label_en(lunar_year: int) -> str:
    """The lunar year that begins in this Gregorian year, e.g. lunar year bing-wu (Year of the Horse)."""
    animal = Lunar.fromYmd(lunar_year, 1, 1).getYearShengXiao()
    ganzhi = "-".join(GANZHI_PINYIN[character] for character in LunarYear.fromYear(lunar_year).getGanZhi())
    return f"lunar year {ganzhi} (Year of the {ANIMALS_EN[animal]})"


@lru_cache(maxsize=256)  # lunar-python builds the whole year to name it: asked once per year page
def year_label_zh(lunar_year: int) -> str:
    """The lunar year that begins in this Gregorian year, e.g. 农历丙午年（马年）."""
    animal = Lunar.fromYmd(lunar_year, 1, 1).getYearShengXiao()
    return f"农历{LunarYear.fromYear(lunar_year).getGanZhi()}年（{animal}年）"
