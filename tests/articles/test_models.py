import pytest
from django.db import IntegrityError

from articles.models import Article, ArticleTag, RelatedLink, SlugRedirect
from articles.text import reading_minutes
from tests.factories import at, make_article


class TestReadingMinutes:
    def test_two_thousand_japanese_characters_take_four_minutes(self):
        assert reading_minutes("あ" * 2000) == 4

    def test_english_is_counted_in_words_at_230_a_minute(self):
        assert reading_minutes(" ".join(["word"] * 690)) == 3

    def test_rounds_half_up(self):
        assert reading_minutes("あ" * 750) == 2  # 1.5 minutes
        assert reading_minutes("あ" * 740) == 1

    def test_short_text_reads_in_at_least_one_minute(self):
        assert reading_minutes("") == 1
        assert reading_minutes("短い。") == 1

    def test_markdown_syntax_and_figure_markers_are_not_read(self):
        body = "## 見出し\n\n[[figure:1]]\n\n" + "あ" * 1000 + "\n\n[リンク](https://example.com/" + "x" * 3000 + ")"
        assert reading_minutes(body) == 2

    def test_mixed_text_counts_latin_words_and_japanese_characters(self):
        # 500 Japanese characters (1 min) + 230 English words (1 min).
        assert reading_minutes("あ" * 500 + " " + "word " * 230) == 2


@pytest.mark.django_db
class TestArticle:
    def test_saving_computes_reading_time_from_the_translated_body(self):
        article = make_article(body="本" * 2000, original_body="word " * 10)
        assert article.reading_minutes == 4

    def test_slug_comes_from_the_original_title(self):
        article = make_article(original_title="LeCun calls xAI a failure")
        assert article.slug == "lecun-calls-xai-a-failure"
        assert article.get_absolute_url() == "/articles/lecun-calls-xai-a-failure/"

    def test_slug_falls_back_to_the_translated_title(self):
        article = make_article(original_title="日本語の原題", title="翻訳タイトル")
        assert article.slug == "翻訳タイトル"

    def test_slugs_are_unique(self):
        first = make_article(original_title="Same headline")
        second = make_article(original_title="Same headline")
        assert first.slug == "same-headline"
        assert second.slug == "same-headline-2"

    def test_editing_the_title_keeps_the_url(self):
        article = make_article(original_title="Stable URL")
        article.title = "新しい見出し"
        article.original_title = "A new original title"
        article.save()
        assert article.get_absolute_url() == "/articles/stable-url/"

    def test_changing_the_slug_remembers_the_old_one(self):
        article = make_article(original_title="Old name")
        article.slug = "new-name"
        article.save()
        assert SlugRedirect.objects.get(old_slug="old-name").article == article

    def test_published_decides_by_time(self):
        now = at(2026, 11, 27, 12, 0)
        live = make_article(published_at=at(2026, 11, 27, 9, 0))
        scheduled_past = make_article(status=Article.Status.SCHEDULED, published_at=at(2026, 11, 27, 11, 0))
        scheduled_future = make_article(status=Article.Status.SCHEDULED, published_at=at(2026, 11, 27, 13, 0))
        draft = make_article(status=Article.Status.DRAFT, published_at=at(2026, 11, 27, 9, 0))
        future = make_article(published_at=at(2026, 11, 28, 9, 0))
        visible = set(Article.objects.published(now=now))
        assert visible == {live, scheduled_past}
        assert live.is_published(now=now) and scheduled_past.is_published(now=now)
        assert not any(a.is_published(now=now) for a in (scheduled_future, draft, future))

    def test_publish_time_is_stored_without_microseconds(self):
        article = make_article(published_at=at(2026, 11, 27, 9, 30).replace(microsecond=123456))
        article.refresh_from_db()
        assert article.published_at.microsecond == 0

    def test_an_article_cannot_pick_itself_as_related(self):
        article = make_article()
        with pytest.raises(IntegrityError):
            RelatedLink.objects.create(from_article=article, to_article=article)

    def test_original_urls_are_unique(self):
        make_article(original_url="https://news.example/same")
        with pytest.raises(IntegrityError):
            make_article(original_url="https://news.example/same")


@pytest.mark.django_db
def test_an_articles_tags_read_in_one_statement_are_its_tags_by_name(django_assert_num_queries):
    article = make_article(tags=["港湾", "AI", "脱炭素", "Zeta"])
    make_article(tags=["他の記事のタグ"])
    with django_assert_num_queries(1):
        tags = ArticleTag.objects.tags_of(article.pk)
    assert [(t.pk, t.name, t.slug) for t in tags] == [(t.pk, t.name, t.slug) for t in article.tags.all()]
    assert [t.name for t in tags] == ["AI", "Zeta", "港湾", "脱炭素"]
