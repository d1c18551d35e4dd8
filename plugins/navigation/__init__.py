"""Ways on from an article: the newer and older article, related articles (by the
datasets they cite first, then by shared tags), and a table of contents for an article
with three or more headings."""

from __future__ import annotations

import re
from dataclasses import dataclass
from html import unescape

from pelican import signals

TOC_FROM = 3  # headings before an article gets a table of contents
RELATED = 3  # related articles shown at most
_HEADING = re.compile(r'<h([23]) id="([^"]+)"[^>]*>(.*?)</h\1>', re.S)
_TAG = re.compile(r"<[^>]+>")


@dataclass(frozen=True)
class Heading:
    level: int
    anchor: str
    text: str


def headings(html: str) -> list[Heading]:
    """The h2 and h3 headings of an article's HTML (Markdown's toc extension gave them ids)."""
    return [
        Heading(int(level), anchor, unescape(_TAG.sub("", text)).strip())
        for level, anchor, text in _HEADING.findall(html or "")
    ]


def _datasets(article) -> set[str]:
    return {c.dataset for c in getattr(article, "dataset_citations", [])}


def related(article, others: list) -> list:
    """Up to RELATED articles sharing most datasets, then most tags; newest first on ties."""
    mine, tags = _datasets(article), {t.slug for t in getattr(article, "tags", [])}
    scored = []
    for other in others:
        if other is article:
            continue
        datasets = len(mine & _datasets(other))
        shared_tags = len(tags & {t.slug for t in getattr(other, "tags", [])})
        if datasets or shared_tags:
            scored.append(((datasets, shared_tags, other.date), other))
    scored.sort(key=lambda pair: pair[0], reverse=True)
    return [other for _, other in scored[:RELATED]]


def add_navigation(generator) -> None:
    articles = sorted(generator.articles, key=lambda a: a.date, reverse=True)
    for index, article in enumerate(articles):
        article.newer = articles[index - 1] if index > 0 else None
        article.older = articles[index + 1] if index + 1 < len(articles) else None
        article.related = related(article, articles)
        found = headings(article._content)
        article.toc = found if len(found) >= TOC_FROM else []


def register() -> None:
    signals.article_generator_finalized.connect(add_navigation)
