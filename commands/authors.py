"""What authors run: a new post or author profile, a dataset from a spreadsheet, and
the evidence report."""

from __future__ import annotations

import sys
from pathlib import Path

from invoke import Exit, task

from bijgespijkerd.library.build_errors import UNFINISHED
from bijgespijkerd.library.messages import N_, _
from bijgespijkerd.library.new_post import site_slug
from bijgespijkerd.library.site_build import SETTINGS_LOCAL, run_build

from . import HOST, PORT, ROOT, content_folder, task_settings


@task(
    help={
        "title": "the post's title",
        "auteur": "the author's name as in content/authors/ (asked when there are several)",
        "content": "content folder (default content/)",
    }
)
def new_post(c, title, auteur=None, content=None):
    """Start a post: content/<slug>.md with its header filled in, as a draft."""
    from bijgespijkerd.library.new_post import NewPostError, plan_new_post, write_new_post

    settings = task_settings(SETTINGS_LOCAL)
    folder = content_folder(content)
    author = _post_author(folder, auteur, settings)
    try:
        post = plan_new_post(folder, title, author, settings)
        write_new_post(post)
    except NewPostError as error:
        raise Exit(str(error)) from None
    msg = _(
        "New draft: {path}\n"
        "- Fill in Category and Tags; check the author ({author}) and the date ({today}).\n"
        "- See it: `invoke livereload`, then {address}\n"
        "- To publish it: remove the line 'Status: draft'."
    )
    address = f"http://{HOST}:{PORT}/drafts/{post.slug}.html"
    print(msg.format(path=post.path, author=author, today=post.date, address=address))


def _post_author(content: Path, wanted: str | None, settings: dict) -> str:
    """The name for a new post's `Author:`: the one profile, the one asked for, or the
    one chosen at the prompt; the site's author while there are no profiles."""
    from bijgespijkerd.plugins.author_profiles.profiles import profile_names

    profiles = content / settings["AUTHOR_PROFILES_PATH"]
    names = profile_names(profiles)
    if wanted is not None:
        match = [n for n in names if n.casefold() == wanted.strip().casefold()]
        if not match and names:
            msg = _("There is no profile for {name} in {folder}; choose one of: {names}")
            raise Exit(msg.format(name=repr(wanted), folder=profiles, names=", ".join(names)))
        return match[0] if match else wanted.strip()
    if len(names) <= 1:
        return names[0] if names else settings["AUTHOR"]
    if not sys.stdin.isatty():
        msg = _("Who writes it? Add --auteur with one of: {names}")
        raise Exit(msg.format(names=", ".join(f'"{n}"' for n in names)))
    for number, name in enumerate(names, start=1):
        print(f"{number}. {name}")
    answer = input(_("Who writes it? (number) ")).strip()
    if not answer.isdigit() or not 1 <= int(answer) <= len(names):
        raise Exit(_("No author chosen; nothing was written."))
    return names[int(answer) - 1]


@task(help={"name": "the author's full name", "content": "content folder (default content/)"})
def new_author(c, name, content=None):
    """Start an author profile: content/authors/<slug>.md, for "Over de auteur"."""
    settings = task_settings(SETTINGS_LOCAL)
    folder = content_folder(content) / "authors"
    path = folder / f"{site_slug(name, settings)}.md"
    if path.exists():
        raise Exit(_("{path} already exists").format(path=path))
    folder.mkdir(parents=True, exist_ok=True)
    bio = _("a short bio in a few sentences.")
    path.write_text(f"Name: {name}\n\n{UNFINISHED}: {bio}\n", encoding="utf-8")
    msg = _(
        "New profile: {path}\n"
        "- Write the bio below the empty line (and remove '{unfinished}').\n"
        "- Put 'Author: {name}' above your articles."
    )
    print(msg.format(path=path, unfinished=UNFINISHED, name=name))


@task(
    help={
        "name": "the dataset's name, as it will be imported (e.g. deelnemers-2024)",
        "tekst": "make NAME-beschrijving.txt, to go beside a CSV, instead of a workbook",
        "folder": "where to put it (default: the current folder)",
    }
)
def dataset_template(c, name, tekst=False, folder="."):
    """Start a dataset as a workbook (NAME.xlsx: data, description, sources) or, for a
    CSV, as a description file beside it; `invoke dataset-import` reads both."""
    from bijgespijkerd.plugins.datasets.description import (
        template_text,
        template_workbook,
        text_file_for,
    )

    task_settings(SETTINGS_LOCAL)
    workbook = Path(folder) / f"{name}.xlsx"
    path = text_file_for(Path(folder) / f"{name}.csv") if tekst else workbook
    if path.exists():
        raise Exit(_("{path} already exists; nothing was written").format(path=path))
    if tekst:
        path.write_text(template_text(name), encoding="utf-8")
    else:
        template_workbook(path)
    msg = _(
        "Made {path}. Fill it in, then: invoke dataset-import {name} {data}\n"
        "HANDLEIDING.md, 'Een dataset uit Excel', explains each part."
    )
    data = Path(folder) / f"{name}.csv" if tekst else workbook
    print(msg.format(path=path, name=name, data=data))


@task(
    help={
        "name": "the dataset's name: its folder under content/data/ (new or existing)",
        "file": "the table: an .xlsx workbook (first sheet) or a CSV as Excel saves it",
        "content": "content folder (default content/)",
        "decimaalteken": "komma or punt: how a text file writes decimals (asked when unclear)",
        "sleutel": "the column that names each row of a new dataset (default: inferred)",
    }
)
def dataset_import(c, name, file, content=None, decimaalteken=None, sleutel=None):
    """Make a spreadsheet a dataset: replaces an existing dataset's data (and records what
    changed), or starts a new one whose description you then fill in. --decimaalteken komma
    or punt decides numbers a text file writes ambiguously (1,250); --sleutel COLUMN
    chooses a new dataset's row key."""
    import datetime

    from bijgespijkerd.library.build_errors import BuildError
    from bijgespijkerd.plugins.datasets.importer import import_sheet
    from bijgespijkerd.plugins.datasets.spreadsheet import read_sheet
    from bijgespijkerd.plugins.datasets.written_numbers import CHOICES

    task_settings(SETTINGS_LOCAL)
    if decimaalteken is not None and decimaalteken not in CHOICES:
        msg = _("--decimaalteken is 'komma' or 'punt', not {value}")
        raise Exit(msg.format(value=decimaalteken), code=2)
    folder = content_folder(content) / "data" / name
    try:
        sheet = read_sheet(Path(file), decimaalteken)
        report = import_sheet(folder, sheet, datetime.date.today(), sleutel)
    except BuildError as error:
        msg = _("Import failed; nothing was changed. {error}").format(error=error)
        raise Exit(msg, code=1) from None
    print(_import_text(report))


def _import_text(report) -> str:
    heading = _("New dataset: {folder}") if report.created else _("Dataset: {folder}")
    lines = [heading.format(folder=report.folder)]
    lines += [f"  - {note}" for note in report.notes]
    if not report.created:
        if report.unchanged:
            lines.append(_("No row changed; nothing was altered."))
        if report.changed or report.added or report.removed:
            lines.append(_("New version {version}:").format(version=report.version))
            lines += [_("  changed: {row}").format(row=row) for row in report.changed]
            lines += [_("  added: {row}").format(row=row) for row in report.added]
            lines += [_("  removed: {row}").format(row=row) for row in report.removed]
        if report.described:
            msg = _("Description updated: {parts}")
            lines.append(msg.format(parts=", ".join(report.described)))
    if report.unfinished:
        where = report.described_in or _(
            "a sheet 'Beschrijving' in the workbook, or a file NAME-beschrijving.txt beside "
            "the CSV (`invoke dataset-template NAME` makes either)"
        )
        msg = _(
            "Still to be written, in {where}, before it can be published (until then the "
            "preview shows it as 'onvoltooid'); then import again:"
        )
        lines.append(msg.format(where=where))
        lines += [f"  - {item}" for item in report.unfinished]
    elif report.created:
        lines.append(_("The dataset is complete: `invoke build` publishes it."))
    return "\n".join(lines)


@task(help={"content": "content folder to report on (default content/)"})
def evidence(c, content=None):
    """List every number in each article: checked against data, linked but not
    checkable, or not linked at all (years, dates and ordinals apart)."""
    import json
    import tempfile

    with tempfile.TemporaryDirectory() as folder:
        report = Path(folder) / "evidence.json"
        extra = {"EVIDENCE_REPORT_PATH": str(report)}
        run_build(SETTINGS_LOCAL, Path(folder) / "output", content, False, extra=extra)
        articles = json.loads(report.read_text(encoding="utf-8"))
    print(_evidence_text(articles))


EVIDENCE_GROUPS = {
    "checked": N_("Linked to data and checked"),
    "not_checkable": N_("Linked to data, cannot be checked"),
    "not_linked": N_("Not linked to data"),
    "years_dates_ordinals": N_("Years, dates and ordinals (not checked)"),
}


def _evidence_text(articles: list[dict]) -> str:
    lines = [_("Evidence per article: every number in the text")]
    for article in articles:
        source = Path(article["source_path"])
        shown = source.relative_to(ROOT) if source.is_relative_to(ROOT) else source
        lines += ["", f"{article['title']} ({shown})"]
        for key, group in EVIDENCE_GROUPS.items():
            numbers, heading = article[key], _(group)
            if key == "years_dates_ordinals":
                lines.append(
                    f"  {heading}: {len(numbers)}" + (f" ({', '.join(numbers)})" if numbers else "")
                )
                continue
            lines.append(f"  {heading}: {len(numbers)}")
            lines += [f"    - {number}" for number in numbers]
    return "\n".join(lines)
