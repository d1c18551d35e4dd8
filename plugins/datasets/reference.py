"""How to cite a dataset: APA text, BibTeX and schema.org JSON-LD."""

from __future__ import annotations

import json
import re

from .package import Dataset, temporal_coverage


def apa(dataset: Dataset, author: str, publisher: str, url: str) -> str:
    """APA 7 reference for a data set: Author. (Year). Title (Versie x) [Dataset]. Publisher. URL"""
    year = dataset.updated_date.year
    return (
        f"{author}. ({year}). {dataset.title} (Versie {dataset.version}) [Dataset]. "
        f"{publisher}. {url}"
    )


def bibtex(dataset: Dataset, author: str, publisher: str, url: str) -> str:
    key = re.sub(r"[^a-z0-9]+", "_", f"{publisher} {dataset.name}".lower()).strip("_")
    entries = {
        "author": f"{{{_tex(author)}}}",  # braces: an organisation, not "Last, First"
        "title": f"{{{_tex(dataset.title)}}}",
        "year": str(dataset.updated_date.year),
        "version": _tex(dataset.version),
        "publisher": _tex(publisher),
        "url": url,
        "urldate": dataset.updated,
        "note": "Dataset",
    }
    body = ",\n".join(f"  {name:<9} = {{{value}}}" for name, value in entries.items())
    return f"@misc{{{key},\n{body}\n}}"


def json_ld(dataset: Dataset, author: str, publisher: str, url: str, file_urls: dict) -> str:
    """schema.org Dataset, safe to put inside <script type="application/ld+json">."""
    data = {
        "@context": "https://schema.org",
        "@type": "Dataset",
        "name": dataset.title,
        "description": dataset.description,
        "url": url,
        "version": dataset.version,
        "dateModified": dataset.updated,
        "inLanguage": "nl",
        "isAccessibleForFree": True,
        "keywords": dataset.keywords,
        "license": [lic.path or lic.name for lic in dataset.licenses],
        "creator": {"@type": "Organization", "name": author},
        "publisher": {"@type": "Organization", "name": publisher},
        "spatialCoverage": dataset.geography,
        "variableMeasured": [f.title for f in dataset.fields if f.measure],
        "isBasedOn": [s.url or f"{s.publisher}: {s.title}" for s in dataset.sources],
        "distribution": [
            {
                "@type": "DataDownload",
                "name": file.name,
                "encodingFormat": "text/csv" if file.name.endswith(".csv") else "application/json",
                "contentUrl": file_urls[file.name],
                "sha256": file.sha256,
            }
            for file in dataset.files
        ],
    }
    coverage = temporal_coverage(dataset.period)
    if coverage:
        data["temporalCoverage"] = coverage
    # "<" escaped so that no text in the data can close the script element.
    return json.dumps(data, ensure_ascii=False, indent=2).replace("<", "\\u003c")


def _tex(text: str) -> str:
    return re.sub(r"([&%$#_{}])", r"\\\1", text)
