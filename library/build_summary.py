"""The one line a successful build prints, in the author's language.

Pelican's own closing line ("Done: Processed 1 article, 0 drafts, …") is English and
printed outside logging, so it is silenced and this says the same, with what our plugins
add: "Klaar in 3,4 s: 1 artikel, 2 concepten; grafieken: 6 (0 getekend, 6 uit de cache)."
A plugin adds a fact with `build_fact.send(name, **values)`.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from blinker import signal
from pelican import signals

from bijgespijkerd.library.messages import N_, _, number

build_fact = signal("bijgespijkerd_build_fact")

# (singular, plural) per kind of content, shown only when there is one.
KINDS = {
    "articles": (N_("{count} article"), N_("{count} articles")),
    "drafts": (N_("{count} draft"), N_("{count} drafts")),
    "pages": (N_("{count} page"), N_("{count} pages")),
    "datasets": (N_("{count} dataset"), N_("{count} datasets")),
}


class BuildSummary:
    """Collects what one build made, from Pelican's generators and our plugins' facts."""

    def __init__(self) -> None:
        self.counts: dict[str, int] = {}
        self.charts: dict[str, int] | None = None

    def _generators(self, generators) -> None:
        from pelican.generators import ArticlesGenerator, PagesGenerator

        for generator in generators:
            if isinstance(generator, ArticlesGenerator):
                self.counts["articles"] = len(generator.articles)
                self.counts["drafts"] = len(generator.drafts)
            elif isinstance(generator, PagesGenerator):
                self.counts["pages"] = len(generator.pages)

    def _fact(self, name: str, **values) -> None:
        if name == "charts":
            self.charts = values
        elif name in KINDS:
            self.counts[name] = values["count"]

    def text(self, seconds: float) -> str:
        counts = {kind: self.counts.get(kind, 0) for kind in KINDS}
        parts = [
            _(KINDS[kind][count != 1]).format(count=number(count))
            for kind, count in counts.items()
            if count or kind == "articles"
        ]
        line = _("Done in {seconds} s: {made}").format(
            seconds=number(round(seconds, 1)), made=", ".join(parts)
        )
        if self.charts:
            msg = _("; charts: {drawn} drawn, {reused} reused from the cache")
            line += msg.format(**{k: number(v) for k, v in self.charts.items()})
        return line + "."


@contextmanager
def summarised() -> Iterator[BuildSummary]:
    """A summary of the build run inside, with Pelican's own closing line silenced."""
    from pelican.log import console

    summary = BuildSummary()
    signals.all_generators_finalized.connect(summary._generators)
    build_fact.connect(summary._fact)
    was_quiet, console.quiet = console.quiet, True
    try:
        yield summary
    finally:
        console.quiet = was_quiet
        signals.all_generators_finalized.disconnect(summary._generators)
        build_fact.disconnect(summary._fact)
