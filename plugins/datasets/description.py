"""A dataset's description as an author writes it, so nobody edits datapackage.json.

In a workbook: the sheet 'Beschrijving' (a label in column A, its value in column B;
column C may hold the template's instructions), the sheet 'Bronnen' (one source per row,
under the headers Uitgever, Titel, Datum, Adres, Soort, Toelichting) and, if wanted, the
sheet 'Kolommen' (Kolom, Uitleg, Eenheid). Beside a CSV: a text file NAME-beschrijving.txt
with the same labels as `Label: value` lines, and a source or a column as
`Bron: Uitgever | Titel | Datum | Adres | Soort | Toelichting` and
`Kolom: Kolom | Uitleg | Eenheid`. `invoke dataset-template NAME` makes either form.
Labels are matched in any letter case; an unknown one is named with its line.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

from bijgespijkerd.library.build_errors import BuildError, place
from bijgespijkerd.library.messages import N_, _
from bijgespijkerd.library.safe_urls import url_problem

# Label → (descriptor property, what it asks for). Kanttekening may be given more than once.
PROPERTIES = {
    "titel": ("title", N_("a title")),
    "beschrijving": ("description", N_("what the dataset holds, in one paragraph")),
    "periode": ("period", N_("the period, e.g. 2008 or 1990–2014")),
    "gebied": ("geography", N_("the country or region")),
    "populatie": ("population", N_("who or what was measured")),
    "methode": ("method", N_("how the values were obtained")),
    "kanttekening": ("caveats", N_("what a reader must keep in mind (one per line)")),
    "trefwoorden": ("keywords", N_("words to find it by, separated by commas (optional)")),
    "licentie": ("licenses", N_("CC-BY-4.0 (the default), or the licence of the data")),
}
SETTINGS = {
    "rijsleutel": N_("the column that names each row (optional; default: inferred)"),
    "decimaalteken": N_("komma or punt, only for a CSV that writes 1,250 (optional)"),
}
REQUIRED = ("titel", "beschrijving", "periode", "gebied", "populatie", "methode", "kanttekening")
SOURCE_LABELS = {
    "id": "id",
    "uitgever": "publisher",
    "titel": "title",
    "datum": "date",
    "adres": "url",
    "soort": "kind",
    "toelichting": "note",
}
SOURCE_ORDER = ("uitgever", "titel", "datum", "adres", "soort", "toelichting")
COLUMN_LABELS = {"kolom": "column", "uitleg": "description", "eenheid": "unit"}
COLUMN_ORDER = ("kolom", "uitleg", "eenheid")
SOURCE_KINDS = ("primair", "secundair")
LICENCES = {
    "cc-by-4.0": {
        "name": "CC-BY-4.0",
        "title": "Creative Commons Naamsvermelding 4.0 Internationaal",
        "path": "https://creativecommons.org/licenses/by/4.0/deed.nl",
    },
    "cc0-1.0": {
        "name": "CC0-1.0",
        "title": "Creative Commons Zero 1.0 (publiek domein)",
        "path": "https://creativecommons.org/publicdomain/zero/1.0/deed.nl",
    },
}
SHEETS = {"description": "Beschrijving", "sources": "Bronnen", "columns": "Kolommen"}
TEXT_SUFFIX = "-beschrijving.txt"


class DescriptionError(BuildError):
    """A description an author wrote that the import cannot read."""


@dataclass
class Description:
    where: str  # "workbook.xlsx, werkblad 'Beschrijving'" or the text file: for messages
    properties: dict = field(default_factory=dict)  # descriptor property → value
    sources: list[dict] = field(default_factory=list)  # rows of sources.csv
    columns: dict[str, dict] = field(default_factory=dict)  # header → {description, unit}
    key: str | None = None
    decimal: str | None = None

    def missing(self) -> list[str]:
        """What is still to be written, as the author's labels: ['Titel', 'Methode']."""
        given = set(self.properties)
        left = [label.capitalize() for label in REQUIRED if PROPERTIES[label][0] not in given]
        if not self.sources:
            left.append(_("at least one source"))
        return left


def text_file_for(data: Path) -> Path:
    """Where the description of a CSV is written: deelnemers.csv → deelnemers-beschrijving.txt."""
    return data.with_name(data.stem + TEXT_SUFFIX)


def _label(text: object) -> str:
    return str(text or "").strip().rstrip(":").strip().casefold()


class _Collector:
    """Gathers labelled values into a Description, naming the place of each mistake."""

    def __init__(self, description: Description) -> None:
        self.description = description

    def add(self, label: str, values: list[str], at: str) -> None:
        value = values[0].strip() if values else ""
        if label in ("bron", "kolom") and not any(values):
            return  # the template's empty line
        if label == "bron":
            self.source(dict(zip(SOURCE_ORDER, values, strict=False)), at)
        elif label == "kolom":
            self.column(dict(zip(COLUMN_ORDER, values, strict=False)), at)
        elif label in SETTINGS:
            if value:
                setattr(self.description, "key" if label == "rijsleutel" else "decimal", value)
        elif label in PROPERTIES:
            if value:
                self.property(label, value, at)
        else:
            known = ", ".join(
                name.capitalize() for name in [*PROPERTIES, *SETTINGS, "bron", "kolom"]
            )
            msg = _("{at}: {label} is not part of a description; use {known}")
            raise DescriptionError(msg.format(at=at, label=repr(label), known=known))

    def property(self, label: str, value: str, at: str) -> None:
        key = PROPERTIES[label][0]
        properties = self.description.properties
        if key == "caveats":
            properties.setdefault(key, []).append(value)
        elif key == "keywords":
            properties[key] = [word.strip() for word in value.split(",") if word.strip()]
        elif key == "licenses":
            licence = LICENCES.get(value.casefold())
            if licence is None:
                msg = _("{at}: the licence {value} is not known here; write {known}")
                known = _(" or ").join(item["name"] for item in LICENCES.values())
                raise DescriptionError(msg.format(at=at, value=repr(value), known=known))
            properties[key] = [licence]
        elif key in properties:
            msg = _("{at}: {label} is given twice; keep one")
            raise DescriptionError(msg.format(at=at, label=label.capitalize()))
        else:
            properties[key] = value

    def source(self, values: dict[str, str], at: str) -> None:
        source = {SOURCE_LABELS[k]: str(v or "").strip() for k, v in values.items()}
        if not source.get("publisher") or not source.get("title"):
            msg = _("{at}: a source needs at least a publisher (Uitgever) and a title (Titel)")
            raise DescriptionError(msg.format(at=at))
        problem = source.get("url") and url_problem(source["url"])
        if problem:
            msg = _("{at}: the address (Adres) {url} {problem}")
            raise DescriptionError(msg.format(at=at, url=repr(source["url"]), problem=problem))
        kind = source.get("kind", "").casefold() or SOURCE_KINDS[0]
        if kind not in SOURCE_KINDS:
            msg = _("{at}: the kind of a source (Soort) is {kinds}, not {value}")
            kinds = _(" or ").join(SOURCE_KINDS)
            raise DescriptionError(msg.format(at=at, kinds=kinds, value=repr(source["kind"])))
        source["kind"] = kind
        taken = {s["id"] for s in self.description.sources}
        source["id"] = source.get("id") or _source_id(source, taken)
        if source["id"] in taken:
            msg = _("{at}: the source id {id} is used twice")
            raise DescriptionError(msg.format(at=at, id=repr(source["id"])))
        self.description.sources.append(
            {name: source.get(name, "") for name in SOURCE_LABELS.values()}
        )

    def column(self, values: dict[str, str], at: str) -> None:
        header = str(values.get("kolom") or "").strip()
        if not header:
            msg = _("{at}: name the column (Kolom) that the explanation is about")
            raise DescriptionError(msg.format(at=at))
        self.description.columns[header] = {
            "description": str(values.get("uitleg") or "").strip(),
            "unit": str(values.get("eenheid") or "").strip(),
        }


def _source_id(source: dict, taken: set[str]) -> str:
    """'CBS', '2022-03-01' → 'cbs-2022'; a second one 'cbs-2022-2'."""
    text = f"{source['publisher']} {source.get('date', '')[:4]}"
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    base = re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-") or "bron"
    candidate, count = base, 1
    while candidate in taken:
        count += 1
        candidate = f"{base}-{count}"
    return candidate


def read_text_description(path: Path) -> Description:
    """NAME-beschrijving.txt: `Label: value` lines; an indented line continues the value
    above it; a line starting with # is a comment."""
    try:
        lines = path.read_text(encoding="utf-8-sig").splitlines()
    except UnicodeDecodeError:
        lines = path.read_text(encoding="cp1252").splitlines()
    description = Description(str(path))
    collector = _Collector(description)
    entries: list[list] = []  # [label, text, line]
    for number, line in enumerate(lines, start=1):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        if line[:1].isspace() and entries:
            entries[-1][1] += " " + line.strip()
            continue
        label, colon, text = line.partition(":")
        if not colon:
            msg = _("{place}: write 'Label: value', e.g. 'Titel: Deelnemers per jaar'")
            raise DescriptionError(msg.format(place=place(path, number)))
        entries.append([_label(label), text.strip(), number])
    for label, text, number in entries:
        values = (
            [part.strip() for part in text.split("|")] if label in ("bron", "kolom") else [text]
        )
        collector.add(label, values, place(path, number))
    return description


def read_form_description(
    where: str,
    properties: dict[str, list[str]],
    sources: list[dict[str, str]],
    columns: list[dict[str, str]],
) -> Description:
    """A description as the writing desk's form gives it: values by label (as in the
    workbook: 'titel', 'kanttekening', …), sources and column notes by their labels
    ('uitgever', …; 'kolom', 'uitleg', 'eenheid'). A mistake names the form's field."""
    description = Description(where)
    collector = _Collector(description)
    for label, values in properties.items():
        for value in values:
            if value.strip():
                collector.add(
                    label, [value], _("the field {label}").format(label=label.capitalize())
                )
    for number, source in enumerate(sources, start=1):
        if any(value.strip() for value in source.values()):
            collector.source(source, _("source {number}").format(number=number))
    for column in columns:
        if column.get("uitleg", "").strip() or column.get("eenheid", "").strip():
            collector.column(column, _("column {column}").format(column=repr(column["kolom"])))
    return description


def read_workbook_description(path: Path, workbook) -> Description | None:
    """The sheets Beschrijving, Bronnen and Kolommen of an open workbook (any letter
    case), or None when it has none of them."""
    sheets = {sheet.title.strip().casefold(): sheet for sheet in workbook.worksheets}
    found = {kind: sheets.get(title.casefold()) for kind, title in SHEETS.items()}
    if not any(found.values()):
        return None
    description = Description(str(path))
    collector = _Collector(description)
    if found["description"] is not None:
        sheet = found["description"]
        for number, row in enumerate(sheet.iter_rows(values_only=True), start=1):
            label = _label(row[0] if row else "")
            if not label or label.startswith("#") or label in ("wat", "onderdeel"):
                continue  # blank, a comment, or the template's header row
            value = _cell(row[1]) if len(row) > 1 else ""
            collector.add(label, [value], _where(path, sheet.title, number))
    for kind, labels in (("sources", SOURCE_LABELS), ("columns", COLUMN_LABELS)):
        sheet = found[kind]
        if sheet is None:
            continue
        rows = list(sheet.iter_rows(values_only=True))
        header = [_label(cell) for cell in rows[0]] if rows else []
        unknown = [h for h in header if h and h not in labels]
        if unknown:
            msg = _("{at}: unknown column {label}; the columns are {known}")
            known = ", ".join(label.capitalize() for label in labels)
            at = _where(path, sheet.title, 1)
            raise DescriptionError(msg.format(at=at, label=repr(unknown[0]), known=known))
        for number, row in enumerate(rows[1:], start=2):
            values = {h: _cell(v) for h, v in zip(header, row, strict=False) if h}
            if not any(values.values()):
                continue
            at = _where(path, sheet.title, number)
            if kind == "sources":
                collector.source(values, at)
            else:
                collector.column(values, at)
    return description


def _where(path: Path, sheet: str, row: int) -> str:
    return _("{path}, sheet {sheet}, row {row}").format(path=path, sheet=repr(sheet), row=row)


def _cell(value) -> str:
    if value is None:
        return ""
    if hasattr(value, "isoformat"):  # a date Excel stores as a date
        return value.date().isoformat() if hasattr(value, "date") else value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


HOW_TO = N_(
    "Put the data in the sheet 'Gegevens': one row of headers (the titles readers see), "
    "then one row per observation. A number is written as Excel shows it. An empty cell "
    "is a gap ('geen gegevens'); write 'niet gevonden', 'niet exact' or 'niet gemeten' in "
    "a cell to say why a value is missing. Describe the data in 'Beschrijving', list "
    "every source in 'Bronnen', and explain columns in 'Kolommen' if you like. Then: "
    "invoke dataset-import NAME FILE."
)

HOW_TO_TEXT = N_(
    "This file describes the CSV beside it ({name}.csv). Write "
    "each part after its label; a longer text may go on over indented lines. A line "
    "starting with # is an explanation. One 'Bron:' line per source and one 'Kolom:' "
    "line per column you explain, their parts separated by |. Then: invoke "
    "dataset-import {name} {name}.csv"
)


def template_workbook(path: Path) -> None:
    """The workbook `invoke dataset-template` makes: data, description, sources, columns."""
    import openpyxl
    from openpyxl.styles import Font

    workbook = openpyxl.Workbook()
    data = workbook.active
    data.title = "Gegevens"
    data.append(["Jaar", "Aantal"])
    described = workbook.create_sheet(SHEETS["description"])
    described.append(["Wat", "Invullen", "Uitleg"])
    for label, (_key, why) in PROPERTIES.items():
        value = LICENCES["cc-by-4.0"]["name"] if label == "licentie" else None
        described.append([label.capitalize(), value, _(why)])
        if label == "kanttekening":
            described.append([label.capitalize(), None, _(why)])
    for label, why in SETTINGS.items():
        described.append([label.capitalize(), None, _(why)])
    sources = workbook.create_sheet(SHEETS["sources"])
    sources.append([label.capitalize() for label in SOURCE_ORDER])
    columns = workbook.create_sheet(SHEETS["columns"])
    columns.append([label.capitalize() for label in COLUMN_ORDER])
    explained = workbook.create_sheet("Uitleg")
    explained.append([_(HOW_TO)])
    for sheet in (data, described, sources, columns):
        for cell in sheet[1]:
            cell.font = Font(bold=True)
    described.column_dimensions["A"].width = 16
    described.column_dimensions["B"].width = 60
    described.column_dimensions["C"].width = 70
    workbook.save(path)


def template_text(name: str) -> str:
    """The text file `invoke dataset-template --tekst` makes, for a CSV beside it."""
    lines = ["# " + line for line in _(HOW_TO_TEXT).format(name=name).split(". ")]
    lines.append("")
    for label, (_key, why) in PROPERTIES.items():
        lines.append(f"# {_(why)}")
        value = LICENCES["cc-by-4.0"]["name"] if label == "licentie" else ""
        lines.append(f"{label.capitalize()}: {value}".rstrip())
    for label, why in SETTINGS.items():
        lines.append(f"# {_(why)}")
        lines.append(f"{label.capitalize()}:")
    lines.append("# " + " | ".join(label.capitalize() for label in SOURCE_ORDER))
    lines.append("Bron: ")
    lines.append("# " + " | ".join(label.capitalize() for label in COLUMN_ORDER))
    lines.append("Kolom: ")
    return "\n".join(lines) + "\n"
