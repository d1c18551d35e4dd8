"""The README cannot drift from the code: settings, tasks and Quick start are checked."""

from __future__ import annotations

import re
from dataclasses import fields
from types import SimpleNamespace

import pytest

from bijgespijkerd.comment_service.settings import ServiceSettings
from bijgespijkerd.library.settings import SETTINGS, settings_table
from bijgespijkerd.plugins.comments import plugin as comments_plugin
from conftest import ROOT, run_invoke

README = (ROOT / "README.md").read_text(encoding="utf-8")


@pytest.mark.parametrize("section", sorted({setting.section for setting in SETTINGS}))
def test_every_setting_is_in_the_readme_as_declared(section):
    """Each section's table is the one library/settings.py declares, default and meaning."""
    readme_section = README.split(f"### `{section}`", 1)[1].split("\n### ", 1)[0]
    expected = settings_table(section)
    assert expected in readme_section, f"the README's table of {section} should be:\n{expected}"


# Fields of the comment service read from the site's settings, not the environment.
FROM_THE_SITE = {"max_length", "retention_days"}


@pytest.mark.parametrize(
    "field",
    [f for f in fields(ServiceSettings) if f.name not in FROM_THE_SITE],
    ids=lambda field: field.name,
)
def test_every_variable_of_the_comment_service_is_in_the_readme_with_its_default(field):
    """ServiceSettings declares the service's settings; the README's table names each
    variable, with the field's default where it has a plain one."""
    section = README.split("### Settings of the comment service", 1)[1].split("\n### ", 1)[0]
    variable = f"COMMENTS_{field.name.upper()}"
    row = next((line for line in section.splitlines() if f"`{variable}`" in line), None)
    assert row, f"{variable} is not in the README's table of the comment service"
    default = field.default
    if isinstance(default, int) and not isinstance(default, bool):
        assert f"`{default}`" in row, f"{variable}: the README should give its default {default}"


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
    with pytest.raises(comments_plugin.CommentSettingsError, match="autoescape"):
        comments_plugin.prepare_settings(pelican)
