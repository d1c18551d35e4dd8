"""The import's report: counts, then every decision a person should check."""

from __future__ import annotations

from bijgespijkerd.library.messages import N_, _, number

from .apply import Outcome
from .plan import Plan

MISSING_IMAGES = N_(
    "Images not copied into the site; their old address is kept, but the site shows nothing "
    "from elsewhere: copy them with --media, or replace them:"
)
IMAGES_WITHOUT_ALT = N_(
    "Images without a description (alt text); `invoke build --strict` refuses them until "
    "one is written:"
)


def report_text(plan: Plan, outcome: Outcome, queue_present: bool) -> str:
    counts = plan.counts
    lines = [_("WordPress import: what happened")]
    lines.append(_("  articles: {n}").format(n=number(counts["articles"])))
    lines.append(_("  pages: {n}").format(n=number(counts["pages"])))
    lines.append(_("  drafts (not published): {n}").format(n=number(counts["drafts"])))
    lines.append(_("  comments: {n}").format(n=number(counts["comments"])))
    lines.append(_("  author profiles: {n}").format(n=number(counts["authors"])))
    lines.append(_("  images copied: {n}").format(n=number(counts["media"])))
    lines.append(_("  redirects from old addresses: {n}").format(n=number(len(plan.redirects))))
    msg = _("  links to imported posts, now to their new pages: {n}")
    lines.append(msg.format(n=number(counts["links"])))
    if queue_present:
        msg = _("  comments waiting for approval, put in the moderation queue: {n}")
        lines.append(msg.format(n=number(outcome.queued)))
        if outcome.queued_before:
            msg = _("  (already in the queue from an earlier import: {n})")
            lines.append(msg.format(n=number(outcome.queued_before)))
    elif plan.pending:
        msg = _("  comments waiting for approval, NOT imported (no comment service): {n}")
        lines.append(msg.format(n=number(len(plan.pending))))
    if plan.skipped or plan.skipped_types:
        lines.append(_("Skipped:"))
        for reason, count in sorted(plan.skipped.items()):
            lines.append(f"  {_(reason)}: {number(count)}")
        for kind, count in sorted(plan.skipped_types.items()):
            msg = _("  items of type {kind} (not posts or pages): {n}")
            lines.append(msg.format(kind=repr(kind[:40]), n=number(count)))

    lines.append(_("Files:"))
    lines.append(_("  new: {n}").format(n=number(len(outcome.created))))
    lines.append(_("  updated from the export: {n}").format(n=number(len(outcome.updated))))
    lines.append(_("  unchanged: {n}").format(n=number(len(outcome.unchanged))))
    if not outcome.created and not outcome.updated:
        lines.append(_("Nothing was changed."))

    lists = [
        (_("Updated from the export (nobody had changed them since the import):"), outcome.updated),
        (_("Changed by an editor since the import; kept, not overwritten:"), outcome.kept_edited),
        (_("Removed by an editor since the import; not written again:"), outcome.kept_removed),
        (_("Another file is in the way; not written:"), outcome.in_the_way),
        (_("Shortcodes the site cannot show, left in the text:"), _pairs(plan.shortcodes)),
        (_(MISSING_IMAGES), _pairs(plan.missing_media)),
        (_(IMAGES_WITHOUT_ALT), _pairs(plan.without_alt)),
        (_("Removed (the site embeds and runs nothing from elsewhere):"), _pairs(plan.removed)),
        (_("To check:"), [_(message).format(**values) for message, values in plan.checks]),
    ]
    if not queue_present:
        waiting = [f"{p.back}: {p.author}" for p in plan.pending]
        lists.append((_("Comments waiting for approval (not imported):"), waiting))
    for heading, items in lists:
        if items:
            lines.append(heading)
            lines += [f"  - {item}" for item in items]  # all: each is for a person to check
    return "\n".join(lines)


def _pairs(pairs: list[tuple[str, str]]) -> list[str]:
    return [f"{path}: {what}" for path, what in pairs]
