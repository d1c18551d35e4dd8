"""What every screen of the writing desk shares: the desk's folders and settings, its
templates, and the trial build that stands between a screen and a write into content/."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import jinja2
from starlette.responses import HTMLResponse

from bijgespijkerd.library.build_errors import BuildError
from bijgespijkerd.library.messages import _
from bijgespijkerd.library.pelican_run import is_article_source
from bijgespijkerd.library.plugin_settings import keep_out_of_readers
from bijgespijkerd.plugins.author_profiles.profiles import profile_names

from .scratch_build import scratch_build

PATH = "/schrijftafel"
HERE = Path(__file__).parent
PLUGIN_FOLDERS = ("DATASETS_PATH", "COMMENTS_PATH", "AUTHOR_PROFILES_PATH")


@dataclass
class Desk:
    content: Path  # the only folder the desk writes in
    settings: dict  # the site's, as the build reads them
    evidence_report: Path  # written by the preview's whole-site builds
    build_problem: Callable[[], str | None]  # the message of the last failed build, if any
    staging: Path  # uploaded sheets, kept until the preview stops (never in content/)
    scratch: Path  # the desk's own builds of the site as a change would make it
    output: Path  # the site the preview shows


class Refused(BuildError):
    """What a screen will not write (the build's message, or why); nothing was written."""


class DeskPages:
    def __init__(self, desk: Desk) -> None:
        self.desk = desk
        self.templates = jinja2.Environment(
            loader=jinja2.FileSystemLoader(HERE / "templates"),
            autoescape=True,
            undefined=jinja2.StrictUndefined,
        )
        self.building = asyncio.Lock()  # one scratch build at a time: they share a folder

    def page(self, template: str, status: int = 200, **context) -> HTMLResponse:
        html = self.templates.get_template(template).render(desk=PATH, **context)
        return HTMLResponse(html, status_code=status)

    async def check_it_builds(self, changed: dict[str, str]) -> None:
        """Raise the build's message if the site does not build with `changed`."""
        async with self.building:
            built = await asyncio.to_thread(
                scratch_build, self.desk.content, self.desk.scratch, changed
            )
        if built.problem:
            raise Refused(built.problem)

    async def write_if_it_builds(self, path: Path, source: str, old: str, new: str) -> None:
        """Write `new` over `old` in content/`source`, if the site builds with it and the
        file is still as it was read."""
        await self.check_it_builds({source: new})
        if path.read_text(encoding="utf-8") != old:
            raise Refused(_("The article changed meanwhile; look again."))
        partial = path.with_name(f".{path.name}.schrijftafel")
        partial.write_text(new, encoding="utf-8")
        partial.replace(path)

    def article(self, source: str) -> tuple[Path, str]:
        """An article chosen in a form (its path relative to content/) and its text."""
        if source not in self.articles():
            raise Refused(_("Choose an article from the list."))
        path = self.desk.content / source
        return path, path.read_text(encoding="utf-8")

    def articles(self) -> list[str]:
        """The articles' sources, relative to the content folder."""
        content, settings = self.desk.content, dict(self.desk.settings)
        for folder in PLUGIN_FOLDERS:  # read by their plugins, never as articles
            keep_out_of_readers(settings, settings[folder])
        sources = [p.relative_to(content).as_posix() for p in sorted(content.rglob("*.md"))]
        return [s for s in sources if is_article_source(settings, s)]

    def exists(self, name: str) -> bool:
        return (self.data() / name / "datapackage.json").is_file()

    def authors(self) -> list[str]:
        profiles = self.desk.content / self.desk.settings["AUTHOR_PROFILES_PATH"]
        return profile_names(profiles) or [self.desk.settings["AUTHOR"]]

    def data(self) -> Path:
        return self.desk.content / self.desk.settings["DATASETS_PATH"]
