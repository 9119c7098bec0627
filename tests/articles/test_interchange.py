import copy
import json
import re
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection
from django.test.utils import CaptureQueriesContext

from articles import revisions, stories
from articles.models import Article, Category, Figure, KeyPoint, RelatedLink, Revision, SearchDocument, Source, Tag
from articles.models.article import STORED_HTML
from images.models import Image as LibraryImage
from interchange import importer, preparing
from interchange.importer import import_file
from interchange.schema import InterchangeError, shown
from search import queries as search
from search.text import COLUMNS
from tests.factories import after_commit, at, image_bytes, make_article


def story(n, **overrides):
    data = {
        "status": "published",
        "published_at": "2026-11-27T09:30:00+09:00",
        "category": "ビジネス",
        "tags": ["AI", f"タグ{n}"],
        "title": f"見出し{n}",
        "lead": f"リード{n}。",
        "body": f"本文{n}の一段落目。\n\n[[figure:1]]\n\n## 小見出し\n\n二段落目。",
        "key_points": [{"heading": f"要点{n}-{i}", "body": f"説明{i}。"} for i in range(1, 4)],
        "impact_analysis": "影響。",
        "editorial_comment": "コメント。",
        "original": {
            "title": f"Original headline {n}",
            "body": "First.\n\n## Heading\n\nSecond.",
            "url": f"https://news.example/{n}",
            "source": "Harbor Ledger",
            "author": "A. Writer",
            "published_at": "2026-11-27T00:00:00+00:00",
            "language": "en",
        },
        "figures": [{"image": "img/photo.jpg", "caption": "写真", "credit": "撮影: 編集部", "alt": "港の写真"}],
        "related": [],
    }
    data.update(overrides)
    return data


@pytest.fixture
def bundle(tmp_path):
    """Write a file in the interchange format, with its image beside it; returns its path."""

    def write(articles, name="articles.json"):
        (tmp_path / "img").mkdir(exist_ok=True)
        (tmp_path / "img" / "photo.jpg").write_bytes(image_bytes(size=(120, 80)))
        path = tmp_path / name
        path.write_text(json.dumps({"articles": articles}, ensure_ascii=False), encoding="utf-8")
        return path

    return write


def snapshot():
    """Everything the database holds about articles, to compare before and after."""
    return {
        "articles": sorted(Article.objects.values_list("original_url", "title", "status", "published_at", "slug")),
        "key_points": sorted(KeyPoint.objects.values_list("article__original_url", "position", "heading")),
        "figures": sorted(Figure.objects.values_list("article__original_url", "position", "image", "alt_text")),
        "related": sorted(RelatedLink.objects.values_list("from_article__original_url", "to_article__original_url")),
        "tags": sorted(Tag.objects.values_list("name", flat=True)),
        "categories": sorted(Category.objects.values_list("name", flat=True)),
        "sources": sorted(Source.objects.values_list("name", flat=True)),
    }


def media_files(media_root):
    return sorted(p.relative_to(media_root).as_posix() for p in Path(media_root).rglob("*") if p.is_file())


@pytest.mark.django_db
class TestImport:
    def test_imports_a_whole_story(self, bundle):
        first = story(1, related=["https://news.example/2"])
        call_command("import_articles", str(bundle([first, story(2)])))
        article = Article.objects.get(original_url="https://news.example/1")
        assert article.title == "見出し1"
        assert article.source.name == "Harbor Ledger"
        assert article.category.name == "ビジネス"
        assert sorted(t.name for t in article.tags.all()) == ["AI", "タグ1"]
        assert [kp.heading for kp in article.key_points.all()] == ["要点1-1", "要点1-2", "要点1-3"]
        figure = article.figures.get()
        assert (figure.caption, figure.credit, figure.alt_text) == ("写真", "撮影: 編集部", "港の写真")
        assert (figure.width, figure.height) == (120, 80)
        assert [a.original_url for a in article.related.all()] == ["https://news.example/2"]
        assert article.original_published_at.isoformat() == "2026-11-27T00:00:00+00:00"

    def test_importing_again_updates_and_never_duplicates(self, bundle, media_root):
        path = bundle([story(1), story(2)])
        call_command("import_articles", str(path))
        ids = sorted(KeyPoint.objects.values_list("id", flat=True))
        files = media_files(media_root)
        call_command("import_articles", str(path))
        assert Article.objects.count() == 2
        assert sorted(KeyPoint.objects.values_list("id", flat=True)) == ids
        assert media_files(media_root) == files

        changed = story(1, title="新しい見出し", key_points=[{"heading": "ひとつだけ", "body": ""}])
        call_command("import_articles", str(bundle([changed])))
        article = Article.objects.get(original_url="https://news.example/1")
        assert article.title == "新しい見出し"
        assert [kp.heading for kp in article.key_points.all()] == ["ひとつだけ"]
        assert Article.objects.count() == 2

    def test_importing_a_file_without_corrections_keeps_the_articles_corrections(self, bundle):
        with_corrections = story(1, corrections=[{"noted_at": "2026-11-28T10:00:00+09:00", "body": "数字を訂正しました。"}])
        call_command("import_articles", str(bundle([with_corrections])))
        older_file = story(1, title="新しい見出し")  # written before corrections were in the format
        call_command("import_articles", str(bundle([older_file])))
        article = Article.objects.get(original_url="https://news.example/1")
        assert article.title == "新しい見出し"
        assert [c.body for c in article.corrections.all()] == ["数字を訂正しました。"]
        call_command("import_articles", str(bundle([story(1, corrections=[])])))
        assert not article.corrections.exists()  # an empty list says there are none

    def test_related_may_point_at_articles_later_in_the_file(self, bundle):
        call_command("import_articles", str(bundle([story(1, related=["https://news.example/3"]), story(2), story(3)])))
        assert RelatedLink.objects.get().to_article.original_url == "https://news.example/3"

    def test_an_image_file_that_several_figures_show_is_stored_once_and_each_page_shows_it(
        self, client, bundle, media_root,
    ):
        again = {"image": "img/photo.jpg", "caption": "同じ写真", "credit": "撮影: 編集部", "alt": "港の写真"}
        second = story(2, figures=[*story(2)["figures"], again])
        with after_commit():  # the renditions are made once, for every figure showing the image
            call_command("import_articles", str(bundle([story(1), second, story(3)])))
        (image,) = set(Figure.objects.values_list("image", flat=True))
        figure = Figure.objects.first()
        assert Figure.objects.count() == 4
        assert media_files(media_root) == sorted(figure.files())
        assert set(Figure.objects.values_list("width", "height")) == {(120, 80)}
        for article in Article.objects.all():
            html = client.get(article.get_absolute_url()).content.decode()
            assert figure.renditions["120"]["webp"] in html

    def test_a_shared_image_is_one_library_image_that_outlives_its_stories(
        self, bundle, media_root, django_capture_on_commit_callbacks,
    ):
        call_command("import_articles", str(bundle([story(1), story(2)])))
        files = media_files(media_root)
        image = LibraryImage.objects.get()
        assert {f.image_item for f in Figure.objects.all()} == {image}
        with django_capture_on_commit_callbacks(execute=True):
            Article.objects.get(original_url="https://news.example/1").delete()
            Article.objects.get(original_url="https://news.example/2").delete()
        assert media_files(media_root) == files  # the library keeps it for the next story
        with django_capture_on_commit_callbacks(execute=True):
            image.delete()
        assert media_files(media_root) == []

    def test_unknown_categories_tags_and_sources_are_created(self, bundle):
        data = story(1, category="宇宙", tags=["Orbital"])
        data["original"]["source"] = "Atlas Research Letters"
        call_command("import_articles", str(bundle([data])))
        assert Category.objects.filter(name="宇宙").exists()
        assert Tag.objects.filter(name="Orbital").exists()
        assert Source.objects.filter(name="Atlas Research Letters").exists()

    def test_the_tag_page_lists_imported_articles_newest_first_and_follows_a_reimport(self, client, bundle):
        def ai_page():
            html = client.get("/tag/ai/").content.decode()
            return re.findall(r'<h2 class="card__title"><a href="[^"]*">([^<]*)</a>', html)

        times = {1: "2026-11-20T09:00:00+09:00", 2: "2026-11-26T09:00:00+09:00", 3: "2026-11-23T09:00:00+09:00"}
        call_command("import_articles", str(bundle([story(n, published_at=t, figures=[]) for n, t in times.items()])))
        assert ai_page() == ["見出し2", "見出し3", "見出し1"]
        moved = story(1, published_at="2026-11-27T09:00:00+09:00", figures=[])
        untagged = story(2, tags=["宇宙"], figures=[])
        call_command("import_articles", str(bundle([moved, untagged], name="again.json")))
        assert ai_page() == ["見出し1", "見出し3"]


def broken(mutate):
    data = [story(1), story(2)]
    mutate(data)
    return data


def set_original(key, value):
    def mutate(data):
        data[1]["original"][key] = value
    return mutate


def drop_original(key):
    def mutate(data):
        del data[1]["original"][key]
    return mutate


BAD_FILES = {
    "bad date": (lambda d: d[1].update(published_at="2026-13-45T09:00:00+09:00"), "published_at"),
    "bad original date": (set_original("published_at", "yesterday"), "original.published_at"),
    "unknown status": (lambda d: d[1].update(status="live"), "status"),
    "missing title": (lambda d: d[1].pop("title"), "title"),
    "empty title": (lambda d: d[1].update(title="  "), "title"),
    "missing original url": (drop_original("url"), "original.url"),
    "invalid original url": (set_original("url", "not a url"), "original.url"),
    "missing source": (drop_original("source"), "original.source"),
    "missing original": (lambda d: d[1].pop("original"), "original"),
    "missing image": (lambda d: d[1]["figures"][0].update(image="img/nope.jpg"), "figures[0].image"),
    "related to nowhere": (lambda d: d[1].update(related=["https://news.example/none"]), "related[0]"),
    "key point without heading": (lambda d: d[1]["key_points"][1].pop("heading"), "key_points[1].heading"),
    "published without a time": (lambda d: d[1].update(published_at=None), "published_at"),
    "tags not a list": (lambda d: d[1].update(tags="AI"), "tags"),
    "bad language": (set_original("language", "English!"), "original.language"),
    "duplicate url": (set_original("url", "https://news.example/1"), "original.url"),
    "NUL in the body": (lambda d: d[1].update(body="本文\x00の途中"), "body"),
    "year 1": (lambda d: d[1].update(published_at="0001-01-01T00:00:00+09:00"), "published_at"),
    "year 1 without a time zone": (set_original("published_at", "0001-01-01T00:00:00"), "original.published_at"),
    "year 9999 past midnight in UTC": (set_original("published_at", "9999-12-31T23:00:00-05:00"), "original.published_at"),
    "year 9999": (lambda d: d[1].update(corrections=[{"noted_at": "9999-12-31T23:59:59+00:00", "body": "訂正"}]),
                  "corrections[0].noted_at"),
    "body over the limit": (lambda d: d[1].update(body="あ" * 200_001), "body"),
    "original over the limit": (set_original("body", "a" * 200_001), "original.body"),
    "key point over the limit": (lambda d: d[1]["key_points"][0].update(body="あ" * 10_001), "key_points[0].body"),
    "NUL in a tag": (lambda d: d[1].update(tags=["AI", "タ\x00グ"]), "tags[1]"),
    "slug over its column": (lambda d: d[1].update(slug="a" * 121), "slug"),
}


@pytest.mark.django_db
class TestBadFiles:
    @pytest.fixture(autouse=True)
    def existing(self, bundle):
        # The database already holds a version of article 1; a bad file must not touch it.
        call_command("import_articles", str(bundle([story(1)], name="existing.json")))

    @pytest.mark.parametrize("case", BAD_FILES, ids=list(BAD_FILES))
    def test_a_bad_file_names_the_article_and_field_and_changes_nothing(self, case, bundle, media_root):
        mutate, field = BAD_FILES[case]
        data = broken(mutate)
        data[0]["title"] = "変更されてはいけない"
        path = bundle(data)
        before, files = snapshot(), media_files(media_root)
        with pytest.raises(CommandError) as error:
            call_command("import_articles", str(path))
        message = str(error.value)
        assert "article 2" in message
        assert f"'{field}'" in message
        assert snapshot() == before
        assert media_files(media_root) == files

    def test_a_text_over_its_limit_says_the_limit(self, bundle):
        path = bundle(broken(BAD_FILES["body over the limit"][0]))
        with pytest.raises(CommandError, match=r"'body': is too long: 200,001 characters, at most 200,000"):
            call_command("import_articles", str(path))

    @pytest.mark.parametrize("find,replace,field", [
        ('"title": "見出し2"', '"title": ' + "9" * 10_000, "title"),
        ('"タグ2"', "9" * 10_000, "tags[1]"),
        ('"body": "本文2', '"body": "\\ud800本文2', "body"),
        ('"タグ2"', '"\\udfff"', "tags[1]"),
        ('"author": "A. Writer"', '"author": "A. \\udc00\\ud800Writer"', "original.author"),
    ], ids=["10,000-digit number for a title", "10,000-digit number for a tag", "lone surrogate in the body",
            "lone surrogate as a tag", "surrogates in the wrong order"])
    def test_what_json_can_say_but_no_field_can_hold_is_named(self, bundle, find, replace, field):
        path = bundle([story(1), story(2)])
        head, found, tail = path.read_text(encoding="utf-8").rpartition(find)  # the last is article 2's
        assert found
        path.write_text(head + replace + tail, encoding="utf-8")
        before = snapshot()
        with pytest.raises(CommandError) as error:
            call_command("import_articles", str(path))
        assert f"article 2 ('見出し2'): field '{field}'" in str(error.value) or f"article 2: field '{field}'" in str(error.value)
        assert "\\u" in str(error.value) or "must be a string, not a number" in str(error.value)
        assert snapshot() == before

    def test_json_nested_a_hundred_thousand_deep_is_refused(self, tmp_path):
        path = tmp_path / "deep.json"
        path.write_text('{"articles": [' + "[" * 100_000 + "]" * 100_000 + "]}", encoding="utf-8")
        before = snapshot()
        with pytest.raises(CommandError, match="nested too deeply"):
            call_command("import_articles", str(path))
        assert snapshot() == before

    def test_a_file_over_the_size_limit_is_refused_before_it_is_read(self, bundle):
        path = bundle([story(1), story(2)])
        with path.open("a", encoding="utf-8") as fh:
            fh.write(" " * 1024 * 1024)
        before = snapshot()
        with pytest.raises(CommandError, match=r"larger than the limit of 1,048,576 bytes"):
            call_command("import_articles", str(path), max_size=1)
        assert snapshot() == before
        call_command("import_articles", str(path), max_size=2)
        assert Article.objects.count() == 2

    def test_invalid_json_is_reported_with_its_position(self, tmp_path):
        path = tmp_path / "bad.json"
        path.write_text('{"articles": [\n{"title": "x",}\n]}', encoding="utf-8")
        before = snapshot()
        with pytest.raises(CommandError, match="invalid JSON at line 2"):
            call_command("import_articles", str(path))
        assert snapshot() == before

    def test_a_file_that_is_not_an_image_is_refused(self, bundle, tmp_path):
        path = bundle(broken(lambda d: d[1]["figures"][0].update(image="img/fake.jpg")))
        (tmp_path / "img" / "fake.jpg").write_text("not really a JPEG")
        before = snapshot()
        with pytest.raises(CommandError, match=r"article 2 .*'figures\[0\]\.image'"):
            call_command("import_articles", str(path))
        assert snapshot() == before

    def test_the_command_exits_non_zero(self, bundle):
        import subprocess
        import sys

        path = bundle(broken(BAD_FILES["bad date"][0]))
        result = subprocess.run(
            [sys.executable, "manage.py", "import_articles", str(path)],
            capture_output=True, text=True, cwd=Path(__file__).resolve().parents[2],
            env={"DATABASE_URL": "sqlite:///:memory:", "PATH": "/usr/bin:/bin"},
        )
        assert result.returncode != 0
        assert "article 2 ('見出し2'): field 'published_at'" in result.stderr

    @pytest.mark.parametrize("raw,expected", [
        ('{"articles": [' + "[" * 100_000 + "]" * 100_000 + "]}", "nested too deeply"),
        ('{"articles": [{"status": ' + "9" * 10_000 + "}]}", "article 1: field 'status': must be a string, not a number"),
    ], ids=["deep nesting", "huge number"])
    def test_the_command_reports_hostile_json_without_a_traceback(self, tmp_path, raw, expected):
        import subprocess
        import sys

        path = tmp_path / "hostile.json"
        path.write_text(raw, encoding="utf-8")
        result = subprocess.run(
            [sys.executable, "manage.py", "import_articles", str(path)],
            capture_output=True, text=True, cwd=Path(__file__).resolve().parents[2],
            env={"DATABASE_URL": "sqlite:///:memory:", "PATH": "/usr/bin:/bin"},
        )
        assert result.returncode == 1
        assert "Traceback" not in result.stderr
        assert expected in result.stderr and "Nothing was imported." in result.stderr


@pytest.mark.django_db
class TestImagePaths:
    """An image must be a file inside the JSON file's folder; nothing else on the server can be read or probed."""

    @pytest.fixture
    def folder(self, tmp_path):
        """The export folder (a JSON file and img/photo.jpg) and, beside it, an image that is not part of it."""
        (tmp_path / "export" / "img").mkdir(parents=True)
        (tmp_path / "export" / "img" / "photo.jpg").write_bytes(image_bytes(size=(120, 80)))
        (tmp_path / "elsewhere").mkdir()
        (tmp_path / "elsewhere" / "private.jpg").write_bytes(image_bytes(size=(90, 60)))
        (tmp_path / "export" / "img" / "link-out.jpg").symlink_to(tmp_path / "elsewhere" / "private.jpg")
        (tmp_path / "export" / "img" / "link-in.jpg").symlink_to(tmp_path / "export" / "img" / "photo.jpg")
        (tmp_path / "export" / "img" / "loop.jpg").symlink_to(tmp_path / "export" / "img" / "loop.jpg")
        return tmp_path

    def run(self, folder, image):
        data = story(1, figures=[{"image": image, "caption": "写真", "credit": "撮影: 編集部", "alt": "港の写真"}])
        path = folder / "export" / "articles.json"
        path.write_text(json.dumps({"articles": [data]}, ensure_ascii=False), encoding="utf-8")
        call_command("import_articles", str(path))

    UNUSABLE = {
        "missing": "img/nope.jpg",
        "up and out": "../elsewhere/private.jpg",
        "up and back in": "../export/img/photo.jpg",
        "absolute, outside": "{folder}/elsewhere/private.jpg",
        "absolute, inside": "{folder}/export/img/photo.jpg",
        "link out": "img/link-out.jpg",
        "link to itself": "img/loop.jpg",
        "a folder": "img",
        "the system's": "/etc/passwd",
        "a device": "/dev/zero",
        "too long a name": "img/" + "a" * 5000 + ".jpg",
    }

    @pytest.mark.parametrize("case", UNUSABLE, ids=list(UNUSABLE))
    def test_an_unusable_path_gets_one_message_whatever_the_reason(self, folder, media_root, case):
        image = self.UNUSABLE[case].format(folder=folder)
        with pytest.raises(CommandError) as error:
            self.run(folder, image)
        message = str(error.value).replace(shown(image), "PATH")
        assert message == (
            "article 1 ('見出し1'): field 'figures[0].image': is not an image file inside the folder of the JSON file: PATH"
            "\nNothing was imported."
        )
        assert Article.objects.count() == 0 and media_files(media_root) == []

    def test_a_link_to_a_file_inside_the_folder_is_followed(self, folder):
        self.run(folder, "img/link-in.jpg")
        assert (Figure.objects.get().width, Figure.objects.get().height) == (120, 80)


@pytest.mark.django_db
class TestExport:
    def test_export_then_import_into_an_empty_database_gives_the_same_articles(self, bundle, tmp_path, django_db_blocker):
        first = story(1, related=["https://news.example/2"], status="published")
        draft = story(2, status="draft", published_at=None)
        scheduled = story(3, status="scheduled", published_at="2030-01-01T09:00:00+09:00", figures=[])
        call_command("import_articles", str(bundle([first, draft, scheduled])))

        out1 = tmp_path / "backup1" / "export.json"
        call_command("export_articles", "-o", str(out1))
        exported = json.loads(out1.read_text(encoding="utf-8"))
        assert [a["status"] for a in exported["articles"]] == ["published", "draft", "scheduled"]
        assert exported["articles"][0]["url"] == "/articles/original-headline-1/"
        image = exported["articles"][0]["figures"][0]["image"]
        assert (out1.parent / image).is_file()

        Article.objects.all().delete()
        for model in (Tag, Category, Source):
            model.objects.all().delete()
        call_command("import_articles", str(out1))

        out2 = tmp_path / "backup2" / "export.json"
        call_command("export_articles", "-o", str(out2))
        assert json.loads(out2.read_text(encoding="utf-8")) == exported
        from PIL import Image

        with Image.open(out1.parent / image) as first, Image.open(out2.parent / image) as second:
            assert first.size == second.size and first.format == second.format

    def test_export_writes_the_interchange_shape(self, bundle, tmp_path):
        call_command("import_articles", str(bundle([story(1)])))
        out = tmp_path / "x" / "e.json"
        call_command("export_articles", "-o", str(out))
        article = json.loads(out.read_text(encoding="utf-8"))["articles"][0]
        expected = copy.deepcopy(story(1))
        for key in ("status", "published_at", "category", "title", "lead", "body", "key_points",
                    "impact_analysis", "editorial_comment", "related"):
            assert article[key] == expected[key], key
        assert sorted(article["tags"]) == sorted(expected["tags"])
        assert article["original"]["url"] == expected["original"]["url"]
        assert article["original"]["published_at"] == "2026-11-27T09:00:00+09:00"
        assert article["reading_minutes"] == 1
        assert article["slug"] == "original-headline-1"


@pytest.mark.django_db
class TestLibraryReferences:
    """Figures name their library image (`library_image`); an import reuses one the library has."""

    def test_export_names_each_figures_library_image_and_copies_a_shared_one_once(self, bundle, tmp_path):
        call_command("import_articles", str(bundle([story(1), story(2)])))
        image = LibraryImage.objects.get()
        out = tmp_path / "x" / "e.json"
        call_command("export_articles", "-o", str(out))
        figures = [a["figures"][0] for a in json.loads(out.read_text(encoding="utf-8"))["articles"]]
        assert [f["library_image"] for f in figures] == [image.sha256, image.sha256]
        assert figures[0]["image"] == figures[1]["image"] and len(list((out.parent / "images").iterdir())) == 1

    def test_importing_an_export_again_reuses_the_library_image_it_names(
        self, bundle, tmp_path, media_root, django_capture_on_commit_callbacks,
    ):
        with django_capture_on_commit_callbacks(execute=True):
            call_command("import_articles", str(bundle([story(1)])))
        image = LibraryImage.objects.get()
        out = tmp_path / "x" / "e.json"
        call_command("export_articles", "-o", str(out))
        with django_capture_on_commit_callbacks(execute=True):
            Article.objects.all().delete()
        files = media_files(media_root)
        # The exported copy is the stored (re-encoded) file, not the one first given: only the name matches it.
        with django_capture_on_commit_callbacks(execute=True):
            call_command("import_articles", str(out))
        figure = Figure.objects.get()
        assert LibraryImage.objects.get() == image and figure.image_item == image
        assert figure.image.name == image.file.name and figure.renditions == image.renditions
        assert media_files(media_root) == files  # nothing stored again

    def test_an_export_into_an_empty_library_keeps_the_images_library_key(
        self, bundle, tmp_path, django_capture_on_commit_callbacks,
    ):
        call_command("import_articles", str(bundle([story(1)])))
        key = LibraryImage.objects.get().sha256
        out = tmp_path / "x" / "e.json"
        call_command("export_articles", "-o", str(out))
        with django_capture_on_commit_callbacks(execute=True):
            Article.objects.all().delete()
            LibraryImage.objects.all().delete()
        call_command("import_articles", str(out))
        assert LibraryImage.objects.get().sha256 == key  # a later file naming it finds it
        call_command("export_articles", "-o", str(tmp_path / "y" / "e.json"))
        again = json.loads((tmp_path / "y" / "e.json").read_text(encoding="utf-8"))["articles"][0]["figures"][0]
        assert again["library_image"] == key

    def test_an_old_file_without_references_imports_and_finds_the_same_file_in_the_library(self, bundle):
        from django.core.files.uploadedfile import SimpleUploadedFile

        from images import library

        known = library.add_upload(SimpleUploadedFile("photo.jpg", image_bytes(size=(120, 80))), caption="ライブラリの写真")
        old = story(1)
        assert "library_image" not in old["figures"][0]
        call_command("import_articles", str(bundle([old])))
        figure = Figure.objects.get()
        assert figure.image_item == known and LibraryImage.objects.count() == 1
        assert figure.caption == "写真"  # the file's words for this story, not the library's

    def test_a_reference_that_is_not_a_sha256_is_refused_naming_the_field(self, bundle):
        bad = story(1)
        bad["figures"][0]["library_image"] = "../../etc/passwd"
        with pytest.raises(CommandError, match=r"figures\[0\]\.library_image.*64 hexadecimal digits"):
            call_command("import_articles", str(bundle([bad])))
        assert not Article.objects.exists()


LATER = at(2027, 1, 1, 0, 0)


def plain_stories(count, start=1):
    """Stories without images, sharing their tags (given out of alphabetical order)."""
    return [story(n, tags=["Zeta", "alpha", "AI"], figures=[]) for n in range(start, start + count)]


@pytest.mark.django_db
class TestImportInBatches:
    """New articles are written a batch at a time; they end up as one-by-one saves would leave them."""

    def test_ten_times_the_articles_takes_hardly_more_queries(self, bundle):
        def queries(count, start):
            path = bundle(plain_stories(count, start), name=f"from-{start}.json")
            with CaptureQueriesContext(connection) as captured:
                import_file(path)
            return len(captured)

        queries(1, 1)  # the category, tags and source exist from here on
        few, many = queries(4, 100), queries(40, 200)
        # SQLite takes at most 999 values a statement: a row of articles is about 30.
        assert many <= few + 2
        assert Article.objects.count() == 45

    def test_text_that_needs_escaping_is_stored_as_written(self, bundle):
        """PostgreSQL takes the rows with COPY, whose text format gives tabs, newlines and backslashes a meaning."""
        awkward = "タブ\tと改行\n\\N と \\ バックスラッシュ"
        data = plain_stories(2)
        data[0]["body"] = awkward
        data[0]["key_points"] = [{"heading": "見出し\tタブ", "body": awkward}]
        data[0]["tags"] = ["\\N"]
        import_file(bundle(data))
        article = Article.objects.get(original_url="https://news.example/1")
        (point,) = article.key_points.all()
        assert (point.heading, point.body) == ("見出し\tタブ", awkward)
        assert [tag.name for tag in article.tags.all()] == ["\\N"]
        assert article.revisions.get().data["key_points"] == [{"heading": "見出し\tタブ", "body": awkward}]
        assert article.search_document.key_points.startswith("k見出 k出し kし kたぶ kぶ kたぶ kぶ kと改 k改行 k行 kn kと")
        found = search.matching(Article.objects.published(now=LATER), "\\n")
        assert [a.pk for a in found] == [article.pk]

    def test_search_finds_them(self, bundle):
        data = plain_stories(3)
        data[1]["body"] = "ルコンはxAIを失敗と断じた。"
        data[2]["key_points"] = [{"heading": "Orbital", "body": "軌道上の実験。"}]
        import_file(bundle(data))
        published = Article.objects.published(now=LATER)
        for query, number in (("失敗", 2), ("xaiを失敗", 2), ("XAI", 2), ("orbital", 3), ("軌道上", 3)):
            found = [a.original_url for a in search.matching(published, query)]
            assert found == [f"https://news.example/{number}"], query

    def test_search_still_follows_saves_afterwards(self, bundle):
        import_file(bundle(plain_stories(2)))
        later = make_article(body="インポートの後に書いた記事。", published_at=at(2026, 11, 28, 9, 0))
        found = search.matching(Article.objects.published(now=LATER), "後に書いた")
        assert [a.pk for a in found] == [later.pk]

    def test_a_failure_after_some_batches_leaves_everything_as_it_was(self, bundle, monkeypatch):
        import_file(bundle([story(1, figures=[])], name="existing.json"))
        monkeypatch.setattr(importer, "BATCH_SIZE", 2)
        data = plain_stories(5, start=10)
        data[4]["related"] = ["https://news.example/nowhere"]  # found once every article is written
        before = snapshot()
        with pytest.raises(InterchangeError, match=r"article 5 .*'related\[0\]'"):
            import_file(bundle(data))
        assert snapshot() == before
        assert SearchDocument.objects.count() == 1
        later = make_article(body="失敗の後に書いた記事。", published_at=at(2026, 11, 28, 9, 0))
        assert [a.pk for a in search.matching(Article.objects.published(now=LATER), "後に書いた")] == [later.pk]

    def test_a_large_file_is_prepared_in_a_second_process_and_stored_as_saves_store_it(self, bundle, monkeypatch):
        workers = []

        class Counted(preparing.ProcessPoolExecutor):
            def __init__(self, *args, **kwargs):
                workers.append(self)
                super().__init__(*args, **kwargs)

        monkeypatch.setattr(preparing, "ProcessPoolExecutor", Counted)
        monkeypatch.setattr(preparing, "SECOND_PROCESS_FROM", 5)
        monkeypatch.setattr(importer, "BATCH_SIZE", 2)  # four batches: two handed over at once, then one at a time
        data = plain_stories(7)
        data[5]["body"] = "**強調**と[リンク](https://example.com/)、ＡＩとﾃｽﾄの本文。" * 40
        data[6]["status"] = "draft"
        import_file(bundle(data))
        assert len(workers) == 1
        columns = ("article__original_url", *COLUMNS)
        imported = {
            "articles": sorted(Article.objects.values_list("original_url", "reading_minutes", *STORED_HTML)),
            "documents": sorted(SearchDocument.objects.values_list(*columns)),
        }
        assert len(imported["documents"]) == 6  # the draft is not searchable
        assert "<strong>強調</strong>" in Article.objects.get(original_url="https://news.example/6").body_html
        for article in Article.objects.all():
            stories.save_story(article, by=None)  # renders and indexes it again, as an editor's save does
        assert sorted(Article.objects.values_list("original_url", "reading_minutes", *STORED_HTML)) == imported["articles"]
        assert sorted(SearchDocument.objects.values_list(*columns)) == imported["documents"]

    def test_a_failure_in_the_second_process_fails_the_import_and_writes_nothing(self, bundle, monkeypatch):
        monkeypatch.setattr(preparing, "SECOND_PROCESS_FROM", 2)
        monkeypatch.setattr(importer, "BATCH_SIZE", 2)

        def unreadable(article, *, points=None):
            raise ValueError(f"cannot index {article.title}")

        monkeypatch.setattr(preparing.search, "document_fields", unreadable)  # the worker is forked with it
        before = snapshot()
        with pytest.raises(ValueError, match="cannot index 見出し1"):
            import_file(bundle(plain_stories(5)))
        assert snapshot() == before

    def test_each_keeps_one_revision_which_a_second_import_of_the_same_file_keeps(self, bundle):
        path = bundle(plain_stories(3))
        import_file(path)
        for article in Article.objects.all():
            (revision,) = article.revisions.all()
            assert (article.version, revision.version, revision.changed) == (1, 1, [])
            assert revision.data == revisions.snapshot(article)
            assert revision.data["tags"] == ["AI", "Zeta", "alpha"]
        import_file(path)
        assert Revision.objects.count() == 3
        assert set(Article.objects.values_list("version", flat=True)) == {1}

    def test_a_reimport_keeps_one_revision_for_each_article_it_changed_naming_what_changed(self, bundle):
        import_file(bundle(plain_stories(3)))
        data = plain_stories(4)
        data[0]["related"] = ["https://news.example/4"]  # a pick of a new article further on in the file
        data[1]["title"] = "新しい見出し"
        data[1]["status"] = "draft"
        import_file(bundle(data))
        first, second, third, fourth = Article.objects.order_by("original_url")
        assert [a.version for a in (first, second, third, fourth)] == [2, 2, 1, 1]
        for article, changed in ((first, ["related"]), (second, ["title", "status"])):
            revision = article.revisions.get(version=2)
            assert (revision.changed, revision.summary, revision.created_by) == (changed, "", None)
            assert revision.data == revisions.snapshot(article)
        assert first.revisions.get(version=2).data["related"] == ["https://news.example/4"]
        assert second.status == Article.Status.DRAFT
        import_file(bundle(data))
        assert Revision.objects.count() == 6

    def test_a_first_revision_holds_every_part_the_new_article_was_written_with(self, bundle):
        corrections = [
            {"noted_at": "2026-11-28T10:00:00+09:00", "body": "後の訂正。"},
            {"noted_at": "2026-11-28T09:00:00+09:00", "body": "先の訂正。"},
        ]
        first = story(1, related=["https://news.example/2"], corrections=corrections)
        import_file(bundle([first, story(2, related=["https://news.example/1"])]))
        article = Article.objects.get(original_url="https://news.example/1")
        (revision,) = article.revisions.all()
        assert revision.data == revisions.snapshot(article)
        assert revision.data["related"] == ["https://news.example/2"]
        assert [c["body"] for c in revision.data["corrections"]] == ["先の訂正。", "後の訂正。"]
        assert [f["image"] for f in revision.data["figures"]] == [article.figures.get().image.name]

    def test_slugs_follow_the_rules_of_saves(self, bundle):
        data = plain_stories(3)
        for item in data:
            item["original"]["title"] = "Same headline"
        data[2]["slug"] = "chosen"
        import_file(bundle(data))
        assert sorted(Article.objects.values_list("slug", flat=True)) == ["chosen", "same-headline", "same-headline-2"]

    def test_a_slug_given_twice_names_the_second_article(self, bundle):
        data = plain_stories(2)
        data[0]["slug"] = data[1]["slug"] = "twice"
        with pytest.raises(InterchangeError, match=r"article 2 .*'slug': already used by https://news.example/1"):
            import_file(bundle(data))
        assert not Article.objects.exists()
