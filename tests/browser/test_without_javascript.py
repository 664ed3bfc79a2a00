"""With JavaScript off, every entry, lesson, gallery, listing, taxonomy and calendar page, and the
home page, shows its content, and every listing's page links lead on.

The page's facts are read in one call per page (there are many calendar pages); each check
returns what is missing, so a failure lists every page at once.
"""
from __future__ import annotations

import pytest

pytestmark = pytest.mark.browser

READ_FACTS = """() => {
  const shown = node => !!node && node.checkVisibility() && node.getBoundingClientRect().height > 0;
  const article = document.querySelector("article");
  const heading = document.querySelector("article h1");
  const cards = [...document.querySelectorAll("li.archive-card")];
  const table = document.querySelector("article table");
  const terms = [...document.querySelectorAll("ul.archive-terms a")];
  const events = [...document.querySelectorAll(".cal-agenda .cal-item")];
  return {
    heading: shown(heading) && heading.textContent.trim() !== "",
    text_length: article ? article.textContent.trim().length : 0,
    facts_card: shown(document.querySelector("section.archive-facts")),
    permalink: shown(document.querySelector("a.archive-permalink")),
    cards: cards.length,
    cards_shown: cards.filter(card => shown(card) && shown(card.querySelector("a"))).length,
    table: table ? shown(table) : null,
    table_days: document.querySelectorAll("article td[data-date]").length,
    terms: terms.length,
    terms_shown: terms.filter(shown).length,
    events_shown: events.filter(shown).length,
    pages: [...document.querySelectorAll("nav.archive-pager a")].map(link => link.href),
    card_images: [...document.querySelectorAll("li.archive-card img")].map(image => ({
      src: image.src, alt: image.alt, loaded: image.complete && image.naturalWidth > 0, shown: shown(image)})),
    pictures: [...document.querySelectorAll("a.glightbox")].map(link => {
      const image = link.querySelector("img");
      return {href: link.href, shown: shown(link) && shown(image), alt: image && image.alt,
              loaded: !!image && image.complete && image.naturalWidth > 0};
    }),
  };
}"""


def missing_text(facts, page) -> list[str]:
    return ([] if facts["heading"] else ["no visible heading"]) + \
           ([] if facts["text_length"] > 80 else ["almost no text"])


def missing_entry_parts(facts, page) -> list[str]:
    return missing_text(facts, page) + [f"{part} not shown" for part in ("facts_card", "permalink")
                                        if not facts[part]]


def missing_gallery_parts(facts, page) -> list[str]:
    """Each picture is shown with its alt text, and links to its large image, which opens."""
    problems = missing_entry_parts(facts, page) + ([] if facts["pictures"] else ["no gallery links"])
    for picture in facts["pictures"]:
        if not (picture["shown"] and picture["loaded"] and picture["alt"]):
            problems.append(f"picture not shown with alt text: {picture['href']}")
        response = page.request.get(picture["href"])
        if not (response.ok and response.headers.get("content-type", "").startswith("image/")):
            problems.append(f"large image does not open: {picture['href']} ({response.status})")
    return problems


def missing_cards(facts, page) -> list[str]:
    """Cards shown with their pictures, and every page link answers."""
    shown = facts["cards"] > 0 and facts["cards_shown"] == facts["cards"]
    problems = missing_text(facts, page) + ([] if shown else ["cards not shown"])
    for image in facts["card_images"]:
        if not (image["loaded"] and image["shown"] and image["alt"]):
            problems.append(f"card picture not shown with alt text: {image['src']}")
    for link in facts["pages"]:
        if not page.request.get(link).ok:
            problems.append(f"page link does not open: {link}")
    return problems


def missing_terms(facts, page) -> list[str]:
    shown = facts["terms"] > 0 and facts["terms_shown"] == facts["terms"]
    return missing_text(facts, page) + ([] if shown else ["terms not shown"])


def missing_home_parts(facts, page) -> list[str]:
    """Featured and recent cards with their pictures, and the events, without any script."""
    problems = missing_cards(facts, page)
    if not facts["card_images"]:
        problems.append("no pictures on the cards")
    return problems + ([] if facts["events_shown"] else ["no events shown"])


def missing_calendar_parts(facts, page) -> list[str]:
    # Agenda and year pages are lists; month pages have a table of at least 28 days.
    month_ok = facts["table"] is None or (facts["table"] and facts["table_days"] >= 28)
    return missing_text(facts, page) + ([] if month_ok else ["month table not shown"])


CHECKS = {
    "entries": missing_entry_parts,
    "lessons": missing_entry_parts,
    "galleries": missing_gallery_parts,
    "listings": missing_cards,
    "taxonomies": missing_terms,
    "home": missing_home_parts,
    "calendar": missing_calendar_parts,
}


@pytest.mark.parametrize("group", CHECKS)
def test_pages_show_their_content_without_javascript(open_tab, site_map, group):
    urls = [""] if group == "home" else getattr(site_map, group)
    assert urls, f"the built site has no {group} pages"
    tab = open_tab("desktop", javascript=False)
    problems = []
    for url in urls:
        page = tab.goto(url)
        problems += [f"{url}: {problem}" for problem in CHECKS[group](page.evaluate(READ_FACTS), page)]
    assert problems == [], "\n".join(problems)
    tab.watch.assert_clean()
