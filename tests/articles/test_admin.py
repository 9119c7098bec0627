import re
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext

from articles.models import Article, Figure, KeyPoint, RelatedLink
from tests.factories import image_upload, make_article, make_figure, make_source, make_tag
from tests.helpers import ADD_URL, fill_story, single
from tests.htmlforms import form_fields


@pytest.mark.django_db
class TestArticleAdmin:
    def test_the_add_page_shows_the_original_beside_the_translation(self, client, editor):
        response = client.get(ADD_URL)
        assert response.status_code == 200
        html = response.content.decode()
        assert "nd-bilingual" in html
        assert html.index('name="original_title"') < html.index('name="title"')
        assert html.index('name="original_body"') < html.index('name="body"')
        assert "キーポイント" in html and "admin/newsdesk/admin.js" in html

    def test_an_editor_enters_a_whole_story_on_one_page(self, client, editor):
        fields = single(form_fields(client.get(ADD_URL).content.decode(), "article_form"))
        data = fill_story(fields, make_source(), [make_tag("港湾"), make_tag("電動化")])
        response = client.post(ADD_URL, data)
        assert response.status_code == 302, response.context["errors"] if response.context else response
        article = Article.objects.get()
        assert article.title == "港のクレーンが電動化"
        assert article.body == "一段落目。\n\n[[figure:2]]\n\n二段落目。"
        assert [kp.heading for kp in article.key_points.all()] == ["要点1", "要点2", "要点3", "要点4"]
        assert [f.alt_text for f in article.figures.all()] == ["図1の説明", "図2の説明"]
        assert re.fullmatch(r"figures/\d{4}/\d{2}/crane-1-[0-9a-f]{24}\.jpg", article.figures.first().image.name)
        assert article.is_published()
        assert list(article.editors.all()) == [editor]

        listing = client.get("/admin/articles/article/").content.decode()
        assert "港のクレーンが電動化" in listing
        assert "2026/11/27" in listing

    def test_an_unchanged_resave_changes_nothing(self, client, editor):
        article = make_article(tags=["AI", "港湾"], key_points=4, body="一。\n\n[[figure:1]]\n\n二。")
        make_figure(article, position=1)
        make_figure(article, position=2, video_url="https://video.example/watch/1")
        url = f"/admin/articles/article/{article.pk}/change/"

        def state():
            a = Article.objects.get(pk=article.pk)
            return (
                {f.name: getattr(a, f.attname) for f in Article._meta.concrete_fields
                 if f.name not in ("updated_at", "version")},
                sorted(a.tags.values_list("pk", flat=True)),
                list(a.key_points.values_list("id", "position", "heading", "body")),
                list(a.figures.values_list("id", "position", "image", "alt_text", "caption", "video_url")),
            )

        before = state()
        fields = form_fields(client.get(url).content.decode(), "article_form")
        response = client.post(url, fields)
        assert response.status_code == 302
        assert state() == before
        # The first admin save keeps a baseline revision; saving unchanged again adds none.
        revisions = article.revisions.count()
        fields = form_fields(client.get(url).content.decode(), "article_form")
        response = client.post(url, fields, follow=True)
        shown = [str(message) for message in response.context["messages"]]
        assert "変更はありませんでした。" in shown
        assert not any("変更しました" in message for message in shown), shown  # no contradicting success message
        assert state() == before and article.revisions.count() == revisions

    def test_key_points_are_reordered_by_their_positions(self, client, editor):
        article = make_article(key_points=3)
        url = f"/admin/articles/article/{article.pk}/change/"
        fields = form_fields(client.get(url).content.decode(), "article_form")
        fields["key_points-0-position"] = ["3"]
        fields["key_points-2-position"] = ["1"]
        assert client.post(url, fields).status_code == 302
        assert list(article.key_points.values_list("heading", "position")) == [("要点3", 1), ("要点2", 2), ("要点1", 3)]

    def test_publishing_an_incomplete_story_says_what_is_missing_and_keeps_the_work(self, client, editor):
        fields = single(form_fields(client.get(ADD_URL).content.decode(), "article_form"))
        data = fill_story(fields, make_source(), [])
        data["lead"] = ""
        data["figures-1-alt_text"] = ""
        response = client.post(ADD_URL, data, follow=True)
        article = Article.objects.get()
        assert article.status == Article.Status.DRAFT
        assert article.key_points.count() == 4
        message = " ".join(str(m) for m in response.context["messages"])
        assert "リード" in message and "図2の代替テキスト" in message

    @pytest.mark.parametrize("upload,expected", [
        (SimpleUploadedFile("notes.jpg", b"just some text, not an image", content_type="image/jpeg"), "画像"),
        (SimpleUploadedFile("drawing.svg", b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>',
                            content_type="image/svg+xml"), "画像"),
    ], ids=["text renamed jpg", "svg"])
    def test_a_bad_upload_is_a_form_error_and_nothing_is_stored(self, client, editor, media_root, upload, expected):
        fields = single(form_fields(client.get(ADD_URL).content.decode(), "article_form"))
        data = fill_story(fields, make_source(), [])
        data["figures-1-image"] = upload
        response = client.post(ADD_URL, data)
        assert response.status_code == 200
        errors = response.context["inline_admin_formsets"][1].formset.errors[1]
        assert "image" in errors and expected in " ".join(errors["image"])
        assert Article.objects.count() == 0 and Figure.objects.count() == 0 and KeyPoint.objects.count() == 0
        # Only the good image of the other figure is kept, for the next submit; the bad one is nowhere.
        stored = [path.relative_to(media_root) for path in Path(media_root).rglob("*.*")]
        assert stored and all(path.parts[0] == "pending" for path in stored)
        assert not any(path.name.startswith(("notes", "drawing")) for path in stored)

    def test_an_image_with_too_many_pixels_is_refused(self, client, editor, settings):
        settings.NEWSDESK_MAX_IMAGE_PIXELS = 100 * 100
        fields = single(form_fields(client.get(ADD_URL).content.decode(), "article_form"))
        data = fill_story(fields, make_source(), [])
        data["figures-0-image"] = image_upload("big.jpg", size=(200, 200))
        response = client.post(ADD_URL, data)
        assert response.status_code == 200
        assert "画素数が多すぎます" in response.content.decode()
        assert Figure.objects.count() == 0

    def test_an_image_too_large_in_bytes_is_refused(self, client, editor, settings):
        settings.NEWSDESK_MAX_IMAGE_BYTES = 500
        fields = single(form_fields(client.get(ADD_URL).content.decode(), "article_form"))
        data = fill_story(fields, make_source(), [])
        response = client.post(ADD_URL, data)
        assert response.status_code == 200
        assert "画像ファイルが大きすぎます" in response.content.decode()
        assert Figure.objects.count() == 0

    def test_validation_messages_name_the_field(self, client, editor):
        fields = single(form_fields(client.get(ADD_URL).content.decode(), "article_form"))
        data = fill_story(fields, make_source(), [])
        data["original_url"] = "not a url"
        data["title"] = ""
        response = client.post(ADD_URL, data)
        assert response.status_code == 200
        form = response.context["adminform"].form
        assert set(form.errors) == {"original_url", "title"}
        html = response.content.decode()
        assert form.errors["original_url"][0] in html
        assert form.errors["title"][0] in html

    def test_a_text_over_its_limit_is_refused_naming_the_field_and_the_limit_and_kept(self, client, editor):
        fields = single(form_fields(client.get(ADD_URL).content.decode(), "article_form"))
        data = fill_story(fields, make_source(), [])
        data["body"] = "あ" * 200_000 + "\r\n" + "い"
        data["key_points-1-body"] = "う" * 10_001
        response = client.post(ADD_URL, data)
        assert response.status_code == 200
        assert response.context["adminform"].form.errors["body"] == ["本文は 200,000 文字までです（入力は 200,002 文字）。"]
        key_points = next(f.formset for f in response.context["inline_admin_formsets"] if f.formset.prefix == "key_points")
        assert key_points.errors[1]["body"] == ["本文は 10,000 文字までです（入力は 10,001 文字）。"]
        assert Article.objects.count() == 0
        html = response.content.decode()
        assert "あ" * 200_000 in html and "う" * 10_001 in html  # nothing the editor typed is lost

    def test_a_text_at_its_limit_is_saved(self, client, editor):
        fields = single(form_fields(client.get(ADD_URL).content.decode(), "article_form"))
        data = fill_story(fields, make_source(), [])
        data["body"] = "あ" * 199_998 + "\r\n" + "い"  # 200,000 characters with an LF, as stored
        response = client.post(ADD_URL, data)
        assert response.status_code == 302, response.context["adminform"].form.errors
        assert len(Article.objects.get().body) == 200_000

    @pytest.mark.parametrize("prefix,day", [
        ("published_at", "0001-01-01"), ("published_at", "9999-12-31"),
        ("original_published_at", "0999-12-31"), ("corrections-0-noted_at", "9001-01-01"),
    ])
    def test_a_time_outside_the_years_1000_to_9000_is_refused_on_its_field(self, client, editor, prefix, day):
        article = make_article(status=Article.Status.DRAFT, published_at=None, lead="元のリード")
        url = f"/admin/articles/article/{article.pk}/change/"
        fields = form_fields(client.get(url).content.decode(), "article_form")
        if prefix.startswith("corrections-"):
            fields.update({"corrections-TOTAL_FORMS": ["1"], "corrections-0-body": ["訂正しました。"]})
        fields.update({"lead": ["新しいリード"], f"{prefix}_0": [day], f"{prefix}_1": ["09:00:00"]})
        response = client.post(url, fields)
        assert response.status_code == 200
        assert "1000年から9000年までの日時を入力してください。" in response.content.decode()
        assert form_fields(response.content.decode(), "article_form")["lead"] == ["新しいリード"]  # kept
        article.refresh_from_db()
        assert article.lead == "元のリード" and not article.corrections.exists()

    def test_the_first_and_last_years_a_story_may_name_are_saved(self, client, editor):
        article = make_article(status=Article.Status.DRAFT, published_at=None)
        url = f"/admin/articles/article/{article.pk}/change/"
        fields = form_fields(client.get(url).content.decode(), "article_form")
        fields.update({"published_at_0": ["9000-12-31"], "published_at_1": ["09:00:00"],
                       "original_published_at_0": ["1000-01-01"], "original_published_at_1": ["12:00:00"]})
        response = client.post(url, fields)
        assert response.status_code == 302, response.context["adminform"].form.errors
        article.refresh_from_db()
        assert (article.published_at.year, article.original_published_at.year) == (9000, 1000)

    def test_the_list_searches_titles_original_titles_and_urls(self, client, editor):
        make_article(title="港のニュース", original_title="Port news", original_url="https://a.example/port")
        make_article(title="宇宙のニュース", original_title="Space news", original_url="https://b.example/space")
        for q in ("港の", "Port", "a.example/port"):
            html = client.get("/admin/articles/article/", {"q": q}).content.decode()
            assert "港のニュース" in html and "宇宙のニュース" not in html, q

    def test_the_list_filters_by_status_category_and_source(self, client, editor):
        make_article(title="下書きの記事", status=Article.Status.DRAFT)
        make_article(title="公開の記事")
        html = client.get("/admin/articles/article/", {"status__exact": "draft"}).content.decode()
        assert "下書きの記事" in html and "公開の記事" not in html

    def test_related_picks_use_autocomplete(self, client, editor):
        make_article(title="関連候補の記事")
        html = client.get(ADD_URL).content.decode()
        assert 'data-ajax--url="/admin/autocomplete/"' in html
        response = client.get("/admin/autocomplete/", {
            "term": "関連候補", "app_label": "articles", "model_name": "relatedlink", "field_name": "to_article",
        })
        assert [r["text"] for r in response.json()["results"]] == ["関連候補の記事"]

    def test_tags_are_picked_with_autocomplete(self, client, editor):
        make_tag("港湾")
        html = client.get(ADD_URL).content.decode()
        assert re.search(r'<select name="tags"[^>]*data-ajax--url="/admin/autocomplete/"[^>]*multiple', html)
        response = client.get("/admin/autocomplete/", {
            "term": "港", "app_label": "articles", "model_name": "article", "field_name": "tags",
        })
        # An editor may also make a new tag of what they typed (tests/editorial/test_new_filing.py).
        assert [r["text"] for r in response.json()["results"]] == ["港湾", "新規作成: 港"]


@pytest.mark.django_db
class TestChangeFormCost:
    """Opening and saving a story costs a bounded number of queries, so ten editors leave room for readers."""

    @pytest.fixture
    def story(self):
        article = make_article(key_points=3, tags=("AI", "港湾"))
        make_figure(article)
        for n in (1, 2):
            RelatedLink.objects.create(from_article=article, to_article=make_article(), position=n)
        return article

    def test_opening_the_change_form_reads_each_part_once(self, client, editor, story, django_assert_max_num_queries):
        url = f"/admin/articles/article/{story.pk}/change/"
        # The inlines read key points and figures for their forms; the 翻訳チェック panel reads them as
        # stored (one query each), whatever their number (the next test); one more finds the sources that
        # are papers (the paper fields show for them), and one asks whether the original changed since it
        # was translated. The desk adds 5: the review panel's rounds, who may review and the translator,
        # the notes, and the header's unread count.
        with django_assert_max_num_queries(26):
            response = client.get(url)
        assert response.status_code == 200

    def test_key_points_and_figures_do_not_add_queries_to_the_change_form(self, client, editor, story,
                                                                         django_assert_num_queries):
        url = f"/admin/articles/article/{story.pk}/change/"
        client.get(url)
        with CaptureQueriesContext(connection) as few:
            client.get(url)
        for n in range(4, 10):
            KeyPoint.objects.create(article=story, position=n, heading=f"要点{n}", body="説明。")
        make_figure(story, position=2)
        with django_assert_num_queries(len(few)):
            client.get(url)

    def test_a_save_keeps_to_a_bounded_number_of_queries(self, client, editor, story, django_assert_max_num_queries):
        url = f"/admin/articles/article/{story.pk}/change/"
        fields = form_fields(client.get(url).content.decode(), "article_form")
        fields["lead"] = ["新しいリード。"]
        # 4 of them write what the page shows of the parts, 1 reads where the figures went (markers follow
        # them), 1 ends the editor's autosave, 2 check the figure's library image (the form's choice, its key)
        with django_assert_max_num_queries(71):
            response = client.post(url, fields)
        assert response.status_code == 302
        story.refresh_from_db()
        assert story.lead == "新しいリード。"
        assert story.revisions.filter(data__lead="新しいリード。").count() == 1
