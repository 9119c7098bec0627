"""Composing the front page in the admin, and the view counts editors see in the article list."""

import datetime

import pytest
from django.utils import timezone

from articles.models import Article, FrontPageSlot
from ranking import counting
from ranking.models import HourlyViews
from tests.factories import after_commit, at, login, make_article

pytestmark = pytest.mark.django_db

SLOTS = "/admin/articles/frontpageslot/"


def lead_title(client) -> str:
    html = client.get("/").content.decode()
    start = html.index('class="lead-story__title"')
    return html[html.index(">", html.index("<a ", start)) + 1:html.index("</a>", start)]


class TestPinning:
    def test_an_editor_pins_the_lead_and_the_front_page_shows_it_at_once(self, client):
        older = make_article(title="固定したい記事", published_at=at(2026, 11, 26, 9, 0))
        make_article(title="最新の記事", published_at=at(2026, 11, 27, 9, 0))
        assert lead_title(client) == "最新の記事"  # stored in the page cache
        editor, _user = login("Editor")
        with after_commit():
            response = editor.post(f"{SLOTS}add/", {"position": FrontPageSlot.LEAD, "article": older.pk, "until": ""})
        assert response.status_code == 302
        assert lead_title(client) == "固定したい記事"

    def test_a_pin_until_a_time_is_kept_with_its_time(self):
        story = make_article()
        until = timezone.localtime(timezone.now() + datetime.timedelta(days=1)).replace(second=0, microsecond=0)
        response = login("Editor")[0].post(f"{SLOTS}add/", {
            "position": 2, "article": story.pk, "until_0": until.strftime("%Y-%m-%d"), "until_1": until.strftime("%H:%M"),
        })
        assert response.status_code == 302
        assert FrontPageSlot.objects.get(position=2).until == until

    def test_a_draft_or_a_past_time_is_refused_with_a_message(self):
        draft = make_article(title="下書き", status=Article.Status.DRAFT, published_at=None)
        response = login("Editor")[0].post(f"{SLOTS}add/", {
            "position": 0, "article": draft.pk, "until_0": "2020-01-01", "until_1": "09:00",
        })
        html = response.content.decode()
        assert response.status_code == 200 and not FrontPageSlot.objects.exists()
        assert "公開中か予約公開の記事だけを固定できます" in html and "掲載終了は今より後の時刻にしてください。" in html

    def test_one_story_per_place(self):
        first, second = make_article(), make_article()
        FrontPageSlot.objects.create(position=1, article=first)
        response = login("Editor")[0].post(f"{SLOTS}add/", {"position": 1, "article": second.pk})
        assert response.status_code == 200 and FrontPageSlot.objects.get(position=1).article == first

    def test_letting_a_pin_go_renews_the_front_page(self, client):
        pinned = make_article(title="固定の記事", published_at=at(2026, 11, 26, 9, 0))
        make_article(title="最新の記事", published_at=at(2026, 11, 27, 9, 0))
        slot = FrontPageSlot.objects.create(position=FrontPageSlot.LEAD, article=pinned)
        assert lead_title(client) == "固定の記事"
        with after_commit():
            login("Editor")[0].post(f"{SLOTS}{slot.pk}/delete/", {"post": "yes"})
        assert lead_title(client) == "最新の記事"

    def test_translators_cannot_see_or_change_it(self):
        story = make_article()
        translator, _user = login("Translator")
        assert translator.get(SLOTS).status_code == 403
        assert translator.post(f"{SLOTS}add/", {"position": 0, "article": story.pk}).status_code == 403
        assert not FrontPageSlot.objects.exists()


class TestViewCounts:
    def test_editors_see_each_storys_views_in_the_article_list(self):
        read = make_article(title="読まれた記事")
        make_article(title="読まれていない記事")
        hour = timezone.now().replace(minute=0, second=0, microsecond=0)
        HourlyViews.objects.create(article=read, hour=hour, views=12)
        HourlyViews.objects.create(article=read, hour=hour - datetime.timedelta(days=30), views=30)
        html = login("Editor")[0].get("/admin/articles/article/").content.decode()
        assert "閲覧 7日" in html and "閲覧 累計" in html
        row = html[html.index("読まれた記事"):]
        row = row[:row.index("</tr>")]
        assert '<td class="field-views_week">12</td>' in row and '<td class="field-views_total">42</td>' in row

    def test_readers_never_see_them(self, client):
        story = make_article(title="読まれた記事")
        counting.record_view(article_id=story.pk, view_id="a-reader-view-0123456789", user_agent="Mozilla/5.0")
        counting.count_views()
        for url in ("/", story.get_absolute_url(), "/latest/", f"/api/articles/{story.slug}/"):
            body = client.get(url).content.decode()
            assert "閲覧" not in body and "views" not in body.replace("/views/", ""), url
