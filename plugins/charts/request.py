"""What an author asked for in a chart block, read from its YAML and checked.

Two forms. Declarative, for the common cases:

    dataset: pingdom-2010-gemiddelde-leeftijd
    mark: bar
    x: average_age
    y: site

or a named chart written in Python with Altair (a function in content/grafieken.py):

    python: ladder
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Literal

import yaml

from bijgespijkerd.library.build_errors import BuildError, place
from bijgespijkerd.library.messages import N_, _, number

from .blocks import UNCLOSED
from .marks import DEFAULT_MARK, MARK_KINDS

# libyaml's loader where PyYAML has it: the same documents, several times faster.
SAFE_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

SORTS = ("x", "-x", "y", "-y", "data")
DECLARATIVE_KEYS = {
    "dataset": N_("the dataset's name (its folder under content/data/)"),
    "mark": N_("bar, line, point or area (default bar)"),
    "x": N_("the column on the horizontal axis"),
    "y": N_("the column on the vertical axis"),
    "color": N_("a column whose values get their own colour"),
    "tooltip": N_("the columns shown when a reader points at a value"),
    "sort": N_("x, -x, y, -y (by that axis, - for descending) or data (file order)"),
    "filter": N_("column: value (or a list of values) to keep only those rows"),
    "gaps": N_("show (default: rows without a value are labelled 'geen gegevens') or hide"),
    "title": N_("the chart's title"),
    "description": N_("what the chart shows, for readers who cannot see it"),
    "reference": N_("reference lines: a list of {label, value} or {label, dataset, row, field}"),
    "height": N_("height in pixels (default: from the number of bars)"),
}
PYTHON_KEYS = {
    "python": N_("the name of a chart function in the charts module"),
    "title": N_("the chart's title"),
    "description": N_("what the chart shows, for readers who cannot see it"),
}


class ChartError(BuildError):
    """A chart block that cannot be drawn; the message names the file, line and fix."""


@dataclass(frozen=True)
class Where:
    """The block's place, for messages: `content/x.md, line 12`."""

    path: str
    line: int  # first line of the block's YAML
    source: str

    def line_of(self, key: str) -> int:
        """The line of `key:` inside the block, or the block's first line."""
        for offset, text in enumerate(self.source.splitlines()):
            if text.lstrip().startswith(f"{key}:") or text.lstrip().startswith(f"- {key}:"):
                return self.line + offset
        return self.line

    def error(self, message: str, key: str | None = None) -> ChartError:
        line = self.line_of(key) if key else self.line
        return ChartError(f"{place(self.path, line)}: {message}")


@dataclass(frozen=True)
class Reference:
    label: str
    value: float | None = None  # a fixed value, or:
    dataset: str | None = None
    row: str | None = None
    field: str | None = None


@dataclass(frozen=True)
class ChartRequest:
    where: Where
    title: str
    description: str | None = None
    python: str | None = None
    dataset: str | None = None
    mark: str = DEFAULT_MARK  # a key of marks.MARK_KINDS
    x: str | None = None
    y: str | None = None
    color: str | None = None
    tooltip: tuple[str, ...] = ()
    sort: str = "data"
    filter: dict = field(default_factory=dict)
    gaps: Literal["show", "hide"] = "show"
    reference: tuple[Reference, ...] = ()
    height: int | None = None


MAX_BLOCK_LENGTH = 20_000  # characters: a chart block is a few readable lines


def _check_events(where: Where, source: str) -> None:
    """What YAML itself lets pass silently or explosively:
    - aliases (*name) repeat what an anchor (&name) names; nested, a few hundred bytes
      expand to gigabytes. A chart block needs neither;
    - a key given twice: YAML keeps the last, and the first is silently ignored."""
    stack: list[list] = []  # per open mapping: [keys seen, next scalar is a key]; None: a list
    for event in yaml.parse(source, Loader=SAFE_LOADER):
        at = where.line + event.start_mark.line
        if isinstance(event, yaml.AliasEvent) or getattr(event, "anchor", None):
            msg = _(
                "the chart block uses a YAML anchor or alias (&name or *name); "
                "write every value out instead"
            )
            raise ChartError(f"{place(where.path, at)}: {msg}")
        top = stack[-1] if stack else None
        if isinstance(event, yaml.ScalarEvent) and top is not None:
            if top[1] and event.value in top[0]:
                msg = _("'{key}' is given twice; keep one").format(key=event.value)
                raise ChartError(f"{place(where.path, at)}: {msg}")
            if top[1]:
                top[0].add(event.value)
            top[1] = not top[1]
        elif isinstance(event, yaml.MappingStartEvent | yaml.SequenceStartEvent):
            stack.append([set(), True] if isinstance(event, yaml.MappingStartEvent) else None)
        elif isinstance(event, yaml.MappingEndEvent | yaml.SequenceEndEvent):
            stack.pop()
            if stack and stack[-1] is not None:
                stack[-1][1] = True  # the nested value is done: a key comes next


def _column_name(where: Where, options: dict, key: str) -> str | None:
    value = options.get(key)
    if value is not None and not isinstance(value, str):
        raise where.error(_("'{key}' must name one column").format(key=key), key)
    return value


def parse_request(path: str, line: int, source: str) -> ChartRequest:
    """Read a block's YAML; raise ChartError for anything an author could get wrong."""
    where = Where(path, line, source)
    if source == UNCLOSED:
        msg = _("this chart block is never closed: end it with a line of ``` (three backticks)")
        raise ChartError(f"{place(path, line - 1)}: {msg}")
    if len(source) > MAX_BLOCK_LENGTH:
        msg = _("the chart block is {length} characters long; at most {limit}").format(
            length=number(len(source)), limit=number(MAX_BLOCK_LENGTH)
        )
        raise where.error(msg)
    try:
        _check_events(where, source)
        options = yaml.load(source, Loader=SAFE_LOADER)
    except yaml.YAMLError as error:
        at, problem = _yaml_problem(error)
        msg = _("the chart block is not valid YAML: {problem}; write 'key: value' lines")
        raise ChartError(f"{place(path, where.line + at)}: {msg.format(problem=problem)}") from None
    return request_from_options(where, options)


# PyYAML's problems in an author's words, and whether the line to mend is where the
# parser noticed (its problem mark) or where the unfinished thing began (its context mark:
# a key without a colon is noticed on the next line).
YAML_PROBLEMS = (
    ("could not find expected ':'", True, N_("a name is not followed by a colon")),
    ("found unexpected end of stream", True, N_("a quotation mark is not closed")),
    ("did not find expected ',' or ']'", True, N_("a list opened with [ is not closed with ]")),
    (
        "did not find expected ',' or '}'",
        True,
        N_("a group opened with a curly bracket is not closed"),
    ),
    ("tab character", False, N_("a tab; indent with spaces")),
    (
        "cannot start any token",
        False,
        N_("a character that cannot begin a value here, such as a tab"),
    ),
    (
        "mapping values are not allowed",
        False,
        N_(
            "a second colon, or a line indented further than the one above; put a value "
            "holding a colon between quotation marks"
        ),
    ),
    ("expected <block end>", False, N_("this line is indented differently from the lines above")),
)


def _yaml_problem(error: yaml.YAMLError) -> tuple[int, str]:
    """(line within the block, counted from 0; the problem in Dutch)."""
    problem = getattr(error, "problem", None) or ""
    marks = (getattr(error, "context_mark", None), getattr(error, "problem_mark", None))
    for words, at_context, said in YAML_PROBLEMS:
        if words in problem:
            mark = (marks[0] if at_context else None) or marks[1]
            return (mark.line if mark else 0), _(said)
    return (marks[1].line if marks[1] else 0), _("something is written in an unknown form")


def request_from_options(where: Where, options) -> ChartRequest:
    """A chart from its options (a block's YAML, or a dataset's `chart` object)."""
    if not isinstance(options, dict) or not options:
        raise where.error(_("the chart block is empty or not a list of 'key: value' lines"))
    allowed = PYTHON_KEYS if "python" in options else DECLARATIVE_KEYS
    for key in options:
        if key not in allowed:
            known = "; ".join(f"{k}: {_(why)}" for k, why in allowed.items())
            msg = _("unknown key '{key}'. The keys are: {known}")
            raise where.error(msg.format(key=key, known=known), key)
    if not isinstance(options.get("title"), str) or not options["title"].strip():
        raise where.error(_("every chart needs a 'title: ...' line"))
    if "python" in options:
        return ChartRequest(
            where=where,
            title=options["title"].strip(),
            description=_text(where, options, "description"),
            python=_name(where, options, "python"),
        )
    return _declarative(where, options)


def _declarative(where: Where, options: dict) -> ChartRequest:
    if not options.get("dataset"):
        raise where.error(_("missing 'dataset: NAME' (or 'python: NAME' for a chart in Python)"))
    mark = options.get("mark", DEFAULT_MARK)
    if mark not in MARK_KINDS:
        known = ", ".join(MARK_KINDS)
        msg = _("mark '{mark}' is not one of {known}").format(mark=mark, known=known)
        raise where.error(msg, "mark")
    for axis in ("x", "y"):
        if not isinstance(options.get(axis), str):
            msg = _("missing '{axis}: COLUMN' (the column on the {axis} axis)")
            raise where.error(msg.format(axis=axis), axis)
    sort = str(options.get("sort", "data"))
    if sort not in SORTS:
        msg = _("sort '{sort}' is not one of {known}").format(sort=sort, known=", ".join(SORTS))
        raise where.error(msg, "sort")
    gaps = options.get("gaps", "show")
    if gaps not in ("show", "hide"):
        raise where.error(_("gaps must be 'show' or 'hide'"), "gaps")
    tooltip = options.get("tooltip", [])
    if isinstance(tooltip, str):
        tooltip = [tooltip]
    filters = options.get("filter", {}) or {}
    if not isinstance(filters, dict):
        msg = _("filter must be 'column: value' lines (indented under filter:)")
        raise where.error(msg, "filter")
    for column, wanted in filters.items():
        values = wanted if isinstance(wanted, list) else [wanted]
        if not all(isinstance(v, str | int | float) for v in values):
            msg = _("filter {column}: give a value or a list of values, like [a, b]")
            msg = msg.format(column=column)
            raise where.error(msg, "filter")
    height = options.get("height")
    if height is not None and (not isinstance(height, int) or not 80 <= height <= 2000):
        msg = _("height must be a whole number of pixels from 80 to 2000")
        raise where.error(msg, "height")
    return ChartRequest(
        where=where,
        title=options["title"].strip(),
        description=_text(where, options, "description"),
        dataset=str(options["dataset"]),
        mark=mark,
        x=options["x"],
        y=options["y"],
        color=_column_name(where, options, "color"),
        tooltip=tuple(str(t) for t in tooltip),
        sort=sort,
        filter={str(k): v for k, v in filters.items()},
        gaps=gaps,
        reference=_references(where, options.get("reference", [])),
        height=height,
    )


def _references(where: Where, raw) -> tuple[Reference, ...]:
    if isinstance(raw, dict):
        raw = [raw]
    if not isinstance(raw, list):
        raise where.error(_("reference must be a list of lines, each starting with '- label:'"))
    references = []
    for item in raw:
        if not isinstance(item, dict) or not item.get("label"):
            raise where.error(_("each reference line needs a 'label'"), "reference")
        unknown = set(item) - {"label", "value", "dataset", "row", "field"}
        if unknown:
            msg = _("unknown key '{key}' in a reference line").format(key=sorted(unknown)[0])
            raise where.error(msg, "reference")
        if "value" in item:
            value = item["value"]
            if not isinstance(value, int | float) or not math.isfinite(value):
                raise where.error(_("a reference line's value must be a number"), "reference")
            references.append(Reference(label=str(item["label"]), value=float(item["value"])))
        elif all(item.get(k) is not None for k in ("dataset", "row", "field")):
            references.append(
                Reference(
                    label=str(item["label"]),
                    dataset=str(item["dataset"]),
                    row=str(item["row"]),
                    field=str(item["field"]),
                )
            )
        else:
            msg = _("a reference line needs either 'value: NUMBER' or 'dataset', 'row' and 'field'")
            raise where.error(msg, "reference")
    return tuple(references)


def _text(where: Where, options: dict, key: str) -> str | None:
    value = options.get(key)
    if value is None:
        return None
    if not isinstance(value, str):
        raise where.error(_("'{key}' must be text").format(key=key), key)
    return value.strip() or None


def _name(where: Where, options: dict, key: str) -> str:
    value = options.get(key)
    if not isinstance(value, str) or not value.isidentifier():
        raise where.error(
            _("'{key}' must name a function, like 'python: ladder'").format(key=key), key
        )
    return value
