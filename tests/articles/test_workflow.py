"""Roles, states, scheduling, previews, revisions and stale saves, through the admin like an editor."""

import json
import re
import time

import pytest
from django.contrib.admin.models import LogEntry
from django.contrib.auth.models import User
from django.core.management import call_command
from django.test import Client

from articles import previews, publishing
from articles.models import Article, DailyDigest, KeyPoint
from tests.factories import at, change_url, login, make_article, make_figure, make_staff
from tests.helpers import messages_of
from tests.htmlforms import form_fields

pytestmark = pytest.mark.django_db

ROLES = ("Translator", "Editor", "Chief editor")





def open_form(client, article):
    response = client.get(change_url(article))
    assert response.status_code == 200
    return form_fields(response.content.decode(), "article_form")


def save(client, article, **changes):
    fields = open_form(client, article)
    for key, value in changes.items():
        fields[key] = [value]
    return client.post(change_url(article), fields)


def draft():
    return make_article(status=Article.Status.DRAFT, published_at=None, key_points=2)


def action(client, name, *articles):
    return client.post("/admin/articles/article/", {
        "action": name, "_selected_action": [a.pk for a in articles], "index": 0,
    })


# Each workflow step, run as a given user; returns True when it took effect.
def step_edit_draft(client):
    article = draft()
    save(client, article, lead="新しいリード")
    article.refresh_from_db()
    return article.lead == "新しいリード"


def step_edit_published(client):
    article = make_article()
    client.post(change_url(article), {**open_form_or_empty(client, article), "lead": ["改変"]})
    article.refresh_from_db()
    return article.lead == "改変"


def open_form_or_empty(client, article):
    response = client.get(change_url(article))
    return form_fields(response.content.decode(), "article_form") if response.status_code == 200 else {}


def step_submit_for_review(client):
    article = draft()
    save(client, article, status="review")
    article.refresh_from_db()
    return article.status == Article.Status.REVIEW


def step_publish_by_form(client):
    article = draft()
    # Even a hand-made POST with status=published must not get through.
    fields = open_form(client, article)
    fields.update({"status": ["published"], "published_at_0": ["2026-11-27"], "published_at_1": ["09:00:00"]})
    client.post(change_url(article), fields)
    article.refresh_from_db()
    return article.status == Article.Status.PUBLISHED


def step_schedule_by_form(client):
    article = draft()
    fields = open_form(client, article)
    fields.update({"status": ["scheduled"], "published_at_0": ["2099-01-01"], "published_at_1": ["09:00:00"]})
    client.post(change_url(article), fields)
    article.refresh_from_db()
    return article.status == Article.Status.SCHEDULED


def step_unpublish_by_form(client):
    article = make_article()
    client.post(change_url(article), {**open_form_or_empty(client, article), "status": ["draft"]})
    article.refresh_from_db()
    return article.status == Article.Status.DRAFT


def step_publish_action(client):
    article = draft()
    action(client, "publish_selected", article)
    article.refresh_from_db()
    return article.status == Article.Status.PUBLISHED


def step_unpublish_action(client):
    article = make_article()
    action(client, "unpublish_selected", article)
    article.refresh_from_db()
    return article.status == Article.Status.DRAFT


def step_delete(client):
    article = draft()
    client.post(f"/admin/articles/article/{article.pk}/delete/", {"post": "yes"})
    return not Article.objects.filter(pk=article.pk).exists()


def step_delete_action(client):
    article = draft()
    client.post("/admin/articles/article/", {
        "action": "delete_selected", "_selected_action": [article.pk], "post": "yes",
    })
    return not Article.objects.filter(pk=article.pk).exists()


def step_manage_digest(client):
    client.post("/admin/articles/dailydigest/add/", {
        "date": "2026-11-27", "note": "今日のまとめ", "entries-TOTAL_FORMS": "0", "entries-INITIAL_FORMS": "0",
    })
    return DailyDigest.objects.filter(date="2026-11-27").exists()


def step_manage_users(client):
    client.post("/admin/auth/user/add/", {
        "username": "newcomer", "password1": "a-Long-pass-123", "password2": "a-Long-pass-123",
        "usable_password": "true",
    })
    return User.objects.filter(username="newcomer").exists()


STEPS = {
    "edit a draft": (step_edit_draft, {"Translator": True, "Editor": True, "Chief editor": True}),
    "submit for review": (step_submit_for_review, {"Translator": True, "Editor": True, "Chief editor": True}),
    "edit a published story": (step_edit_published, {"Translator": False, "Editor": True, "Chief editor": True}),
    "publish (form)": (step_publish_by_form, {"Translator": False, "Editor": True, "Chief editor": True}),
    "schedule (form)": (step_schedule_by_form, {"Translator": False, "Editor": True, "Chief editor": True}),
    "unpublish (form)": (step_unpublish_by_form, {"Translator": False, "Editor": True, "Chief editor": True}),
    "publish (list action)": (step_publish_action, {"Translator": False, "Editor": True, "Chief editor": True}),
    "unpublish (list action)": (step_unpublish_action, {"Translator": False, "Editor": True, "Chief editor": True}),
    "delete (page)": (step_delete, {"Translator": False, "Editor": False, "Chief editor": True}),
    "delete (list action)": (step_delete_action, {"Translator": False, "Editor": False, "Chief editor": True}),
    "manage digests": (step_manage_digest, {"Translator": False, "Editor": True, "Chief editor": True}),
    "manage users": (step_manage_users, {"Translator": False, "Editor": False, "Chief editor": True}),
}


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("step", STEPS, ids=list(STEPS))
def test_permission_matrix(role, step):
    run, expected = STEPS[step]
    client, _ = login(role)
    assert run(client) is expected[role], f"{role} / {step}"


def test_translators_do_not_see_publishing_choices():
    client, _ = login("Translator")
    html = client.get("/admin/articles/article/add/").content.decode()
    status = html[html.index('name="status"'):html.index("</select>", html.index('name="status"'))]
    assert "review" in status and "published" not in status and "scheduled" not in status
    draft()
    listing = client.get("/admin/articles/article/").content.decode()
    assert 'value="submit_selected"' in listing
    assert 'value="publish_selected"' not in listing and 'value="unpublish_selected"' not in listing
    assert 'value="delete_selected"' not in listing


def test_the_service_refuses_a_translator_on_every_path():
    _, translator = login("Translator")
    article = draft()
    with pytest.raises(publishing.PermissionDenied):
        publishing.publish(article, by=translator)
    with pytest.raises(publishing.PermissionDenied):
        publishing.unpublish(make_article(), by=translator)


class TestStates:
    def test_publishing_records_who_and_when_and_shows_it_in_the_list(self):
        client, editor = login("Editor")
        article = draft()
        save(client, article, status="published", published_at_0="2026-11-27", published_at_1="09:00:00")
        article.refresh_from_db()
        assert article.status == Article.Status.PUBLISHED
        assert article.status_changed_by == editor and article.status_changed_at is not None
        listing = client.get("/admin/articles/article/").content.decode()
        assert re.search(r"公開</span><span class=\"nd-muted nd-changed\">editor · \d\d/\d\d \d\d:\d\d</span>", listing)

    def test_publishing_an_incomplete_story_lists_what_is_missing(self):
        client, _ = login("Editor")
        article = make_article(status=Article.Status.DRAFT, published_at=None, lead="", key_points=0)
        make_figure(article, alt_text="")
        response = client.post("/admin/articles/article/", {
            "action": "publish_selected", "_selected_action": [article.pk], "index": 0,
        }, follow=True)
        html = response.content.decode()
        assert "リード" in html and "キーポイント（1つ以上）" in html and "図1の代替テキスト" in html
        article.refresh_from_db()
        assert article.status == Article.Status.DRAFT

    def test_unpublishing_returns_to_draft_and_hides_the_page(self):
        client, _ = login("Editor")
        article = make_article()
        assert Client().get(article.get_absolute_url()).status_code == 200
        action(client, "unpublish_selected", article)
        article.refresh_from_db()
        assert article.status == Article.Status.DRAFT
        assert Client().get(article.get_absolute_url()).status_code == 404

    def test_status_changes_are_in_the_admin_history_in_words(self):
        client, _ = login("Editor")
        article = draft()
        save(client, article, lead="直したリード", status="published",
             published_at_0="2026-11-27", published_at_1="09:00:00")
        messages = [e.get_change_message() for e in LogEntry.objects.filter(object_id=str(article.pk))]
        assert "ステータスを「下書き」から「公開」に変更" in messages
        assert any("リード" in m for m in messages)


class TestScheduling:
    def test_a_scheduled_article_goes_live_at_its_time_without_any_job(self):
        article = make_article(status=Article.Status.SCHEDULED, published_at=at(2026, 11, 27, 10, 0))
        assert article not in Article.objects.published(now=at(2026, 11, 27, 9, 59))
        assert article in Article.objects.published(now=at(2026, 11, 27, 10, 0))

    def test_publish_scheduled_marks_due_articles_once(self, capsys):
        due = make_article(status=Article.Status.SCHEDULED, published_at=at(2026, 1, 1, 9, 0))
        later = make_article(status=Article.Status.SCHEDULED, published_at=at(2099, 1, 1, 9, 0))
        call_command("publish_scheduled")
        call_command("publish_scheduled")
        out = capsys.readouterr().out
        assert "1 scheduled article(s)" in out and "0 scheduled article(s)" in out
        due.refresh_from_db(), later.refresh_from_db()
        assert due.status == Article.Status.PUBLISHED and later.status == Article.Status.SCHEDULED

    def test_scheduling_in_the_admin_keeps_the_page_hidden_until_then(self):
        client, _ = login("Editor")
        article = draft()
        save(client, article, status="published", published_at_0="2099-01-01", published_at_1="09:00:00")
        article.refresh_from_db()
        assert article.status == Article.Status.SCHEDULED
        assert Client().get(article.get_absolute_url()).status_code == 404


class TestPreview:
    def test_an_editor_opens_a_signed_preview_of_a_draft(self):
        client, _ = login("Translator")
        article = draft()
        response = client.get(f"/admin/articles/article/{article.pk}/preview/")
        assert response.status_code == 302
        preview = Client().get(response["Location"])  # the link works for whoever holds it
        assert preview.status_code == 200
        html = preview.content.decode()
        assert article.title in html and "キーポイント" in html and "原文を表示" in html
        assert preview["X-Robots-Tag"] == "noindex, nofollow"
        assert "no-store" in preview["Cache-Control"] and "private" in preview["Cache-Control"]

    def test_a_tampered_link_is_404(self):
        url = previews.preview_url(draft())
        token = url.rstrip("/").rsplit("/", 1)[1]
        assert Client().get(url.replace(token, token[:-2] + "xx")).status_code == 404
        assert Client().get("/preview/not-a-token/").status_code == 404

    def test_a_link_expires_after_a_day(self, monkeypatch):
        url = previews.preview_url(draft())
        assert Client().get(url).status_code == 200
        later = time.time() + 24 * 3600 + 5
        monkeypatch.setattr("django.core.signing.time.time", lambda: later)
        assert Client().get(url).status_code == 404

    def test_the_admin_change_page_links_to_the_preview(self):
        client, _ = login("Editor")
        article = draft()
        assert f"/admin/articles/article/{article.pk}/preview/" in client.get(change_url(article)).content.decode()


class TestRevisions:
    def test_every_save_keeps_a_revision_listed_with_who_when_and_what(self):
        client, editor = login("Editor")
        article = draft()
        save(client, article, title="一回目の見出し")
        save(client, article, lead="二回目のリード")
        html = client.get(f"/admin/articles/article/{article.pk}/revisions/").content.decode()
        assert article.revisions.count() == 2
        assert html.count("<td>editor</td>") == 2
        assert "リード" in html

    def test_two_revisions_are_compared_side_by_side(self):
        client, _ = login("Editor")
        article = draft()
        save(client, article, title="古い見出し")
        save(client, article, title="新しい見出し")
        html = client.get(f"/admin/articles/article/{article.pk}/revisions/", {"a": 1, "b": 2}).content.decode()
        assert "<caption>タイトル</caption>" in html
        row = re.search(r"<tr><td>(.*?)</td><td>(.*?)</td></tr>", html[html.index("<caption>タイトル"):]).groups()
        assert "<del>" in row[0] and "<ins>" in row[1]
        assert re.sub("<[^>]+>", "", row[0]) == "古い見出し" and re.sub("<[^>]+>", "", row[1]) == "新しい見出し"

    def test_restoring_an_old_revision_brings_back_its_key_points(self):
        client, _ = login("Editor")
        article = draft()
        save(client, article, **{"key_points-0-heading": "最初の要点"})
        save(client, article, **{"key_points-0-heading": "書き換えた要点", "key_points-1-DELETE": "on"})
        assert list(article.key_points.values_list("heading", flat=True)) == ["書き換えた要点"]
        response = client.post(f"/admin/articles/article/{article.pk}/revisions/1/restore/", follow=True)
        assert "第1版の内容を新しい版として復元しました。" in response.content.decode()
        assert list(article.key_points.values_list("heading", flat=True)) == ["最初の要点", "要点2"]
        assert article.revisions.first().version == 3

    def test_a_restored_story_is_found_by_its_restored_key_points(self):
        client, _ = login("Editor")
        article = make_article(title="港のクレーン", key_points=1)
        save(client, article, **{"key_points-0-heading": "潮汐発電の要点"})
        save(client, article, **{"key_points-0-heading": "書き換えた要点"})
        client.post(f"/admin/articles/article/{article.pk}/revisions/1/restore/")
        assert list(article.key_points.values_list("heading", flat=True)) == ["潮汐発電の要点"]
        assert "港のクレーン" in Client().get("/search/", {"q": "潮汐発電"}).content.decode()

    def test_restore_needs_a_post_and_the_right_to_edit(self):
        client, _ = login("Editor")
        article = make_article()
        save(client, article, lead="版を作る")
        translator, _ = login("Translator")
        assert client.get(f"/admin/articles/article/{article.pk}/revisions/1/restore/").status_code == 405
        assert translator.post(f"/admin/articles/article/{article.pk}/revisions/1/restore/").status_code == 403


class TestFormerSlugs:
    """A slug another article used before stays that article's: its old URL must keep redirecting there."""

    @pytest.fixture
    def moved(self):
        """A published story that left "harbor-cranes" for "electric-cranes"."""
        article = make_article(title="港のクレーン", slug="harbor-cranes")
        article.slug = "electric-cranes"
        article.save()
        return article

    def assert_still_redirects(self, moved):
        response = Client().get("/articles/harbor-cranes/")
        assert response.status_code == 301 and response["Location"] == "/articles/electric-cranes/"

    def test_the_admin_refuses_it_and_says_why(self, moved):
        client, _ = login("Editor")
        other = draft()
        response = save(client, other, slug="harbor-cranes")
        assert response.status_code == 200
        assert "このスラッグは別の記事が以前使っていたため使えません" in response.content.decode()
        other.refresh_from_db()
        assert other.slug != "harbor-cranes"
        self.assert_still_redirects(moved)

    def test_the_article_itself_may_take_it_back(self, moved):
        client, _ = login("Editor")
        assert save(client, moved, slug="harbor-cranes").status_code == 302
        moved.refresh_from_db()
        assert moved.slug == "harbor-cranes"
        assert Client().get("/articles/harbor-cranes/").status_code == 200

    def test_the_importer_refuses_it_naming_the_article_and_field(self, moved, tmp_path):
        from interchange.exporter import export_articles
        from interchange.importer import import_file
        from interchange.schema import InterchangeError

        other = draft()
        (item,) = [a for a in export_articles(None)["articles"] if a["original"]["url"] == other.original_url]
        item["slug"] = "harbor-cranes"
        path = tmp_path / "articles.json"
        path.write_text(json.dumps({"articles": [item]}, ensure_ascii=False), encoding="utf-8")
        with pytest.raises(InterchangeError, match=r"article 1 .*field 'slug': used before by " + re.escape(moved.original_url)):
            import_file(path)
        other.refresh_from_db()
        assert other.slug != "harbor-cranes"
        self.assert_still_redirects(moved)

    def test_restoring_a_slug_another_article_has_now_keeps_the_current_one_with_a_warning(self):
        client, _ = login("Editor")
        article = draft()
        save(client, article, slug="first-name")
        save(client, article, slug="second-name")
        taker = make_article(title="後から来た記事")
        Article.objects.filter(pk=taker.pk).update(slug="first-name")  # taken before slugs were guarded
        response = client.post(f"/admin/articles/article/{article.pk}/revisions/1/restore/", follow=True)
        assert response.status_code == 200
        html = response.content.decode()
        assert "第1版の内容を新しい版として復元しました。" in html
        assert "第1版のスラッグ「first-name」は別の記事が使っている（または以前使っていた）ため" in html
        article.refresh_from_db()
        assert article.slug == "second-name"

    def test_restoring_a_slug_another_articles_old_url_uses_keeps_the_current_one(self, moved):
        from articles import restoring, revisions
        from articles.models import SlugRedirect

        editor = make_staff("Editor")
        article = make_article(slug="shared-name")
        first = revisions.record(article, by=editor)
        article.refresh_from_db()
        article.slug = "own-name"
        article.save()
        SlugRedirect.objects.filter(old_slug="shared-name").update(article=moved)  # an old URL of `moved` now
        warnings = restoring.restore(first, by=editor).warnings
        article.refresh_from_db()
        assert article.slug == "own-name" and any("shared-name" in w for w in warnings)
        assert Client().get("/articles/shared-name/")["Location"] == "/articles/electric-cranes/"


class TestNoLostEdits:
    @pytest.fixture
    def story(self):
        article = draft()
        from articles import revisions

        revisions.record(article)  # the version both editors open
        return article

    def test_edits_to_different_parts_merge_silently_and_keep_both(self, story):
        alice, _ = login("Editor", "alice")
        bob, _ = login("Editor", "bob")
        alice_form = open_form(alice, story)
        bob_form = open_form(bob, story)

        bob_form["title"] = ["ボブの見出し"]
        bob_form["key_points-0-heading"] = ["ボブの要点"]
        assert bob.post(change_url(story), bob_form).status_code == 302

        alice_form["lead"] = ["アリスのリード"]
        alice_form["_continue"] = ["1"]
        response = alice.post(change_url(story), alice_form, follow=True)
        # Saved, not stopped: one outcome, which names what the other editor's save kept.
        assert response.redirect_chain and response.redirect_chain[-1][1] == 302
        said = messages_of(response)
        assert said == ["保存しました。編集中に bob が保存した タイトル、キーポイント も残しています。"]
        assert "errornote" not in response.content.decode()
        story.refresh_from_db()
        assert (story.title, story.lead) == ("ボブの見出し", "アリスのリード")
        assert story.key_points.first().heading == "ボブの要点"

    def test_a_part_both_changed_stops_the_save_and_shows_both_versions(self, story):
        alice, _ = login("Editor", "alice")
        bob, _ = login("Editor", "bob")
        alice_form, bob_form = open_form(alice, story), open_form(bob, story)
        bob_form["lead"] = ["ボブのリード"]
        bob_form["title"] = ["ボブの見出し"]
        bob.post(change_url(story), bob_form)
        alice_form["lead"] = ["アリスのリード"]
        response = alice.post(change_url(story), alice_form)
        assert response.status_code == 200
        html = response.content.decode()
        assert "bob も同じ項目を変更して保存しました" in html and ": リード。" in html
        assert "リード — bob の版: 「ボブのリード」" in html  # theirs shown; hers is in the form
        shown = form_fields(html, "article_form")
        assert shown["lead"] == ["アリスのリード"] and shown["title"] == ["ボブの見出し"]
        story.refresh_from_db()
        assert story.lead == "ボブのリード"

        # Having seen both, she saves again: her lead wins, his title stays.
        shown["_continue"] = ["1"]
        response = alice.post(change_url(story), shown, follow=True)
        assert messages_of(response) == ["保存しました。"]
        story.refresh_from_db()
        assert (story.title, story.lead) == ("ボブの見出し", "アリスのリード")

    def test_a_change_only_in_the_key_points_also_counts(self, story):
        alice, _ = login("Editor", "alice")
        bob, _ = login("Editor", "bob")
        alice_form = open_form(alice, story)
        bob_form = open_form(bob, story)
        bob_form["key_points-0-heading"] = ["ボブの要点"]
        assert bob.post(change_url(story), bob_form).status_code == 302

        alice_form["key_points-1-heading"] = ["アリスの要点"]
        response = alice.post(change_url(story), alice_form)
        assert response.status_code == 200
        assert "bob も同じ項目を変更して保存しました" in response.content.decode()
        assert "キーポイント — bob の版: 「ボブの要点" in response.content.decode()
        assert list(KeyPoint.objects.filter(article=story).values_list("heading", flat=True)) == ["ボブの要点", "要点2"]

    def test_without_a_recorded_version_the_changed_parts_are_listed(self):
        alice, _ = login("Editor", "alice")
        bob, _ = login("Editor", "bob")
        article = draft()
        alice_form, bob_form = open_form(alice, article), open_form(bob, article)
        bob_form["title"] = ["ボブの見出し"]
        bob.post(change_url(article), bob_form)
        alice_form["lead"] = ["アリスのリード"]
        html = alice.post(change_url(article), alice_form).content.decode()
        assert "bob が保存しました" in html and "変更された項目" in html
        article.refresh_from_db()
        assert article.lead != "アリスのリード"


def test_making_the_role_groups_again_leaves_every_app_to_the_backup(db, tmp_path):
    # The test suite remakes the groups with Django's own app registry after a flush; the
    # apps must stay visible to dumpdata, or a backup taken afterwards would be empty.
    from django.apps import apps
    from django.core.management import call_command

    from articles import roles

    roles.sync_groups(apps)
    make_article(title="残る記事")
    call_command("dumpdata", "articles.article", format="json", output=str(tmp_path / "a.json"), verbosity=0)
    assert "残る記事" in (tmp_path / "a.json").read_text(encoding="utf-8")
