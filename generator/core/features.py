"""The features every build runs, in order: classes, instantiated afresh for each build."""
from __future__ import annotations

from .calendar.feature import CalendarFeature
from .site import Feature

FEATURES: list[type[Feature]] = [
    CalendarFeature,
]
