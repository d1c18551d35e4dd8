"""An article's or page's body: its text and its charts, in order.

Markdown leaves a marker where each chart block stood (blocks.py). As soon as Pelican has
made the article, `Body.read` cuts its HTML at the markers: the text between them stays
the article's HTML (`_content`, from which Pelican's summary, the table of contents and
the evidence checks read from then on), and each chart becomes a `ChartPlace`. The theme lays out
the body: the text as Pelican resolves its links for the page or feed at hand, each
place's figure by the `chart` macro (`chart_for_feed` in feeds). No HTML is rewritten
after the article has been read.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from markupsafe import Markup

from .blocks import PLACEHOLDER, decode
from .figure import Figure


@dataclass
class ChartPlace:
    """A chart block's place in its body: its number on the page, the block as written
    (line, text), and its figure once drawn."""

    number: int
    line: int
    source: str
    job: object = None  # the drawer's ChartJob, from when drawing starts
    figure: Figure | None = None


@dataclass
class Body:
    content: object  # the Pelican article or page, which resolves the text's links
    parts: list = field(default_factory=list)  # text (HTML) and ChartPlace, in order

    @classmethod
    def read(cls, content) -> Body:
        """Cut the article's HTML at its chart markers; its `_content` keeps the text."""
        html = getattr(content, "_content", None) or ""
        parts: list = []
        start = 0
        for number, match in enumerate(PLACEHOLDER.finditer(html), 1):
            parts.append(html[start : match.start()])
            parts.append(ChartPlace(number, *decode(match)))
            start = match.end()
        parts.append(html[start:])
        content._content = "".join(p for p in parts if isinstance(p, str))
        return cls(content, [p for p in parts if p != ""])

    @property
    def places(self) -> list[ChartPlace]:
        return [p for p in self.parts if isinstance(p, ChartPlace)]

    def laid_out(self, site_url: str) -> list:
        """The parts as a page or feed at `site_url` shows them: text with its links made
        right for it (as Pelican does for a whole article), and each chart's place."""
        return [
            Markup(self.content._update_content(part, site_url)) if isinstance(part, str) else part
            for part in self.parts
        ]
