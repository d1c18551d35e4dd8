"""WordPress's HTML (posts and comments) as Markdown that renders exactly what it said.

The export holds what WordPress stored, not what it showed: block comments from the
block editor, shortcodes, and paragraphs written as blank lines (WordPress adds the <p>
tags when it shows a page). So: block comments go, shortcodes are converted (captions)
or kept visibly and listed, blank-line paragraphs become paragraphs; nh3 drops every tag
and attribute that is not plain text markup (scripts with their content); markdownify
writes the Markdown. Text is escaped for Python-Markdown (which the site uses), so
nothing in an export can become markup of its own; an address that the site would not
publish loses its link and is listed.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from html import escape, unescape
from urllib.parse import quote

import nh3
from bs4 import BeautifulSoup
from markdownify import MarkdownConverter

from bijgespijkerd.library.control_chars import one_line, without_control_characters
from bijgespijkerd.library.safe_urls import url_problem

# Tags a post may keep: text structure, links, images, tables, code.
ALLOWED_TAGS = {
    "a",
    "abbr",
    "b",
    "blockquote",
    "br",
    "cite",
    "code",
    "del",
    "dd",
    "dl",
    "dt",
    "em",
    "figcaption",
    "figure",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "hr",
    "i",
    "img",
    "ins",
    "kbd",
    "li",
    "ol",
    "p",
    "pre",
    "q",
    "s",
    "strike",
    "strong",
    "sub",
    "sup",
    "table",
    "tbody",
    "td",
    "th",
    "thead",
    "tr",
    "u",
    "ul",
}
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}, "img": {"src", "alt", "title"}, "abbr": {"title"}}
# Inline meaning Python-Markdown has no syntax for: kept as the HTML element it is.
INLINE_ELEMENTS = {
    "del": "del", "s": "del", "strike": "del", "ins": "ins", "sub": "sub", "sup": "sup",
    "kbd": "kbd", "cite": "cite", "q": "q", "abbr": "abbr",
}  # fmt: skip
# Python-Markdown's list items: their blocks are indented by four spaces.
LIST_INDENT = 4
# WordPress's own shortcodes, and how the importer treats them.
CONVERTED_SHORTCODES = {"caption", "wp_caption"}
KNOWN_SHORTCODES = {"gallery", "playlist", "audio", "video", "embed"}

# Every pattern below is linear in its input (an export is untrusted): an opening is
# paired with the next closing by one forward search (_spans), no pattern can scan on
# past the next "[" or "<", and runs of spaces are matched only from their start.
_BLOCK_COMMENT = (re.compile(r"<!--\s*/?wp:"), re.compile(r"-->"))
_SHORTCODE = re.compile(r"\[(?P<close>/?)(?P<name>[a-z_][a-z0-9_-]*)(?P<attributes>[^\]\[]*)\]")
_CAPTION = (
    re.compile(r"\[(?:wp_)?caption(?P<attributes>[^\]\[]*)\]", re.IGNORECASE),
    re.compile(r"\[/(?:wp_)?caption\]", re.IGNORECASE),
)
# Deeper than this, HTML is not text markup but an attack on the converter's recursion.
MAX_NESTING = 100
_TAG = re.compile(r"<(/?)([A-Za-z][A-Za-z0-9]*)[^<>]*?(/?)>")
_VOID = {"area", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "wbr"}
_ATTRIBUTE = re.compile(r"""(\w+)\s*=\s*(?:"([^"]*)"|'([^']*)'|(\S+))""")
_BLOCK_START = re.compile(
    r"^\s*<(?:p|div|h[1-6]|ul|ol|li|blockquote|pre|table|figure|hr|dl|address|form|"
    r"section|article|aside|header|footer|nav)\b",
    re.IGNORECASE,
)
_PRE = (re.compile(r"<pre\b", re.IGNORECASE), re.compile(r"</pre>", re.IGNORECASE))


@dataclass
class Converted:
    markdown: str
    shortcodes: list[str] = field(default_factory=list)  # kept as text: a person decides
    unsafe_links: list[str] = field(default_factory=list)  # link removed, text kept
    removed: list[str] = field(default_factory=list)  # embeds and scripts, described
    without_alt: list[str] = field(default_factory=list)  # images with no description
    headings_moved: bool = False  # an <h1> in the text: every heading one level down
    nesting: int = 0  # how deep its elements were nested; beyond MAX_NESTING, text only


def html_to_markdown(
    html: str,
    image_address: Callable[[str], str] = lambda src: src,
    link_address: Callable[[str], str] = lambda href: href,
    tags: set[str] = ALLOWED_TAGS,
) -> Converted:
    """`html` as WordPress stored it, as Markdown with only `tags`' markup;
    `image_address` gives the address to use for an image (a copied file, or the old),
    `link_address` for a link (a post's new page, or the old)."""
    result = Converted("")
    html = without_control_characters(html.replace("\r\n", "\n"))
    result.nesting = nesting(html)
    if result.nesting > MAX_NESTING:  # kept as its text, paragraphs and all; reported
        # Not through nh3: its parser takes quadratic time on such nesting.
        text = re.sub(r"<(?:/?p|br)\b[^<>]*>", "\n\n", html, flags=re.IGNORECASE)
        text = unescape(re.sub(r"<[^<>]*>", "", text))
        result.markdown = _tidy(escape_markdown(text))
        return result
    html = _spans(html, *_BLOCK_COMMENT, lambda opening, inner, closing: "")
    html = _spans(html, *_CAPTION, _caption_as_figure)
    closed = set(re.findall(r"\[/([a-z_][a-z0-9_-]*)\]", html))
    html = _SHORTCODE.sub(lambda match: _kept_shortcode(match, closed, result), html)
    html = _paragraphs(html)
    result.unsafe_links, result.removed = _what_cleaning_removes(html, tags)
    html = nh3.clean(
        html,
        tags=tags,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes={"http", "https", "mailto"},
        link_rel=None,
    )
    # The article's title is its page's only <h1>; headings in the text follow it.
    result.headings_moved = bool(re.search(r"<h1\b", html, re.IGNORECASE))
    converter = _Converter(result, image_address, link_address)
    result.markdown = _tidy(converter.convert(html))
    return result


def text_of(html: str) -> str:
    """Plain text of a title or name: tags dropped, entities read, whitespace one space."""
    text = unescape(nh3.clean(without_control_characters(html), tags=set()))
    return one_line(without_control_characters(text))


# What a post may hold that the site never shows: content from elsewhere, or code.
_EMBEDS = ("iframe", "object", "embed", "video", "audio", "script", "form", "canvas", "svg")


def _what_cleaning_removes(html: str, tags: set[str]) -> tuple[list[str], list[str]]:
    """Addresses of links and images the site would not publish, and embeds and scripts,
    each described: nh3 removes both, and the report says so."""
    soup = BeautifulSoup(html, "html.parser")
    found = [a.get("href", "") for a in soup.find_all("a")]
    found += [img.get("src", "") for img in soup.find_all("img")]
    unsafe = [url[:200] for url in found if url and _safe_address(url) is None]
    removed = []
    embeds = _EMBEDS if "img" in tags else (*_EMBEDS, "img")  # comments show no images
    for element in soup.find_all(embeds):
        source = element.get("src") or element.get("data") or element.get("action") or ""
        removed.append(f"<{element.name}> {source[:120]}".rstrip())
    return unsafe, removed


def nesting(html: str) -> int:
    """How deep `html`'s elements are nested at most (one forward pass)."""
    depth = deepest = 0
    for tag in _TAG.finditer(html):
        closing, name, self_closing = tag.groups()
        if closing:
            depth = max(0, depth - 1)
        elif not self_closing and name.lower() not in _VOID:
            depth += 1
            deepest = max(deepest, depth)
    return deepest


def _spans(html: str, opening: re.Pattern, closing: re.Pattern, replace) -> str:
    """`html` with each opening … closing replaced by `replace(opening, inner, closing)`,
    each opening paired with the first closing after it; once no closing follows, no
    later opening has one either, and the search stops."""
    parts, position = [], 0
    for start in opening.finditer(html):
        if start.start() < position:
            continue  # inside a span already replaced
        end = closing.search(html, start.end())
        if end is None:
            break
        parts += [
            html[position : start.start()],
            replace(start, html[start.end() : end.start()], end),
        ]
        position = end.end()
    parts.append(html[position:])
    return "".join(parts)


def _caption_as_figure(match: re.Match[str], inner: str, _closing: re.Match[str]) -> str:
    attributes = _attributes(match["attributes"])
    inner = inner.strip()
    image = re.search(r"<img\b[^>]*>", inner, re.IGNORECASE)
    caption = attributes.get("caption") or (inner[image.end() :] if image else inner)
    # The image may sit inside a link to the full-size file: keep the image only.
    picture = image.group() if image else ""
    return f"<figure>{picture}<figcaption>{caption.strip()}</figcaption></figure>"


def _kept_shortcode(match: re.Match[str], closed: set[str], result: Converted) -> str:
    """A shortcode the site cannot show: left in the text, as written, and listed.
    `closed`: the names that have a closing [/name] somewhere in the text."""
    name = match["name"]
    is_shortcode = (
        name in KNOWN_SHORTCODES or "=" in match["attributes"] or name in closed or match["close"]
    )
    if is_shortcode and not match["close"]:
        result.shortcodes.append(match.group()[:200])
    return match.group()


def _attributes(text: str) -> dict[str, str]:
    return {m[1].lower(): m[2] or m[3] or m[4] or "" for m in _ATTRIBUTE.finditer(text)}


def _paragraphs(html: str) -> str:
    """WordPress's wpautop, in short: blank lines part paragraphs, a single line break is
    a <br>. Stored block-editor content already has its <p> tags and is left alone."""
    if re.search(r"<p\b", html, re.IGNORECASE):
        return html
    kept: list[str] = []

    def keep(block: str) -> str:
        kept.append(block)
        return f"\x00{len(kept) - 1}\x00"

    html = _spans(html, *_PRE, lambda start, inner, end: keep(start.group() + inner + end.group()))
    chunks = [c.strip() for c in re.split(r"\n\s*\n", html) if c.strip()]
    parts = []
    for chunk in chunks:
        if _BLOCK_START.match(chunk) or re.fullmatch(r"\x00\d+\x00", chunk):
            parts.append(chunk)
        else:
            parts.append("<p>" + chunk.replace("\n", "<br>\n") + "</p>")
    joined = "\n\n".join(parts)
    return re.sub(r"\x00(\d+)\x00", lambda m: kept[int(m[1])], joined)


# Characters Python-Markdown reads as markup anywhere in a line: each escaped with "\\"
# (its own escapes), "|" (a table) as an entity, which every Markdown set-up reads.
_ANYWHERE = re.compile(r"([\\`*_{}\[\]])")
_ENTITY_LIKE = re.compile(r"&(?=#?\w+;)")
# What only opens a block at the start of a line: headings, lists, quotes, rules, fences,
# definition lists, numbered lists ("1." or "1)").
_LINE_START = re.compile(r"^([ \t]*)(?:([#+-])|([>=:~])|(\d+)([.)]))", re.MULTILINE)
_LINE_START_ENTITY = {">": "&gt;", "=": "&#61;", ":": "&#58;", "~": "&#126;"}


def escape_markdown(text: str) -> str:
    """`text` as Markdown that shows exactly `text`: no markup, no raw HTML, no entity."""
    text = _ENTITY_LIKE.sub("&amp;", text).replace("<", "&lt;").replace("|", "&#124;")
    text = _ANYWHERE.sub(r"\\\1", text)

    def line_start(match: re.Match[str]) -> str:
        indent, marker, entity_marker, digits, stop = match.groups()
        if marker:
            return f"{indent}\\{marker}"
        if entity_marker:
            return indent + _LINE_START_ENTITY[entity_marker]
        return f"{indent}{digits}\\{stop}"

    return _LINE_START.sub(line_start, text)


def _safe_address(url: str) -> str | None:
    """The address as Markdown may hold it, or None when the site would not publish it."""
    url = quote(url.strip(), safe=":/?#@!$&'*+,;=%~[]")
    return url if url and not url_problem(url, relative_ok=True) else None


def _local_or_safe(address: str) -> str | None:
    """Pelican's own link to a file of the site as it is; any other address made safe."""
    return address if address.startswith(("{static}/", "{filename}/")) else _safe_address(address)


class _Converter(MarkdownConverter):
    def __init__(self, result: Converted, image_address, link_address) -> None:
        super().__init__(
            heading_style="atx",
            bullets="-",
            escape_misc=False,
            autolinks=False,
            table_infer_header=True,
        )
        self.result = result
        self.image_address = image_address
        self.link_address = link_address

    def escape(self, text, parent_tags):
        return escape_markdown(text) if text else ""

    def convert_li(self, el, text, parent_tags):
        """A list item whose paragraphs, code and nested lists stay inside it: Python-
        Markdown reads a list item's blocks at four spaces, not markdownify's two."""
        text = (text or "").strip("\n")
        if not text.strip():
            return "\n"
        parent = el.parent
        if parent is not None and parent.name == "ol":
            start = str(parent.get("start") or "1")
            first = int(start) if start.isdigit() else 1
            bullet = f"{first + len(el.find_previous_siblings('li'))}."
        else:
            bullet = "-"
        bullet = bullet.ljust(LIST_INDENT - 1) + " "
        lines = text.strip().split("\n")
        rest = [(" " * len(bullet) + line) if line.strip() else "" for line in lines[1:]]
        # An item of several blocks ends with a blank line, or the next item joins it.
        end = "\n\n" if "" in rest else "\n"
        return bullet + "\n".join([lines[0], *rest]) + end

    def convert_list(self, el, text, parent_tags):
        """A list right after another list stays its own (Python-Markdown would run them
        together): an empty HTML comment parts them."""
        converted = super().convert_list(el, text, parent_tags)
        previous = el.find_previous_sibling(True)
        if "li" not in parent_tags and previous is not None and previous.name in ("ul", "ol"):
            return "\n\n<!-- -->" + converted
        return converted

    convert_ul = convert_ol = convert_list

    def convert_pre(self, el, text, parent_tags):
        """Code in a list item as an indented block (Python-Markdown's fences stand only at
        the start of a line); elsewhere as a fence."""
        if "li" not in parent_tags:
            return super().convert_pre(el, text, parent_tags)
        lines = text.strip("\n").split("\n")
        return "\n\n" + "\n".join(" " * LIST_INDENT + line for line in lines) + "\n\n"

    def _inline_element(self, el, text, parent_tags):
        prefix, suffix, inner = _chomp(text)
        if not inner:
            return text
        name = INLINE_ELEMENTS[el.name]
        title = el.get("title") if name == "abbr" else None
        attribute = f' title="{escape(title, quote=True)}"' if title else ""
        return f"{prefix}<{name}{attribute}>{inner}</{name}>{suffix}"

    convert_del = convert_s = convert_strike = convert_ins = _inline_element
    convert_sub = convert_sup = convert_kbd = convert_cite = convert_q = _inline_element
    convert_abbr = _inline_element

    def convert_hN(self, n, el, text, parent_tags):
        return super().convert_hN(min(n + self.result.headings_moved, 6), el, text, parent_tags)

    def convert_a(self, el, text, parent_tags):
        prefix, suffix, inner = _chomp(text)
        if not inner:
            return ""
        safe = _local_or_safe(self.link_address(el.get("href") or ""))
        if not safe:
            return text
        title = el.get("title")
        title_part = f' "{escape_markdown(title)}"' if title else ""
        return f"{prefix}[{inner}]({safe}{title_part}){suffix}"

    def convert_img(self, el, text, parent_tags):
        if el.parent is not None and el.parent.name == "figure":
            return ""  # written by convert_figure
        safe = self._image(el)
        if safe and not (el.get("alt") or "").strip():
            self.result.without_alt.append((el.get("src") or "")[:200])
        alt = escape_markdown(" ".join((el.get("alt") or "").split()))
        return f"![{alt}]({safe})" if safe else ""

    def _image(self, el) -> str | None:
        return _local_or_safe(self.image_address(el.get("src") or ""))

    def convert_figure(self, el, text, parent_tags):
        """A captioned image as the HTML figure the site's own articles use."""
        images = el.find_all("img")
        caption = el.find("figcaption", recursive=False)
        if len(images) != 1 or images[0].parent is not el:
            return f"\n\n{text}\n\n"  # a gallery's figures, an embed: as their parts say
        image = images[0]
        safe = self._image(image)
        if safe is None:
            return f"\n\n{escape_markdown(caption.get_text()) if caption else ''}\n\n"
        words = " ".join(caption.get_text().split()) if caption else ""
        # Without a description of its own, the caption describes the image.
        alt = " ".join((image.get("alt") or "").split()) or words
        if not alt:
            self.result.without_alt.append((image.get("src") or "")[:200])
        alt, words = escape(alt, quote=True), escape(words, quote=False)
        figcaption = f"<figcaption>{words}</figcaption>" if words else ""
        return f'\n\n<figure><img src="{escape(safe)}" alt="{alt}">{figcaption}</figure>\n\n'


def _chomp(text: str) -> tuple[str, str, str]:
    prefix = " " if text and text[0] == " " else ""
    suffix = " " if text and text[-1] == " " else ""
    return prefix, suffix, text.strip()


def _tidy(markdown: str) -> str:
    """At most one blank line between blocks, no trailing spaces except Markdown's line
    breaks, one final newline."""
    markdown = re.sub(r"(?<![ \t])[ \t]+\n(?!\S)", "\n", markdown)
    markdown = re.sub(r"\n{3,}", "\n\n", markdown).strip("\n")
    return markdown + "\n" if markdown else ""
