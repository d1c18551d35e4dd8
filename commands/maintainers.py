"""What maintainers run: set-up of a machine, the vendored scripts, the message
catalog, lint."""

from __future__ import annotations

import os
import shlex
import shutil
import sys
from pathlib import Path

from invoke import Exit, task

from bijgespijkerd.library.messages import _

from . import ROOT

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
def lint(c):
    """Check code style with ruff, and who imports whom with import-linter."""
    c.run(f"{shlex.quote(sys.executable)} -m ruff check .", pty=False)
    c.run(f"{shlex.quote(sys.executable)} -m ruff format --check .", pty=False)
    c.run(shlex.quote(str(Path(sys.executable).parent / "lint-imports")), pty=False)
