"""Load one dataset (a Frictionless Data Package), checked thoroughly, as a Dataset.

The checks, in order: the description (descriptor_checks.py), the CSVs' one published
form (table_checks.py), the Table Schema by Frictionless (frictionless_errors.py), then
what the site promises readers: every package describes its population, method and
caveats, and a value is present exactly when its row says it was found, so a gap can
never pass for a zero (table_checks.check_gaps). The result is model.py's Dataset.
"""

from __future__ import annotations

import functools
import hashlib
from pathlib import Path

from bijgespijkerd.library.build_errors import place, quote
from bijgespijkerd.library.dutch_numbers import dutch_number
from bijgespijkerd.library.messages import _
from bijgespijkerd.library.safe_urls import url_problem

from .descriptor_checks import (
    NAME_PATTERN,
    TEXT_PROPERTIES,
    check_local,
    check_properties,
    read_changes,
    read_descriptor,
    read_licences,
    read_texts,
    split_resources,
    unfinished_items,
)
from .frictionless_errors import validate_with_frictionless
from .model import (
    DESCRIPTOR,
    FOUND,
    MISSING_VALUES,
    NO_DATA,
    SOURCE_FIELDS,
    STATUS,
    Cell,
    Dataset,
    DatasetError,
    Field,
    PublishedFile,
    Row,
    Source,
    as_list,
    row_key,
)
from .table_checks import check_canonical, check_gaps, read_csv


def load_dataset(folder: Path) -> Dataset:
    """Read and validate the package in `folder`; raise DatasetError on any problem."""
    path = folder / DESCRIPTOR
    descriptor = read_descriptor(path)
    unfinished = unfinished_items(descriptor)
    check_properties(path, folder.name, descriptor)
    check_local(path, descriptor)
    data_resource, sources_resource = split_resources(path, descriptor)
    for resource in (data_resource, sources_resource):
        check_canonical(folder / resource["path"], resource)
    validate_with_frictionless(path)

    fields = [_field(f) for f in data_resource["schema"]["fields"]]
    data_path = folder / data_resource["path"]
    records = read_csv(data_path)
    check_gaps(data_path, fields, records)
    primary_key = as_list(data_resource["schema"].get("primaryKey", []))
    rows = [_row(n, record, fields, primary_key) for n, record in enumerate(records, start=1)]
    sources = _sources(folder / sources_resource["path"])
    if not sources:
        msg = _(
            "{path}: lists no source; every dataset names at "
            "least one (a line with id, title, publisher, date, url, kind, note)"
        ).format(path=folder / sources_resource["path"])
        if not unfinished:
            raise DatasetError(msg)
        unfinished.append(_("at least one source"))
    _link_sources(rows, fields, sources)
    files = [
        _published(folder / data_resource["path"]),
        _published(folder / sources_resource["path"]),
        _published(path),
    ]
    return Dataset(
        name=folder.name,
        folder=folder,
        **{name: descriptor[name] for name in TEXT_PROPERTIES},
        caveats=descriptor["caveats"],
        licenses=read_licences(path, descriptor["licenses"]),
        keywords=read_texts(path, descriptor, "keywords"),
        changes=read_changes(path, descriptor.get("changes", [])),
        chart_options=descriptor.get("chart"),
        fields=fields,
        rows=rows,
        sources=sources,
        files=files,
        unfinished=unfinished,
    )


def _field(spec: dict) -> Field:
    return Field(
        name=spec["name"],
        title=spec.get("title", spec["name"]),
        type=spec.get("type", "string"),
        description=spec.get("description", ""),
        unit=spec.get("unit", ""),
        measure=bool(spec.get("measure")),
    )


def _row(number: int, record: dict[str, str], fields: list[Field], primary_key: list[str]) -> Row:
    key_values = [record[name] for name in primary_key] or [f"rij {number}"]
    status = record.get(STATUS, "")
    cells = {f.name: _cell(record[f.name], f, status) for f in fields}
    gaps = [cells[f.name].text for f in fields if f.measure and cells[f.name].is_gap]
    return Row(
        key=row_key(key_values),
        label=" · ".join(key_values),
        status=status or (gaps[0] if gaps else FOUND),
        cells=cells,
    )


@functools.lru_cache(maxsize=100_000)  # columns repeat values: one Cell each, shared
def _cell(raw: str, spec: Field, status: str) -> Cell:
    if raw == "":
        return Cell(raw, (status or NO_DATA) if spec.measure else "", is_gap=spec.measure)
    if spec.measure and raw in MISSING_VALUES:
        return Cell(raw, raw, is_gap=True)
    if spec.type in ("number", "integer"):
        return Cell(raw, dutch_number(raw))  # 40,3; 10.112: the site's one rule
    return Cell(raw, raw)


def _sources(path: Path) -> list[Source]:
    sources = []
    for line, record in enumerate(read_csv(path), start=2):
        source = Source(**_source_values(record))
        if not NAME_PATTERN.match(source.id):
            msg = _(
                "{place}, column 'id': {id}: a source's id has lower-case letters, digits "
                "and hyphens (it is an anchor, #bron-ID), e.g. cbs-2009"
            ).format(place=place(path, line), id=quote(source.id))
            raise DatasetError(msg)
        problem = source.url and url_problem(source.url)
        if problem:
            msg = _("{place}, column 'url': {url} {problem}")
            raise DatasetError(
                msg.format(place=place(path, line), url=quote(source.url), problem=problem)
            )
        sources.append(source)
    return sources


def _source_values(record: dict[str, str]) -> dict[str, str]:
    return {name: record.get(name, "") for name in Source.__dataclass_fields__ if name != "backs"}


def _link_sources(rows: list[Row], fields: list[Field], sources: list[Source]) -> None:
    """Each source lists the rows whose measured values it supports (a row of gaps only
    is supported by nothing)."""
    measures = [f.name for f in fields if f.measure]
    backs: dict[str, dict[str, None]] = {s.id: {} for s in sources}  # ordered sets
    for row in rows:
        if all(row.cells[name].is_gap for name in measures):
            continue
        for name in SOURCE_FIELDS:
            cell = row.cells.get(name)
            if cell and cell.raw in backs:
                backs[cell.raw][row.label] = None
    for source in sources:
        source.backs = list(backs[source.id])


def _published(path: Path) -> PublishedFile:
    content = path.read_bytes()
    return PublishedFile(path.name, path, hashlib.sha256(content).hexdigest(), len(content))
