"""`invoke import-wordpress`: what each part of a WordPress export becomes, that running
it again changes nothing and never overwrites an editor's work, and that a broken or
hostile export fails whole or imports inert. The end-to-end run builds the imported
site with --strict and reads it through nginx: pages, threads and redirects."""

from __future__ import annotations

import fcntl
import http.client
import os
import shutil
import sqlite3
import subprocess
import sys
import threading
import urllib.parse
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from bijgespijkerd.comment_service.store import Queue
from bijgespijkerd.library.build_errors import BuildError
from bijgespijkerd.library.messages import use_language
from bijgespijkerd.library.settings import read_site_settings
from bijgespijkerd.quality.links import check_links
from bijgespijkerd.quality.nginx import serve
from bijgespijkerd.quality.validator import html_errors
from bijgespijkerd.wordpress_import import import_wordpress
from bijgespijkerd.wordpress_import.report import report_text
from conftest import ROOT

FIXTURES = Path(__file__).parent / "fixtures" / "wordpress"
BLOG = FIXTURES / "blog-wxr12.xml"
OLD_BLOG = FIXTURES / "blog-wxr10.xml"
THREAD = "comments/cooperatie-in-het-onderwijs"
# What the export knows of its readers and that must never be written anywhere.
PRIVATE = ["@voorbeeld.nl", "@oudblog.example.nl", "spam@", "192.0.2.", "198.51.100.", "203.0.113."]


@pytest.fixture(scope="module")
def settings():
    use_language("en")
    yield read_site_settings(ROOT / "pelicanconf.py")
    use_language("nl")


def _site(tmp_path: Path) -> Path:
    """An empty site to import into: no articles, one profile of its own."""
    content = tmp_path / "content"
    (content / "authors").mkdir(parents=True)
    (content / "data").mkdir()
    shutil.copy(ROOT / "content/authors/peter-van-loevezijn.md", content / "authors")
    return content


def _import(content: Path, settings, export=BLOG, media=None, queue=None):
    redirects = content.parent / "redirects.map"
    opener = (lambda: queue) if queue is not None else None
    plan, outcome = import_wordpress(export, content, redirects, settings, media, opener)
    return plan, outcome, report_text(plan, outcome, queue is not None)


def _header(path: Path) -> dict[str, str]:
    head = path.read_text(encoding="utf-8").split("\n\n", 1)[0]
    return dict(line.split(": ", 1) for line in head.splitlines())


def _tree(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in folder.rglob("*") if p.is_file()}


@pytest.fixture(scope="module")
def imported(tmp_path_factory, settings):
    """The WXR 1.2 blog imported once, with its uploads folder and a moderation queue."""
    tmp = tmp_path_factory.mktemp("wordpress")
    content = _site(tmp)
    media = tmp / "uploads" / "2010" / "03"
    media.mkdir(parents=True)
    (media / "klas-300x200.jpg").write_bytes(b"\xff\xd8\xff not really a JPEG")
    queue = Queue(tmp / "queue.sqlite3")
    _plan, _outcome, report = _import(content, settings, media=tmp / "uploads", queue=queue)
    return content, report, tmp


def test_published_posts_become_articles_and_pages_and_the_rest_drafts(imported):
    content, report, _ = imported
    assert _header(content / "pages/over-ons.md")["Title"] == "Over ons"
    assert "Status" not in _header(content / "blokken.md")
    drafts = ["een-concept", "alleen-voor-leden", "volgende-week", "prive-notities"]
    drafts.append("wachtend-op-review")
    for slug in drafts:
        assert _header(content / f"{slug}.md")["Status"] == "draft", slug
    assert "(password-protected)" in report and "(scheduled in WordPress)" in report
    # The trash, menu items, attachments, revisions and templates are not content.
    written = {p.stem for p in content.glob("*.md")}
    assert written == {"cooperatie-in-het-onderwijs", "blokken", "zonder-gmt-datum", *drafts}
    for kind in ("attachment", "nav_menu_item", "revision", "wp_template"):
        assert f"items of type '{kind}' (not posts or pages): 1" in report
    assert "  articles: 3\n  pages: 2\n  drafts (not published): 5" in report


def test_a_page_keeps_clear_of_the_sites_own_addresses(imported):
    """WordPress's page /archief/ would take the site's archive: it becomes /archief-2/,
    its old address is not redirected, and its comment comes along."""
    content, report, _ = imported
    assert _header(content / "pages/archief-2.md")["Slug"] == "archief-2"
    assert "The old address /archief/ is an address of this site now" in report
    assert _header(content / "comments/archief-2/01-lezer.md")["Author"] == "Lezer"


def test_slug_title_date_author_category_and_tags(imported):
    content, report, _ = imported
    header = _header(content / "cooperatie-in-het-onderwijs.md")  # from co%c3%b6peratie-…
    assert header["Title"] == "Coöperatie in het onderwijs"
    assert header["Slug"] == "cooperatie-in-het-onderwijs"
    assert header["Date"] == "2010-03-28 11:30"  # 09:30 GMT, summer time in Amsterdam
    assert header["Author"] == "Marieke de Wit"  # the display name, not the login
    assert header["Category"] == "Onderwijs"
    assert header["Tags"] == "E-learning, samenwerken"
    assert "the categories Onderwijs, E-learning; the first is its category" in report
    # Written at 22:30 on 31 December by a blog in New York: 03:30 GMT, 04:30 here.
    assert _header(content / "blokken.md")["Date"] == "2021-01-01 04:30"
    assert _header(content / "blokken.md")["Title"] == "Blokken & nieuwe editor"
    assert _header(content / "blokken.md")["Summary"] == "Over de \\*nieuwe\\* editor & blokken."
    assert _header(content / "zonder-gmt-datum.md")["Date"] == "2015-06-15 14:00"
    assert "zonder-gmt-datum.md: no GMT date in the export; WordPress's local date" in report


def test_body_block_comments_shortcodes_and_images(imported):
    content, report, _ = imported
    body = (content / "cooperatie-in-het-onderwijs.md").read_text(encoding="utf-8")
    assert "Dat zie je in **elke** klas.  \nOok in de [grote studie]" in body
    figure = '<figure><img src="{static}/images/wordpress/2010/03/klas-300x200.jpg"'
    assert figure + ' alt="Een klas"><figcaption>Leerlingen aan het werk</figcaption>' in body
    assert (content / "images/wordpress/2010/03/klas-300x200.jpg").is_file()
    for code in ['[gallery ids="7,8,9"]', "[audio src=", "[video src=", '[mijnknop kleur="rood"]']:
        assert code in report
    assert '\\[gallery ids="7,8,9"\\]' in body  # kept, visibly, as text
    assert "wp-content/uploads/2010/03/ontbreekt.png" in report.split("replace them:")[1]
    blocks = (content / "blokken.md").read_text(encoding="utf-8")
    assert "wp:" not in blocks and "<!--" not in blocks
    # Links to other posts follow them here; one to a draft keeps its old address.
    assert "[het eerdere stuk]({filename}/cooperatie-in-het-onderwijs.md#reacties)" in blocks
    assert "[over ons]({filename}/pages/over-ons.md)" in blocks
    assert "[een concept](https://oudblog.example.nl/?p=303)" in blocks
    assert "  links to imported posts, now to their new pages: 2" in report
    assert "## Een kop\n\n-   een\n-   twee" in blocks
    # A gallery block: each of its figures, none lost.
    assert 'alt="Eerste">' in blocks and 'alt="Tweede"><figcaption>Tweede foto<' in blocks
    assert '```\nprint("hallo <wereld>")\n```' in blocks


def test_what_the_site_cannot_show_is_listed_never_dropped_silently(tmp_path, settings):
    """An embedded video is removed and listed; an image without a description is listed
    (Pelican's strict build refuses it), one by a path on the old site gets its full address
    there, listed; control characters XML forbids are removed; a heading 1 in the text
    moves every heading one level down (the title is the page's heading 1)."""
    content = _site(tmp_path)
    export = tmp_path / "export.xml"
    text = BLOG.read_text().replace('alt="Weg" ', "").replace("Mooi stuk!", "Mooi\x0b stuk!\x01")
    text = text.replace("Nog niet af.", '<img src="/logo.png" alt="Logo">')
    text = text.replace('<h2 class="wp-block-heading">Een kop</h2>', "<h1>Een kop</h1>")
    export.write_text(text)
    _, _, report = _import(content, settings, export)
    assert "blokken.md: <iframe> https://www.youtube.com/embed/abc" in report
    alt = report.split("until one is written:\n")[1]
    assert alt.startswith("  - cooperatie-in-het-onderwijs.md: https://oudblog.example.nl/")
    assert "2 invisible control characters were removed from the export" in report
    assert "Mooi stuk!" in (content / THREAD / "01-henk.md").read_text()
    assert "een-concept.md: https://oudblog.example.nl/logo.png" in report
    assert (
        "![Logo](https://oudblog.example.nl/logo.png)" in (content / "een-concept.md").read_text()
    )
    assert "\n## Een kop\n" in (content / "blokken.md").read_text()
    assert "\n# " not in (content / "blokken.md").read_text()
    assert "blokken.md: the text has a heading 1; its headings are one level lower" in report


def test_comments_keep_their_threads_and_nothing_else(imported):
    content, report, _ = imported
    files = sorted(p.name for p in (content / THREAD).iterdir())
    assert files == [
        "01-henk.md", "02-marieke-de-wit.md", "03-henk.md", "04-marieke-de-wit.md",
        "05-henk.md", "06-marieke-de-wit.md", "07-els.md",
    ]  # fmt: skip
    chain = [_header(content / THREAD / name).get("Replyto") for name in files[:6]]
    assert chain == [
        None,
        "01-henk",
        "02-marieke-de-wit",
        "03-henk",
        "04-marieke-de-wit",
        "05-henk",
    ]
    first = _header(content / THREAD / "01-henk.md")
    assert first == {
        "Author": "Henk",
        "Website": "https://henk.example.nl",
        "Date": "2010-03-28 12:00",
    }
    # The javascript: website is left out; a reply to an unapproved comment stands alone.
    assert "Website" not in _header(content / THREAD / "03-henk.md")
    assert "Replyto" not in _header(content / THREAD / "07-els.md")
    assert "07-els.md: answers comment 11, which was not imported" in report
    assert "  pingbacks and trackbacks: 2\n  spam: 1" in report
    assert "  comments in the trash: 1" in report


def test_no_email_or_ip_address_is_written_anywhere(imported):
    content, _, tmp = imported
    written = [*content.rglob("*"), tmp / "redirects.map"]
    text = "\n".join(p.read_text(errors="replace") for p in written if p.is_file())
    rows = sqlite3.connect(tmp / "queue.sqlite3").execute("SELECT * FROM submissions").fetchall()
    subscriptions = sqlite3.connect(tmp / "queue.sqlite3").execute("SELECT * FROM subscriptions")
    text += repr(rows)
    assert [needle for needle in PRIVATE if needle in text] == []
    assert subscriptions.fetchall() == []


def test_a_pending_comment_waits_in_the_moderation_queue(imported):
    _, report, tmp = imported
    (waiting,) = Queue(tmp / "queue.sqlite3").waiting()
    assert (waiting.article, waiting.author, waiting.body) == (
        "cooperatie-in-het-onderwijs", "Wachtende Wim", "Nog niet goedgekeurd.\n",
    )  # fmt: skip
    assert waiting.replyto == "01-henk" and waiting.email is None and not waiting.verified
    assert "put in the moderation queue: 1" in report


def test_authors_become_profiles_and_the_sites_own_is_kept(tmp_path, settings):
    content = _site(tmp_path)
    own = (content / "authors/peter-van-loevezijn.md").read_text()
    export = tmp_path / "export.xml"
    author = "<wp:author><wp:author_login>peter</wp:author_login><wp:author_display_name>"
    author += "Peter van Loevezijn</wp:author_display_name></wp:author>"
    export.write_text(BLOG.read_text().replace("<wp:author>", author + "<wp:author>", 1))
    _, outcome, report = _import(content, settings, export)
    assert (content / "authors/joost-bakker.md").read_text() == (
        "Name: Joost Bakker\n\nJoost is *trainer* en schrijft over e-learning.\n"
    )
    assert (content / "authors/marieke-de-wit.md").read_text() == "Name: Marieke de Wit\n\n"
    assert "authors/marieke-de-wit.md: the export has no biography for Marieke de Wit" in report
    assert (content / "authors/peter-van-loevezijn.md").read_text() == own
    assert outcome.in_the_way == ["authors/peter-van-loevezijn.md"]
    assert "Another file is in the way; not written:\n  - authors/peter-van-loevezijn.md" in report


def test_a_slug_the_site_already_uses_is_not_imported(tmp_path, settings):
    content = _site(tmp_path)
    own = "Title: Over ons\nDate: 2024-01-01\nSlug: blokken\n\nEigen tekst.\n"
    (content / "eigen.md").write_text(own)
    _plan, _, report = _import(content, settings)
    assert not (content / "blokken.md").exists()
    assert (content / "eigen.md").read_text() == own
    assert (
        "'Blokken & nieuwe editor' was not imported: its slug blokken is already used by eigen.md"
        in report
    )


def test_importing_the_same_export_again_changes_nothing(tmp_path, settings):
    content = _site(tmp_path)
    queue = Queue(tmp_path / "queue.sqlite3")
    _import(content, settings, queue=queue)
    before = _tree(tmp_path)
    _, outcome, report = _import(content, settings, queue=queue)
    assert _tree(tmp_path) == before
    assert outcome.created == outcome.updated == []
    assert "Nothing was changed." in report
    assert len(queue.waiting()) == 1
    # An editor's change to a file the export did not change is theirs: nothing to report.
    edited = content / THREAD / "01-henk.md"
    edited.write_text(edited.read_text() + "\nAangevuld.\n")
    _, outcome, report = _import(content, settings, queue=queue)
    assert edited.read_text().endswith("Aangevuld.\n")
    assert outcome.kept_edited == [] and "Nothing was changed." in report


def test_an_updated_export_adds_what_is_new_and_never_overwrites_an_editor(tmp_path, settings):
    content = _site(tmp_path)
    queue = Queue(tmp_path / "queue.sqlite3")
    _import(content, settings, queue=queue)
    queue.remove(queue.waiting()[0].id)  # the editor decided on the pending comment
    edited = content / THREAD / "02-marieke-de-wit.md"
    edited.write_text(edited.read_text() + "\nAangevuld door de redactie.\n")
    (content / "zonder-gmt-datum.md").unlink()
    newer = tmp_path / "newer.xml"
    comment = (
        "<wp:comment><wp:comment_id>13</wp:comment_id><wp:comment_author>Nieuwe Lezer"
        "</wp:comment_author><wp:comment_date_gmt>2026-11-01 10:00:00</wp:comment_date_gmt>"
        "<wp:comment_content>Later toegevoegd.</wp:comment_content><wp:comment_approved>1"
        "</wp:comment_approved><wp:comment_parent>6</wp:comment_parent></wp:comment>"
    )
    text = BLOG.read_text().replace("\t</item>", comment + "\t</item>", 1)
    text = text.replace("Dank je, Henk.", "Dank je wel, Henk.")  # changed in WordPress too
    text = text.replace("Wij schrijven over leren.", "Wij schrijven over leren en werken.")
    newer.write_text(text)
    _, outcome, report = _import(content, settings, newer, queue=queue)
    new = _header(content / THREAD / "08-nieuwe-lezer.md")
    assert new["Replyto"] == "06-marieke-de-wit"
    assert outcome.created == [f"{THREAD}/08-nieuwe-lezer.md"]
    assert "Aangevuld door de redactie." in edited.read_text()
    assert outcome.kept_edited == [f"{THREAD}/02-marieke-de-wit.md"]
    assert outcome.kept_removed == ["zonder-gmt-datum.md"]
    assert not (content / "zonder-gmt-datum.md").exists()
    assert "leren en werken" in (content / "pages/over-ons.md").read_text()
    assert outcome.updated == ["pages/over-ons.md"]
    assert "Changed by an editor since the import; kept, not overwritten:\n  - " in report
    assert queue.waiting() == []  # decided once: not queued a second time
    assert len(list((content / THREAD).iterdir())) == 8


@pytest.mark.parametrize(
    "namespace", ["http://wordpress.org/export/1.1/", "http://wordpress.org/export/1.2/"]
)
def test_every_wxr_version_and_scheme_imports_the_same(tmp_path, settings, namespace):
    """WordPress 3.x wrote WXR 1.1, later versions 1.2; the namespace's scheme changed to
    https later still. Elements are matched by their local names, so all read the same."""
    reference = _site(tmp_path / "reference")
    _import(reference, settings)
    content = _site(tmp_path / "variant")
    export = tmp_path / "variant.xml"
    text = BLOG.read_text().replace("https://wordpress.org/export/1.2/", namespace)
    export.write_text(text.replace("<wp:wxr_version>1.2<", f"<wp:wxr_version>{namespace[-4:-1]}<"))
    _import(content, settings, export)
    assert _tree(content) == _tree(reference)


def test_wxr_1_0_with_http_namespaces_and_escaped_text(tmp_path, settings):
    content = _site(tmp_path)
    _, _, _report = _import(content, settings, OLD_BLOG)
    article = content / "leren-van-twitter-co.md"
    header = _header(article)
    assert header["Title"] == "Leren van Twitter & co"
    assert (header["Category"], header["Tags"], header["Date"]) == (
        "Social media", "twitter", "2010-03-14 20:12",
    )  # fmt: skip
    body = article.read_text().split("\n\n", 1)[1]
    assert body.startswith("Twitter is *ook* een leeromgeving.")
    assert "Mixed: **vet** uit CDATA en gewone tekst & meer." in body
    comment = (content / "comments/leren-van-twitter-co/01-frans.md").read_text()
    assert comment.endswith("\n\nEens!  \nNieuwe regel.\n")


HOSTILE_ITEM = FIXTURES / "hostile-item.xml"


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory, settings):
    """An export with script everywhere a blog's visitors could put it, imported and
    built with --strict."""
    tmp = tmp_path_factory.mktemp("hostile")
    content = _site(tmp)
    export = tmp / "hostile.xml"
    item = HOSTILE_ITEM.read_text().replace("HUGE", "lang " * 20_000)
    export.write_text(OLD_BLOG.read_text().replace("</channel>", item + "</channel>"))
    _, _, report = _import(content, settings, export)
    output = tmp / "output"
    _build(content, output)
    return content, output, report


def _build(content: Path, output: Path) -> None:
    command = [sys.executable, "-m", "invoke", "build", "--strict"]
    command += ["--content", str(content), "--output", str(output)]
    result = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stdout + result.stderr


def test_hostile_content_imports_inert(hostile_site):
    _content, output, report = hostile_site
    page = (output / "2011/gevaarlijk/index.html").read_text(encoding="utf-8")
    soup = BeautifulSoup(page, "html.parser")
    for script in soup.find_all("script"):  # the theme's files, and its structured data
        src = script.get("src") or ""
        assert src.startswith("../../theme/") or script["type"] == "application/ld+json"
    assert not soup.find_all(["iframe", "style"])
    handlers = [(t.name, a) for t in soup.find_all(True) for a in t.attrs if a.startswith("on")]
    assert handlers == []
    addresses = [t.get("href") or t.get("src") or "" for t in soup.find_all(["a", "img"])]
    assert [a for a in addresses if a.strip().lower().startswith(("javascript", "data"))] == []
    assert soup.h1.get_text(strip=True) == "Gevaarlijk & vet"
    assert "<script>alert(4)</script>" in soup.find("main").get_text()
    comment = soup.select_one("#reactie-01-kwaad-aardig")
    assert comment is not None and 'Kwaad "aardig"' in comment.get_text()
    assert "**niet vet?**" in comment.get_text()  # the reader's asterisks, as typed
    assert "the comment is 100,000 characters long" in report  # the huge one: listed, left out
    assert "the address 'javascript:alert(2)' is not published" in report


def _run_task(*arguments: str, env: dict | None = None) -> subprocess.CompletedProcess:
    command = [sys.executable, "-m", "invoke", "import-wordpress", *arguments]
    environment = {**os.environ, **(env or {})}
    return subprocess.run(
        command, cwd=ROOT, capture_output=True, text=True, timeout=120, env=environment
    )


LAUGHS = """<?xml version="1.0"?>
<!DOCTYPE rss [<!ENTITY a "hahahahahahaha"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">
<!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;"><!ENTITY d "&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;">]>
<rss><channel><wp:wxr_version xmlns:wp="http://wordpress.org/export/1.2/">1.2</wp:wxr_version>
<item><title>&d;</title></item></channel></rss>
"""
NOT_WXR = """<?xml version="1.0"?><rss version="2.0"><channel><title>Een feed</title>
<item><title>Bericht</title></item></channel></rss>"""


@pytest.mark.parametrize(
    "name, text, message",
    [
        ("lachen.xml", LAUGHS, "het bestand declareert XML-entiteiten of externe verwijzingen"),
        ("feed.xml", NOT_WXR, "is geen WordPress-export (WXR)"),
        ("afgebroken.xml", BLOG.read_text()[:5000], "is geen leesbare XML op regel"),
        ("leeg.xml", "", "is geen leesbare XML op regel 1"),
    ],
)
def test_a_broken_export_fails_in_dutch_and_writes_nothing(tmp_path, name, text, message):
    content = _site(tmp_path)
    before = _tree(tmp_path)
    export = tmp_path / name
    export.write_text(text)
    before[name] = export.read_bytes()
    result = _run_task(str(export), "--content", str(content), env=_private_queue(tmp_path))
    assert result.returncode == 1, result.stdout
    assert "Importeren mislukt; er is niets veranderd." in result.stderr
    assert f"{export}: {message}" in result.stderr
    assert _tree(tmp_path) == before


def _private_queue(tmp_path: Path) -> dict:
    return {"COMMENTS_DATABASE": str(tmp_path / "queue.sqlite3")}


def test_a_problem_found_in_staging_leaves_the_site_as_it_was(tmp_path, settings):
    """An existing comment file the build refuses: the thread check fails after every new
    file is staged, and none of them arrives."""
    content = _site(tmp_path)
    (content / THREAD).mkdir(parents=True)
    (content / THREAD / "00-oud.md").write_text("Author: Oud\nKleur: blauw\n\nTekst.\n")
    (content / ".wordpress-import" / "17").mkdir(parents=True)  # left by a killed import
    before = _tree(tmp_path)
    with pytest.raises(BuildError, match=r"00-oud.md, line 2: unknown field 'kleur'"):
        _import(content, settings)
    assert _tree(tmp_path) == {**before, "content/.wordpress-import.lock": b""}
    assert [p.name for p in content.iterdir() if p.name.startswith(".")] == [
        ".wordpress-import.lock"
    ]  # the staging folder is gone, the one left before too


def test_the_report_lists_every_decision_however_many(tmp_path, settings):
    content = _site(tmp_path)
    drafts = "".join(
        f"<item><title>Concept {n}</title><wp:post_id>{5000 + n}</wp:post_id>"
        f"<wp:post_date_gmt>2020-01-01 10:00:00</wp:post_date_gmt><wp:status>draft</wp:status>"
        f"<wp:post_type>post</wp:post_type></item>"
        for n in range(120)
    )
    export = tmp_path / "export.xml"
    export.write_text(OLD_BLOG.read_text().replace("</channel>", drafts + "</channel>"))
    _, _, report = _import(content, settings, export)
    for n in range(120):
        assert f"  - concept-{n}.md: imported as a draft (a draft in WordPress)" in report


def test_a_second_import_waits_for_the_first(tmp_path, settings):
    """Each import reads the record the one before it wrote: never two at once."""
    content = _site(tmp_path)
    with open(content / ".wordpress-import.lock", "a") as running:  # an import under way
        fcntl.flock(running, fcntl.LOCK_EX)
        second = threading.Thread(target=_import, args=(content, settings))
        second.start()
        second.join(1.0)
        assert second.is_alive() and not (content / "blokken.md").exists()
        fcntl.flock(running, fcntl.LOCK_UN)
    second.join(30)
    assert (content / "blokken.md").exists()


def test_the_task_reports_in_dutch(tmp_path):
    content = _site(tmp_path)
    redirects = tmp_path / "redirects.map"
    arguments = [str(BLOG), "--content", str(content), "--redirects", str(redirects)]
    result = _run_task(*arguments, env=_private_queue(tmp_path))
    assert result.returncode == 0, result.stderr
    assert "WordPress-import: wat er gebeurde\n  artikelen: 3\n  pagina's: 2" in result.stdout
    assert "in de moderatiewachtrij gezet: 1" in result.stdout
    again = _run_task(*arguments, env=_private_queue(tmp_path))
    assert "Er is niets veranderd." in again.stdout


@pytest.fixture(scope="module")
def built_import(imported, tmp_path_factory):
    content, _, tmp = imported
    output = tmp_path_factory.mktemp("built") / "output"
    _build(content, output)
    return output, tmp / "redirects.map"


def test_the_imported_site_builds_strictly_with_its_threads(built_import):
    output, _ = built_import
    page = BeautifulSoup(
        (output / "2010/cooperatie-in-het-onderwijs/index.html").read_text(), "html.parser"
    )
    comments = page.select("li[id^=reactie-]") or page.select("[id^=reactie-]")
    assert [c["id"] for c in comments][:3] == [
        "reactie-01-henk", "reactie-02-marieke-de-wit", "reactie-03-henk",
    ]  # fmt: skip
    deepest = page.select_one("#reactie-06-marieke-de-wit")
    assert "In reactie op Henk (5)" in " ".join(deepest.get_text(" ").split())
    assert page.find("figcaption").get_text() == "Leerlingen aan het werk"
    blocks = BeautifulSoup((output / "2021/blokken/index.html").read_text(), "html.parser")
    earlier = blocks.find("a", string="het eerdere stuk")["href"]
    assert earlier == "../../2010/cooperatie-in-het-onderwijs/#reacties"
    assert (output / "images/wordpress/2010/03/klas-300x200.jpg").is_file()
    assert (output / "over-ons/index.html").is_file()
    archive = BeautifulSoup((output / "archief-2/index.html").read_text(), "html.parser")
    assert "Handig overzicht." in archive.select_one("#reactie-01-lezer").get_text()
    assert archive.select_one("#reageren form")  # readers can answer under a page too
    front = BeautifulSoup((output / "index.html").read_text(), "html.parser")
    summaries = [p.get_text() for p in front.select(".summary-text")]
    assert "Over de *nieuwe* editor & blokken." in summaries  # WordPress's excerpt
    sitemap = (output / "sitemap.xml").read_text()
    assert "/2021/blokken/" in sitemap and "alleen-voor-leden" not in sitemap
    assert not (output / "2012").exists()  # the password-protected post stays a draft


def test_the_imported_site_is_valid_html_with_no_broken_link(built_import):
    """Drafts included (their categories, tags and authors may have no page: plain text),
    and the datasets page of a site without datasets (the menu links to it)."""
    output, _ = built_import
    assert html_errors(output.resolve()) == []
    assert "Er zijn nog geen datasets." in (output / "data/index.html").read_text()
    report = check_links(output.resolve(), ("http://localhost:8000",))
    assert report.broken == []
    assert "https://henk.example.nl/blog" in report.external  # listed, never fetched


@pytest.mark.parametrize(
    "old, new",
    [
        ("/2010/03/co%c3%b6peratie-in-het-onderwijs/", "/2010/cooperatie-in-het-onderwijs/"),
        ("/2010/03/co%C3%B6peratie-in-het-onderwijs", "/2010/cooperatie-in-het-onderwijs/"),
        ("/?p=202", "/2021/blokken/"),
        ("/2021/01/blokken/", "/2021/blokken/"),
        ("/?page_id=2", "/over-ons/"),
        ("/?page_id=3", "/archief-2/"),
    ],
)
def test_old_addresses_redirect_through_nginx(built_import, old, new):
    output, redirects = built_import
    with serve(output, redirects=redirects) as url:
        host, port = urllib.parse.urlsplit(url).netloc.split(":")
        connection = http.client.HTTPConnection(host, int(port), timeout=10)
        connection.request("GET", old)
        response = connection.getresponse()
        response.read()
        assert response.status == 301
        assert response.getheader("Location") == url + new
        assert "default-src 'self'" in response.getheader("Content-Security-Policy")
        connection.request("GET", new)
        arrived = connection.getresponse()
        arrived.read()
        assert arrived.status == 200
        for own in ("/?p=303", "/archief/"):  # a draft's address; the site's own archive
            connection.request("GET", own)
            answer = connection.getresponse()
            answer.read()
            assert answer.status == 200, own


TRICKY_TEXT = [
    "1. geen lijst",
    "2) ook geen lijst",
    "# geen kop",
    "- geen opsomming",
    "+ ook geen",
    "> geen citaat",
    "*schuin?* _onderstreept?_ `code?` [link?](x) ![plaatje?](y)",
    "{: onclick=alert(1) } en {#id}",
    "| a | b |",
    "&amp; &lt;b&gt; &#106; <i>",
    "een \\ backslash en \\* sterretje",
    "===",
    "---",
    "~~~",
    ": geen definitie",
    "<http://example.org> en http://example.org",
    "[^1] geen voetnoot",
    "*[HTML]: geen afkorting",
    "| a | b |\n| --- | --- |\n| 1 | 2 |",  # lines of one paragraph: never a table
    "regel\n    geen code\n```\ngeen blok",
]


@pytest.mark.parametrize("kind", ["post", "comment"])
@pytest.mark.parametrize("text", TRICKY_TEXT)
def test_text_from_wordpress_reads_exactly_as_written(text, kind, settings):
    """Whatever characters a post's or comment's text holds, the page shows them as they
    were: the importer's escaping against the site's own Markdown for each."""
    from html import escape

    from markdown import Markdown

    from bijgespijkerd.plugins.comments.render import ALLOWED_TAGS, render_comment
    from bijgespijkerd.wordpress_import.markup import html_to_markdown

    lines = escape(text, quote=False).replace("\n", "<br>\n")
    if kind == "comment":
        html = render_comment(html_to_markdown(f"<p>{lines}</p>", tags=ALLOWED_TAGS).markdown)
    else:
        markdown = html_to_markdown(f"<p>{lines}</p>").markdown
        configs = settings["MARKDOWN"]["extension_configs"]
        html = Markdown(extensions=list(configs), extension_configs=configs).convert(markdown)
    shown = BeautifulSoup(html, "html.parser")
    # Comments make a bare address a link (its text unchanged); nothing else is markup.
    autolinks = {"a"} if kind == "comment" else set()
    assert {tag.name for tag in shown.find_all(True)} <= {"p", "br", *autolinks}, html
    lines_shown = [line.strip() for line in shown.p.get_text().split("\n")]
    assert lines_shown == [line.strip() for line in text.split("\n")]  # as HTML shows spaces
