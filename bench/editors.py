"""Editors at work while readers read: saves through the write path, each timed and counted.

Run in a process with Django set up on the benchmark's database and caches:

    python bench/editors.py --editors 10 --interval 5 --start-at EPOCH --seconds 20 --out RESULT.json
                            [--edge-port PORT]

Each editor saves on average every INTERVAL seconds (exponential gaps, so
saves bunch up as real ones do), on one of the newest stories: 70% body
edits (a paragraph added, the one before taken out), 20% retitles, 10% a
new story published from the desk (a copy of a recent one, with its key
points, tags and figures on images already stored). Every save is
`articles.stories.save_story` by an editor (the Editor role), as the
admin's save is. With --edge-port, after each edit of a public story its
page is requested through the edge cache every 20 ms until the change
shows, by a thread beside the saves: the time from the save's return to the
first answer that shows it.
"""

import argparse
import heapq
import http.client
import json
import os
import random
import re
import sys
import threading
import time
from pathlib import Path

WORKING_SET = 50  # editors work on the newest stories
ACTIONS = (("body", 0.7), ("retitle", 0.2), ("new", 0.1))
POLL_EVERY = 0.02
GIVE_UP_AFTER = 5.0
ADDED = re.compile(r"\n\n編集部追記[0-9-]+。$")
RETITLED = re.compile(r"【更新[0-9-]+】$")


def setup_django() -> None:
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "newsdesk.settings")
    import django

    django.setup()


def editor_accounts(count: int) -> list:
    """bench-editor-1 … N, in the Editor role (made when missing)."""
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Group

    from articles import roles

    group = Group.objects.get(name=roles.EDITOR)
    users = []
    for i in range(1, count + 1):
        user, _ = get_user_model().objects.get_or_create(username=f"bench-editor-{i}", defaults={"is_staff": True})
        user.groups.add(group)
        users.append(user)
    return users


def edit_body(article_id: int, *, by, token: str):
    """Add a paragraph at the end of the body (taking out the one an earlier edit added); returns (article, marker)."""
    from articles import stories
    from articles.models import Article

    article = Article.objects.get(pk=article_id)
    marker = f"編集部追記{token}。"
    article.body = ADDED.sub("", article.body) + "\n\n" + marker
    stories.save_story(article, by=by, expected_version=article.version)
    return article, marker


def retitle(article_id: int, *, by, token: str):
    from articles import stories
    from articles.models import Article

    article = Article.objects.get(pk=article_id)
    article.title = RETITLED.sub("", article.title) + f"【更新{token}】"
    stories.save_story(article, by=by, expected_version=article.version)
    return article, article.title


def publish_new(*, by, token: str):
    """A new story from the desk, published now: a recent story's text and parts under a new original URL."""
    from django.utils import timezone

    from articles import stories
    from articles.models import Article, Figure
    from articles.story_data import write_key_points

    template = Article.objects.published().order_by("-published_at").first()
    points = [{"heading": kp.heading, "body": kp.body} for kp in template.key_points.all()]
    tags = list(template.tags.all())
    figures = list(template.figures.all())
    article = Article(
        title=f"速報 {template.title[:60]}（{token}）", lead=template.lead, body=template.body,
        impact_analysis=template.impact_analysis, editorial_comment=template.editorial_comment,
        original_title=f"Breaking: desk story {token}", original_body=template.original_body,
        original_url=f"https://desk.example.net/{token}", original_author=template.original_author,
        original_published_at=timezone.now(), original_language="en", source_id=template.source_id,
        category_id=template.category_id, status=Article.Status.PUBLISHED, published_at=timezone.now(),
    )

    def write_figures(saved):
        for position, f in enumerate(figures, start=1):
            Figure(article=saved, position=position, image=f.image.name, width=f.width, height=f.height,
                   renditions=f.renditions, source_sha256=f.source_sha256, caption=f.caption, credit=f.credit,
                   alt_text=f.alt_text, video_url=f.video_url).save()

    parts = [lambda saved: write_key_points(saved, points), lambda saved: saved.tags.set(tags), write_figures]
    stories.save_story(article, by=by, parts=parts)
    return article


class EdgeWatch(threading.Thread):
    """Requests edited pages through the edge cache until each edit shows, in a thread of its own.

    Polling beside the saves, not between them: a save that takes a while (a new story with its
    figures) must not hold up the look at the edit before it, or the harness measures itself.
    """

    def __init__(self, port: int):
        super().__init__(daemon=True)
        self.port = port
        self.pending: list[tuple[float, str, str, float, str]] = []  # (next poll, path, text, saved at, kind)
        self.visible_after: list[float] = []
        self.never_visible = 0
        self.superseded = 0
        self.conn = None
        self.changed = threading.Condition()
        self.closing = False

    def watch(self, path: str, text: str, saved_at: float, kind: str) -> None:
        """Poll `path` until `text` shows. An edit of the same kind to the same story not yet seen is
        dropped: this one took its text out (a body edit replaces the paragraph the last one added), so
        it can never show; it is counted apart, as superseded."""
        with self.changed:
            kept = [entry for entry in self.pending if (entry[1], entry[4]) != (path, kind)]
            self.superseded += len(self.pending) - len(kept)
            heapq.heapify(kept)
            self.pending = kept
            heapq.heappush(self.pending, (saved_at, path, text, saved_at, kind))
            self.changed.notify()

    def finish(self) -> None:
        """Wait until every edit has shown or been given up on."""
        with self.changed:
            self.closing = True
            self.changed.notify()
        self.join()

    def run(self) -> None:
        while True:
            with self.changed:
                while not self.pending and not self.closing:
                    self.changed.wait()
                if not self.pending:
                    return
                due = self.pending[0][0]
                wait = due - time.monotonic()
                if wait > 0:
                    self.changed.wait(wait)
                    continue
                _, path, text, saved_at, kind = heapq.heappop(self.pending)
            shown = text in self.get(path)
            answered = time.monotonic()
            with self.changed:
                if shown:
                    self.visible_after.append(answered - saved_at)
                elif answered - saved_at > GIVE_UP_AFTER:
                    self.never_visible += 1
                else:
                    heapq.heappush(self.pending, (answered + POLL_EVERY, path, text, saved_at, kind))

    def get(self, path: str) -> str:
        for _ in range(2):
            try:
                if self.conn is None:
                    self.conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=5)
                self.conn.request("GET", path)
                return self.conn.getresponse().read().decode("utf-8", "replace")
            except (OSError, http.client.HTTPException):
                self.conn.close()
                self.conn = None
        return ""


def work(users: list, *, interval: float, seconds: float, edge: EdgeWatch | None, seed: int) -> dict:
    from articles.models import Article
    from articles.stories import StaleStory

    rnd = random.Random(seed)
    start = time.monotonic()
    end = start + seconds
    queue = [(start + rnd.expovariate(1 / interval), i) for i in range(len(users))]
    heapq.heapify(queue)
    counts = {"body": 0, "retitle": 0, "new": 0, "stale": 0, "failed": 0}
    durations, n = [], 0
    if edge:
        edge.start()
    while True:
        now = time.monotonic()
        if now >= end:
            break
        if queue and queue[0][0] <= now:
            _, editor = heapq.heappop(queue)
            heapq.heappush(queue, (now + rnd.expovariate(1 / interval), editor))
            action = rnd.choices([a for a, _ in ACTIONS], weights=[w for _, w in ACTIONS])[0]
            n += 1
            token = f"{os.getpid()}-{n}"
            newest = list(Article.objects.published().order_by("-published_at").values_list("id", flat=True)
                          [:WORKING_SET])
            began = time.monotonic()
            try:
                if action == "new":
                    publish_new(by=users[editor], token=token)
                else:
                    change = edit_body if action == "body" else retitle
                    article, text = change(rnd.choice(newest), by=users[editor], token=token)
                    if edge:
                        edge.watch(article.get_absolute_url(), text, time.monotonic(), action)
                counts[action] += 1
                durations.append(time.monotonic() - began)
            except StaleStory:
                counts["stale"] += 1
            except Exception as exc:  # counted and named in the report, never silently lost
                counts["failed"] += 1
                print(f"save failed: {exc!r}", file=sys.stderr, flush=True)
            continue
        time.sleep(max(0.0, min(queue[0][0] if queue else end, end) - time.monotonic()))
    elapsed = time.monotonic() - start
    if edge:
        edge.finish()
    result = {"seconds": elapsed, "editors": len(users), "interval": interval, "counts": counts,
              "saves": counts["body"] + counts["retitle"] + counts["new"], "save_seconds": durations}
    if edge:
        result["visible_after"] = edge.visible_after
        result["never_visible"] = edge.never_visible
        result["superseded"] = edge.superseded
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--editors", type=int, default=10)
    parser.add_argument("--interval", type=float, default=5.0, help="mean seconds between one editor's saves")
    parser.add_argument("--seconds", type=float, required=True)
    parser.add_argument("--start-at", type=float, help="time.time() to begin at (after Django has started)")
    parser.add_argument("--edge-port", type=int)
    parser.add_argument("--seed", type=int, default=3)
    parser.add_argument("--out", type=Path, required=True)
    args = parser.parse_args()
    setup_django()
    users = editor_accounts(args.editors)
    if args.start_at:
        time.sleep(max(0.0, args.start_at - time.time()))
    edge = EdgeWatch(args.edge_port) if args.edge_port else None
    result = work(users, interval=args.interval, seconds=args.seconds, edge=edge, seed=args.seed)
    args.out.write_text(json.dumps(result))


if __name__ == "__main__":
    main()
