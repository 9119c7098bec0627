"""A real HTTP server on loopback, in a thread of the test, serving what each test writes for it."""

import threading
import time
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


@dataclass
class Page:
    body: bytes = b""
    status: int = 200
    headers: dict = field(default_factory=dict)
    trickle: float = 0  # seconds between chunks of the body (a slow server)
    chunks: int = 0  # with trickle: how many chunks of `body` to send
    handler: object = None  # a function(request_headers) -> Page, for conditional answers


class Web:
    """Routes (path → Page) and the log of every request the server received."""

    def __init__(self):
        self.routes: dict[str, Page] = {}
        self.requests: list[dict] = []
        self.server = ThreadingHTTPServer(("127.0.0.1", 0), self._handler())
        self.server.daemon_threads = True
        self.port = self.server.server_address[1]
        self.host = f"127.0.0.1:{self.port}"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def url(self, path: str) -> str:
        return f"http://{self.host}{path}"

    def serve(self, path: str, body: str | bytes = b"", *, content_type="text/html; charset=utf-8", status=200,
              headers=None, **options) -> str:
        data = body.encode() if isinstance(body, str) else body
        self.routes[path] = Page(body=data, status=status,
                                 headers={"Content-Type": content_type, **(headers or {})}, **options)
        return self.url(path)

    def page(self, **fields) -> Page:
        """An answer for a route's handler to give."""
        return Page(**fields)

    def paths(self) -> list[str]:
        return [request["path"] for request in self.requests]

    def _handler(self):
        web = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args):
                pass

            def do_GET(self):
                web.requests.append({"path": self.path, "headers": dict(self.headers)})
                page = web.routes.get(self.path) or web.routes.get(self.path.split("?")[0])
                if page is None:
                    self.send_response(404)
                    self.send_header("Content-Length", "0")
                    self.end_headers()
                    return
                if page.handler is not None:
                    page = page.handler(self.headers)
                self.send_response(page.status)
                for name, value in page.headers.items():
                    self.send_header(name, value)
                if page.trickle:
                    self.end_headers()
                    try:
                        for _ in range(page.chunks):
                            self.wfile.write(page.body)
                            self.wfile.flush()
                            time.sleep(page.trickle)
                    except OSError:
                        pass  # the client gave up, as it should
                    return
                self.send_header("Content-Length", str(len(page.body)))
                self.end_headers()
                try:
                    self.wfile.write(page.body)
                except OSError:
                    pass

        return Handler


@contextmanager
def loopback_web(settings):
    """A started `Web`, with fetching loopback allowed (NEWSDESK_FETCH_ALLOW_PRIVATE) and no pause per host."""
    settings.NEWSDESK_FETCH_ALLOW_PRIVATE = True
    settings.NEWSDESK_FETCH_HOST_INTERVAL = 0
    settings.NEWSDESK_FETCH_CONTACT_URL = "https://desk.example/contact"
    server = Web()
    server.thread.start()
    try:
        yield server
    finally:
        server.server.shutdown()
        server.server.server_close()
