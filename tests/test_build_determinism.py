"""Builds are deterministic (cold and warm give the same bytes) and atomic (a failed build
leaves the previous site exactly as it was)."""

from __future__ import annotations

import filecmp
import re
import shutil
from pathlib import Path

import pytest

from conftest import ROOT, build

pytestmark = pytest.mark.slow


def test_cold_and_warm_builds_are_byte_identical(site, tmp_path):
    """A build that draws every chart (an empty cache) and one that reuses them all give
    the same site as the session's build, byte for byte."""
    shutil.copytree(ROOT / "content", tmp_path / "content")
    cold, warm = tmp_path / "cold", tmp_path / "warm"
    cold_build = build(cold, tmp_path / "content")
    assert cold_build.returncode == 0
    assert re.search(r"grafieken: [1-9]\d* getekend, 0 hergebruikt", cold_build.stdout), (
        cold_build.stdout
    )
    warm_build = build(warm, tmp_path / "content")
    assert re.search(r"grafieken: 0 getekend, [1-9]\d* hergebruikt", warm_build.stdout), (
        warm_build.stdout
    )
    for other in (cold, warm):
        assert _differences(filecmp.dircmp(site, other)) == []


def _differences(comparison) -> list[str]:
    found = comparison.left_only + comparison.right_only + comparison.diff_files
    (_, mismatch, errors) = filecmp.cmpfiles(
        comparison.left, comparison.right, comparison.common_files, shallow=False
    )
    found += mismatch + errors
    for sub in comparison.subdirs.values():
        found += _differences(sub)
    return found


@pytest.mark.parametrize("breakage", ["chart", "dataset"])
def test_a_failed_build_leaves_the_previous_site_exactly_as_it_was(tmp_path, breakage):
    content = tmp_path / "content"
    shutil.copytree(ROOT / "content", content)
    output = tmp_path / "output"
    assert build(output, content).returncode == 0
    before = {p: p.read_bytes() for p in output.rglob("*") if p.is_file()}
    if breakage == "chart":
        article = content / "hoe-oud-zijn-twitteraars-eigenlijk.md"
        article.write_text(article.read_text().replace("x: average_age", "x: leeftijd", 1))
    else:
        data = content / "data" / "pingdom-2010-leeftijdsverdeling" / "data.csv"
        data.write_text(data.read_text().replace("35–44,25,", "35–44,250,"))
    result = build(output, content)
    assert result.returncode != 0
    assert "output/ is niet veranderd" in result.stderr
    assert {p: p.read_bytes() for p in output.rglob("*") if p.is_file()} == before
    assert len([p for p in Path(f"{output}.builds").iterdir() if p.name != ".lock"]) == 1
