"""Who may reach what: every admin URL × role × object, CSRF, drafts, redirects, login throttling."""

import re
import time
from collections.abc import Iterator
from dataclasses import dataclass
from urllib.parse import unquote, urlencode, urlsplit

import pytest
from django.conf import settings
from django.contrib import admin
from django.contrib.auth.models import Group, Permission, User
from django.contrib.contenttypes.models import ContentType
from django.core.cache import cache
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.test import Client
from django.urls import URLPattern, URLResolver

from articles import previews, revisions
from articles.models import Article, Category, DailyDigest, FrontPageSlot, GlossaryTerm, Source, Tag
from editorial import throttling
from images import library
from ingest.models import Feed, InboxItem, OriginalCheck
from jobs.models import FailedJob
from tests.factories import at, image_bytes, make_article, make_category, make_source, make_tag
from tests.htmlforms import form_fields

from .helpers import PASSWORD, staff_user

pytestmark = pytest.mark.django_db

ROLES = ("anonymous", "Translator", "Editor", "Chief editor", "superuser")


# The admin's URLs, with real objects ------------------------------------------------------


@dataclass
class World:
    articles: dict[str, Article]  # one article in each state
    objects: dict[str, object]  # "app_label.model" → a sample object


@pytest.fixture
def world() -> World:
    articles = {
        "draft": make_article(status=Article.Status.DRAFT, published_at=None, title="まだ下書きの記事"),
        "review": make_article(status=Article.Status.REVIEW, published_at=None, title="レビュー待ちの記事"),
        "scheduled": make_article(status=Article.Status.SCHEDULED, published_at=at(2099, 1, 1, 9, 0)),
        "published": make_article(title="公開済みの記事"),
    }
    for article in articles.values():
        revisions.record(article)  # version 1, so restore has something to restore
    tag = make_tag("AI")
    target = User.objects.create_user("someone", password=PASSWORD, is_staff=True)
    feed = Feed.objects.create(source=make_source("Harbor Ledger"), url="https://harbor.example/world.rss")
    return World(articles=articles, objects={
        # Nothing refers to these, so a delete that is allowed goes through.
        "articles.source": make_source("Unused Wire"),
        "articles.category": make_category("未使用"),
        "articles.tag": tag,
        "articles.dailydigest": DailyDigest.objects.create(date="2026-11-27", note="今日のまとめ"),
        "articles.glossaryterm": GlossaryTerm.objects.create(original="Yann LeCun", approved="ヤン・ルカン", tag=tag),
        "articles.frontpageslot": FrontPageSlot.objects.create(position=FrontPageSlot.LEAD, article=articles["published"]),
        "auth.user": target,
        "auth.group": Group.objects.get(name="Translator"),
        "images.image": library.add_upload(
            SimpleUploadedFile("unused.jpg", image_bytes(), content_type="image/jpeg"), caption="使われていない写真",
        ),
        "jobs.failedjob": FailedJob.objects.create(
            task_name="jobs.send_email", arguments={"args": [], "kwargs": {"to": ["chief@newsdesk.test"]}},
            error="ConnectionRefusedError: [Errno 111] Connection refused", attempts=6, failed_at=at(2026, 11, 27, 9, 0),
        ),
        "ingest.feed": feed,
        # A private address: 「翻訳を始める」 and the preview are refused before any connection or lookup.
        "ingest.inboxitem": InboxItem.objects.create(
            feed=feed, source=feed.source, title="Port to double capacity", url="http://10.0.0.1/port",
            canonical_url="https://10.0.0.1/port",
        ),
        "ingest.originalcheck": OriginalCheck.objects.create(
            article=articles["published"], translated_body="Before.", current_body="After.",
            state=OriginalCheck.State.CHANGED,
        ),
    })


def _routes(patterns, prefix="") -> Iterator[str]:
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            yield from _routes(pattern.url_patterns, prefix + str(pattern.pattern))
        else:
            assert isinstance(pattern, URLPattern)
            yield prefix + str(pattern.pattern)


APP_INDEX = re.compile(r"^\^\(\?P<app_label>(?P<apps>[\w|]+)\)/\$$")


def admin_routes() -> list[str]:
    """Every route of the admin site, as the URL resolver knows it (ModelAdmins' custom ones too).

    The apps' index lists its apps in the order their models were registered
    (a model registered again moves to the end): named here in sorted order.
    """
    routes = []
    for route in _routes(admin.site.get_urls()):
        index = APP_INDEX.match(route)
        if index:
            route = "^(?P<app_label>{})/$".format("|".join(sorted(index["apps"].split("|"))))
        routes.append(route)
    return routes


MODEL_ROUTE = re.compile(r"^(?P<app>\w+)/(?P<model>\w+)/")


def admin_urls(world: World) -> Iterator[tuple[str, str, str]]:
    """(route, object, URL) for every admin route; object routes once per sample object."""
    for route in admin_routes():
        if route == "^(?P<app_label>articles|auth|images|ingest|jobs)/$":
            for app in ("auth", "articles", "images", "ingest", "jobs"):
                yield route, app, f"/admin/{app}/"
            continue
        if route == "(?P<url>.*)$":  # the admin's catch-all
            yield route, "-", "/admin/no-such-page/"
            continue
        if route.startswith("r/"):  # "view on site"
            content_type = ContentType.objects.get_for_model(Article).pk
            for label, article in world.articles.items():
                yield route, label, f"/admin/r/{content_type}/{article.pk}/"
            continue
        if not re.search(r"<[^>]+>", route):
            yield route, "-", "/admin/" + route
            continue
        if route.startswith("desk/notifications/<int:pk>/"):  # someone's notification: here nobody's
            yield route, "-", "/admin/" + route.replace("<int:pk>", "999999")
            continue
        model = MODEL_ROUTE.match(route)
        assert model, f"no sample object for {route}"
        key = f"{model['app']}.{model['model']}"
        samples = world.articles if key == "articles.article" else {key.split(".")[1]: world.objects[key]}
        for label, obj in samples.items():
            url = re.sub(r"<(?:path:)?(?:object_id|id)>", str(obj.pk), route)
            url = url.replace("<int:version>", "1").replace("<int:note_id>", "999999")
            assert "<" not in url, route
            yield route, label, "/admin/" + url


def outcome(response) -> str:
    if response.status_code in (301, 302):
        return "login" if urlsplit(response["Location"]).path == "/admin/login/" else str(response.status_code)
    return str(response.status_code)


def fingerprint() -> tuple:
    """Enough of the database to notice any change a request makes."""
    return (
        tuple(Article.objects.order_by("pk").values_list("pk", "status", "version", "title")),
        tuple(m.objects.count() for m in (Source, Category, Tag, DailyDigest, GlossaryTerm, User, Group)),
        tuple(User.objects.order_by("pk").values_list("pk", "username", "is_superuser", "is_staff", "password")),
        tuple(Group.objects.order_by("pk").values_list("pk", "name")),
        sum(len(g.permissions.all()) for g in Group.objects.all()),
    )


# The expected table ----------------------------------------------------------------------
# One line per admin route and object; a cell is the "GET/POST" outcome for that role:
#   200, 302, 301, 403, 404, 405: the status; login: redirected to the admin login.
# POSTs carry {"post": "yes"}: the delete pages' confirmation, so an allowed delete really
# happens (302) and a refused one is 403. Restoring needs no more than a POST, so it restores
# (302) when allowed. Other forms take it as an incomplete form and answer 200 with errors.
# Other 302s: "view on site" (r/...) and preview go to the public page or the signed preview
# link, <id>/ goes to the change page, logout sends the anonymous to the index and login
# sends a signed-in editor there.
# Objects: draft/review/scheduled/published are articles; others name their model's sample.
# Each request runs in a transaction rolled back after it; a refused one (403, 404, 405,
# login) must not have changed anything (fingerprint()).
# A route missing from this table fails the test: add it with what each role may do.

EXPECTED = """
route                                                              object        anonymous    Translator  Editor    Chief editor  superuser
                                                                   -             login/login  200/200     200/200   200/200       200/200
login/                                                             -             200/200      302/200     302/200   302/200       302/200
logout/                                                            -             302/302      405/200     405/200   405/200       405/200
password_change/                                                   -             login/login  200/200     200/200   200/200       200/200
password_change/done/                                              -             login/login  200/405     200/405   200/405       200/405
autocomplete/                                                      -             login/login  403/405     403/405   403/405       403/405
jsi18n/                                                            -             login/login  200/405     200/405   200/405       200/405
r/<path:content_type_id>/<path:object_id>/                         draft         login/login  302/302     302/302   302/302       302/302
r/<path:content_type_id>/<path:object_id>/                         review        login/login  302/302     302/302   302/302       302/302
r/<path:content_type_id>/<path:object_id>/                         scheduled     login/login  302/302     302/302   302/302       302/302
r/<path:content_type_id>/<path:object_id>/                         published     login/login  302/302     302/302   302/302       302/302
auth/group/                                                        -             login/login  403/403     403/403   200/200       200/200
auth/group/add/                                                    -             login/login  403/403     403/403   200/200       200/200
auth/group/<path:object_id>/history/                               group         login/login  403/403     403/403   200/200       200/200
auth/group/<path:object_id>/delete/                                group         login/login  403/403     403/403   200/302       200/302
auth/group/<path:object_id>/change/                                group         login/login  403/403     403/403   200/200       200/200
auth/group/<path:object_id>/                                       group         login/login  302/302     302/302   302/302       302/302
auth/user/<id>/password/                                           user          login/login  403/403     403/403   200/200       200/200
auth/user/                                                         -             login/login  403/403     403/403   200/200       200/200
auth/user/add/                                                     -             login/login  403/403     403/403   200/200       200/200
auth/user/<path:object_id>/history/                                user          login/login  403/403     403/403   200/200       200/200
auth/user/<path:object_id>/delete/                                 user          login/login  403/403     403/403   200/302       200/302
auth/user/<path:object_id>/change/                                 user          login/login  403/403     403/403   200/200       200/200
auth/user/<path:object_id>/                                        user          login/login  302/302     302/302   302/302       302/302
articles/article/<path:object_id>/revisions/                       draft         login/login  200/200     200/200   200/200       200/200
articles/article/<path:object_id>/revisions/                       review        login/login  200/200     200/200   200/200       200/200
articles/article/<path:object_id>/revisions/                       scheduled     login/login  200/200     200/200   200/200       200/200
articles/article/<path:object_id>/revisions/                       published     login/login  200/200     200/200   200/200       200/200
articles/article/<path:object_id>/revisions/<int:version>/restore/ draft         login/login  405/302     405/302   405/302       405/302
articles/article/<path:object_id>/revisions/<int:version>/restore/ review        login/login  405/302     405/302   405/302       405/302
articles/article/<path:object_id>/revisions/<int:version>/restore/ scheduled     login/login  405/403     405/302   405/302       405/302
articles/article/<path:object_id>/revisions/<int:version>/restore/ published     login/login  405/403     405/302   405/302       405/302
articles/article/<path:object_id>/preview/                         draft         login/login  302/302     302/302   302/302       302/302
articles/article/<path:object_id>/preview/                         review        login/login  302/302     302/302   302/302       302/302
articles/article/<path:object_id>/preview/                         scheduled     login/login  302/302     302/302   302/302       302/302
articles/article/<path:object_id>/preview/                         published     login/login  302/302     302/302   302/302       302/302
desk/calendar/                                                     -             login/login  200/200     200/200   200/200       200/200
desk/notifications/                                                -             login/login  200/302     200/302   200/302       200/302
desk/notifications/<int:pk>/open/                                  -             login/login  302/302     302/302   302/302       302/302
desk/preferences/                                                  -             login/login  200/302     200/302   200/302       200/302
articles/article/<path:object_id>/review/                          draft         login/login  405/302     405/302   405/302       405/302
articles/article/<path:object_id>/review/                          review        login/login  405/302     405/302   405/302       405/302
articles/article/<path:object_id>/review/                          scheduled     login/login  405/403     405/302   405/302       405/302
articles/article/<path:object_id>/review/                          published     login/login  405/403     405/302   405/302       405/302
articles/article/<path:object_id>/notes/                           draft         login/login  405/302     405/302   405/302       405/302
articles/article/<path:object_id>/notes/                           review        login/login  405/302     405/302   405/302       405/302
articles/article/<path:object_id>/notes/                           scheduled     login/login  405/403     405/302   405/302       405/302
articles/article/<path:object_id>/notes/                           published     login/login  405/403     405/302   405/302       405/302
articles/article/<path:object_id>/notes/<int:note_id>/             draft         login/login  405/404     405/404   405/404       405/404
articles/article/<path:object_id>/notes/<int:note_id>/             review        login/login  405/404     405/404   405/404       405/404
articles/article/<path:object_id>/notes/<int:note_id>/             scheduled     login/login  405/403     405/404   405/404       405/404
articles/article/<path:object_id>/notes/<int:note_id>/             published     login/login  405/403     405/404   405/404       405/404
articles/article/autosave/                                         -             login/login  200/400     200/400   200/400       200/400
articles/article/autosave/discard/                                 -             login/login  405/302     405/302   405/302       405/302
articles/article/live-preview/                                     -             login/login  405/200     405/200   405/200       405/200
articles/article/<path:object_id>/live-preview/                    draft         login/login  405/200     405/200   405/200       405/200
articles/article/<path:object_id>/live-preview/                    review        login/login  405/200     405/200   405/200       405/200
articles/article/<path:object_id>/live-preview/                    scheduled     login/login  405/403     405/200   405/200       405/200
articles/article/<path:object_id>/live-preview/                    published     login/login  405/403     405/200   405/200       405/200
articles/name-new/                                                 -             login/login  405/400     405/400   405/400       405/400
articles/article/                                                  -             login/login  200/200     200/200   200/200       200/200
articles/article/add/                                              -             login/login  200/200     200/200   200/200       200/200
articles/article/<path:object_id>/history/                         draft         login/login  200/200     200/200   200/200       200/200
articles/article/<path:object_id>/history/                         review        login/login  200/200     200/200   200/200       200/200
articles/article/<path:object_id>/history/                         scheduled     login/login  200/200     200/200   200/200       200/200
articles/article/<path:object_id>/history/                         published     login/login  200/200     200/200   200/200       200/200
articles/article/<path:object_id>/delete/                          draft         login/login  403/403     403/403   200/302       200/302
articles/article/<path:object_id>/delete/                          review        login/login  403/403     403/403   200/302       200/302
articles/article/<path:object_id>/delete/                          scheduled     login/login  403/403     403/403   200/302       200/302
articles/article/<path:object_id>/delete/                          published     login/login  403/403     403/403   200/302       200/302
articles/article/<path:object_id>/change/                          draft         login/login  200/200     200/200   200/200       200/200
articles/article/<path:object_id>/change/                          review        login/login  200/200     200/200   200/200       200/200
articles/article/<path:object_id>/change/                          scheduled     login/login  200/403     200/200   200/200       200/200
articles/article/<path:object_id>/change/                          published     login/login  200/403     200/200   200/200       200/200
articles/article/<path:object_id>/                                 draft         login/login  302/302     302/302   302/302       302/302
articles/article/<path:object_id>/                                 review        login/login  302/302     302/302   302/302       302/302
articles/article/<path:object_id>/                                 scheduled     login/login  302/302     302/302   302/302       302/302
articles/article/<path:object_id>/                                 published     login/login  302/302     302/302   302/302       302/302
articles/source/                                                   -             login/login  200/200     200/200   200/200       200/200
articles/source/add/                                               -             login/login  403/403     200/200   200/200       200/200
articles/source/<path:object_id>/history/                          source        login/login  200/200     200/200   200/200       200/200
articles/source/<path:object_id>/delete/                           source        login/login  403/403     200/302   200/302       200/302
articles/source/<path:object_id>/change/                           source        login/login  200/403     200/200   200/200       200/200
articles/source/<path:object_id>/                                  source        login/login  302/302     302/302   302/302       302/302
articles/category/                                                 -             login/login  200/200     200/200   200/200       200/200
articles/category/add/                                             -             login/login  403/403     200/200   200/200       200/200
articles/category/<path:object_id>/history/                        category      login/login  200/200     200/200   200/200       200/200
articles/category/<path:object_id>/delete/                         category      login/login  403/403     200/302   200/302       200/302
articles/category/<path:object_id>/change/                         category      login/login  200/403     200/200   200/200       200/200
articles/category/<path:object_id>/                                category      login/login  302/302     302/302   302/302       302/302
articles/tag/                                                      -             login/login  200/200     200/200   200/200       200/200
articles/tag/add/                                                  -             login/login  403/403     200/200   200/200       200/200
articles/tag/<path:object_id>/history/                             tag           login/login  200/200     200/200   200/200       200/200
articles/tag/<path:object_id>/delete/                              tag           login/login  403/403     200/302   200/302       200/302
articles/tag/<path:object_id>/change/                              tag           login/login  200/403     200/200   200/200       200/200
articles/tag/<path:object_id>/                                     tag           login/login  302/302     302/302   302/302       302/302
articles/dailydigest/                                              -             login/login  200/200     200/200   200/200       200/200
articles/dailydigest/add/                                          -             login/login  403/403     200/200   200/200       200/200
articles/dailydigest/<path:object_id>/history/                     dailydigest   login/login  200/200     200/200   200/200       200/200
articles/dailydigest/<path:object_id>/delete/                      dailydigest   login/login  403/403     200/302   200/302       200/302
articles/dailydigest/<path:object_id>/change/                      dailydigest   login/login  200/403     200/200   200/200       200/200
articles/dailydigest/<path:object_id>/                             dailydigest   login/login  302/302     302/302   302/302       302/302
articles/frontpageslot/                                            -             login/login  403/403     200/200   200/200       200/200
articles/frontpageslot/add/                                        -             login/login  403/403     200/200   200/200       200/200
articles/frontpageslot/<path:object_id>/history/                   frontpageslot login/login  403/403     200/200   200/200       200/200
articles/frontpageslot/<path:object_id>/delete/                    frontpageslot login/login  403/403     200/302   200/302       200/302
articles/frontpageslot/<path:object_id>/change/                    frontpageslot login/login  403/403     200/200   200/200       200/200
articles/frontpageslot/<path:object_id>/                           frontpageslot login/login  302/302     302/302   302/302       302/302
articles/glossaryterm/                                             -             login/login  200/200     200/200   200/200       200/200
articles/glossaryterm/add/                                         -             login/login  403/403     200/200   200/200       200/200
articles/glossaryterm/<path:object_id>/history/                    glossaryterm  login/login  200/200     200/200   200/200       200/200
articles/glossaryterm/<path:object_id>/delete/                     glossaryterm  login/login  403/403     200/302   200/302       200/302
articles/glossaryterm/<path:object_id>/change/                     glossaryterm  login/login  200/403     200/200   200/200       200/200
articles/glossaryterm/<path:object_id>/                            glossaryterm  login/login  302/302     302/302   302/302       302/302
^(?P<app_label>articles|auth|images|ingest|jobs)/$                 auth          login/login  404/404     404/404   200/200       200/200
^(?P<app_label>articles|auth|images|ingest|jobs)/$                 articles      login/login  200/200     200/200   200/200       200/200
^(?P<app_label>articles|auth|images|ingest|jobs)/$                 jobs          login/login  404/404     200/200   200/200       200/200
^(?P<app_label>articles|auth|images|ingest|jobs)/$                 ingest        login/login  200/200     200/200   200/200       200/200
^(?P<app_label>articles|auth|images|ingest|jobs)/$                 images        login/login  200/200     200/200   200/200       200/200
images/image/pick/                                                 -             login/login  403/405     403/405   403/405       403/405
images/image/                                                      -             login/login  200/200     200/200   200/200       200/200
images/image/add/                                                  -             login/login  403/403     200/200   200/200       200/200
images/image/<path:object_id>/history/                             image         login/login  200/200     200/200   200/200       200/200
images/image/<path:object_id>/delete/                              image         login/login  403/403     200/302   200/302       200/302
images/image/<path:object_id>/change/                              image         login/login  200/403     200/302   200/302       200/302
images/image/<path:object_id>/                                     image         login/login  302/302     302/302   302/302       302/302
articles/article/<path:object_id>/presence/                        draft         login/login  405/200     405/200   405/200       405/200
articles/article/<path:object_id>/presence/                        review        login/login  405/200     405/200   405/200       405/200
articles/article/<path:object_id>/presence/                        scheduled     login/login  405/200     405/200   405/200       405/200
articles/article/<path:object_id>/presence/                        published     login/login  405/200     405/200   405/200       405/200
jobs/failedjob/                                                    -             login/login  403/403     200/200   200/200       200/200
jobs/failedjob/add/                                                -             login/login  403/403     403/403   403/403       403/403
jobs/failedjob/<path:object_id>/history/                           failedjob     login/login  403/403     200/200   200/200       200/200
jobs/failedjob/<path:object_id>/delete/                            failedjob     login/login  403/403     403/403   403/403       200/302
jobs/failedjob/<path:object_id>/retry/                             failedjob     login/login  403/403     405/302   405/302       405/302
jobs/failedjob/<path:object_id>/change/                            failedjob     login/login  403/403     200/302   200/302       200/302
jobs/failedjob/<path:object_id>/                                   failedjob     login/login  302/302     302/302   302/302       302/302
ingest/feed/                                                       -             login/login  200/200     200/200   200/200       200/200
ingest/feed/add/                                                   -             login/login  403/403     200/200   200/200       200/200
ingest/feed/<path:object_id>/history/                              feed          login/login  200/200     200/200   200/200       200/200
ingest/feed/<path:object_id>/delete/                               feed          login/login  403/403     200/302   200/302       200/302
ingest/feed/<path:object_id>/change/                               feed          login/login  200/403     200/200   200/200       200/200
ingest/feed/<path:object_id>/                                      feed          login/login  302/302     302/302   302/302       302/302
ingest/inboxitem/<path:object_id>/start/                           inboxitem     login/login  405/302     405/302   405/302       405/302
ingest/inboxitem/<path:object_id>/pass/                            inboxitem     login/login  405/302     405/302   405/302       405/302
ingest/inboxitem/<path:object_id>/read/                            inboxitem     login/login  405/302     405/302   405/302       405/302
ingest/inboxitem/                                                  -             login/login  200/200     200/200   200/200       200/200
ingest/inboxitem/add/                                              -             login/login  403/403     403/403   403/403       403/403
ingest/inboxitem/<path:object_id>/history/                         inboxitem     login/login  200/200     200/200   200/200       200/200
ingest/inboxitem/<path:object_id>/delete/                          inboxitem     login/login  403/403     403/403   200/302       200/302
ingest/inboxitem/<path:object_id>/change/                          inboxitem     login/login  200/302     200/302   200/302       200/302
ingest/inboxitem/<path:object_id>/                                 inboxitem     login/login  302/302     302/302   302/302       302/302
ingest/originalcheck/<path:object_id>/handled/                     originalcheck login/login  405/403     405/302   405/302       405/302
ingest/originalcheck/                                              -             login/login  200/200     200/200   200/200       200/200
ingest/originalcheck/add/                                          -             login/login  403/403     403/403   403/403       403/403
ingest/originalcheck/<path:object_id>/history/                     originalcheck login/login  200/200     200/200   200/200       200/200
ingest/originalcheck/<path:object_id>/delete/                      originalcheck login/login  403/403     403/403   200/302       200/302
ingest/originalcheck/<path:object_id>/change/                      originalcheck login/login  200/403     200/302   200/302       200/302
ingest/originalcheck/<path:object_id>/                             originalcheck login/login  302/302     302/302   302/302       302/302
(?P<url>.*)$                                                       -             login/login  404/404     404/404   404/404       404/404
"""


def expected_table() -> dict[tuple[str, str], dict[str, tuple[str, str]]]:
    lines = [line for line in EXPECTED.strip("\n").splitlines() if line.strip()]
    header = lines[0]
    starts = [header.index(role) for role in ("object", *ROLES)]
    table = {}
    for line in lines[1:]:
        route = line[:starts[0]].strip()
        cells = [line[a:b].strip() for a, b in zip(starts, [*starts[1:], None])]
        obj, outcomes = cells[0], cells[1:]
        assert (route, obj) not in table, f"twice in EXPECTED: {route} {obj}"
        table[route, obj] = {role: tuple(cell.split("/")) for role, cell in zip(ROLES, outcomes)}
    return table


def client_for(role: str) -> Client:
    client = Client()
    if role != "anonymous":
        client.force_login(staff_user(role))
    return client


def run_matrix(role: str, world: World) -> list[tuple[str, str, str, str]]:
    """(route, object, GET outcome, POST outcome) for every admin URL, each request undone after."""
    client = client_for(role)
    session = client.cookies.get(settings.SESSION_COOKIE_NAME)
    results = []
    for route, obj, url in admin_urls(world):
        row = [route, obj]
        for method in ("get", "post"):
            before = fingerprint()
            with transaction.atomic():
                response = getattr(client, method)(url, {"post": "yes"} if method == "post" else None)
                result = outcome(response)
                if result not in ("200", "302", "301"):
                    assert fingerprint() == before, f"{role} {method.upper()} {url} → {result} changed data"
                transaction.set_rollback(True)
            if session is not None:  # logout ends the session: sign the client back in
                client.cookies[settings.SESSION_COOKIE_NAME] = session.value
            row.append(result)
        results.append(tuple(row))
    return results


@pytest.mark.parametrize("role", ROLES)
def test_admin_permission_matrix(role, world):
    table = expected_table()
    actual = run_matrix(role, world)
    known = {(route, obj) for route, obj, *_ in actual}
    missing = sorted(known - set(table))
    assert not missing, "admin URLs missing from EXPECTED:\n" + "\n".join(
        f"{route}  {obj}  {get}/{post}" for route, obj, get, post in actual if (route, obj) in missing
    )
    stale = sorted(set(table) - known)
    assert not stale, f"EXPECTED lists URLs the admin no longer has: {stale}"
    deviations = [
        f"{route} [{obj}]: expected {'/'.join(table[route, obj][role])}, got {get}/{post}"
        for route, obj, get, post in actual if table[route, obj][role] != (get, post)
    ]
    assert not deviations, f"{role}: {len(deviations)} deviations\n" + "\n".join(deviations)


# Drafts and previews ---------------------------------------------------------------------

UNPUBLISHED = ("draft", "review", "scheduled")
# The article page's view beacon (ranking/counting.py) is exempt from CSRF: it reads no cookie and
# acts for no one; all a forged request can do is what any reader's page does, count one view.
VIEW_BEACON = "/views/"


def public_urls(world: World) -> dict[str, str]:
    """A URL for every route of the reader site (everything but the admin)."""
    story = world.articles["published"]
    return {
        "healthz": "/healthz",
        "^media/(?P<path>.+)$": "/media/figures/none.jpg",
        "": "/",
        "latest/": "/latest/",
        "views/": VIEW_BEACON,
        "search/": "/search/?q=記事",
        "articles/<str:slug>/": story.get_absolute_url(),
        "category/<str:slug>/": f"/category/{story.category.slug}/",
        "tag/<str:slug>/": "/tag/ai/",
        "source/<str:slug>/": f"/source/{story.source.slug}/",
        "digest/": "/digest/",
        "digest/<isodate:day>/": "/digest/2026-11-27/",
        "preview/<str:token>/": previews.preview_url(world.articles["draft"]),
        "lang/<str:code>/": "/lang/en/?next=/",
        "feeds/rss/": "/feeds/rss/",
        "feeds/atom/": "/feeds/atom/",
        "feeds/category/<str:slug>/rss/": f"/feeds/category/{story.category.slug}/rss/",
        "feeds/category/<str:slug>/atom/": f"/feeds/category/{story.category.slug}/atom/",
        "feeds/tag/<str:slug>/rss/": "/feeds/tag/ai/rss/",
        "feeds/tag/<str:slug>/atom/": "/feeds/tag/ai/atom/",
        "sitemap.xml": "/sitemap.xml",
        "news-sitemap.xml": "/news-sitemap.xml",
        "robots.txt": "/robots.txt",
        "api/articles/": "/api/articles/",
        "api/articles/<str:slug>/": f"/api/articles/{story.slug}/",
        "api/digest/<isodate:day>/": "/api/digest/2026-11-27/",
    }


def test_every_public_route_has_a_sample_url(world):
    from django.urls import get_resolver

    routes = {route for route in _routes([p for p in get_resolver().url_patterns if str(p.pattern) != "admin/"])}
    assert routes == set(public_urls(world))


def cached_values() -> list[bytes]:
    """Every value in the default cache, as stored (pickled responses are bytes with the page in them)."""
    if hasattr(cache, "_cache") and isinstance(cache._cache, dict):  # LocMemCache
        return list(cache._cache.values())
    client = cache._cache.get_client(None, write=False)  # Django's RedisCache
    return [client.get(key) or b"" for key in client.scan_iter()]


class TestUnpublishedWork:
    @pytest.fixture
    def world(self, world):
        for label in UNPUBLISHED:  # the same tag and day as the published story, so lists would show them
            article = world.articles[label]
            article.tags.add(Tag.objects.get(slug="ai"))
            article.lead = f"{article.title}のリード（{label}）"
            article.body = f"{article.title}の本文（{label}）"
            article.save()
        digest = world.objects["articles.dailydigest"]
        digest.entries.create(article=world.articles["draft"], position=1)
        return world

    def titles(self, world):
        return [world.articles[label].title for label in UNPUBLISHED]

    def test_their_pages_are_404_for_readers_and_editors_alike(self, world, logged_in):
        for client in (Client(), logged_in("Editor")):
            for label in UNPUBLISHED:
                article = world.articles[label]
                for url in (article.get_absolute_url(), f"/api/articles/{article.slug}/"):
                    response = client.get(url)
                    assert response.status_code == 404, url
                    assert article.title not in response.content.decode()

    def test_no_public_page_feed_or_api_answer_mentions_them(self, world):
        unpublished = [world.articles[label] for label in UNPUBLISHED]
        searches = [f"/search/?q={a.title}" for a in unpublished] + [f"/api/articles/?q={a.title}" for a in unpublished]
        for url in [*public_urls(world).values(), *searches]:
            if url.startswith("/preview/"):
                continue  # the signed link is the one way in, see below
            response = Client().get(url)
            assert response.status_code < 500, url
            body = (b"".join(response) if response.streaming else response.content).decode()
            for article in unpublished:
                for secret in (article.slug, article.lead, article.body):
                    assert secret not in body, f"{secret} in {url}"
                if "q=" not in url:  # a search page repeats its query
                    assert article.title not in body, f"{article.title} in {url}"

    def test_the_admin_preview_needs_a_sign_in(self, world):
        response = Client().get(f"/admin/articles/article/{world.articles['draft'].pk}/preview/")
        assert outcome(response) == "login"

    def test_a_preview_is_private_and_its_link_cannot_be_forged(self, world, settings):
        draft = world.articles["draft"]
        url = previews.preview_url(draft)
        response = Client().get(url)
        assert response.status_code == 200 and draft.title in response.content.decode()
        directives = {d.strip() for d in response["Cache-Control"].split(",")}
        assert {"private", "no-store", "no-cache", "max-age=0"} <= directives
        assert response["X-Robots-Tag"] == "noindex, nofollow"
        token = url.rstrip("/").rsplit("/", 1)[1]
        forged = previews.signing.dumps({"article": world.articles["review"].pk}, salt="another salt")
        for bad in (token[:-2] + ("A" if token[-2] != "A" else "B") + token[-1], forged, "x"):
            assert Client().get(f"/preview/{bad}/").status_code == 404
        settings.NEWSDESK_PREVIEW_MAX_AGE = -1  # every link has expired
        assert Client().get(url).status_code == 404

    def test_the_shared_cache_never_holds_them(self, world, logged_in):
        readers, editor = Client(), logged_in("Editor")
        for client in (readers, editor):
            for label in UNPUBLISHED:
                client.get(previews.preview_url(world.articles[label]))
                client.get(world.articles[label].get_absolute_url())
            for url in public_urls(world).values():
                client.get(url)
            for title in self.titles(world):
                client.get(f"/search/?q={title}")
        # An editor's request (with a session) is never stored and never shared.
        page = editor.get("/")
        assert "private" in page["Cache-Control"]
        values = [v for v in cached_values() if isinstance(v, bytes)]
        assert any(world.articles["published"].title.encode() in v for v in values), "no public page was cached"
        # A cached search page repeats its query, a title: look for what only the story itself holds.
        for label in UNPUBLISHED:
            article = world.articles[label]
            for secret in (article.lead, article.body, article.get_absolute_url()):
                assert not any(secret.encode() in value for value in values), secret


# CSRF ----------------------------------------------------------------------------------


@pytest.mark.parametrize("role", ["anonymous", "Translator", "superuser"])
def test_every_post_without_a_csrf_token_is_refused(role, world):
    client = Client(enforce_csrf_checks=True)
    if role != "anonymous":
        client.force_login(staff_user(role))
    urls = [url for _, _, url in admin_urls(world)] + [url for url in public_urls(world).values() if url != VIEW_BEACON]
    accepted = []
    for url in urls:
        before = fingerprint()
        response = client.post(url, {"post": "yes", "language": "en", "next": "/"})
        if response.status_code != 403 or fingerprint() != before:
            accepted.append(f"{url} → {response.status_code}")
    assert not accepted, accepted


def test_a_token_that_does_not_match_the_cookie_is_refused(world):
    client = Client(enforce_csrf_checks=True)
    client.force_login(staff_user("superuser"))
    client.get("/admin/")  # sets the CSRF cookie
    article = world.articles["draft"]
    response = client.post(f"/admin/articles/article/{article.pk}/delete/", {
        "post": "yes", "csrfmiddlewaretoken": "x" * 64,
    })
    assert response.status_code == 403
    assert Article.objects.filter(pk=article.pk).exists()


def test_the_same_post_with_the_token_goes_through(world):
    """The refusals above are CSRF's, not a broken request."""
    client = Client(enforce_csrf_checks=True)
    client.force_login(staff_user("superuser"))
    article = world.articles["draft"]
    page = client.get(f"/admin/articles/article/{article.pk}/delete/")
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.content.decode())[1]
    response = client.post(f"/admin/articles/article/{article.pk}/delete/", {"post": "yes", "csrfmiddlewaretoken": token})
    assert response.status_code == 302 and not Article.objects.filter(pk=article.pk).exists()


# Open redirects -------------------------------------------------------------------------

EVIL = [
    "//evil.example",
    "///evil.example",
    "////evil.example/",
    "/\\evil.example",
    "\\\\evil.example",
    "\\/evil.example",
    "/\\/evil.example",
    "https:evil.example",
    "https:/evil.example",
    "http:\\\\evil.example",
    "https://evil.example/",
    "HTTPS://EVIL.EXAMPLE",
    "http://evil.example@testserver/",
    "http://evil.example@news.example/",
    "http://testserver@evil.example/",
    "http://testserver.evil.example/",
    "//testserver@evil.example",
    "%2F%2Fevil.example",
    "/%2F/evil.example",
    "javascript:alert(document.domain)",
    "JaVaScRiPt:alert(1)",
    "java\tscript:alert(1)",
    "\x01javascript:alert(1)",
    "data:text/html,<script>alert(1)</script>",
    "/\t/evil.example",
    "/\n/evil.example",
    "\t//evil.example",
    " //evil.example",
    "//evil.example\x00/",
    "ftp://evil.example/",
    "//evil。example",
    "//%65vil.example",
]


def browser_target(location: str, base: str = "http://testserver/") -> tuple[str, str]:
    """(scheme, host) a browser goes to for this Location, by the WHATWG URL rules that matter:
    leading and trailing controls and spaces and any tab or newline are dropped; in http(s)
    URLs a backslash is a slash and any number of slashes may start the authority; the host
    is percent-decoded and 。 is a dot. When unsure it answers "elsewhere", never "here"."""
    base_parts = urlsplit(base)
    cleaned = re.sub(r"[\t\n\r]", "", location.strip("".join(map(chr, range(0x21)))))
    scheme = re.match(r"^([a-zA-Z][a-zA-Z0-9+.-]*):(.*)$", cleaned, re.DOTALL)
    if scheme:
        name, rest = scheme[1].lower(), scheme[2].replace("\\", "/")
        if name not in ("http", "https"):
            return name, ""
        if name == base_parts.scheme and not rest.startswith("//"):
            return name, base_parts.hostname  # "http:path" is relative to an http base
        authority = rest.lstrip("/")
    else:
        rest = cleaned.replace("\\", "/")
        if not rest.startswith("//"):
            return base_parts.scheme, base_parts.hostname  # a path on this site
        name, authority = base_parts.scheme, rest.lstrip("/")
    host = re.split(r"[/?#]", authority, maxsplit=1)[0].rsplit("@", 1)[-1]
    host = unquote(host).replace("。", ".").lower()
    host = re.sub(r":\d*$", "", host).rstrip(".")
    return name, host


def assert_stays_on_site(response, base="http://testserver/"):
    if response.status_code not in (301, 302, 303, 307, 308):
        # 400: a NUL character in the URL is refused before any view (core.middleware).
        assert response.status_code in (200, 204, 400), response.status_code
        return
    assert browser_target(response["Location"], base) == ("http", "testserver"), response["Location"]
    assert not response["Location"].startswith(("//", "/\\")), response["Location"]


def test_the_payload_list_would_leave_the_site_if_followed():
    """The check itself: each payload, used as a Location, really points away (or at a script)."""
    for payload in EVIL:
        if payload.startswith(("%2F", "/%2F")):
            continue  # only dangerous once something decodes it twice; the views must not
        if payload == "http://evil.example@testserver/":
            continue  # goes to testserver as user "evil.example": a trick on people, refused all the same
        assert browser_target(payload) != ("http", "testserver"), payload


@pytest.mark.parametrize("payload", EVIL)
class TestRedirectsStayOnSite:
    def test_admin_login(self, payload):
        staff_user("Editor", "erin")
        for url, data in (
            ("/admin/login/", {"next": payload}),
            ("/admin/login/?" + urlencode({"next": payload}), {}),
        ):
            client = Client()
            response = client.post(url, {"username": "erin", "password": PASSWORD, **data})
            assert response.status_code == (400 if "\x00" in payload and not data else 302)
            assert_stays_on_site(response)
            # Already signed in: the login page sends the editor on, still not away.
            assert_stays_on_site(client.get("/admin/login/?" + urlencode({"next": payload})))

    def test_admin_logout(self, payload, logged_in):
        for data in ({"next": payload}, None):
            client = logged_in("Editor")
            url = "/admin/logout/" + ("" if data else "?" + urlencode({"next": payload}))
            assert_stays_on_site(client.post(url, data or {}))

    def test_language_switch(self, payload):
        for code in ("en", "ja"):
            assert_stays_on_site(Client().get(f"/lang/{code}/?" + urlencode({"next": payload})))

    def test_admin_change_form_keeps_list_filters_on_site(self, payload, logged_in, world):
        client = logged_in("Editor")
        tag = world.objects["articles.tag"]
        url = f"/admin/articles/tag/{tag.pk}/change/?" + urlencode({"_changelist_filters": payload})
        fields = form_fields(client.get(url).content.decode(), "tag_form")
        response = client.post(url, fields)
        assert response.status_code == (400 if "\x00" in payload else 302)
        assert_stays_on_site(response)


# Login throttling ------------------------------------------------------------------------


def attempt(client, username, password, **extra):
    return client.post("/admin/login/?next=/admin/", {"username": username, "password": password}, **extra)


@pytest.fixture
def erin():
    return staff_user("Editor", "erin")


class TestLoginThrottle:
    def test_five_failures_lock_the_login_even_with_the_right_password(self, erin):
        client = Client()
        for _ in range(settings.NEWSDESK_LOGIN_MAX_FAILURES):
            response = attempt(client, "erin", "wrong password")
            assert response.status_code == 200 and "正しいユーザー名とパスワードを入力してください" in response.content.decode()
        locked = attempt(client, "erin", PASSWORD)
        assert locked.status_code == 429
        assert 0 < int(locked["Retry-After"]) <= settings.NEWSDESK_LOGIN_WINDOW
        html = locked.content.decode()
        assert "ログインの失敗が続いたため、しばらくログインできません。15 分ほど待ってから" in html
        assert 'id="login-form"' in html  # the form, with the message, not a bare error page
        assert outcome(client.get("/admin/")) == "login"  # not signed in
        # The same username in other letter cases and spacing is the same account.
        assert attempt(client, " ERIN ", PASSWORD).status_code == 429

    def test_the_lock_is_per_username_and_address(self, erin):
        staff_user("Editor", "olga")
        for _ in range(settings.NEWSDESK_LOGIN_MAX_FAILURES):
            attempt(Client(), "erin", "wrong password")
        # Erin elsewhere, and Olga from the same address, are not locked out.
        assert attempt(Client(REMOTE_ADDR="198.51.100.7"), "erin", PASSWORD).status_code == 302
        assert attempt(Client(), "olga", PASSWORD).status_code == 302

    def test_the_lock_outlives_the_page_cache_being_emptied(self, erin, settings):
        """Pages may be evicted under a memory limit (or flooded out): the counts live apart, with the sessions."""
        from django.core.cache import caches

        settings.CACHES = {
            "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "pages"},
            "sessions": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "sessions"},
        }
        settings.SESSION_ENGINE = "django.contrib.sessions.backends.db"
        for _ in range(settings.NEWSDESK_LOGIN_MAX_FAILURES):
            attempt(Client(), "erin", "wrong password")
        caches["default"].clear()
        assert attempt(Client(), "erin", PASSWORD).status_code == 429

    def test_a_successful_login_clears_the_count(self, erin):
        client = Client()
        for _ in range(settings.NEWSDESK_LOGIN_MAX_FAILURES - 1):
            attempt(client, "erin", "wrong password")
        assert attempt(client, "erin", PASSWORD).status_code == 302
        client = Client()
        for _ in range(settings.NEWSDESK_LOGIN_MAX_FAILURES - 1):
            attempt(client, "erin", "wrong password")
        assert attempt(client, "erin", PASSWORD).status_code == 302

    def test_the_lock_ends_with_the_window(self, erin, monkeypatch):
        for _ in range(settings.NEWSDESK_LOGIN_MAX_FAILURES):
            attempt(Client(), "erin", "wrong password")
        assert attempt(Client(), "erin", PASSWORD).status_code == 429
        start = time.time()
        monkeypatch.setattr(throttling, "_now", lambda: start + settings.NEWSDESK_LOGIN_WINDOW - 5)
        assert attempt(Client(), "erin", PASSWORD).status_code == 429
        monkeypatch.setattr(throttling, "_now", lambda: start + settings.NEWSDESK_LOGIN_WINDOW + 1)
        assert attempt(Client(), "erin", PASSWORD).status_code == 302

    def test_many_usernames_from_one_address_lock_that_address(self, erin, settings):
        settings.NEWSDESK_LOGIN_MAX_FAILURES_PER_ADDRESS = 8
        for n in range(8):
            attempt(Client(), f"guess{n}", "wrong password")
        assert attempt(Client(), "erin", PASSWORD).status_code == 429
        assert attempt(Client(REMOTE_ADDR="198.51.100.7"), "erin", PASSWORD).status_code == 302

    def test_behind_the_proxy_the_address_is_the_one_nginx_saw(self, erin, settings):
        settings.NEWSDESK_BEHIND_PROXY = True
        for n in range(settings.NEWSDESK_LOGIN_MAX_FAILURES):
            # A client can put anything at the front of X-Forwarded-For; nginx appends the real address.
            attempt(Client(), "erin", "wrong password", headers={"x-forwarded-for": f"10.0.0.{n}, 203.0.113.9"})
        assert attempt(Client(), "erin", PASSWORD, headers={"x-forwarded-for": "203.0.113.9"}).status_code == 429
        assert attempt(Client(), "erin", PASSWORD, headers={"x-forwarded-for": "203.0.113.10"}).status_code == 302

    def test_the_admin_site_is_ours(self):
        from editorial.admin_site import NewsdeskAdminSite

        assert isinstance(admin.site._wrapped if hasattr(admin.site, "_wrapped") else admin.site, NewsdeskAdminSite)


class TestChiefEditorsCannotEscalate:
    def test_a_chief_editor_cannot_make_anyone_superuser_or_touch_a_superuser(self, client):
        from django.contrib.auth.models import Group, User

        chief = User.objects.create_user("chief", password="pw", is_staff=True)
        chief.groups.add(Group.objects.get(name="Chief editor"))
        root = User.objects.create_superuser("root", password="pw")
        client.force_login(chief)
        url = f"/admin/auth/user/{chief.pk}/change/"
        html = client.get(url).content.decode()
        assert 'name="is_superuser"' not in html and 'name="user_permissions"' not in html
        from tests.htmlforms import form_fields

        fields = form_fields(html, "user_form")
        fields["is_superuser"] = ["on"]
        client.post(url, fields)
        chief.refresh_from_db()
        assert not chief.is_superuser
        # A superuser's account can be looked at, not changed or deleted.
        root_url = f"/admin/auth/user/{root.pk}/change/"
        assert 'name="_save"' not in client.get(root_url).content.decode()
        assert client.post(root_url, {"username": "taken-over", "is_active": ""}).status_code == 403
        client.post(f"/admin/auth/user/{root.pk}/delete/", {"post": "yes"})
        root.refresh_from_db()
        assert root.username == "root" and root.is_active

    @pytest.mark.parametrize("role", ["Translator", "Editor", "Chief editor"])
    def test_a_chief_editor_cannot_add_permissions_to_a_role(self, client, role):
        from articles import roles

        client.force_login(staff_user("Chief editor", "chief"))
        group = Group.objects.get(name=role)
        url = f"/admin/auth/group/{group.pk}/change/"
        html = client.get(url).content.decode()
        assert 'name="permissions"' not in html
        assert "articles/roles.py" in html  # says where the role's permissions come from
        before = set(group.permissions.values_list("pk", flat=True))
        fields = form_fields(html, "group_form")
        extra = [str(p) for p in ContentType.objects.get_for_model(Group).permission_set.values_list("pk", flat=True)]
        extra += [str(pk) for pk in Permission.objects.filter(codename="change_permission").values_list("pk", flat=True)]
        fields["permissions"] = extra
        assert client.post(url, fields).status_code == 302  # the name may change; nothing else is taken
        assert set(group.permissions.values_list("pk", flat=True)) == before
        held = {f"{app}.{codename}" for app, codename in group.permissions.values_list("content_type__app_label", "codename")}
        assert held == set(roles.ROLES[role])

    def test_a_chief_editor_cannot_make_a_group_with_other_permissions(self, client):
        chief = staff_user("Chief editor", "chief")
        client.force_login(chief)
        html = client.get("/admin/auth/group/add/").content.decode()
        assert 'name="permissions"' not in html
        wanted = Permission.objects.filter(codename__in=("change_permission", "delete_logentry"))
        response = client.post("/admin/auth/group/add/", {"name": "助っ人", "permissions": [p.pk for p in wanted]})
        assert response.status_code == 302
        assert not Group.objects.get(name="助っ人").permissions.exists()
        chief.groups.add(Group.objects.get(name="助っ人"))
        assert not User.objects.get(pk=chief.pk).has_perm("auth.change_permission")

    def test_a_superuser_still_sets_other_groups_permissions_but_not_a_roles(self, client):
        client.force_login(staff_user("superuser", "root"))
        assert 'name="permissions"' in client.get("/admin/auth/group/add/").content.decode()
        translator = Group.objects.get(name="Translator")
        assert 'name="permissions"' not in client.get(f"/admin/auth/group/{translator.pk}/change/").content.decode()


def test_a_page_the_role_may_not_use_says_so_in_words_with_a_way_back(client, editor):
    """Editors may not delete stories: the answer is a page that says why, not a bare "403 Forbidden"."""
    story = make_article(title="消せない記事")
    response = client.get(f"/admin/articles/article/{story.pk}/delete/")
    assert response.status_code == 403
    html = response.content.decode()
    assert "この操作を行う権限がありません" in html and 'href="/admin/"' in html
    assert Article.objects.filter(pk=story.pk).exists()
