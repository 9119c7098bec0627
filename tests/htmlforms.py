"""Read a rendered HTML form the way a browser would submit it."""

from html.parser import HTMLParser


class _FormReader(HTMLParser):
    def __init__(self, form_id):
        super().__init__(convert_charrefs=True)
        self.form_id = form_id
        self.inside = False
        self.data: list[tuple[str, str]] = []
        self._textarea = None
        self._select = None
        self._option = None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "form" and a.get("id") == self.form_id:
            self.inside = True
            return
        if not self.inside:
            return
        name = a.get("name")
        if tag == "input" and name and "disabled" not in a:
            kind = a.get("type", "text").lower()
            if kind in ("checkbox", "radio"):
                if "checked" in a:
                    self.data.append((name, a.get("value", "on")))
            elif kind not in ("file", "submit", "button", "image", "reset"):
                self.data.append((name, a.get("value", "")))
        elif tag == "textarea" and name:
            self._textarea = [name, ""]
        elif tag == "select" and name:
            self._select = {"name": name, "multiple": "multiple" in a, "chosen": [], "first": None}
        elif tag == "option" and self._select is not None:
            self._option = {"value": a.get("value"), "selected": "selected" in a, "text": ""}

    def handle_data(self, data):
        if self._textarea is not None:
            self._textarea[1] += data
        if self._option is not None:
            self._option["text"] += data

    def handle_endtag(self, tag):
        if tag == "form" and self.inside:
            self.inside = False
        elif tag == "textarea" and self._textarea is not None:
            name, value = self._textarea
            # Browsers drop one newline right after <textarea>.
            if value.startswith("\r\n"):
                value = value[2:]
            elif value.startswith("\n"):
                value = value[1:]
            self.data.append((name, value.replace("\n", "\r\n")))
            self._textarea = None
        elif tag == "option" and self._option is not None:
            value = self._option["value"] if self._option["value"] is not None else self._option["text"]
            if self._select["first"] is None:
                self._select["first"] = value
            if self._option["selected"]:
                self._select["chosen"].append(value)
            self._option = None
        elif tag == "select" and self._select is not None:
            chosen = self._select["chosen"]
            if not chosen and not self._select["multiple"] and self._select["first"] is not None:
                chosen = [self._select["first"]]
            self.data.extend((self._select["name"], v) for v in chosen)
            self._select = None


def form_fields(html: str, form_id: str) -> dict[str, list[str]]:
    """The name → values a browser would send for the form with `form_id` (files aside)."""
    reader = _FormReader(form_id)
    reader.feed(html)
    fields: dict[str, list[str]] = {}
    for name, value in reader.data:
        fields.setdefault(name, []).append(value)
    return fields
