"""Ways on from an article: the newer and older article, related articles (by the
datasets they cite first, then by shared tags), and a table of contents for an article
with three or more headings."""

from __future__ import annotations

import heapq
import re
from collections import defaultdict
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


def related_articles(articles: list) -> list[list]:
    """For each article, up to RELATED others sharing most datasets, then most tags;
    newest first on ties (then in the order given). Found through which articles cite
    each dataset and carry each tag, not by comparing every pair: a thousand articles
    would be a million comparisons, a second of every build."""
    datasets = [_datasets(article) for article in articles]
    tags = [{t.slug for t in getattr(article, "tags", [])} for article in articles]
    by_dataset, by_tag = defaultdict(list), defaultdict(list)
    for index in range(len(articles)):
        for name in datasets[index]:
            by_dataset[name].append(index)
        for slug in tags[index]:
            by_tag[slug].append(index)
    found = []
    for index in range(len(articles)):
        shared = defaultdict(lambda: [0, 0])  # other's index: [datasets, tags] in common
        for name in datasets[index]:
            for other in by_dataset[name]:
                shared[other][0] += 1
        for slug in tags[index]:
            for other in by_tag[slug]:
                shared[other][1] += 1
        shared.pop(index, None)
        best = heapq.nlargest(
            RELATED,
            shared.items(),
            key=lambda item: (*item[1], articles[item[0]].date, -item[0]),
        )
        found.append([articles[other] for other, _ in best])
    return found


def add_navigation(generator) -> None:
    articles = sorted(generator.articles, key=lambda a: a.date, reverse=True)
    for index, (article, related) in enumerate(
        zip(articles, related_articles(articles), strict=True)
    ):
        article.newer = articles[index - 1] if index > 0 else None
        article.older = articles[index + 1] if index + 1 < len(articles) else None
        article.related = related
        found = headings(article._content)
        article.toc = found if len(found) >= TOC_FROM else []


def register() -> None:
    signals.article_generator_finalized.connect(add_navigation)
