"""Turn a reader's comment (untrusted Markdown) into safe HTML.

Two layers, because either alone has gaps: Markdown is parsed with raw HTML and
attribute lists switched off, so a reader's `<script>` or `{: onclick=...}` stays text;
the result is then cleaned by nh3 with a small allowlist, which also decodes entities
before judging a URL, so `&#106;avascript:` is caught.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as etree
from html import escape

import nh3
from markdown import Markdown
from markdown.blockprocessors import UListProcessor
from markdown.extensions import Extension
from markdown.inlinepatterns import InlineProcessor

ALLOWED_TAGS = {"p", "br", "ul", "ol", "li", "em", "strong", "code", "pre", "blockquote", "a"}
ALLOWED_ATTRIBUTES = {"a": {"href"}}
ALLOWED_URL_SCHEMES = {"http", "https", "mailto"}
LINK_REL = "nofollow ugc noopener"

_SAFE_HREF = re.compile(r"^(https?://[^\s]+|mailto:[^\s]+)$", re.IGNORECASE)
# A bare URL in running text; trailing punctuation belongs to the sentence, not the URL.
_BARE_URL = r"(?<![\w/\"'=])(https?://[^\s<>\"']+[^\s<>\"'.,;:!?)\]])"


class _BareUrlProcessor(InlineProcessor):
    def handleMatch(self, m, data):
        link = etree.Element("a")
        link.set("href", m.group(1))
        link.text = m.group(1)
        return link, m.start(0), m.end(0)


class _LinkProcessor(InlineProcessor):
    """`[text](address)` in one bounded pattern. Python-Markdown's own link patterns scan
    ahead for a closing bracket at every `[`, which takes minutes on a comment of
    brackets; this one never looks further than a link can be long."""

    def handleMatch(self, m, data):
        link = etree.Element("a")
        link.set("href", m.group(2))
        link.text = m.group(1)
        return link, m.start(0), m.end(0)


# Link text without brackets or line breaks, an address without spaces or parentheses.
_LINK = r'\[([^\[\]\n]{1,300})\]\(\s*<?([^\s()<>]{1,2000})>?(?:\s+"[^"\n]{0,300}")?\s*\)'
# Python-Markdown's link and image patterns, all replaced by _LinkProcessor.
_SCANNING_PATTERNS = (
    "reference",
    "link",
    "image_link",
    "image_reference",
    "short_reference",
    "short_image_ref",
)


class _DashListProcessor(UListProcessor):
    """Lists written with an en dash ('– item'), as readers type them in comments."""

    TAG = "ul"

    def __init__(self, parser):
        super().__init__(parser)
        indent = self.tab_length - 1
        self.RE = re.compile(rf"^[ ]{{0,{indent}}}–[ ]+(.*)")
        # get_items() reads the item text from group 3, as in Markdown's own lists.
        self.CHILD_RE = re.compile(rf"^[ ]{{0,{indent}}}((–))[ ]+(.*)")


class _CommentMarkdown(Extension):
    def extendMarkdown(self, md):
        # No raw HTML: a reader's tags are shown as text, not parsed.
        md.preprocessors.deregister("html_block")
        md.inlinePatterns.deregister("html")
        md.inlinePatterns.register(_BareUrlProcessor(_BARE_URL, md), "bare_url", 5)
        for name in _SCANNING_PATTERNS:
            md.inlinePatterns.deregister(name)
        md.inlinePatterns.register(_LinkProcessor(_LINK, md), "bounded_link", 160)
        md.parser.blockprocessors.register(_DashListProcessor(md.parser), "dash_list", 29)


def _keep_safe_href(tag: str, attribute: str, value: str) -> str | None:
    if tag == "a" and attribute == "href":
        return value if _SAFE_HREF.match(value.strip()) else None
    return value


def sanitise_html(html: str) -> str:
    """Keep only the allowlisted tags, attributes and absolute http(s)/mailto links."""
    return nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=ALLOWED_URL_SCHEMES,
        attribute_filter=_keep_safe_href,
        link_rel=LINK_REL,
        strip_comments=True,
    )


def render_comment(text: str) -> str:
    """Render comment Markdown to sanitised HTML; single newlines become line breaks."""
    # Line breaks inside a paragraph are kept, as on the original blog: readers
    # write "groet,\nFrans" and expect two lines.
    md = Markdown(extensions=[_CommentMarkdown(), "nl2br", "sane_lists"], output_format="html")
    try:
        html = md.convert(text)
    except RecursionError:  # thousands of nested lists or quotes: shown as plain text
        paragraphs = [p for p in re.split(r"\n\s*\n", text) if p.strip()]
        html = "".join(f"<p>{escape(p).replace(chr(10), '<br>')}</p>" for p in paragraphs)
    return sanitise_html(html)
