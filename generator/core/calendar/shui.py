"""The Shui festival aid: candidate 亥 (Duan) and 卯 (Mao) days of a year.

Villages choose their Duan Festival (端节) among the 亥 days from lunar month 8 day 21 to lunar
month 10 day 10, and their Mao Festival (卯节) among the 卯 days of lunar months 5 and 6.
We list the candidates only; the actual dates are set by each village and announced locally.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from lunar_python.util import LunarUtil

from ..model import LunarRule
from .lunar import months_of, resolve_rule

# The sexagenary (60-day) cycle runs unbroken: index 0 (甲子) falls on ordinals ≡ 46 (mod 60).
# tests/test_calendar_shui.py checks this against lunar-python's 日干支 day by day.
_CYCLE_OFFSET = 14
HAI, MAO = 11, 3   # positions of 亥 and 卯 among the twelve branches (子 = 0)


def day_cycle(day: date) -> int:
    """0 (甲子) … 59 (癸亥)."""
    return (day.toordinal() + _CYCLE_OFFSET) % 60


def day_ganzhi(day: date) -> str:
    """日干支, e.g. 壬戌."""
    return LunarUtil.JIA_ZI[day_cycle(day)]


def branch(day: date) -> int:
    return day_cycle(day) % 12


@dataclass(frozen=True)
class Window:
    first: date
    last: date


def duan_window(year: int) -> Window:
    """Lunar month 8 day 21 to lunar month 10 day 10 (inclusive) of lunar year `year`."""
    first = resolve_rule(LunarRule(month=8, day=21), year)
    last = resolve_rule(LunarRule(month=10, day=10), year)
    return Window(first.first, last.first)


def mao_window(year: int) -> Window:
    """Lunar months 5 and 6 of lunar year `year`, with a leap 5th or 6th month when there is one."""
    months = [m for m in months_of(year) if m.month in (5, 6)]
    return Window(months[0].first, months[-1].first + timedelta(days=months[-1].days - 1))


RULES = {
    "duan": (HAI, duan_window),
    "mao": (MAO, mao_window),
}


def candidates(kind: str, year: int) -> list[date]:
    """The candidate days of a Shui festival in lunar year `year` (which lies within Gregorian
    year `year`: lunar months 5–10 never cross a Gregorian new year)."""
    wanted, window_of = RULES[kind]
    window = window_of(year)
    first_match = (wanted - branch(window.first)) % 12
    found = []
    day = window.first + timedelta(days=first_match)
    while day <= window.last:
        found.append(day)
        day += timedelta(days=12)
    return found
