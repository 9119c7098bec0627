"""The translation catalogs (the pages in each language: tests/reader/test_languages.py).

Japanese is the source language (msgids are Japanese and display as-is);
English comes from locale/en. polib is not installed, so a tiny parser
below reads the .po files.
"""

import ast
import gettext
import re
from pathlib import Path

from django.conf import settings

from articles.field_labels import FIELD_LABELS

LOCALE = Path(settings.BASE_DIR) / "locale"
EN_PO = LOCALE / "en" / "LC_MESSAGES" / "django.po"
EN_MO = LOCALE / "en" / "LC_MESSAGES" / "django.mo"
JA_PO = LOCALE / "ja" / "LC_MESSAGES" / "django.po"
JA_MO = LOCALE / "ja" / "LC_MESSAGES" / "django.mo"
PLACEHOLDER = re.compile(r"%\(\w+\)[sd]")
JAPANESE = re.compile(r"[\u3040-\u30ff\u4e00-\u9fff\uff01-\uff60]")


# --- a tiny .po reader -------------------------------------------------------

def _unquote(line: str) -> str:
    # A .po string is a C-style quoted string; Python's literal syntax reads it.
    return ast.literal_eval(line)


def read_po(path: Path) -> list[dict]:
    """Entries as dicts: flags (set), msgctxt, msgid, msgid_plural, msgstr (list of forms)."""
    entries = []
    for block in path.read_text(encoding="utf-8").strip().split("\n\n"):
        entry = {"flags": set(), "msgctxt": None, "msgid": None, "msgid_plural": None, "msgstr": []}
        key = None
        for line in block.splitlines():
            line = line.strip()
            if not line:
                continue
            if line.startswith("#~"):
                entry["obsolete"] = True
                continue
            if line.startswith("#,"):
                entry["flags"].update(f.strip() for f in line[2:].split(",") if f.strip())
                continue
            if line.startswith("#"):
                continue
            match = re.match(r'^(msgctxt|msgid_plural|msgid|msgstr(?:\[(\d+)\])?)\s+(".*")$', line)
            if match:
                name, index, text = match.groups()
                if name.startswith("msgstr"):
                    entry["msgstr"].append(_unquote(text))
                    key = ("msgstr", len(entry["msgstr"]) - 1)
                else:
                    entry[name] = _unquote(text)
                    key = name
            elif line.startswith('"') and key is not None:
                if isinstance(key, tuple):
                    entry["msgstr"][key[1]] += _unquote(line)
                else:
                    entry[key] += _unquote(line)
            else:
                raise AssertionError(f"{path}: cannot read line {line!r}")
        if entry["msgid"] is not None and not entry.get("obsolete"):
            entries.append(entry)
    return entries


def header(entries: list[dict]) -> tuple[dict, dict]:
    head = entries[0]
    assert head["msgid"] == "", "the first entry is the header"
    fields = dict(
        line.split(": ", 1) for line in head["msgstr"][0].splitlines() if ": " in line
    )
    return head, fields


def messages(entries: list[dict]) -> list[dict]:
    return [e for e in entries if e["msgid"] != ""]


# --- the catalogs ------------------------------------------------------------

class TestEnglishCatalog:
    def test_header_names_the_language_and_english_plural_rule(self):
        head, fields = header(read_po(EN_PO))
        assert "fuzzy" not in head["flags"]
        assert fields["Language"] == "en"
        assert fields["Plural-Forms"] == "nplurals=2; plural=(n != 1);"
        assert fields["Content-Type"] == "text/plain; charset=UTF-8"
        assert fields["Project-Id-Version"].startswith("Newsdesk")
        assert "FULL NAME" not in fields["Last-Translator"] and "@" not in fields["Last-Translator"]

    def test_the_catalog_is_not_empty(self):
        assert len(messages(read_po(EN_PO))) > 50

    def test_every_message_has_a_non_fuzzy_translation(self):
        problems = []
        for entry in messages(read_po(EN_PO)):
            if "fuzzy" in entry["flags"]:
                problems.append(("fuzzy", entry["msgid"]))
            expected_forms = 2 if entry["msgid_plural"] is not None else 1
            if len(entry["msgstr"]) != expected_forms or not all(s.strip() for s in entry["msgstr"]):
                problems.append(("untranslated", entry["msgid"]))
        assert problems == []

    def test_translations_keep_every_placeholder(self):
        problems = []
        for entry in messages(read_po(EN_PO)):
            wanted = sorted(PLACEHOLDER.findall(entry["msgid"]))
            for form in entry["msgstr"]:
                if sorted(PLACEHOLDER.findall(form)) != wanted:
                    problems.append((entry["msgid"], form))
        assert problems == []

    def test_translations_contain_no_japanese(self):
        leftovers = [
            (e["msgid"], s) for e in messages(read_po(EN_PO)) for s in e["msgstr"] if JAPANESE.search(s)
        ]
        assert leftovers == []

    def test_the_compiled_catalog_translates_every_message(self):
        with EN_MO.open("rb") as fp:
            catalog = gettext.GNUTranslations(fp)
        untranslated = []
        for entry in messages(read_po(EN_PO)):
            if entry["msgid_plural"] is not None:
                got = [catalog.ngettext(entry["msgid"], entry["msgid_plural"], n) for n in (1, 2)]
            elif entry["msgctxt"] is not None:  # pgettext: the same words in another sense
                got = [catalog.pgettext(entry["msgctxt"], entry["msgid"])]
            else:
                got = [catalog.gettext(entry["msgid"])]
            # A Japanese msgid must come out as something else; an English one
            # (e.g. the admin's "Home") may legitimately translate to itself.
            if got != entry["msgstr"] or (JAPANESE.search(entry["msgid"]) and entry["msgid"] in got):
                untranslated.append(entry["msgid"])
        assert untranslated == [], "run `manage.py compilemessages` after editing the .po"

    def test_labels_translated_at_run_time_are_in_the_catalog(self):
        # FIELD_LABELS holds plain strings passed to gettext later;
        # makemessages cannot see them, so they must exist as msgids elsewhere.
        msgids = {e["msgid"] for e in messages(read_po(EN_PO))}
        assert FIELD_LABELS and set(FIELD_LABELS.values()) - msgids == set()

    def test_examples_from_the_style_guide(self):
        with EN_MO.open("rb") as fp:
            _ = gettext.GNUTranslations(fp).gettext
        assert _("キーポイント") == "Key points"
        assert _("影響分析・編集コメントを表示") == "Show impact analysis and editorial comment"
        assert _("原文を表示") == "Show the original"
        assert _("関連記事") == "Related articles"
        assert _("今日のまとめ") == "Today's digest"
        assert _("AI日報で今日の重要ニュースをまとめ読み") == "Read today's key news in the AI daily digest"
        assert _("(%(n)s 分読)") == "(%(n)s min read)"


class TestJapaneseCatalog:
    def test_header_names_the_language_and_japanese_plural_rule(self):
        head, fields = header(read_po(JA_PO))
        assert "fuzzy" not in head["flags"]
        assert fields["Language"] == "ja"
        assert fields["Plural-Forms"] == "nplurals=1; plural=0;"
        assert "FULL NAME" not in fields["Last-Translator"] and "@" not in fields["Last-Translator"]

    def test_msgids_display_as_is(self):
        assert all(not any(e["msgstr"]) for e in messages(read_po(JA_PO)))

    def test_has_the_same_messages_as_the_english_catalog(self):
        def ids(path):
            return {(e["msgctxt"], e["msgid"], e["msgid_plural"]) for e in messages(read_po(path))}

        assert ids(JA_PO) == ids(EN_PO)

    def test_is_compiled(self):
        with JA_MO.open("rb") as fp:
            catalog = gettext.GNUTranslations(fp)
        assert catalog.info()["language"] == "ja"
        assert catalog.gettext("キーポイント") == "キーポイント"
