"""What stands in front of gunicorn in a run: Varnish as deployed, and nginx serving a page as a file (the ceiling)."""

import json
import shutil
import subprocess
from pathlib import Path

from processes import Processes, free_port, wait_for_port

ROOT = Path(__file__).resolve().parents[1]
VARNISH_SCRIPT = ROOT / "scripts" / "varnish.sh"
# Varnish's counters a run reads before and after (varnishstat), and what they mean in the report.
COUNTERS = {
    "MAIN.client_req": "requests",
    "MAIN.cache_hit": "hits",
    "MAIN.cache_hit_grace": "hits on a stale copy (grace)",
    "MAIN.cache_miss": "misses",
    "MAIN.cache_hitmiss": "hit-for-miss",
    "MAIN.cache_hitpass": "hit-for-pass",
    "MAIN.s_pass": "passed",
    "MAIN.s_synth": "synthetic answers (the app's PURGE requests)",
    "MAIN.backend_req": "backend requests",
}


class Varnish:
    """varnishd in front of a backend port, started by scripts/varnish.sh (deploy/varnish.vcl)."""

    def __init__(self, processes: Processes, work: Path, backend_port: int, *, port: int | None = None,
                 memory: str = "512m"):
        self.port = port or free_port()
        self.workdir = work / f"varnish-{self.port}"
        self.proc = processes.start(
            "varnishd",
            [str(VARNISH_SCRIPT), "--foreground", "--listen", f"127.0.0.1:{self.port}",
             "--backend", f"127.0.0.1:{backend_port}", "--workdir", str(self.workdir), "--memory", memory],
            cwd=ROOT, log=work / f"varnish-{self.port}.log",
        )
        wait_for_port(self.port, self.proc)

    def counters(self) -> dict[str, int]:
        out = subprocess.run(["varnishstat", "-n", str(self.workdir / "state"), "-1", "-j"],
                             capture_output=True, text=True, check=True, timeout=30).stdout
        data = json.loads(out)
        counters = data.get("counters", data)  # Varnish 6.5 and later nest them
        return {name: int(counters[name]["value"]) for name in COUNTERS if name in counters}


def counter_change(before: dict[str, int], after: dict[str, int]) -> dict:
    """The counters' change over a run, with the hit ratio of the readers' requests (purges left out)."""
    change = {name: after.get(name, 0) - before.get(name, 0) for name in COUNTERS}
    readers = change["MAIN.client_req"] - change["MAIN.s_synth"]
    hits = change["MAIN.cache_hit"]
    return {"counters": change, "reader_requests": readers, "hit_ratio": hits / readers if readers else None}


NGINX_CONF = """
worker_processes auto;  # one per core, as Debian's nginx.conf has it
pid {work}/nginx.pid;
error_log {work}/nginx-error.log warn;
events {{ worker_connections 1024; }}
http {{
    access_log off;
    default_type text/html;
    sendfile on;
    keepalive_requests 1000000;
    client_body_temp_path {work}/tmp; proxy_temp_path {work}/tmp; fastcgi_temp_path {work}/tmp;
    uwsgi_temp_path {work}/tmp; scgi_temp_path {work}/tmp;
    server {{
        listen 127.0.0.1:{port};
        root {work}/root;
    }}
}}
"""


def nginx_root(work: Path) -> Path:
    """The folder StaticNginx serves, made empty."""
    root = work / "nginx" / "root"
    shutil.rmtree(root, ignore_errors=True)
    root.mkdir(parents=True)
    return root


class StaticNginx:
    """nginx serving files from its own folder: the most a server on this machine answers with those bytes.

    The files are written in `root` (`work/nginx/root`) before it starts.
    """

    def __init__(self, processes: Processes, work: Path):
        self.work = work / "nginx"
        (self.work / "tmp").mkdir(parents=True, exist_ok=True)
        self.port = free_port()
        conf = self.work / "nginx.conf"
        conf.write_text(NGINX_CONF.format(work=self.work, port=self.port))
        self.proc = processes.start("nginx", ["nginx", "-c", str(conf), "-g", "daemon off;"],
                                    log=self.work / "nginx.log")
        wait_for_port(self.port, self.proc)
