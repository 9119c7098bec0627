"""Static checks: bandit over our code, and no pinned dependency below its last security release."""

import json
import re
import subprocess
import sys
from importlib import metadata
from pathlib import Path

import pytest
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name
from packaging.version import Version

ROOT = Path(__file__).resolve().parents[2]
SCANNED = ("newsdesk", "core", "articles", "editorial", "reader", "search", "images", "translation", "interchange")


# bandit ---------------------------------------------------------------------------------


def run_bandit() -> dict:
    result = subprocess.run(
        [sys.executable, "-m", "bandit", "-c", "pyproject.toml", "-r", *SCANNED, "-f", "json", "-q"],
        cwd=ROOT, capture_output=True, text=True, timeout=300,
    )
    assert result.stdout, f"bandit did not run (is requirements-dev.txt installed?): {result.stderr}"
    return json.loads(result.stdout)


def test_bandit_finds_nothing_of_medium_or_high_severity():
    report = run_bandit()
    assert not report["errors"], report["errors"]
    findings = [
        f"{r['filename']}:{r['line_number']} {r['test_id']} ({r['issue_severity']}): {r['issue_text']}"
        for r in report["results"] if r["issue_severity"] in ("MEDIUM", "HIGH")
    ]
    assert not findings, "\n".join(findings)
    assert report["metrics"]["_totals"]["loc"] > 1000  # it really read our code


NOSEC = re.compile(r"#\s*nosec\b(?P<rest>.*)$")
CHECK_IDS = re.compile(r"^:?\s*B\d{3}(?:\s*,\s*B\d{3})*(?:\s+#\s*(?P<why>.*))?$")


def test_every_nosec_names_its_check_and_says_why():
    """`# nosec B308, B703` with the reason after a `#` on that line or in a comment just above.

    A bare `# nosec` would silence every check on its line, today's and future ones.
    """
    unjustified = []
    for folder in SCANNED:
        for path in sorted((ROOT / folder).rglob("*.py")):
            lines = path.read_text(encoding="utf-8").splitlines()
            for number, line in enumerate(lines, start=1):
                match = NOSEC.search(line)
                if not match:
                    continue
                ids = CHECK_IDS.match(match["rest"].strip())
                above = lines[number - 2].strip() if number > 1 else ""
                reason = (ids and ids["why"]) or (above[1:].strip() if above.startswith("#") else "")
                if not ids or len(reason) < 15:
                    unjustified.append(f"{path.relative_to(ROOT)}:{number}: {line.strip()}")
    assert not unjustified, "\n".join(unjustified)


# Pinned dependencies ----------------------------------------------------------------------
# The last security release of each package that we know of, with why. When a new advisory
# comes out, raise the minimum here; the test then fails until requirements*.txt follows.

MINIMUM_SAFE = {
    "celery": ("5.2.2", "CVE-2021-23727 stored command injection through a task's exception metadata (fixed in 5.2.2)"),
    "aiosmtpd": ("1.4.6", "CVE-2024-27305 SMTP smuggling (fixed in 1.4.5); CVE-2024-34083 commands injected "
                          "before STARTTLS (fixed in 1.4.6)"),
    "django": ("5.2.9", "CVE-2025-64459 SQL injection through Q/QuerySet _connector (fixed in 5.2.8); "
                        "CVE-2025-13372 SQL injection in FilteredRelation column aliases on PostgreSQL and "
                        "CVE-2025-64460 DoS in the XML serializer (fixed in 5.2.9)"),
    "pillow": ("11.3.0", "CVE-2025-48379 heap buffer overflow writing DDS images (fixed in 11.3.0); "
                         "earlier: CVE-2024-28219 (10.3.0), CVE-2023-50447 ImageMath.eval (10.2.0)"),
    "gunicorn": ("23.0.0", "CVE-2024-6827 request smuggling through Transfer-Encoding (fixed in 23.0.0); "
                           "CVE-2024-1135 request smuggling (fixed in 22.0.0)"),
    "redis": ("4.5.4", "CVE-2023-28858, CVE-2023-28859 a cancelled async command could leave its reply "
                       "to the next request on the connection (fixed in 4.5.4)"),
    "markdown-it-py": ("2.2.0", "CVE-2023-26302, CVE-2023-26303 crashes and DoS on crafted input (fixed in 2.2.0)"),
    "jinja2": ("3.1.6", "CVE-2025-27516 sandbox escape through the |attr filter (fixed in 3.1.6); "
                       "CVE-2024-56201, CVE-2024-56326 sandbox escapes (fixed in 3.1.5)"),
    "html5lib": ("0.99999999", "CVE-2016-9909, CVE-2016-9910 the serializer let markup through unescaped "
                               "(fixed in 0.99999999)"),
    # The inbox's fetching and extraction (ingest/).
    "lxml": ("4.9.1", "CVE-2022-2309 NULL pointer dereference on crafted input (fixed in 4.9.1); "
                      "CVE-2021-43818 the HTML cleaner let script through (fixed in 4.6.5)"),
    "lxml-html-clean": ("0.4.0", "CVE-2024-52595 script passed the cleaner inside SVG and crafted markup "
                                 "(fixed in 0.4.0)"),
    "urllib3": ("2.5.0", "CVE-2025-50181 redirects followed though disabled on a PoolManager, "
                         "CVE-2025-50182 (fixed in 2.5.0); CVE-2024-37891 Proxy-Authorization kept on "
                         "cross-origin redirects (fixed in 2.2.2)"),
    "certifi": ("2024.7.4", "CVE-2024-39689 GLOBALTRUST root certificates removed (fixed in 2024.07.04)"),
    "babel": ("2.9.1", "CVE-2021-42771 locale names could load files outside the data folder (fixed in 2.9.1)"),
}

# Pinned packages with no advisory in the table above that we know of. Every pin must be in one
# of the two lists, so a new dependency cannot arrive without someone looking it up.
NO_KNOWN_ADVISORY = {
    "django-environ", "django-filter", "nh3", "whitenoise", "psycopg", "psycopg-binary",
    "pytest", "pytest-django", "playwright", "pytest-playwright", "axe-playwright-python", "bandit", "packaging",
    "hypothesis", "import-linter",
    "kombu", "billiard", "vine", "amqp", "click", "click-didyoumean", "click-repl", "click-plugins", "prompt-toolkit",
    "wcwidth", "python-dateutil", "six", "tzlocal", "atpublic", "attrs",
    "feedparser", "feedparser-sgmllib", "trafilatura", "justext", "courlan", "htmldate", "dateparser", "tld",
    "regex", "pytz", "charset-normalizer",
}


def read_pins(path: Path, seen: set[Path] | None = None) -> dict[str, tuple[Requirement, str]]:
    """name → (requirement, file) for every line of a requirements file, following `-r`."""
    seen = seen if seen is not None else set()
    if path in seen:
        return {}
    seen.add(path)
    pins = {}
    for raw in path.read_text().splitlines():
        line = raw.split(" #", 1)[0].strip()
        if not line or line.startswith("#"):
            continue
        if line.startswith(("-r ", "--requirement ")):
            pins.update(read_pins(path.parent / line.split(None, 1)[1], seen))
            continue
        requirement = Requirement(line)
        pins[canonicalize_name(requirement.name)] = (requirement, path.name)
    return pins


def all_pins() -> dict[str, tuple[Requirement, str]]:
    pins = {}
    for path in sorted(ROOT.glob("requirements*.txt")):
        pins.update(read_pins(path))
    return pins


def pinned_version(requirement: Requirement) -> Version:
    (specifier,) = requirement.specifier
    assert specifier.operator == "==", f"{requirement} is not pinned to one version"
    return Version(specifier.version)


def below_minimum(pins: dict[str, tuple[Requirement, str]]) -> list[str]:
    problems = []
    for name, (minimum, why) in MINIMUM_SAFE.items():
        if name in pins:
            requirement, filename = pins[name]
            if pinned_version(requirement) < Version(minimum):
                problems.append(f"{filename}: {requirement} is below {minimum}: {why}")
    return problems


def test_every_dependency_is_pinned_to_one_version():
    pins = all_pins()
    assert {"django", "pillow", "gunicorn", "bandit"} <= set(pins)
    for requirement, filename in pins.values():
        assert len(requirement.specifier) == 1 and next(iter(requirement.specifier)).operator == "==", (
            f"{filename}: {requirement}"
        )


def test_no_pinned_dependency_is_below_its_last_security_release():
    problems = below_minimum(all_pins())
    assert not problems, "\n".join(problems)


def test_every_pin_has_been_looked_up():
    pins = set(all_pins())
    assert not pins - set(MINIMUM_SAFE) - NO_KNOWN_ADVISORY, "add these to MINIMUM_SAFE or NO_KNOWN_ADVISORY"
    assert not set(MINIMUM_SAFE) - pins, "MINIMUM_SAFE lists packages we no longer pin"
    assert not NO_KNOWN_ADVISORY & set(MINIMUM_SAFE)


def test_the_installed_packages_are_the_pinned_ones():
    """So the versions checked above are the ones that run."""
    wrong = []
    for name, (requirement, filename) in all_pins().items():
        try:
            installed = Version(metadata.version(name))
        except metadata.PackageNotFoundError:
            wrong.append(f"{name}: not installed ({filename})")
            continue
        if installed != pinned_version(requirement):
            wrong.append(f"{name}: {installed} installed, {requirement} in {filename}")
    assert not wrong, "\n".join(wrong)


@pytest.mark.parametrize("pin,flagged", [
    ("Django==5.2.8", True), ("Django==5.2.9", False), ("pillow==11.2.1", True), ("gunicorn==22.0.0", True),
    ("redis==4.5.3", True), ("markdown-it-py==2.2.0", False),
])
def test_the_check_flags_an_old_pin(pin, flagged):
    requirement = Requirement(pin)
    pins = {canonicalize_name(requirement.name): (requirement, "requirements.txt")}
    assert bool(below_minimum(pins)) is flagged
