"""What the WordPress import wrote into content/ and nobody has changed since.

The import keeps its record in content/wordpress-import.json (each file's source and the
fingerprint of what it wrote); the build reads it too, to know an old blog's files.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

RECORD = "wordpress-import.json"


def file_fingerprint(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def imported_unchanged(content: Path) -> set[Path]:
    """The files an import wrote into `content` that nobody has changed since (resolved
    paths): what the old blog published, as it published it."""
    path = content / RECORD
    if not path.is_file():
        return set()
    try:
        files = json.loads(path.read_text(encoding="utf-8")).get("files", {})
    except (OSError, ValueError):
        return set()  # the import itself says what is wrong with its record
    unchanged = set()
    for relative, entry in files.items():
        target = (content / relative).resolve()
        if target.is_file() and file_fingerprint(target) == entry.get("sha256"):
            unchanged.add(target)
    return unchanged
