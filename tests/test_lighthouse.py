"""Lighthouse on the article through nginx: accessibility, best practices and SEO at 100
(the same gate as `invoke check`)."""

from __future__ import annotations

import pytest

from bijgespijkerd.quality.lighthouse import lighthouse_scores
from bijgespijkerd.quality.pages import ARTICLE
from browser import chromium_path

pytestmark = pytest.mark.slow


@pytest.mark.browser
def test_lighthouse_scores_the_article(nginx_url):
    scores, failing = lighthouse_scores(f"{nginx_url}/{ARTICLE}", chromium_path())
    print(f"Lighthouse: {scores}")  # performance is a benchmark figure, not asserted
    for category in ("accessibility", "best-practices", "seo"):
        assert scores[category] == 100, failing[category]
