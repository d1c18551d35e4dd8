"""What authors write reaches readers only if it is safe to publish.

- Every address in an article or page (links, images, forms) is http, https, mailto or
  relative; a `javascript:` or `data:` link would reach readers (see safe_urls.py).
- No script: neither a <script> element nor an event attribute (onclick=…). The site's
  CSP would stop them, but the feeds carry the article to readers without one.
- No invisible control character: it is invalid in HTML and breaks the feed's XML.
- A `Template:` is one of the theme's own templates.
- Every file copied as it is (content/images/) is a real picture (published_files.py).
- Nothing is read from outside content/: a link to a file elsewhere is refused.

Each stops the build, naming the file (and line). Author profiles and comments are
checked by their own readers with the same rules.
"""

from __future__ import annotations

import re
from html import unescape
from pathlib import Path
from urllib.parse import unquote, urlsplit

from pelican import signals

from bijgespijkerd.library.build_errors import BuildError, line_of, place
from bijgespijkerd.library.control_chars import control_character
from bijgespijkerd.library.messages import _
from bijgespijkerd.library.published_files import outside_problem, picture_problem
from bijgespijkerd.library.safe_urls import html_problem


class UnsafeContentError(BuildError):
    """An address or character in content that the site does not publish."""


def check_content(content) -> None:
    path = content.source_path
    if problem := outside_problem(Path(path), Path(content.settings["PATH"])):
        raise UnsafeContentError(f"{path}: {problem}")
    try:
        source = Path(path).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        source = ""  # Pelican read it; nothing of ours to add
    control = control_character(source)
    if control:
        raise UnsafeContentError(f"{place(path, control[0])}: {control[1]}")
    _check_template(content, path)
    html = getattr(content, "_content", None) or ""
    _check_site_files(content, path, html)
    _check_images(content, path, html)
    problem = html_problem(html)
    if problem:
        finds, why = problem
        line = next(filter(None, (line_of(path, text) for text in finds)), None)
        raise UnsafeContentError(f"{place(path, line)}: {why}")


_IMAGE = re.compile(r'<img\b[^>]*?\ssrc="(?P<src>[^"]+)"')
# Pelican's way to name a file of the site: {static}/images/a.png, {filename}/b.md, or the
# older |static|…; it only warns (in English, naming the file, not the article) when the
# file is not there, and the page then shows a broken picture or link.
_SITE_FILE = re.compile(r"[{|](?P<what>static|attach|filename)[}|](?P<target>[^\"'\s,<>]*)")


def _check_site_files(content, path: str, html: str) -> None:
    root = Path(content.settings["PATH"])
    for match in _SITE_FILE.finditer(html):
        target = unquote(unescape(match["target"])).split("#")[0].split("?")[0]
        local = root / target.lstrip("/") if target.startswith("/") else Path(path).parent / target
        if target and local.is_file():
            continue
        written = match[0]
        line = line_of(path, written) or line_of(path, match["target"])
        msg = _(
            "{place}: {written} names a file that does not exist; put the file in {folder} "
            "or correct the name (letter case counts)"
        )
        folder = local.parent if target else root
        raise UnsafeContentError(
            msg.format(place=place(path, line), written=repr(written), folder=f"{folder}/")
        )


def _check_images(content, path: str, html: str) -> None:
    """An image given as a path must be a file in content/, written as {static}/…, which
    Pelican checks and makes right on every page; a plain path would break on the page."""
    root = Path(content.settings["PATH"])
    for match in _IMAGE.finditer(html):
        src = unescape(match["src"])
        if urlsplit(src).scheme or src.startswith(("{", "#")):
            continue  # an address (checked above), or Pelican's {static}, which it checks
        local = (Path(path).parent / src) if not src.startswith("/") else root / src.lstrip("/")
        where = place(path, line_of(path, match["src"]))
        if not local.is_file():
            msg = _("{place}: the image {src} does not exist; put the file in {folder}")
            msg = msg.format(place=where, src=repr(src), folder=f"{root}/images/")
            raise UnsafeContentError(msg)
        suggestion = "{static}/" + local.resolve().relative_to(root.resolve()).as_posix()
        msg = _("{place}: write the image {src} as {suggestion}, so it works on every page")
        msg = msg.format(place=where, src=repr(src), suggestion=repr(suggestion))
        raise UnsafeContentError(msg)


def _check_template(content, path: str) -> None:
    """A `Template:` names one of the theme's templates (Pelican would find out only while
    writing, without naming the article)."""
    name = content.metadata.get("template")
    if not name:
        return
    templates = Path(content.settings["THEME"]) / "templates"
    known = sorted(p.stem for p in templates.glob("*.html") if not p.name.startswith("_"))
    if name not in known:
        where = place(path, line_of(path, "template:", header=True))
        msg = _("{place}: there is no template {name}; use one of {known}").format(
            place=where, name=repr(name), known=", ".join(known)
        )
        raise UnsafeContentError(msg)


def check_static_files(generator) -> None:
    """Files Pelican copies from content/ as they are: pictures only (theme files are
    the site's own code, not content)."""
    root = Path(generator.settings["PATH"])
    for static in generator.staticfiles:
        problem = picture_problem(Path(static.source_path), root)
        if problem:
            raise UnsafeContentError(f"{static.source_path}: {problem}")


def register() -> None:
    signals.content_object_init.connect(check_content)
    signals.static_generator_finalized.connect(check_static_files)
