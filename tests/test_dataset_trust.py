"""Datasets come from elsewhere: nothing in them becomes markup, a link to a script, a
read outside their folder, or a network connection."""

from __future__ import annotations

import pytest

from conftest import ROOT, build, edit_descriptor, fails_with, read_page

INJECTED = '<meta http-equiv="refresh" content="0; url=https://aanvaller.example/">'


def test_unknown_descriptor_properties_never_reach_the_page(data_site):
    def add(descriptor):
        for key in ("chart_html", "json_ld", "cited_in", "rows", "method_html", "extra"):
            descriptor[key] = INJECTED

    edit_descriptor(data_site.folder, add)
    assert data_site.build().returncode == 0
    page = (data_site.output / f"data/{data_site.folder.name}/index.html").read_text()
    assert "aanvaller.example" not in page
    # …but stay in the published descriptor, byte for byte.
    published = data_site.output / f"data/{data_site.folder.name}/datapackage.json"
    assert published.read_bytes() == (data_site.folder / "datapackage.json").read_bytes()


def test_descriptor_text_is_escaped(data_site):
    edit_descriptor(data_site.folder, lambda d: d.update(method=INJECTED, title="A </script> B"))
    assert data_site.build().returncode == 0
    page = (data_site.output / f"data/{data_site.folder.name}/index.html").read_text()
    assert "<meta http-equiv" not in page
    assert "</script> B" not in page  # not in the JSON-LD either: "<" is escaped there
    assert "\\u003c/script> B" in page


@pytest.mark.parametrize(
    "url",
    [
        "javascript:alert(1)",
        "JavaScript:alert(1)",
        "data:text/html,<b>x</b>",
        "vbscript:x",
        "ftp://x.example/",
    ],
)
def test_a_source_address_that_is_not_http_fails_naming_file_and_line(data_site, url):
    sources = data_site.folder / "sources.csv"
    lines = sources.read_text(encoding="utf-8").splitlines()
    header = lines[0].split(",")
    cells = lines[1].split(",")
    cells[header.index("url")] = f'"{url}"'
    lines[1] = ",".join(cells)
    sources.write_text("\n".join(lines) + "\n", encoding="utf-8")
    fails_with(data_site, f"{sources}, regel 2, kolom 'url': {url!r}")


def test_a_licence_address_that_is_not_http_fails(data_site):
    edit_descriptor(data_site.folder, lambda d: d["licenses"][0].update(path="javascript:alert(1)"))
    fails_with(data_site, f"{data_site.folder}/datapackage.json: het 'path' van de licentie")


def test_a_resource_address_is_refused_without_fetching_it(data_site, listener):
    url, connections = listener
    edit_descriptor(data_site.folder, lambda d: d["resources"][0].update(path=f"{url}/data.csv"))
    errors = fails_with(data_site, "moet de naam van een bestand in de map van de dataset zijn")
    assert "secret" not in errors
    assert connections == []


def test_a_remote_profile_is_refused_without_fetching_it(data_site, listener):
    url, connections = listener
    edit_descriptor(data_site.folder, lambda d: d.update(profile=f"{url}/profile.json"))
    fails_with(data_site, "'profile' is een adres")
    assert connections == []


@pytest.mark.parametrize("target", ["../../../../geheim.csv", "/etc/passwd"])
def test_a_resource_outside_its_folder_is_refused(data_site, tmp_path, target):
    edit_descriptor(data_site.folder, lambda d: d["resources"][0].update(path=target))
    fails_with(data_site, "'path'")


def test_a_symlink_leaving_the_folder_is_refused_and_its_lines_never_shown(data_site, tmp_path):
    secret = tmp_path / "geheim.csv"
    secret.write_text("WACHTWOORD=hunter2\n", encoding="utf-8")
    data = data_site.folder / "data.csv"
    data.unlink()
    data.symlink_to(secret)
    errors = fails_with(data_site, "verlaat de map van de dataset")
    assert "hunter2" not in errors


def test_a_control_character_in_a_cell_fails_naming_file_and_line(data_site):
    from conftest import edit_csv

    edit_csv(data_site.folder / "sources.csv", "Study: Ages", "Study:\x0b Ages")
    fails_with(data_site, f"{data_site.folder}/sources.csv, regel 2: een cel bevat een onzichtbaar")


def test_a_deeply_nested_descriptor_fails_naming_the_file(data_site):
    path = data_site.folder / "datapackage.json"
    path.write_text("[" * 5000 + "]" * 5000, encoding="utf-8")
    fails_with(data_site, f"{path}: te diep genest")


def test_a_long_table_is_shown_in_part_with_cited_rows_and_the_full_csv_linked(tiny_site):

    from benchmarks.large_dataset_benchmark import NAME, make_site

    content = make_site(tiny_site.content.parent / "groot", 1200)
    result = build(tiny_site.output, content)
    assert result.returncode == 0, result.stderr
    page = read_page(tiny_site.output, f"data/{NAME}/index.html")
    keys = [row["id"] for row in page.select(".dataset-table tbody tr")]
    assert keys == [f"rij-{n}" for n in range(1, 501)] + ["rij-1200"]  # 1200 is cited
    note = page.select_one(".table-note")
    assert "De tabel toont 501 van de 1200 rijen" in note.get_text()
    assert note.select_one("a")["href"].endswith(f"data/{NAME}/data.csv")


def _set_field(index: int, **values):
    return lambda d: d["resources"][0]["schema"]["fields"][index].update(values)


HOSTILE_DESCRIPTORS = {
    "fields-not-a-list": lambda d: d["resources"][0]["schema"].update(fields="x"),
    "field-not-an-object": lambda d: d["resources"][0]["schema"]["fields"].append("x"),
    "field-without-name": lambda d: d["resources"][0]["schema"]["fields"].append({"a": 1}),
    "resources-not-objects": lambda d: d.update(resources=[1, 2]),
    "unit-a-list": _set_field(1, unit=[1]),
    "title-a-number": _set_field(1, title=5),
    "primary-key-a-number": lambda d: d["resources"][0]["schema"].update(primaryKey=5),
    "version-a-list": lambda d: d.update(version=[1]),
    "licences-text": lambda d: d.update(licenses="CC"),
    "chart-a-list": lambda d: d.update(chart=[1]),
}


@pytest.mark.parametrize("change", HOSTILE_DESCRIPTORS.values(), ids=HOSTILE_DESCRIPTORS.keys())
def test_a_malformed_descriptor_fails_naming_it_never_as_a_bug(data_site, change):
    edit_descriptor(data_site.folder, change)
    errors = fails_with(data_site, f"Bouwen mislukt. {data_site.folder}/datapackage.json")
    assert "bug" not in errors


EXCEL_VARIANTS = {
    "byte-order-mark": (b"\xef\xbb\xbf", b"", "onzichtbaar byte-order mark"),
    "semicolons": (b"", b";", "gescheiden door puntkomma's"),
    "windows-1252": (b"\xe9", b"", "is geen UTF-8-tekst"),
}


@pytest.mark.parametrize(
    ("prefix", "separator", "message"), EXCEL_VARIANTS.values(), ids=EXCEL_VARIANTS
)
def test_a_csv_as_excel_writes_it_is_explained(data_site, prefix, separator, message):
    data = data_site.folder / "data.csv"
    text = data.read_bytes()
    if separator:
        text = text.replace(b",", separator)
    data.write_bytes(prefix + text)
    errors = fails_with(data_site, f"{data}, regel 1: ", message)
    assert "bug" not in errors


def test_a_non_utf8_descriptor_fails_naming_it(data_site):
    (data_site.folder / "datapackage.json").write_bytes(b"\xff\xfe\x00{")
    fails_with(data_site, f"{data_site.folder}/datapackage.json: is geen UTF-8-tekst")


def test_a_huge_cell_is_quoted_short(data_site):
    from conftest import edit_csv

    edit_csv(data_site.folder / "data.csv", "35–44,25,", "35–44," + "9" * 100_000 + ",")
    errors = fails_with(data_site, f"{data_site.folder}/data.csv, regel 5")
    assert len(errors) < 2_500


CBS_ROW = "2008,40.3,gevonden,"
NON_CANONICAL = {
    "decimal-comma": (CBS_ROW, "2008,40,3,gevonden,", "regel 11: 40,3 lijkt een decimale komma"),
    "space-after": (CBS_ROW, "2008,40.3,gevonden ,", "regel 11, kolom 'status': de waarde"),
    "blank-last-line": (None, None, "regel 18: is leeg; haal de regel weg"),
}


@pytest.mark.parametrize(("old", "new", "message"), NON_CANONICAL.values(), ids=NON_CANONICAL)
def test_a_non_canonical_csv_is_explained_precisely(tiny_site, old, new, message):
    import shutil

    from conftest import edit_csv

    name = "cbs-gemiddelde-leeftijd-werkzame-beroepsbevolking"
    shutil.copytree(ROOT / "content/data" / name, tiny_site.content / "data" / name)
    data = tiny_site.content / "data" / name / "data.csv"
    if old is None:
        data.write_text(data.read_text() + "\n", encoding="utf-8")
    else:
        edit_csv(data, old, new)
    tiny_site.article()
    errors = fails_with(tiny_site, f"{data}, {message}")
    assert "primary-key" not in errors and "bug" not in errors


def test_an_address_longer_than_browsers_take_fails(data_site):
    edit_descriptor(
        data_site.folder,
        lambda d: d["licenses"][0].update(path="https://example.org/" + "a" * 2_100),
    )
    fails_with(data_site, "is langer dan 2.000 tekens")


def test_a_descriptor_too_large_to_be_a_description_fails(data_site):
    edit_descriptor(data_site.folder, lambda d: d.update(opvulling="x" * 5_100_000))
    fails_with(data_site, f"{data_site.folder}/datapackage.json: is groter dan 5.000.000 bytes")


def test_a_cell_longer_than_a_note_fails_naming_line_and_column(data_site):
    from conftest import edit_csv

    edit_csv(
        data_site.folder / "data.csv", "35–44,25,gevonden,", "35–44,25,gevonden," + "x" * 10_001
    )
    fails_with(data_site, "data.csv, regel 5, kolom 'note': de waarde heeft 10.0")


def test_a_dataset_folder_linking_outside_content_is_refused(tiny_site, tmp_path):
    import shutil

    outside = tmp_path / "elders"
    shutil.copytree(ROOT / "content/data/pingdom-2010-leeftijdsverdeling", outside)
    link = tiny_site.content / "data" / "pingdom-2010-leeftijdsverdeling"
    link.parent.mkdir(parents=True)
    link.symlink_to(outside)
    tiny_site.article()
    fails_with(tiny_site, f"{link}: is een link naar een map buiten")


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (
            _set_field(0, name="age group"),
            "kolom 'age group': de naam van een kolom heeft alleen letters",
        ),
        (_set_field(0, name="a.b"), "kolom 'a.b': de naam van een kolom heeft alleen letters"),
    ],
    ids=["space", "dot"],
)
def test_a_column_name_that_would_break_charts_or_anchors_fails(data_site, change, message):
    edit_descriptor(data_site.folder, change)
    fails_with(data_site, message)


def test_a_source_id_that_cannot_be_an_anchor_fails(data_site):
    sources = data_site.folder / "sources.csv"
    lines = sources.read_text(encoding="utf-8").splitlines()
    lines.append('"pingdom 2010 <b>",Titel,Uitgever,2010,,primair,')
    sources.write_text("\n".join(lines) + "\n", encoding="utf-8")
    # The schema's own pattern, or the build's rule where a schema has none.
    fails_with(data_site, f"sources.csv, regel {len(lines)}, kolom 'id'", "'pingdom 2010 <b>'")
    edit_descriptor(
        data_site.folder,
        lambda d: d["resources"][1]["schema"]["fields"][0].pop("constraints", None),
    )
    fails_with(data_site, f"regel {len(lines)}, kolom 'id': 'pingdom 2010 <b>': de id van een bron")


def test_a_dataset_folder_that_cannot_be_an_address_fails(tiny_site):
    import shutil

    source = ROOT / "content/data/pingdom-2010-leeftijdsverdeling"
    shutil.copytree(source, tiny_site.content / "data" / "Leeftijd 2010")
    tiny_site.article()
    fails_with(tiny_site, "Leeftijd 2010: de map van een dataset heeft een naam van kleine letters")
