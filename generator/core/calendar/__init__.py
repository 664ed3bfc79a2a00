"""Event calendars: occurrences, 农历 labels, the Shui festival aid, pages, iCal feeds, JSON-LD.

Each module has one job; `feature.CalendarFeature` ties them together for a build.
"""
