"""Author profiles (name and bio) from `content/authors/<slug>.md`."""

from pelican import signals

from .profiles import AuthorProfileError, add_profiles_to_context, prepare_settings

__all__ = ["AuthorProfileError", "register"]


def register() -> None:
    signals.initialized.connect(prepare_settings)
    signals.article_generator_finalized.connect(add_profiles_to_context)
