"""`invoke benchmark…`: each runs a script of tests/benchmarks/, which prints its own
figures (docs/benchmarks.md keeps them, with machine and load)."""

from __future__ import annotations

import shlex
import sys

from invoke import Task

# task name: (script in tests/benchmarks/, what it measures)
BENCHMARKS = {
    "benchmark": (
        "charts_benchmark",
        "Measure what charts cost: build times, charts drawn when warm, script bytes.",
    ),
    "benchmark-comments": (
        "comments_benchmark",
        "Measure the comment service on loopback: throughput and latency, under a flood, "
        "and a fault run with SIGKILLs (nothing acknowledged may be lost or duplicated).",
    ),
    "benchmark-search": (
        "search_benchmark",
        "Measure search on the 1,000-article site: Pagefind's share of the build, bytes "
        "for a first query, and the time from typing to results in Chromium.",
    ),
    "benchmark-lighthouse": (
        "lighthouse_benchmark",
        "Measure the site on a phone with Lighthouse's mobile defaults: the four scores of "
        "the article, a dataset page and the front page, and their script before interaction.",
    ),
    "benchmark-wordpress": (
        "wordpress_benchmark",
        "Measure importing a WordPress export of 1,000 posts and 10,000 comments, and "
        "importing it again.",
    ),
    "benchmark-data": (
        "large_dataset_benchmark",
        "Measure what a large dataset costs: build time and peak memory at 10k-200k rows.",
    ),
}


def _benchmark_task(name: str, script: str, what: str) -> Task:
    def run(c):
        c.run(f"{shlex.quote(sys.executable)} tests/benchmarks/{script}.py", pty=False)

    run.__doc__ = what
    return Task(run, name=name)


TASKS = [_benchmark_task(name, *entry) for name, entry in BENCHMARKS.items()]
