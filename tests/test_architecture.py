"""The apps keep to their dependency rule (.importlinter): core ← articles ← the apps ← the project, no cycles."""

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def test_the_import_contracts_are_kept():
    lint_imports = Path(sys.executable).with_name("lint-imports")  # installed beside the suite's Python
    result = subprocess.run([str(lint_imports)], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Contracts: 2 kept, 0 broken." in result.stdout


def test_the_project_package_is_settings_urls_and_wsgi_only():
    modules = {path.name for path in (ROOT / "newsdesk").glob("*.py")}
    assert modules == {"__init__.py", "settings.py", "urls.py", "wsgi.py", "asgi.py"}
