"""The features every build runs, in order: classes, instantiated afresh for each build."""
from __future__ import annotations

from .site import Feature

FEATURES: list[type[Feature]] = []
