"""`invoke benchmark-comments`: what the comment service takes, on loopback only.

Prints accepted submissions per second and p50/p99 latency for concurrent honest readers
(each from an address of its own, as nginx passes it on), the same while one address
floods the service, and a fault run: the service is killed with SIGKILL several times
under load and restarted; every acknowledged submission must be in the queue exactly once.
"""

from __future__ import annotations

import contextlib
import http.client
import os
import random
import signal
import socket
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlencode

ROOT = Path(__file__).resolve().parents[2]
from bijgespijkerd.comment_service.tokens import issue  # noqa: E402

SECRET = "benchmark-geheim"
ORIGIN = "http://localhost:8000"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class Service:
    """The comment service as deployed (uvicorn, proxy headers), on a loopback port."""

    def __init__(self, database: Path, **environ: str) -> None:
        self.port = free_port()
        self.environ = {
            **os.environ,
            "COMMENTS_DATABASE": str(database),
            "COMMENTS_SECRET": SECRET,
            "COMMENTS_SITE_ORIGIN": ORIGIN,
            "COMMENTS_MIN_SECONDS": "0",
            "COMMENTS_MAX_WAITING": "1000000",  # the load fills the queue far past the cap
            **environ,
        }
        self.process: subprocess.Popen | None = None

    def start(self) -> None:
        self.process = subprocess.Popen(
            [
                sys.executable, "-m", "uvicorn", "--factory",
                "bijgespijkerd.comment_service.app:create_app",
                "--host", "127.0.0.1", "--port", str(self.port), "--log-level", "warning",
                "--proxy-headers", "--forwarded-allow-ips", "127.0.0.1",
            ],
            cwd=ROOT, env=self.environ, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        )  # fmt: skip
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            with contextlib.suppress(OSError):
                socket.create_connection(("127.0.0.1", self.port), 0.2).close()
                return
            time.sleep(0.05)
        raise TimeoutError("the comment service did not start")

    def kill(self) -> None:
        self.process.send_signal(signal.SIGKILL)
        self.process.wait()

    def stop(self) -> None:
        if self.process and self.process.poll() is None:
            self.process.terminate()
            self.process.wait(timeout=20)


@dataclass
class Results:
    latencies: list[float] = field(default_factory=list)
    acknowledged: list[str] = field(default_factory=list)  # the texts the service said yes to
    refused: int = 0
    lock: threading.Lock = field(default_factory=threading.Lock)


def submit(port: int, text: str, address: str, token: str) -> int:
    """One form POST as a browser behind nginx sends it; the HTTP status."""
    body = urlencode(
        {"artikel": "test", "terug": "/2024/test/", "token": token, "naam": "Lezer",
         "reactie": text, "adres": ""}
    )  # fmt: skip
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    try:
        connection.request(
            "POST", "/reacties/", body,
            {"Content-Type": "application/x-www-form-urlencoded", "Origin": ORIGIN,
             "X-Forwarded-For": address},
        )  # fmt: skip
        response = connection.getresponse()
        response.read()
        return response.status
    finally:
        connection.close()


def honest_reader(service: Service, name: str, count: int, results: Results, stop: float):
    """Sends `count` comments, each from an address of its own, retrying one whose
    answer was lost (the service died) with the same form: never twice in the queue."""
    for n in range(count):
        if time.monotonic() > stop:
            return
        text = f"{name}-{n}"
        token = issue(SECRET.encode(), "test", time.time() - 5)
        address = f"10.{hash(name) % 250}.{n // 250}.{n % 250}"
        started = time.perf_counter()
        while True:
            try:
                status = submit(service.port, text, address, token)
            except OSError:  # killed mid-request: not acknowledged, send it again
                time.sleep(0.05)
                continue
            break
        with results.lock:
            if status in (303, 409):  # 409: it was stored before the answer was lost
                results.acknowledged.append(text)
                results.latencies.append(time.perf_counter() - started)
            else:
                results.refused += 1


def flooder(service: Service, results: Results, done: threading.Event) -> None:
    """One address sending as fast as it can, until the honest readers are done."""
    n = 0
    while not done.is_set():
        started = time.perf_counter()
        with contextlib.suppress(OSError):
            status = submit(service.port, f"flood-{n}", "192.0.2.66", "")
            with results.lock:
                results.latencies.append(time.perf_counter() - started)
                results.refused += status == 429
        n += 1


def run(service: Service, readers: int, per_reader: int, floods: int = 0) -> tuple:
    honest, flood = Results(), Results()
    stop = time.monotonic() + 120
    threads = [
        threading.Thread(target=honest_reader, args=(service, f"r{i}", per_reader, honest, stop))
        for i in range(readers)
    ]
    done = threading.Event()
    flooders = [
        threading.Thread(target=flooder, args=(service, flood, done)) for _ in range(floods)
    ]
    started = time.perf_counter()
    for thread in threads + flooders:
        thread.start()
    for thread in threads:
        thread.join()
    elapsed = time.perf_counter() - started
    done.set()
    for thread in flooders:
        thread.join()
    return honest, flood, elapsed


def queued_texts(database: Path) -> list[str]:
    db = sqlite3.connect(database)
    try:
        return [row[0] for row in db.execute("SELECT body FROM submissions")]
    finally:
        db.close()


def fault_run(folder: Path, readers: int, per_reader: int, kills: int) -> dict:
    """Load with SIGKILLs in between; what was acknowledged, lost and duplicated."""
    database = folder / "fault.sqlite3"
    service = Service(database, COMMENTS_RATE_LIMIT="1000000")
    service.start()
    results = Results()
    stop = time.monotonic() + 300
    threads = [
        threading.Thread(target=honest_reader, args=(service, f"f{i}", per_reader, results, stop))
        for i in range(readers)
    ]
    for thread in threads:
        thread.start()
    rng = random.Random(2010)
    total = readers * per_reader
    # Kill while readers are sending: after a random share of the submissions each time.
    marks = sorted(rng.uniform(0.1, 0.9) * total for _ in range(kills))
    killed_at = []
    try:
        for mark in marks:
            while len(results.acknowledged) < mark and any(t.is_alive() for t in threads):
                time.sleep(0.002)
            if not any(t.is_alive() for t in threads):
                break
            killed_at.append(len(results.acknowledged))
            service.kill()
            service.start()
        for thread in threads:
            thread.join()
    finally:
        service.stop()
    queued = queued_texts(database)
    acknowledged = set(results.acknowledged)
    return {
        "acknowledged": len(results.acknowledged),
        "lost": len(acknowledged - set(queued)),
        "duplicated": len(queued) - len(set(queued)),
        "kills": len(killed_at),  # each while readers were still sending
    }


def _figures(results: Results, elapsed: float) -> str:
    latencies = sorted(results.latencies)
    p99 = latencies[max(0, int(len(latencies) * 0.99) - 1)]
    return (
        f"{len(results.acknowledged) / elapsed:.0f} accepted/s, "
        f"p50 {statistics.median(latencies) * 1000:.1f} ms, p99 {p99 * 1000:.1f} ms "
        f"({len(results.acknowledged)} accepted, {results.refused} refused)"
    )


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        service = Service(folder / "load.sqlite3")
        service.start()
        try:
            honest, _, elapsed = run(service, readers=8, per_reader=150)
            print(f"honest readers (8 at once): {_figures(honest, elapsed)}")
            honest, flood, elapsed = run(service, readers=8, per_reader=150, floods=2)
            print(f"honest readers during a flood: {_figures(honest, elapsed)}")
            flood_latencies = sorted(flood.latencies)
            print(
                f"the flood (one address, 2 connections): {len(flood.latencies)} requests, "
                f"{flood.refused} refused, p50 {statistics.median(flood_latencies) * 1000:.1f} ms"
            )
        finally:
            service.stop()
        figures = fault_run(folder, readers=8, per_reader=100, kills=5)
        print(
            "fault run: {kills} SIGKILLs under load, {acknowledged} acknowledged, "
            "{lost} lost, {duplicated} duplicated".format(**figures)
        )


if __name__ == "__main__":
    main()
