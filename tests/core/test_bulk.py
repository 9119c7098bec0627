"""Bulk writes (core.bulk): statements on a second thread, stories created with COPY, on either database."""

import pytest
from django.db import connection, transaction

from articles.models import Article, Category
from core.bulk import background_writes, create_all, insert_rows
from tests.factories import make_article

pytestmark = pytest.mark.django_db(transaction=True)


def test_rows_handed_to_the_second_thread_are_in_before_the_next_statement_reads():
    with transaction.atomic(), background_writes():
        insert_rows(Category, ("name", "slug"), ([f"分野{n}", f"field-{n}"] for n in range(300)), background=True)
        assert Category.objects.count() == 300  # the read waited for the rows
        insert_rows(Category, ("name", "slug"), [["最後", "last"]], background=True)
    assert Category.objects.filter(slug="last").exists()  # the block's end waited too


def test_a_statement_that_fails_on_the_second_thread_fails_the_block_and_writes_nothing():
    with pytest.raises(Exception, match="no_such_table|no such table"):
        with transaction.atomic(), background_writes() as writer:
            Category.objects.create(name="前", slug="before")
            writer.start(lambda cursor: cursor.execute("INSERT INTO no_such_table VALUES (1)"))
            Category.objects.create(name="後", slug="after")  # raises what the second thread raised
    assert not Category.objects.exists()
    Category.objects.create(name="その後", slug="later")  # the connection is fine afterwards
    assert connection.is_usable()


def test_stories_created_in_bulk_get_ids_and_times_and_the_next_story_an_id_of_its_own():
    model = make_article(title="型")
    stories = []
    for n in range(3):
        story = Article(**{f.attname: getattr(model, f.attname) for f in Article._meta.local_concrete_fields
                           if not f.primary_key and f.name not in ("created_at", "updated_at")})
        story.original_url, story.slug, story.title = f"https://news.example/bulk-{n}", f"bulk-{n}", f"一括{n}"
        stories.append(story)
    with transaction.atomic():
        create_all(stories)
    assert all(story.pk and not story._state.adding for story in stories)
    stored = Article.objects.in_bulk([story.pk for story in stories])
    assert [stored[story.pk].title for story in stories] == ["一括0", "一括1", "一括2"]
    assert all(stored[story.pk].created_at and stored[story.pk].updated_at for story in stories)
    later = make_article(title="後から")
    assert later.pk not in stored and Article.objects.count() == 5
