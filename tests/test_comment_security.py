"""Hostile comments render as inert text: no script, no event handler, no bad URL."""

from __future__ import annotations

import re
import time

import pytest

from bijgespijkerd.plugins.comments.render import render_comment

HOSTILE_BODIES = {
    "script": "<script>alert('xss')</script>",
    "script-upper": "<SCRIPT SRC=http://evil.example/x.js></SCRIPT>",
    "img-onerror": '<img src=x onerror="alert(1)">',
    "svg-onload": "<svg/onload=alert(1)>",
    "iframe": '<iframe src="javascript:alert(1)"></iframe>',
    "js-link": "[klik](javascript:alert(1))",
    "js-link-case": "[klik](JaVaScRiPt:alert(1))",
    "js-link-entities": "[klik](&#106;&#97;vascript:alert(1))",
    "js-link-hex-entities": "[klik](&#x6A;avascript&#x3A;alert(1))",
    "js-link-whitespace": "[klik](java\tscript:alert(1))",
    "js-link-leading-space": "[klik]( javascript:alert(1))",
    "js-autolink": "<javascript:alert(1)>",
    "js-reference": "[klik][x]\n\n[x]: javascript:alert(1)",
    "data-url": "[klik](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
    "data-image": "![x](data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+)",
    "vbscript": "[klik](vbscript:msgbox(1))",
    "attr-list": 'Tekst\n{: onclick="alert(1)" }',
    "attr-list-link": '[klik](http://ok.example/){: onmouseover="alert(1)"}',
    "html-link": '<a href="javascript:alert(1)" onclick="alert(1)">klik</a>',
    "style": "<style>body{display:none}</style>",
    "comment-trick": "<!-- --><script>alert(1)</script> -->",
    "quote-breakout": '[klik](http://ok.example/" onmouseover="alert(1))',
    "object": '<object data="javascript:alert(1)"></object>',
}

HOSTILE_WEBSITES = {
    "website-js": "javascript:alert(1)",
    "website-quotes": 'http://ok.example/" onmouseover="alert(1)',
    "website-angle": "http://ok.example/'><script>alert(1)</script>",
    "website-data": "data:text/html,<script>alert(1)</script>",
}

DANGEROUS_URL = re.compile(r"^\s*(javascript|vbscript|data):", re.IGNORECASE)


def assert_inert(soup, scope: str) -> None:
    region = soup.select_one(scope)
    assert region is not None
    assert not region.find_all(["script", "style", "iframe", "object", "embed", "img", "svg"])
    for tag in region.find_all(True):
        for attribute, value in tag.attrs.items():
            assert not attribute.lower().startswith("on"), (tag.name, attribute)
            if attribute in ("href", "src", "action", "formaction"):
                assert not DANGEROUS_URL.match(value), (tag.name, value)


@pytest.mark.parametrize("body", HOSTILE_BODIES.values(), ids=HOSTILE_BODIES.keys())
def test_render_comment_neutralises(body):
    from bs4 import BeautifulSoup

    html = render_comment(body)
    soup = BeautifulSoup(f"<div id=c>{html}</div>", "html.parser")
    assert_inert(soup, "#c")
    for link in soup.select("a[href]"):
        assert link["href"].startswith(("http://", "https://", "mailto:"))
        assert link["rel"] == ["nofollow", "ugc", "noopener"]


def test_hostile_comments_build_into_an_inert_page(tiny_site):
    tiny_site.article()
    for number, (name, body) in enumerate(HOSTILE_BODIES.items(), start=1):
        tiny_site.comment(f"{number:02d}-{name}.md", f"Author: Aanvaller {name}\n\n{body}\n")
    # A malicious author name is text, not markup.
    tiny_site.comment("99-name.md", "Author: <script>alert(1)</script>\n\nHallo\n")

    result = tiny_site.build()
    assert result.returncode == 0, result.stderr

    page = tiny_site.page("2024/test/index.html")
    assert_inert(page, "#reacties")
    # Only the site's own scripts, none written by a commenter.
    scripts = [
        s.get("src") for s in page.find_all("script") if s.get("type") != "application/ld+json"
    ]
    assert scripts == ["../../theme/js/comments.js"]
    assert len(page.select("#reacties .comment")) == len(HOSTILE_BODIES) + 1
    # The reader still sees what the attacker typed, as text.
    assert "<script>alert('xss')</script>" in page.select_one("#reacties").get_text()
    names = [n.get_text(strip=True) for n in page.select(".comment-author")]
    assert "<script>alert(1)</script>" in names


@pytest.mark.parametrize("website", HOSTILE_WEBSITES.values(), ids=HOSTILE_WEBSITES.keys())
def test_a_website_that_is_not_http_fails_the_build_naming_file_and_line(tiny_site, website):
    tiny_site.article()
    path = tiny_site.comment("01-a.md", f"Author: Aanvaller\nWebsite: {website}\n\nHallo\n")
    result = tiny_site.build()
    assert result.returncode == 1
    assert f"{path}, regel 2: Website" in result.stderr


def test_safe_website_is_linked_with_nofollow(tiny_site):
    tiny_site.article()
    tiny_site.comment("01-a.md", "Author: Anna\nWebsite: https://anna.example/blog\n\nHallo\n")
    assert tiny_site.build().returncode == 0
    link = tiny_site.page("2024/test/index.html").select_one("a.comment-author")
    assert link["href"] == "https://anna.example/blog"
    assert link["rel"] == ["nofollow", "ugc", "noopener"]


MAX_LENGTH = 10_000  # COMMENTS_MAX_LENGTH's default
# Inputs that make a Markdown parser backtrack or recurse, each at the largest size allowed.
WORST_BODIES = {
    "open-brackets": "[" * MAX_LENGTH,
    "bracket-words": "[a" * (MAX_LENGTH // 2),
    "images": "![" * (MAX_LENGTH // 2),
    "empty-links": "[](" * (MAX_LENGTH // 3),
    "references": "[x][" * (MAX_LENGTH // 4),
    "nested-brackets": "[" * (MAX_LENGTH // 2) + "]" * (MAX_LENGTH // 2),
    "nested-lists": "1. " * (MAX_LENGTH // 3),
    "empty-items": "- \n" * (MAX_LENGTH // 3),
    "quotes": ">" * MAX_LENGTH,
    "emphasis": "*_" * (MAX_LENGTH // 2),
    "backslashes": "\\" * MAX_LENGTH,
}


@pytest.mark.parametrize("body", WORST_BODIES.values(), ids=WORST_BODIES.keys())
def test_the_worst_comment_of_the_largest_size_renders_in_well_under_a_second(body):
    # A bound far above the measured worst (about 0.3 s on the 2-core machine), far
    # below what a quadratic path takes at this size (seconds to minutes). CPU time, not
    # the clock: what other processes do meanwhile (a parallel test run) does not count.
    started = time.process_time()
    html = render_comment(body)
    assert time.process_time() - started < 1.0
    assert html  # the text is shown, as text where Markdown gave up


def test_a_comment_longer_than_the_limit_fails_naming_the_file(tiny_site):
    tiny_site.article()
    path = tiny_site.comment("01-a.md", "Author: A\n\n" + "woord " * 2000)
    result = tiny_site.build()
    assert result.returncode == 1
    assert (
        f"{path}, regel 3: de reactie is 12.000 tekens lang; er worden er hoogstens 10.000"
        in result.stderr
    )


def test_a_comment_file_too_large_to_be_a_comment_fails_before_it_is_read(tiny_site):
    tiny_site.article()
    path = tiny_site.comment("01-a.md", "Author: A\n\n" + "x" * 1_100_000)
    result = tiny_site.build()
    assert result.returncode == 1
    assert (
        f"{path}: is 1.100.011 bytes; een bestand van deze soort heeft er hoogstens 1.000.000"
        in (result.stderr)
    )


def test_a_header_value_longer_than_a_name_fails_naming_the_line(tiny_site):
    tiny_site.article()
    path = tiny_site.comment("01-a.md", "Author: " + "A" * 400 + "\n\nHallo\n")
    result = tiny_site.build()
    assert result.returncode == 1
    assert f"{path}, regel 1: 'Author' is langer dan 300 tekens" in result.stderr


def test_a_comment_file_linking_outside_its_folder_fails(tiny_site, tmp_path):
    tiny_site.article()
    secret = tmp_path / "geheim.md"
    secret.write_text("Author: A\n\nWACHTWOORD\n", encoding="utf-8")
    link = tiny_site.content / "comments" / "test" / "01-a.md"
    link.parent.mkdir(parents=True)
    link.symlink_to(secret)
    result = tiny_site.build()
    assert result.returncode == 1
    assert f"{link}: is een link naar een bestand buiten" in result.stderr
    assert "WACHTWOORD" not in result.stderr
