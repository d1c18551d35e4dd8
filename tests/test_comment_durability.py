"""Nothing acknowledged is lost or duplicated: the comment service is killed with SIGKILL
while readers submit, restarted, and every comment a reader was told was received is in
the queue exactly once (the full run with figures is `invoke benchmark-comments`)."""

from __future__ import annotations

from benchmarks.comments_benchmark import fault_run


def test_sigkill_under_load_loses_and_duplicates_nothing(tmp_path):
    figures = fault_run(tmp_path, readers=4, per_reader=40, kills=3)
    assert figures["kills"] == 3  # each while readers were still sending
    assert figures["acknowledged"] == 4 * 40  # every reader got an answer in the end
    assert (figures["lost"], figures["duplicated"]) == (0, 0)
