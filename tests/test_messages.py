"""Everything the build and the tasks tell authors is in Dutch: each message in the code
has a Dutch translation that fills in the same values, no message escapes translation,
and a maintainer can switch to English."""

from __future__ import annotations

import ast
import re
import string

import pytest

from bijgespijkerd.library.messages.catalog import code_files, extract, read_catalog
from conftest import ROOT, run_invoke

CATALOG = read_catalog("nl")
IN_CODE = {m.id: m for m in extract(ROOT) if m.id}


def _placeholders(text: str, python_format: bool) -> list[str]:
    if python_format:
        return sorted(re.findall(r"%[sdr]", text))
    return sorted(name for _, name, _, _ in string.Formatter().parse(text) if name is not None)


def test_every_message_in_the_code_has_a_dutch_translation():
    missing = [
        message
        for message in IN_CODE
        if message not in CATALOG or not CATALOG[message].string or CATALOG[message].fuzzy
    ]
    assert not missing, f"run `invoke messages` and translate: {missing}"


@pytest.mark.parametrize("message", sorted(IN_CODE))
def test_a_translation_fills_in_the_same_values(message):
    translated = CATALOG[message].string if message in CATALOG else ""
    python_format = "%" in message and "{" not in message
    assert _placeholders(translated, python_format) == _placeholders(message, python_format)


def test_the_catalog_holds_no_message_the_code_no_longer_uses():
    unused = [m.id for m in CATALOG if m.id and m.id not in IN_CODE]
    assert not unused, f"run `invoke messages` to drop: {unused}"


# Exceptions that mean a bug in our code, not a message for an author.
BUG_EXCEPTIONS = {"ValueError", "TypeError", "RuntimeError", "KeyError", "AssertionError"}
MESSAGE_NAMES = {"msg", "message", "hint", "problem", "reason"}


def _has_words(node: ast.AST) -> bool:
    """A string literal, or an f-string, with words in it (not just punctuation)."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return bool(re.search(r"[A-Za-z]{2}", node.value))
    if isinstance(node, ast.JoinedStr):
        return any(_has_words(part) for part in node.values if isinstance(part, ast.Constant))
    return False


def _untranslated(tree: ast.AST) -> list[int]:
    lines = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and node.args and _has_words(node.args[0]):
            function = node.func
            name = function.id if isinstance(function, ast.Name) else getattr(function, "attr", "")
            raised = (name.endswith("Error") or name == "Exit") and name not in BUG_EXCEPTIONS
            logged = isinstance(function, ast.Attribute) and name in {"info", "warning", "error"}
            if raised or logged or name == "print":
                lines.append(node.lineno)
        if isinstance(node, ast.Assign) and _has_words(node.value):
            names = {getattr(target, "id", None) for target in node.targets}
            if names & MESSAGE_NAMES:
                lines.append(node.lineno)
    return sorted(lines)


def test_no_message_is_written_without_translation():
    found = {
        path.relative_to(ROOT).as_posix(): lines
        for path in code_files(ROOT)
        if (lines := _untranslated(ast.parse(path.read_text(encoding="utf-8"))))
    }
    assert not found, f"wrap these messages in _(): {found}"


def test_the_check_finds_an_untranslated_message():
    code = 'raise DatasetError(f"{path}: missing a title")\nmsg = "the value is wrong"\n'
    assert _untranslated(ast.parse(code)) == [1, 2]
    assert _untranslated(ast.parse('raise DatasetError(_("{path}: missing a title"))')) == []


def _broken_site(tiny_site):
    tiny_site.article(body="Zie [de cijfers](datset:pingdom).")
    return tiny_site


def test_a_build_error_reads_dutch_by_default(tiny_site):
    result = _broken_site(tiny_site).build()
    assert result.returncode == 1
    assert "Bouwen mislukt." in result.stderr
    assert ", regel 7: het adres 'datset:pingdom' begint met 'datset:' (bedoel je dataset:?)" in (
        result.stderr
    )


def test_a_maintainer_can_read_the_same_error_in_english(tiny_site):
    site = _broken_site(tiny_site)
    result = run_invoke(
        "build",
        "--content",
        str(site.content),
        "--output",
        str(site.output),
        env={"MESSAGES_LANGUAGE": "en"},
    )
    assert result.returncode == 1
    assert "Build failed." in result.stderr
    assert ", line 7: the address 'datset:pingdom' starts with 'datset:' (did you mean" in (
        result.stderr
    )


def test_an_unknown_language_is_refused_naming_the_setting(tiny_site):
    result = run_invoke(
        "build",
        "--content",
        str(tiny_site.content),
        "--output",
        str(tiny_site.output),
        env={"MESSAGES_LANGUAGE": "fr"},
    )
    assert result.returncode != 0
    assert "MESSAGES_LANGUAGE is 'fr'; choose one of en, nl" in result.stderr


def test_task_output_is_dutch(tiny_site, tmp_path):
    sheet = tmp_path / "tabel.csv"
    sheet.write_bytes("leeftijd;groep\r\n18–24;jong\r\n".encode("cp1252", errors="replace"))
    result = run_invoke("dataset-import", "nieuw", str(sheet), "--content", str(tiny_site.content))
    assert result.returncode == 1
    assert "Importeren mislukt; er is niets veranderd." in result.stderr
    assert "geen kolom bevat getallen" in result.stderr
