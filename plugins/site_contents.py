"""Every article and page Pelican read, whatever its status, each once."""

from __future__ import annotations

CONTENT_KINDS = ("articles", "drafts", "hidden_articles", "pages", "hidden_pages", "draft_pages")


def every_content(context: dict) -> list:
    """Articles and pages of all statuses from Pelican's shared context, in a stable order."""
    seen: set[int] = set()
    contents = []
    for kind in CONTENT_KINDS:
        for content in context.get(kind, []):
            if id(content) not in seen:
                seen.add(id(content))
                contents.append(content)
    return contents
