"""Words for dates, kinds and statuses, Chinese first and English second."""
from __future__ import annotations

from datetime import date, datetime

from ..labels import KIND_LABELS
from ..model import EVENT_KINDS

WEEKDAYS_ZH = ("星期一", "星期二", "星期三", "星期四", "星期五", "星期六", "星期日")
WEEKDAYS_EN = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
MONTHS_EN = ("January", "February", "March", "April", "May", "June", "July", "August",
             "September", "October", "November", "December")

KINDS = {code: KIND_LABELS[code] for code in EVENT_KINDS}
STATUSES = {
    "scheduled": ("按期举行", "Scheduled"),
    "cancelled": ("已取消", "Cancelled"),
    "postponed": ("已延期", "Postponed"),
}


def date_zh(day: date) -> str:
    """2026年2月17日 星期二"""
    return f"{day.year}年{day.month}月{day.day}日 {WEEKDAYS_ZH[day.weekday()]}"


def date_en(day: date) -> str:
    """Tuesday 17 February 2026"""
    return f"{WEEKDAYS_EN[day.weekday()]} {day.day} {MONTHS_EN[day.month - 1]} {day.year}"


def range_zh(first: date, last: date) -> str:
    return date_zh(first) if first == last else f"{date_zh(first)} 至 {date_zh(last)}"


def range_en(first: date, last: date) -> str:
    return date_en(first) if first == last else f"{date_en(first)} – {date_en(last)}"


def month_zh(year: int, month: int) -> str:
    return f"{year}年{month}月"


def month_en(year: int, month: int) -> str:
    return f"{MONTHS_EN[month - 1]} {year}"


def time_range(start: datetime, end: datetime | None) -> str:
    """19:00–21:00, with the end's date when it ends on another day."""
    if end is None:
        return f"{start:%H:%M}"
    if end.date() == start.date():
        return f"{start:%H:%M}–{end:%H:%M}"
    return f"{start:%H:%M}–{end:%Y-%m-%d %H:%M}"


def utc_offset(moment: datetime) -> str:
    """UTC+08:00"""
    offset = moment.strftime("%z")  # +0800
    return f"UTC{offset[:3]}:{offset[3:]}" if offset else "UTC"


def kind(code: str) -> dict[str, str]:
    zh, en = KINDS.get(code, (code, code))
    return {"code": code, "zh": zh, "en": en}


def status(code: str) -> dict[str, str]:
    zh, en = STATUSES.get(code, (code, code))
    return {"code": code, "zh": zh, "en": en}
