"""Through a real Varnish (deploy/varnish.vcl, started by scripts/varnish.sh): pages are kept, purged by key, never shared when private."""

import http.server
import os
import shutil
import signal
import socket
import subprocess
import tempfile
import threading
import time
import urllib.error
import urllib.request

import pytest

from articles import stories
from tests.factories import make_article
from tests.helpers import ROOT, free_port

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture(scope="module")
def varnish(live_server):
    """varnishd on a loopback port in front of the live server; its base URL."""
    yield from _varnishd(int(live_server.url.rsplit(":", 1)[1]))


def _varnishd(backend: int, *options: str):
    port = free_port()
    # Not under pytest's own temporary folder: varnishd reads its files as its own user.
    workdir = tempfile.mkdtemp(prefix="newsdesk-varnish-")
    process = subprocess.Popen(
        [str(ROOT / "scripts" / "varnish.sh"), "--foreground", "--listen", f"127.0.0.1:{port}",
         "--backend", f"127.0.0.1:{backend}", "--workdir", workdir, "--memory", "32m", *options],
        stdout=subprocess.PIPE, stderr=subprocess.STDOUT, start_new_session=True,
    )
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.5):
                break
        except OSError:
            if process.poll() is not None:
                raise RuntimeError("varnishd did not start:\n" + process.stdout.read().decode())
            time.sleep(0.1)
    else:
        raise RuntimeError("varnishd did not listen within 60 s")
    yield url
    os.killpg(process.pid, signal.SIGTERM)
    process.wait(timeout=30)
    shutil.rmtree(workdir, ignore_errors=True)


@pytest.fixture
def purged_by_the_app(settings, varnish):
    settings.NEWSDESK_PURGE_URLS = [varnish + "/"]
    return varnish


_direct = urllib.request.build_opener(urllib.request.ProxyHandler({}))  # whatever proxy the environment names


def get(url: str, **headers) -> tuple[int, dict, str]:
    request = urllib.request.Request(url, headers=headers)
    try:
        with _direct.open(request, timeout=10) as response:
            return response.status, dict(response.headers), response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers), error.read().decode()


def test_an_edit_shows_on_the_next_request_and_an_unrelated_page_stays_a_hit(purged_by_the_app):
    edge = purged_by_the_app
    story = make_article(title="縁で保持する記事", tags=["縁テスト"])
    make_article(title="関係のない記事", tags=["別件"])
    story_url, other_url = edge + story.get_absolute_url(), edge + "/tag/%E5%88%A5%E4%BB%B6/"
    for url in (story_url, other_url):
        status, headers, _ = get(url)
        assert status == 200 and headers["X-Cache"] == "MISS"
        status, headers, _ = get(url)
        assert status == 200 and headers["X-Cache"] == "HIT", url
    assert "xkey" not in {name.lower() for name in headers}  # the keys are for the edge cache only
    assert headers["Cache-Control"] == "public, max-age=0"  # downstream revalidates every time

    story.body = "縁の向こうでも直った本文。"
    stories.save_story(story, by=None)

    status, headers, html = get(story_url)
    assert status == 200 and headers["X-Cache"] == "MISS" and "縁の向こうでも直った本文。" in html
    status, headers, html = get(other_url)
    assert headers["X-Cache"] == "HIT" and "関係のない記事" in html


def test_a_conditional_request_is_answered_304_by_the_edge(purged_by_the_app):
    story = make_article(title="条件付き")
    url = purged_by_the_app + story.get_absolute_url()
    _, headers, _ = get(url)
    status, again, _ = get(url, **{"If-None-Match": headers["ETag"]})
    assert status == 304 and again["X-Cache"] == "HIT"


def test_a_signed_in_editor_is_never_served_or_stored_a_shared_copy(purged_by_the_app):
    story = make_article(title="編集者も読む")
    url = purged_by_the_app + story.get_absolute_url()
    for _ in range(2):
        status, headers, _ = get(url, Cookie="sessionid=abc123")
        assert status == 200 and headers["X-Cache"] == "MISS" and "private" in headers["Cache-Control"]
    _, headers, _ = get(url)
    assert headers["X-Cache"] == "MISS"  # the editor's answers were not kept for readers
    for _ in range(2):
        status, headers, _ = get(purged_by_the_app + "/admin/login/")
        assert status == 200 and headers["X-Cache"] == "MISS"


def test_only_the_apps_servers_may_purge(varnish):
    import http.client

    host, port = varnish.removeprefix("http://").split(":")
    stranger = http.client.HTTPConnection(host, int(port), timeout=10, source_address=("127.0.0.2", 0))
    stranger.request("PURGE", "/", headers={"xkey-purge": "list"})
    assert stranger.getresponse().status == 403
    stranger.close()
    request = urllib.request.Request(varnish + "/", method="PURGE")  # from the app's host, but no keys
    with pytest.raises(urllib.error.HTTPError) as refused:
        _direct.open(request, timeout=10)
    assert refused.value.code == 400


def test_failed_logins_through_the_edge_count_the_readers_address_not_the_edges(purged_by_the_app, settings):
    import re
    from urllib.parse import urlencode

    settings.NEWSDESK_BEHIND_PROXY = True
    settings.NEWSDESK_LOGIN_MAX_FAILURES_PER_ADDRESS = 2
    login = purged_by_the_app + "/admin/login/"

    def attempt(username, address):
        _, headers, html = get(login, **{"X-Forwarded-For": address})
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html).group(1)
        cookie = re.search(r"csrftoken=([^;]+)", headers["Set-Cookie"]).group(1)
        request = urllib.request.Request(
            login, data=urlencode({"username": username, "password": "wrong", "csrfmiddlewaretoken": token}).encode(),
            headers={"X-Forwarded-For": address, "Cookie": f"csrftoken={cookie}", "Referer": login},
        )
        try:
            with _direct.open(request, timeout=10) as response:
                return response.status
        except urllib.error.HTTPError as error:
            return error.code

    assert [attempt(f"user{n}", "203.0.113.7") for n in range(3)] == [200, 200, 429]
    assert attempt("user9", "203.0.113.8") == 200  # another reader is not locked out with the first


def test_a_retitle_shows_on_its_page_at_once_and_on_pages_showing_its_card_within_a_second(purged_by_the_app):
    edge = purged_by_the_app
    story = make_article(title="見出しの前", tags=["縁の見出し"])
    for _ in range(2):
        get(edge + "/"), get(edge + story.get_absolute_url())
    story.title = "見出しの後"
    stories.save_story(story, by=None)

    _, headers, html = get(edge + story.get_absolute_url())
    assert headers["X-Cache"] == "MISS" and "見出しの後" in html  # its own page: gone at once
    deadline = time.monotonic() + 1
    while "見出しの後" not in get(edge + "/")[2]:  # the home page: served once more while refetched
        assert time.monotonic() < deadline, "the home page still shows the old title after a second"
        time.sleep(0.02)


class _TwoWorkers(http.server.ThreadingHTTPServer):
    """A backend that answers two requests at a time, as gunicorn with two sync workers; list pages slowly when asked."""

    def __init__(self):
        super().__init__(("127.0.0.1", 0), self.Handler)
        self.slow = threading.Event()
        self.broken = threading.Event()
        self.workers = threading.Semaphore(2)
        self.slow_list_started = threading.Event()

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self):
            with self.server.workers:
                if self.path.startswith("/list/") and self.server.slow.is_set():
                    self.server.slow_list_started.set()
                    time.sleep(3)
                body = f"{self.path} {time.monotonic()}".encode()
                self.send_response(500 if self.server.broken.is_set() else 200)
                self.send_header("Cache-Control", "public, s-maxage=3600")
                self.send_header("xkey", "list" if self.path.startswith("/list/") else "story")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

        def log_message(self, *args):
            pass


@pytest.fixture
def two_workers_behind_varnish():
    server = _TwoWorkers()
    threading.Thread(target=server.serve_forever, daemon=True).start()
    edge = _varnishd(server.server_address[1], "--refresh-connections", "1")
    try:
        yield server, next(edge)
    finally:
        next(edge, None)  # varnishd stopped
        server.shutdown()


def test_refreshing_soft_purged_pages_leaves_a_worker_for_a_reader_waiting_for_a_new_page(two_workers_behind_varnish):
    """Ten editors saving soft-purge the lists all the time; a story just edited must not wait for their refreshes."""
    server, edge = two_workers_behind_varnish
    lists = [f"{edge}/list/{n}/" for n in range(6)]
    for url in lists:
        assert get(url)[1]["X-Cache"] == "MISS"
    server.slow.set()  # from now on a list takes 3 s to render
    request = urllib.request.Request(edge + "/", method="PURGE", headers={"xkey-softpurge": "list"})
    with _direct.open(request, timeout=10) as response:
        assert response.status == 200
    for n, url in enumerate(lists):  # each reader is served the old copy at once; its refresh starts behind
        started = time.monotonic()
        status, headers, _ = get(url)
        assert status == 200 and headers["X-Cache"] == "HIT" and time.monotonic() - started < 1
        if n == 0:
            # Varnish counts a backend's connection once it is made, so refreshes begun in the
            # same instant may both pass the limit (see the VCL); the rest come as readers do,
            # once the first refresh is under way.
            assert server.slow_list_started.wait(timeout=5), "the first list was not refreshed"
    started = time.monotonic()
    status, headers, body = get(edge + "/story/1/")  # nobody has it: a reader waits for it
    assert status == 200 and headers["X-Cache"] == "MISS" and body.startswith("/story/1/")
    assert time.monotonic() - started < 1.5, "the reader waited behind the lists' refreshes"


def test_a_refresh_that_fails_keeps_the_copy_readers_have(two_workers_behind_varnish):
    server, edge = two_workers_behind_varnish
    url = edge + "/list/0/"
    _, _, before = get(url)
    server.broken.set()  # the app answers 500 from now on
    request = urllib.request.Request(edge + "/", method="PURGE", headers={"xkey-softpurge": "list"})
    _direct.open(request, timeout=10).close()
    for _ in range(3):
        status, _, body = get(url)
        assert status == 200 and body == before
        time.sleep(0.2)
