"""The invoke tasks, by who runs them; tasks.py gathers them under `invoke`.

building.py: build, serve, preview, publish, check, test (the editor, CI);
authors.py: new posts and profiles, datasets from spreadsheets, the evidence report;
wordpress.py: moving a WordPress blog here; maintainers.py: set-up, vendoring, messages,
lint; benchmarks.py: the measurements. The comment service's tasks live with it
(comment_service/tasks.py, `invoke comments.*`).
"""

from __future__ import annotations

from pathlib import Path

from bijgespijkerd.library.messages import DEFAULT_LANGUAGE, use_language
from bijgespijkerd.library.settings import read_site_settings

ROOT = Path(__file__).resolve().parent.parent
# Where `invoke serve` and `invoke livereload` show the site.
HOST = "localhost"
PORT = 8000


def task_settings(path: str) -> dict:
    """The site's settings (a file in the project folder); from here on, messages speak
    their MESSAGES_LANGUAGE."""
    settings = read_site_settings(ROOT / path)
    use_language(settings.get("MESSAGES_LANGUAGE", DEFAULT_LANGUAGE))
    return settings


def content_folder(content: str | None) -> Path:
    """The content folder a task works on: --content, or the project's content/."""
    return Path(content).resolve() if content else ROOT / "content"
