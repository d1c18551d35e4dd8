"""The comment service: takes in reader comments and holds them until the editor decides.

A small ASGI app (Starlette, run by uvicorn) behind the site's own origin at /reacties/.
It stores submissions in a SQLite queue and never publishes anything itself: approving a
comment (`invoke comments.approve`) writes it as a Markdown file in content/comments/, and
the next build shows it. Comments obey the same rules however they enter: the service
uses the comments plugin's rules (plugins/comments/rules.py), importable by name as the
project is installed.
"""

from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
