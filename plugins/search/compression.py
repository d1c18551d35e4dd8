"""Pagefind's index as HTTP sends it best: compressed by the server, decoded by the browser.

Pagefind gzips its index files itself and inflates them in JavaScript. Stored decoded,
with Pagefind's own gzip beside them (NAME.gz) and brotli (NAME.br), nginx's `gzip_static`
and `brotli_static` send them with a `Content-Encoding`: the browser decodes them natively
(a first search comes sooner), brotli makes them smaller than gzip, and Pagefind's
script, finding its own "decoded" marker at the
start, uses them as they are. A server or browser without brotli gets the gzip; one
without either the decoded file. Pagefind's two scripts get brotli beside them too.
"""

from __future__ import annotations

import gzip
import hashlib
import logging
from pathlib import Path

import brotli

from bijgespijkerd.library.messages import N_

logger = logging.getLogger(__name__)

# What a first search fetches, by name in the bundle: its metadata and WebAssembly at
# once, then the index chunks holding the words. The excerpts (fragment/) are left as
# Pagefind wrote them: a kilobyte each, and a thousand files to rewrite.
DECODED = ("*.pf_meta", "wasm.*.pagefind", "index/*.pf_index", "filter/*.pf_filter")
# Brotli at its best quality for the WebAssembly (the same bytes in every build of a
# Pagefind version: kept in the cache) and the metadata (small, new in every build). The
# index chunks change with every added article: quality 4, fast enough for a build and
# still smaller than Pagefind's gzip. Measured figures: docs/search.md.
BROTLI = {"*.pf_meta": 11, "wasm.*.pagefind": 11, "index/*.pf_index": 4, "filter/*.pf_filter": 4}
CACHED = "wasm.*.pagefind"
# Pagefind's scripts, the page's and its worker's, as it writes them (plain): nginx gzips
# them as any script; brotli is smaller, the same bytes for a Pagefind version: cached.
SCRIPTS = ("pagefind.js", "pagefind-worker.js")
MARKER = b"pagefind_dcd"  # what Pagefind's decoded files begin with


class NotPagefindsFormat(ValueError):
    """A file of the bundle is not gzip holding Pagefind's decoded marker."""


def serve_compressed(bundle: Path, cache: Path) -> None:
    """Rewrite `bundle`'s index files decoded, with .gz and .br beside them, and put .br
    beside its scripts; what is the same in every build is kept in `cache` by its hash."""
    for pattern in DECODED:
        for path in sorted(bundle.glob(pattern)):
            packed = path.read_bytes()
            try:
                plain = gzip.decompress(packed)
            except (OSError, EOFError) as error:
                raise NotPagefindsFormat(f"{path}: {error}") from error
            if not plain.startswith(MARKER):
                raise NotPagefindsFormat(f"{path}: no {MARKER.decode()} marker")
            path.with_name(path.name + ".gz").write_bytes(packed)
            kept = cache if path.match(CACHED) else None
            path.with_name(path.name + ".br").write_bytes(brotli_of(plain, kept, BROTLI[pattern]))
            path.write_bytes(plain)
    for name in SCRIPTS:
        if (path := bundle / name).is_file():
            path.with_name(name + ".br").write_bytes(brotli_of(path.read_bytes(), cache))


def brotli_of(plain: bytes, cache: Path | None, quality: int = 11) -> bytes:
    """Brotli at `quality`; kept in `cache` (if given), and taken from it when these
    bytes were compressed before."""
    if cache is None:
        return brotli.compress(plain, quality=quality)
    kept = cache / (hashlib.sha256(plain).hexdigest() + ".br")
    if kept.is_file():
        return kept.read_bytes()
    packed = brotli.compress(plain, quality=quality)
    try:
        cache.mkdir(parents=True, exist_ok=True)
        scratch = kept.with_suffix(".tmp")
        scratch.write_bytes(packed)
        scratch.replace(kept)  # whole or not at all: a build stopped halfway leaves no half
    except OSError as error:  # read-only, full: the next build compresses it again
        logger.warning(
            N_("The search cache %s cannot be written (%s); the index is compressed without it"),
            cache,
            error.strerror or error,
        )
    return packed
