"""Every internal link and #anchor of a built site must resolve; external links are listed."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

from bs4 import BeautifulSoup

ATTRIBUTES = {"a": "href", "link": "href", "script": "src", "img": "src", "source": "src"}
SITE = "https://site.invalid/"  # a stand-in origin: relative links are resolved against it
# Addresses answered by the comment service, not by a file (tests/test_comment_service.py
# checks them): COMMENTS_FORM_ACTION.
SERVICE_PATHS = ("/reacties/",)


@dataclass
class LinkReport:
    broken: list[str] = field(default_factory=list)
    external: set[str] = field(default_factory=set)
    checked: int = 0


def check_links(site: Path, local_origins: tuple[str, ...] = ()) -> LinkReport:
    """Check every page under `site`. URLs starting with one of `local_origins` (the
    site's own absolute address, e.g. in the feed) count as internal."""
    report = LinkReport()
    anchors: dict[Path, set[str]] = {}
    pages = sorted(site.rglob("*.html"))
    for page in pages:
        soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
        anchors[page] = {tag["id"] for tag in soup.find_all(id=True)} | {
            tag["name"] for tag in soup.find_all("a", attrs={"name": True})
        }
    for page in pages:
        soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
        base = urljoin(SITE, page.relative_to(site).as_posix())
        for tag_name, attribute in ATTRIBUTES.items():
            for tag in soup.find_all(tag_name, attrs={attribute: True}):
                report.checked += 1
                problem = _check(site, base, tag[attribute], anchors, local_origins, report)
                if problem:
                    report.broken.append(f"{page.relative_to(site)}: {tag[attribute]} ({problem})")
    return report


def _check(site, base, url, anchors, local_origins, report) -> str | None:
    for origin in local_origins:
        if url.startswith(origin):
            url = "/" + url[len(origin) :].lstrip("/")
    if url.startswith("//") or urlsplit(url).scheme in ("http", "https"):
        report.external.add(url)
        return None
    if urlsplit(url).scheme in ("mailto", "tel", "data"):
        return None
    target = urlsplit(urljoin(base, url))
    if target.path.startswith(SERVICE_PATHS):
        return None
    path = site / unquote(target.path).lstrip("/")
    if target.path.endswith("/") or path.is_dir():
        path = path / "index.html"
    if not path.is_file():
        return "no such file"
    if (
        target.fragment
        and path.suffix == ".html"
        and target.fragment not in anchors.get(path, set())
    ):
        return f"no element with id '{target.fragment}'"
    return None
