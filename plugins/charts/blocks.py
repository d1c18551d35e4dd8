"""Markdown extension: a fenced ```chart block becomes a marker where it stood.

The marker holds the block's text and its line in the file (base64: it passes Markdown's
HTML handling and Pelican's reader cache unchanged). The moment Pelican has made the
article, the charts plugin cuts the body there (body.py): the marker never reaches a
page. The block is not drawn here: Markdown does not know which file it is reading, and
a chart needs the datasets.
"""

from __future__ import annotations

import base64
import re

from markdown.extensions import Extension
from markdown.preprocessors import Preprocessor

# Any letter case: a ```Chart block must not show its YAML to readers as code.
FENCE = re.compile(r"^(?P<fence>`{3,}|~{3,})\s*(?:chart|grafiek)\s*$", re.I)
PLACEHOLDER = re.compile(
    r'<div class="chart-block" data-line="(?P<line>\d+)" '
    r'data-source="(?P<source>[A-Za-z0-9+/=]*)"></div>'
)


def placeholder(line: int, source: str) -> str:
    encoded = base64.b64encode(source.encode("utf-8")).decode("ascii")
    return f'<div class="chart-block" data-line="{line}" data-source="{encoded}"></div>'


UNCLOSED = "\0unclosed"  # the source of a block that never ends


def decode(match: re.Match[str]) -> tuple[int, str]:
    return int(match["line"]), base64.b64decode(match["source"]).decode("utf-8")


class ChartBlockPreprocessor(Preprocessor):
    """Replace each chart block by a one-line HTML placeholder.

    Runs before the `meta` preprocessor removes the header, so line numbers are the
    file's own. An unclosed block is left as it is; the plugin reports it.
    """

    def run(self, lines: list[str]) -> list[str]:
        result: list[str] = []
        index = 0
        while index < len(lines):
            match = FENCE.match(lines[index])
            if not match:
                result.append(lines[index])
                index += 1
                continue
            end = _closing(lines, index, match["fence"])
            if end is None:
                # Reported by the plugin, which knows the file: "never closed".
                result += ["", placeholder(index + 2, UNCLOSED), ""]
                break
            source = "\n".join(lines[index + 1 : end])
            # The YAML starts on the line after the fence; lines are 1-based.
            result += ["", placeholder(index + 2, source), ""]
            index = end + 1
        return result


def _closing(lines: list[str], start: int, fence: str) -> int | None:
    for index in range(start + 1, len(lines)):
        if lines[index].strip() == fence:
            return index
    return None


class ChartBlockExtension(Extension):
    def extendMarkdown(self, md):
        # Priority 35: before normalize_whitespace (30) and meta (27), so that line
        # numbers still count the header.
        md.preprocessors.register(ChartBlockPreprocessor(md), "chart_blocks", 35)
