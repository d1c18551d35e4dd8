"""Invoke tasks: the one front door for the editor, authors and CI.

`invoke --list` shows them; `invoke --help TASK` shows a task's options.
"""

from __future__ import annotations

import os
import shlex
import shutil
import sys
from pathlib import Path

from invoke import Exit, task

ROOT = Path(__file__).resolve().parent
from bijgespijkerd.library.build_errors import UNFINISHED  # noqa: E402
from bijgespijkerd.library.messages import DEFAULT_LANGUAGE, N_, _, use_language  # noqa: E402
from bijgespijkerd.library.settings import read_site_settings  # noqa: E402
from bijgespijkerd.library.site_build import (  # noqa: E402
    OUTPUT,
    SETTINGS_LOCAL,
    SETTINGS_PUBLISH,
    explained_failures,
)
from bijgespijkerd.library.site_build import run_build as _run_pelican  # noqa: E402
from bijgespijkerd.library.site_output import build_lock, remove_output  # noqa: E402

HOST = "localhost"
PORT = 8000


def _settings(path: str) -> dict:
    """The site's settings; from here on, messages speak their MESSAGES_LANGUAGE."""
    settings = read_site_settings(ROOT / path)
    use_language(settings.get("MESSAGES_LANGUAGE", DEFAULT_LANGUAGE))
    return settings


# Debian packages the tests and checks need, with the command that shows each is there.
SYSTEM_PACKAGES = {
    "chromium": "chromium",  # browser tests, axe, Lighthouse
    "nginx": "nginx",  # serving the site as in production
    "default-jre-headless": "java",  # the Nu HTML Checker
    # nginx's brotli_static, which serves the search index's .br files (deploy/nginx/)
    "libnginx-mod-http-brotli-static": "/usr/lib/nginx/modules/ngx_http_brotli_static_module.so",
}


@task
def setup(c):
    """Install what the tests need: Debian packages (apt-get; sudo when not root) and
    the npm dev dependencies from package-lock.json."""
    missing = [name for name, command in SYSTEM_PACKAGES.items() if not _installed(command)]
    if missing and not shutil.which("apt-get"):
        msg = _("Install these packages by hand to run every test: {packages}")
        print(msg.format(packages=" ".join(missing)))
    elif missing:
        sudo = "" if os.geteuid() == 0 else "sudo "
        c.run(f"{sudo}apt-get update -qq", pty=False)
        c.run(
            f"{sudo}env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq {' '.join(missing)}",
            pty=False,
        )
    c.run("npm ci --no-audit --no-fund --loglevel=error", pty=False)


def _installed(command: str) -> bool:
    """A command on the PATH (or in sbin), or a file a package installs (by its path)."""
    if command.startswith("/"):
        return Path(command).exists()
    return bool(shutil.which(command) or shutil.which(command, path="/usr/sbin:/sbin"))


@task(help={"cache": "also empty the build cache (charts drawn, search index compressed)"})
def clean(c, output=str(OUTPUT), cache=False):
    """Remove the generated site."""
    remove_output(Path(output))
    if cache:
        shutil.rmtree(ROOT / "cache", ignore_errors=True)


@task(
    help={
        "strict": "also fail on warnings (the tests and CI build this way)",
        "output": f"folder to build into (default {OUTPUT.name}/)",
        "content": "content folder to build (default content/)",
        "debug": "show the full Python traceback of a failure",
    }
)
def build(c, strict=False, output=str(OUTPUT), content=None, debug=False):
    """Build the site into output/ with the local settings; fail on any error."""
    _run_pelican(SETTINGS_LOCAL, Path(output), content, strict, debug)


@task
def rebuild(c, strict=False):
    """Clean, then build."""
    clean(c)
    build(c, strict=strict)


@task(help={"output": "folder to build into", "content": "content folder to build"})
def preview(c, strict=False, output=str(OUTPUT), content=None):
    """Build output/ with the publish settings (absolute URLs, feed domain)."""
    _run_pelican(SETTINGS_PUBLISH, Path(output), content, strict)


@task(help={"port": f"port on localhost (default {PORT})", "output": "folder to serve"})
def serve(c, port=PORT, output=str(OUTPUT)):
    """Serve output/ and the comment service at http://localhost:PORT/ (build first), on
    one origin as in production: the article's comment form works locally."""
    import uvicorn

    from bijgespijkerd.comment_service.preview import site_with_comments

    _settings(SETTINGS_LOCAL)
    origin = f"http://{HOST}:{int(port)}"
    msg = _("Serving {folder} at {address} (Ctrl-C stops)")
    print(msg.format(folder=output, address=f"{origin}/"), file=sys.stderr)
    app = site_with_comments(Path(output), origin)
    uvicorn.run(app, host=HOST, port=int(port), log_level="warning")


@task(
    help={
        "port": f"port on localhost (default {PORT})",
        "content": "content folder to watch and build (default content/)",
        "output": "folder to build into and serve (default output/)",
    }
)
def livereload(c, port=PORT, content=None, output=str(OUTPUT)):
    """Build, serve, and rebuild and reload the browser whenever a source file changes.

    Watches articles, comments, author profiles, data files, chart module, theme, plugins
    and settings. An edited article is shown first on its own, then in the whole site.
    """
    import uvicorn

    from bijgespijkerd.library.live_preview import BuildFailed, LivePreview
    from bijgespijkerd.library.pelican_run import build_articles_only, warm_up
    from bijgespijkerd.library.preview_app import PreviewSite

    settings = _settings(SETTINGS_LOCAL)
    content_dir = _content_folder(content).resolve()
    warm_up(ROOT / SETTINGS_LOCAL, content_dir)
    output = Path(output).absolute()

    def quick_build(folder: Path, articles: list[str]) -> list[str] | None:
        try:
            with explained_failures(output):
                return build_articles_only(ROOT / SETTINGS_LOCAL, folder, content_dir, articles)
        except Exit as failure:
            raise BuildFailed(failure.message) from None

    full_build = [sys.executable, "-m", "invoke", "build", "--output", str(output)]
    full_build += ["--content", str(content_dir)]
    preview = LivePreview(
        PreviewSite(output),
        content=content_dir,
        watched=[
            content_dir,
            ROOT / "theme",
            ROOT / "plugins",
            ROOT / "library",
            ROOT / SETTINGS_LOCAL,
        ],
        ignored=settings["IGNORE_FILES"],
        quick_build=quick_build,
        full_build=full_build,
    )
    msg = _("Serving {folder} at {address} (Ctrl-C stops)")
    print(msg.format(folder=output, address=f"http://{HOST}:{port}/"), file=sys.stderr)
    uvicorn.run(
        preview.app(),
        host=HOST,
        port=int(port),
        log_level="warning",
        timeout_graceful_shutdown=1,  # pages listening for a reload do not hold up Ctrl-C
    )


@task(help={"output": "folder to build and send", "content": "content folder to build"})
def publish(c, output=str(OUTPUT), content=None):
    """Build with the publish settings and rsync output/ to PUBLISH_RSYNC_TARGET.

    Only a build that has just succeeded is sent: the build and the copy hold the build
    lock together, so no other build can change what is being sent.
    """
    target = _settings(SETTINGS_PUBLISH).get("PUBLISH_RSYNC_TARGET", "")
    if not target:
        msg = _(
            "No deploy target: set PUBLISH_RSYNC_TARGET in publishconf.py or the "
            "environment, e.g. PUBLISH_RSYNC_TARGET=user@host:/var/www/bijgespijkerd"
        )
        raise Exit(msg, code=2)
    with build_lock(Path(output)):
        built = _run_pelican(SETTINGS_PUBLISH, Path(output), content, strict=True)
        c.run(shlex.join(["rsync", "--delete", "-pthrvz", "-c", f"{built}/", target]))


# The chart runtime served from the site itself: Vega (the version vl-convert renders with,
# so static and live charts agree) and its CSP-safe expression interpreter.
VEGA_VERSIONS = {"vega": "6.2.0", "vega-interpreter": "2.3.2"}
VENDOR = ROOT / "theme" / "static" / "vendor" / "vega"


@task
def vendor_vega(c):
    """Refresh theme/static/vendor/vega/ from the npm registry (maintainers only)."""
    import tarfile
    import tempfile

    with tempfile.TemporaryDirectory() as tmp:
        with c.cd(tmp):
            for name, version in VEGA_VERSIONS.items():
                c.run(f"npm pack --silent {name}@{version}", pty=False, hide=True)
        VENDOR.mkdir(parents=True, exist_ok=True)
        for name, version in VEGA_VERSIONS.items():
            with tarfile.open(Path(tmp) / f"{name}-{version}.tgz") as archive:
                archive.extractall(Path(tmp) / name, filter="data")
            package = Path(tmp) / name / "package"
            shutil.copyfile(package / "LICENSE", VENDOR / f"LICENSE-{name}.txt")
        shutil.copyfile(Path(tmp) / "vega/package/build/vega.min.js", VENDOR / "vega.min.js")
        module = (Path(tmp) / "vega-interpreter/package/build/vega-interpreter.js").read_text()
        (VENDOR / "vega-interpreter.js").write_text(_interpreter_as_classic_script(module))


# The proof-of-work widget of the comment form, served from the site itself: ALTCHA's
# build without inline styles or scripts (its CSS is a file of its own), and the worker
# that solves the challenge as a file, since the CSP allows no blob: workers.
ALTCHA_VERSION = "3.2.2"
ALTCHA_VENDOR = ROOT / "theme" / "static" / "vendor" / "altcha"
ALTCHA_FILES = {
    "dist/external/altcha.min.js": "altcha.min.js",
    "dist/external/altcha.css": "altcha.css",
    "dist/workers/pbkdf2.js": "pbkdf2-worker.js",
    "LICENSE.txt": "LICENSE-altcha.txt",
}


@task
def vendor_altcha(c):
    """Refresh theme/static/vendor/altcha/ from the npm registry (maintainers only)."""
    import tarfile
    import tempfile

    with tempfile.TemporaryDirectory() as tmp:
        with c.cd(tmp):
            c.run(f"npm pack --silent altcha@{ALTCHA_VERSION}", pty=False, hide=True)
        with tarfile.open(Path(tmp) / f"altcha-{ALTCHA_VERSION}.tgz") as archive:
            archive.extractall(tmp, filter="data")
        ALTCHA_VENDOR.mkdir(parents=True, exist_ok=True)
        for source, target in ALTCHA_FILES.items():
            shutil.copyfile(Path(tmp) / "package" / source, ALTCHA_VENDOR / target)


def _interpreter_as_classic_script(module: str) -> str:
    """vega-interpreter ships as an ES module importing vega-util, which the Vega bundle
    already exposes as the global `vega`; wrap it so a plain <script> can load it."""
    imports = "import { ascending, isString, DisallowedObjectProperties } from 'vega-util';\n"
    export = "export { expression as expressionInterpreter };"
    if imports not in module or export not in module:
        raise Exit(_("vega-interpreter changed shape: update _interpreter_as_classic_script"))
    body = module.replace(imports, "").replace(export, "vega.expressionInterpreter = expression;")
    body = body.split("//# sourceMappingURL")[0]
    header = (
        f"/* vega-interpreter {VEGA_VERSIONS['vega-interpreter']} (BSD-3-Clause, see "
        "LICENSE-vega-interpreter.txt), wrapped as a classic script by `invoke vendor-vega`. */\n"
    )
    return (
        f"{header}(function (vega) {{\n'use strict';\n"
        "const { ascending, isString, DisallowedObjectProperties } = vega;\n"
        f"{body}}})(window.vega);\n"
    )


@task(help={"args": "extra pytest arguments, e.g. -k comments"})
def test(c, args=""):
    """Run the whole test suite (builds the site into a temporary folder), one worker per
    CPU core (pytest-xdist); a test file's tests stay together on one worker."""
    c.run(f"{shlex.quote(sys.executable)} -m pytest -n auto --dist loadfile {args}", pty=False)


@task(help={"lighthouse": "also run Lighthouse (default on; --no-lighthouse to skip)"})
def check(c, lighthouse=True):
    """Build strictly, then run every quality gate: HTML, links, nginx, browser, axe, Lighthouse."""
    from bijgespijkerd.quality.run import run_checks

    build(c, strict=True)
    site_url = _settings(SETTINGS_LOCAL)["SITEURL"]
    try:
        failures = run_checks(OUTPUT, site_url, lighthouse=lighthouse)
    except FileNotFoundError as missing:  # Chromium, nginx or Java: `invoke setup`
        raise Exit(str(missing), code=1) from None
    evidence(c)
    if failures:
        raise Exit(_("{count} check(s) failed").format(count=len(failures)), code=1)
    print(_("All checks passed."))


@task(
    help={
        "title": "the post's title",
        "auteur": "the author's name as in content/authors/ (asked when there are several)",
        "content": "content folder (default content/)",
    }
)
def new_post(c, title, auteur=None, content=None):
    """Start a post: content/<slug>.md with its header filled in, as a draft."""
    import datetime

    settings = _settings(SETTINGS_LOCAL)
    slug = _slug(title, settings)
    folder = _content_folder(content)
    author = _post_author(folder, auteur, settings)
    path = folder / f"{slug}.md"
    taken = [p for p in folder.glob("*.md") if f"\nSlug: {slug}\n" in p.read_text("utf-8")]
    if path.exists() or taken:
        msg = _("{path} already has the slug {slug}: choose another title")
        raise Exit(msg.format(path=(taken or [path])[0], slug=repr(slug)))
    today = datetime.date.today().isoformat()
    body = _("Write your text here.")
    path.write_text(
        f"Title: {title}\nDate: {today}\nAuthor: {author}\nCategory: \nTags: \nSlug: {slug}\n"
        f"Status: draft\n\n{body}\n",
        encoding="utf-8",
    )
    msg = _(
        "New draft: {path}\n"
        "- Fill in Category and Tags; check the author ({author}) and the date ({today}).\n"
        "- See it: `invoke livereload`, then {address}\n"
        "- To publish it: remove the line 'Status: draft'."
    )
    address = f"http://{HOST}:{PORT}/drafts/{slug}.html"
    print(msg.format(path=path, author=author, today=today, address=address))


def _post_author(content: Path, wanted: str | None, settings: dict) -> str:
    """The name for a new post's `Author:`: the one profile, the one asked for, or the
    one chosen at the prompt; the site's author while there are no profiles."""
    from bijgespijkerd.plugins.author_profiles.profiles import profile_names

    profiles = content / settings["AUTHOR_PROFILES_PATH"]
    names = profile_names(profiles)
    if wanted is not None:
        match = [n for n in names if n.casefold() == wanted.strip().casefold()]
        if not match and names:
            msg = _("There is no profile for {name} in {folder}; choose one of: {names}")
            raise Exit(msg.format(name=repr(wanted), folder=profiles, names=", ".join(names)))
        return match[0] if match else wanted.strip()
    if len(names) <= 1:
        return names[0] if names else settings["AUTHOR"]
    if not sys.stdin.isatty():
        msg = _("Who writes it? Add --auteur with one of: {names}")
        raise Exit(msg.format(names=", ".join(f'"{n}"' for n in names)))
    for number, name in enumerate(names, start=1):
        print(f"{number}. {name}")
    answer = input(_("Who writes it? (number) ")).strip()
    if not answer.isdigit() or not 1 <= int(answer) <= len(names):
        raise Exit(_("No author chosen; nothing was written."))
    return names[int(answer) - 1]


@task(help={"name": "the author's full name", "content": "content folder (default content/)"})
def new_author(c, name, content=None):
    """Start an author profile: content/authors/<slug>.md, for "Over de auteur"."""
    settings = _settings(SETTINGS_LOCAL)
    folder = _content_folder(content) / "authors"
    path = folder / f"{_slug(name, settings)}.md"
    if path.exists():
        raise Exit(_("{path} already exists").format(path=path))
    folder.mkdir(parents=True, exist_ok=True)
    bio = _("a short bio in a few sentences.")
    path.write_text(f"Name: {name}\n\n{UNFINISHED}: {bio}\n", encoding="utf-8")
    msg = _(
        "New profile: {path}\n"
        "- Write the bio below the empty line (and remove '{unfinished}').\n"
        "- Put 'Author: {name}' above your articles."
    )
    print(msg.format(path=path, unfinished=UNFINISHED, name=name))


def _content_folder(content: str | None) -> Path:
    return Path(content).resolve() if content else ROOT / "content"


def _slug(text: str, settings: dict) -> str:
    """The slug Pelican itself would make of `text`."""
    from pelican.utils import slugify

    return slugify(text, regex_subs=settings["SLUG_REGEX_SUBSTITUTIONS"])


@task(
    help={
        "name": "the dataset's name, as it will be imported (e.g. deelnemers-2024)",
        "tekst": "make NAME-beschrijving.txt, to go beside a CSV, instead of a workbook",
        "folder": "where to put it (default: the current folder)",
    }
)
def dataset_template(c, name, tekst=False, folder="."):
    """Start a dataset as a workbook (NAME.xlsx: data, description, sources) or, for a
    CSV, as a description file beside it; `invoke dataset-import` reads both."""
    from bijgespijkerd.plugins.datasets.description import (
        template_text,
        template_workbook,
        text_file_for,
    )

    _settings(SETTINGS_LOCAL)
    workbook = Path(folder) / f"{name}.xlsx"
    path = text_file_for(Path(folder) / f"{name}.csv") if tekst else workbook
    if path.exists():
        raise Exit(_("{path} already exists; nothing was written").format(path=path))
    if tekst:
        path.write_text(template_text(name), encoding="utf-8")
    else:
        template_workbook(path)
    msg = _(
        "Made {path}. Fill it in, then: invoke dataset-import {name} {data}\n"
        "HANDLEIDING.md, 'Een dataset uit Excel', explains each part."
    )
    data = Path(folder) / f"{name}.csv" if tekst else workbook
    print(msg.format(path=path, name=name, data=data))


@task(
    help={
        "name": "the dataset's name: its folder under content/data/ (new or existing)",
        "file": "the table: an .xlsx workbook (first sheet) or a CSV as Excel saves it",
        "content": "content folder (default content/)",
        "decimaalteken": "komma or punt: how a text file writes decimals (asked when unclear)",
        "sleutel": "the column that names each row of a new dataset (default: inferred)",
    }
)
def dataset_import(c, name, file, content=None, decimaalteken=None, sleutel=None):
    """Make a spreadsheet a dataset: replaces an existing dataset's data (and records what
    changed), or starts a new one whose description you then fill in. --decimaalteken komma
    or punt decides numbers a text file writes ambiguously (1,250); --sleutel COLUMN
    chooses a new dataset's row key."""
    import datetime

    from bijgespijkerd.library.build_errors import BuildError
    from bijgespijkerd.plugins.datasets.importer import import_sheet
    from bijgespijkerd.plugins.datasets.spreadsheet import read_sheet
    from bijgespijkerd.plugins.datasets.written_numbers import CHOICES

    _settings(SETTINGS_LOCAL)
    if decimaalteken is not None and decimaalteken not in CHOICES:
        msg = _("--decimaalteken is 'komma' or 'punt', not {value}")
        raise Exit(msg.format(value=decimaalteken), code=2)
    folder = _content_folder(content) / "data" / name
    try:
        sheet = read_sheet(Path(file), decimaalteken)
        report = import_sheet(folder, sheet, datetime.date.today(), sleutel)
    except BuildError as error:
        msg = _("Import failed; nothing was changed. {error}").format(error=error)
        raise Exit(msg, code=1) from None
    print(_import_text(report))


def _import_text(report) -> str:
    heading = _("New dataset: {folder}") if report.created else _("Dataset: {folder}")
    lines = [heading.format(folder=report.folder)]
    lines += [f"  - {note}" for note in report.notes]
    if not report.created:
        if report.unchanged:
            lines.append(_("No row changed; nothing was altered."))
        if report.changed or report.added or report.removed:
            lines.append(_("New version {version}:").format(version=report.version))
            lines += [_("  changed: {row}").format(row=row) for row in report.changed]
            lines += [_("  added: {row}").format(row=row) for row in report.added]
            lines += [_("  removed: {row}").format(row=row) for row in report.removed]
        if report.described:
            msg = _("Description updated: {parts}")
            lines.append(msg.format(parts=", ".join(report.described)))
    if report.unfinished:
        where = report.described_in or _(
            "a sheet 'Beschrijving' in the workbook, or a file NAME-beschrijving.txt beside "
            "the CSV (`invoke dataset-template NAME` makes either)"
        )
        msg = _(
            "Still to be written, in {where}, before it can be published (until then the "
            "preview shows it as 'onvoltooid'); then import again:"
        )
        lines.append(msg.format(where=where))
        lines += [f"  - {item}" for item in report.unfinished]
    elif report.created:
        lines.append(_("The dataset is complete: `invoke build` publishes it."))
    return "\n".join(lines)


REDIRECTS = ROOT / "deploy" / "nginx" / "redirects.map"


@task(
    help={
        "export": "the WordPress export (Tools > Export > All content), an .xml file",
        "media": "a copy of the blog's wp-content/uploads folder: its images are copied",
        "content": "content folder to import into (default content/)",
        "redirects": f"the nginx redirect map to write (default {REDIRECTS.relative_to(ROOT)})",
    }
)
def import_wordpress(c, export, media=None, content=None, redirects=str(REDIRECTS)):
    """Move a WordPress blog here: posts, pages, drafts, comments with their threads,
    authors, images and redirects from the old addresses. Safe to run again."""
    from bijgespijkerd.comment_service.settings import from_environment
    from bijgespijkerd.comment_service.store import Queue
    from bijgespijkerd.library.build_errors import BuildError
    from bijgespijkerd.wordpress_import import import_wordpress as run_import
    from bijgespijkerd.wordpress_import.report import report_text

    settings = _settings(SETTINGS_LOCAL)
    database = from_environment(site=settings).database
    try:
        plan, outcome = run_import(
            Path(export),
            _content_folder(content),
            Path(redirects).absolute(),
            settings,
            Path(media) if media else None,
            lambda: Queue(database),  # opened only for a comment to queue
        )
    except BuildError as error:
        raise Exit(
            _("Import failed; nothing was changed. {error}").format(error=error), 1
        ) from None
    print(report_text(plan, outcome, queue_present=True))
    if plan.pending:
        print(
            _("The moderation queue is {path}: `invoke comments.list` shows it.").format(
                path=database
            )
        )


@task(help={"content": "content folder to report on (default content/)"})
def evidence(c, content=None):
    """List every number in each article: checked against data, linked but not
    checkable, or not linked at all (years, dates and ordinals apart)."""
    import json
    import tempfile

    with tempfile.TemporaryDirectory() as folder:
        report = Path(folder) / "evidence.json"
        extra = {"EVIDENCE_REPORT_PATH": str(report)}
        _run_pelican(SETTINGS_LOCAL, Path(folder) / "output", content, False, extra=extra)
        articles = json.loads(report.read_text(encoding="utf-8"))
    print(_evidence_text(articles))


EVIDENCE_GROUPS = {
    "checked": N_("Linked to data and checked"),
    "not_checkable": N_("Linked to data, cannot be checked"),
    "not_linked": N_("Not linked to data"),
    "years_dates_ordinals": N_("Years, dates and ordinals (not checked)"),
}


def _evidence_text(articles: list[dict]) -> str:
    lines = [_("Evidence per article: every number in the text")]
    for article in articles:
        source = Path(article["source_path"])
        shown = source.relative_to(ROOT) if source.is_relative_to(ROOT) else source
        lines += ["", f"{article['title']} ({shown})"]
        for key, group in EVIDENCE_GROUPS.items():
            numbers, heading = article[key], _(group)
            if key == "years_dates_ordinals":
                lines.append(
                    f"  {heading}: {len(numbers)}" + (f" ({', '.join(numbers)})" if numbers else "")
                )
                continue
            lines.append(f"  {heading}: {len(numbers)}")
            lines += [f"    - {number}" for number in numbers]
    return "\n".join(lines)


@task
def messages(c):
    """Add new messages to the Dutch catalog and drop unused ones (maintainers), then list
    those still to translate in library/messages/locale/nl/LC_MESSAGES/messages.po."""
    from bijgespijkerd.library.messages.catalog import update

    untranslated = update(ROOT)
    for message in untranslated:
        print(f"- {message}")
    if untranslated:
        msg = _("{count} message(s) without a translation").format(count=len(untranslated))
        raise Exit(msg, code=1)
    print(_("Every message has a translation."))


@task
def benchmark(c):
    """Measure what charts cost: build times, charts drawn when warm, script bytes."""
    _run_benchmark(c, "charts_benchmark")


@task
def benchmark_comments(c):
    """Measure the comment service on loopback: throughput and latency, under a flood,
    and a fault run with SIGKILLs (nothing acknowledged may be lost or duplicated)."""
    _run_benchmark(c, "comments_benchmark")


@task
def benchmark_search(c):
    """Measure search on the 1,000-article site: Pagefind's share of the build, bytes for
    a first query, and the time from typing to results in Chromium."""
    _run_benchmark(c, "search_benchmark")


@task
def benchmark_lighthouse(c):
    """Measure the site on a phone with Lighthouse's mobile defaults: the four scores of
    the article, a dataset page and the front page, and their script before interaction."""
    _run_benchmark(c, "lighthouse_benchmark")


@task
def benchmark_wordpress(c):
    """Measure importing a WordPress export of 1,000 posts and 10,000 comments, and
    importing it again."""
    _run_benchmark(c, "wordpress_benchmark")


@task
def benchmark_data(c):
    """Measure what a large dataset costs: build time and peak memory at 10k-200k rows."""
    _run_benchmark(c, "large_dataset_benchmark")


def _run_benchmark(c, name: str) -> None:
    """Run tests/benchmarks/NAME.py with this Python; it prints its own figures."""
    c.run(f"{shlex.quote(sys.executable)} tests/benchmarks/{name}.py", pty=False)


@task
def lint(c):
    """Check code style with ruff, and who imports whom with import-linter."""
    c.run(f"{shlex.quote(sys.executable)} -m ruff check .", pty=False)
    c.run(f"{shlex.quote(sys.executable)} -m ruff format --check .", pty=False)
    c.run(shlex.quote(str(Path(sys.executable).parent / "lint-imports")), pty=False)


os.chdir(ROOT)  # every task works from the project folder, wherever invoke was started

# `invoke comments.list` and the rest: the comment service's tasks live with it.
from invoke import Collection  # noqa: E402

from bijgespijkerd.comment_service import tasks as comment_tasks  # noqa: E402

ns = Collection.from_module(sys.modules[__name__])
ns.add_collection(Collection.from_module(comment_tasks, name="comments"))
