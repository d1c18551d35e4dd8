"""Read author profiles and hand them to the templates as `author_profiles[slug]`."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from markdown import Markdown
from pelican.urlwrappers import Author

from bijgespijkerd.library.build_errors import UNFINISHED, BuildError, line_of, place
from bijgespijkerd.library.control_chars import line_problem
from bijgespijkerd.library.headered_text import HeaderedTextError, read_headered_text
from bijgespijkerd.library.messages import _
from bijgespijkerd.library.plugin_settings import keep_out_of_readers
from bijgespijkerd.library.published_files import outside_problem
from bijgespijkerd.library.safe_urls import html_problem


class AuthorProfileError(BuildError):
    """An author profile file the build cannot use."""


@dataclass(frozen=True)
class AuthorProfile:
    name: str
    slug: str
    bio_html: str  # written by the site's own authors: trusted Markdown; may be empty
    source_path: str


def read_profile(path: Path, markdown_settings: dict, settings: dict) -> AuthorProfile:
    try:
        text = read_headered_text(path)
    except HeaderedTextError as error:
        raise AuthorProfileError(str(error)) from error
    name = text.fields.get("name")
    if not name:
        msg = _("{path}: missing required field 'Name'; add 'Name: Full Name' at the top")
        msg = msg.format(path=path)
        raise AuthorProfileError(msg)
    if problem := line_problem(name):
        msg = _("{place}: Name {problem}").format(
            place=place(path, text.field_lines["name"]), problem=problem
        )
        raise AuthorProfileError(msg)
    if text.body.lstrip().startswith(UNFINISHED):
        msg = _("{place}: the bio is not written yet; replace '{unfinished}'").format(
            place=place(path, text.body_line), unfinished=UNFINISHED
        )
        raise AuthorProfileError(msg)
    bio = Markdown(**markdown_settings).convert(text.body)
    if problem := html_problem(bio):
        finds, why = problem
        line = next(filter(None, (line_of(path, text) for text in finds)), None)
        raise AuthorProfileError(f"{place(path, line)}: {why}")
    # Pelican's own Author slug, so the profile matches article.author.slug exactly.
    return AuthorProfile(name, Author(name, settings).slug, bio, str(path))


def profile_names(folder: Path) -> list[str]:
    """The names in the profiles in `folder`, for `invoke new-post` to choose from (a
    profile the build would refuse is left out: the build names it)."""
    names = []
    for path in sorted(folder.glob("*.md")) if folder.is_dir() else []:
        try:
            name = read_headered_text(path).fields.get("name")
        except HeaderedTextError:
            continue
        if name and not line_problem(name):
            names.append(name)
    return names


def bio_markdown(settings: dict) -> dict:
    """The site's Markdown set-up, minus `meta`: a bio has no metadata of its own."""
    configs = settings["MARKDOWN"].get("extension_configs", {})
    return {"extensions": list(configs), "extension_configs": configs}


def prepare_settings(pelican) -> None:
    settings = pelican.settings
    keep_out_of_readers(settings, settings["AUTHOR_PROFILES_PATH"])


def add_profiles_to_context(generator) -> None:
    settings = generator.settings
    folder = Path(generator.path) / settings.get("AUTHOR_PROFILES_PATH", "authors")
    markdown_settings = bio_markdown(settings)
    profiles = {}
    paths = sorted(folder.glob("*.md")) if folder.is_dir() else []
    for path in paths:
        if problem := outside_problem(path, Path(generator.path)):
            raise AuthorProfileError(f"{path}: {problem}")
        profile = read_profile(path, markdown_settings, settings)
        if profile.slug in profiles:
            other = profiles[profile.slug].source_path
            msg = _("{path}: {name} already has a profile in {other}")
            msg = msg.format(path=path, name=repr(profile.name), other=other)
            raise AuthorProfileError(msg)
        profiles[profile.slug] = profile
    generator.context["author_profiles"] = profiles
    if profiles:  # a site with profiles gives every author one: a typo is then visible
        _check_every_author_has_a_profile(generator, profiles, folder)


def _check_every_author_has_a_profile(generator, profiles: dict, folder: Path) -> None:
    articles = [*generator.articles, *generator.translations, *generator.drafts]
    articles += [*generator.hidden_articles]
    for article in articles:
        for author in getattr(article, "authors", []):
            if author.slug not in profiles:
                known = ", ".join(sorted(p.name for p in profiles.values()))
                line = line_of(article.source_path, "author:", header=True)
                where = place(article.source_path, line)
                if line is None:  # the site's default author, a name nobody typed here
                    msg = _("{place}: has no line 'Author:'; add one naming one of {known}")
                    raise AuthorProfileError(msg.format(place=where, known=known))
                msg = _(
                    "{place}: the author {name} has no profile in {folder} "
                    "(profiles: {known}); correct the name, or add a profile"
                ).format(place=where, name=repr(author.name), folder=folder, known=known)
                raise AuthorProfileError(msg)
