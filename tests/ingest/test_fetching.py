"""The fetcher against a real server on loopback: what it refuses before connecting, and hostile answers."""

import socket
import ssl
import subprocess

import pytest

from ingest import fetching
from ingest.fetching import FetchError, FetchRefused, fetch


@pytest.fixture
def connections(monkeypatch):
    """Every address the fetcher connected to."""
    made = []
    real = fetching._connect

    def spy(family, sockaddr, **kwargs):
        made.append(sockaddr[:2])
        return real(family, sockaddr, **kwargs)

    monkeypatch.setattr(fetching, "_connect", spy)
    return made


def test_a_page_is_fetched_with_an_honest_user_agent(web):
    url = web.serve("/story", "<p>Hello</p>")

    response = fetch(url)

    assert response.status == 200
    assert response.text == "<p>Hello</p>"
    agent = web.requests[0]["headers"]["User-Agent"]
    assert agent.startswith("Newsdesk/") and "https://desk.example/contact" in agent
    assert web.requests[0]["headers"]["Accept-Encoding"] == "identity"


@pytest.mark.parametrize("url", [
    "file:///etc/passwd", "ftp://example.com/feed.xml", "gopher://example.com/", "javascript:alert(1)",
    "data:text/html,<script>alert(1)</script>", "http:///no-host",
])
def test_other_schemes_are_refused_before_connecting(web, connections, url):
    with pytest.raises(FetchRefused):
        fetch(url)
    assert connections == []


@pytest.mark.parametrize("address", [
    "10.0.0.1", "172.16.5.4", "192.168.1.1", "169.254.169.254", "100.64.0.1", "0.0.0.0", "224.0.0.1",
    "240.0.0.1", "255.255.255.255", "::1", "fe80::1", "fc00::1", "ff02::1", "::ffff:10.0.0.1", "::ffff:127.0.0.1",
])
def test_private_link_local_multicast_and_reserved_addresses_are_refused(settings, connections, address):
    settings.NEWSDESK_FETCH_ALLOW_PRIVATE = False
    host = f"[{address}]" if ":" in address else address

    with pytest.raises(FetchRefused, match="内部ネットワーク"):
        fetch(f"http://{host}/latest/meta-data/")
    assert connections == []


def test_loopback_is_refused_unless_tests_allow_it(web, settings, connections):
    url = web.serve("/story", "<p>Hello</p>")
    settings.NEWSDESK_FETCH_ALLOW_PRIVATE = False

    with pytest.raises(FetchRefused):
        fetch(url)
    with pytest.raises(FetchRefused):
        fetch(url.replace("127.0.0.1", "localhost"))
    assert connections == [] and web.requests == []


def test_allowing_loopback_does_not_allow_private_networks(web, connections):
    with pytest.raises(FetchRefused):
        fetch("http://192.168.0.10/")
    assert connections == []


def test_a_name_resolving_to_a_private_address_is_refused(monkeypatch, settings, connections):
    settings.NEWSDESK_FETCH_ALLOW_PRIVATE = False
    monkeypatch.setattr(fetching.socket, "getaddrinfo",
                        lambda host, port, **kw: [(socket.AF_INET, socket.SOCK_STREAM, 6, "", ("10.1.2.3", port))])

    with pytest.raises(FetchRefused, match="10.1.2.3"):
        fetch("http://intranet.news.example/")
    assert connections == []


def test_the_connection_goes_to_the_address_that_was_checked(web, monkeypatch, connections):
    """DNS rebinding: the name is resolved once per request, and that address is the one connected to."""
    answers = iter(["127.0.0.1", "10.9.9.9"])
    lookups = []

    def resolve(host, port, **kwargs):
        lookups.append(host)
        return [(socket.AF_INET, socket.SOCK_STREAM, 6, "", (next(answers), port))]

    monkeypatch.setattr(fetching.socket, "getaddrinfo", resolve)
    web.serve("/story", "<p>Hello</p>")

    response = fetch(f"http://rebind.example:{web.port}/story")

    assert response.text == "<p>Hello</p>"
    assert lookups == ["rebind.example"]
    assert connections == [("127.0.0.1", web.port)]
    assert web.requests[0]["headers"]["Host"] == f"rebind.example:{web.port}"


def test_a_redirect_is_followed_and_checked(web):
    web.serve("/old", status=301, headers={"Location": "/new"})
    web.serve("/new", "<p>Moved here</p>")

    response = fetch(web.url("/old"))

    assert response.text == "<p>Moved here</p>"
    assert response.url == web.url("/new")
    assert web.paths() == ["/old", "/new"]


@pytest.mark.parametrize("target", [
    "http://169.254.169.254/latest/meta-data/", "http://10.0.0.5/admin", "http://[fd00::1]/", "file:///etc/passwd",
])
def test_a_redirect_to_a_private_address_or_other_scheme_is_refused_before_connecting(web, connections, target):
    web.serve("/feed.xml", status=302, headers={"Location": target})

    with pytest.raises(FetchRefused):
        fetch(web.url("/feed.xml"))
    assert web.paths() == ["/feed.xml"]
    assert connections == [("127.0.0.1", web.port)]


def test_redirect_loops_stop_after_a_few(web):
    web.serve("/a", status=302, headers={"Location": "/b"})
    web.serve("/b", status=302, headers={"Location": "/a"})

    with pytest.raises(FetchError, match="転送が多すぎます"):
        fetch(web.url("/a"))
    assert len(web.requests) == fetching.MAX_REDIRECTS + 1


def test_a_huge_answer_stops_at_the_size_cap(web, settings):
    settings.NEWSDESK_FETCH_MAX_BYTES = 50_000
    web.serve("/huge", b"x" * 1_000, trickle=0.001, chunks=10_000)  # 10 MB, no Content-Length

    with pytest.raises(FetchError, match="大きすぎます"):
        fetch(web.url("/huge"))


def test_a_declared_huge_answer_is_refused_without_reading_it(web, settings):
    settings.NEWSDESK_FETCH_MAX_BYTES = 1_000
    web.serve("/declared", b"y" * 5_000)

    with pytest.raises(FetchError, match="大きすぎます"):
        fetch(web.url("/declared"))


def test_a_slow_server_runs_out_of_the_total_time(web, settings):
    settings.NEWSDESK_FETCH_TOTAL_TIMEOUT = 0.5
    web.serve("/slow", b"<p>.</p>", trickle=0.2, chunks=50)  # trickles: every read is quick, the whole is not

    with pytest.raises(FetchError, match="時間内に応答がありませんでした"):
        fetch(web.url("/slow"))


def test_an_error_status_is_an_answer(web):
    web.serve("/gone", "gone", status=410)

    assert fetch(web.url("/gone")).status == 410


JAPANESE = "米国の半導体規制、欧州にも波及"


@pytest.mark.parametrize("body, content_type", [
    (f"<p>{JAPANESE}</p>".encode(), "text/html; charset=utf-8"),
    (f"<p>{JAPANESE}</p>".encode(), "text/html; charset=iso-8859-1"),  # a wrong declaration
    (f"<p>{JAPANESE}</p>".encode(), "text/html"),
    (f'<meta charset="shift_jis"><p>{JAPANESE}</p>'.encode("shift_jis"), "text/html"),
    (f'<?xml version="1.0" encoding="EUC-JP"?><t>{JAPANESE}</t>'.encode("euc-jp"), "application/xml"),
    (f"<p>{JAPANESE}</p>".encode("shift_jis"), "text/html; charset=bogus-charset"),
])
def test_declared_and_sniffed_encodings_give_the_right_text(web, body, content_type):
    web.serve("/page", body, content_type=content_type)

    assert JAPANESE in fetch(web.url("/page")).text


def test_latin_1_declared_in_the_page_is_read_as_latin_1():
    assert fetching.decode('<meta charset="iso-8859-1"><p>Zürich café</p>'.encode("latin-1")).endswith(
        "Zürich café</p>")


def test_a_closed_port_is_a_fetch_error(web):
    closed = web.port
    web.server.shutdown()
    web.server.server_close()

    with pytest.raises(FetchError, match="取得に失敗しました"):
        fetch(f"http://127.0.0.1:{closed}/feed.xml")


@pytest.fixture
def tls_web(web, tmp_path):
    """The loopback server over TLS, with a certificate for "localhost" that no system trusts."""
    key, cert = tmp_path / "key.pem", tmp_path / "cert.pem"
    subprocess.run(
        ["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", key, "-out", cert, "-days", "1",
         "-subj", "/CN=localhost", "-addext", "subjectAltName=DNS:localhost"],
        check=True, capture_output=True,
    )
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(cert, key)
    web.server.socket = context.wrap_socket(web.server.socket, server_side=True)
    web.cert = cert
    return web


def test_https_checks_the_certificate_for_the_host_name(tls_web, monkeypatch, connections):
    tls_web.serve("/story", "<p>Over TLS</p>")
    url = f"https://localhost:{tls_web.port}/story"

    with pytest.raises(FetchError, match="安全な接続ができませんでした"):
        fetch(url)  # not trusted
    monkeypatch.setenv("SSL_CERT_FILE", str(tls_web.cert))
    assert fetch(url).text == "<p>Over TLS</p>"
    with pytest.raises(FetchError, match="安全な接続ができませんでした"):
        fetch(f"https://127.0.0.1:{tls_web.port}/story")  # trusted, but not for that name
    assert {address for address, _port in connections} <= {"127.0.0.1", "::1"}
