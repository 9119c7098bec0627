import json
import re

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext

from articles.models import Article, KeyPoint, SearchDocument
from interchange.importer import import_file
from interchange.schema import InterchangeError
from search.bulk import BULK_THRESHOLD
from search.documents import index_many, rebuild
from search.queries import matching
from search.text import FIELDS
from tests.factories import at, make_article, make_category, make_tag
from tests.helpers import on_postgresql

pytestmark = pytest.mark.django_db


def results(client, **params):
    response = client.get("/search/", params)
    assert response.status_code == 200
    html = response.content.decode()
    return re.findall(r'<h2 class="card__title"><a href="[^"]+">([^<]+)</a>', html), html


def found(query):
    return [a.title for a in matching(Article.objects.published(), query)]


class TestJapanese:
    def test_a_word_inside_a_sentence_is_found(self, client):
        make_article(title="研究所の話", body="ルコンはxAIを失敗と断じた。\n\n次の段落。")
        make_article(title="関係ない話", body="成功した。")
        titles, html = results(client, q="失敗")
        assert titles == ["研究所の話"]
        assert "<mark>失敗</mark>" in html

    @pytest.mark.parametrize("query", ["買収", "世界モデル", "ロボット企業", "収"])
    def test_words_of_any_length_are_found(self, query):
        make_article(title="本命", body="ロボット企業が世界モデルの新興企業を買収した。")
        make_article(title="外れ", body="何も起きなかった。")
        assert found(query) == ["本命"]

    def test_full_width_and_half_width_forms_match(self):
        make_article(title="ＡＩの記事", body="ｶﾀｶﾅの表記。")
        assert found("AI") == ["ＡＩの記事"]
        assert found("カタカナ") == ["ＡＩの記事"]

    def test_all_terms_must_appear(self):
        make_article(title="両方", body="半導体の買収が続く。")
        make_article(title="片方", body="半導体の話題。")
        assert found("半導体 買収") == ["両方"]


class TestEnglishAndOriginal:
    def test_english_words_match_case_insensitively_in_the_original(self):
        make_article(title="原文に一致", original_body="The merger was called a failure by analysts.")
        make_article(title="一致しない", original_body="Nothing to see.")
        assert found("FAILURE") == ["原文に一致"]
        assert found("Fa") == ["原文に一致"]

    def test_key_points_and_leads_are_searched(self):
        article = make_article(title="要点で一致", lead="普通のリード。", key_points=0)
        KeyPoint.objects.create(article=article, position=1, heading="港湾ストライキ", body="物流が止まる。")
        assert found("ストライキ") == ["要点で一致"]


class TestRanking:
    def test_title_matches_rank_above_body_matches(self):
        make_article(title="本文だけ", body="量子の話。", published_at=at(2026, 11, 28, 9, 0))
        make_article(title="量子コンピューター", body="別の話。", published_at=at(2026, 11, 1, 9, 0))
        make_article(title="原文だけ", original_body="量子 in the original", published_at=at(2026, 11, 29, 9, 0))
        assert found("量子") == ["量子コンピューター", "本文だけ", "原文だけ"]


class TestVisibility:
    def test_unpublished_and_future_text_is_never_found(self):
        make_article(title="下書き", body="秘密の計画。", status=Article.Status.DRAFT)
        make_article(title="レビュー中", body="秘密の計画。", status=Article.Status.REVIEW)
        make_article(title="予約", body="秘密の計画。", status=Article.Status.SCHEDULED, published_at=at(2099, 1, 1, 9, 0))
        assert found("秘密") == []
        assert not SearchDocument.objects.filter(article__status__in=["draft", "review"]).exists()

    def test_the_index_follows_edits_unpublishing_and_deletion(self, client):
        article = make_article(title="記事", body="古い言葉。")
        assert found("古い言葉") == ["記事"]
        article.body = "新しい言葉。"
        article.save()
        assert found("古い言葉") == [] and found("新しい言葉") == ["記事"]
        article.status = Article.Status.DRAFT
        article.save()
        assert found("新しい言葉") == []
        article.status = Article.Status.PUBLISHED
        article.save()
        assert found("新しい言葉") == ["記事"]
        article.delete()
        assert not SearchDocument.objects.exists()

    def test_rebuild_search_index(self, capsys):
        make_article(title="一つ目", body="再構築の確認。")
        make_article(title="下書き", body="再構築の確認。", status=Article.Status.DRAFT)
        SearchDocument.objects.all().delete()
        assert found("再構築") == []
        call_command("rebuild_search_index")
        assert "1 article(s)" in capsys.readouterr().out
        assert found("再構築") == ["一つ目"]


class TestSearchPage:
    def test_search_combines_with_filters_and_paginates(self, client):
        ai, science = make_tag("AI"), make_category("科学")
        for i in range(22):
            make_article(title=f"科学のAI{i:02d}", body="電池の研究。", tags=[ai], category=science,
                         published_at=at(2026, 11, 1, 9, i))
        make_article(title="ビジネスのAI", body="電池の研究。", tags=[ai])
        titles, html = results(client, q="電池", category=science.slug)
        assert len(titles) == 20 and "ビジネスのAI" not in titles
        assert "22 件" in html
        second, _ = results(client, q="電池", category=science.slug, page=2)
        assert len(second) == 2

    def test_snippets_are_escaped_and_marked(self, client):
        make_article(title="危険な本文", body="<script>alert(1)</script> 失敗の記録。")
        _, html = results(client, q="失敗")
        assert "<script>alert" not in html
        assert "&lt;script&gt;" in html and "<mark>失敗</mark>" in html

    @pytest.mark.parametrize("query", ['"', "AND OR NOT", "NEAR(a b)", "*", "a" * 100_000, "💥💥", "'; DROP TABLE x; --"])
    def test_odd_queries_answer_normally(self, client, query):
        make_article(title="記事", body="本文。")
        response = client.get("/search/", {"q": query[:100_000]})
        assert response.status_code == 200

    def test_an_empty_query_invites_a_search(self, client):
        _, html = results(client)
        assert "キーワードを入力してください" in html

    def test_the_home_filter_uses_the_same_search(self, client):
        make_article(title="一致", body="ルコンはxAIを失敗と断じた。")
        html = client.get("/latest/", {"q": "失敗"}).content.decode()
        assert "一致" in html


def test_index_and_scan_paths_agree():
    """Terms of 3+ characters go through the engine index, shorter ones scan: same answers."""
    texts = ["世界モデルの研究", "モデル計算", "世界の海運", "計算資源と電力", "Model weights", "world model"]
    for i, text in enumerate(texts):
        make_article(title=f"記事{i}", body=text)
    for query in ["世界", "世界モ", "モデル", "デル計", "計算", "model", "mod", "el w", "海"]:
        expected = sorted(
            f"記事{i}" for i, t in enumerate(texts) if all(w.casefold() in t.casefold() for w in query.split())
        )
        assert sorted(found(query)) == expected, query


# Large writes on PostgreSQL drop the trigram indexes and build them again inside the
# transaction. These tests run in real transactions (transaction=True), as an import does.

LATER = at(2027, 1, 1, 0, 0)


def trigram_indexes():
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT indexname, indexdef FROM pg_indexes WHERE tablename = 'articles_searchdocument' "
            "AND indexdef LIKE '%%gin_trgm_ops%%'"
        )
        return dict(cursor.fetchall())


def write_stories(path, count, *, start=0, related_to=None):
    """A file of `count` published stories; the last one points at `related_to` when given."""
    articles = [
        {
            "status": "published", "published_at": "2026-11-27T09:30:00+09:00",
            "title": f"一括{n}", "body": f"一括取り込みの本文{n}。",
            "original": {"title": f"Bulk {n}", "url": f"https://bulk.example/{n}", "source": "Bulk Wire"},
        }
        for n in range(start, start + count)
    ]
    if related_to:
        articles[-1]["related"] = [related_to]
    path.write_text(json.dumps({"articles": articles}, ensure_ascii=False), encoding="utf-8")
    return path


def dropped_indexes(captured) -> int:
    return sum(query["sql"].startswith("DROP INDEX") for query in captured.captured_queries)


@on_postgresql
@pytest.mark.django_db(transaction=True)
class TestBulkWritesOnPostgreSQL:
    def test_a_large_import_leaves_every_trigram_index_as_it_was(self, tmp_path):
        before = trigram_indexes()
        assert len(before) == len(FIELDS)
        with CaptureQueriesContext(connection) as captured:
            import_file(write_stories(tmp_path / "bulk.json", BULK_THRESHOLD))
        assert dropped_indexes(captured) == len(FIELDS)  # the bulk path ran
        assert trigram_indexes() == before
        found = matching(Article.objects.published(now=LATER), "取り込みの本文42。")
        assert [a.original_url for a in found] == ["https://bulk.example/42"]

    def test_an_import_failing_after_its_documents_are_written_leaves_the_indexes_as_they_were(self, tmp_path):
        before = trigram_indexes()
        path = write_stories(tmp_path / "bad.json", BULK_THRESHOLD, related_to="https://bulk.example/nowhere")
        with CaptureQueriesContext(connection) as captured, pytest.raises(InterchangeError, match="related"):
            import_file(path)
        assert dropped_indexes(captured) == len(FIELDS)
        assert trigram_indexes() == before
        assert not SearchDocument.objects.exists()

    def test_a_small_write_into_a_larger_table_keeps_the_indexes(self, tmp_path):
        import_file(write_stories(tmp_path / "first.json", BULK_THRESHOLD + 20))
        with CaptureQueriesContext(connection) as captured:
            import_file(write_stories(tmp_path / "second.json", BULK_THRESHOLD, start=1000))
            index_many(list(Article.objects.values_list("pk", flat=True)[:BULK_THRESHOLD]))
        assert dropped_indexes(captured) == 0
        assert SearchDocument.objects.count() == 2 * BULK_THRESHOLD + 20

    def test_rebuilding_the_index_keeps_every_trigram_index(self):
        before = trigram_indexes()
        make_article(title="再構築", body="索引を作り直す。")
        with CaptureQueriesContext(connection) as captured:
            assert rebuild() == 1
        assert dropped_indexes(captured) == len(FIELDS)
        assert trigram_indexes() == before
        assert found("作り直す") == ["再構築"]


# The trigram indexes are declared on the model (SearchDocument.Meta) and made on PostgreSQL only.


@on_postgresql
def test_the_trigram_indexes_in_the_database_are_the_ones_the_model_declares():
    declared = {index.name: index.fields for index in SearchDocument._meta.indexes}
    in_database = trigram_indexes()
    assert len(declared) == len(FIELDS)
    assert sorted(in_database) == sorted(declared)
    for name, (column,) in declared.items():
        assert in_database[name].endswith(f"USING gin ({column} gin_trgm_ops)")


def test_the_trigram_indexes_make_nothing_on_other_engines():
    """A GIN index elsewhere would be a B-tree copy of every text, which no query uses: none is made."""
    editor = connection.schema_editor(collect_sql=True)
    statements = [str(index.create_sql(SearchDocument, editor)) for index in SearchDocument._meta.indexes]
    assert len(statements) == len(FIELDS)
    if connection.vendor == "postgresql":
        assert all("USING gin" in statement and "gin_trgm_ops" in statement for statement in statements)
    else:
        assert statements == [""] * len(FIELDS)
