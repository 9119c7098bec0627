"""The media library: one stored image per file, shown by any number of figures, its renditions made once."""

from pathlib import Path

import pytest
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from articles.models import Figure
from images import library
from images.models import Image
from tests.factories import after_commit, image_bytes, make_article, make_figure, make_staff

pytestmark = pytest.mark.django_db


def upload(name="harbor.jpg", color=(30, 90, 160), size=(900, 600)) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, image_bytes(size=size, color=color))


def figure_uploading(article, data: SimpleUploadedFile, **texts) -> Figure:
    figure = Figure(article=article, position=1, **{"alt_text": "港の写真", **texts})
    figure.image = data
    with after_commit():
        figure.save()
    figure.refresh_from_db()
    return figure


class TestUploads:
    def test_an_upload_in_a_figure_joins_the_library_with_what_it_says_of_the_image(self, media_root):
        editor = make_staff("Editor", "hanako")
        figure = Figure(article=make_article(), position=1, alt_text="港のクレーン", caption="横浜港", credit="撮影: 編集部")
        figure.image = upload()
        figure.added_by = editor
        with after_commit():
            figure.save()
        image = Image.objects.get()
        assert figure.image_item == image and figure.image.name == image.file.name
        assert (image.alt_text, image.caption, image.credit) == ("港のクレーン", "横浜港", "撮影: 編集部")
        assert image.uploaded_by == editor and len(image.sha256) == 64
        assert (image.width, image.height) == (900, 600)

    def test_the_same_file_uploaded_for_two_stories_is_stored_once(self, media_root):
        first = figure_uploading(make_article(), upload("a.jpg"))
        second = figure_uploading(make_article(), upload("b.jpg"), alt_text="別の説明")
        assert Image.objects.count() == 1
        assert second.image_item == first.image_item and second.image.name == first.image.name
        assert second.alt_text == "別の説明"  # each figure keeps its own words
        stored = [p for p in Path(media_root).rglob("*") if p.is_file()]
        assert len(stored) == 1 + 3 * 2  # one image and its renditions (480, 800 and its own 900 wide)

    def test_a_different_file_is_a_new_library_image(self, media_root):
        figure_uploading(make_article(), upload(color=(1, 2, 3)))
        figure_uploading(make_article(), upload(color=(200, 2, 3)))
        assert Image.objects.count() == 2

    def test_add_upload_returns_the_image_the_library_has(self, media_root):
        first = library.add_upload(upload(), caption="一度目")
        again = library.add_upload(upload(), caption="二度目")
        assert again == first and again.caption == "一度目"


class TestPicking:
    def test_a_figure_picking_a_library_image_shows_its_file_size_and_renditions(self, media_root):
        shown = figure_uploading(make_article(), upload())
        image = shown.image_item
        assert image.renditions  # made by the job after the first save
        picked = Figure(article=make_article(), position=1, image_item=image, alt_text="同じ写真")
        picked.save()
        assert picked.image.name == image.file.name
        assert (picked.width, picked.height, picked.renditions) == (image.width, image.height, image.renditions)

    def test_fill_remembered_gives_only_the_empty_texts(self, media_root):
        image = library.add_upload(upload(), alt_text="記録された代替", caption="記録されたキャプション", credit="記録")
        figure = Figure(article=make_article(), image_item=image, caption="この記事のキャプション")
        figure.fill_remembered()
        assert (figure.alt_text, figure.caption, figure.credit) == ("記録された代替", "この記事のキャプション", "記録")

    def test_a_stored_file_named_without_its_library_image_finds_it(self, media_root):
        shown = make_figure(make_article())
        named = Figure.objects.create(article=make_article(), position=1, image=shown.image.name, alt_text="同じ")
        assert named.image_item == shown.image_item


class TestRenditions:
    def test_renditions_are_made_once_per_library_image_whatever_shows_it(self, media_root, monkeypatch):
        from jobs import renditions as rendition_job

        made = []
        real = rendition_job.renditions_of_stored
        monkeypatch.setattr(rendition_job, "renditions_of_stored", lambda *a: made.append(a) or real(*a))
        with after_commit():
            first = Figure(article=make_article(), position=1, alt_text="一枚目")
            first.image = upload()
            first.save()
            second = Figure(article=make_article(), position=1, alt_text="二枚目")
            second.image = upload()  # the same file: the same library image
            second.save()
        with after_commit():
            third = Figure.objects.create(article=make_article(), position=1, image_item=first.image_item)
        assert len(made) == 1
        image = Image.objects.get()
        figures = Figure.objects.all()
        assert len(figures) == 3 and all(f.renditions == image.renditions != {} for f in figures)
        assert rendition_job.make_renditions(image.file.name) == 0  # again: nothing to make or give
        assert len(made) == 1 and third.renditions == image.renditions


@pytest.mark.django_db(transaction=True)
def test_the_migration_makes_one_library_image_per_file_as_first_given(media_root):
    """Figures from before the library: the same upload twice (one SHA-256) becomes one library image."""
    article = make_article()  # with today's tables: the search documents of then had fewer columns
    executor = MigrationExecutor(connection)
    before = [("articles", "0021_figure_image_item"), ("images", "0002_library_image")]
    executor.migrate(before)
    try:
        OldFigure = executor.loader.project_state(before).apps.get_model("articles", "Figure")
        names = [default_storage.save(f"figures/2026/01/old{n}.jpg", upload(color=(n, 9, 9))) for n in (1, 2, 3)]
        rows = [
            OldFigure.objects.create(
                article_id=article.pk, position=n, image=name, width=900, height=600,
                source_sha256=sha, alt_text=f"説明{n}", renditions={},
            )
            for n, name, sha in zip((1, 2, 3), names, ("a" * 64, "a" * 64, ""))  # the first two: one upload, twice
        ]
        executor = MigrationExecutor(connection)
        executor.migrate(executor.loader.graph.leaf_nodes())
    finally:
        executor = MigrationExecutor(connection)
        executor.migrate(executor.loader.graph.leaf_nodes())
    first, second, third = (Figure.objects.select_related("image_item").get(pk=row.pk) for row in rows)
    assert Image.objects.count() == 2
    assert second.image_item == first.image_item and second.image.name == first.image.name == names[0]
    assert first.image_item.sha256 == "a" * 64 and first.image_item.alt_text == "説明1"
    assert third.image_item.file.name == names[2] and third.image_item.sha256 == ""
    assert second.alt_text == "説明2"  # each figure keeps its own words
