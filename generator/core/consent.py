"""Consent rules: the people in the archive are living members of a small community.

- An `artisan` entry about a real person (not `illustrative`) needs `consent`: when it was
  given, what may be published, who recorded it.
- An image with `people: consented` needs that record on the image or on its entry.
- A consent record never holds contact details: an obvious phone number or e-mail address in
  it is a problem (the repository is public, and so is its history).

Images with `people: withheld` are never derived or published; the gallery feature enforces
that (and reports a withheld image used elsewhere), `views.public_fields` keeps them and every
consent record out of what is published.
"""
from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

from .frontmatter_source import line_of
from .problems import Problem, problem

if TYPE_CHECKING:
    from .loader import Record

CONSENT_TEXT_FIELDS = ("scope", "recorded_by")

_EMAIL = re.compile(r"[A-Za-z0-9._%+-]+\s*(@|＠|\[at\]|\(at\))\s*[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}")
# Dates (2026-03-01, 2026年3月1日, 2026.3.1) are not phone numbers: they are blanked first.
_DATE = re.compile(r"\d{4}\s*[-./年]\s*\d{1,2}\s*[-./月]\s*\d{1,2}\s*日?")
# A run of digits with the separators people type inside phone numbers.
_DIGIT_RUN = re.compile(r"\+?[0-9０-９][0-9０-９\s().\-－]*[0-9０-９]")
PHONE_DIGITS = 7  # the shortest local number in China; 11 for a mobile


def contact_details_in(text: str) -> tuple[str, str] | None:
    """What kind of contact detail a text plainly holds, in Chinese and English, if any. The
    detail itself is never repeated: problems are printed in logs and previews."""
    if _EMAIL.search(text):
        return "电子邮件地址", "an e-mail address"
    blanked = _DATE.sub(" ", text)
    for match in _DIGIT_RUN.finditer(blanked):
        if sum(ch.isdigit() for ch in match.group(0)) >= PHONE_DIGITS:
            return "电话号码", "a phone number"
    return None


def check_consent(record: Record) -> list[Problem]:
    entry, relpath, lines = record.entry, record.relpath, record.lines
    found: list[Problem] = []
    entry_consent = getattr(entry, "consent", None)
    if (getattr(entry, "kind", None) == "artisan" and not getattr(entry, "illustrative", False)
            and entry_consent is None and "consent" not in lines):  # written but invalid: reported
        found.append(problem(
            relpath, "consent-missing", field="consent", line=line_of(lines, "kind"),
            detail_zh="关于真实人物的 artisan 条目须有 consent（date、scope、recorded_by），示例条目请写 illustrative: true",
            detail_en="an artisan entry about a real person needs consent (date, scope, recorded_by); "
                      "an example sets illustrative: true"))
    found += _contact_details(entry_consent, "consent", relpath, lines)
    for index, image in enumerate(getattr(entry, "gallery", None) or []):
        image_consent = getattr(image, "consent", None)
        where = f"gallery.{index}"
        found += _contact_details(image_consent, f"{where}.consent", relpath, lines)
        if (getattr(image, "people", None) == "consented" and image_consent is None and entry_consent is None
                and f"{where}.consent" not in lines and "consent" not in lines):
            found.append(problem(
                relpath, "consent-missing", field=f"{where}.people", line=line_of(lines, f"{where}.people"),
                detail_zh="people: consented 的图片须在图片或条目上写 consent（date、scope、recorded_by）",
                detail_en="an image with people: consented needs consent (date, scope, recorded_by) "
                          "on the image or on the entry"))
    return found


def _contact_details(consent: Any, field: str, relpath: str, lines: dict[str, int]) -> list[Problem]:
    found = []
    for name in CONSENT_TEXT_FIELDS:
        text = getattr(consent, name, None)
        contact = contact_details_in(text) if isinstance(text, str) else None
        if contact:
            path = f"{field}.{name}"
            found.append(problem(relpath, "contact-details", field=path, line=line_of(lines, path),
                                 detail_zh=f"这里有{contact[0]}；联系方式只留在记录人那里，不写进仓库",
                                 detail_en=f"this holds {contact[1]}; contact details stay with whoever "
                                           "recorded the consent, never in the repository"))
    return found
