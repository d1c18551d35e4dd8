"""A new post's Markdown file, as `invoke new-post` and the writing desk both make it."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from pathlib import Path

from bijgespijkerd.library.build_errors import BuildError
from bijgespijkerd.library.messages import _


class NewPostError(BuildError):
    """A new post that cannot be written as asked (its slug is taken, a header breaks)."""


@dataclass(frozen=True)
class NewPost:
    path: Path
    slug: str
    date: str  # ISO, as in its header
    text: str


def site_slug(text: str, settings: dict) -> str:
    """The slug Pelican itself would make of `text`."""
    from pelican.utils import slugify

    return slugify(text, regex_subs=settings["SLUG_REGEX_SUBSTITUTIONS"])


def plan_new_post(
    folder: Path,
    title: str,
    author: str,
    settings: dict,
    category: str = "",
    tags: str = "",
    today: datetime.date | None = None,
) -> NewPost:
    """The draft that would be written for `title`, refused if its slug is taken."""
    fields = {"Title": title, "Author": author, "Category": category, "Tags": tags}
    for name, value in fields.items():
        if "\n" in value or "\r" in value:
            msg = _("{field} is one line; remove the line break").format(field=name)
            raise NewPostError(msg)
    title = title.strip()
    slug = site_slug(title, settings)
    if not slug:
        raise NewPostError(_("Give the post a title with letters or digits"))
    path = folder / f"{slug}.md"
    taken = [p for p in folder.glob("*.md") if f"\nSlug: {slug}\n" in p.read_text("utf-8")]
    if path.exists() or taken:
        msg = _("{path} already has the slug {slug}: choose another title")
        raise NewPostError(msg.format(path=(taken or [path])[0], slug=repr(slug)))
    date = (today or datetime.date.today()).isoformat()
    body = _("Write your text here.")
    text = (
        f"Title: {title}\nDate: {date}\nAuthor: {author.strip()}\n"
        f"Category: {category.strip()}\nTags: {tags.strip()}\nSlug: {slug}\n"
        f"Status: draft\n\n{body}\n"
    )
    return NewPost(path, slug, date, text)


def write_new_post(post: NewPost) -> None:
    """Write the planned post; never over a file that appeared since it was planned."""
    try:
        with post.path.open("x", encoding="utf-8") as file:
            file.write(post.text)
    except FileExistsError:
        msg = _("{path} already exists; nothing was written").format(path=post.path)
        raise NewPostError(msg) from None
