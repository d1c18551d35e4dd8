"""`output/` is always a complete site: under concurrent builds, kills at any moment of a
build, failures while Pelican writes, and when publishing."""

from __future__ import annotations

import os
import random
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pytest

from conftest import PNG, ROOT, build, run_invoke

pytestmark = pytest.mark.slow


def _tree(folder: Path) -> dict[str, bytes]:
    return {
        str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()
    }


@pytest.fixture
def project(tmp_path) -> Path:
    """A copy of the real content, built once: the complete site every check compares to."""
    shutil.copytree(ROOT / "content", tmp_path / "content")
    assert build(tmp_path / "output", tmp_path / "content").returncode == 0
    return tmp_path


WAITING = "loopt al een bouw van"  # what a build says while another one runs


def _start_build(
    project: Path, capture: bool = True, stderr: Path | None = None
) -> subprocess.Popen:
    command = [sys.executable, "-m", "invoke", "build", "--strict"]
    command += ["--output", str(project / "output"), "--content", str(project / "content")]
    # Not captured when killed: a surviving worker would hold the pipes open.
    stream = subprocess.PIPE if capture else subprocess.DEVNULL
    if stderr is None:
        return subprocess.Popen(command, cwd=ROOT, stdout=stream, stderr=stream, text=True)
    with stderr.open("w") as errors:  # the child keeps its own copy open
        return subprocess.Popen(command, cwd=ROOT, stdout=stream, stderr=errors, text=True)


def _text(path: Path) -> str:
    return path.read_text(encoding="utf-8", errors="replace")


def test_two_builds_at_once_take_turns_and_output_is_always_complete(project):
    import fcntl

    complete = set(_tree(project / "output"))
    lock = project / "output.builds" / ".lock"
    said = [project / "first.err", project / "second.err"]
    with lock.open("a") as held:  # a build is running: both new ones must wait for it
        fcntl.flock(held, fcntl.LOCK_EX)
        builds = [_start_build(project, stderr=path) for path in said]
        # Released once both have said they wait (a busy machine starts them slowly).
        deadline = time.monotonic() + 60
        while not all(WAITING in _text(path) for path in said) and time.monotonic() < deadline:
            time.sleep(0.05)
        fcntl.flock(held, fcntl.LOCK_UN)
    seen_incomplete = []
    while any(b.poll() is None for b in builds):
        try:
            files = {
                str(p.relative_to(project / "output")) for p in (project / "output").rglob("*")
            }
        except FileNotFoundError:  # the previous build was removed while being listed
            continue
        files = {f for f in files if (project / "output" / f).is_file()}
        if files != complete:
            seen_incomplete.append(sorted(complete - files)[:5])
        time.sleep(0.01)  # look a hundred times a second, and leave the cores to the builds
    results = [(b.communicate()[0], _text(path)) for b, path in zip(builds, said, strict=True)]
    assert [b.returncode for b in builds] == [0, 0], results
    assert all(WAITING in err for _, err in results), results
    assert seen_incomplete == []
    assert set(_tree(project / "output")) == complete


def _children(pid: int) -> list[int]:
    try:
        return [int(c) for c in Path(f"/proc/{pid}/task/{pid}/children").read_text().split()]
    except OSError:
        return []


def _alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().split()[2]
    except OSError:
        return False
    return state != "Z"


@pytest.mark.skipif(not Path("/proc/self/task").is_dir(), reason="needs Linux /proc")
def test_kill_9_at_any_moment_leaves_the_previous_site_and_no_process(project):
    before = _tree(project / "output")
    random.seed(20261126)
    delays = sorted(random.uniform(0.3, 3.0) for _ in range(6))
    killed = []
    for delay in delays:
        shutil.rmtree(project / "cache", ignore_errors=True)  # cold: workers are drawing
        process = _start_build(project, capture=False)
        time.sleep(delay)
        workers = [c for p in _children(process.pid) for c in [p, *_children(p)]]
        process.send_signal(signal.SIGKILL)
        process.wait()
        killed.append(process.pid)
        assert _tree(project / "output") == before, f"killed after {delay:.2f} s"
        deadline = time.monotonic() + 5
        while any(_alive(w) for w in workers) and time.monotonic() < deadline:
            time.sleep(0.1)
        assert not [w for w in workers if _alive(w)], f"workers outlived a kill at {delay:.2f} s"
    (project / "cache" / "charts" / "index").mkdir(parents=True, exist_ok=True)
    shutil.rmtree(project / "cache" / "charts" / "index")  # the next build draws again
    assert build(project / "output", project / "content").returncode == 0
    assert _tree(project / "output") == before
    left = [p.name for p in (project / "output.builds").iterdir() if p.name != ".lock"]
    assert len(left) <= 2, left  # the one shown, and the one it replaced
    temporary = [*Path(tempfile.gettempdir()).glob("bijgespijkerd-charts-*")]
    temporary += [*(project / "cache" / "charts").rglob(".tmp-*")]
    assert not [t for t in temporary if any(f"-{pid}-" in t.name for pid in killed)]


WRITE_PHASE_FAILURES = {
    # A template that exists but fails when Pelican renders the article with it.
    "rendering": ("Template: dataset", "output/ is niet veranderd"),
    # A page whose file would have to be written inside another page's file.
    "writing": (
        "Save_as: 2024/eerste/index.html/tweede.html",
        "De site kon niet geschreven worden",
    ),
}


@pytest.mark.parametrize(
    ("header", "message"), WRITE_PHASE_FAILURES.values(), ids=WRITE_PHASE_FAILURES
)
def test_a_failure_while_pelican_writes_leaves_output_unchanged(tiny_site, header, message):
    tiny_site.article("eerste")
    assert tiny_site.build().returncode == 0
    before = _tree(tiny_site.output)
    tiny_site.write(
        "tweede.md", f"Title: Tweede\nDate: 2024-05-03\nAuthor: Test Auteur\n{header}\n\nTekst.\n"
    )
    result = tiny_site.build()
    assert result.returncode == 1
    assert message in result.stderr
    assert _tree(tiny_site.output) == before


@pytest.fixture
def fake_rsync(tmp_path) -> tuple[dict, Path]:
    """An `rsync` on PATH that records its arguments instead of copying."""
    bin_folder = tmp_path / "bin"
    bin_folder.mkdir()
    log = tmp_path / "rsync-calls"
    script = bin_folder / "rsync"
    script.write_text(f'#!/bin/sh\necho "$@" >> {log}\n')
    script.chmod(0o755)
    env = {"PATH": f"{bin_folder}:{os.environ['PATH']}", "PUBLISH_RSYNC_TARGET": "host:/srv/site"}
    return env, log


def test_publish_refuses_a_failed_build(tiny_site, fake_rsync):
    env, log = fake_rsync
    tiny_site.article(body="[40 jaar](dataset:bestaat-niet/x/1)")
    args = ["--output", str(tiny_site.output), "--content", str(tiny_site.content)]
    result = run_invoke("publish", *args, env=env)
    assert result.returncode == 1
    assert "bestaat-niet" in result.stderr
    assert not log.exists()


def test_publish_sends_the_build_it_just_made(tiny_site, fake_rsync):
    env, log = fake_rsync
    tiny_site.article()
    args = ["--output", str(tiny_site.output), "--content", str(tiny_site.content)]
    result = run_invoke("publish", *args, env=env)
    assert result.returncode == 0, result.stderr
    sent = log.read_text().split()
    assert sent[-1] == "host:/srv/site"
    assert Path(sent[-2]) == tiny_site.output.resolve()
    assert (Path(sent[-2]) / "index.html").is_file()


def test_dotfiles_and_editor_leftovers_never_reach_output(tiny_site):
    tiny_site.article()
    leftovers = (".env", ".DS_Store", "plaatje.png~", "oud.bak", ".plaatje.png.swp", "x.PNG.Old")
    for name in ("plaatje.png", *leftovers, "kopie.TMP", "#plaatje.png#", "plaatje.png.save"):
        tiny_site.write(f"images/{name}", PNG)  # a leftover is never checked, nor copied
    tiny_site.write("images/.git/config", "[core]\n")
    assert tiny_site.build().returncode == 0
    published = sorted(p.name for p in (tiny_site.output / "images").rglob("*"))
    assert published == ["plaatje.png"]
    hidden = [p for p in tiny_site.output.rglob(".*")]
    assert hidden == []


def test_an_output_folder_from_before_becomes_a_link_to_the_new_build(tiny_site):
    tiny_site.article()
    tiny_site.output.mkdir()
    (tiny_site.output / "oud.html").write_text("oud")
    assert tiny_site.build().returncode == 0
    assert tiny_site.output.is_symlink()
    assert (tiny_site.output / "index.html").is_file()
    assert not (tiny_site.output / "oud.html").exists()


@pytest.mark.skipif(not (ROOT / ".git").exists(), reason="needs the git checkout")
def test_git_ignores_the_output_link_and_its_builds():
    for name in ("output", "output.builds/x/index.html"):
        assert subprocess.run(["git", "check-ignore", "-q", name], cwd=ROOT).returncode == 0


def test_output_is_complete_at_every_step_of_the_swap(tmp_path, monkeypatch):
    """Deterministic where the concurrent test above is a sample: between any two file
    operations of a rebuild, `output` shows a complete site (the swap is one rename)."""
    import os
    import shutil as shutil_module

    from bijgespijkerd.library.site_output import build_into

    output = tmp_path / "output"

    def make_site(folder: Path) -> None:
        (folder / "index.html").write_text("<!doctype html><title>x</title>")

    build_into(output, make_site)  # the previous site
    checked = []

    def checking(operation):
        def wrapper(*args, **kwargs):
            assert (output / "index.html").is_file(), f"no site during {operation.__name__}"
            checked.append(operation.__name__)
            result = operation(*args, **kwargs)
            assert (output / "index.html").is_file(), f"no site after {operation.__name__}"
            return result

        return wrapper

    for name in ("replace", "rename", "unlink", "symlink", "remove", "rmdir"):
        monkeypatch.setattr(os, name, checking(getattr(os, name)))
    monkeypatch.setattr(shutil_module, "rmtree", checking(shutil_module.rmtree))
    build_into(output, make_site)
    assert "replace" in checked or "rename" in checked  # the swap itself was watched
