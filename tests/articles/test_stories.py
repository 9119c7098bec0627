"""The one write path for a story (articles.stories.save_story), as any writer calls it."""

import pytest

from articles import revisions, stories
from articles.models import Article
from tests.factories import at, make_article, make_staff

pytestmark = pytest.mark.django_db


def test_a_save_from_a_stale_read_is_refused_with_both_versions_and_writes_nothing():
    alice, bob = make_staff("Editor", "alice"), make_staff("Editor", "bob")
    article = make_article(status=Article.Status.DRAFT, published_at=None, lead="最初のリード")
    opened = revisions.record(article).version
    theirs = Article.objects.get(pk=article.pk)
    theirs.title = "ボブの見出し"
    stories.save_story(theirs, by=bob, expected_version=opened)

    mine = Article.objects.get(pk=article.pk)
    mine.lead = "アリスのリード"
    with pytest.raises(stories.StaleStory) as refused:
        stories.save_story(mine, by=alice, expected_version=opened)
    assert (refused.value.expected_version, refused.value.current_version) == (opened, opened + 1)
    assert [r.created_by for r in refused.value.later] == [bob] and refused.value.changed == ["タイトル"]
    article.refresh_from_db()
    assert (article.title, article.lead, article.version) == ("ボブの見出し", "最初のリード", opened + 1)


def test_a_refused_workflow_move_is_a_warning_and_the_content_is_saved():
    translator = make_staff("Translator")
    article = make_article(status=Article.Status.DRAFT, published_at=None)
    article.lead = "訳し直したリード"
    article.status = Article.Status.PUBLISHED
    result = stories.save_story(article, by=translator)
    article.refresh_from_db()
    assert article.lead == "訳し直したリード" and article.status == Article.Status.DRAFT
    assert result.changed and result.status_moved is None
    assert result.warnings == ["公開・予約・非公開の操作は編集者だけができます。内容は「下書き」のまま保存しました。"]


def test_a_trusted_writer_with_no_user_saves_the_workflow_as_given_and_editors_saves_still_move_it():
    article = make_article(status=Article.Status.DRAFT, published_at=None)
    article.status = Article.Status.PUBLISHED
    article.published_at = at(2026, 11, 27, 9, 30)
    article.translation_status = Article.TranslationStatus.MACHINE_DRAFT
    result = stories.save_story(article, by=None, workflow_as_given=True)
    article.refresh_from_db()
    assert (article.status, article.published_at, article.translation_status) == (
        Article.Status.PUBLISHED, at(2026, 11, 27, 9, 30), Article.TranslationStatus.MACHINE_DRAFT,
    )
    assert result.warnings == [] and result.revision.data["status"] == "published"

    article.status = Article.Status.DRAFT
    result = stories.save_story(article, by=None)
    article.refresh_from_db()
    assert article.status == Article.Status.PUBLISHED
    assert result.warnings == ["公開・予約・非公開の操作は編集者だけができます。内容は「公開」のまま保存しました。"]


def test_a_save_is_indexed_once_its_parts_are_written_however_they_were_written():
    """Key points inserted in bulk send no signal; search still finds them after the save."""
    from articles.models import KeyPoint
    from search.queries import matching

    editor = make_staff("Editor", "erin")
    article = make_article()

    def bulk_key_points(saved):
        saved.key_points.all().delete()
        KeyPoint.objects.bulk_create([KeyPoint(article=saved, position=1, heading="量子暗号の実証", body="")])

    stories.save_story(article, by=editor, parts=[bulk_key_points])
    assert list(matching(Article.objects.published(), "量子暗号")) == [article]
