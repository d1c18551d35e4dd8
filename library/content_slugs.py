"""The slug of every article and page in a content folder, read as Pelican reads it
(its `Slug:`, or its title slugified), without building the site. The comment service
checks a comment's article against it; the WordPress importer keeps clear of it."""

from __future__ import annotations

import re
from datetime import datetime
from pathlib import Path

from pelican.utils import slugify

_HEADER = re.compile(r"^(?P<key>[A-Za-z]+):\s*(?P<value>.*)$")


def content_slugs(content: Path, site: dict) -> dict[str, Path]:
    """{slug: file} for every article and page in `content`."""
    slugs = {}
    for path, fields in _contents(content, site):
        slugs.setdefault(_slug(fields, site), path)
    return slugs


def content_addresses(content: Path, site: dict) -> set[str]:
    """The address of every article and page in `content` (/2010/slug/, /slug/), as far
    as its header tells: an article whose date has no year has none here."""
    pages = tuple(site.get("PAGE_PATHS", ["pages"]))
    addresses = set()
    for path, fields in _contents(content, site):
        slug = _slug(fields, site)
        if path.relative_to(content).parts[0] in pages:
            addresses.add("/" + site["PAGE_URL"].format(slug=slug))
        elif year := re.search(r"\b(\d{4})\b", fields.get("date", "")):
            when = datetime(int(year[1]), 1, 1)
            addresses.add("/" + site["ARTICLE_URL"].format(slug=slug, date=when))
    return addresses


def _contents(content: Path, site: dict):
    """(file, its header's fields) of every article and page in `content`."""
    skip = {site.get("COMMENTS_PATH", "comments"), site.get("AUTHOR_PROFILES_PATH", "authors")}
    skip.add(site.get("DATASETS_PATH", "data"))
    for path in sorted(content.rglob("*.md")):
        parts = path.relative_to(content).parts
        if skip & set(parts[:1]) or any(part.startswith(".") for part in parts):
            continue
        fields = {}
        for line in path.read_text(encoding="utf-8", errors="replace").splitlines():
            match = _HEADER.match(line)
            if not match:
                break
            fields[match["key"].lower()] = match["value"].strip()
        yield path, fields


def _slug(fields: dict, site: dict) -> str:
    return fields.get("slug") or slugify(
        fields.get("title", ""), regex_subs=site["SLUG_REGEX_SUBSTITUTIONS"]
    )
