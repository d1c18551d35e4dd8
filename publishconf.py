"""Settings for the published site: pelicanconf.py plus absolute URLs and the deploy target."""

import importlib.util
import os
from pathlib import Path

# pelicanconf.py's settings, read from beside this file (Pelican reads a settings file by
# its path; it is no module on the import path).
_spec = importlib.util.spec_from_file_location(
    "pelicanconf", Path(__file__).with_name("pelicanconf.py")
)
_local = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(_local)
globals().update({name: value for name, value in vars(_local).items() if name.isupper()})

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
