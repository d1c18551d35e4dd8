"""Where a WordPress post was, as nginx will match it; and the addresses the site keeps
for itself, which no redirect may take."""

from __future__ import annotations

import re
from urllib.parse import unquote, urlsplit

# An old address nginx can match as it is: a path, without anything a map would read.
_NGINX_SAFE = re.compile(r'^/[^\s"\'\\;{}$#\x00-\x1f\x7f]*$')
_QUERY_ID = re.compile(r"(p|page_id)=\d+")
# The files the build writes at the top of the site (tested against a real build).
SITE_ROOT_FILES = ("index.html", "404.html", "robots.txt", "sitemap.xml", "favicon.ico",
                   "deelbeeld.png")  # fmt: skip


def old_addresses(link: str, guid: str) -> list[str]:
    """A post's old paths: its permalink with and without the final slash, percent-decoded
    as nginx's $uri is; and WordPress's own "/?p=123" (or "?page_id=") as sent."""
    found: list[str] = []
    for address in (link, guid):
        parts = urlsplit(address)
        if parts.query and _QUERY_ID.fullmatch(parts.query):
            found.append(f"{parts.path or '/'}?{parts.query}")
        elif parts.path not in ("", "/"):
            path = unquote(parts.path)
            found += [path, path.rstrip("/") if path.endswith("/") else path + "/"]
    return list(dict.fromkeys(found))


# What one key of deploy/nginx/maps.conf's maps may take: their map_hash_bucket_size (512)
# less nginx's own bytes per key (a pointer and a length, rounded up).
MAX_REDIRECT_KEY_BYTES = 480


def nginx_can_match(path: str) -> bool:
    return bool(_NGINX_SAFE.match(path))


def fits_nginx_map(path: str) -> bool:
    return len(path.encode()) <= MAX_REDIRECT_KEY_BYTES


def takes_site_address(old: str, site_addresses: set[str]) -> bool:
    """Whether the old address `old` is, with or without its final slash, an address the
    built site answers itself."""
    path = old.split("?")[0]
    return bool({path, path.rstrip("/"), path.rstrip("/") + "/"} & site_addresses)


def site_folders(settings: dict) -> set[str]:
    """The first folder of every address the site makes itself (archief, zoeken, tag,
    theme…): a page may not take one as its slug."""
    addresses = [v for k, v in settings.items() if k.endswith(("_SAVE_AS", "_URL"))]
    addresses += [settings.get("THEME_STATIC_DIR", "theme"), settings.get("COMMENTS_FORM_ACTION")]
    addresses += [*settings.get("STATIC_PATHS", []), settings.get("SEARCH_BUNDLE"), "feeds"]
    addresses.append("drafts")
    folders = {str(a).strip("/").split("/")[0] for a in addresses if isinstance(a, str) and a}
    return {folder for folder in folders if folder and "{" not in folder}
