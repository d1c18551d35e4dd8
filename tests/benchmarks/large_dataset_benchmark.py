"""Benchmark: what a large dataset costs a build. Run with `invoke benchmark-data`.

Builds a tiny site with one article, first without a dataset, then with a dataset of
10,000, 100,000 and 200,000 rows (the CBS package's columns, one row per "year"), and
prints each build's time, the build process's peak memory and the size of the dataset's
page. Target at 200,000 rows: at most 15 s and 500 MB more than the site without it.
It measures; it does not fail.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
TEMPLATE = ROOT / "content" / "data" / "cbs-gemiddelde-leeftijd-werkzame-beroepsbevolking"
NAME = "groot"
SIZES = (10_000, 100_000, 200_000)


def make_site(folder: Path, rows: int) -> Path:
    content = folder / "content"
    content.mkdir(parents=True)
    cited = f"Zie [de laatste rij](dataset:{NAME}/average_age/{rows})." if rows else "Geen data."
    (content / "a.md").write_text(
        f"Title: Groot\nDate: 2024-01-01\nAuthor: Test\n\n{cited}\n", encoding="utf-8"
    )
    if rows:
        target = content / "data" / NAME
        shutil.copytree(TEMPLATE, target)
        descriptor = json.loads((target / "datapackage.json").read_text(encoding="utf-8"))
        descriptor["name"] = NAME
        descriptor.pop("chart", None)
        year = descriptor["resources"][0]["schema"]["fields"][0]
        year.update(type="integer", constraints={"required": True, "unique": True})
        (target / "datapackage.json").write_text(json.dumps(descriptor), encoding="utf-8")
        lines = ["year,average_age,status,note,source,found_in,found_in_2,confidence"]
        lines += [
            f"{n},{30 + n % 300 / 10},gevonden,,cbs-2013-week-15,,,middel"
            for n in range(1, rows + 1)
        ]
        (target / "data.csv").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return content


def timed_build(content: Path, output: Path) -> tuple[float, float]:
    """Seconds and peak memory (MB) of one `invoke build` process."""
    command = [sys.executable, "-m", "invoke", "build", "--content", str(content)]
    command += ["--output", str(output)]
    started = time.perf_counter()
    process = subprocess.Popen(command, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(process.pid, 0)
    seconds = time.perf_counter() - started
    stderr = process.stderr.read().decode()
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"build failed:\n{stderr}")
    return seconds, usage.ru_maxrss / 1024  # KB on Linux


def main() -> None:
    print(f"Large datasets: {os.cpu_count()} cores; one build each")
    with tempfile.TemporaryDirectory() as tmp:
        base_s, base_mb = timed_build(make_site(Path(tmp) / "0", 0), Path(tmp) / "0" / "output")
        print(f"  without dataset: {base_s:5.1f} s, {base_mb:4.0f} MB peak")
        for rows in SIZES:
            folder = Path(tmp) / str(rows)
            seconds, mb = timed_build(make_site(folder, rows), folder / "output")
            page = (folder / "output" / "data" / NAME / "index.html").stat().st_size
            print(
                f"  {rows:>7,} rows: {seconds:5.1f} s (+{seconds - base_s:4.1f} s), "
                f"{mb:4.0f} MB peak (+{mb - base_mb:3.0f} MB), page {page / 1e6:.2f} MB"
            )
    print("  target at 200,000 rows: at most +15 s and +500 MB; the page stays usable")


if __name__ == "__main__":
    main()
