"""`invoke livereload`'s preview of a site whose whole-site builds never finish (each is
a process that only waits, its command line holding $NEVER_FINISHES): whatever a page shows after
an edit came from the quick build. Run by tests/test_live_preview.py in a process of its
own, as the build refuses network connections process-wide while it runs.

    NEVER_FINISHES=marker python tests/preview_without_whole_builds.py CONTENT OUTPUT PORT
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

import uvicorn  # noqa: E402

from bijgespijkerd.library.live_preview import BuildFailed, LivePreview  # noqa: E402
from bijgespijkerd.library.pelican_run import build_articles_only  # noqa: E402
from bijgespijkerd.library.preview_app import PreviewSite  # noqa: E402


def main(content: Path, output: Path, port: int, marker: str) -> None:
    def quick_build(folder, articles):
        try:
            return build_articles_only(ROOT / "pelicanconf.py", folder, str(content), articles)
        except Exception as error:  # the task words these as the build does
            raise BuildFailed(str(error)) from None

    preview = LivePreview(
        PreviewSite(output),
        content=content,
        watched=[content],
        ignored=[".*", "*~"],
        quick_build=quick_build,
        full_build=[sys.executable, "-c", f"import time; time.sleep(600)  # {marker}"],
    )
    uvicorn.run(preview.app(), port=port, log_level="warning", timeout_graceful_shutdown=1)


if __name__ == "__main__":
    main(Path(sys.argv[1]), Path(sys.argv[2]), int(sys.argv[3]), os.environ["NEVER_FINISHES"])
