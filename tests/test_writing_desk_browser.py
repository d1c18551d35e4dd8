"""A newcomer at the writing desk, in Chromium through the real preview server
(`invoke livereload`): from a Dutch Excel workbook to a published article with a chart of
it and a checked quoted number, with no terminal command beyond starting the preview."""

from __future__ import annotations

import re
import time
from pathlib import Path

import pytest
from test_serving_tasks import get, livereload
from test_writing_desk import ROWS, _workbook

from bijgespijkerd.quality.accessibility import axe_violations
from browser import PageLog, artifact

pytestmark = [pytest.mark.slow, pytest.mark.browser]

SOURCE = {
    "Uitgever": "Bijgespijkerd",
    "Titel": "Inschrijflijsten 2019–2021",
    "Datum": "2022-01-15",
    "Adres (https://…)": "https://bijgespijkerd.nl/",
}
DESCRIPTION = {
    "Titel": "Deelnemers aan onze trainingen",
    "Beschrijving": "Hoeveel mensen per jaar meededen, en hoe oud ze gemiddeld waren.",
    "Periode": "2019–2021",
    "Gebied": "Nederland",
    "Populatie": "Deelnemers aan onze eigen trainingen",
    "Methode": "Geteld uit de inschrijflijsten.",
    "Kanttekening (één per regel)": "Alleen eigen trainingen.",
}


def _words(locator) -> str:
    return " ".join(locator.inner_text().split())


def test_a_newcomer_goes_from_a_workbook_to_a_published_article(tiny_site, browser):
    tiny_site.write("authors/anna-de-vries.md", "Name: Anna de Vries\n\nAnna schrijft.\n")
    workbook = _workbook(tiny_site.content.parent / "Deelnemers 2019-2021.xlsx", ROWS)
    with livereload(tiny_site) as address:
        root = address.removesuffix("2024/test/")
        get(root + "404.html")  # the first build is done
        context = browser.new_context()
        context.grant_permissions(["clipboard-read", "clipboard-write"], origin=root.rstrip("/"))
        page = context.new_page()
        log = PageLog(page, root.rstrip("/"))
        started = time.monotonic()

        # 1. A new article
        page.goto(root + "schrijftafel/")
        page.get_by_role("link", name="Nieuw artikel", exact=True).click()
        page.get_by_label("Titel", exact=True).fill("Deelnemers in beeld")
        page.get_by_role("button", name="Bekijken", exact=True).click()
        page.get_by_role("button", name="Schrijven en openen", exact=True).click()
        page.wait_for_url("**/drafts/deelnemers-in-beeld.html", timeout=60_000)
        page.get_by_text("Schrijf hier je tekst.").wait_for(timeout=60_000)
        article = tiny_site.content / "deelnemers-in-beeld.md"

        # 2. The workbook becomes a dataset
        page.goto(root + "schrijftafel/")
        page.get_by_role("link", name="Dataset uit Excel", exact=True).click()
        page.get_by_label("Naam van de dataset").fill("deelnemers")
        page.get_by_label("Bestand", exact=True).set_input_files(workbook)
        page.get_by_role("button", name="Controleren", exact=True).click()
        page.get_by_role(
            "heading", name="Controleren en beschrijven: deelnemers", exact=True
        ).wait_for()
        assert page.get_by_label("Soort van Jaar", exact=True).input_value() == "year"
        for label, value in DESCRIPTION.items():
            page.get_by_label(label, exact=True).first.fill(value)
        bron = page.get_by_role("group", name="Bron 1")
        for label, value in SOURCE.items():
            bron.get_by_label(label, exact=True).fill(value)
        page.get_by_role("button", name="Opslaan", exact=True).click()
        page.get_by_role("heading", name="Opgeslagen", exact=True).wait_for()
        assert page.get_by_text("De beschrijving is compleet").is_visible()

        # 3. A chart of it, in the article
        page.get_by_role("link", name="Grafiek maken", exact=True).click()
        page.get_by_label("Dataset", exact=True).select_option("deelnemers")
        page.get_by_role("button", name="Kolommen tonen", exact=True).click()
        page.get_by_label("Horizontale as (x)").select_option("aantal_deelnemers")
        page.get_by_label("Verticale as (y)").select_option("jaar")
        page.get_by_label("Titel", exact=True).fill("Deelnemers per jaar")
        page.get_by_role("button", name="Tekenen", exact=True).click()
        phone_dark = page.frame_locator("iframe[title='De grafiek op een telefoon, donker']")
        phone_dark.locator("#grafiek-1 svg >> visible=true").first.wait_for(timeout=60_000)
        background = phone_dark.locator("body").evaluate("b => getComputedStyle(b).backgroundColor")
        assert background == "rgb(23, 23, 21)"  # the site's dark background (--background)
        page.screenshot(path=str(artifact("schrijftafel-grafiek.png")), full_page=True)
        page.get_by_label("Artikel", exact=True).select_option("deelnemers-in-beeld.md")
        page.get_by_role("button", name="Plaats kiezen", exact=True).click()
        page.get_by_label("Na alinea 1").check()
        page.get_by_role("button", name="Invoegen", exact=True).click()
        page.get_by_role("heading", name="Ingevoegd", exact=True).wait_for(timeout=60_000)
        assert "```chart\ndataset: deelnemers\n" in article.read_text("utf-8")

        # 4. A number quoted from it: copied at the desk, pasted in the author's editor
        page.get_by_role("link", name="Getal citeren", exact=True).click()
        page.get_by_role("link", name="deelnemers", exact=True).click()
        page.get_by_role(
            "button", name="Kopieer [{waarde}](dataset:deelnemers/aantal_deelnemers/2019)"
        ).click()
        page.get_by_role("status").filter(has_text="Gekopieerd").wait_for()
        quoted = page.evaluate("navigator.clipboard.readText()")
        text = article.read_text("utf-8").replace(
            "Schrijf hier je tekst.", f"In 2019 deden er {quoted} mee."
        )
        article.write_text(text, encoding="utf-8")  # as the author's editor saves it

        # 5. Checked, then published from the overview
        page.get_by_role("link", name="Overzicht", exact=True).click()
        row = page.get_by_role("row").filter(has_text="Deelnemers in beeld")
        deadline = time.monotonic() + 60
        while "1 gecontroleerd" not in _words(row) and time.monotonic() < deadline:
            page.wait_for_timeout(500)  # the preview rebuilds after the edit
            page.reload()
            row = page.get_by_role("row").filter(has_text="Deelnemers in beeld")
        assert "1 gecontroleerd" in _words(row), page.inner_text("main")
        row.locator("summary").first.click()
        assert "1250 (deelnemers/aantal_deelnemers/2019)" in row.inner_text()
        row.get_by_role("button", name="Publiceren…").click()
        page.get_by_role("button", name="Publiceren", exact=True).click()
        page.get_by_role("heading", name="Gepubliceerd", exact=True).wait_for(timeout=60_000)
        year = time.strftime("%Y")
        published = get(f"{root}{year}/deelnemers-in-beeld/", until="In 2019 deden er")
        took = time.monotonic() - started
        print(f"Newcomer path at the desk: {took:.0f} s")
        page.screenshot(path=str(artifact("schrijftafel-overzicht.png")), full_page=True)
        assert 'id="grafiek-1"' in published
        assert re.search(r'class="dataset-citation"[^>]*>1250</a>', published)
        assert "Status: draft" not in article.read_text("utf-8")
        assert log.console_errors == [], log.failed  # no CSP violation, no script error
        context.close()


def _listening(port: int) -> list[str]:
    """The local addresses that listen on `port` (/proc/net/tcp and tcp6)."""
    found = []
    for table in ("/proc/net/tcp", "/proc/net/tcp6"):
        for line in Path(table).read_text().splitlines()[1:]:
            local, state = line.split()[1], line.split()[3]
            address, hex_port = local.split(":")
            if state == "0A" and int(hex_port, 16) == port:
                found.append(address)
    return found


LOOPBACK = {"0100007F", "00000000000000000000000001000000"}  # 127.0.0.1 and ::1


def test_the_desk_pages_pass_axe_and_listen_on_loopback_only(tiny_site, browser):
    tiny_site.article()
    tiny_site.write("authors/test-auteur.md", "Name: Test Auteur\n\nTest schrijft.\n")
    with livereload(tiny_site) as address:
        root = address.removesuffix("2024/test/")
        get(root + "404.html")
        context = browser.new_context(bypass_csp=True)  # axe is injected as a script
        page = context.new_page()
        problems = []
        for path in ("", "nieuw", "dataset", "grafiek", "citeren"):
            page.goto(f"{root}schrijftafel/{path}")
            problems += [f"{path}: {v}" for v in axe_violations(page)]
        context.close()
        port = int(root.rstrip("/").rsplit(":", 1)[1])
        addresses = _listening(port)
    assert addresses and set(addresses) <= LOOPBACK, addresses
    assert problems == []
