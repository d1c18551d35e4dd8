"""How to cite a dataset: APA text, BibTeX and schema.org JSON-LD."""

from __future__ import annotations

import json
import re

from .model import Dataset, temporal_coverage


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


def json_ld(
    dataset: Dataset,
    author: str,
    publisher: str,
    url: str,
    file_urls: dict,
    site: str,
    catalog: str,
) -> str:
    """schema.org Dataset, safe to put inside <script type="application/ld+json">.
    `url` is the dataset's page, `site` the site's root, `catalog` the page listing every
    dataset (all absolute)."""
    first = min((c.date for c in dataset.changes), default=None)
    data = {
        "@context": "https://schema.org",
        "@type": "Dataset",
        "name": dataset.title,
        "description": dataset.description,
        "url": url,
        "identifier": url,
        "version": dataset.version,
        "datePublished": first.isoformat() if first else dataset.updated,
        "dateModified": dataset.updated,
        "includedInDataCatalog": {
            "@type": "DataCatalog",
            "name": f"{publisher}: data",
            "url": catalog,
        },
        "inLanguage": "nl",
        "isAccessibleForFree": True,
        "keywords": dataset.keywords,
        "license": [lic.path or lic.name for lic in dataset.licenses],
        "creator": {"@type": "Organization", "name": author, "url": site},
        "publisher": {"@type": "Organization", "name": publisher, "url": site},
        "spatialCoverage": dataset.geography,
        "variableMeasured": [f.title for f in dataset.fields if f.measure],
        # A source's address where it has one; otherwise its name, as text.
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
