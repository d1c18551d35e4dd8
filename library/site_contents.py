"""Every article and page Pelican read, whatever its status or language, each once."""

from __future__ import annotations

CONTENT_KINDS = ("articles", "drafts", "hidden_articles", "pages", "hidden_pages", "draft_pages")


def every_content(context: dict) -> list:
    """Articles and pages of all statuses from Pelican's shared context, in a stable order."""
    seen: set[int] = set()
    contents = []
    for kind in CONTENT_KINDS:
        for content in context.get(kind, []):
            # Translations are not in the context: each is reached through its original.
            for item in [content, *getattr(content, "translations", [])]:
                if id(item) not in seen:
                    seen.add(id(item))
                    contents.append(item)
    return contents
