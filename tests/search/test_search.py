import importlib
import json
import re

import pytest
from django.core.management import call_command
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext

from articles import stories
from articles.models import Article, KeyPoint, SearchDocument
from interchange.importer import import_file
from interchange.schema import InterchangeError
from search.bulk import BULK_THRESHOLD
from search.documents import index_many, rebuild
from search import queries
from search.queries import matching
from search.text import fold, pattern
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

    @pytest.mark.parametrize("query", ["失敗", "敗", "失", "断", "ルコン", "xAIを失敗", "xaiを失", "を失敗と断じた"])
    def test_one_and_two_character_terms_and_longer_ones_inside_a_sentence(self, query):
        make_article(title="本命", body="ルコンはxAIを失敗と断じた。")
        make_article(title="外れ", body="成功を信じて疑わない。")
        assert found(query) == ["本命"]

    @pytest.mark.parametrize("query", ["買収", "世界モデル", "ロボット企業", "収", "業", "企"])
    def test_words_of_any_length_are_found(self, query):
        make_article(title="本命", body="ロボット企業が世界モデルの新興企業を買収")
        make_article(title="外れ", body="何も起きなかった。")
        assert found(query) == ["本命"]

    def test_a_character_at_the_end_of_a_run_is_found(self):
        make_article(title="本命", body="市場は鈍。米国の株価")
        assert found("鈍") == ["本命"]
        assert found("価") == ["本命"]
        assert found("鈍米") == []  # 。 stands between them

    def test_a_character_is_one_word_of_the_index_not_the_start_of_every_bigram(self):
        """市 starts thousands of bigrams in a large archive; looking it up as their prefix merges all their lists."""
        make_article(title="市場の話", body="市は市長の街。都市", key_points=0)
        make_article(title="外れ", body="何も起きなかった。", key_points=0)
        assert found("市") == ["市場の話"]
        assert found("ｼ") == found("し") == []
        engine = queries._engine()
        expression = engine.phrase(pattern("市"), ("title", "body"))
        assert "*" not in expression and "市場" not in expression

    def test_terms_mixing_scripts(self):
        make_article(title="本命", body="生成AIの規制は今後5年の成長を左右する。")
        for query in ["生成AI", "AIの規制", "5年", "今後5年の", "生成ai"]:
            assert found(query) == ["本命"], query
        assert found("生成AX") == []

    def test_full_width_and_half_width_forms_match(self):
        make_article(title="ＡＩの記事", body="ｶﾀｶﾅの表記。ﾃｽﾄ中。")
        assert found("AI") == ["ＡＩの記事"]
        assert found("カタカナ") == ["ＡＩの記事"]
        assert found("テスト") == ["ＡＩの記事"]
        assert found("ｶﾀ") == ["ＡＩの記事"]

    def test_katakana_and_hiragana_match_each_other(self):
        make_article(title="片仮名", body="テストの結果。")
        make_article(title="平仮名", body="てすとの結果。")
        assert sorted(found("テスト")) == ["平仮名", "片仮名"]
        assert sorted(found("てすと")) == ["平仮名", "片仮名"]

    def test_all_terms_must_appear(self):
        make_article(title="両方", body="半導体の買収が続く。")
        make_article(title="片方", body="半導体の話題。")
        assert found("半導体 買収") == ["両方"]


def test_the_index_agrees_with_plain_substring_search():
    """Every Japanese substring of up to five characters finds exactly the texts that contain it."""
    texts = ["世界モデルの研究", "モデル計算", "世界の海運", "計算資源と電力", "電力会社の世界戦略", "資源"]
    for i, text in enumerate(texts):
        make_article(title=f"記事{i}", body=text, lead="", key_points=0)
    queries = {t[a:b] for t in texts for a in range(len(t)) for b in range(a + 1, min(len(t), a + 5) + 1)}
    for query in sorted(queries):
        expected = sorted(f"記事{i}" for i, t in enumerate(texts) if fold(query) in fold(t))
        assert sorted(found(query)) == expected, query


class TestEnglishAndOriginal:
    def test_english_words_match_case_insensitively_in_the_original(self):
        make_article(title="原文に一致", original_body="The merger was called a failure by analysts.")
        make_article(title="一致しない", original_body="Nothing to see.")
        assert found("FAILURE") == ["原文に一致"]
        assert found("fail") == ["原文に一致"]  # a word of four letters or more finds the words it begins
        assert found("ＭＥＲＧＥＲ") == ["原文に一致"]

    def test_short_english_words_match_whole_words_only(self):
        make_article(title="AIの記事", original_body="AI models are here.")
        make_article(title="航空の記事", original_body="The airline said it would aid the town.")
        assert found("AI") == ["AIの記事"]
        assert found("ai") == ["AIの記事"]

    def test_english_phrases_and_words_in_japanese_text(self):
        make_article(title="本命", body="GPT-4を使う。", original_body="Interest rates rose again.")
        make_article(title="外れ", original_body="Rates of interest fell.")
        assert found("gpt-4") == ["本命"]
        assert found("interest rates") == ["本命", "外れ"]  # both words in each; the phrase first

    def test_key_points_and_leads_are_searched(self):
        article = make_article(title="要点で一致", lead="普通のリード。", key_points=0)
        KeyPoint.objects.create(article=article, position=1, heading="港湾ストライキ", body="物流が止まる。")
        assert found("ストライキ") == ["要点で一致"]


class TestRanking:
    def test_title_and_key_points_rank_above_body_and_body_above_original(self):
        make_article(title="本文だけ", body="量子の話。", published_at=at(2026, 11, 28, 9, 0))
        make_article(title="量子コンピューター", body="別の話。", published_at=at(2026, 11, 1, 9, 0))
        make_article(title="原文だけ", original_body="量子 in the original", published_at=at(2026, 11, 29, 9, 0))
        in_points = make_article(title="要点だけ", key_points=0, published_at=at(2026, 11, 2, 9, 0))
        KeyPoint.objects.create(article=in_points, position=1, heading="量子の要点", body="説明。")
        assert found("量子") == ["量子コンピューター", "要点だけ", "本文だけ", "原文だけ"]

    def test_newer_ranks_above_older_when_equally_relevant(self):
        make_article(title="古い", body="規制の話。", published_at=at(2026, 10, 1, 9, 0))
        make_article(title="新しい", body="規制の話。", published_at=at(2026, 11, 1, 9, 0))
        make_article(title="中間", body="規制の話。", published_at=at(2026, 10, 15, 9, 0))
        assert found("規制") == ["新しい", "中間", "古い"]

    def test_the_exact_phrase_ranks_above_its_parts_scattered(self):
        make_article(title="ばらばら", body="半導体の話と、別の規制の話。", published_at=at(2026, 11, 20, 9, 0))
        make_article(title="ひと続き", body="半導体規制が強まる。", published_at=at(2026, 11, 1, 9, 0))
        assert found("半導体 規制") == ["ひと続き", "ばらばら"]


class TestVisibility:
    def test_unpublished_and_future_text_is_never_found(self, client):
        make_article(title="下書き", body="秘密の計画。", status=Article.Status.DRAFT)
        make_article(title="レビュー中", body="秘密の計画。", status=Article.Status.REVIEW)
        make_article(title="予約", body="秘密の計画。", status=Article.Status.SCHEDULED, published_at=at(2099, 1, 1, 9, 0))
        for query in ["秘密", "秘", "密の計画"]:
            assert found(query) == []
            titles, _ = results(client, q=query)
            assert titles == []
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

    def test_a_save_through_the_story_write_path_is_searchable_in_its_own_transaction(self, client):
        article = make_article(title="記事", body="古い言葉。")
        with transaction.atomic():
            article.body = "改訂された段落。"
            stories.save_story(article, by=None, parts=[lambda a: a.key_points.update(heading="追加の要点")])
            assert found("改訂") == ["記事"] and found("追加の要") == ["記事"] and found("古い") == []
        titles, _ = results(client, q="改訂")
        assert titles == ["記事"]

    def test_an_unpublished_story_disappears_from_the_search_page(self, client, django_user_model):
        article = make_article(title="取り下げ", body="撤回された記事。")
        assert results(client, q="撤回")[0] == ["取り下げ"]
        article.status = Article.Status.DRAFT
        stories.save_story(article, by=None, workflow_as_given=True)
        assert results(client, q="撤回")[0] == []

    def test_rebuild_search_index(self, capsys):
        make_article(title="一つ目", body="再構築の確認。")
        make_article(title="下書き", body="再構築の確認。", status=Article.Status.DRAFT)
        SearchDocument.objects.all().delete()
        assert found("再構築") == []
        call_command("rebuild_search_index")
        out = capsys.readouterr().out
        assert "1 / 1 article(s) indexed" in out and "Search index rebuilt: 1 article(s)" in out
        assert found("再構築") == ["一つ目"]
        assert found("再") == ["一つ目"]
        if connection.vendor == "sqlite":  # the FTS index agrees with the documents (raises if not)
            with connection.cursor() as cursor:
                cursor.execute("INSERT INTO articles_search_fts(articles_search_fts, rank) VALUES ('integrity-check', 1)")


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

    def test_the_list_filter_uses_the_same_search(self, client):
        make_article(title="一致", body="ルコンはxAIを失敗と断じた。")
        response = client.get("/latest/", {"q": "失敗"}, follow=True)
        assert response.redirect_chain[-1][0].startswith("/search/?q=")
        assert "一致" in response.content.decode()


# Large writes on PostgreSQL drop the bigram GIN index and build it again inside the
# transaction. These tests run in real transactions (transaction=True), as an import does.

LATER = at(2027, 1, 1, 0, 0)


def search_indexes():
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT indexname, indexdef FROM pg_indexes WHERE tablename = 'articles_searchdocument' "
            "AND indexname <> 'articles_searchdocument_pkey'"
        )
        return dict(cursor.fetchall())


def partitions_without_their_index() -> list[str]:
    """The documents' partitions (search.partitions) with no GIN index of their own."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT c.relname FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid "
            "WHERE i.inhparent = 'articles_searchdocument'::regclass AND NOT EXISTS ("
            "SELECT 1 FROM pg_indexes x WHERE x.tablename = c.relname AND x.indexdef LIKE '%% USING gin %%')"
        )
        return [row[0] for row in cursor.fetchall()]


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
    def test_a_large_import_leaves_the_index_as_it_was(self, tmp_path):
        before = search_indexes()
        assert list(before) == ["articles_search_bigrams"]
        with CaptureQueriesContext(connection) as captured:
            import_file(write_stories(tmp_path / "bulk.json", BULK_THRESHOLD))
        assert dropped_indexes(captured) == 1  # the bulk path ran
        assert search_indexes() == before
        assert partitions_without_their_index() == []
        found = matching(Article.objects.published(now=LATER), "取り込みの本文42。")
        assert [a.original_url for a in found] == ["https://bulk.example/42"]

    def test_an_import_failing_after_its_documents_are_written_leaves_the_index_as_it_was(self, tmp_path):
        before = search_indexes()
        path = write_stories(tmp_path / "bad.json", BULK_THRESHOLD, related_to="https://bulk.example/nowhere")
        with CaptureQueriesContext(connection) as captured, pytest.raises(InterchangeError, match="related"):
            import_file(path)
        assert dropped_indexes(captured) == 1
        assert search_indexes() == before
        assert not SearchDocument.objects.exists()

    def test_a_small_write_into_a_larger_table_keeps_the_indexes(self, tmp_path):
        import_file(write_stories(tmp_path / "first.json", BULK_THRESHOLD + 20))
        with CaptureQueriesContext(connection) as captured:
            import_file(write_stories(tmp_path / "second.json", BULK_THRESHOLD, start=1000))
            index_many(list(Article.objects.values_list("pk", flat=True)[:BULK_THRESHOLD]))
        assert dropped_indexes(captured) == 0
        assert SearchDocument.objects.count() == 2 * BULK_THRESHOLD + 20

    def test_rebuilding_the_index_keeps_the_gin_index(self):
        before = search_indexes()
        make_article(title="再構築", body="索引を作り直す。")
        with CaptureQueriesContext(connection) as captured:
            assert rebuild() == 1
        assert dropped_indexes(captured) == 1
        assert search_indexes() == before
        assert partitions_without_their_index() == []
        assert found("作り直す") == ["再構築"]


# What each engine indexes.


@on_postgresql
def test_postgresql_indexes_one_generated_bigram_vector_and_no_trigrams():
    assert search_indexes() == {  # on every partition (search.partitions)
        "articles_search_bigrams":
            "CREATE INDEX articles_search_bigrams ON ONLY public.articles_searchdocument USING gin (bigrams)",
    }
    make_article(title="ルコンの話", body="xAIを失敗と断じた。")
    with connection.cursor() as cursor:
        cursor.execute("SELECT indexdef FROM pg_indexes WHERE tablename = 'articles_searchdocument_p0'")
        assert "USING gin (bigrams)" in " ".join(row[0] for row in cursor.fetchall())
    with connection.cursor() as cursor:
        cursor.execute("SELECT bigrams::text FROM articles_searchdocument")
        (vector,) = cursor.fetchone()
    assert "'tるこ'" in vector and "'b失敗'" in vector and "'bxai'" in vector
    assert "'ub失'" in vector and "'ut話'" in vector  # each character once, without positions


def test_the_documents_hold_each_parts_words_with_its_letter():
    make_article(title="ＡＩ規制", lead="", body="ﾃｽﾄを失敗。", key_points=0, original_body="Merger talks.")
    document = SearchDocument.objects.get()
    assert document.title == "tai t規制 t制"
    assert document.body == "bてす bすと bとを bを失 b失敗 b敗"
    assert document.original.split()[-2:] == ["omerger", "otalks"]
    # Each part's Japanese characters once each, in the order of their code points.
    assert document.characters == "ut制 ut規 ubす ubて ubと ubを ub失 ub敗"


def test_documents_written_before_the_characters_were_indexed_get_them_from_their_words():
    make_article(title="市場の話", lead="要旨", body="市は市長の街。", original_body="City hall.")
    document = SearchDocument.objects.get()
    migration = importlib.import_module("search.migrations.0002_character_words")
    assert migration._characters(document) == document.characters


def test_no_trigram_index_is_left():
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute("SELECT sql FROM sqlite_master WHERE name = 'articles_search_fts'")
            (sql,) = cursor.fetchone()
            assert "unicode61" in sql and "trigram" not in sql
        else:
            cursor.execute("SELECT count(*) FROM pg_indexes WHERE indexdef LIKE '%%gin_trgm_ops%%'")
            assert cursor.fetchone() == (0,)
