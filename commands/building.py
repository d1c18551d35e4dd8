"""Building, serving, publishing and checking the site; the test suite."""

from __future__ import annotations

import os
import shlex
import shutil
import sys
import tempfile
from pathlib import Path

from invoke import Exit, task

from bijgespijkerd.library.messages import _
from bijgespijkerd.library.site_build import (
    OUTPUT,
    SETTINGS_LOCAL,
    SETTINGS_PUBLISH,
    explained_failures,
    run_build,
)
from bijgespijkerd.library.site_output import build_lock, remove_output

from . import HOST, PORT, ROOT, authors, content_folder, task_settings


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
        "evidence_report": "also write the evidence report (JSON) to this file",
    }
)
def build(c, strict=False, output=str(OUTPUT), content=None, debug=False, evidence_report=None):
    """Build the site into output/ with the local settings; fail on any error."""
    extra = (
        {"EVIDENCE_REPORT_PATH": str(Path(evidence_report).absolute())} if evidence_report else None
    )
    run_build(SETTINGS_LOCAL, Path(output), content, strict, debug, extra=extra)


@task
def rebuild(c, strict=False):
    """Clean, then build."""
    clean(c)
    build(c, strict=strict)


@task(help={"output": "folder to build into", "content": "content folder to build"})
def preview(c, strict=False, output=str(OUTPUT), content=None):
    """Build output/ with the publish settings (absolute URLs, feed domain)."""
    run_build(SETTINGS_PUBLISH, Path(output), content, strict)


@task(help={"port": f"port on localhost (default {PORT})", "output": "folder to serve"})
def serve(c, port=PORT, output=str(OUTPUT)):
    """Serve output/ and the comment service at http://localhost:PORT/ (build first), on
    one origin as in production: the article's comment form works locally."""
    import uvicorn

    from bijgespijkerd.comment_service.preview import site_with_comments

    task_settings(SETTINGS_LOCAL)
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
    from bijgespijkerd.writing_desk.app import Desk, desk_route

    settings = task_settings(SETTINGS_LOCAL)
    content_dir = content_folder(content).resolve()
    warm_up(ROOT / SETTINGS_LOCAL, content_dir)
    output = Path(output).absolute()

    def quick_build(folder: Path, articles: list[str]) -> list[str] | None:
        try:
            with explained_failures(output):
                return build_articles_only(ROOT / SETTINGS_LOCAL, folder, content_dir, articles)
        except Exit as failure:
            raise BuildFailed(failure.message) from None

    # The writing desk reads the evidence of the last whole-site build from here.
    evidence = Path(tempfile.mkdtemp(prefix="schrijftafel-")) / "bewijs.json"
    full_build = [sys.executable, "-m", "invoke", "build", "--output", str(output)]
    full_build += ["--content", str(content_dir), "--evidence-report", str(evidence)]
    site = PreviewSite(output)
    desk = Desk(
        content_dir,
        settings,
        evidence,
        build_problem=lambda: site.error,
        staging=evidence.parent / "bladen",
        scratch=content_dir.parent / "cache" / "schrijftafel",
        output=output,
    )
    preview = LivePreview(
        site,
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
    msg = _("Serving {folder} at {address} (Ctrl-C stops); the writing desk: {desk}")
    address = f"http://{HOST}:{port}/"
    print(
        msg.format(folder=output, address=address, desk=f"{address}schrijftafel/"), file=sys.stderr
    )
    try:
        uvicorn.run(
            preview.app(routes=[desk_route(desk)]),
            host=HOST,
            port=int(port),
            log_level="warning",
            timeout_graceful_shutdown=1,  # pages listening for a reload do not hold up Ctrl-C
        )
    finally:
        shutil.rmtree(evidence.parent, ignore_errors=True)


@task(help={"output": "folder to build and send", "content": "content folder to build"})
def publish(c, output=str(OUTPUT), content=None):
    """Build with the publish settings and rsync output/ to PUBLISH_RSYNC_TARGET.

    Only a build that has just succeeded is sent: the build and the copy hold the build
    lock together, so no other build can change what is being sent.
    """
    target = task_settings(SETTINGS_PUBLISH).get("PUBLISH_RSYNC_TARGET", "")
    if not target:
        msg = _(
            "No deploy target: set PUBLISH_RSYNC_TARGET in publishconf.py or the "
            "environment, e.g. PUBLISH_RSYNC_TARGET=user@host:/var/www/bijgespijkerd"
        )
        raise Exit(msg, code=2)
    with build_lock(Path(output)):
        built = run_build(SETTINGS_PUBLISH, Path(output), content, strict=True)
        c.run(shlex.join(["rsync", "--delete", "-pthrvz", "-c", f"{built}/", target]))


@task(help={"args": "extra pytest arguments, e.g. -k comments"})
def test(c, args=""):
    """Run the whole test suite (builds the site into a temporary folder) in parallel
    (pytest-xdist); a test file's tests stay together on one worker."""
    # Two workers per core: many tests wait for a browser, nginx or a build of their own,
    # and meanwhile another worker uses the core (docs/benchmarks.md has the figures).
    workers = 2 * (os.cpu_count() or 1)
    pytest = f"{shlex.quote(sys.executable)} -m pytest -n {workers} --dist loadfile"
    c.run(f"{pytest} {args}", pty=False)


@task(help={"lighthouse": "also run Lighthouse (default on; --no-lighthouse to skip)"})
def check(c, lighthouse=True):
    """Build strictly, then run every quality gate: HTML, links, nginx, browser, axe, Lighthouse."""
    from bijgespijkerd.quality.run import run_checks

    build(c, strict=True)
    site_url = task_settings(SETTINGS_LOCAL)["SITEURL"]
    try:
        failures = run_checks(OUTPUT, site_url, lighthouse=lighthouse)
    except FileNotFoundError as missing:  # Chromium, nginx or Java: `invoke setup`
        raise Exit(str(missing), code=1) from None
    authors.evidence(c)
    if failures:
        raise Exit(_("{count} check(s) failed").format(count=len(failures)), code=1)
    print(_("All checks passed."))
