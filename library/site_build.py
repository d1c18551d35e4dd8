"""Building the site as the tasks do: into a folder of its own, shown as `output/` only
when it succeeded, and every failure said in the author's words (an invoke Exit with the
exit code). Used by tasks.py and by the comment service's `approve --build`."""

from __future__ import annotations

import traceback
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from invoke import Exit

from bijgespijkerd.library.messages import _
from bijgespijkerd.library.pelican_run import build_site
from bijgespijkerd.library.site_output import build_into

ROOT = Path(__file__).resolve().parent.parent
SETTINGS_LOCAL = "pelicanconf.py"
SETTINGS_PUBLISH = "publishconf.py"
OUTPUT = ROOT / "output"


def run_build(
    settings: str,
    output: Path,
    content: str | None,
    strict: bool,
    debug: bool = False,
    extra: dict | None = None,
) -> Path:
    """Build into a folder of its own and make `output` show it only if it succeeded.

    A failed build therefore leaves the previous site exactly as it was (see
    library/site_output.py). Returns the folder of the new build.
    """
    with explained_failures(output, debug):
        return build_into(
            output, lambda folder: build_site(ROOT / settings, folder, content, strict, extra)
        )


@contextmanager
def explained_failures(output: Path, debug: bool = False) -> Iterator[None]:
    """Turn what stops a build into an Exit whose message says what to do."""
    from pelican.generators import PelicanTemplateNotFound

    from bijgespijkerd.library.build_errors import BuildError

    try:
        yield
    except (BuildError, PelicanTemplateNotFound) as error:
        if debug:
            raise
        raise Exit(f"{_failed(output)}{error}", code=1) from None
    except OSError as error:
        msg = _("Could not write the site: {error}").format(error=error)
        raise Exit(f"{_failed(output)}{msg}", code=1) from None
    except Exception:
        traceback.print_exc()
        msg = _(
            "This is a bug in the site's code, not a mistake in your files: please report "
            "it with the traceback above."
        )
        raise Exit(f"{_failed(output)}{msg}", code=1) from None


def _failed(output: Path) -> str:
    """'Build failed. output/ is unchanged. ' (the first words of every failed build)."""
    if Path(output).exists():
        return _("Build failed. {folder}/ is unchanged. ").format(folder=Path(output).name)
    return _("Build failed. ")
