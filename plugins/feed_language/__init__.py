"""Every feed says its language, and names each category once.

Pelican's feed writer leaves the language out (`xml:lang` in Atom, `<language>` in RSS),
and lists an article's category and tags side by side, so "Social media" and the tag
"social media" appear twice. Both are set right on the feed before it is written.
"""

from __future__ import annotations

from pelican import signals


def _tidy(context, feed) -> None:
    feed.feed["language"] = context.get("DEFAULT_LANG") or None
    for item in feed.items:
        seen, kept = set(), []
        for category in item.get("categories") or ():
            if str(category).lower() not in seen:
                seen.add(str(category).lower())
                kept.append(category)
        item["categories"] = tuple(kept)


def register() -> None:
    signals.feed_generated.connect(_tidy)
