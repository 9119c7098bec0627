"""The one way Newsdesk reads the web: feeds, robots.txt and article pages all come through `fetch`.

What it guarantees, whatever a feed or page says:

- only `http` and `https`; the host is resolved and every address it
  names must be public (not private, loopback, link-local, multicast,
  reserved or unspecified) **before** anything connects, and the connection
  goes to the very address that was checked, so a name that resolves
  differently a moment later (DNS rebinding) cannot move it;
  `NEWSDESK_FETCH_ALLOW_PRIVATE=true` lets loopback through, for tests only;
- at most `MAX_REDIRECTS` redirects, each target checked the same way;
- a connect timeout and a total time for the whole answer, a size cap that
  stops reading (no compressed bodies are asked for, so the cap is the size);
- an honest User-Agent naming Newsdesk and whom to contact;
- the text decoded by the declared charset, else the one the page or
  feed names, else a guess, never by trust in a wrong declaration.

It executes nothing: the body is bytes and text handed to the parsers
(feedparser, trafilatura), which keep no script.
"""

import http.client
import ipaddress
import re
import socket
import ssl
import time
from dataclasses import dataclass, field
from urllib.parse import urljoin, urlsplit

from django.conf import settings
from django.utils.translation import gettext as _

MAX_REDIRECTS = 3
REDIRECT_STATUSES = {301, 302, 303, 307, 308}
CHUNK = 16 * 1024


class FetchError(Exception):
    """The fetch did not give a usable answer; the message says why, in the editors' words."""


class FetchRefused(FetchError):
    """The URL was refused before any connection: a scheme or an address Newsdesk does not fetch."""


@dataclass
class Response:
    url: str  # the final URL, after redirects
    status: int
    headers: dict[str, str]  # names in lower case
    body: bytes
    redirects: list[str] = field(default_factory=list)

    @property
    def content_type(self) -> str:
        return self.headers.get("content-type", "").split(";")[0].strip().lower()

    @property
    def text(self) -> str:
        return decode(self.body, self.headers.get("content-type", ""))


def user_agent() -> str:
    return f"Newsdesk/1.0 (+{settings.NEWSDESK_FETCH_CONTACT_URL})"


def fetch(url: str, *, headers: dict[str, str] | None = None, max_bytes: int | None = None) -> Response:
    """GET `url`, following a few checked redirects. A 304 or an error status is an answer, not an exception.

    Raises `FetchRefused` for a URL Newsdesk will not fetch (checked before
    connecting) and `FetchError` for a failure on the way (timeout, too
    large, too many redirects, a broken connection).
    """
    max_bytes = max_bytes or settings.NEWSDESK_FETCH_MAX_BYTES
    deadline = time.monotonic() + settings.NEWSDESK_FETCH_TOTAL_TIMEOUT
    redirects: list[str] = []
    current = url
    while True:
        response = _get_once(current, headers or {}, max_bytes=max_bytes, deadline=deadline)
        location = response.headers.get("location")
        if response.status not in REDIRECT_STATUSES or not location:
            response.redirects = redirects
            return response
        if len(redirects) >= MAX_REDIRECTS:
            raise FetchError(_("転送が多すぎます（%(count)d 回を超えました）。") % {"count": MAX_REDIRECTS})
        redirects.append(current)
        current = urljoin(current, location.strip())


@dataclass(frozen=True)
class Target:
    scheme: str
    host: str
    port: int
    path: str  # with its query
    address: str  # the checked IP address the connection goes to
    family: int
    sockaddr: tuple


def check_url(url: str) -> Target:
    """Where `url` would be fetched from, or `FetchRefused`: the scheme, then every address its host resolves to."""
    try:
        parts = urlsplit(url)
        port = parts.port
    except ValueError:
        raise FetchRefused(_("URLの形式が正しくありません: %(url)s") % {"url": url[:200]}) from None
    if parts.scheme not in ("http", "https"):
        raise FetchRefused(_("http と https 以外のURLは取得しません: %(url)s") % {"url": url[:200]})
    host = parts.hostname
    if not host:
        raise FetchRefused(_("URLにホスト名がありません: %(url)s") % {"url": url[:200]})
    port = port or (443 if parts.scheme == "https" else 80)
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (socket.gaierror, UnicodeError):
        raise FetchError(_("ホスト名を解決できません: %(host)s") % {"host": host}) from None
    if not infos:
        raise FetchError(_("ホスト名を解決できません: %(host)s") % {"host": host})
    for info in infos:
        address = info[4][0]
        if not address_allowed(address):
            raise FetchRefused(
                _("内部ネットワークのアドレスには接続しません: %(host)s (%(address)s)") % {"host": host, "address": address}
            )
    path = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
    family, _type, _proto, _name, sockaddr = infos[0]
    return Target(parts.scheme, host, port, path, sockaddr[0], family, sockaddr)


def address_allowed(address: str) -> bool:
    """Whether Newsdesk may connect to `address`: a public one, or loopback when tests allow it."""
    ip = ipaddress.ip_address(address.split("%")[0])
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped:
        ip = ip.ipv4_mapped
    if ip.is_loopback:
        return settings.NEWSDESK_FETCH_ALLOW_PRIVATE
    return ip.is_global and not (ip.is_multicast or ip.is_reserved or ip.is_link_local or ip.is_private)


def _get_once(url: str, headers: dict[str, str], *, max_bytes: int, deadline: float) -> Response:
    target = check_url(url)
    remaining = deadline - time.monotonic()
    if remaining <= 0:
        raise FetchError(_("時間内に応答がありませんでした。"))
    connection = sock = None
    try:
        connection = _connection(target, timeout=min(settings.NEWSDESK_FETCH_CONNECT_TIMEOUT, remaining))
        default_port = 443 if target.scheme == "https" else 80
        host_header = target.host if target.port == default_port else f"{target.host}:{target.port}"
        if ":" in target.host and not target.host.startswith("["):
            host_header = f"[{target.host}]" if target.port == default_port else f"[{target.host}]:{target.port}"
        connection.putrequest("GET", target.path, skip_host=True, skip_accept_encoding=True)
        request_headers = {
            "Host": host_header,
            "User-Agent": user_agent(),
            "Accept-Encoding": "identity",  # the size cap counts what is stored, never a compressed bomb
            "Accept": "*/*",
            "Connection": "close",
            **headers,
        }
        for name, value in request_headers.items():
            connection.putheader(name, value)
        connection.endheaders()
        sock = connection.sock  # kept: http.client lets go of it once a "Connection: close" answer begins
        sock.settimeout(max(0.01, deadline - time.monotonic()))
        answer = connection.getresponse()
        response_headers = {name.lower(): value for name, value in answer.getheaders()}
        declared = response_headers.get("content-length", "")
        if declared.isdigit() and int(declared) > max_bytes:
            raise FetchError(_("応答が大きすぎます（上限 %(limit)s バイト）。") % {"limit": f"{max_bytes:,}"})
        body = _read_capped(answer, sock, max_bytes=max_bytes, deadline=deadline)
        return Response(url=url, status=answer.status, headers=response_headers, body=body)
    except TimeoutError:
        raise FetchError(_("時間内に応答がありませんでした。")) from None
    except ssl.SSLError as exc:
        raise FetchError(_("安全な接続ができませんでした: %(error)s") % {"error": exc.reason or exc}) from None
    except (OSError, http.client.HTTPException) as exc:
        raise FetchError(_("取得に失敗しました: %(error)s") % {"error": exc.__class__.__name__}) from None
    finally:
        if connection is not None:
            connection.close()
        if sock is not None:
            sock.close()


def _read_capped(answer, sock: socket.socket, *, max_bytes: int, deadline: float) -> bytes:
    chunks: list[bytes] = []
    size = 0
    while True:
        remaining = deadline - time.monotonic()
        if remaining <= 0:
            raise FetchError(_("時間内に応答がありませんでした。"))
        sock.settimeout(remaining)
        chunk = answer.read1(CHUNK) if hasattr(answer, "read1") else answer.read(CHUNK)
        if not chunk:
            return b"".join(chunks)
        size += len(chunk)
        if size > max_bytes:
            raise FetchError(_("応答が大きすぎます（上限 %(limit)s バイト）。") % {"limit": f"{max_bytes:,}"})
        chunks.append(chunk)


def _connection(target: Target, *, timeout: float) -> http.client.HTTPConnection:
    """A connection to the checked address, speaking to the host by name (Host header, TLS name and certificate)."""
    sock = _connect(target.family, target.sockaddr, timeout=timeout)
    if target.scheme == "https":
        context = ssl.create_default_context()
        try:
            sock = context.wrap_socket(sock, server_hostname=target.host)
        except Exception:
            sock.close()
            raise
        connection = http.client.HTTPSConnection(target.host, target.port, timeout=timeout, context=context)
    else:
        connection = http.client.HTTPConnection(target.host, target.port, timeout=timeout)
    connection.sock = sock  # already connected: http.client never resolves the name again
    return connection


def _connect(family: int, sockaddr: tuple, *, timeout: float) -> socket.socket:
    """A socket connected to exactly `sockaddr` (an address, not a name: nothing is resolved again)."""
    sock = socket.socket(family, socket.SOCK_STREAM)
    sock.settimeout(timeout)
    try:
        sock.connect(sockaddr)
    except BaseException:
        sock.close()
        raise
    return sock


_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.IGNORECASE)
_XML_ENCODING = re.compile(rb"""^\s*<\?xml[^>]+encoding\s*=\s*["']([A-Za-z0-9_.:-]+)""", re.IGNORECASE)
_HEADER_CHARSET = re.compile(r"""charset\s*=\s*["']?([A-Za-z0-9_.:-]+)""", re.IGNORECASE)


def declared_charsets(body: bytes, content_type: str) -> list[str]:
    """The charsets the answer names, most authoritative first: a byte-order mark, the header, the document."""
    names = []
    if body.startswith(b"\xef\xbb\xbf"):
        names.append("utf-8-sig")
    elif body.startswith((b"\xff\xfe", b"\xfe\xff")):
        names.append("utf-16")
    if match := _HEADER_CHARSET.search(content_type or ""):
        names.append(match.group(1))
    head = body[:4096]
    for pattern in (_XML_ENCODING, _META_CHARSET):
        if match := pattern.search(head):
            names.append(match.group(1).decode("ascii"))
    return names


def decode(body: bytes, content_type: str = "") -> str:
    """`body` as text: UTF-8 when it is valid UTF-8, else the first declared charset that decodes it, else a guess.

    A page that declares one charset and is written in another (a common
    fault) is read in the one that fits, not turned into mojibake.
    """
    declared = declared_charsets(body, content_type)
    if declared[:1] == ["utf-16"] or declared[:1] == ["utf-8-sig"]:
        candidates = declared
    else:
        # Text that is valid UTF-8 is UTF-8, whatever a header says: a Western single-byte charset
        # would "decode" anything, so a wrong declaration would turn Japanese into mojibake.
        candidates = ["utf-8", *declared]
    for name in candidates:
        try:
            return body.decode(name)
        except (LookupError, UnicodeDecodeError):
            continue
    from charset_normalizer import from_bytes

    best = from_bytes(body).best()
    if best is not None:
        return str(best)
    return body.decode("utf-8", errors="replace")
