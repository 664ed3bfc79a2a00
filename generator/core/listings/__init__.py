"""Listings: section pages, taxonomy pages (tag, place, technique, year), cards and the home page.

Every listing is server-rendered and paginated, so the archive can be browsed without
JavaScript. Each module has one job; `feature.ListingsFeature` ties them together for a build.
"""
