"""The README cannot drift from the code: settings, tasks and Quick start are checked."""

from __future__ import annotations

import re
from types import SimpleNamespace

import pytest
import search

import author_profiles.profiles
import charts.plugin
import comments.plugin
import datasets.generator
import dutch_dates.dates
import reading_time.count
from conftest import ROOT, run_invoke

README = (ROOT / "README.md").read_text(encoding="utf-8")
PLUGIN_DEFAULTS = {
    "charts": charts.plugin.DEFAULTS,
    "comments": comments.plugin.DEFAULTS,
    "datasets": datasets.generator.DEFAULTS,
    "author_profiles": author_profiles.profiles.DEFAULTS,
    "reading_time": reading_time.count.DEFAULTS,
    "dutch_dates": dutch_dates.dates.DEFAULTS,
    "search": search.DEFAULTS,
}


@pytest.mark.parametrize("plugin", PLUGIN_DEFAULTS)
def test_every_plugin_setting_is_documented_with_its_default(plugin):
    section = README.split(f"### `{plugin}`", 1)[1].split("\n### ", 1)[0]
    for name, default in PLUGIN_DEFAULTS[plugin].items():
        row = re.search(rf"^\| `{name}` \| `([^`]*)` \|", section, re.M)
        assert row, f"{name} is not documented in the README section of {plugin}"
        assert row[1] == repr(default).replace("'", '"'), f"README default of {name} is stale"


def test_every_invoke_task_is_documented():
    listing = run_invoke("--list").stdout
    tasks = re.findall(r"^  (\S+)", listing, re.M)
    assert "build" in tasks
    for name in tasks:
        assert f"| `invoke {name}` |" in README, f"invoke {name} is missing from the README"


def test_quick_start_is_two_commands_and_ci_runs_exactly_them():
    quick_start = README.split("## Quick start", 1)[1].split("\n## ", 1)[0]
    commands = re.search(r"```sh\n(.*?)```", quick_start, re.S)[1].strip().splitlines()
    assert len(commands) == 2
    ci_script = (ROOT / ".ci/run").read_text(encoding="utf-8")
    ci_commands = [
        line
        for line in ci_script.splitlines()
        if line.startswith(".venv") or line.startswith("python3")
    ]
    assert ci_commands == commands


def test_comments_refuse_settings_without_autoescape():
    pelican = SimpleNamespace(settings={"JINJA_ENVIRONMENT": {"trim_blocks": True}})
    with pytest.raises(comments.plugin.CommentSettingsError, match="autoescape"):
        comments.plugin.apply_defaults(pelican)
