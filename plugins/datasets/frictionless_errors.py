"""Frictionless's validation of a Data Package, its errors in a spreadsheet user's words.

Frictionless checks what the Table Schema can say (types, ranges, enums, keys, foreign
keys to the sources); the most common of its errors are reworded here: what is wrong,
with the cell's value, and how to mend it.
"""

from __future__ import annotations

import re
from pathlib import Path

from bijgespijkerd.library.build_errors import place, quote
from bijgespijkerd.library.messages import N_, _

from .model import DatasetError

MAX_REPORTED_ERRORS = 20


# The most common Frictionless errors in the words of a spreadsheet user: what is wrong
# (with the cell's {value}, and what Frictionless's note says), and how to mend it.
PROBLEMS = {
    "type-error": (
        N_("the value {value} is not {kind}"),
        N_("write the value as the column's type says (numbers with a point: 40.3)"),
    ),
    "constraint-error": (
        N_("the value {value} is not allowed here: it must be {rule}"),
        N_("change the value, or the column's rule in datapackage.json if the rule is wrong"),
    ),
    "foreign-key": (
        N_("{values} is not an id in the table '{table}'"),
        N_("list that source id in sources.csv, or correct the id"),
    ),
    "primary-key": (
        N_("this row has the same key as an earlier row"),
        N_("every row needs its own key: remove or correct the duplicate"),
    ),
    "unique-error": (
        N_("the value {value} occurs more than once"),
        N_("this column must not repeat a value"),
    ),
    "missing-cell": (
        N_("the row has fewer cells than the first line has names"),
        N_("a comma is missing"),
    ),
    "extra-cell": (
        N_("the row has more cells than the first line has names"),
        N_("put a value that holds a comma between double quotes"),
    ),
    "missing-label": (
        N_("the first line lacks a column that datapackage.json describes"),
        N_("add the column, or import the file again"),
    ),
    "incorrect-label": (
        N_("the first line names a column differently from datapackage.json"),
        N_("name the columns exactly as datapackage.json does"),
    ),
    "scheme-error": (
        N_("a file named in datapackage.json is missing"),
        N_("add it or correct its path"),
    ),
}


# What a column's type asks for, and what a constraint means, for type- and constraint-errors.
KINDS = {
    "number": N_("a number"),
    "integer": N_("a whole number"),
    "year": N_("a year"),
    "date": N_("a date like 2010-03-26"),
    "boolean": N_("true or false"),
}


TEXT = N_("text")


RULES = {
    "minimum": N_("at least {limit}"),
    "maximum": N_("at most {limit}"),
    "enum": N_("one of {limit}"),
    "required": N_("filled in"),
    "pattern": N_("written in the form {limit}"),
    "minLength": N_("at least {limit} characters long"),
    "maxLength": N_("at most {limit} characters long"),
}


def validate_with_frictionless(path: Path) -> None:
    import frictionless  # imported here: slow to import, and only needed with datasets

    report = frictionless.validate(str(path))
    if report.valid:
        return
    standard = _("{path}: does not follow the Data Package standard: {detail}")
    problems = [standard.format(path=path, detail=e.message) for e in report.errors]
    for task in report.tasks:
        where = path.parent / task.place if task.place else path
        for error in task.errors:
            problems.append(_describe(where, error))
    shown = problems[:MAX_REPORTED_ERRORS]
    if len(problems) > len(shown):
        shown.append(_("… and {count} more").format(count=len(problems) - len(shown)))
    raise DatasetError("\n".join(shown))


def _describe(where: Path, error) -> str:
    """ "data.csv, line 4, column 'percent': the value '125' is not allowed here: it must be
    at most 100; change the value, …" (translated), from a Frictionless error."""
    at = place(where, getattr(error, "row_number", None))
    field_name = getattr(error, "field_name", None)
    if field_name:
        at = _("{place}, column '{column}'").format(place=at, column=field_name)
    if error.type not in PROBLEMS:  # rare: Frictionless's own words, in English
        rule = error.note if getattr(error, "note", "") else error.message
        return f"{at}: {error.type} ({rule})"
    problem, fix = PROBLEMS[error.type]
    note = getattr(error, "note", "") or ""
    kind = re.search(r'type is "(\w+)', note)
    rule = re.search(r'constraint "(\w+)" is "(.*)"', note)
    key = re.search(r'values "(.*)" not found in the lookup table "(\w+)"', note)
    said = _(problem).format(
        value=quote(getattr(error, "cell", "") or ""),
        kind=_(KINDS.get(kind[1], TEXT)) if kind else "",
        rule=_(RULES[rule[1]]).format(limit=rule[2]) if rule and rule[1] in RULES else note,
        values=quote(key[1]) if key else "",
        table=key[2] if key else "",
    )
    return f"{at}: {said}; {_(fix)}"
