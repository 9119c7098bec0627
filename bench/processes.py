"""The processes a benchmark starts: each in a process group of its own, all stopped at the end.

`Processes` starts commands with start_new_session (the process and
whatever it forks share one group), stops a group with SIGTERM and then
SIGKILL, and stops every group still running when the run ends, fails or
is interrupted. Also here: the CPU time a group has used and its
processes' memory, read from /proc.
"""

import os
import signal
import socket
import subprocess
import time
from pathlib import Path

CLOCK_TICKS = os.sysconf("SC_CLK_TCK")


class Processes:
    def __init__(self):
        self.running: list[tuple[str, subprocess.Popen]] = []

    def start(self, name: str, cmd: list[str], *, env: dict | None = None, cwd: Path | None = None,
              log: Path | None = None) -> subprocess.Popen:
        out = log.open("ab") if log else subprocess.DEVNULL
        proc = subprocess.Popen(cmd, env=env, cwd=cwd, stdout=out, stderr=subprocess.STDOUT if log else out,
                                stdin=subprocess.DEVNULL, start_new_session=True)
        if log:
            out.close()
        self.running.append((name, proc))
        return proc

    def stop(self, proc: subprocess.Popen | None, timeout: float = 15) -> None:
        """SIGTERM to the process's group, SIGKILL to what is left after `timeout` seconds."""
        if proc is None:
            return
        self.running = [(n, p) for n, p in self.running if p is not proc]
        for sig, wait in ((signal.SIGTERM, timeout), (signal.SIGKILL, 5)):
            try:
                os.killpg(proc.pid, sig)
            except ProcessLookupError:
                break
            try:
                proc.wait(timeout=wait)
                _wait_group_gone(proc.pid, wait)
                break
            except subprocess.TimeoutExpired:
                continue

    def stop_all(self) -> None:
        for _, proc in reversed(list(self.running)):
            self.stop(proc)


def _wait_group_gone(pgid: int, timeout: float) -> None:
    deadline = time.monotonic() + timeout
    while group_pids(pgid) and time.monotonic() < deadline:
        time.sleep(0.05)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_for_port(port: int, proc: subprocess.Popen | None = None, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc is not None and proc.poll() is not None:
            raise RuntimeError(f"{proc.args[0]} exited with {proc.returncode} before listening on {port}")
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.5).close()
            return
        except OSError:
            time.sleep(0.1)
    raise RuntimeError(f"nothing listens on 127.0.0.1:{port} after {timeout} s")


def _stat(pid: str) -> list[str] | None:
    try:
        raw = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return None
    # The command name is in parentheses and may hold spaces: the fields after it are what counts.
    return raw[raw.rindex(")") + 2:].split()


def group_pids(pgid: int) -> list[int]:
    pids = []
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            fields = _stat(entry)
            if fields and int(fields[2]) == pgid:  # field 5 of stat, the process group
                pids.append(int(entry))
    return pids


def group_cpu_seconds(pgid: int) -> float:
    """User plus system CPU time of the group's live processes."""
    total = 0
    for pid in group_pids(pgid):
        fields = _stat(str(pid))
        if fields:
            total += int(fields[11]) + int(fields[12])  # utime, stime (fields 14 and 15)
    return total / CLOCK_TICKS


def children(pid: int) -> list[int]:
    found = []
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            fields = _stat(entry)
            if fields and int(fields[1]) == pid:
                found.append(int(entry))
    return sorted(found)


def rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0.0
