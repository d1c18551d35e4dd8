"""Decide what an export becomes: every file to write, every comment to queue, every
redirect, and every decision a person should check. Nothing is written here.

Each file carries the WordPress record it comes from (its *source*, e.g. "post 12"), so a
second import finds what the first one wrote (apply.py keeps that record) and never makes
a second copy of a post or comment.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime
from pathlib import Path, PurePosixPath
from urllib.parse import unquote, urljoin, urlsplit
from zoneinfo import ZoneInfo

from pelican.utils import slugify

from bijgespijkerd.library.content_slugs import content_addresses
from bijgespijkerd.library.control_chars import line_problem
from bijgespijkerd.library.messages import N_, _, number
from bijgespijkerd.library.published_files import picture_problem
from bijgespijkerd.library.safe_urls import url_problem
from bijgespijkerd.plugins.author_profiles.profiles import profile_names
from bijgespijkerd.plugins.comments.files import comment_number
from bijgespijkerd.plugins.comments.render import ALLOWED_TAGS as COMMENT_TAGS
from bijgespijkerd.plugins.comments.rules import MAX_NAME_LENGTH, comment_problems

from .markup import MAX_NESTING, Converted, escape_markdown, html_to_markdown, text_of
from .redirects import (
    MAX_REDIRECT_KEY_BYTES,
    SITE_ROOT_FILES,
    fits_nginx_map,
    nginx_can_match,
    old_addresses,
    site_folders,
    takes_site_address,
)
from .wxr import Export, WpComment, WpItem, parse_wp_date

IMPORTED_TYPES = {"post": "article", "page": "page"}
# Not published in WordPress, so drafts here: each with the reason the report gives.
DRAFT_STATUSES = {
    "draft": N_("a draft in WordPress"),
    "pending": N_("waiting for review in WordPress"),
    "private": N_("private in WordPress"),
    "future": N_("scheduled in WordPress"),
}
SKIPPED_STATUSES = {"trash": N_("in the trash"), "auto-draft": N_("automatic drafts")}
NOT_READER_COMMENTS = {"pingback", "trackback"}
MEDIA_FOLDER = "images/wordpress"  # under content/: Pelican's static images folder
_UPLOADS = "/wp-content/uploads/"
_SAFE_MEDIA_PATH = re.compile(r"^[A-Za-z0-9._-]+(/[A-Za-z0-9._-]+)*$")


@dataclass(frozen=True)
class Planned:
    """A file to write: `path` relative to the content folder, with its text or a file
    to copy, and the WordPress record it comes from."""

    path: str
    source: str
    text: str | None = None
    copy_from: Path | None = None
    folder_of_comments: str | None = None  # its comment folder, for the thread check


@dataclass(frozen=True)
class Pending:
    """A comment WordPress had not approved yet: the editor decides, in the queue."""

    source: str
    article: str  # the post's slug
    back: str  # its address on the site
    author: str
    body: str
    website: str | None
    replyto: str | None
    received: float


@dataclass
class Plan:
    files: list[Planned] = field(default_factory=list)
    pending: list[Pending] = field(default_factory=list)
    redirects: dict[str, str] = field(default_factory=dict)  # old path -> new path
    counts: Counter = field(default_factory=Counter)
    skipped: Counter = field(default_factory=Counter)  # reason -> number
    skipped_types: Counter = field(default_factory=Counter)  # WordPress post type -> number
    checks: list[tuple[str, dict]] = field(default_factory=list)  # (message, values)
    shortcodes: list[tuple[str, str]] = field(default_factory=list)  # (file, shortcode)
    missing_media: list[tuple[str, str]] = field(default_factory=list)  # (file, address)
    removed: list[tuple[str, str]] = field(default_factory=list)  # (file, embed or script)
    without_alt: list[tuple[str, str]] = field(default_factory=list)  # (file, image)

    def check(self, message: str, **values) -> None:
        self.checks.append((message, values))


@dataclass
class _Post:
    item: WpItem
    kind: str  # "article" or "page"
    slug: str
    path: str
    url: str
    draft: bool
    header: list[str]  # its file's header lines; the body follows once every post is known
    source: str  # "post 12"; with the guid where two items share an id


def plan_import(
    export: Export,
    settings: dict,
    content: Path,
    known: dict[str, str],
    taken_slugs: dict[str, str],
    media: Path | None = None,
) -> Plan:
    """What `export` becomes. `known` maps each source imported before to the path it was
    written to; `taken_slugs` maps the slug of every other article and page to its file."""
    planner = _Planner(export, settings, content, known, taken_slugs, media)
    return planner.plan()


# What keeps an old address out of nginx's redirect map, and what the report says then.
UNMATCHABLE = (
    (
        nginx_can_match,
        N_(
            "{path}: no redirect from the old address {url}: it holds characters nginx cannot match"
        ),
    ),
    (
        fits_nginx_map,
        N_(
            "{path}: no redirect from the old address {url}…: it is longer than {limit} "
            "bytes, more than the web server's map holds"
        ),
    ),
)


class _Planner:
    def __init__(self, export, settings, content, known, taken_slugs, media) -> None:
        self.export = export
        self.settings = settings
        self.known = known
        self.taken = taken_slugs
        self.imported_slugs: set[str] = set()
        self.reserved = site_folders(settings)
        self.content = content
        self.media = media.resolve() if media else None
        self.zone = ZoneInfo(settings["TIMEZONE"])
        self.result = Plan()
        self.authors = {a.login: text_of(a.display_name)[:MAX_NAME_LENGTH] for a in export.authors}
        self.copied: set[str] = set()
        self.authorless: list[str] = []  # posts the export names no author for

    def plan(self) -> Plan:
        if self.export.control_characters:
            self.result.check(
                N_(
                    "{n} invisible control characters were removed from the "
                    "export (XML does not allow them)"
                ),
                n=self.export.control_characters,
            )
        ids = Counter(item.id for item in self.export.items if item.type in IMPORTED_TYPES)
        self.shared_ids = {shared for shared, count in ids.items() if count > 1}
        for shared in sorted(self.shared_ids):
            self.result.check(
                N_(
                    "The export has {count} posts with the id {id}; each is imported, and "
                    "none gets the old address /?p={id}"
                ),
                count=ids[shared],
                id=shared,
            )
        self.sources: set[str] = set()
        posts = []
        for item in self.export.items:
            post = self._post(item)
            if post is not None:
                posts.append(post)
        moved = self._new_places(posts)
        for post in posts:
            self._body(post, moved)
            self._comments(post)
        self._authors()
        self._keep_site_addresses(posts)
        return self.result

    # Authors

    def _authors(self) -> None:
        """A profile for every author in the export, and for every post's author the
        export does not describe (WXR 1.0 has no authors: the login is the name); the
        site's own author for posts without one, if that author has no profile yet."""
        bios = {author.login: author.bio for author in self.export.authors}
        profiles: set[str] = set()
        if self.authorless:
            self._site_author_profile()
        for login, name in self.authors.items():
            if not name or self._slug(name) in profiles:
                continue  # two logins with one name share one profile, as their articles do
            profiles.add(self._slug(name))
            if login not in bios:
                self.result.check(
                    N_(
                        "The export does not describe the author {login}; the "
                        "login is used as the name"
                    ),
                    login=repr(login),
                )
            source = f"author {login}"
            slug = self._slug(name)
            path = self.known.get(source, f"{self.settings['AUTHOR_PROFILES_PATH']}/{slug}.md")
            bio = bios.get(login)
            bio = html_to_markdown(bio, self._image_for(path)).markdown if bio else ""
            self.result.files.append(Planned(path, source, f"Name: {name}\n\n{bio}"))
            self.result.counts["authors"] += 1
            if not bio:
                self.result.check(
                    N_("{path}: the export has no biography for {name}"), path=path, name=name
                )

    def _site_author_profile(self) -> None:
        name = self.settings["AUTHOR"]
        folder = self.content / self.settings["AUTHOR_PROFILES_PATH"]
        self.result.check(
            N_("{count} post(s) have no author in the export; they are by {name}"),
            count=len(self.authorless),
            name=name,
        )
        if name in profile_names(folder) or name in self.authors.values():
            return
        source = "author (site)"
        path = self.known.get(
            source, f"{self.settings['AUTHOR_PROFILES_PATH']}/{self._slug(name)}.md"
        )
        self.result.files.append(Planned(path, source, f"Name: {name}\n\n"))
        self.result.counts["authors"] += 1

    # Posts and pages

    def _post(self, item: WpItem) -> _Post | None:
        result = self.result
        kind = IMPORTED_TYPES.get(item.type)
        if kind is None:
            result.skipped_types[item.type or "?"] += 1
            return None
        if item.status in SKIPPED_STATUSES:
            result.skipped[SKIPPED_STATUSES[item.status]] += 1
            return None
        title = text_of(item.title)
        if len(title) > MAX_NAME_LENGTH:
            title = title[:MAX_NAME_LENGTH].rstrip()
            result.check(
                N_("'{title}…': the title was longer than {limit} characters and was cut"),
                title=title[:60],
                limit=MAX_NAME_LENGTH,
            )
        source = self._source(item)
        if source in self.sources:
            result.skipped[N_("the same post twice in the export")] += 1
            return None
        self.sources.add(source)
        slug = self._post_slug(item, title, kind, source)
        if slug in self.taken:
            result.skipped[N_("slug already used by another file")] += 1
            result.check(
                N_("'{title}' was not imported: its slug {slug} is already used by {path}"),
                title=title,
                slug=slug,
                path=self.taken[slug],
            )
            return None
        folder = self.settings["PAGE_PATHS"][0] + "/" if kind == "page" else ""
        path = self.known.get(source, f"{folder}{slug}.md")
        self.imported_slugs.add(slug)
        when = self._date(item, path)
        draft = item.status != "publish" or bool(item.password) or when is None
        if when is None:
            when = self._undated(item)
            result.counts["drafts"] += 1
            result.check(
                N_(
                    "{path}: the export gives no date of publication; it is imported as a "
                    "draft dated {date}: give it its real Date, then publish it"
                ),
                path=path,
                date=f"{when:%Y-%m-%d}",
            )
        elif draft:
            label = N_("password-protected") if item.password else DRAFT_STATUSES.get(item.status)
            reason = _(label) if label else repr(item.status[:40])
            result.counts["drafts"] += 1
            result.check(
                N_("{path}: imported as a draft ({reason}); it is not published"),
                path=path,
                reason=reason,
            )
        else:
            result.counts["articles" if kind == "article" else "pages"] += 1
        header = [f"Title: {title or slug}", f"Date: {when:%Y-%m-%d %H:%M}"]
        if not title:
            result.check(N_("{path}: the post has no title; its slug is used"), path=path)
        if item.creator and item.creator not in self.authors:
            self.authors[item.creator] = text_of(item.creator)[:MAX_NAME_LENGTH]
        author = self.authors.get(item.creator)
        if not author:  # the site's own author, who gets a profile if there is none
            author = self.settings["AUTHOR"]
            self.authorless.append(path)
        header.append(f"Author: {author}")
        if kind == "article":
            header += self._categories(item, path)
        header.append(f"Slug: {slug}")
        if excerpt := text_of(item.excerpt):
            # The author's own summary (WordPress's excerpt), shown on the front page.
            header.append(f"Summary: {escape_markdown(excerpt)}")
        if draft:
            header.append("Status: draft")
        url = self.settings["ARTICLE_URL" if kind == "article" else "PAGE_URL"]
        url = "/" + url.format(slug=slug, date=when)
        post = _Post(item, kind, slug, path, url, draft, header, source)
        if not draft:
            self._redirects(post)
        return post

    def _new_places(self, posts: list[_Post]) -> dict[str, str]:
        """Every old address of a published post, and its file here: a link to it
        becomes Pelican's {filename} link, which follows the post wherever it is."""
        return {
            old: post.path for post in posts if not post.draft for old in self._old_addresses(post)
        }

    def _link_for(self, moved: dict[str, str]):
        hosts = {_host(self.export.site_link), _host(self.export.base_site_url)}

        def address(href: str) -> str:
            parts = urlsplit(href.strip())
            if parts.scheme not in ("", "http", "https") or (
                parts.netloc and _host(parts.netloc) not in hosts
            ):
                return href
            if not parts.netloc and not href.startswith(("/", "?")):
                return href  # relative to the old page: leave as written
            # Read as the old addresses were: "/?p=12", or the path with or without "/".
            places = [moved[old] for old in old_addresses(href, "") if old in moved]
            if not places:
                return href
            target = places[0]
            self.result.counts["links"] += 1
            return f"{{filename}}/{target}" + (f"#{parts.fragment}" if parts.fragment else "")

        return address

    def _body(self, post: _Post, moved: dict[str, str]) -> None:
        result, path = self.result, post.path
        body = html_to_markdown(post.item.content, self._image_for(path), self._link_for(moved))
        self._nesting(path, body)
        result.shortcodes += [(path, code) for code in body.shortcodes]
        result.removed += [(path, what) for what in body.removed]
        result.without_alt += [(path, src) for src in body.without_alt]
        if body.headings_moved:
            message = N_("{path}: the text has a heading 1; its headings are one level lower")
            result.check(message, path=path)
        for address in body.unsafe_links:
            result.check(
                N_("{path}: the address {url} is not published; its link was removed"),
                path=path,
                url=repr(address[:80]),
            )
        text = "\n".join(post.header) + "\n\n" + (body.markdown or "\n")
        result.files.append(Planned(path, post.source, text))

    def _source(self, item: WpItem) -> str:
        """What the record knows a post by: its id, and where an export gives one id to
        several posts, its guid (or address, or slug) too, the same on every import."""
        if item.id not in self.shared_ids:
            return f"post {item.id}"
        return f"post {item.id} {item.guid or item.link or item.slug or item.title}"

    def _old_addresses(self, post: _Post) -> list[str]:
        """Its permalink and guid as nginx reads them, and WordPress's own /?p=ID (and
        /?page_id=ID for a page) from the id every item has, unless another shares it."""
        found = old_addresses(post.item.link, post.item.guid)
        if post.item.id.isdigit() and post.item.id not in self.shared_ids:
            found.append(f"/?p={post.item.id}")
            if post.kind == "page":
                found.append(f"/?page_id={post.item.id}")
        return list(dict.fromkeys(found))

    def _post_slug(self, item: WpItem, title: str, kind: str, source: str) -> str:
        """WordPress's slug made one of ours (percent-decoded, accents as our slugs have
        them), unique among the imported posts and, for a page, clear of the site's own
        addresses (/archief/, /zoeken/…); the one given before on a re-import."""
        known = self.known.get(source)
        if known:
            return PurePosixPath(known).stem
        slug = self._slug(unquote(item.slug)) or self._slug(title) or f"wordpress-{item.id}"
        unique, number = slug, 2
        while unique in self.imported_slugs or (kind == "page" and unique in self.reserved):
            unique, number = f"{slug}-{number}", number + 1
        if unique != slug:
            self.result.check(
                N_("'{title}': the slug {slug} was taken by another post; it became {unique}"),
                title=title,
                slug=slug,
                unique=unique,
            )
        return unique

    def _slug(self, text: str) -> str:
        return slugify(text, regex_subs=self.settings["SLUG_REGEX_SUBSTITUTIONS"])

    def _date(self, item: WpItem, path: str) -> datetime | None:
        """When the post was published, in the site's time zone: from WordPress's GMT
        date; its local date only when the GMT one is missing (said in the report); None
        when the export does not say."""
        gmt = parse_wp_date(item.date_gmt)
        if gmt is not None:
            return gmt.replace(tzinfo=UTC).astimezone(self.zone)
        local = parse_wp_date(item.date)
        if local is not None:
            self.result.check(
                N_(
                    "{path}: no GMT date in the export; WordPress's local date "
                    "was used as the site's time"
                ),
                path=path,
            )
            return local.replace(tzinfo=self.zone)
        return None

    def _undated(self, item: WpItem) -> datetime:
        """A draft's date for a post the export gives none: when it was last changed, or
        when the export was made (the same on every import; the report asks for the
        real date before the draft is published)."""
        modified = parse_wp_date(item.modified_gmt)
        if modified is not None:
            return modified.replace(tzinfo=UTC).astimezone(self.zone)
        try:
            return parsedate_to_datetime(self.export.created).astimezone(self.zone)
        except (TypeError, ValueError):
            return datetime(1970, 1, 1, tzinfo=self.zone)

    def _categories(self, item: WpItem, path: str) -> list[str]:
        categories = _unique(text_of(c.name) for c in item.categories if c.domain == "category")
        # WXR 1.0 says "tag" where later versions say "post_tag".
        tags = _unique(text_of(c.name) for c in item.categories if c.domain in ("post_tag", "tag"))
        header = []
        if categories:
            header.append(f"Category: {categories[0]}")
        if len(categories) > 1:
            self.result.check(
                N_(
                    "{path}: WordPress gave it the categories {categories}; the "
                    "first is its category, the others became tags"
                ),
                path=path,
                categories=", ".join(categories),
            )
        tags = _unique([*categories[1:], *tags])
        if tags:
            header.append("Tags: " + ", ".join(t.replace(",", " ") for t in tags))
        return header

    # Images

    def _image_for(self, path: str):
        """The address to use for an image in `path`: a copy in content/ when the export's
        uploads folder has the file (--media), otherwise the old address, listed."""

        def address(src: str) -> str:
            upload = _upload_path(src, self.export.base_site_url, self.export.site_link)
            if upload is None:
                if not urlsplit(src).scheme and src.strip():
                    # A path on the old site: its full address there, never a file here.
                    src = urljoin(self.export.site_link.rstrip("/") + "/", src.strip())
                if urlsplit(src).netloc:  # elsewhere: the site's CSP will not load it
                    self.result.missing_media.append((path, src))
                return src
            local = self.media / upload if self.media else None
            if local and local.is_file() and (problem := picture_problem(local, self.media)):
                self.result.check(
                    N_("{path}: the upload {file} was not copied: it {problem}"),
                    path=path,
                    file=upload,
                    problem=problem,
                )
                local = None
            if local and local.is_file():
                target = f"{MEDIA_FOLDER}/{upload}"
                if target not in self.copied:
                    self.copied.add(target)
                    self.result.files.append(Planned(target, f"media {upload}", copy_from=local))
                    self.result.counts["media"] += 1
                return "{static}/" + target
            self.result.missing_media.append((path, src))
            return urljoin(self.export.site_link.rstrip("/") + "/", src)

        return address

    # Redirects

    def _redirects(self, post: _Post) -> None:
        for old in self._old_addresses(post):
            if old == post.url:
                continue
            unmatched = next((why for fits, why in UNMATCHABLE if not fits(old)), None)
            if unmatched:
                limit = MAX_REDIRECT_KEY_BYTES
                self.result.check(unmatched, path=post.path, url=repr(old[:80]), limit=limit)
                continue
            if old in self.result.redirects and self.result.redirects[old] != post.url:
                self.result.check(
                    N_("The old address {url} belongs to two posts; it leads to {first}"),
                    url=old,
                    first=self.result.redirects[old],
                )
                continue
            self.result.redirects[old] = post.url

    def _keep_site_addresses(self, posts: list[_Post]) -> None:
        """No redirect may take an address of the site itself: a folder it makes
        (/archief/, /zoeken/…), a page's (/over-ons/), an article's (/2010/slug/) or a
        file it writes (/robots.txt). (nginx, too, redirects only what the site lacks.)"""
        addresses = {post.url for post in posts} | {f"/{name}" for name in SITE_ROOT_FILES}
        addresses |= content_addresses(self.content, self.settings)
        for old in list(self.result.redirects):
            first = old.split("?")[0].strip("/").split("/")[0]
            taken = takes_site_address(old, addresses)
            if not taken and first not in self.reserved:
                continue  # a child page's old path (/about/team/) is no address here
            target = self.result.redirects.pop(old)
            if target.rstrip("/") != old.rstrip("/") and target != f"/{first}/":
                message = N_(
                    "The old address {url} is an address of this site now; it does not redirect"
                )
                self.result.check(message, url=old)

    # Comments

    def _comments(self, post: _Post) -> None:
        result = self.result
        folder = f"{self.settings['COMMENTS_PATH']}/{post.slug}"
        approved = []
        for comment in post.item.comments:
            if comment.type in NOT_READER_COMMENTS:
                result.skipped[N_("pingbacks and trackbacks")] += 1
            elif comment.approved == "spam":
                result.skipped[N_("spam")] += 1
            elif comment.approved in ("trash", "post-trashed"):
                result.skipped[N_("comments in the trash")] += 1
            elif comment.approved == "1":
                approved.append(comment)
            elif comment.approved == "0":
                pass  # queued below, once the approved ones have their names
            else:
                result.skipped[N_("comments with an unknown status")] += 1
        ordered = _thread_order(approved)
        keys = self._comment_keys(post, folder, ordered)
        for comment in ordered:
            self._comment(post, folder, comment, keys)
        for comment in post.item.comments:
            if comment.approved == "0" and comment.type not in NOT_READER_COMMENTS:
                self._pending(post, comment, keys)

    def _comment_keys(self, post: _Post, folder: str, ordered: list[WpComment]) -> dict[str, str]:
        """Each comment's file name without .md: the one written before, or the next
        number in the folder for a new one (numbers already given are never reused)."""
        keys = {}
        # Files written before (some perhaps deleted since) and the folder as it is now.
        names = [Path(p).name for p in self.known.values() if p.startswith(folder + "/")]
        names += [path.name for path in self._existing(folder)]
        numbers = [n for name in names if (n := comment_number(name)) is not None]
        next_number = max(numbers, default=0) + 1
        width = max(2, len(str(len(ordered) + next_number - 1)))
        for comment in ordered:
            source = f"comment {comment.id}"
            if source in self.known:
                keys[comment.id] = PurePosixPath(self.known[source]).stem
                continue
            name = self._slug(text_of(comment.author))[:40].strip("-") or "lezer"
            keys[comment.id] = f"{next_number:0{width}d}-{name}"
            next_number += 1
        return keys

    def _existing(self, folder: str) -> list[Path]:
        path = self.content / folder
        return sorted(path.glob("*.md")) if path.is_dir() else []

    def _comment(self, post, folder, comment: WpComment, keys) -> None:
        result = self.result
        path = f"{folder}/{keys[comment.id]}.md"
        author, body, website = self._comment_fields(post, comment, path)
        problems = comment_problems(author, body, website, None, None, self._max_length)
        if "body" in problems:
            result.skipped[N_("comments that cannot be published as they are")] += 1
            result.check(
                N_("Comment {id} on {post} was not imported: {problem}"),
                id=comment.id,
                post=post.path,
                problem=problems["body"],
            )
            keys.pop(comment.id)
            return
        header = [f"Author: {author}"]
        if website:
            header.append(f"Website: {website}")
        header.append(f"Date: {self._comment_date(comment):%Y-%m-%d %H:%M}")
        if comment.parent != "0":
            if comment.parent in keys:
                header.append(f"Replyto: {keys[comment.parent]}")
            else:
                result.check(
                    N_(
                        "{path}: answers comment {parent}, which was not imported "
                        "(not approved, or removed); it stands on its own"
                    ),
                    path=path,
                    parent=comment.parent,
                )
        text = "\n".join(header) + "\n\n" + body
        result.files.append(Planned(path, f"comment {comment.id}", text, folder_of_comments=folder))
        result.counts["comments"] += 1

    def _comment_fields(self, post, comment: WpComment, path: str):
        author = text_of(comment.author)[:MAX_NAME_LENGTH]
        if line_problem(author):  # empty, or only invisible characters
            author = "Anoniem"
        converted = html_to_markdown(comment.content, tags=COMMENT_TAGS | {"b", "i"})
        self._nesting(path, converted)
        self.result.removed += [(path, what) for what in converted.removed]
        body = converted.markdown
        website = comment.url.strip() or None
        if website and url_problem(website):
            self.result.check(
                N_("{path}: the website {url} is not an http(s) address; it was left out"),
                path=path,
                url=repr(website[:80]),
            )
            website = None
        return author, body, website

    def _nesting(self, path: str, converted: Converted) -> None:
        if converted.nesting > MAX_NESTING:
            message = N_(
                "{path}: its HTML is nested {depth} levels deep (at most {limit}); only its "
                "text was imported: check it"
            )
            self.result.check(
                message, path=path, depth=number(converted.nesting), limit=MAX_NESTING
            )

    def _comment_date(self, comment: WpComment) -> datetime:
        gmt = parse_wp_date(comment.date_gmt)
        if gmt is not None:
            return gmt.replace(tzinfo=UTC).astimezone(self.zone)
        local = parse_wp_date(comment.date)
        return local.replace(tzinfo=self.zone) if local else self._export_date()

    @property
    def _max_length(self) -> int:
        return int(self.settings.get("COMMENTS_MAX_LENGTH", 10_000))

    def _pending(self, post: _Post, comment: WpComment, keys) -> None:
        author, body, website = self._comment_fields(post, comment, post.path)
        if comment_problems(author, body, website, None, None, self._max_length):
            self.result.skipped[N_("comments that cannot be published as they are")] += 1
            return
        self.result.pending.append(
            Pending(
                source=f"comment {comment.id}",
                article=post.slug,
                back=post.url,
                author=author,
                body=body,
                website=website,
                replyto=keys.get(comment.parent),
                received=self._comment_date(comment).timestamp(),
            )
        )


def _thread_order(comments: list[WpComment]) -> list[WpComment]:
    """By date, but never a reply before the comment it answers (dates in exports can
    disagree): a reply waits until its parent is placed."""
    by_date = sorted(comments, key=lambda c: (c.date_gmt or c.date, _as_int(c.id)))
    present = {c.id for c in comments}
    placed: set[str] = set()
    waiting: dict[str, list[WpComment]] = {}
    ordered: list[WpComment] = []

    def place(comment: WpComment) -> None:
        ordered.append(comment)
        placed.add(comment.id)
        for child in waiting.pop(comment.id, []):
            place(child)

    for comment in by_date:
        if comment.parent in present and comment.parent not in placed:
            waiting.setdefault(comment.parent, []).append(comment)
        else:
            place(comment)
    for children in waiting.values():  # parents in a loop: placed in date order
        for child in children:
            if child.id not in placed:
                place(child)
    return ordered


def _upload_path(src: str, *sites: str) -> str | None:
    """The path under wp-content/uploads/ of an image of this blog, if it is one."""
    parts = urlsplit(src)
    if parts.netloc and _host(parts.netloc) not in {_host(site) for site in sites if site}:
        return None
    path = unquote(parts.path)
    if _UPLOADS not in path:
        return None
    upload = path.split(_UPLOADS, 1)[1]
    return upload if _SAFE_MEDIA_PATH.match(upload) and ".." not in upload.split("/") else None


def _host(address: str) -> str:
    netloc = urlsplit(address).netloc if "//" in address else address
    return netloc.lower().removeprefix("www.")


def _unique(values) -> list[str]:
    seen, unique = set(), []
    for value in values:
        if value and value.casefold() not in seen:
            seen.add(value.casefold())
            unique.append(value)
    return unique


def _as_int(text: str) -> int:
    return int(text) if text.isdigit() else 0
