"""Which files from outside the code may be published as they are: real pictures, inside
the folder they came from. One rule for the build (content/images/) and for a WordPress
import's uploads (--media).

A picture is known by its first bytes, never by its name alone, and its name must say
the same kind: a web server chooses the type by the name, so a PNG named `.html`, or
an SVG (which may hold script), would run on the site's origin.
"""

from __future__ import annotations

from pathlib import Path

from bijgespijkerd.library.messages import _

# The kinds of picture the site publishes from authors and imports: each by the bytes
# its files start with (WebP and AVIF by their container's marks further in).
_SIGNATURES = {
    "PNG": lambda head: head.startswith(b"\x89PNG\r\n\x1a\n"),
    "JPEG": lambda head: head.startswith(b"\xff\xd8\xff"),
    "GIF": lambda head: head.startswith((b"GIF87a", b"GIF89a")),
    "WebP": lambda head: head[:4] == b"RIFF" and head[8:12] == b"WEBP",
    "AVIF": lambda head: head[4:12] in (b"ftypavif", b"ftypavis"),
}
PICTURE_EXTENSIONS = {
    ".png": "PNG",
    ".jpg": "JPEG",
    ".jpeg": "JPEG",
    ".gif": "GIF",
    ".webp": "WebP",
    ".avif": "AVIF",
}


def outside_problem(path: Path, root: Path) -> str | None:
    """Why `path` may not be read: its links followed, it lies outside `root`; or None."""
    if Path(path).resolve().is_relative_to(Path(root).resolve()):
        return None
    return _("is a link to a file outside {folder}; put the file itself there").format(folder=root)


def picture_problem(path: Path, root: Path) -> str | None:
    """Why `path` may not be published as a picture of the site, or None when it may."""
    if problem := outside_problem(path, root):
        return problem
    kind = PICTURE_EXTENSIONS.get(path.suffix.lower())
    if kind is None:
        msg = _(
            "is not a picture the site publishes: only {kinds} files are (an SVG or a web "
            "page could run script on the site); save it as PNG or JPEG, or remove it"
        )
        return msg.format(kinds=", ".join(dict.fromkeys(PICTURE_EXTENSIONS.values())))
    try:
        with path.open("rb") as file:
            head = file.read(16)
    except OSError:
        return _("cannot be read")
    if not _SIGNATURES[kind](head):
        msg = _("is named {extension} but is not a {kind} picture; save it again as {kind}")
        return msg.format(extension=path.suffix, kind=kind)
    return None
