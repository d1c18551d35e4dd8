"""Read the seed fixture (the original 2010 page as plain text) for comparison."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

SEED = Path(__file__).parent / "fixtures" / "seed_article.txt"
HEADINGS = [
    "Leeftijd van deelnemers geen probleem?",
    "Hoe actief zijn we dan in social media?",
    "Dus",
]


@dataclass
class SeedComment:
    number: int
    author: str
    lines: list[str]  # the comment's non-empty lines, as in the seed


def _text() -> str:
    return SEED.read_text(encoding="utf-8")


def article_paragraphs() -> list[str]:
    """The article's paragraphs: between the reading-time line and 'Over de auteur'."""
    body = _text().split("\n", 1)[1].split("\nOver de auteur", 1)[0]
    blocks = [b.strip() for b in body.split("\n\n") if b.strip()]
    paragraphs = []
    for block in blocks:
        first, _, rest = block.partition("\n")
        if first in HEADINGS:  # the seed runs a heading into its first paragraph
            block = rest
        if block:
            paragraphs.append(block)
    return paragraphs


def author_bio() -> str:
    return _text().split("Over de auteur\n\n", 1)[1].split("\n\n", 1)[0].strip()


def comments() -> list[SeedComment]:
    thread = _text().split("21 reacties\n", 1)[1].split("\nLaat een antwoord achter", 1)[0]
    parts = re.split(r"^ ?(\d+)\. (.+)$", thread, flags=re.M)
    result = []
    for i in range(1, len(parts), 3):
        lines = [line.strip() for line in parts[i + 2].split("\n") if line.strip()]
        assert lines[-1] == "Beantwoorden"
        result.append(SeedComment(int(parts[i]), parts[i + 1].strip(), lines[:-1]))
    return result
