"""The demo command as a newcomer runs it: one command serves the site and runs the periodic jobs, no other service."""

import os
import signal
import sqlite3
import subprocess
import sys
import urllib.request
from pathlib import Path

from tests.helpers import free_port, wait_for
from tests.ingest import samples
from tests.loopback_web import loopback_web

ROOT = Path(__file__).resolve().parents[1]
# The demo reads no settings but these: the suite's own (its database, cache, broker) stay out of it.
OWN_SETTINGS = ("DATABASE_URL", "CACHE_URL", "SESSION_CACHE_URL", "CELERY_", "DJANGO_", "NEWSDESK_")


def answers(url: str) -> bool:
    try:
        with urllib.request.urlopen(url, timeout=2) as response:
            return response.status == 200
    except OSError:
        return False


def inbox_titles(database: Path) -> list[str]:
    try:
        with sqlite3.connect(database, timeout=1) as connection:
            return [title for (title,) in connection.execute("SELECT title FROM ingest_inboxitem ORDER BY title")]
    except sqlite3.OperationalError:  # not migrated yet, or being written
        return []


def running(group: int) -> bool:
    try:
        os.killpg(group, 0)
    except ProcessLookupError:
        return False
    return True


def _as_in_a_terminal():
    """Ctrl-C stops what a terminal runs: a test run started in the background inherits SIGINT ignored
    (as a shell starts background jobs), which the demo's processes would inherit and could not undo."""
    signal.signal(signal.SIGINT, signal.SIG_DFL)


def test_the_demo_command_polls_a_feed_added_while_it_runs_and_stops_whole_on_ctrl_c(tmp_path, settings):
    with loopback_web(settings) as web:
        web.serve("/robots.txt", "User-agent: *\nAllow: /\n", content_type="text/plain")
        feed_url = web.serve("/world.rss", samples.rss([
            {"title": "Eastmouth port to double capacity", "link": "https://harbor.example/world/port"},
            {"title": "Rail yard vote delayed", "link": "https://harbor.example/world/rail"},
        ]), content_type="application/rss+xml")
        port, database = free_port(), tmp_path / "demo.sqlite3"
        environ = {name: value for name, value in os.environ.items() if not name.startswith(OWN_SETTINGS)}
        environ |= {
            "PORT": str(port), "DATABASE_URL": f"sqlite:///{database}", "DJANGO_MEDIA_ROOT": str(tmp_path / "media"),
            "NEWSDESK_FETCH_ALLOW_PRIVATE": "true", "NEWSDESK_FETCH_HOST_INTERVAL": "0",
            "NEWSDESK_FEED_POLL_SECONDS": "1",
        }
        with open(tmp_path / "demo.log", "w") as log:
            demo = subprocess.Popen([str(ROOT / "scripts" / "run-demo.sh")], cwd=ROOT, env=environ, stdout=log,
                                    stderr=subprocess.STDOUT, start_new_session=True,
                                    preexec_fn=_as_in_a_terminal)
        output = (tmp_path / "demo.log").read_text
        try:
            assert wait_for(lambda: answers(f"http://127.0.0.1:{port}/healthz"), 240), output()
            subprocess.run([sys.executable, "manage.py", "add_feed", "Harbor Ledger", feed_url], cwd=ROOT, env=environ,
                           check=True, capture_output=True)

            assert wait_for(lambda: len(inbox_titles(database)) == 2, 60), output()
            assert inbox_titles(database) == ["Eastmouth port to double capacity", "Rail yard vote delayed"]

            os.killpg(demo.pid, signal.SIGINT)  # Ctrl-C in the demo's terminal
            demo.wait(timeout=30)
            assert wait_for(lambda: not running(demo.pid), 30), "a process of the demo outlived it"
        finally:
            if running(demo.pid):
                os.killpg(demo.pid, signal.SIGKILL)
            demo.wait()
