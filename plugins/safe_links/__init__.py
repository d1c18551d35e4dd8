"""Every address in an article, page or author profile is http, https, mailto or relative.

Authors may write HTML in Markdown; a `javascript:` or `data:` link in it would reach
readers. The build stops instead, naming the file and line (see safe_urls.py).
"""

from __future__ import annotations

from pelican import signals

from build_errors import BuildError
from safe_urls import line_of, unsafe_links


class UnsafeLinkError(BuildError):
    """An address in content that the site does not publish."""


def check_links(content) -> None:
    html = getattr(content, "_content", None) or ""
    for url, written, problem in unsafe_links(html):
        line = line_of(content.source_path, url) or line_of(content.source_path, written)
        where = f"{content.source_path}, line {line}" if line else content.source_path
        raise UnsafeLinkError(f"{where}: the address {url[:80]!r} {problem}")


def register() -> None:
    signals.content_object_init.connect(check_links)
