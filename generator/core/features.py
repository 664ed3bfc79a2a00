"""The features every build runs, in order: classes, instantiated afresh for each build."""
from __future__ import annotations

from .calendar.feature import CalendarFeature
from .citation.feature import CitationFeature
from .crafts_jsonld import CraftsJsonLdFeature
from .culturallabels.feature import CulturalLabelsFeature
from .gallery.feature import GalleryFeature
from .glossary import GlossaryFeature
from .headmeta import HeadMetaFeature
from .lessons import LessonFeature
from .opendata.feature import OpenDataFeature
from .listings.feature import ListingsFeature
from .permalinks import PermalinkFeature
from .redirects import RedirectFeature
from .raw_html import RawHtmlFeature
from .search.feature import SearchFeature
from .site import Feature
from .withdrawal import WithdrawalFeature

# The gallery comes first: its image problems decide a strict build before anything else runs.
FEATURES: list[type[Feature]] = [
    GalleryFeature,
    RawHtmlFeature,
    CalendarFeature,
    PermalinkFeature,
    CitationFeature,
    LessonFeature,
    HeadMetaFeature,
    OpenDataFeature,
    WithdrawalFeature,
    CulturalLabelsFeature,
    GlossaryFeature,
    CraftsJsonLdFeature,
    RedirectFeature,
    ListingsFeature,  # last: its cards show what the others know of an entry (pictures, dates)
    SearchFeature,  # last: it indexes the pages the others helped write
]
