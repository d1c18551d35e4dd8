"""The theme's templates compiled once per process, not once per build.

Pelican makes a new Jinja environment for every build, which compiles each template
again; in a process that builds many times (the live preview's quick builds, the test
suite) that was most of a small build's time. Jinja checks a kept template against the
checksum of its source, so an edited template is compiled afresh.
"""

from __future__ import annotations

from jinja2.bccache import Bucket, BytecodeCache


class CompiledTemplates(BytecodeCache):
    """Compiled templates kept in memory, per template and environment options."""

    def __init__(self) -> None:
        self._kept: dict[tuple, bytes] = {}

    def _key(self, bucket: Bucket) -> tuple:
        options = bucket.environment
        return (bucket.key, options.autoescape, tuple(sorted(options.extensions)))

    def load_bytecode(self, bucket: Bucket) -> None:
        kept = self._kept.get(self._key(bucket))
        if kept is not None:
            bucket.bytecode_from_string(kept)  # reset by Jinja if the source changed

    def dump_bytecode(self, bucket: Bucket) -> None:
        self._kept[self._key(bucket)] = bucket.bytecode_to_string()


COMPILED_TEMPLATES = CompiledTemplates()
