"""A real blog moves here and deploys: the first import fills the map the repository
ships, nginx loads any map an import writes, and every old address of a post or page
(nested page paths, /?p=ID from the id, permalink guids) redirects; ids an export gives
twice, posts without an author and posts without a date import so that the site builds
and a re-import changes nothing."""

from __future__ import annotations

import http.client
import shutil
import urllib.parse
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from test_wordpress_import import _build, _header, _import, _site, _tree, settings  # noqa: F401

from bijgespijkerd.quality.nginx import serve
from bijgespijkerd.wordpress_import import import_wordpress
from conftest import ROOT

pytestmark = pytest.mark.slow

OLD = "http://www.bijgespijkerd.example"
HEAD = (Path(__file__).parent / "fixtures/wordpress/blog-wxr10.xml").read_text().split("<item>")[0]


def item(
    number: int,
    slug: str,
    link: str,
    *,
    kind: str = "post",
    guid: str | None = None,
    creator: str | None = "peter",
    date: str | None = "2010-03-05 10:00:00",
    parent: int = 0,
    status: str = "publish",
    body: str = "Tekst.",
) -> str:
    """One <item> as WordPress writes it; leave out what an export may lack."""
    return (
        f"<item><title>Stuk {number}</title><link>{link}</link>"
        + (f"<dc:creator>{creator}</dc:creator>" if creator else "")
        + f'<guid isPermaLink="false">{guid if guid is not None else f"{OLD}/?p={number}"}</guid>'
        + f"<content:encoded><![CDATA[{body}]]></content:encoded>"
        + f"<wp:post_id>{number}</wp:post_id>"
        + (f"<wp:post_date_gmt>{date}</wp:post_date_gmt>" if date else "")
        + f"<wp:post_name>{slug}</wp:post_name><wp:status>{status}</wp:status>"
        + f"<wp:post_parent>{parent}</wp:post_parent><wp:post_type>{kind}</wp:post_type></item>\n"
    )


def export(tmp_path: Path, *items: str, head: str = HEAD) -> Path:
    path = tmp_path / "export.xml"
    path.write_text(head + "".join(items) + "</channel>\n</rss>\n", encoding="utf-8")
    return path


def redirects_of(path: Path) -> dict[str, str]:
    pairs = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        if line and not line.startswith("#"):
            old, new = line.rstrip(";").split('" "')
            pairs[old.strip('"')] = new.strip('"')
    return pairs


def answer(url: str, path: str) -> tuple[int, str | None]:
    host, port = urllib.parse.urlsplit(url).netloc.split(":")
    connection = http.client.HTTPConnection(host, int(port), timeout=10)
    connection.request("GET", path)
    response = connection.getresponse()
    response.read()
    return response.status, response.getheader("Location")


def test_the_first_import_fills_the_map_the_repository_ships(tmp_path, settings):  # noqa: F811
    content = _site(tmp_path)
    shipped = tmp_path / "deploy" / "redirects.map"
    shipped.parent.mkdir()
    shutil.copy(ROOT / "deploy" / "nginx" / "redirects.map", shipped)  # as a fresh checkout has it
    source = export(tmp_path, item(12, "stuk", f"{OLD}/2010/03/stuk/"))
    _plan, outcome = import_wordpress(source, content, shipped, settings)
    assert not outcome.in_the_way
    assert redirects_of(shipped)["/2010/03/stuk/"] == "/2010/stuk/"
    # A map with an editor's own redirects is theirs: left alone and reported.
    other = tmp_path / "eigen.map"
    other.write_text('"/oud/" "/nieuw/";\n', encoding="utf-8")
    _plan, outcome = import_wordpress(source, _site(tmp_path / "twee"), other, settings)
    assert outcome.in_the_way and other.read_text() == '"/oud/" "/nieuw/";\n'


def test_every_old_address_redirects_nested_pages_ids_and_permalink_guids(tmp_path, settings):  # noqa: F811
    content = _site(tmp_path)
    source = export(
        tmp_path,
        item(7, "about", f"{OLD}/about/", kind="page"),
        item(8, "team", f"{OLD}/about/team/", kind="page", parent=7),
        item(9, "level-3b", f"{OLD}/level-1/level-2/level-3b/", kind="page", parent=8),
        item(42, "permalink", f"{OLD}/2010/03/permalink/", guid=f"{OLD}/2010/03/permalink/"),
        item(43, "zonder-guid", f"{OLD}/2010/03/zonder-guid/", guid=""),
    )
    _import(content, settings, source)
    moved = redirects_of(tmp_path / "redirects.map")
    assert moved["/about/team/"] == "/team/" and moved["/about/team"] == "/team/"
    assert moved["/level-1/level-2/level-3b/"] == "/level-3b/"
    assert moved["/?p=42"] == "/2010/permalink/" and moved["/?p=43"] == "/2010/zonder-guid/"
    assert moved["/?page_id=8"] == "/team/" and moved["/?p=8"] == "/team/"
    assert "/about/" not in moved  # the page's address here too: the site answers it


def test_nginx_loads_a_map_with_long_permalinks(tmp_path, settings):  # noqa: F811
    content = _site(tmp_path)
    cyrillic = "%D0%B4%D0%BE%D0%BB%D0%B3%D0%B8%D0%B9-" * 25  # 'долгий-' ×25, as WordPress encodes
    too_long = "x" * 600
    source = export(
        tmp_path,
        item(1, "lang", f"{OLD}/2010/03/{cyrillic}slot/"),
        item(2, "te-lang", f"{OLD}/2010/03/{too_long}/"),
    )
    _plan, _outcome, report = _import(content, settings, source)
    moved = redirects_of(tmp_path / "redirects.map")
    long_key = urllib.parse.unquote(f"/2010/03/{cyrillic}slot/")
    assert len(long_key.encode()) > 300 and moved[long_key] == "/2010/lang/"
    assert f"/2010/03/{too_long}/" not in moved
    assert "is longer than 480 bytes" in report
    root = tmp_path / "site"
    root.mkdir()
    (root / "index.html").write_text("<!doctype html><title>x</title>")
    with serve(root, redirects=tmp_path / "redirects.map") as url:  # nginx starts with it
        status, location = answer(url, f"/2010/03/{cyrillic}slot/")
        assert (status, location) == (301, url + "/2010/lang/")


def test_ids_an_export_gives_twice_import_apart_and_again_unchanged(tmp_path, settings):  # noqa: F811
    content = _site(tmp_path)
    source = export(
        tmp_path,
        item(10, "complete-draft", f"{OLD}/?p=10", guid=f"{OLD}/?p=10", status="draft"),
        item(10, "html-entity-test", f"{OLD}/2010/03/html-entity-test/", guid=f"{OLD}/?p=11"),
        item(20, "contact", f"{OLD}/contact/", kind="page", guid=f"{OLD}/?page_id=20"),
        item(20, "empty", f"{OLD}/empty/", kind="page", guid=f"{OLD}/?page_id=21"),
    )
    _plan, _outcome, report = _import(content, settings, source)
    assert "The export has 2 posts with the id 10" in report
    first = _tree(content)
    assert _header(content / "complete-draft.md")["Status"] == "draft"
    assert "Status" not in _header(content / "html-entity-test.md")
    assert (content / "pages/contact.md").is_file() and (content / "pages/empty.md").is_file()
    moved = redirects_of(tmp_path / "redirects.map")
    assert moved["/2010/03/html-entity-test/"] == "/2010/html-entity-test/"
    assert moved["/?page_id=20"] == "/contact/" and moved["/?page_id=21"] == "/empty/"  # guids
    assert not {"/contact/", "/empty/", "/?p=10", "/?p=20"} & set(moved)
    _plan, outcome, _report = _import(content, settings, source)
    assert _tree(content) == first
    assert redirects_of(tmp_path / "redirects.map") == moved
    assert not (outcome.created or outcome.updated or outcome.in_the_way)


def test_posts_without_an_author_or_a_date_import_and_build(tmp_path, settings):  # noqa: F811
    content = _site(tmp_path)
    source = export(
        tmp_path,
        item(1, "anoniem", f"{OLD}/2010/03/anoniem/", creator=None),
        item(2, "zonder-datum", f"{OLD}/2010/03/zonder-datum/", creator=None, date=None),
    )
    _plan, _outcome, report = _import(content, settings, source)
    assert _header(content / "anoniem.md")["Author"] == "Redactie Bijgespijkerd"
    assert (content / "authors" / "redactie-bijgespijkerd.md").is_file()
    undated = _header(content / "zonder-datum.md")
    assert undated["Status"] == "draft"
    assert undated["Date"].startswith("2010-03-31")  # when the export was made, not 1970
    assert "zonder-datum.md" in report and "no date of publication" in report
    _build(content, tmp_path / "output")
    assert (tmp_path / "output" / "2010" / "anoniem" / "index.html").is_file()


LIST_AND_INLINE = """<ul>
<li>List Item One</li>
<li>List Item Two<pre><code>def f():
    return 1</code></pre></li>
<li>List Item Three<ul><li>Nested</li></ul></li>
<li>List Item Four!</li>
</ul>
<ol><li>Een</li></ol>
<p>H<sub>2</sub>O, MC<sup>2</sup>, <del>weg</del>, <s>ook</s>, <strike>oud</strike>,
<ins>nieuw</ins>, <abbr title="HyperText Markup Language">HTML</abbr>, <kbd>Ctrl</kbd>,
<cite>Boek</cite>, <q>zo</q></p>"""


def test_lists_keep_their_blocks_and_inline_meaning_survives(tmp_path, settings):  # noqa: F811
    content = _site(tmp_path)
    body = LIST_AND_INLINE
    _import(content, settings, export(tmp_path, item(3, "opmaak", f"{OLD}/opmaak/", body=body)))
    _build(content, tmp_path / "output")
    page = BeautifulSoup(
        (tmp_path / "output/2010/opmaak/index.html").read_text(encoding="utf-8"), "html.parser"
    )
    post = page.select_one(".post-body")
    items = post.select_one("ul").find_all("li", recursive=False)
    assert [li.get_text(" ", strip=True).split()[0:3] for li in items] == [
        ["List", "Item", "One"], ["List", "Item", "Two"], ["List", "Item", "Three"],
        ["List", "Item", "Four!"],
    ]  # fmt: skip
    assert "return 1" in items[1].select_one("pre").get_text()
    assert items[2].select_one("ul li").get_text() == "Nested"
    assert post.select_one("ol li").get_text(strip=True) == "Een"
    text = str(post)
    for kept in ("H<sub>2</sub>O", "MC<sup>2</sup>", "<del>weg</del>", "<del>ook</del>",
                 "<del>oud</del>", "<ins>nieuw</ins>", "<kbd>Ctrl</kbd>", "<cite>Boek</cite>",
                 "<q>zo</q>", '<abbr title="HyperText Markup Language">HTML</abbr>'):  # fmt: skip
        assert kept in text, kept
    assert "~~" not in text


def test_an_old_blogs_pictures_without_description_are_listed_not_blocking(tmp_path, settings):  # noqa: F811
    from bijgespijkerd.quality.images import undescribed_images
    from conftest import PNG, build

    content = _site(tmp_path)
    uploads = tmp_path / "uploads" / "2010" / "03"
    uploads.mkdir(parents=True)
    (uploads / "foto.png").write_bytes(PNG)
    body = f'<p>Zie: <img src="{OLD}/wp-content/uploads/2010/03/foto.png"></p>'
    source = export(tmp_path, item(4, "foto", f"{OLD}/2010/03/foto/", body=body))
    _plan, _outcome, report = _import(content, settings, source, media=tmp_path / "uploads")
    assert "foto.md" in report and "2010/03/foto.png" in report  # listed for the editor
    published = build(tmp_path / "output", content, strict=True)  # as `invoke publish` builds
    assert published.returncode == 0, published.stderr
    assert "Ter info: de afbeelding foto.png in " in published.stderr
    assert "uit het oude blog, heeft nog geen beschrijving" in published.stderr
    assert undescribed_images(tmp_path / "output") == [
        "2010/foto/index.html: ../../images/wordpress/2010/03/foto.png"
    ]
    # Once an editor changes the post, its pictures need their descriptions.
    post = content / "foto.md"
    post.write_text(post.read_text(encoding="utf-8") + "\nEen nieuwe zin.\n", encoding="utf-8")
    edited = build(tmp_path / "output", content, strict=True)
    assert edited.returncode == 1
    assert "heeft geen beschrijving (alt-tekst)" in edited.stderr
