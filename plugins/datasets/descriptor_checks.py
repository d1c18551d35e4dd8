"""What a dataset's datapackage.json must say before the site publishes it.

The properties readers are shown (population, method, caveats…), what a person has
still to write (NOG INVULLEN), column names and types, licences and changes, and that
nothing in it makes the build read from elsewhere.
"""

from __future__ import annotations

import json
import re
from datetime import date
from pathlib import Path

from bijgespijkerd.library.build_errors import UNFINISHED, place, quote
from bijgespijkerd.library.messages import N_, _, number
from bijgespijkerd.library.safe_urls import url_problem

from .model import SOURCES_RESOURCE, Change, DatasetError, Licence

REQUIRED_PROPERTIES = {
    "name": N_("the dataset's name, equal to its folder name"),
    "title": N_("a title"),
    "description": N_("a one-paragraph description"),
    "version": N_("a version such as 1.0.0"),
    "updated": N_("the date of the last change, as 2026-11-26"),
    "period": N_("the period the data covers"),
    "geography": N_("the country or region the data covers"),
    "population": N_("who or what was measured"),
    "method": N_("how the values were obtained"),
    "caveats": N_("a list of caveats (what a reader must keep in mind)"),
    "licenses": N_("a list with the licence of the data"),
}


# Descriptor properties a page shows as text; each must be a JSON string.
TEXT_PROPERTIES = (
    "title",
    "description",
    "version",
    "updated",
    "period",
    "geography",
    "population",
    "method",
)


MAX_DESCRIPTOR_BYTES = 5_000_000  # a description, not data: ours are 6 to 12 KB


def read_descriptor(path: Path) -> dict:
    try:
        if path.is_file() and path.stat().st_size > MAX_DESCRIPTOR_BYTES:
            msg = _("{path}: is larger than {limit} bytes; a description is smaller")
            msg = msg.format(path=path, limit=number(MAX_DESCRIPTOR_BYTES))
            raise DatasetError(msg)
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError:
        raise DatasetError(
            _("{path}: is not UTF-8 text; save it as UTF-8").format(path=path)
        ) from None
    except OSError as error:
        msg = _("{path}: cannot be read ({reason}); every dataset folder needs one")
        msg = msg.format(path=path, reason=error.strerror)
        raise DatasetError(msg) from error
    try:
        descriptor = json.loads(text)
    except RecursionError:
        msg = _("{path}: nested too deeply to be a dataset description").format(path=path)
        raise DatasetError(msg) from None
    except json.JSONDecodeError as error:
        msg = _("{place}, column {column}: not valid JSON ({reason})").format(
            place=place(path, error.lineno), column=error.colno, reason=error.msg
        )
        raise DatasetError(msg) from error
    if not isinstance(descriptor, dict):
        msg = _("{path}: must hold a JSON object {{...}}").format(path=path)
        raise DatasetError(msg)
    return descriptor


PLAIN_NAMES = {
    "title": N_("title"),
    "description": N_("description"),
    "period": N_("period"),
    "geography": N_("region"),
    "population": N_("population"),
    "method": N_("method"),
    "caveats": N_("caveat"),
    "measure": N_("measured value (measure)"),
    "unit": N_("unit"),
}


def unfinished_items(descriptor: dict) -> list[str]:
    """What a person has still to write in a package made by `invoke dataset-import`,
    in plain words ("title: een titel"), from every value starting with UNFINISHED."""
    left = []

    def walk(value, where: str) -> None:
        if isinstance(value, str) and value.startswith(UNFINISHED):
            left.append(f"{where}: {value.removeprefix(UNFINISHED).lstrip(': ')}")
        elif isinstance(value, dict):
            column = value.get("name") if "type" in value else None  # a column's description
            for key, item in value.items():
                name = _(PLAIN_NAMES[key]) if key in PLAIN_NAMES else key
                walk(
                    item,
                    _("column '{column}', {name}").format(column=column, name=name)
                    if column
                    else name,
                )
        elif isinstance(value, list):
            for count, item in enumerate(value, start=1):
                walk(item, f"{where} {count}" if len(value) > 1 else where)

    walk(descriptor, "")
    return left


def check_properties(path: Path, folder_name: str, descriptor: dict) -> None:
    missing = [
        f"'{k}' ({_(why)})" for k, why in REQUIRED_PROPERTIES.items() if not descriptor.get(k)
    ]
    if missing:
        msg = _("{path}: missing {properties}").format(path=path, properties=", ".join(missing))
        raise DatasetError(msg)
    wrong = [k for k in TEXT_PROPERTIES if not isinstance(descriptor[k], str)]
    if not isinstance(descriptor["name"], str):
        wrong.insert(0, "name")
    if wrong:
        msg = _("{path}: {properties} must be text between quotes")
        raise DatasetError(msg.format(path=path, properties=", ".join(map(repr, wrong))))
    if not NAME_PATTERN.match(folder_name):
        msg = _(
            "{folder}: a dataset's folder is named with lower-case letters, digits and "
            "hyphens (it becomes the address /data/NAME/), e.g. cbs-leeftijd-2008"
        ).format(folder=path.parent)
        raise DatasetError(msg)
    if descriptor["name"] != folder_name:
        msg = _("{path}: 'name' is {name} but the folder is {folder}; make them equal").format(
            path=path, name=repr(descriptor["name"]), folder=repr(folder_name)
        )
        raise DatasetError(msg)
    if not isinstance(descriptor["caveats"], list) or not all(
        isinstance(c, str) and c for c in descriptor["caveats"]
    ):
        raise DatasetError(_("{path}: 'caveats' must be a list of sentences").format(path=path))
    try:
        date.fromisoformat(str(descriptor["updated"]))
    except ValueError:
        msg = _("{path}: 'updated' is {value}, not a date like 2026-11-26")
        msg = msg.format(path=path, value=repr(descriptor["updated"]))
        raise DatasetError(msg) from None


def split_resources(path: Path, descriptor: dict) -> tuple[dict, dict]:
    resources = descriptor.get("resources")
    if not isinstance(resources, list) or not all(isinstance(r, dict) for r in resources):
        resources = []
    names = [r.get("name") for r in resources]
    if (
        len(names) != 2
        or SOURCES_RESOURCE not in names
        or not all(isinstance(r.get("schema"), dict) and r.get("path") for r in resources)
    ):
        msg = _(
            "{path}: 'resources' must list two tables, each with a 'path' and a 'schema': "
            "the data, and one named '{sources}' listing the sources"
        ).format(path=path, sources=SOURCES_RESOURCE)
        raise DatasetError(msg)
    sources = resources[names.index(SOURCES_RESOURCE)]
    data = resources[1 - names.index(SOURCES_RESOURCE)]
    for resource in (data, sources):
        _check_fields(path, resource)
    for resource in (data, sources):
        _check_resource(path, resource)
    if not any(f.get("measure") for f in data["schema"]["fields"]):
        msg = _(
            "{path}: the data table needs at least one field "
            'marked "measure": true (the measured value)'
        ).format(path=path)
        raise DatasetError(msg)
    return data, sources


NAME_PATTERN = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")  # a dataset's folder, and a source id


FIELD_PATTERN = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")


# Field properties a page shows as text.
FIELD_TEXTS = ("name", "title", "type", "description", "unit")


def _check_fields(path: Path, resource: dict) -> None:
    fields = resource["schema"].get("fields")
    where = _("{path}: resource {name}").format(path=path, name=quote(resource.get("name")))
    if not isinstance(fields, list) or not fields:
        raise DatasetError(
            _("{where}: 'schema' needs 'fields', a list of columns").format(where=where)
        )
    for count, spec in enumerate(fields, start=1):
        if not isinstance(spec, dict) or not isinstance(spec.get("name"), str):
            msg = _("{where}: column {count} of 'fields' needs a 'name' between quotes")
            raise DatasetError(msg.format(where=where, count=count))
        if not FIELD_PATTERN.match(spec["name"]):
            msg = _(
                "{where}: column {name}: a column's name has only letters, "
                "digits and _ (it is used in charts and addresses), e.g. average_age"
            ).format(where=where, name=quote(spec["name"]))
            raise DatasetError(msg)
        if "measure" in spec and not isinstance(spec["measure"], bool):
            msg = _(
                "{where}: column '{name}': 'measure' is {value}; write true or false "
                "without quotes (true: this column holds the measured values)"
            )
            written = json.dumps(spec["measure"], ensure_ascii=False)[:60]
            msg = msg.format(where=where, name=spec["name"], value=written)
            raise DatasetError(msg)
        wrong = [k for k in FIELD_TEXTS if k in spec and not isinstance(spec[k], str)]
        if wrong:
            msg = _("{where}: column '{name}': {properties} must be text between quotes").format(
                where=where, name=spec["name"], properties=", ".join(wrong)
            )
            raise DatasetError(msg)


# Properties with which frictionless would fetch something from elsewhere.
FETCHING_PROPERTIES = ("profile", "$schema", "dialect")


def check_local(path: Path, descriptor: dict) -> None:
    """Nothing in a descriptor may make the build read from the network."""
    for key in FETCHING_PROPERTIES:
        value = descriptor.get(key)
        if isinstance(value, str) and "://" in value:
            msg = _(
                "{path}: '{key}' is an address ({url}); the build reads nothing "
                "from the internet: remove it"
            ).format(path=path, key=key, url=quote(value))
            raise DatasetError(msg)


def _check_resource(path: Path, resource: dict) -> None:
    """A resource is a file in the dataset's own folder: not an address, not a link out."""
    check_local(path, resource)
    name, target = resource.get("name"), resource["path"]
    if not isinstance(target, str):
        msg = _("{path}: resource {name}: 'path' must be one file name")
        raise DatasetError(msg.format(path=path, name=quote(name)))
    where = _("{path}: resource {name}: 'path' {target}").format(
        path=path, name=quote(name), target=quote(target)
    )
    if "://" in target or target.startswith(("/", "\\")) or ":" in target.split("/")[0]:
        msg = _("{where} must be the name of a file in the dataset's folder, not an address")
        raise DatasetError(msg.format(where=where))
    folder = path.parent.resolve()
    file = (path.parent / target).resolve()
    if not file.is_relative_to(folder) or any(part == ".." for part in Path(target).parts):
        msg = _("{where} leaves the dataset's folder; keep the file inside {folder}")
        msg = msg.format(where=where, folder=path.parent)
        raise DatasetError(msg)
    if not file.is_file():
        msg = _("{where} is not a file; add it or correct its path").format(where=where)
        raise DatasetError(msg)


def read_licences(path: Path, licences) -> list[Licence]:
    if not isinstance(licences, list) or not all(isinstance(item, dict) for item in licences):
        msg = _("{path}: 'licenses' must be a list of objects with a name and title")
        raise DatasetError(msg.format(path=path))
    result = []
    for item in licences:
        values = {key: item.get(key, "") for key in ("name", "title", "path")}
        if not all(isinstance(v, str) for v in values.values()) or not values["name"]:
            msg = _("{path}: each licence needs a 'name', and 'title' and 'path' must be text")
            msg = msg.format(path=path)
            raise DatasetError(msg)
        problem = values["path"] and url_problem(values["path"])
        if problem:
            msg = _("{path}: the licence's 'path' {url} {problem}")
            msg = msg.format(path=path, url=quote(values["path"]), problem=problem)
            raise DatasetError(msg)
        result.append(Licence(**values))
    return result


def read_changes(path: Path, changes) -> list[Change]:
    """What changed between versions: [{"version", "date", "description"}, …]."""
    problem = _('{path}: \'changes\' must be a list of {{"version", "date", "description"}}')
    problem = problem.format(path=path)
    if not isinstance(changes, list):
        raise DatasetError(problem)
    result = []
    for count, item in enumerate(changes, start=1):
        if not isinstance(item, dict) or set(item) != {"version", "date", "description"}:
            raise DatasetError(
                _("{problem}; change {count} is not").format(problem=problem, count=count)
            )
        if not all(isinstance(v, str) and v for v in item.values()):
            msg = _("{problem}; change {count} has an empty or non-text value")
            raise DatasetError(msg.format(problem=problem, count=count))
        try:
            when = date.fromisoformat(item["date"])
        except ValueError:
            msg = _("{path}: change {count}: date {value} is not a date like 2026-11-26").format(
                path=path, count=count, value=quote(item["date"])
            )
            raise DatasetError(msg) from None
        result.append(Change(item["version"], when, item["description"]))
    return sorted(result, key=lambda c: c.date, reverse=True)


def read_texts(path: Path, descriptor: dict, key: str) -> list[str]:
    values = descriptor.get(key, [])
    if not isinstance(values, list) or not all(isinstance(v, str) for v in values):
        raise DatasetError(_("{path}: '{key}' must be a list of words").format(path=path, key=key))
    return values
