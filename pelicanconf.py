"""Settings for building the site locally. publishconf.py extends them for deploys."""

import os

AUTHOR = "Redactie Bijgespijkerd"
SITENAME = "Bijgespijkerd"
SITESUBTITLE = "Over leren en ontwikkelen, onderbouwd met data"
# Pages use relative URLs (RELATIVE_URLS below); the feed needs an absolute address, so
# locally it points at `invoke serve`. publishconf.py sets the real one.
SITEURL = "http://localhost:8000"

PATH = "content"
# Articles and pages are Markdown only: an .html file in content/ (an import's upload, a
# saved page) is never read as an article with its scripts (and then is not a picture,
# so the build stops, naming it).
READERS = {"html": None, "htm": None}
# Never copied into output/, from content/ or the theme: dotfiles (.env, .DS_Store, .git)
# and editors' leftovers. Pelican matches each file's and folder's own name.
# nginx refuses the same forms, whatever their case (deploy/nginx/site-rules.conf).
IGNORE_FILES = [".*", "*~", "#*#", "Thumbs.db", "desktop.ini"] + [
    f"*.{written}"
    for extension in ("bak", "backup", "bk", "old", "orig", "rej", "save", "swp", "swo", "tmp")
    for written in (extension, extension.upper(), extension.capitalize())  # Pelican minds case
]
THEME = "theme"
TIMEZONE = "Europe/Amsterdam"
# An article dated in the future is published by the first build on or after its date.
WITH_FUTURE_DATES = False
DEFAULT_LANG = "nl"
# The language of what the build and `invoke` tell authors and the editor: "nl", or "en"
# for a maintainer (MESSAGES_LANGUAGE=en invoke build). Readers always get Dutch pages.
MESSAGES_LANGUAGE = os.environ.get("MESSAGES_LANGUAGE", "nl")
DEFAULT_DATE_FORMAT = "%Y-%m-%d"  # only a fallback: templates use the human_date filter

# The plugins in plugins/, by their installed names (`pip install -e .`, pyproject.toml).
PLUGINS = [
    "bijgespijkerd.plugins.safe_content",
    "bijgespijkerd.plugins.feed_language",
    "bijgespijkerd.plugins.sitemap",
    "bijgespijkerd.plugins.site_images",
    "bijgespijkerd.plugins.navigation",
    "bijgespijkerd.plugins.dutch_dates",
    "bijgespijkerd.plugins.reading_time",
    "bijgespijkerd.plugins.author_profiles",
    "bijgespijkerd.plugins.comments",
    "bijgespijkerd.plugins.datasets",
    "bijgespijkerd.plugins.charts",
    "bijgespijkerd.plugins.search",  # last: indexes the pages every other plugin has written
]

# Pretty URLs: /2010/hoe-oud-zijn-twitteraars-eigenlijk/
ARTICLE_URL = "{date:%Y}/{slug}/"
ARTICLE_SAVE_AS = "{date:%Y}/{slug}/index.html"
PAGE_URL = "{slug}/"
PAGE_SAVE_AS = "{slug}/index.html"
AUTHOR_URL = "auteur/{slug}/"
AUTHOR_SAVE_AS = "auteur/{slug}/index.html"
AUTHORS_URL = "auteurs/"
AUTHORS_SAVE_AS = "auteurs/index.html"
CATEGORY_URL = "categorie/{slug}/"
CATEGORY_SAVE_AS = "categorie/{slug}/index.html"
CATEGORIES_URL = "categorieen/"
CATEGORIES_SAVE_AS = "categorieen/index.html"
TAG_URL = "tag/{slug}/"
TAG_SAVE_AS = "tag/{slug}/index.html"
TAGS_URL = "tags/"
TAGS_SAVE_AS = "tags/index.html"
ARCHIVES_URL = "archief/"
ARCHIVES_SAVE_AS = "archief/index.html"
YEAR_ARCHIVE_SAVE_AS = ""
MONTH_ARCHIVE_SAVE_AS = ""
DIRECT_TEMPLATES = ["index", "authors", "categories", "tags", "archives", "404", "zoeken"]
ZOEKEN_SAVE_AS = "zoeken/index.html"
ZOEKEN_URL = "zoeken/"
TEMPLATE_PAGES = {}

DEFAULT_PAGINATION = 10
SUMMARY_MAX_LENGTH = 50

# Feeds of everything, and per category, tag and author, in Atom and RSS, each kind in a
# folder of its own: a category and an author with the same slug never share a path.
# Comment feeds are the comments plugin's (feeds/reacties…).
FEED_DOMAIN = SITEURL
FEED_ALL_ATOM = "feeds/all.atom.xml"
FEED_ALL_RSS = "feeds/all.rss.xml"
CATEGORY_FEED_ATOM = "feeds/categorie/{slug}.atom.xml"
CATEGORY_FEED_RSS = "feeds/categorie/{slug}.rss.xml"
TAG_FEED_ATOM = "feeds/tag/{slug}.atom.xml"
TAG_FEED_RSS = "feeds/tag/{slug}.rss.xml"
AUTHOR_FEED_ATOM = "feeds/auteur/{slug}.atom.xml"
AUTHOR_FEED_RSS = "feeds/auteur/{slug}.rss.xml"
TRANSLATION_FEED_ATOM = None
RSS_FEED_SUMMARY_ONLY = False  # RSS carries the whole article, as Atom does

# Reading speed for "Leestijd: ca. N minuten". 150 words a minute, rounded up, gives the
# first article the "ca. 4 minuten" the original blog showed for it.
READING_TIME_WPM = 150

# Until the site accepts comments itself, readers respond by e-mail to the editor.
COMMENTS_EMAIL = "redactie@bijgespijkerd.nl"
# The comment form posts here; nginx (deploy/) and `invoke serve` pass it to the comment
# service (comment_service/), on the site's own origin.
COMMENTS_FORM_ACTION = "/reacties/"

# Templates escape every value unless it is marked safe (the comments plugin insists).
JINJA_ENVIRONMENT = {"trim_blocks": True, "lstrip_blocks": True, "autoescape": True}

MARKDOWN = {
    "extension_configs": {
        "markdown.extensions.extra": {},
        "markdown.extensions.toc": {"permalink": False},
        # Code in fenced blocks (```python) coloured by Pygments; theme/static/css has
        # the colours for light and dark.
        "markdown.extensions.codehilite": {"css_class": "highlight", "guess_lang": False},
    },
    "output_format": "html",
}

# Output must not depend on the machine or the moment of the build.
DELETE_OUTPUT_DIRECTORY = False
RELATIVE_URLS = True
CACHE_CONTENT = False
LOAD_CONTENT_CACHE = False
