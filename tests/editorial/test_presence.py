"""Presence: who has a story's form open, told to the others on the form and in the story list."""

from datetime import timedelta

import pytest
from django.core.cache import cache

from editorial import presence
from tests.factories import at, change_url, login, make_article, make_staff

pytestmark = pytest.mark.django_db

LIST = "/admin/articles/article/"
T0 = at(2026, 11, 27, 9, 0)


def endpoint(article) -> str:
    return f"/admin/articles/article/{article.pk}/presence/"


class TestService:
    def test_an_editor_who_entered_is_seen_by_another_with_the_time_since(self):
        story = make_article()
        sato, tanaka = make_staff("Editor", "sato", first_name="佐藤 聡"), make_staff("Translator", "tanaka")
        presence.mark_present(story.pk, user=sato, now=T0)
        for seconds in (30, 90, 150):  # heartbeats keep the start
            presence.mark_present(story.pk, user=sato, now=T0 + timedelta(seconds=seconds))
        others = presence.others_editing(story.pk, user=tanaka, now=T0 + timedelta(minutes=3))
        assert [person.notice(T0 + timedelta(minutes=3)) for person in others] == ["佐藤 聡さんが編集中です（3分前から）"]

    def test_nobody_is_told_about_themselves(self):
        story = make_article()
        sato = make_staff("Editor", "sato")
        presence.mark_present(story.pk, user=sato, now=T0)
        assert presence.others_editing(story.pk, user=sato, now=T0) == []

    def test_leaving_clears_it_at_once(self):
        story = make_article()
        sato, tanaka = make_staff("Editor", "sato"), make_staff("Translator", "tanaka")
        presence.mark_present(story.pk, user=sato, now=T0)
        presence.mark_present(story.pk, user=tanaka, now=T0)
        presence.mark_gone(story.pk, user=sato)
        assert [p.name for p in presence.editing([story.pk], now=T0)[story.pk]] == ["tanaka"]

    def test_an_editor_not_heard_from_for_the_idle_time_is_gone(self, settings):
        settings.NEWSDESK_PRESENCE_IDLE_SECONDS = 120
        story = make_article()
        sato, tanaka = make_staff("Editor", "sato"), make_staff("Translator", "tanaka")
        presence.mark_present(story.pk, user=sato, now=T0)
        assert presence.others_editing(story.pk, user=tanaka, now=T0 + timedelta(seconds=110))
        assert presence.others_editing(story.pk, user=tanaka, now=T0 + timedelta(seconds=130)) == []
        # Back after going idle: the time shown starts again.
        presence.mark_present(story.pk, user=sato, now=T0 + timedelta(minutes=10))
        [back] = presence.others_editing(story.pk, user=tanaka, now=T0 + timedelta(minutes=10))
        assert back.since == T0 + timedelta(minutes=10)

    def test_many_stories_are_read_together_and_only_those_with_someone_on_them_come_back(self):
        stories = [make_article(original_url=f"https://example.com/{n}") for n in range(3)]
        sato, tanaka = make_staff("Editor", "sato"), make_staff("Translator", "tanaka")
        presence.mark_present(stories[0].pk, user=sato, now=T0)
        presence.mark_present(stories[0].pk, user=tanaka, now=T0 + timedelta(seconds=5))
        presence.mark_present(stories[2].pk, user=tanaka, now=T0)
        found = presence.editing([s.pk for s in stories], now=T0 + timedelta(seconds=10))
        assert {pk: [p.name for p in people] for pk, people in found.items()} == {
            stories[0].pk: ["sato", "tanaka"], stories[2].pk: ["tanaka"],
        }

    def test_with_the_cache_down_nobody_shows_and_nothing_fails(self, monkeypatch):
        story = make_article()
        sato = make_staff("Editor", "sato")

        def down(*args, **kwargs):
            raise ConnectionError("cache down")

        for method in ("get_many", "set_many", "delete", "touch"):
            monkeypatch.setattr(cache, method, down)
        assert presence.mark_present(story.pk, user=sato) is None
        presence.mark_gone(story.pk, user=sato)
        assert presence.editing([story.pk]) == {}


class TestInTheAdmin:
    def test_the_form_shows_who_else_has_the_story_open_with_the_name_escaped(self):
        story = make_article()
        evil = make_staff("Editor", "mallory", first_name="<script>alert(1)</script>")
        presence.mark_present(story.pk, user=evil)
        client, _ = login("Editor", "sato")
        html = client.get(change_url(story)).content.decode()
        assert "&lt;script&gt;alert(1)&lt;/script&gt;さんが編集中です（たった今から）" in html
        assert "<script>alert(1)</script>" not in html
        listing = client.get(LIST).content.decode()
        assert "&lt;script&gt;alert(1)&lt;/script&gt;さんが編集中です" in listing and "<script>alert(1)" not in listing

    def test_the_form_does_not_tell_an_editor_about_themselves(self):
        story = make_article()
        client, sato = login("Editor", "sato")
        presence.mark_present(story.pk, user=sato)
        html = client.get(change_url(story)).content.decode()
        assert "さんが編集中です" not in html
        assert 'id="nd-presence-config"' in html  # the script that tells the others is there

    def test_the_heartbeat_enters_answers_the_others_and_leaving_clears_it(self):
        story = make_article()
        sato_client, _ = login("Editor", "sato")
        tanaka_client, _ = login("Editor", "tanaka")
        assert sato_client.post(endpoint(story), {"state": "here"}).json() == {"others": []}
        answer = tanaka_client.post(endpoint(story), {"state": "here"}).json()
        assert answer == {"others": [{"text": "satoさんが編集中です（たった今から）"}]}
        listing = tanaka_client.get(LIST).content.decode()
        assert "satoさんが編集中です（たった今から）" in listing
        assert "tanakaさんが編集中です" not in listing  # the list tells each editor about the others
        assert sato_client.post(endpoint(story), {"state": "gone"}).status_code == 204
        assert "さんが編集中です" not in tanaka_client.get(LIST).content.decode()
        assert "さんが編集中です" not in tanaka_client.get(change_url(story)).content.decode()

    def test_someone_who_may_only_read_the_story_is_not_shown_as_editing(self):
        story = make_article()  # published: translators may only read it
        translator_client, _ = login("Translator", "tanaka")
        editor_client, _ = login("Editor", "sato")
        assert translator_client.post(endpoint(story), {"state": "here"}).json() == {"others": []}
        assert "さんが編集中です" not in editor_client.get(change_url(story)).content.decode()

    def test_the_endpoint_takes_only_posts_and_known_stories(self):
        client, _ = login("Editor", "sato")
        story = make_article()
        assert client.get(endpoint(story)).status_code == 405
        missing = client.post("/admin/articles/article/999999/presence/", {"state": "here"})
        assert missing.status_code == 404 and missing.json()["error"] == "記事が見つかりません。"

    def test_the_form_works_without_the_script_and_nobody_is_shown_for_it(self):
        story = make_article()
        sato_client, _ = login("Editor", "sato")
        tanaka_client, _ = login("Editor", "tanaka")
        assert sato_client.get(change_url(story)).status_code == 200  # opening the form alone marks nobody
        assert "さんが編集中です" not in tanaka_client.get(change_url(story)).content.decode()
