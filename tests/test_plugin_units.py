"""Pure functions behind the plugins: no Pelican run needed."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from bijgespijkerd.library.headered_text import HeaderedTextError, parse_headered_text
from bijgespijkerd.plugins.comments.files import CommentFile
from bijgespijkerd.plugins.comments.thread import build_thread
from bijgespijkerd.plugins.dutch_dates.dates import human_date, machine_date
from bijgespijkerd.plugins.reading_time.count import count_words, reading_minutes


def test_headered_text_splits_header_and_body():
    text = parse_headered_text(
        Path("x.md"), "Author: Ha Vo (SimplyH @ Twitter)\nWebsite: \n\nHoi\n\nTwee\n"
    )
    assert text.fields == {"author": "Ha Vo (SimplyH @ Twitter)", "website": ""}
    assert text.body == "Hoi\n\nTwee"
    assert text.body_line == 4


def test_headered_text_names_the_bad_line():
    with pytest.raises(HeaderedTextError, match=r"x\.md, regel 2: verwachtte een kopregel"):
        parse_headered_text(Path("x.md"), "Author: A\nzomaar tekst\n\nBody")


@pytest.mark.parametrize(
    ("html", "words"),
    [
        ("<p>Een twee drie</p>", 3),
        ("<p>CBS-cijfers over 2008: 40,3 jaar</p>", 5),
        ("<p>wiki’s en foto’s, e.e.a.</p>", 4),
        ("<p>café naïef Ελληνικά 日本語</p>", 4),
        ("<p>tekst</p><script>var a = b + c;</script>", 1),
        ("<p>A&amp;B &mdash; C</p>", 3),
    ],
)
def test_count_words_is_unicode_aware(html, words):
    assert count_words(html) == words


def test_reading_minutes_round_up_with_a_minimum_of_one():
    assert reading_minutes(0, 150) == 1
    assert reading_minutes(150, 150) == 1
    assert reading_minutes(151, 150) == 2


@pytest.mark.parametrize(
    ("precision", "human", "machine"),
    [
        ("day", "26 maart 2010", "2010-03-26"),
        ("month", "maart 2010", "2010-03"),
        ("year", "2010", "2010"),
    ],
)
def test_dates_in_dutch_at_their_precision(precision, human, machine):
    assert human_date(date(2010, 3, 26), precision) == human
    assert machine_date(date(2010, 3, 26), precision) == machine


def _comment(key: str, author: str, body: str, replyto: str | None = None) -> CommentFile:
    return CommentFile(path=Path(f"{key}.md"), key=key, author=author, body=body, replyto=replyto)


def test_mentions_link_to_the_latest_earlier_comment_by_first_or_full_name():
    thread = build_thread(
        [
            _comment("01", "Frans Maassen", "Eerste"),
            _comment("02", "Ha Vo (SimplyH @ Twitter)", "@Frans, nee"),
            _comment("03", "Frans Maassen", "@ha ja"),
            _comment("04", "letty", "Idee"),
            _comment("05", "Peter", "@letty Dank. @Frans ook"),
            _comment("06", "Peter", "@Onbekend hallo"),
            _comment("07", "Peter", "Mail me@Frans.nl"),
        ]
    )
    replies = [c.reply_to.number if c.reply_to else None for c in thread]
    assert replies == [None, 1, 2, None, 4, None, None]
    assert thread[1].html.startswith('<p><a class="mention" href="#reactie-01">@Frans</a>, nee')
    assert 'href="#reactie-04">@letty</a> Dank. @Frans ook' in thread[4].html
    assert "mention" not in thread[5].html


def test_explicit_replyto_without_mention():
    thread = build_thread([_comment("01", "A", "Een"), _comment("02", "B", "Twee", replyto="01")])
    assert thread[1].reply_to is thread[0]
    assert not thread[1].mention_linked


def test_a_build_closes_what_a_failed_build_before_it_left_running(tmp_path):
    """A failed build never reaches `finalized`; in one process (livereload) the next
    build stops its chart workers, and the old build's evidence base is gone."""
    from types import SimpleNamespace

    from bijgespijkerd.plugins.datasets.base import (
        close_evidence_base,
        evidence_base,
        open_evidence_base,
    )
    from bijgespijkerd.plugins.datasets.model import DatasetError

    closed = []

    def build():
        return SimpleNamespace(settings={"PATH": str(tmp_path), "DATASETS_PATH": "data"})

    failed, next_one = build(), build()
    open_evidence_base(failed)
    evidence_base(failed.settings).chart_drawer = SimpleNamespace(close=lambda: closed.append(1))
    open_evidence_base(next_one)
    assert closed == [1]
    with pytest.raises(DatasetError, match="plugin 'datasets'"):
        evidence_base(failed.settings)
    assert evidence_base(next_one.settings).datasets == {}  # no data folder: no datasets
    close_evidence_base(next_one)


def test_comment_files_follow_their_numbers_past_99(tmp_path):
    """A thread of more than 99 comments: 100-… follows 99-…, never 10-… (as names sort)."""
    from bijgespijkerd.plugins.comments.files import read_comment_folder

    for name in ("100-c", "11-b", "99-d", "02-a", "zonder-nummer"):
        (tmp_path / f"{name}.md").write_text(f"Author: {name}\n\nTekst.\n")
    keys = [comment.key for comment in read_comment_folder(tmp_path)]
    assert keys == ["02-a", "11-b", "99-d", "100-c", "zonder-nummer"]
