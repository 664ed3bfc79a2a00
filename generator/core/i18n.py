"""The archive's languages: Simplified Chinese at the site's root, English below /en/.

One build makes one language; the plugin runs the others after the first (see
`generator/languages.py`). Everything here is plain data about a language and how to pick a
field's text in it.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any

TRANSLATION_SUFFIX = ".en.md"   # about.en.md beside about.md; index.en.md in an entry's bundle


@dataclass(frozen=True)
class Language:
    code: str           # Material's theme.language and the name of our string table
    html_lang: str      # BCP 47 tag for <html lang> and hreflang
    prefix: str         # where this language's pages live below the published root
    name: str           # the language's own name, for the switcher
    og_locale: str      # Open Graph's og:locale (language_TERRITORY)

    @property
    def is_default(self) -> bool:
        return self.prefix == ""


ZH = Language("zh", "zh-Hans", "", "中文", "zh_CN")
EN = Language("en", "en", "en/", "English", "en_US")
LANGUAGES: dict[str, Language] = {ZH.code: ZH, EN.code: EN}
DEFAULT = ZH


def language(code: str | None) -> Language:
    """The language Material is configured for; unknown codes fall back to the default."""
    return LANGUAGES.get((code or "").split("-")[0].lower(), DEFAULT)


def other_languages(current: Language) -> list[Language]:
    return [lang for lang in LANGUAGES.values() if lang != current]


def language_path(page_url: str, lang: Language) -> str:
    """Where a page lives in `lang`, from the root of the default language's site:
    crafts/x/ in Chinese, en/crafts/x/ in English."""
    return f"{lang.prefix}{page_url}"


def default_root(site_url: str, base_url: str, current: Language) -> str:
    """The default language's root seen from a page of `current`: absolute when the site's
    address is known (search engines want that), else relative to the page (`base_url`)."""
    if site_url:
        root = site_url[: -len(current.prefix)] if current.prefix and site_url.endswith(current.prefix) else site_url
        return root if root.endswith("/") else root + "/"
    return f"{base_url}/" + "../" * current.prefix.count("/")


def localized(data: dict[str, Any], name: str, lang: Language) -> tuple[Any, str]:
    """(text, html_lang of that text) of field `name` for `lang`: `name_en` in English when
    present, else the Chinese `name`, marked as Chinese so screen readers switch voice."""
    if lang.code != ZH.code:
        value = data.get(f"{name}_{lang.code}")
        if value:
            return value, lang.html_lang
    return data.get(name), ZH.html_lang


def text_in(lang: Language, zh: str, en: str) -> str:
    """Words that core code writes (page titles, feed names), in the build's language."""
    return zh if lang.code == ZH.code else en


def in_language(data: dict[str, Any], lang: Language, base: str | None = None) -> Any:
    """The `lang` member of a bilingual pair in template data: `data["en"]` (or
    `data["when_en"]` with base "when"), falling back to Chinese when English is missing."""
    if not data:
        return data
    key = f"{base}_{lang.code}" if base else lang.code
    fallback = f"{base}_{ZH.code}" if base else ZH.code
    return data.get(key) or data.get(fallback)


def is_translation(relpath: str) -> bool:
    return relpath.endswith(TRANSLATION_SUFFIX)


def translation_of(relpath: str) -> str:
    """crafts/x/index.md -> crafts/x/index.en.md"""
    return relpath[: -len(".md")] + TRANSLATION_SUFFIX
