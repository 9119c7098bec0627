"""Readers: wrk with bench/mix.lua, its results per page type, and the CPU time wrk itself used."""

import http.client
import math
import os
import signal
import threading
from collections import Counter
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from processes import Processes

LUA = Path(__file__).resolve().with_name("mix.lua")
CORES = len(os.sched_getaffinity(0))


def percentile(values: list[float], q: float) -> float:
    """Nearest rank: the smallest value at least q percent of the values do not exceed."""
    ordered = sorted(values)
    return ordered[max(0, math.ceil(q / 100 * len(ordered)) - 1)] if ordered else float("nan")


def run_wrk(processes: Processes, base_url: str, mix_file: Path, out: Path, *, duration: int,
            connections: int) -> dict:
    """One wrk run over the mix; what it measured, per page type and in all."""
    cmd = ["wrk", f"-t{connections}", f"-c{connections}", f"-d{duration}s", "--timeout", "10s", "-s", str(LUA),
           base_url, "--", str(mix_file), str(out)]
    proc = processes.start("wrk", cmd, log=out.with_suffix(".log"))
    killer = threading.Timer(duration + 60, os.killpg, (proc.pid, signal.SIGKILL))
    killer.start()
    try:
        _, status, usage = os.wait4(proc.pid, 0)
    finally:
        killer.cancel()
    proc.returncode = os.waitstatus_to_exitcode(status)
    processes.stop(proc)
    if proc.returncode != 0 or not out.exists():
        raise RuntimeError(f"wrk failed ({proc.returncode}): {out.with_suffix('.log').read_text()[-2000:]}")
    result = parse(out)
    result["connections"] = connections
    result["wrk_cpu_seconds"] = usage.ru_utime + usage.ru_stime
    result["wrk_cpu_share"] = result["wrk_cpu_seconds"] / (result["seconds"] * CORES)
    return result


def parse(path: Path) -> dict:
    times: dict[str, list[float]] = {}
    statuses: dict[str, Counter] = {}
    hits: Counter = Counter()
    misses = [0, 0.0]  # responses not from a cache, and the seconds connections waited for them
    result: dict = {}
    for line in path.read_text().splitlines():
        head, _, rest = line.partition(" ")
        if head == "summary":
            seconds, requests, size, *errors = rest.split()
            result.update(seconds=float(seconds), requests=int(requests), bytes=int(size),
                          errors=dict(zip(("connect", "read", "write", "status", "timeout"), map(int, errors))))
        elif head == "latency":
            p50, p99 = rest.split()
            result.update(wrk_p50_ms=int(p50) / 1000, wrk_p99_ms=int(p99) / 1000)
        elif head == "status":
            kind, code, count = rest.split()
            statuses.setdefault(kind, Counter())[int(code)] += int(count)
        elif head == "hit":
            kind, count = rest.split()
            hits[kind] += int(count)
        elif head == "misses":
            count, waited = rest.split()
            misses[0] += int(count)
            misses[1] += int(waited) / 1e6
        elif head == "times":
            kind, _, values = rest.partition(" ")
            times.setdefault(kind, []).extend(float(v) / 1000 for v in values.split())
    seconds = result["seconds"]
    result["rate"] = result["requests"] / seconds
    every = [t for values in times.values() for t in values]
    result["p50_ms"], result["p99_ms"] = percentile(every, 50), percentile(every, 99)
    result["types"] = {
        kind: {
            "requests": len(values), "rate": len(values) / seconds,
            "p50_ms": percentile(values, 50), "p99_ms": percentile(values, 99),
            "statuses": dict(statuses.get(kind, {})), "hits": hits.get(kind, 0),
        }
        for kind, values in sorted(times.items())
    }
    all_statuses = sum(statuses.values(), Counter())
    result["statuses"] = dict(sorted(all_statuses.items()))
    result["bad_statuses"] = sum(n for code, n in all_statuses.items() if not 200 <= code < 400)
    result["hits"] = sum(hits.values())
    result["misses"], result["miss_seconds"] = misses
    return result


def read_mix(path: Path) -> list[tuple[str, str]]:
    """(page type, path) of every URL of a mix file."""
    rows = []
    for line in path.read_text(encoding="utf-8").splitlines():
        kind, _, url = line.split("\t", 2)
        rows.append((kind, url))
    return rows


def fetch_all(port: int, paths: list[str], *, workers: int = 4, headers: dict | None = None,
              keep: Callable[[str, bytes], None] | None = None) -> Counter:
    """GET every path once, a few at a time (to fill a cache before a measured run); the statuses.

    `keep(path, body)`, if given, is called with each answer's body.
    """
    local = threading.local()

    def get(path: str) -> int:
        if not hasattr(local, "conn"):
            local.conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        try:
            local.conn.request("GET", path, headers=headers or {})
            response = local.conn.getresponse()
            body = response.read()
            if keep:
                keep(path, body)
            return response.status
        except (OSError, http.client.HTTPException):
            local.conn.close()
            del local.conn
            return 0

    pool = ThreadPoolExecutor(workers)
    try:
        return Counter(pool.map(get, paths))
    finally:
        pool.shutdown(cancel_futures=True)  # on Ctrl-C, what is still queued is dropped
