"""Invoke tasks: the one front door for the editor, authors and CI.

`invoke --list` shows them; `invoke --help TASK` shows a task's options.
"""

from __future__ import annotations

import logging
import os
import shlex
import shutil
import sys
import traceback
from pathlib import Path

from invoke import Exit, task

ROOT = Path(__file__).resolve().parent
sys.path.insert(0, str(ROOT / "plugins"))
from build_errors import UNFINISHED  # noqa: E402
from site_output import build_into, build_lock, remove_output  # noqa: E402

SETTINGS_LOCAL = "pelicanconf.py"
SETTINGS_PUBLISH = "publishconf.py"
OUTPUT = ROOT / "output"
HOST = "localhost"
PORT = 8000


def _settings(path: str) -> dict:
    from pelican.settings import read_settings

    return read_settings(str(ROOT / path))


def _run_pelican(
    settings: str,
    output: Path,
    content: str | None,
    strict: bool,
    debug: bool = False,
    extra: dict | None = None,
) -> Path:
    """Build into a folder of its own and make `output` show it only if it succeeded.

    A failed build therefore leaves the previous site exactly as it was (see
    plugins/site_output.py). Returns the folder of the new build.
    """
    from pelican.generators import PelicanTemplateNotFound

    from build_errors import BuildError

    try:
        return build_into(
            output, lambda folder: _pelican_build(ROOT / settings, folder, content, strict, extra)
        )
    except (BuildError, PelicanTemplateNotFound) as error:
        if debug:
            raise
        raise Exit(f"Build failed. {_unchanged(output)}{error}", code=1) from None
    except OSError as error:
        msg = f"Build failed. {_unchanged(output)}Could not write the site: {error}"
        raise Exit(msg, code=1) from None
    except Exception:
        traceback.print_exc()
        raise Exit(
            f"Build failed. {_unchanged(output)}This is a bug in the site's code, not a "
            "mistake in your files: please report it with the traceback above.",
            code=1,
        ) from None


def _unchanged(output: Path) -> str:
    return f"{Path(output).name}/ is unchanged. " if Path(output).exists() else ""


def _pelican_build(
    settings_file: Path, output: Path, content: str | None, strict: bool, extra: dict | None
) -> None:
    """Run Pelican in this process, with plain one-line log messages."""
    from pelican import Pelican
    from pelican.log import init as init_logging
    from pelican.settings import read_settings

    from build_errors import StopAtProblem
    from no_network import no_network

    stop_at = logging.WARNING if strict else logging.ERROR
    handler = StopAtProblem(sys.stderr, stop_at)
    init_logging(level=logging.WARNING, handler=handler)
    logging.getLogger("charts").setLevel(logging.INFO)  # "Charts: N drawn, M reused"
    logging.getLogger("datasets").setLevel(logging.INFO)  # cited cells that changed
    override = {"OUTPUT_PATH": str(output), **(extra or {})}
    if content:
        override["PATH"] = str(Path(content).resolve())
    settings = read_settings(str(settings_file), override=override)
    try:
        with no_network():
            Pelican(settings).run()
    finally:  # what runs after a build (livereload's server) logs as it always did
        logging.getLogger().removeHandler(handler)


# Debian packages the tests and checks need, with the command that shows each is there.
SYSTEM_PACKAGES = {
    "chromium": "chromium",  # browser tests, axe, Lighthouse
    "nginx": "nginx",  # serving the site as in production
    "default-jre-headless": "java",  # the Nu HTML Checker
}


@task
def setup(c):
    """Install what the tests need: Debian packages (apt-get; sudo when not root) and
    the npm dev dependencies from package-lock.json."""
    missing = [name for name, command in SYSTEM_PACKAGES.items() if not _installed(command)]
    if missing and not shutil.which("apt-get"):
        print(f"Install these packages by hand to run every test: {' '.join(missing)}")
    elif missing:
        sudo = "" if os.geteuid() == 0 else "sudo "
        c.run(f"{sudo}apt-get update -qq", pty=False)
        c.run(
            f"{sudo}env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq {' '.join(missing)}",
            pty=False,
        )
    c.run("npm ci --no-audit --no-fund --loglevel=error", pty=False)


def _installed(command: str) -> bool:
    return bool(shutil.which(command) or shutil.which(command, path="/usr/sbin:/sbin"))


@task(help={"cache": "also empty the chart cache (charts are drawn again on the next build)"})
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
    """Serve output/ at http://localhost:PORT/ (build first)."""
    from pelican.server import ComplexHTTPRequestHandler, RootedHTTPServer

    class ReusableServer(RootedHTTPServer):
        allow_reuse_address = True

    server = ReusableServer(str(output), (HOST, int(port)), ComplexHTTPRequestHandler)
    print(f"Serving {output} at http://{HOST}:{port}/ (Ctrl-C stops)", file=sys.stderr)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        server.server_close()


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
    and settings.
    """
    from livereload import Server
    from preview_app import PreviewApp

    content_dir = _content_folder(content)
    site = PreviewApp(Path(output))

    def rebuild_quietly():
        try:
            build(c, output=output, content=content)
            site.error = None
        except Exit as failure:  # shown in the browser until the author fixes it
            print(failure.message, file=sys.stderr)
            site.error = failure.message

    rebuild_quietly()
    server = Server(site)
    watched = [content_dir / f"**/*.{ext}" for ext in ("md", "csv", "json", "yaml", "py")]
    watched += [ROOT / "theme/**/*", ROOT / "plugins/**/*.py", ROOT / SETTINGS_LOCAL]
    for pattern in watched:
        server.watch(str(pattern), rebuild_quietly)
    server.serve(host=HOST, port=int(port), debug=False)


@task(help={"output": "folder to build and send", "content": "content folder to build"})
def publish(c, output=str(OUTPUT), content=None):
    """Build with the publish settings and rsync output/ to PUBLISH_RSYNC_TARGET.

    Only a build that has just succeeded is sent: the build and the copy hold the build
    lock together, so no other build can change what is being sent.
    """
    target = _settings(SETTINGS_PUBLISH).get("PUBLISH_RSYNC_TARGET", "")
    if not target:
        raise Exit(
            "No deploy target: set PUBLISH_RSYNC_TARGET in publishconf.py or the "
            "environment, e.g. PUBLISH_RSYNC_TARGET=user@host:/var/www/bijgespijkerd",
            code=2,
        )
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


def _interpreter_as_classic_script(module: str) -> str:
    """vega-interpreter ships as an ES module importing vega-util, which the Vega bundle
    already exposes as the global `vega`; wrap it so a plain <script> can load it."""
    imports = "import { ascending, isString, DisallowedObjectProperties } from 'vega-util';\n"
    export = "export { expression as expressionInterpreter };"
    if imports not in module or export not in module:
        raise Exit("vega-interpreter changed shape: update _interpreter_as_classic_script")
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
    """Run the whole test suite (builds the site into a temporary folder)."""
    c.run(f"{shlex.quote(sys.executable)} -m pytest {args}", pty=False)


@task(help={"lighthouse": "also run Lighthouse (default on; --no-lighthouse to skip)"})
def check(c, lighthouse=True):
    """Build strictly, then run every quality gate: HTML, links, nginx, browser, axe, Lighthouse."""
    build(c, strict=True)
    sys.path.insert(0, str(ROOT / "tests"))
    from quality.run import run_checks

    site_url = _settings(SETTINGS_LOCAL)["SITEURL"]
    failures = run_checks(OUTPUT, site_url, lighthouse=lighthouse)
    evidence(c)
    if failures:
        raise Exit(f"{len(failures)} check(s) failed", code=1)
    print("All checks passed.")


@task(help={"title": "the post's title", "content": "content folder (default content/)"})
def new_post(c, title, content=None):
    """Start a post: content/<slug>.md with its header filled in, as a draft."""
    import datetime

    settings = _settings(SETTINGS_LOCAL)
    slug = _slug(title, settings)
    folder = _content_folder(content)
    path = folder / f"{slug}.md"
    taken = [p for p in folder.glob("*.md") if f"\nSlug: {slug}\n" in p.read_text("utf-8")]
    if path.exists() or taken:
        raise Exit(f"{(taken or [path])[0]} already has the slug {slug!r}: choose another title")
    today = datetime.date.today().isoformat()
    path.write_text(
        f"Title: {title}\nDate: {today}\nAuthor: \nCategory: \nTags: \nSlug: {slug}\n"
        "Status: draft\n\nSchrijf hier je tekst.\n",
        encoding="utf-8",
    )
    print(
        f"Nieuw concept: {path}\n"
        f"- Vul Author (je naam zoals in content/authors/), Category en Tags in; controleer "
        f"de datum ({today}).\n"
        f"- Bekijk het: `invoke livereload`, dan http://{HOST}:{PORT}/drafts/{slug}.html\n"
        "- Publiceren: haal de regel 'Status: draft' weg."
    )


@task(help={"name": "the author's full name", "content": "content folder (default content/)"})
def new_author(c, name, content=None):
    """Start an author profile: content/authors/<slug>.md, for "Over de auteur"."""
    settings = _settings(SETTINGS_LOCAL)
    folder = _content_folder(content) / "authors"
    path = folder / f"{_slug(name, settings)}.md"
    if path.exists():
        raise Exit(f"{path} already exists")
    folder.mkdir(parents=True, exist_ok=True)
    path.write_text(
        f"Name: {name}\n\n{UNFINISHED}: een korte bio in een paar zinnen.\n", encoding="utf-8"
    )
    print(
        f"Nieuw profiel: {path}\n"
        f"- Schrijf de bio onder de lege regel (en haal '{UNFINISHED}' weg).\n"
        f"- Zet 'Author: {name}' boven je artikelen."
    )


def _content_folder(content: str | None) -> Path:
    return Path(content).resolve() if content else ROOT / "content"


def _slug(text: str, settings: dict) -> str:
    """The slug Pelican itself would make of `text`."""
    from pelican.utils import slugify

    return slugify(text, regex_subs=settings["SLUG_REGEX_SUBSTITUTIONS"])


@task(
    help={
        "name": "the dataset's name: its folder under content/data/ (new or existing)",
        "file": "the table: an .xlsx workbook (first sheet) or a CSV as Excel saves it",
        "content": "content folder (default content/)",
    }
)
def dataset_import(c, name, file, content=None):
    """Make a spreadsheet a dataset: replaces an existing dataset's data (and records what
    changed), or starts a new one whose description you then fill in."""
    import datetime

    from build_errors import BuildError
    from datasets.importer import import_sheet
    from datasets.spreadsheet import read_sheet

    folder = _content_folder(content) / "data" / name
    try:
        report = import_sheet(folder, read_sheet(Path(file)), datetime.date.today())
    except BuildError as error:
        raise Exit(f"Import failed; nothing was changed. {error}", code=1) from None
    print(_import_text(report))


def _import_text(report) -> str:
    lines = [f"{'Nieuwe dataset' if report.created else 'Dataset'}: {report.folder}"]
    lines += [f"  - {note}" for note in report.notes]
    if report.created:
        lines.append(
            f"Vul nu in datapackage.json alles in wat met '{UNFINISHED}' begint, en de bronnen "
            "in sources.csv. `invoke build` zegt wat er nog ontbreekt."
        )
    elif report.unchanged:
        lines.append("Geen rij gewijzigd; niets aangepast.")
    else:
        lines.append(f"Nieuwe versie {report.version}:")
        lines += [f"  gewijzigd: {row}" for row in report.changed]
        lines += [f"  toegevoegd: {row}" for row in report.added]
        lines += [f"  verwijderd: {row}" for row in report.removed]
    return "\n".join(lines)


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
    "checked": "Gekoppeld aan data en gecontroleerd",
    "not_checkable": "Gekoppeld aan data, niet te controleren",
    "not_linked": "Niet gekoppeld aan data",
    "years_dates_ordinals": "Jaartallen, data en rangtelwoorden (niet gecontroleerd)",
}


def _evidence_text(articles: list[dict]) -> str:
    lines = ["Bewijs per artikel: elk getal in de tekst"]
    for article in articles:
        source = Path(article["source_path"])
        shown = source.relative_to(ROOT) if source.is_relative_to(ROOT) else source
        lines += ["", f"{article['title']} ({shown})"]
        for key, heading in EVIDENCE_GROUPS.items():
            numbers = article[key]
            if key == "years_dates_ordinals":
                lines.append(
                    f"  {heading}: {len(numbers)}" + (f" ({', '.join(numbers)})" if numbers else "")
                )
                continue
            lines.append(f"  {heading}: {len(numbers)}")
            lines += [f"    - {number}" for number in numbers]
    return "\n".join(lines)


@task
def benchmark(c):
    """Measure what charts cost: build times, charts drawn when warm, script bytes."""
    c.run(f"{shlex.quote(sys.executable)} tests/benchmarks/charts_benchmark.py", pty=False)


@task
def benchmark_data(c):
    """Measure what a large dataset costs: build time and peak memory at 10k-200k rows."""
    c.run(f"{shlex.quote(sys.executable)} tests/benchmarks/large_dataset_benchmark.py", pty=False)


@task
def lint(c):
    """Check code style with ruff."""
    c.run(f"{shlex.quote(sys.executable)} -m ruff check .", pty=False)
    c.run(f"{shlex.quote(sys.executable)} -m ruff format --check .", pty=False)


os.chdir(ROOT)  # every task works from the project folder, wherever invoke was started
