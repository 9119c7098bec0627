"""PostgreSQL: the search documents in partitions by ranges of ids (search.partitions)."""

import pytest
from django.db import connection, transaction
from django.db.migrations.executor import MigrationExecutor

from articles.models import Article
from search.partitions import PARTITION_SIZE, TABLE, existing_partitions
from search.queries import _PostgreSQL, matching, ranked
from tests.factories import at, make_article
from tests.helpers import on_postgresql

pytestmark = [on_postgresql, pytest.mark.django_db]


def partitions() -> set[int]:
    with connection.cursor() as cursor:
        return existing_partitions(cursor)


def titles(query: str) -> list[str]:
    return [a.title for a in matching(Article.objects.published(), query)]


def test_stories_far_apart_go_into_partitions_of_their_own_and_are_found_together(client):
    make_article(id=3, title="古い半導体の話", published_at=at(2026, 1, 5, 9, 0))
    make_article(id=2 * PARTITION_SIZE + 5, title="新しい半導体の話", published_at=at(2026, 11, 5, 9, 0))
    make_article(id=2 * PARTITION_SIZE + 6, title="関係のない話")
    assert {0, 2, 3} <= partitions()  # with the next range's, made ahead
    assert titles("半導体") == ["新しい半導体の話", "古い半導体の話"]
    ranking = ranked(Article.objects.published(), "半導体")
    assert ranking.complete and len(ranking.ids) == 2
    html = client.get("/search/", {"q": "半導体"}).content.decode()
    assert html.index("新しい半導体の話") < html.index("古い半導体の話")


def test_a_lookup_in_a_range_of_ids_reads_only_the_partitions_the_range_reaches():
    make_article(id=7, title="市場の話")
    make_article(id=PARTITION_SIZE + 7, title="市場の話、続き")
    make_article(id=3 * PARTITION_SIZE + 7, title="市場の話、その後")
    expression = "'t市場'"
    with _PostgreSQL.lookups(), connection.cursor() as cursor:
        sql, params = _PostgreSQL.in_range(_PostgreSQL.MATCHING, [expression], (PARTITION_SIZE, PARTITION_SIZE + 100))
        cursor.execute(f"EXPLAIN {sql}", params)
        plan = "\n".join(row[0] for row in cursor.fetchall())
        assert f"{TABLE}_p1 " in plan and f"{TABLE}_p0 " not in plan and f"{TABLE}_p3 " not in plan
        assert "bigrams_idx" in plan and "pkey" not in plan  # the GIN index's answer, not each vector read
        assert _PostgreSQL.matches(expression, (PARTITION_SIZE, PARTITION_SIZE + 100)) == [PARTITION_SIZE + 7]
        assert sorted(_PostgreSQL.matches(expression)) == [7, PARTITION_SIZE + 7, 3 * PARTITION_SIZE + 7]


@pytest.mark.django_db(transaction=True)
def test_a_partition_made_by_a_save_that_fails_is_made_again_by_the_next():
    first = 7 * PARTITION_SIZE + 1
    assert 7 not in partitions()
    with pytest.raises(RuntimeError), transaction.atomic():
        make_article(id=first, title="取り消された記事")
        assert 7 in partitions()
        raise RuntimeError("the save fails after its document is written")
    assert 7 not in partitions() and not Article.objects.filter(id=first).exists()
    make_article(id=first + 1, title="残る記事")
    assert {7, 8} <= partitions()
    assert titles("残る") == ["残る記事"]


@pytest.mark.django_db(transaction=True)
def test_the_migration_moves_every_document_into_partitions_and_back():
    near, far = make_article(id=11, title="近い記事"), make_article(id=4 * PARTITION_SIZE + 11, title="遠い記事")
    executor = MigrationExecutor(connection)
    executor.migrate([("search", "0002_character_words")])
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT count(*) FROM pg_inherits WHERE inhparent = %s::regclass", [TABLE])
            assert cursor.fetchone()[0] == 0  # one table again
        assert sorted(titles("記事")) == ["近い記事", "遠い記事"]  # same time, same score: either order
    finally:
        executor = MigrationExecutor(connection)
        executor.migrate(executor.loader.graph.leaf_nodes())
    assert {0, 4, 5} <= partitions()
    assert sorted(titles("記事")) == sorted([near.title, far.title])
    assert titles("遠い") == ["遠い記事"]
