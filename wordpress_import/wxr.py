"""Read a WordPress export (WXR) into plain records, trusting nothing in it.

WordPress has written WXR 1.0, 1.1 and 1.2, under `http://` and `https://` namespaces,
so elements are matched by local name (and, where two share one, by which namespace
family they come from: `content:encoded` against `excerpt:encoded`). defusedxml refuses
entity declarations and external references, so no export can expand itself or reach
for a file. E-mail and IP addresses are never read, so they cannot be written anywhere.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from xml.etree.ElementTree import Element, ParseError

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import fromstring

from bijgespijkerd.library.build_errors import BuildError
from bijgespijkerd.library.messages import _

_XML_FORBIDDEN = re.compile(rb"[\x00-\x08\x0b\x0c\x0e-\x1f]")


class ExportError(BuildError):
    """The file cannot be imported as a whole; the message names it and says why."""


@dataclass(frozen=True)
class Category:
    domain: str  # "category" or "post_tag" (others are skipped)
    name: str


@dataclass(frozen=True)
class WpComment:
    id: str
    author: str
    url: str
    date_gmt: str
    date: str
    content: str
    approved: str  # "1", "0" (pending), "spam", "trash", "post-trashed"
    type: str  # "" / "comment", "pingback", "trackback", …
    parent: str  # "0" for none


@dataclass(frozen=True)
class WpItem:
    id: str
    title: str
    link: str
    guid: str
    type: str  # "post", "page", "attachment", "nav_menu_item", …
    status: str  # "publish", "draft", "pending", "private", "future", "trash", …
    password: str
    slug: str  # post_name, possibly percent-encoded
    date_gmt: str
    date: str
    modified_gmt: str
    creator: str  # the author's login
    content: str
    excerpt: str
    categories: list[Category] = field(default_factory=list)
    comments: list[WpComment] = field(default_factory=list)


@dataclass(frozen=True)
class WpAuthor:
    login: str
    display_name: str
    bio: str  # WordPress's own export has none; some exporters add one


@dataclass(frozen=True)
class Export:
    path: Path
    site_link: str  # the blog's address (<channel><link>)
    base_site_url: str  # where WordPress lives (wp:base_site_url), often the same
    created: str  # the channel's pubDate, for records without any date
    authors: list[WpAuthor]
    items: list[WpItem]
    control_characters: int = 0  # removed before reading: XML does not allow them


def read_export(path: Path) -> Export:
    """The export at `path`, or ExportError saying in plain words what is wrong with it."""
    try:
        data = path.read_bytes()
        # WordPress writes text pasted from word processors as it is, invisible control
        # characters included, which XML forbids: they are removed (and counted) first.
        # In UTF-8 and the single-byte encodings these bytes only ever mean themselves.
        data, removed = _XML_FORBIDDEN.subn(b"", data)
        root = fromstring(data, forbid_dtd=False, forbid_entities=True, forbid_external=True)
    except DefusedXmlException as error:
        msg = _(
            "{path}: the file declares XML entities or external references ({error}); a "
            "WordPress export never does, so it is not imported"
        )
        raise ExportError(msg.format(path=path, error=type(error).__name__)) from None
    except ParseError as error:
        line, column = error.position
        msg = _(
            "{path}: is not readable XML at line {line}, column {column} ({error}). Is the "
            "export complete? Export it again from WordPress (Tools > Export)"
        )
        raise ExportError(msg.format(path=path, line=line, column=column, error=error)) from None
    except OSError as error:
        msg = _("{path}: cannot be read ({error})")
        raise ExportError(msg.format(path=path, error=error.strerror or error)) from None
    channel = _child(root, "channel")
    if _local(root.tag) != "rss" or channel is None or _child(channel, "wxr_version") is None:
        msg = _(
            "{path}: is not a WordPress export (WXR): it has no <wp:wxr_version>. Make one "
            "in WordPress under Tools > Export > All content"
        )
        raise ExportError(msg.format(path=path))
    return Export(
        path=path,
        site_link=_text(channel, "link"),
        base_site_url=_text(channel, "base_site_url") or _text(channel, "link"),
        created=_text(channel, "pubDate"),
        authors=[_author(element) for element in _children(channel, "author", family="wp")],
        items=[_item(element) for element in _children(channel, "item")],
        control_characters=removed,
    )


def _author(element: Element) -> WpAuthor:
    login = _text(element, "author_login")
    return WpAuthor(
        login=login,
        display_name=_text(element, "author_display_name") or login,
        bio=_text(element, "author_description") or _text(element, "author_bio"),
    )


def _item(element: Element) -> WpItem:
    return WpItem(
        id=_text(element, "post_id"),
        title=_text(element, "title"),
        link=_text(element, "link"),
        guid=_text(element, "guid"),
        type=_text(element, "post_type"),
        status=_text(element, "status"),
        password=_text(element, "post_password"),
        slug=_text(element, "post_name"),
        date_gmt=_text(element, "post_date_gmt"),
        date=_text(element, "post_date"),
        modified_gmt=_text(element, "post_modified_gmt"),
        creator=_text(element, "creator"),
        content=_text(element, "encoded", family="content"),
        excerpt=_text(element, "encoded", family="excerpt"),
        categories=[
            Category(c.get("domain", ""), (c.text or "").strip())
            for c in _children(element, "category")
        ],
        comments=[_comment(c) for c in _children(element, "comment", family="wp")],
    )


def _comment(element: Element) -> WpComment:
    return WpComment(
        id=_text(element, "comment_id"),
        author=_text(element, "comment_author"),
        url=_text(element, "comment_author_url"),
        date_gmt=_text(element, "comment_date_gmt"),
        date=_text(element, "comment_date"),
        content=_text(element, "comment_content"),
        approved=_text(element, "comment_approved"),
        type=_text(element, "comment_type"),
        parent=_text(element, "comment_parent") or "0",
    )


def parse_wp_date(value: str) -> datetime | None:
    """WordPress's 'YYYY-MM-DD HH:MM:SS', or None for its empty '0000-00-00 00:00:00'."""
    value = value.strip()
    if not value or value.startswith("0000"):
        return None
    try:
        return datetime.strptime(value, "%Y-%m-%d %H:%M:%S")
    except ValueError:
        return None


def _local(tag: str) -> str:
    return tag.rpartition("}")[2]


def _family(tag: str) -> str:
    """Which vocabulary a tag is from, whatever its version or scheme."""
    namespace = tag[1:].partition("}")[0] if tag.startswith("{") else ""
    if "/excerpt/" in namespace:
        return "excerpt"
    if "wordpress.org/export" in namespace:
        return "wp"
    if "purl.org/rss/1.0/modules/content" in namespace:
        return "content"
    return "other"


def _children(parent: Element, name: str, family: str | None = None) -> list[Element]:
    return [
        element
        for element in parent
        if _local(element.tag) == name and (family is None or _family(element.tag) == family)
    ]


def _child(parent: Element, name: str, family: str | None = None) -> Element | None:
    found = _children(parent, name, family)
    return found[0] if found else None


def _text(parent: Element, name: str, family: str | None = None) -> str:
    element = _child(parent, name, family)
    return (element.text or "").strip() if element is not None else ""
