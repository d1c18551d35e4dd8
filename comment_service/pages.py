"""The service's HTML pages, drawn from the site's own templates (base.html and the
comment form), so an answer to a reader looks like the rest of the site."""

from __future__ import annotations

from pathlib import Path

import jinja2

from bijgespijkerd.plugins.dutch_dates.dates import date_filters

from . import ROOT


class Pages:
    def __init__(self, site_settings: dict) -> None:
        folders = [ROOT / "theme" / "templates", Path(__file__).parent / "templates"]
        self._env = jinja2.Environment(
            loader=jinja2.FileSystemLoader([str(f) for f in folders]), autoescape=True
        )
        # The filters the theme's templates use, as the build gives them.
        self._env.filters.update(site_settings.get("JINJA_FILTERS", {}))
        self._env.filters.update(date_filters(site_settings.get("DATE_LOCALE", "nl")))
        # The templates' settings, with addresses from the site's root: the pages are
        # served on the site's own origin.
        self._context = {k: v for k, v in site_settings.items() if k.isupper()}
        self._context.update(SITEURL="", FEED_DOMAIN="")

    def render(self, heading: str, paragraphs: list[str], **values) -> str:
        template = self._env.get_template("comment_page.html")
        return template.render(**self._context, heading=heading, paragraphs=paragraphs, **values)
