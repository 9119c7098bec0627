"""Hostile text for the XSS tests, and the checks that find an executable sink in a response."""

import html
import json
import re
import xml.etree.ElementTree as ET

import html5lib

# Each one is a string an editor could type into any text field (none longer than 100
# characters, so each fits a category or tag name). Markdown fields render them; every other
# field shows them as text or puts them in an attribute.
PAYLOADS = [
    # Script elements and breakouts of the elements and attributes they could land in.
    "<script>alert(1)</script>",
    "<SCRIPT SRC=//evil.example/x.js></SCRIPT>",
    "<scr<script>ipt>alert(1)</scr</script>ipt>",
    "</title><script>alert(1)</script>",
    "</script><script>alert(1)</script>",
    "</textarea><script>alert(1)</script>",
    "</style><script>alert(1)</script>",
    "--><script>alert(1)</script><!--",
    "]]><script>alert(1)</script>",
    '"><script>alert(1)</script>',
    "'><script>alert(1)</script>",
    '" onmouseover="alert(1)" x="',
    "' onfocus='alert(1)' autofocus x='",
    "` onmouseover=alert(1) `",
    '"/><img src=x onerror=alert(1)>',
    # Event handlers.
    "<img src=x onerror=alert(1)>",
    "<IMG SRC=x oNeRrOr=alert(1)//",
    "<body onload=alert(1)>",
    "<details open ontoggle=alert(1)>",
    "<input autofocus onfocus=alert(1)>",
    "<video><source onerror=alert(1)></video>",
    "<marquee onstart=alert(1)>x</marquee>",
    "<div style=\"width:expression(alert(1))\">x</div>",
    "<a style=\"background:url(javascript:alert(1))\">x</a>",
    # javascript:, data:, vbscript: URLs, obfuscated.
    "<a href=\"javascript:alert(1)\">x</a>",
    "<a href=\"JaVaScRiPt:alert(1)\">x</a>",
    "<a href=\"java\tscript:alert(1)\">x</a>",
    "<a href=\"java\nscript:alert(1)\">x</a>",
    "<a href=\"&#106;avascript:alert(1)\">x</a>",
    "<a href=\"&#x6A;&#x61;vascript&colon;alert(1)\">x</a>",
    "<a href=\" \x01javascript:alert(1)\">x</a>",
    "<a href=\"data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==\">x</a>",
    "<a href=\"vbscript:msgbox(1)\">x</a>",
    "<form action=javascript:alert(1)><button>x</button></form>",
    "<button formaction=javascript:alert(1)>x</button>",
    # Markdown link, image and autolink vectors.
    "[click](javascript:alert(1))",
    "[click](JaVaScRiPt:alert(1))",
    "[click](&#106;avascript:alert(1))",
    "[click](java%0ascript:alert(1))",
    "[click]( javascript:alert(1) )",
    "![x](javascript:alert(1))",
    '![x](x" onerror="alert(1))',
    "[x](data:text/html,<script>alert(1)</script>)",
    "<javascript:alert(1)>",
    "<vbscript:msgbox(1)>",
    "[ref]\n\n[ref]: javascript:alert(1)",
    "[x](https://ok.example \"a\" onmouseover=\"alert(1)\")",
    # SVG and MathML.
    "<svg onload=alert(1)>",
    "<svg><script>alert(1)</script></svg>",
    "<svg><a xlink:href=\"javascript:alert(1)\"><text>x</text></a></svg>",
    "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>",
    "<math href=\"javascript:alert(1)\">x</math>",
    # Elements that load or redirect.
    "<iframe srcdoc=\"<script>alert(1)</script>\"></iframe>",
    "<iframe src=javascript:alert(1)></iframe>",
    "<object data=\"javascript:alert(1)\"></object>",
    "<embed src=\"javascript:alert(1)\">",
    "<base href=\"javascript:alert(1)//\">",
    "<meta http-equiv=\"refresh\" content=\"0;url=javascript:alert(1)\">",
    "<link rel=import href=data:text/html,x>",
    # Template syntax and Unicode tricks.
    "{{ 7|add:7 }}{% debug %}{{ request.META }}",
    "{% load static %}{% csrf_token %}${7*7}#{7*7}",
    "ｊａｖａｓｃｒｉｐｔ:alert(1) ＜script＞alert(1)＜/script＞",
    "\u202ejavascript:alert(1)\u200b<scr\u0131pt>alert(1)</scr\u0131pt>",
    "<a href=\"jav&#x09;ascript:alert(1)\">x</a>見出し\x0bの\x1f文字",
]

# Valid http(s) URLs that carry markup, for the URL fields (original URL, PDF, code, video).
URL_PAYLOADS = [
    'https://news.example/"><script>alert(1)</script>',
    "https://news.example/?q='onmouseover='alert(1)",
    "https://news.example/a?next=javascript:alert(1)",
    "https://news.example/</title><svg/onload=alert(1)>",
]

# The schemes a link may use (articles.rendering.ALLOWED_URL_SCHEMES).
SAFE_SCHEMES = {"http", "https", "mailto", "tel"}

# Attributes whose value is a URL the browser follows or loads.
URL_ATTRIBUTES = {
    "href", "src", "action", "formaction", "xlink:href", "data", "poster", "background", "cite",
    "longdesc", "ping", "lowsrc", "dynsrc", "manifest", "codebase", "archive", "icon", "profile",
}
# (The admin's own pages have inline SVG icons: an <svg> is judged by its attributes and children.)
FORBIDDEN_ELEMENTS = {
    "iframe", "frame", "frameset", "object", "embed", "applet", "base", "portal",
    "animate", "set", "animatemotion", "animatetransform", "foreignobject", "handler", "listener",
}
DATA_SCRIPT_TYPES = {"application/ld+json", "application/json"}
SCRIPT_ORIGINS = ("/static/", "/admin/jsi18n/")

_CONTROL_AND_SPACE = re.compile(r"[\x00-\x20\x7f-\x9f\u200b-\u200f\u2028\u2029\ufeff]")
_SCHEME = re.compile(r"^([a-z][a-z0-9+.\-]*):")


def url_scheme(value: str) -> str | None:
    """The scheme a browser would see in `value` (entities decoded, whitespace and controls dropped)."""
    cleaned = _CONTROL_AND_SPACE.sub("", html.unescape(value)).lower()
    match = _SCHEME.match(cleaned)
    return match.group(1) if match else None


def _local(name: str) -> str:
    return name.rsplit("}", 1)[-1]


def _attribute_name(name: str) -> str:
    if name.startswith("{http://www.w3.org/1999/xlink}"):
        return "xlink:" + _local(name)
    return _local(name).lower()


def parse(markup: str):
    """The element tree a browser builds (html5lib follows the WHATWG parsing rules)."""
    return html5lib.parse(markup, treebuilder="etree", namespaceHTMLElements=False)


def inert_frame(tag: str, attrs: dict) -> bool:
    """An empty iframe sandboxed without scripts (the admin's live preview, filled by our own code): nothing in it runs."""
    sandbox = attrs.get("sandbox")
    return (
        tag == "iframe" and sandbox is not None and "allow-scripts" not in sandbox.lower().split()
        and not {"src", "srcdoc"} & attrs.keys()
    )


def html_sinks(markup, where: str) -> list[str]:
    """Every executable sink in an HTML document or fragment (text or parse() tree), described."""
    tree = parse(markup) if isinstance(markup, str) else markup
    found = []
    for element in tree.iter():
        if not isinstance(element.tag, str):
            continue  # a comment
        tag = _local(element.tag).lower()
        attrs = {_attribute_name(k): v for k, v in element.attrib.items()}
        label = f"{where}: <{tag} {attrs}>"
        if tag == "script":
            kind = (attrs.get("type") or "").strip().lower()
            src = attrs.get("src")
            if kind in DATA_SCRIPT_TYPES and src is None:
                pass
            elif src is not None and src.startswith(SCRIPT_ORIGINS) and not (element.text or "").strip():
                pass
            else:
                found.append(f"script not ours: {label} {(element.text or '')[:80]!r}")
        if tag in FORBIDDEN_ELEMENTS and not inert_frame(tag, attrs):
            found.append(f"injected element: {label}")
        if tag == "meta" and "http-equiv" in attrs:
            found.append(f"meta http-equiv: {label}")
        if tag == "style" and re.search(r"expression|javascript:|@import", (element.text or ""), re.I):
            found.append(f"style element: {label}")
        for name, value in attrs.items():
            if name.startswith("on"):
                found.append(f"event handler {name}: {label}")
            elif name == "srcdoc":
                found.append(f"srcdoc: {label}")
            elif name in URL_ATTRIBUTES and url_scheme(value) not in (None, *SAFE_SCHEMES):
                found.append(f"{name} scheme {url_scheme(value)}: {label}")
            elif name == "srcset":
                for candidate in value.split(","):
                    if url_scheme(candidate.strip()) not in (None, *SAFE_SCHEMES):
                        found.append(f"srcset scheme: {label}")
            elif name == "style":
                folded = _CONTROL_AND_SPACE.sub("", html.unescape(value).replace("\\", "")).lower()
                if "expression(" in folded or "javascript:" in folded or "url(" in folded:
                    found.append(f"style attribute: {label}")
    return found


def json_ld_problems(markup, where: str) -> list[str]:
    """Each JSON-LD block must parse as JSON and hold no sequence that could end or comment out its element."""
    tree = parse(markup) if isinstance(markup, str) else markup
    problems = []
    for script in tree.iter("script"):
        if (script.get("type") or "").lower() != "application/ld+json":
            continue
        text = script.text or ""
        if re.search(r"</script|<!--", text, re.I):
            problems.append(f"{where}: JSON-LD holds </script or <!--")
        try:
            json.loads(text)
        except ValueError as exc:
            problems.append(f"{where}: JSON-LD is not JSON: {exc}")
    return problems


def feed_sinks(xml: bytes, where: str) -> list[str]:
    """A feed must be well-formed XML; its item HTML (what readers' apps render) must have no sink."""
    root = ET.fromstring(xml)  # raises on anything an injection could have broken
    found = []
    rss = _local(root.tag) == "rss"
    for element in root.iter():
        tag = _local(element.tag)
        # Readers treat RSS titles, descriptions and categories as HTML (Django ticket #6533); Atom says
        # which of its text constructs are HTML.
        as_html = tag in ("title", "description", "category") if rss else element.get("type") in ("html", "xhtml")
        if as_html and element.text:
            found += html_sinks(element.text, f"{where} <{tag}>")
        href = element.get("href")
        if href is not None and url_scheme(href) not in ("http", "https"):
            found.append(f"{where}: <{tag} href={href!r}>")
        if tag in ("link", "loc", "guid", "id") and element.text and url_scheme(element.text.strip()) not in ("http", "https", None):
            found.append(f"{where}: <{tag}>{element.text}")
    return found


def sitemap_problems(xml: bytes, where: str) -> list[str]:
    root = ET.fromstring(xml)
    return [
        f"{where}: <loc>{element.text}"
        for element in root.iter()
        if _local(element.tag) == "loc" and url_scheme((element.text or "").strip()) not in ("http", "https")
    ]
