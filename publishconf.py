"""Settings for the published site: pelicanconf.py plus absolute URLs and the deploy target."""

import os
import sys

sys.path.append(os.curdir)
from pelicanconf import *  # noqa: F403

SITEURL = os.environ.get("SITEURL", "https://bijgespijkerd.nl")
RELATIVE_URLS = False
FEED_DOMAIN = SITEURL

# Drafts (`Status: draft`, and articles dated in the future) can be previewed in a local
# build, under /drafts/; the published site has no trace of them.
DRAFT_SAVE_AS = ""
DRAFT_PAGE_SAVE_AS = ""
DRAFT_LANG_SAVE_AS = ""
DRAFT_PAGE_LANG_SAVE_AS = ""

# Where `invoke publish` sends output/ with rsync, e.g. "user@host:/var/www/bijgespijkerd".
# Empty means: not configured, and `invoke publish` says so instead of guessing.
PUBLISH_RSYNC_TARGET = os.environ.get("PUBLISH_RSYNC_TARGET", "")
