"""A simulated editor: plain HTTP against gunicorn, a real login, CSRF tokens, the admin change form."""

import http.cookiejar
import re
import time
import urllib.error
import urllib.parse
import urllib.request

from tests.htmlforms import form_fields


class Editor:
    def __init__(self, base: str, username: str, password: str):
        self.base, self.username, self.password = base, username, password
        self.jar = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(self.jar), _NoRedirect)

    def _csrf_cookie(self) -> str:
        return next((c.value for c in self.jar if c.name == "csrftoken"), "")

    def get(self, path: str):
        return self._open(urllib.request.Request(self.base + path))

    def post(self, path: str, fields: dict[str, list[str]] | dict[str, str]):
        pairs = [(k, v) for k, values in fields.items() for v in (values if isinstance(values, list) else [values])]
        data = urllib.parse.urlencode(pairs).encode()
        req = urllib.request.Request(self.base + path, data=data, headers={"Referer": self.base + path})
        return self._open(req)

    def _open(self, req):
        started = time.monotonic()
        try:
            with self.opener.open(req, timeout=60) as response:
                return response.status, response.read().decode(errors="replace"), time.monotonic() - started, response.headers
        except urllib.error.HTTPError as exc:
            return exc.code, exc.read().decode(errors="replace"), time.monotonic() - started, exc.headers

    def login(self) -> None:
        status, html, _, _ = self.get("/admin/login/")
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html).group(1)
        status, _, _, headers = self.post("/admin/login/?next=/admin/", {
            "csrfmiddlewaretoken": token, "username": self.username, "password": self.password, "next": "/admin/"})
        if status != 302:
            raise RuntimeError(f"{self.username}: login answered {status}")

    def change_form(self, article_id: int) -> tuple[int, dict[str, list[str]]]:
        status, html, _, _ = self.get(f"/admin/articles/article/{article_id}/change/")
        if status != 200:
            return status, {}
        return status, form_fields(html, "article_form")

    def save(self, article_id: int, fields: dict[str, list[str]]):
        fields = {**fields, "_continue": ["1"]}
        return self.post(f"/admin/articles/article/{article_id}/change/", fields)


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None
