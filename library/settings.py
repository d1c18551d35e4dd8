"""Every setting of our own, declared once: its name, its default, what it means.

Each is read by the plugin named with it. The build (library/pelican_run.py), the tasks,
the comment service and the WordPress import all read the site's settings through
`read_site_settings`, so each sees the same defaults; the README's settings tables are
`settings_table`'s, which tests/test_docs.py holds them to.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Setting:
    name: str
    default: object
    section: str  # the plugin (or library part) that reads it: its section in the README
    meaning: str


SETTINGS = (
    Setting(
        "COMMENTS_PATH",
        "comments",
        "comments",
        "folder under `content/` with one sub-folder of comment files per article slug; "
        "kept out of Pelican's own article and page readers",
    ),
    Setting(
        "COMMENTS_MAX_LENGTH",
        10_000,
        "comments",
        "characters of text a comment may have; a longer comment file fails the build, "
        "naming it, and the comment service refuses a longer submission",
    ),
    Setting(
        "COMMENTS_FORM_ACTION",
        "",
        "comments",
        "where the comment form under each article posts: the comment service's address on "
        "the site's own origin. `pelicanconf.py` sets `/reacties/`. Empty: no form (readers "
        "e-mail `COMMENTS_EMAIL`)",
    ),
    Setting(
        "COMMENTS_EMAIL",
        "",
        "comments",
        "the editor's address for reactions by e-mail, used only when there is no form. "
        "Empty too: the page says reacting is not possible yet. `pelicanconf.py` sets "
        "`redactie@bijgespijkerd.nl`",
    ),
    Setting(
        "COMMENTS_NOTIFY",
        False,
        "comments",
        "whether the form offers to tell a reader of replies by e-mail, and so asks for an "
        "address (E-mailadres, and a checkbox). Turn it on once the comment service has "
        "SMTP settings; off, the form asks for no address at all",
    ),
    Setting(
        "COMMENTS_RETENTION_DAYS",
        30,
        "comments",
        "days the comment service keeps a submission the editor has not decided on; the "
        "form's privacy statement quotes it",
    ),
    Setting(
        "COMMENTS_FEED_ALL",
        "feeds/reacties.atom.xml",
        "comments",
        "the Atom feed of every published comment with a date, newest first (written when "
        "any article has comments; a comment without a date, as an old blog may have kept "
        "none, is on its page but in no feed, and a feed without entries is dated with its "
        "newest article). Empty: none",
    ),
    Setting(
        "COMMENTS_FEED_ARTICLE",
        "feeds/reacties/{slug}.atom.xml",
        "comments",
        "one article's comment feed, linked from the article's head and its comments "
        "section. Empty: none",
    ),
    Setting(
        "COMMENTS_CHECK_FOLDERS",
        True,
        "comments",
        "whether a comment folder that no article has the slug of stops the build. `invoke "
        "livereload`'s quick build of the edited article turns it off, as it leaves the "
        "other articles out",
    ),
    Setting(
        "DATASETS_PATH",
        "data",
        "datasets",
        "folder under `content/` with one Data Package folder per dataset; kept out of "
        "Pelican's readers",
    ),
    Setting(
        "DATASETS_URL",
        "data/",
        "datasets",
        "address of the list of all datasets",
    ),
    Setting(
        "DATASETS_SAVE_AS",
        "data/index.html",
        "datasets",
        "file of that list",
    ),
    Setting(
        "DATASET_URL",
        "data/{name}/",
        "datasets",
        "address of a dataset's page; its downloads sit beside it",
    ),
    Setting(
        "DATASET_SAVE_AS",
        "data/{name}/index.html",
        "datasets",
        "file of a dataset's page",
    ),
    Setting(
        "DATASETS_CACHE_PATH",
        "cache/datasets",
        "datasets",
        "where the build remembers cited values between builds, relative to the folder that "
        "holds `content/`",
    ),
    Setting(
        "EVIDENCE_REPORT_PATH",
        None,
        "datasets",
        "a file the build writes the evidence report to (JSON); `invoke evidence` sets it",
    ),
    Setting(
        "DATASET_TABLE_ROWS",
        500,
        "datasets",
        "rows a dataset's page shows in its table, plus every cited row; the full table is "
        "in `data.csv`",
    ),
    Setting(
        "CHARTS_MODULE",
        "grafieken.py",
        "charts",
        "the module of chart functions for `python: NAME` blocks, under `content/`",
    ),
    Setting(
        "CHARTS_CACHE_PATH",
        "cache/charts",
        "charts",
        "where drawn charts are kept between builds, relative to the folder that holds `content/`",
    ),
    Setting(
        "CHARTS_CACHE_DAYS",
        30,
        "charts",
        "a drawing that no build has used for this many days is removed from the cache (a "
        "build that needs it again draws it again)",
    ),
    Setting(
        "CHARTS_URL",
        "grafieken/",
        "charts",
        "where every chart's SVG, PNG and CSV downloads are published",
    ),
    Setting(
        "CHARTS_WORKERS",
        None,
        "charts",
        "most processes that draw charts alongside Pelican (one is started for every 4 "
        "pictures a build draws); `None` is one per CPU core, at most 4 (each holds a "
        "JavaScript engine: docs/benchmarks.md says how much memory); 1 on a machine short "
        "of memory",
    ),
    Setting(
        "AUTHOR_PROFILES_PATH",
        "authors",
        "author_profiles",
        "folder under `content/` with one profile per author; kept out of Pelican's readers",
    ),
    Setting(
        "READING_TIME_WPM",
        200,
        "reading_time",
        "words read per minute. The minutes are words ÷ this, rounded up, at least 1. Words "
        'are counted in any script; "CBS-cijfers", "wiki’s" and "40,3" count as one. '
        '`pelicanconf.py` sets `150`, which gives the first article the "ca. 4 minuten" the '
        "original blog showed",
    ),
    Setting(
        "MESSAGES_LANGUAGE",
        "nl",
        "messages",
        'the language of every error, warning, hint and task output: `"nl"` or `"en"` (the '
        "language of the code). `pelicanconf.py` reads it from the environment, so a "
        "maintainer runs `MESSAGES_LANGUAGE=en invoke build`. Readers' pages are Dutch "
        "either way",
    ),
    Setting(
        "DATE_LOCALE",
        "nl",
        "dutch_dates",
        'the Babel locale of the `human_date` template filter ("26 maart 2010")',
    ),
    Setting(
        "SEARCH_INDEX",
        True,
        "search",
        "index the built site with Pagefind (npm `pagefind`, pinned in `package-lock.json`; "
        "its binary is run directly from `node_modules/@pagefind/<platform>/`) once every "
        "page is written; a failure stops the build, as does a missing Pagefind (`invoke "
        "setup` installs it)",
    ),
    Setting(
        "SEARCH_BUNDLE",
        "pagefind",
        "search",
        "the folder of the index and its scripts in the built site",
    ),
    Setting(
        "SEARCH_CACHE_PATH",
        "cache/search",
        "search",
        "where the brotli of Pagefind's WebAssembly and of its two scripts is kept, by the "
        "hash of their bytes: relative to the project folder (where `node_modules/` is), so "
        "every build of the project shares it (it depends on Pagefind's version only)",
    ),
)
DEFAULTS = {setting.name: setting.default for setting in SETTINGS}


def fill_in_defaults(settings: dict) -> dict:
    """`settings` (Pelican's, changed in place) with each setting it lacks at its default."""
    for name, default in DEFAULTS.items():
        settings.setdefault(name, default)
    return settings


def read_site_settings(path: Path | str, override: dict | None = None) -> dict:
    """The site's settings file as Pelican reads it, with our defaults filled in."""
    from pelican.settings import read_settings

    return fill_in_defaults(read_settings(str(path), override=override))


def settings_table(section: str) -> str:
    """The README's table of one section's settings (Markdown)."""
    rows = ["| setting | default | meaning |", "| --- | --- | --- |"]
    for setting in SETTINGS:
        if setting.section == section:
            default = repr(setting.default).replace("'", '"')
            rows.append(f"| `{setting.name}` | `{default}` | {setting.meaning} |")
    return "\n".join(rows)
