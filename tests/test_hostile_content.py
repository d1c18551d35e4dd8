"""Files and HTML from outside: what the build and a WordPress import may publish.

Only real pictures, named as what they are, from inside the project; no address that
runs script in any attribute; importer patterns that stay linear and nesting that
cannot exhaust the converter; redirects that never take an address the site answers."""

from __future__ import annotations

import http.client
import shutil
import threading
import time
import urllib.parse
from pathlib import Path

import pytest
from test_wordpress_import import OLD_BLOG, _import, _site, settings  # noqa: F401 (fixture)

from bijgespijkerd.library.published_files import picture_problem
from bijgespijkerd.library.safe_urls import script_in_html, unsafe_links
from bijgespijkerd.quality.nginx import serve
from bijgespijkerd.wordpress_import.markup import html_to_markdown
from bijgespijkerd.wordpress_import.redirects import SITE_ROOT_FILES
from conftest import PNG, fails_with

SVG_WITH_SCRIPT = b'<svg xmlns="http://www.w3.org/2000/svg"><script href="/x.js"/></svg>'
PAGE = b"<html><body><script src=/x.js></script><b onmouseover=alert(1)>x</b></body></html>"

# Script addresses in author HTML, written as browsers read them.
SCRIPT_IN_HTML = {
    "svg-xlink": '<svg><a xlink:href="javascript:alert(1)"><text>x</text></a></svg>',
    "mathml-xlink": '<math><a xlink:href="JaVaScRiPt:alert(1)">x</a></math>',
    "slash-not-space": "<a/href=javascript:alert(1)>x</a>",
    "animate-to": '<svg><animate attributeName="href" to="javascript:alert(1)"/></svg>',
    "set-values": '<svg><set attributeName="href" values="x;java&#x09;script:alert(1)"/></svg>',
    "entities": '<a href="&#x6A;avascript&colon;alert(1)">x</a>',
    "vbscript-action": '<form action="vbscript:msgbox(1)"><button>x</button></form>',
    "refresh": '<meta http-equiv="refresh" content="0;url=javascript:alert(1)">',
    "formaction": '<button formaction="javascript:alert(1)">x</button>',
    "srcset": '<img srcset="ok.png 1x, javascript:alert(1) 2x" alt="x">',
}
SAFE_HTML = [
    '<a href="https://cbs.nl/" title="data: 2010">CBS</a>',
    '<img srcset="a.png 1x, b.png 2x" alt="x">',
    '<a href="#kop">kop</a> <a href="../archief/">archief</a> <a href="dataset:x">x</a>',
    '<p title="Wat is javascript eigenlijk">tekst</p>',
]


@pytest.mark.parametrize("html", SCRIPT_IN_HTML.values(), ids=SCRIPT_IN_HTML.keys())
def test_a_script_address_in_any_attribute_is_found(html):
    assert unsafe_links(html), html


@pytest.mark.parametrize("html", SAFE_HTML)
def test_ordinary_html_passes(html):
    assert unsafe_links(html) == []


SCRIPTS = {
    "script": "<script>document.title = 'x'</script>",
    "svg-script": '<svg><script href="/x.js"/></svg>',
    "handler": '<img src="foto.png" alt="x" onerror="alert(1)">',
    "svg-handler": "<svg onload=alert(1)><circle r=1 /></svg>",
    "handler-case": '<p OnMouseOver="alert(1)">x</p>',
}


@pytest.mark.parametrize("html", SCRIPTS.values(), ids=SCRIPTS.keys())
def test_a_script_in_author_html_is_found(html):
    assert script_in_html(html)


@pytest.mark.parametrize("html", SAFE_HTML)
def test_ordinary_html_holds_no_script(html):
    assert script_in_html(html) is None


def test_a_script_in_an_article_stops_the_build(tiny_site):
    tiny_site.write("authors/test-auteur.md", "Name: Test Auteur\n\nTest schrijft.\n")
    path = tiny_site.article(body="Tekst.\n\n" + SCRIPTS["svg-handler"])
    fails_with(tiny_site, f"{path}, regel 9: <svg onload=alert(1)> is een script")


def test_an_svg_link_to_script_stops_the_build_and_never_reaches_the_feed(tiny_site):
    tiny_site.write("authors/test-auteur.md", "Name: Test Auteur\n\nTest schrijft.\n")
    path = tiny_site.article(body="Tekst.\n\n" + SCRIPT_IN_HTML["svg-xlink"])
    fails_with(tiny_site, f"{path}, regel 9: het adres 'javascript:alert(1)'")


# Files: pictures only, by their bytes and their names.


@pytest.mark.parametrize(
    "name, data, expected",
    [
        ("foto.png", PNG, None),
        ("foto.PNG", PNG, None),
        ("evil.svg", SVG_WITH_SCRIPT, "alleen PNG, JPEG, GIF, WebP, AVIF-bestanden"),
        ("evil.html", PAGE, "is geen afbeelding die de site publiceert"),
        ("evil.js", b"document.title = 'x'", "is geen afbeelding die de site publiceert"),
        ("nep.png", PAGE, "heet .png maar is geen PNG-afbeelding"),
        ("nep.jpg", PNG, "heet .jpg maar is geen JPEG-afbeelding"),  # a PNG named .jpg
        ("gif.gif", b"GIF89a" + PAGE, None),
        ("leeg.webp", b"", "heet .webp maar is geen WebP-afbeelding"),
    ],
)
def test_only_real_pictures_named_as_what_they_are_are_published(tmp_path, name, data, expected):
    (tmp_path / name).write_bytes(data)
    problem = picture_problem(tmp_path / name, tmp_path)
    assert problem == expected if expected is None else expected in problem


@pytest.mark.parametrize("name, data", [("evil.svg", SVG_WITH_SCRIPT), ("evil.html", PAGE),
                                        ("nep.png", PAGE)])  # fmt: skip
def test_a_file_in_images_that_is_not_a_picture_stops_the_build(tiny_site, name, data):
    tiny_site.write("authors/test-auteur.md", "Name: Test Auteur\n\nTest schrijft.\n")
    tiny_site.article()
    path = tiny_site.write(f"images/{name}", data)
    fails_with(tiny_site, f"{path}: ")


@pytest.mark.parametrize("link", ["images/lek.png", "lek.md", "authors/lek.md"])
def test_a_link_to_a_file_outside_content_stops_the_build(tiny_site, tmp_path, link):
    tiny_site.write("authors/test-auteur.md", "Name: Test Auteur\n\nTest schrijft.\n")
    tiny_site.article()
    secret = tmp_path / "elders" / Path(link).name
    secret.parent.mkdir()
    if link.endswith(".png"):
        secret.write_bytes(PNG)
    elif link.startswith("authors/"):
        secret.write_text("Name: Geheim\n\nGeheim.\n")
    else:
        secret.write_text("Title: Geheim\nDate: 2024-01-01\nAuthor: Test Auteur\n\nGeheim.\n")
    (tiny_site.content / link).parent.mkdir(parents=True, exist_ok=True)
    (tiny_site.content / link).symlink_to(secret)
    fails_with(tiny_site, f"{tiny_site.content / link}: is een koppeling naar een bestand buiten")


# WordPress imports.


def _export(tmp_path: Path, items: str) -> Path:
    export = tmp_path / "export.xml"
    head = OLD_BLOG.read_text().split("<item>")[0]
    export.write_text(head + items + "</channel>\n</rss>\n")
    return export


def _item(number: int, slug: str, link: str, body: str = "Tekst.", comments: str = "") -> str:
    return f"""<item><title>Stuk {number}</title><link>{link}</link>
<dc:creator>peter</dc:creator><guid isPermaLink="false">x-{number}</guid>
<content:encoded><![CDATA[{body}]]></content:encoded>
<wp:post_id>{number}</wp:post_id><wp:post_date_gmt>2010-03-{number:02d} 10:00:00</wp:post_date_gmt>
<wp:post_name>{slug}</wp:post_name><wp:status>publish</wp:status>
<wp:post_type>post</wp:post_type>{comments}</item>
"""


def test_an_import_copies_only_real_pictures_from_the_uploads(tmp_path, settings):  # noqa: F811
    content = _site(tmp_path)
    uploads = tmp_path / "uploads" / "2010" / "03"
    uploads.mkdir(parents=True)
    files = {"echt.png": PNG, "evil.svg": SVG_WITH_SCRIPT, "evil.js": b"alert(1)",
             "evil.html": PAGE, "nep.jpg": PAGE}  # fmt: skip
    for name, data in files.items():
        (uploads / name).write_bytes(data)
    outside = tmp_path / "geheim.png"
    outside.write_bytes(PNG)
    (uploads / "lek.png").symlink_to(outside)
    images = "".join(
        f'<img src="http://www.bijgespijkerd.example/wp-content/uploads/2010/03/{name}" alt="x">'
        for name in [*files, "lek.png"]
    )
    link = "http://www.bijgespijkerd.example/2010/03/plaatjes/"
    export = _export(tmp_path, _item(5, "plaatjes", link, f"<p>{images}</p>"))
    _plan, _outcome, report = _import(content, settings, export, media=tmp_path / "uploads")
    copied = sorted(p.name for p in (content / "images").rglob("*") if p.is_file())
    assert copied == ["echt.png"]
    for name in ["evil.svg", "evil.js", "evil.html", "nep.jpg", "lek.png"]:
        assert f"the upload 2010/03/{name} was not copied" in report, report


def test_imported_redirects_never_take_an_address_of_the_site(tmp_path, settings):  # noqa: F811
    content = _site(tmp_path)
    (content / "bestaand.md").write_text(
        "Title: Bestaand\nDate: maart 2010\nAuthor: Peter van Loevezijn\nSlug: bestaand\n\nTekst.\n"
    )
    old = "http://www.bijgespijkerd.example"
    taking = ["/2010/bestaand/", "/robots.txt", "/sitemap.xml", "/favicon.ico", "/archief/oud/"]
    items = [_item(n, f"stuk-{n}", old + path) for n, path in enumerate(taking, start=1)]
    items.append(_item(9, "gewoon", old + "/2010/03/gewoon/"))
    _import(content, settings, _export(tmp_path, "".join(items)))
    lines = (tmp_path / "redirects.map").read_text().splitlines()
    keys = [line.split()[0].strip('"') for line in lines if line and not line.startswith("#")]
    for path in taking:
        assert path not in keys and path.rstrip("/") not in keys, path
    assert "/2010/03/gewoon/" in keys


def test_nginx_redirects_only_what_the_site_does_not_answer(site, tmp_path):
    redirects = tmp_path / "redirects.map"
    redirects.write_text(
        '"/robots.txt" "/elders/";\n'
        '"/2010/hoe-oud-zijn-twitteraars-eigenlijk/" "/elders/";\n'
        '"/2009/weg/" "/2010/hoe-oud-zijn-twitteraars-eigenlijk/";\n'
        '"/?p=12" "/2010/hoe-oud-zijn-twitteraars-eigenlijk/";\n'
    )
    root = tmp_path / "site"
    shutil.copytree(site, root)
    with serve(root, redirects=redirects) as url:
        host, port = urllib.parse.urlsplit(url).netloc.split(":")

        def get(path):
            connection = http.client.HTTPConnection(host, int(port), timeout=10)
            connection.request("GET", path)
            response = connection.getresponse()
            response.read()
            return response.status, response.getheader("Location")

        assert get("/robots.txt")[0] == 200
        assert get("/2010/hoe-oud-zijn-twitteraars-eigenlijk/")[0] == 200
        status, location = get("/2009/weg/")
        assert status == 301 and location.endswith("/2010/hoe-oud-zijn-twitteraars-eigenlijk/")
        assert get("/?p=12")[0] == 301
        assert get("/bestaat/niet/")[0] == 404


def _in_time(function, seconds: float):
    """`function()`'s result, or a failure when it has not returned within `seconds`
    (a quadratic pattern takes minutes on these inputs; a linear one well under one)."""
    outcome = []
    thread = threading.Thread(target=lambda: outcome.append(function()), daemon=True)
    started = time.monotonic()
    thread.start()
    thread.join(seconds)
    assert outcome, f"still running after {time.monotonic() - started:.0f} s"
    return outcome[0]


@pytest.mark.parametrize(
    "body",
    [
        "[caption]" * 20_000,
        "<!-- wp:paragraph " * 20_000,
        "x <pre>a" * 20_000,
        "[gallery " * 50_000,
        "<a " * 50_000,
        "x" + " " * 200_000 + "\n",
        "[x][/x]" * 20_000,
    ],
    ids=["captions", "block-comments", "pre", "shortcodes", "tags", "spaces", "closed-codes"],
)
def test_importer_patterns_stay_linear(body):
    _in_time(lambda: html_to_markdown(body), 20)


def test_deeply_nested_html_imports_as_its_text_and_is_reported(tmp_path, settings):  # noqa: F811
    content = _site(tmp_path)
    nested = "<b>" * 5_000 + "Diepe reactie" + "</b>" * 5_000
    comment = f"""<wp:comment><wp:comment_id>70</wp:comment_id>
<wp:comment_author>Nest</wp:comment_author>
<wp:comment_date_gmt>2010-03-02 10:00:00</wp:comment_date_gmt>
<wp:comment_content><![CDATA[{nested}]]></wp:comment_content>
<wp:comment_approved>1</wp:comment_approved><wp:comment_parent>0</wp:comment_parent></wp:comment>"""
    link = "http://www.bijgespijkerd.example/2010/03/nest/"
    export = _export(tmp_path, _item(2, "nest", link, "<div>" * 3_000 + "Diep stuk", comment))
    _plan, _outcome, report = _in_time(lambda: _import(content, settings, export), 60)
    assert "Diep stuk" in (content / "nest.md").read_text()
    [written] = (content / "comments" / "nest").glob("*.md")
    assert written.read_text().endswith("\n\nDiepe reactie\n")
    assert "nest.md: its HTML is nested 3,000 levels deep (at most 100)" in report
    assert "its HTML is nested 5,000 levels deep" in report


def test_an_author_name_that_turns_the_line_stops_the_build(tiny_site):
    path = tiny_site.write("authors/test-auteur.md", "Name: Test Auteur\u202e\n\nTest schrijft.\n")
    tiny_site.article()
    fails_with(tiny_site, f"{path}, regel 1: Name bevat een onzichtbaar teken", "U+202E")


def test_the_root_files_no_redirect_may_take_are_every_file_the_build_writes_there(site):
    written = {path.name for path in site.iterdir() if path.is_file()}
    assert written == set(SITE_ROOT_FILES)


# Where the site needs a full address, a relative one is refused, whatever its form.
RELATIVE = ["/pagina/", "pagina.html", "www.example.org", "//example.org/x", "?p=1", "#anker"]


@pytest.mark.parametrize("address", RELATIVE)
def test_a_relative_address_is_no_commenters_website(address):
    from bijgespijkerd.plugins.comments.rules import comment_problems

    problems = comment_problems("Anna", "Een reactie.", address, None, None, 10_000)
    assert "website" in problems


@pytest.mark.parametrize("address", RELATIVE)
def test_a_relative_address_is_no_licence_or_source_of_a_dataset(tmp_path, address):
    from bijgespijkerd.plugins.datasets.model import DatasetError
    from bijgespijkerd.plugins.datasets.package import load_dataset
    from bijgespijkerd.plugins.datasets.spreadsheet import SpreadsheetError, read_sheet
    from conftest import DATASET_NAME, DATASET_SOURCE, edit_descriptor

    folder = tmp_path / DATASET_NAME
    shutil.copytree(DATASET_SOURCE, folder)
    edit_descriptor(folder, lambda d: d["licenses"][0].update(path=address))
    full = "is geen volledig adres|is not a full address"  # the module's language may be set
    with pytest.raises(DatasetError, match=full):
        load_dataset(folder)
    (tmp_path / "d.csv").write_text("Jaar,Aantal\n2019,3\n", encoding="utf-8")
    (tmp_path / "d-beschrijving.txt").write_text(f"Bron: CBS | Titel | 2020 | {address}\n")
    with pytest.raises(SpreadsheetError, match=full):
        read_sheet(tmp_path / "d.csv")
