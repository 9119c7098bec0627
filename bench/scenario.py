"""One database at one archive size: load the stories, then measure in-process, misses, the edge, and the ceiling.

`Scenario.run()` returns plain data (see bench/report.py for what is made
of it). Every process it starts is in `processes` and stopped before it
returns, whatever happens.
"""

import json
import os
import shutil
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

from edge import StaticNginx, Varnish, counter_change, nginx_root
from load import fetch_all, read_mix, run_wrk
from processes import Processes, children, free_port, group_cpu_seconds, rss_mb, wait_for_port

ROOT = Path(__file__).resolve().parents[1]
BENCH = ROOT / "bench"
PYTHON = sys.executable
PSQL = ["-h", "127.0.0.1", "-U", "postgres"]
REDIS_DBS = ("13", "14")  # the app's cache, and its sessions
WARM_URLS = 300  # requests that warm gunicorn's workers before a run of misses


def log(message: str) -> None:
    print(f"[{time.strftime('%H:%M:%S')}] {message}", flush=True)


@dataclass
class Options:
    duration: int
    repeat: int
    connections: int
    editors: int
    editor_interval: float
    app_cache: str  # "redis" or "none"
    keep: bool
    data: Path | None = None  # where loaded databases are kept between runs


class Scenario:
    def __init__(self, database: str, content: list[Path], n: int, work: Path, options: Options, processes: Processes):
        self.database, self.content, self.n, self.options, self.processes = database, content, n, options, processes
        self.work = work / f"{database}-{n}"
        self.work.mkdir(parents=True, exist_ok=True)
        self.static_root = work / "static"
        self.name = f"{database} {n:,}"
        if database == "sqlite":
            self.database_url = f"sqlite:///{self.work / 'newsdesk.sqlite3'}"
        else:
            self.pg_name = f"newsdesk_hb_{n}"
            self.kept_name = f"newsdesk_hb_{n}_loaded"  # the loaded database kept by --data
            self.database_url = f"postgres://postgres@127.0.0.1:5432/{self.pg_name}"

    def env(self, *, cache: str, purge_port: int | None = None, page_cache: bool = True) -> dict:
        env = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "newsdesk.settings",
            "DJANGO_ENV": "production",
            "DJANGO_HTTPS": "false",  # plain HTTP on loopback
            "DJANGO_SECRET_KEY": "bench-" + "x" * 60,
            "DJANGO_ALLOWED_HOSTS": "127.0.0.1,localhost,testserver",
            "DJANGO_STATIC_ROOT": str(self.static_root),
            "DJANGO_MEDIA_ROOT": str(self.work / "media"),
            "DATABASE_URL": self.database_url,
            "CACHE_URL": cache,
            "NEWSDESK_PAGE_CACHE": "true" if page_cache else "false",
            "GUNICORN_WORKERS": "2",
            "GUNICORN_ACCESS_LOG": "",
            "GUNICORN_LOG_LEVEL": "warning",
            # One process per worker for the whole run, so its memory before and after compare.
            "GUNICORN_MAX_REQUESTS": "0",
        }
        if cache.startswith("redis://"):
            env["SESSION_CACHE_URL"] = f"redis://127.0.0.1:6379/{REDIS_DBS[1]}"
        env.pop("DJANGO_DEBUG", None)
        env.pop("NEWSDESK_PURGE_URLS", None)
        if purge_port:
            env["NEWSDESK_PURGE_URLS"] = f"http://127.0.0.1:{purge_port}/"
        return env

    @property
    def app_cache(self) -> str:
        return f"redis://127.0.0.1:6379/{REDIS_DBS[0]}" if self.options.app_cache == "redis" else "dummycache://"

    def run(self) -> dict:
        result = {"database": self.database, "n": self.n}
        try:
            result["import"] = self.load()
            result["mix"] = self.mixes()
            log(f"[{self.name}] in-process renders …")
            out = self.work / "inprocess.json"
            result["inprocess"] = self.child_json("inprocess.py", [self.mix, out], out,
                                                  self.env(cache="dummycache://", page_cache=False))
            result["miss"] = self.misses()
            result["edge"], pages = self.through_varnish()
            result["static"] = self.static(pages)
        finally:
            self.processes.stop_all()
            if not self.options.keep:
                self.drop()
        return result

    # Loading ------------------------------------------------------------------------------

    def load(self) -> dict:
        """The stories in a fresh database: imported, or restored from `--data` if loaded there before."""
        env = self.env(cache="dummycache://")
        stored = self.options.data / f"{self.database}-{self.n}" if self.options.data else None
        if self.database == "postgres":
            subprocess.run(["dropdb", *PSQL, "--if-exists", self.pg_name], check=True)
        if stored and (stored / "import.json").exists():
            log(f"[{self.name}] restoring the stories loaded before ({stored}) …")
            self.restore(stored)
            self.manage(["migrate", "--noinput", "-v0"], env)
            self.collect_static(env)
            return json.loads((stored / "import.json").read_text())
        if self.database == "postgres":
            subprocess.run(["createdb", *PSQL, self.pg_name], check=True)
        self.manage(["migrate", "--noinput", "-v0"], env)
        self.collect_static(env)
        imported = self.import_parts(env)
        if self.database == "postgres":
            # As after any bulk load: otherwise autovacuum gets to the new rows during the runs.
            subprocess.run(["psql", *PSQL, "-d", self.pg_name, "-qc", "VACUUM ANALYZE"], check=True)
        if stored:
            self.store(stored, imported)
        return imported

    def collect_static(self, env: dict) -> None:
        if not self.static_root.exists():
            self.manage(["collectstatic", "--noinput", "-v0"], env)

    def import_parts(self, env: dict) -> dict:
        """`manage.py import_articles` on each part in turn, as an editor would run it."""
        seconds, peak_mb = 0.0, 0.0
        for number, path in enumerate(self.content, start=1):
            log(f"[{self.name}] importing {path.name} ({number} of {len(self.content)}) …")
            began = time.perf_counter()
            importing = self.processes.start(
                "import", [PYTHON, "manage.py", "import_articles", str(path), "-v0", "--max-size", "8192"],
                cwd=ROOT, env=env, log=self.work / "import.log",
            )
            _, status, usage = os.wait4(importing.pid, 0)  # its peak memory comes with it
            importing.returncode = os.waitstatus_to_exitcode(status)
            self.processes.stop(importing)
            seconds += time.perf_counter() - began
            peak_mb = max(peak_mb, usage.ru_maxrss / 1024)
            if importing.returncode:
                raise RuntimeError(f"import_articles failed: {(self.work / 'import.log').read_text()[-2000:]}")
        log(f"[{self.name}] imported in {seconds:.1f} s")
        return {"seconds": seconds, "bytes": sum(path.stat().st_size for path in self.content), "peak_mb": peak_mb,
                "files": len(self.content), "when": time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime()),
                "load": os.getloadavg()[0]}

    def store(self, stored: Path, imported: dict) -> None:
        """Keep the loaded database and its media for later runs (`--data`)."""
        shutil.rmtree(stored, ignore_errors=True)
        stored.mkdir(parents=True)
        shutil.copytree(self.work / "media", stored / "media")
        if self.database == "sqlite":
            shutil.copy2(self.work / "newsdesk.sqlite3", stored / "newsdesk.sqlite3")
        else:
            subprocess.run(["dropdb", *PSQL, "--if-exists", self.kept_name], check=True)
            subprocess.run(["createdb", *PSQL, "-T", self.pg_name, self.kept_name], check=True)
        (stored / "import.json").write_text(json.dumps({**imported, "restored": True}))

    def restore(self, stored: Path) -> None:
        shutil.rmtree(self.work / "media", ignore_errors=True)
        shutil.copytree(stored / "media", self.work / "media")
        if self.database == "sqlite":
            shutil.copy2(stored / "newsdesk.sqlite3", self.work / "newsdesk.sqlite3")
        else:
            subprocess.run(["createdb", *PSQL, "-T", self.kept_name, self.pg_name], check=True)

    def drop(self) -> None:
        if self.database == "postgres":
            subprocess.run(["dropdb", *PSQL, "--if-exists", self.pg_name], check=False)
        for db in REDIS_DBS:
            subprocess.run(["redis-cli", "-n", db, "flushdb"], check=False, stdout=subprocess.DEVNULL)

    def manage(self, args: list[str], env: dict) -> None:
        subprocess.run([PYTHON, "manage.py", *args], cwd=ROOT, env=env, check=True, stdout=subprocess.DEVNULL)

    def child_json(self, script: str, args: list, out: Path, env: dict, timeout: float = 1800) -> dict | list:
        subprocess.run([PYTHON, str(BENCH / script), *map(str, args)], cwd=ROOT, env=env, check=True,
                       timeout=timeout)
        return json.loads(out.read_text())

    def mixes(self) -> dict:
        self.mix, self.articles = self.work / "mix.tsv", self.work / "articles.tsv"
        env = self.env(cache="dummycache://")
        for path, extra in ((self.mix, []), (self.articles, ["--articles-only"])):
            subprocess.run([PYTHON, str(BENCH / "mix.py"), str(path), *extra], cwd=ROOT, env=env, check=True)
        rows = read_mix(self.mix)
        by_type: dict[str, int] = {}
        for kind, _ in rows:
            by_type[kind] = by_type.get(kind, 0) + 1
        return {"urls": len(rows), "by_type": by_type}

    # Runs ---------------------------------------------------------------------------------

    def gunicorn(self, env: dict) -> tuple[subprocess.Popen, int]:
        port = free_port()
        proc = self.processes.start(
            "gunicorn", [PYTHON, "-m", "gunicorn", "--config", "deploy/gunicorn.conf.py"], cwd=ROOT,
            env={**env, "GUNICORN_BIND": f"127.0.0.1:{port}"}, log=self.work / "gunicorn.log",
        )
        wait_for_port(port, proc)
        return proc, port

    def workers(self, master: subprocess.Popen) -> dict[int, float]:
        return {pid: rss_mb(pid) for pid in children(master.pid)}

    def measured(self, label: str, port: int, mix: Path, groups: dict[str, int], rep: int) -> dict:
        before = {name: group_cpu_seconds(pgid) for name, pgid in groups.items()}
        out = self.work / f"wrk-{label}-{rep}.out"
        run = run_wrk(self.processes, f"http://127.0.0.1:{port}", mix, out, duration=self.options.duration,
                      connections=self.options.connections)
        run["cpu_seconds"] = {name: group_cpu_seconds(pgid) - before[name] for name, pgid in groups.items()}
        run["cpu_seconds"]["wrk"] = run["wrk_cpu_seconds"]
        log(f"[{self.name}] {label} {rep}: {run['rate']:.0f} req/s, p50 {run['p50_ms']:.1f} ms, "
            f"p99 {run['p99_ms']:.1f} ms, {run['bad_statuses']} not 2xx/3xx")
        return run

    def misses(self) -> dict:
        """gunicorn alone, nothing stored anywhere: every request rendered."""
        log(f"[{self.name}] gunicorn alone, every request a miss …")
        proc, port = self.gunicorn(self.env(cache="dummycache://", page_cache=False))
        rows = read_mix(self.mix)
        warm = fetch_all(port, [path for _, path in rows[:: max(1, len(rows) // WARM_URLS)]])
        memory = [self.workers(proc)]
        runs = {"mix": [], "articles": []}
        for rep in range(1, self.options.repeat + 1):
            runs["mix"].append(self.measured("miss-mix", port, self.mix, {"gunicorn": proc.pid}, rep))
            runs["articles"].append(self.measured("miss-articles", port, self.articles, {"gunicorn": proc.pid}, rep))
            memory.append(self.workers(proc))
        self.processes.stop(proc)
        return {**runs, "warm_statuses": dict(warm), "memory": memory}

    def through_varnish(self) -> tuple[dict, dict]:
        log(f"[{self.name}] Varnish in front of gunicorn, {self.options.editors} editors saving …")
        for db in REDIS_DBS:
            subprocess.run(["redis-cli", "-n", db, "flushdb"], check=True, stdout=subprocess.DEVNULL)
        edge_port = free_port()
        env = self.env(cache=self.app_cache, purge_port=edge_port)
        proc, port = self.gunicorn(env)
        varnish = Varnish(self.processes, self.work, port, port=edge_port)
        return self._edge_runs(varnish, proc, port, env)

    def _edge_runs(self, varnish: Varnish, proc, port: int, env: dict) -> tuple[dict, dict]:
        rows = read_mix(self.mix)
        warm = fetch_all(varnish.port, [path for _, path in rows])  # a Varnish that has been up for hours
        memory = [self.workers(proc)]
        runs = []
        for rep in range(1, self.options.repeat + 1):
            out = self.work / f"editors-{rep}.json"
            start_at = time.time() + 5  # Django set up in the editors' process before the readers start
            editors = self.processes.start(
                "editors",
                [PYTHON, str(BENCH / "editors.py"), "--editors", str(self.options.editors), "--interval",
                 str(self.options.editor_interval), "--seconds", str(self.options.duration), "--start-at",
                 str(start_at), "--edge-port", str(varnish.port), "--seed", str(rep), "--out", str(out)],
                cwd=ROOT, env=env, log=self.work / "editors.log",
            )
            time.sleep(max(0.0, start_at - time.time()))
            counters = varnish.counters()
            run = self.measured("edge-mix", varnish.port, self.mix,
                                {"gunicorn": proc.pid, "varnish": varnish.proc.pid, "editors": editors.pid}, rep)
            run["varnish"] = counter_change(counters, varnish.counters())
            editors.wait(timeout=self.options.duration + 120)
            run["editors"] = json.loads(out.read_text())
            runs.append(run)
            memory.append(self.workers(proc))
            log(f"[{self.name}] edge {rep}: hits {run['varnish']['hit_ratio']:.1%}, "
                f"{run['editors']['saves']} saves")
        log(f"[{self.name}] probes: an edit through Varnish, an unrelated page …")
        out = self.work / "probes.json"
        probes = self.child_json("probes.py", ["--edge-port", varnish.port, "--out", out], out, env)
        pages = self.snapshot(varnish.port)
        self.processes.stop(proc)
        self.processes.stop(varnish.proc)
        return {"runs": runs, "probes": probes, "warm_statuses": dict(warm), "memory": memory}, pages

    def snapshot(self, port: int) -> dict:
        """Every page of the mix as `port` answers it, written as a file for nginx; the mix that asks for
        those files with the same page types and weights."""
        root = nginx_root(self.work)
        files: dict[str, str] = {}
        static_rows = []
        for line in self.mix.read_text(encoding="utf-8").splitlines():
            kind, weight, path = line.split("\t", 2)
            name = files.setdefault(path, f"p{len(files)}.html")
            static_rows.append(f"{kind}\t{weight}\t/{name}\n")
        statuses = fetch_all(port, list(files), keep=lambda path, body: (root / files[path]).write_bytes(body))
        mix = self.work / "static.tsv"
        mix.write_text("".join(static_rows), encoding="utf-8")
        return {"mix": mix, "files": len(files), "bytes": sum(f.stat().st_size for f in root.iterdir()),
                "statuses": dict(statuses)}

    def static(self, pages: dict) -> dict:
        log(f"[{self.name}] nginx serving the mix's pages as files …")
        os.sync()  # the files written out, so that no run waits on the disk
        nginx = StaticNginx(self.processes, self.work)
        fetch_all(nginx.port, [path for _, path in read_mix(pages["mix"])])  # read once, as Varnish's were
        runs = [self.measured("static", nginx.port, pages["mix"], {"nginx": nginx.proc.pid}, rep)
                for rep in range(1, self.options.repeat + 1)]
        self.processes.stop(nginx.proc)
        return {"runs": runs, "files": pages["files"], "bytes": pages["bytes"], "statuses": pages["statuses"]}

