"""Pelican glue: load the datasets, check citations, write /data/ pages and downloads."""

from __future__ import annotations

import json
import logging
import os
import shutil
from pathlib import Path
from types import SimpleNamespace

from pelican.generators import Generator

from bijgespijkerd.library.build_errors import place
from bijgespijkerd.library.build_summary import build_fact
from bijgespijkerd.library.messages import N_
from bijgespijkerd.library.plugin_settings import keep_out_of_readers
from bijgespijkerd.library.site_contents import every_content

from .base import evidence_base
from .citations import check_citation, measure_field, rewrite_citations
from .evidence import article_evidence
from .model import DESCRIPTOR, Dataset
from .reference import apa, bibtex, json_ld

logger = logging.getLogger(__name__)
CITED_CELLS = "cited-cells.json"


# Table Schema types, as a Dutch reader would call them.
FIELD_TYPES = {
    "string": "Tekst",
    "number": "Getal",
    "integer": "Geheel getal",
    "year": "Jaartal",
    "date": "Datum",
    "boolean": "Ja/nee",
}


def prepare_settings(pelican) -> None:
    """Keep dataset folders out of Pelican's readers."""
    settings = pelican.settings
    keep_out_of_readers(settings, settings["DATASETS_PATH"])


def record_citations(content) -> None:
    """Rewrite `dataset:` links of an article or page and remember what it cites."""
    if "dataset:" not in (getattr(content, "_content", None) or ""):
        content.dataset_citations = []
        return
    folder = content.settings["DATASETS_PATH"]
    datasets = evidence_base(content.settings).datasets
    content._content, content.dataset_citations = rewrite_citations(
        content._content, content.source_path, folder, datasets
    )


def get_generators(pelican):
    return DatasetsGenerator


class DatasetsGenerator(Generator):
    """Publishes every dataset under content/data/ with its own page."""

    @property
    def datasets(self) -> dict[str, Dataset]:
        return evidence_base(self.settings).datasets

    def generate_context(self) -> None:
        build_fact.send("datasets", count=len(self.datasets))
        self.cited_rows: dict[str, set[str]] = {name: set() for name in self.datasets}
        for content in every_content(self.context):
            for citation in getattr(content, "dataset_citations", []):
                check_citation(citation, self.datasets)
                cited_in = self.datasets[citation.dataset].cited_in
                if content not in cited_in:
                    cited_in.append(content)
                if citation.row:
                    self.cited_rows[citation.dataset].add(citation.row)
        self._report_changed_cells()
        if self.settings["EVIDENCE_REPORT_PATH"]:
            self._write_evidence_report(Path(self.settings["EVIDENCE_REPORT_PATH"]))
        for dataset in self.datasets.values():
            dataset.cited_in.sort(key=lambda c: (getattr(c, "date", None) is None, c.title))
            # Lets Pelican resolve {filename}/data/NAME/datapackage.json to the page.
            key = f"{self.settings['DATASETS_PATH']}/{dataset.name}/{DESCRIPTOR}"
            self.context["generated_content"][key] = SimpleNamespace(url=self._url(dataset))

    def generate_output(self, writer) -> None:
        site_url = self.settings["SITEURL"].rstrip("/")
        for dataset in self.datasets.values():
            page_url = self._url(dataset)
            self._copy_downloads(dataset, page_url)
            absolute = f"{site_url}/{page_url}"
            file_urls = {f.name: f"{absolute}{f.name}" for f in dataset.files}
            author, publisher = self.settings["AUTHOR"], self.settings["SITENAME"]
            writer.write_file(
                self.settings["DATASET_SAVE_AS"].format(name=dataset.name),
                self.get_template("dataset"),
                self.context,
                relative_urls=self.settings["RELATIVE_URLS"],
                dataset=dataset,
                table_rows=self._table_rows(dataset),
                dataset_url=page_url,
                field_types=FIELD_TYPES,
                citation_apa=apa(dataset, author, publisher, absolute),
                citation_bibtex=bibtex(dataset, author, publisher, absolute),
                json_ld=json_ld(
                    dataset,
                    author,
                    publisher,
                    absolute,
                    file_urls,
                    f"{site_url}/",
                    f"{site_url}/{self.settings['DATASETS_URL']}",
                ),
            )
        writer.write_file(
            self.settings["DATASETS_SAVE_AS"],
            self.get_template("datasets"),
            self.context,
            relative_urls=self.settings["RELATIVE_URLS"],
            datasets=list(self.datasets.values()),
        )

    def _report_changed_cells(self) -> None:
        """Say which articles cite a cell whose value changed since the previous build
        (their numbers are checked; this shows what else in the text may need a look)."""
        cells: dict[str, str] = {}
        places: dict[str, list[str]] = {}
        content_root = Path(self.path)
        for content in every_content(self.context):
            for citation in getattr(content, "dataset_citations", []):
                dataset = self.datasets[citation.dataset]
                name = measure_field(dataset, citation)
                if not (citation.row and name):
                    continue
                target = f"{citation.dataset}/{name}/{citation.row}"
                cells[target] = dataset.row(citation.row).cells[name].text
                source = os.path.relpath(content.source_path, content_root)
                places.setdefault(target, []).append(place(source, citation.line))
        memory = Path(self.path).parent / self.settings["DATASETS_CACHE_PATH"] / CITED_CELLS
        try:
            before = json.loads(memory.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            before = {}
        for target, text in cells.items():
            if isinstance(before, dict) and target in before and before[target] != text:
                for where in places[target]:
                    logger.info(
                        N_("%s: cites %s, which changed from %s to %s since the previous build"),
                        where, target, before[target], text,
                    )  # fmt: skip
        try:
            memory.parent.mkdir(parents=True, exist_ok=True)
            memory.write_text(json.dumps(cells, ensure_ascii=False, sort_keys=True), "utf-8")
        except OSError:
            pass  # only a convenience: the numbers themselves are always checked

    def _write_evidence_report(self, path: Path) -> None:
        contents = [c for c in every_content(self.context) if getattr(c, "_content", None)]
        reports = [article_evidence(c, self.datasets).as_dict() for c in contents]
        reports.sort(key=lambda r: r["source_path"])
        partial = path.with_name(f".{path.name}.deels")  # a reader never sees half of it
        partial.write_text(json.dumps(reports, ensure_ascii=False, indent=2), encoding="utf-8")
        partial.replace(path)

    def _table_rows(self, dataset: Dataset) -> list:
        """The first DATASET_TABLE_ROWS rows, and every row an article cites."""
        limit, cited = self.settings["DATASET_TABLE_ROWS"], self.cited_rows[dataset.name]
        if len(dataset.rows) <= limit:
            return dataset.rows
        return [row for n, row in enumerate(dataset.rows) if n < limit or row.key in cited]

    def _url(self, dataset: Dataset) -> str:
        return self.settings["DATASET_URL"].format(name=dataset.name)

    def _copy_downloads(self, dataset: Dataset, page_url: str) -> None:
        """Publish the CSVs and the descriptor byte for byte, as their checksums promise."""
        target = Path(self.output_path) / page_url
        target.mkdir(parents=True, exist_ok=True)
        for file in dataset.files:
            shutil.copyfile(file.path, target / file.name)


__all__ = ["DatasetsGenerator", "prepare_settings", "record_citations"]
