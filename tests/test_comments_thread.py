"""The 19 reader comments: order, authors, exact text, count, numbering, @-replies."""

from __future__ import annotations

import pytest

import seed
from conftest import normalise

# Who each "@Name" comment answers: the latest earlier comment by that person.
EXPECTED_REPLIES = {5: 4, 6: 5, 7: 6, 8: 7, 9: 8, 10: 8, 11: 10, 12: 11, 13: 12, 17: 16}


def rendered_lines(body) -> list[str]:
    """A comment body as the lines a reader sees; list items keep their '– ' marker."""
    lines = []
    for block in body.find_all(["p", "li"]):
        for br in block.find_all("br"):
            br.replace_with("\n")
        prefix = "– " if block.name == "li" else ""
        lines += [prefix + normalise(line) for line in block.get_text().split("\n")]
    return [line for line in lines if line]


@pytest.fixture(scope="module")
def comments(article_page):
    return article_page.select("#reacties .comment")


def test_the_page_counts_the_comments_it_has(article_page):
    assert article_page.select_one("#reacties h2").get_text(strip=True) == "19 reacties"
    assert "19 reacties" in article_page.select_one(".byline").get_text()


def test_nineteen_comments_in_seed_order_with_exact_authors(comments):
    authors = [c.select_one(".comment-author").get_text(strip=True) for c in comments]
    assert authors == [c.author for c in seed.comments()]
    assert authors[0] == "Ha Vo (SimplyH @ Twitter)"
    assert authors[15] == "letty"
    assert authors[18] == "Ha Vo (@SimplyH op Twitter)"


@pytest.mark.parametrize("original", seed.comments(), ids=lambda c: f"comment-{c.number}")
def test_comment_text_is_exact(comments, original):
    comment = comments[original.number - 1]
    assert rendered_lines(comment.select_one(".comment-body")) == [
        normalise(line) for line in original.lines
    ]


def test_dash_lists_are_real_lists(comments):
    for number in (1, 19):
        items = comments[number - 1].select(".comment-body ul > li")
        assert len(items) == 3


def test_emoji_are_kept(comments):
    assert "😉" in comments[0].get_text()
    assert "🙂" in comments[2].get_text()


def test_urls_become_nofollow_links(comments):
    link = comments[0].select_one(".comment-body a")
    assert link["href"] == "http://www.kpn-events.nl/hetnieuwewerken2010"
    assert link["rel"] == ["nofollow", "ugc", "noopener"]
    hrefs = [a["href"] for a in comments[3].select(".comment-body a")]
    assert hrefs == [
        "http://educatienet.wordpress.com/2010/02/09/twitter-is-niet-geschikt-voor-leren-en-kennisdelen/"
    ]


def test_each_comment_has_number_anchor_and_reply_link(comments):
    ids = [c["id"] for c in comments]
    assert len(set(ids)) == 19
    assert ids[0] == "reactie-01-ha-vo"
    for number, comment in enumerate(comments, start=1):
        link = comment.select_one(".comment-number")
        assert link.get_text(strip=True) == f"{number}."
        assert link["href"] == f"#{comment['id']}"
        reply = comment.select_one(".comment-reply a")
        assert reply.get_text(strip=True) == "Beantwoorden"
        assert reply["href"].startswith("/reacties/formulier?artikel=")  # the form, answering
        assert reply["data-reply-to"] == comment["id"].removeprefix("reactie-")


def test_at_replies_link_to_the_latest_earlier_comment_by_that_person(comments):
    ids = [c["id"] for c in comments]
    linked = {}
    for number, comment in enumerate(comments, start=1):
        mention = comment.select_one(".comment-body a.mention")
        if mention:
            assert mention.get_text().startswith("@")
            linked[number] = ids.index(mention["href"].lstrip("#")) + 1
    assert linked == EXPECTED_REPLIES


def test_respond_section_is_honest(article_page):
    respond = article_page.select_one("#reageren")
    assert respond.select_one("h2").get_text(strip=True) == "Laat een antwoord achter"
    assert respond.select_one("form.comment-form")  # a real form, no more e-mail
    assert not respond.select("a[href^='mailto:']")
    assert "Akismet" not in article_page.get_text()
