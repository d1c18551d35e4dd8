"""Every feed says its language, names each category once, and reads right anywhere.

Pelican's feed writer leaves the language out (`xml:lang` in Atom, `<language>` in RSS),
lists an article's category and tags side by side, so "Social media" and the tag
"social media" appear twice, gives RSS a `<guid>` that is a tag: URI without saying it is
no permalink (`isPermaLink="false"`, as the RSS spec and the W3C validator require), and
leaves a link within the page (`href="#reactie-3"`) relative, which a feed reader
resolves against the feed's own address. All are set right before the feed is written.
"""

from __future__ import annotations

import re

from pelican import signals

IN_PAGE_LINK = re.compile(r'(\shref=")(#[^"]*")')


def _tidy(context, feed) -> None:
    feed.feed["language"] = context.get("DEFAULT_LANG") or None
    for item in feed.items:
        guid = item.get("unique_id") or ""
        item["unique_id_is_permalink"] = guid.startswith(("http://", "https://"))
        for key in ("description", "content"):
            if item.get(key) and item.get("link"):
                page = item["link"].split("#", 1)[0]
                item[key] = IN_PAGE_LINK.sub(lambda m, page=page: m[1] + page + m[2], item[key])
        seen, kept = set(), []
        for category in item.get("categories") or ():
            if str(category).lower() not in seen:
                seen.add(str(category).lower())
                kept.append(category)
        item["categories"] = tuple(kept)


def register() -> None:
    signals.feed_generated.connect(_tidy)
