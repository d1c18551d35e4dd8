"""A build opens no network connection: not for data, not from a chart, not at all."""

from __future__ import annotations

import shutil
import subprocess
import sys

import pytest
from test_charts_build import chart_site  # noqa: F401

from conftest import ROOT

FETCHING_CHARTS = """
import urllib.request

import altair as alt


def haalt_op(data):
    data.rows("pingdom-2010-gemiddelde-leeftijd")
    rows = urllib.request.urlopen(ADDRESS + "/rijen.json").read()
    return alt.Chart(alt.Data(values=[{"a": 1}])).mark_bar().encode(x="a:Q")


def laadt_url(data):
    data.rows("pingdom-2010-gemiddelde-leeftijd")
    return alt.Chart(alt.Data(url=ADDRESS + "/rijen.json")).mark_bar().encode(x="a:Q")
"""


@pytest.mark.parametrize("chart", ["haalt_op", "laadt_url"])
def test_a_chart_that_reaches_for_the_network_fails_without_connecting(
    chart_site,  # noqa: F811
    listener,
    chart,
):
    address, connections = listener
    chart_site.write("grafieken.py", f"ADDRESS = {address!r}\n" + FETCHING_CHARTS)
    path = chart_site.article(body=f"Tekst.\n\n```chart\npython: {chart}\ntitle: x\n```\n")
    result = chart_site.build()
    assert result.returncode == 1
    assert f"{path}, regel 10" in result.stderr
    assert "via het netwerk" in result.stderr or "External data url not allowed" in result.stderr
    assert connections == []


def _network_denied() -> bool:
    return shutil.which("unshare") is not None and (
        subprocess.run(["unshare", "-rn", "true"], capture_output=True).returncode == 0
    )


@pytest.mark.skipif(not _network_denied(), reason="needs unshare -rn (user namespaces)")
def test_the_site_builds_with_networking_denied(tmp_path):
    command = ["unshare", "-rn", sys.executable, "-m", "invoke", "build", "--strict"]
    command += ["--output", str(tmp_path / "output")]
    result = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "output" / "index.html").is_file()
