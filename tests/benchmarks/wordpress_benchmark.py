"""Benchmark: importing a big WordPress blog. Run with `invoke benchmark-wordpress`.

Writes a WXR 1.2 export of 1,000 posts with 10,000 comments (ten per post, threaded three
deep, with links, lists and a caption), imports it into an empty site with
`invoke import-wordpress` (a process of its own, as the editor runs it), then imports it
again (nothing may change), and prints both times. Target: the first import within 30 s
on the 2-core machine. It measures; it does not fail.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
POSTS = 1_000
COMMENTS_PER_POST = 10
RUNS = int(os.environ.get("RUNS", 3))

HEAD = """<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:excerpt="http://wordpress.org/export/1.2/excerpt/"
 xmlns:content="http://purl.org/rss/1.0/modules/content/"
 xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:wp="http://wordpress.org/export/1.2/">
<channel><title>Groot blog</title><link>https://groot.example.nl</link>
<pubDate>Mon, 02 Nov 2026 10:00:00 +0000</pubDate><wp:wxr_version>1.2</wp:wxr_version>
<wp:base_site_url>https://groot.example.nl</wp:base_site_url>
<wp:author><wp:author_login>auteur</wp:author_login>
<wp:author_display_name>Anne Auteur</wp:author_display_name></wp:author>
"""
BODY = """<![CDATA[Een alinea over leren, met <a href="https://example.org/{n}">een bron</a>.

[caption id="attachment_{n}" width="300"]<img alt="Foto {n}"
 src="https://groot.example.nl/wp-content/uploads/2015/01/foto-{n}.jpg" />
 Onderschrift {n}[/caption]

<ul><li>een punt</li><li>nog een punt met <strong>nadruk</strong></li></ul>

<!-- wp:paragraph --><p>Afsluitend: post {n} van het blog.</p><!-- /wp:paragraph -->]]>"""


def comment(post: int, number: int) -> str:
    ident = post * 100 + number
    parent = post * 100 + number - 1 if number % 3 else 0  # threads three deep
    return (
        f"<wp:comment><wp:comment_id>{ident}</wp:comment_id>"
        f"<wp:comment_author>Lezer {number}</wp:comment_author>"
        f"<wp:comment_author_email>lezer{number}@voorbeeld.nl</wp:comment_author_email>"
        f"<wp:comment_author_url>https://lezer{number}.example.nl</wp:comment_author_url>"
        f"<wp:comment_author_IP>192.0.2.{number}</wp:comment_author_IP>"
        f"<wp:comment_date_gmt>2015-01-{1 + number:02d} 10:00:00</wp:comment_date_gmt>"
        f"<wp:comment_content><![CDATA[Reactie {number} op post {post}.\n\nMet een tweede "
        f"alinea en <em>nadruk</em>.]]></wp:comment_content>"
        f"<wp:comment_approved>1</wp:comment_approved><wp:comment_type>comment"
        f"</wp:comment_type><wp:comment_parent>{parent}</wp:comment_parent></wp:comment>"
    )


def write_export(path: Path) -> None:
    parts = [HEAD]
    for n in range(1, POSTS + 1):
        parts.append(
            f"<item><title>Post {n} over leren</title>"
            f"<link>https://groot.example.nl/2015/01/post-{n}/</link>"
            f"<dc:creator>auteur</dc:creator>"
            f'<guid isPermaLink="false">https://groot.example.nl/?p={n}</guid>'
            f"<content:encoded>{BODY.format(n=n)}</content:encoded>"
            f"<wp:post_id>{n}</wp:post_id>"
            f"<wp:post_date_gmt>2015-01-01 {n % 24:02d}:00:00</wp:post_date_gmt>"
            f"<wp:post_name>post-{n}</wp:post_name><wp:status>publish</wp:status>"
            f"<wp:post_type>post</wp:post_type>"
            f'<category domain="category" nicename="leren"><![CDATA[Leren]]></category>'
            f'<category domain="post_tag" nicename="t{n % 20}"><![CDATA[tag {n % 20}]]></category>'
            + "".join(comment(n, c) for c in range(1, COMMENTS_PER_POST + 1))
            + "</item>\n"
        )
    parts.append("</channel></rss>\n")
    path.write_text("".join(parts), encoding="utf-8")


def timed_import(export: Path, content: Path, folder: Path) -> float:
    command = [sys.executable, "-m", "invoke", "import-wordpress", str(export)]
    command += ["--content", str(content), "--redirects", str(folder / "redirects.map")]
    env = {**os.environ, "COMMENTS_DATABASE": str(folder / "queue.sqlite3")}
    started = time.perf_counter()
    result = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, env=env)
    elapsed = time.perf_counter() - started
    if result.returncode != 0:
        sys.exit(f"import failed:\n{result.stdout}\n{result.stderr}")
    return elapsed


def main() -> None:
    firsts, agains = [], []
    for run in range(RUNS):
        with tempfile.TemporaryDirectory(prefix="bijgespijkerd-wordpress-") as tmp:
            folder = Path(tmp)
            export = folder / "export.xml"
            write_export(export)
            content = folder / "content"
            (content / "authors").mkdir(parents=True)
            firsts.append(timed_import(export, content, folder))
            comments = len(list((content / "comments").rglob("*.md")))
            agains.append(timed_import(export, content, folder))
            if run == 0:
                size = export.stat().st_size / 1e6
                print(f"export: {POSTS:,} posts, {comments:,} comments written, {size:.1f} MB")
    median = sorted(firsts)[RUNS // 2]
    again = sorted(agains)[RUNS // 2]
    cores = os.cpu_count()
    print(f"first import: {median:.1f} s (median of {RUNS}; target 30 s; {cores} cores)")
    print(f"same export again (nothing changes): {again:.1f} s")


if __name__ == "__main__":
    main()
