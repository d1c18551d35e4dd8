"""Settings for the published site: pelicanconf.py plus absolute URLs and the deploy target."""

import os
import sys

sys.path.append(os.curdir)
from pelicanconf import *  # noqa: F403

SITEURL = os.environ.get("SITEURL", "https://bijgespijkerd.nl")
RELATIVE_URLS = False
FEED_DOMAIN = SITEURL

# Where `invoke publish` sends output/ with rsync, e.g. "user@host:/var/www/bijgespijkerd".
# Empty means: not configured, and `invoke publish` says so instead of guessing.
PUBLISH_RSYNC_TARGET = os.environ.get("PUBLISH_RSYNC_TARGET", "")
