"""The slug of every article and page in a content folder, read as Pelican reads it
(its `Slug:`, or its title slugified), without building the site. The comment service
checks a comment's article against it; the WordPress importer keeps clear of it."""

from __future__ import annotations

import re
from pathlib import Path

from pelican.utils import slugify

_HEADER = re.compile(r"^(?P<key>[A-Za-z]+):\s*(?P<value>.*)$")


def content_slugs(content: Path, site: dict) -> dict[str, Path]:
    """{slug: file} for every article and page in `content`."""
    skip = {site.get("COMMENTS_PATH", "comments"), site.get("AUTHOR_PROFILES_PATH", "authors")}
    skip.add(site.get("DATASETS_PATH", "data"))
    slugs = {}
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
        slug = fields.get("slug") or slugify(
            fields.get("title", ""), regex_subs=site["SLUG_REGEX_SUBSTITUTIONS"]
        )
        slugs.setdefault(slug, path)
    return slugs
