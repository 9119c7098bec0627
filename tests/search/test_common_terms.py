"""A very common term: only the newest matches are ranked (settings.NEWSDESK_SEARCH_RANKED), and the page says so.

The cap is set small here (a few stories) so that a handful of stories
stand for a term most of a large archive holds.
"""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from articles.models import Article, KeyPoint
from search import queries
from search.queries import matching, ranked
from tests.factories import at, make_article, make_category
from tests.helpers import on_postgresql

pytestmark = pytest.mark.django_db


@pytest.fixture
def cap(settings, monkeypatch):
    """At most four stories ranked; a term matching more goes through the window of newest stories."""
    settings.NEWSDESK_SEARCH_RANKED = 4
    monkeypatch.setattr(queries, "WHOLE_LOOKUP", 1)
    return 4


def titles(client, **params):
    response = client.get("/search/", params)
    assert response.status_code == 200
    html = response.content.decode()
    count = re.search(r'<p class="result-count" role="status">([^<]+)</p>', html).group(1)
    return re.findall(r'<h2 class="card__title"><a href="[^"]+">([^<]+)</a>', html), count, html


def ranked_titles(query, *, listed=None):
    ranking = ranked(listed or Article.objects.published(), query)
    by_id = Article.objects.in_bulk(ranking.ids)
    return [by_id[pk].title for pk in ranking.ids], ranking.complete


def ranked_with_statements(query):
    """`ranked_titles(query)`, and the SQL of every statement the ranking ran."""
    with CaptureQueriesContext(connection) as captured:
        found, complete = ranked_titles(query)
    return found, complete, [q["sql"] for q in captured.captured_queries]


def body_matches(count, *, day=10, word="規制"):
    """`count` stories holding `word` in the body only, a day apart, the newest on the 10th + count."""
    for i in range(count):
        make_article(title=f"本文{day + i}日", body=f"{word}の話。", published_at=at(2026, 10, day + i, 9, 0))


class TestTheNewestMatchesRanked:
    def test_title_and_key_points_above_body_and_newer_above_older(self, client, cap):
        body_matches(6)  # 10th … 15th
        make_article(title="規制の見出し", body="別の話。", published_at=at(2026, 10, 14, 12, 0))
        in_points = make_article(title="要点の記事", body="別の話。", key_points=0, published_at=at(2026, 10, 15, 6, 0))
        KeyPoint.objects.create(article=in_points, position=1, heading="規制の要点", body="説明。")
        found, count, html = titles(client, q="規制")
        # The newest four matches (15th 9:00, 15th 6:00, 14th 12:00, 14th 9:00), best first.
        assert found == ["規制の見出し", "要点の記事", "本文15日", "本文14日"]
        assert count == "4 件以上"
        assert "新しい記事と見出しに含む記事の 4 件を関連の高い順に表示しています" in html

    def test_title_matches_older_than_the_newest_matches_still_rank_first(self, cap):
        body_matches(6)
        make_article(title="古い規制の見出し", body="別の話。", published_at=at(2026, 9, 1, 9, 0))
        make_article(title="もっと古い規制の見出し", body="規制の話。", published_at=at(2026, 8, 1, 9, 0))
        assert ranked_titles("規制") == (
            ["もっと古い規制の見出し", "古い規制の見出し", "本文15日", "本文14日", "本文13日", "本文12日"], False,
        )

    def test_the_exact_phrase_above_its_words_scattered(self, cap):
        for day in range(10, 16):
            make_article(title=f"ばらばら{day}日", body="半導体の話と、別の規制の話。", published_at=at(2026, 10, day, 9, 0))
        make_article(title="ひと続き", body="半導体規制が強まる。", published_at=at(2026, 10, 14, 12, 0))
        assert ranked_titles("半導体 規制") == (["ひと続き", "ばらばら15日", "ばらばら14日", "ばらばら13日"], False)

    def test_older_matches_are_reached_by_narrowing_the_list(self, client, cap):
        science = make_category("科学")
        for day in range(1, 4):
            make_article(title=f"科学{day}日", body="規制の話。", category=science, published_at=at(2026, 9, day, 9, 0))
        body_matches(6)
        found, count, _ = titles(client, q="規制", category=science.slug)
        assert found == ["科学3日", "科学2日", "科学1日"]
        assert count == "3 件"
        found, count, _ = titles(client, q="規制", date_to="2026-10-11")
        assert found == ["本文11日", "本文10日", "科学3日", "科学2日"] and count == "4 件以上"

    def test_matches_older_than_many_newer_stories_are_still_found(self, cap):
        body_matches(6, word="量子")  # the newest matches are far behind the newest stories
        for day in range(1, 25):
            make_article(title=f"無関係{day}日", body="別の話。", published_at=at(2026, 11, day, 9, 0))
        assert ranked_titles("量子") == (["本文15日", "本文14日", "本文13日", "本文12日"], False)

    def test_stories_published_at_the_same_time_rank_the_newest_written_first(self, cap):
        for i in range(12):  # an import: one time for all
            make_article(title=f"同時{i:02d}", body="規制の話。", published_at=at(2026, 10, 1, 9, 0))
        make_article(title="後の記事", body="規制の話。", published_at=at(2026, 10, 2, 9, 0))
        assert ranked_titles("規制") == (["後の記事", "同時11", "同時10", "同時09"], False)


class TestHonestAndComplete:
    def test_the_count_says_more_when_more_match_and_is_exact_otherwise(self, client, cap):
        body_matches(5)
        found, count, html = titles(client, q="規制")
        assert found == ["本文14日", "本文13日", "本文12日", "本文11日"]  # five match: the newest four
        assert count == "4 件以上" and "新しい記事と見出しに含む記事の 4 件" in html
        Article.objects.filter(title="本文10日").delete()
        make_article(title="無関係", body="別の話。")
        found, count, html = titles(client, q="規制")
        assert found == ["本文14日", "本文13日", "本文12日", "本文11日"]  # four match: all ranked
        assert count == "4 件" and "新しい" not in html

    def test_drafts_and_scheduled_stories_are_never_found_nor_counted(self, client, cap):
        body_matches(3)
        for status in (Article.Status.DRAFT, Article.Status.REVIEW):
            make_article(title="下書き", body="規制の話。", status=status, published_at=at(2026, 11, 1, 9, 0))
        for day in range(1, 5):
            make_article(title="予約", body="規制の話。", status=Article.Status.SCHEDULED,
                         published_at=at(2099, 1, day, 9, 0))
        found, count, _ = titles(client, q="規制")
        assert found == ["本文12日", "本文11日", "本文10日"]
        assert count == "3 件"

    @pytest.mark.parametrize("query", ["鬱", "買収", "再編案", "merger", "買収 再編案"])
    def test_rare_terms_find_exactly_what_matching_finds(self, query, cap):
        body_matches(8)
        for day in range(1, 4):
            make_article(title=f"稀{day}", body="鬱と買収の再編案。A merger.", published_at=at(2026, 9, day, 9, 0))
        make_article(title="買収の見出し", body="別の話。", published_at=at(2026, 8, 1, 9, 0))
        expected = [a.title for a in matching(Article.objects.published(), query)]
        assert expected and ranked_titles(query) == (expected, True)


def test_a_term_a_few_times_the_cap_is_looked_up_whole_with_the_same_ranking(settings, monkeypatch):
    """A window would widen over most of the archive to hold the cap's worth of a 1% term; looked up whole,
    the same stories rank, without the windows' queries."""
    settings.NEWSDESK_SEARCH_RANKED = 4
    body_matches(10)  # 2.5 times the cap, far behind the newest stories
    for day in range(1, 25):
        make_article(title=f"無関係{day}日", body="別の話。", published_at=at(2026, 11, day, 9, 0))

    def ranked_with_queries():
        found, complete, statements = ranked_with_statements("規制")
        return (found, complete), len(statements)

    whole, whole_queries = ranked_with_queries()
    monkeypatch.setattr(queries, "WHOLE_LOOKUP", 1)
    windowed, windowed_queries = ranked_with_queries()
    assert whole == windowed == (["本文19日", "本文18日", "本文17日", "本文16日"], False)
    assert whole_queries < windowed_queries


def index_lookups(statements: list[str]) -> list[str]:
    """The statements that asked the search index (either engine's)."""
    return [sql for sql in statements if "articles_search_fts MATCH" in sql or "bigrams @@" in sql]


def test_a_term_most_stories_hold_is_found_among_the_newest_with_one_lookup(cap):
    """Each lookup of a word in most of a large archive costs the same however few ids are asked for: the
    newest stories are asked first, and they hold enough."""
    body_matches(12)
    with CaptureQueriesContext(connection) as captured:
        newest = queries._newest_matches(Article.objects.published(), queries._engine(),
                                         queries._patterns("規制")[1], queries.EVERY_PART, cap)
    assert [Article.objects.get(pk=pk).title for pk, _time in newest] == [f"本文{day}日" for day in range(21, 16, -1)]
    assert len(index_lookups([q["sql"] for q in captured.captured_queries])) == 1


def test_a_rare_term_is_looked_up_whole_once_the_newest_stories_hold_few(cap, monkeypatch):
    monkeypatch.setattr(queries, "WHOLE_LOOKUP", 8)
    body_matches(3, word="量子")
    for day in range(1, 25):
        make_article(title=f"無関係{day}日", body="別の話。", published_at=at(2026, 11, day, 9, 0))
    with CaptureQueriesContext(connection) as captured:
        found, complete = ranked_titles("量子")
    assert (found, complete) == (["本文12日", "本文11日", "本文10日"], True)
    lookups = index_lookups([q["sql"] for q in captured.captured_queries])
    # The newest window, the whole archive; then each part's weight (SQLite: per scope; here one).
    assert len(lookups) == 2 + len(queries.GROUPS), lookups


@on_postgresql
def test_postgresql_reads_a_phrases_positions_only_for_the_stories_ranked(cap):
    """Asked over a range of ids, every story there holding the words has its positions read (570,000 pages at 100,000)."""
    for day in range(1, 16):
        make_article(title=f"金利{day}日", body="interest on loans, and rates rise.", published_at=at(2026, 9, day, 9, 0))
    make_article(title="ひと続き", body="Interest rates rise.", published_at=at(2026, 9, 14, 12, 0))
    found, complete, statements = ranked_with_statements("interest rates")
    assert found[0] == "ひと続き" and not complete
    phrases = [sql for sql in statements if "<->" in sql]
    # By the ranked stories' ids (their range only names the partitions to look in).
    assert phrases and all("article_id = ANY" in sql for sql in phrases)


@on_postgresql
def test_postgresql_reads_the_ranked_stories_vectors_once_and_a_partitions_lists_for_the_rest(cap):
    """Vectors are tens of kB each: read once, for what needs positions; a part's words come from the GIN
    index, narrowed to the ranked stories' partitions (a word in nearly every story has a list as long)."""
    for day in range(1, 9):
        make_article(title=f"半導体{day}日", body="半導体の規制が進む。", published_at=at(2026, 9, day, 9, 0))
    make_article(title="半導体規制の行方", body="別の話。", published_at=at(2026, 9, 3, 12, 0))
    found, complete, statements = ranked_with_statements("半導体 規制")
    assert found[0] == "半導体規制の行方" and not complete
    reads = [sql for sql in statements if "articles_searchdocument" in sql]
    vectors = [sql for sql in reads if "= ANY" in sql]
    assert len(vectors) == 1
    # Besides, only GIN lookups: each in a range of the partitions' key, or the whole archive's first
    # matches of a term found in few (LIMIT).
    assert all("(article_id + 0) BETWEEN" in sql or "LIMIT" in sql for sql in reads if sql not in vectors), reads
