#!/usr/bin/env python
"""The article page's render cost in CPU instructions per request, counted by callgrind.

Wall-clock time on a shared machine moves with everything else running on
it; the instructions a request executes do not. This renders a real story's
page (the newest with corrections: figures with renditions, videos, editors'
picks, corrections, as bench/inprocess.py picks it) through Django's test
client with nothing cached, under `valgrind --tool=callgrind`, counting only
the measured requests (after a warm-up), and prints instructions per request.

    .venv/bin/python bench/render_cost.py --data DIR [--size 1000] [--requests 20] [--pieces]
                                          [--url /articles/…/] [--keep OUT]

`--data` is a folder `bench/serve.py --load-only --data DIR` loaded (its
SQLite database and media are used as they are; the page reads only). With
`--database-url` instead, any loaded database. `--pieces` also counts parts
of the page on their own; `--checkout DIR` measures another checkout's code
(the other side of a comparison, on the same database). `--keep OUT` keeps callgrind's output, one file
per part (OUT.1, …): `callgrind_annotate --inclusive=yes OUT.1` shows where
the instructions go, by C function (the interpreter, SQLite, the regular
expressions, the hashing…). Django is set up with the instrumentation off
(`--instr-atstart=no`, turned on with callgrind_control after the warm-up),
so a run takes a minute or two rather than many.
"""

import argparse
import os
import re
import subprocess
import sys
import tempfile
from pathlib import Path

BENCH = Path(__file__).resolve().parent
ROOT = BENCH.parent
# Callgrind counts only inside this C function, which nothing else calls: each measured
# block runs as `sys.call_tracing(block, ())`.
TOGGLE = "sys_call_tracing"


def environment(database_url: str, media: Path | None, static: Path) -> dict:
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "newsdesk.settings",
        "DJANGO_ENV": "production",
        "DJANGO_HTTPS": "false",
        "DJANGO_SECRET_KEY": "bench-" + "x" * 60,
        "DJANGO_ALLOWED_HOSTS": "127.0.0.1,localhost,testserver",
        "DATABASE_URL": database_url,
        "CACHE_URL": "dummycache://",
        "NEWSDESK_PAGE_CACHE": "false",
        "DJANGO_STATIC_ROOT": str(static),
    }
    env.pop("DJANGO_DEBUG", None)
    if media:
        env["DJANGO_MEDIA_ROOT"] = str(media)
    return env


def measure(args) -> None:
    """Under callgrind: warm up, then each measured block inside TOGGLE, dumped as a part of its own."""
    sys.path.insert(0, str(args.checkout))
    import django

    django.setup()
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext
    from django.utils.encoding import iri_to_uri

    import newsdesk.wsgi  # noqa: F401  what gunicorn loads
    from articles.models import Article

    url = args.url
    if not url:
        story = (Article.objects.published().filter(corrections__isnull=False).order_by("-published_at").first()
                 or Article.objects.published().order_by("-published_at").first())
        url = iri_to_uri(story.get_absolute_url())
    client = Client()
    for _ in range(args.warmup):
        response = client.get(url)
        assert response.status_code == 200, (url, response.status_code)
    with CaptureQueriesContext(connection) as queries:
        size = len(client.get(url).content)
    count = len(queries)

    # Instrumenting (and so slowing) only from here: setting Django up under callgrind takes minutes.
    control(["--instr=on"])
    pieces = [("request", lambda: client.get(url))] + (page_pieces(client, url) if args.pieces else [])
    for label, piece in pieces:
        piece()  # its first run compiles what it uses
        control(["--zero"])
        sys.call_tracing(_repeat, (piece, args.requests))
        control([f"--dump={label}"])
    print(f"url={url} queries={count} bytes={size}", file=sys.stderr)


def control(options: list[str]) -> None:
    subprocess.run(["callgrind_control", *options, str(os.getpid())], check=True, stdout=subprocess.DEVNULL)


def _repeat(piece, times: int) -> None:
    for _ in range(times):
        piece()


def page_pieces(client, url: str) -> list:
    """Parts of the article page's work, each on its own (with --pieces): what a request spends on each."""
    from django.template.loader import get_template
    from django.test import RequestFactory
    from django.urls import resolve
    from django.utils.encoding import uri_to_iri

    from articles.models import ArticleTag
    from reader import context_processors, related, structured_data, views

    slug = resolve(url).kwargs["slug"]
    request = RequestFactory().get(url)
    article = views._article_page_queryset().published().get(slug=uri_to_iri(slug))
    tags = ArticleTag.objects.tags_of(article.pk)
    view = views.ArticleDetailView.as_view()

    def rendered():
        response = view(request, slug=uri_to_iri(slug))
        return response.render()

    context = {"article": article, "object": article, **views.article_page_context(article),
               "ranking": views.ranking_context()}
    template = get_template("articles/article_detail.html")

    return [
        ("article query", lambda: views._article_page_queryset().published().get(slug=uri_to_iri(slug))),
        ("tags query", lambda: ArticleTag.objects.tags_of(article.pk)),
        ("related reading", lambda: related.related_articles(article, tags=tags)),
        ("page context", lambda: views.article_page_context(article)),
        ("ranking", views.ranking_context),
        ("header categories", context_processors.header_categories),
        ("page meta", lambda: structured_data.page_meta(article, request=request, figure=context["first_figure"],
                                                        tags=tags)),
        ("templates alone", lambda: template.render(context, request)),
        ("view and templates", rendered),
    ]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, help="a folder bench/serve.py --load-only --data loaded")
    parser.add_argument("--size", type=int, default=1000)
    parser.add_argument("--database-url", help="instead of --data: the database to read")
    parser.add_argument("--url", help="the page (default: the newest story with corrections)")
    parser.add_argument("--requests", type=int, default=20)
    parser.add_argument("--warmup", type=int, default=10)
    parser.add_argument("--keep", type=Path, help="keep callgrind's output here (OUT.1 … per part)")
    parser.add_argument("--pieces", action="store_true", help="also measure parts of the page on their own")
    parser.add_argument("--checkout", type=Path, default=ROOT,
                        help="measure the code of this checkout (the other side of a comparison; default: this one)")
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        measure(args)
        return
    if args.database_url:
        database_url, media = args.database_url, None
    elif args.data:
        loaded = args.data / f"sqlite-{args.size}"
        database_url, media = f"sqlite:///{loaded / 'newsdesk.sqlite3'}", loaded / "media"
    else:
        sys.exit("--data or --database-url")
    checkout = args.checkout.resolve()
    static = Path(tempfile.gettempdir()) / "newsdesk-render-cost-static"
    env = environment(database_url, media, static)
    if not static.exists():  # production settings name assets by their manifest
        subprocess.run([sys.executable, "manage.py", "collectstatic", "--noinput", "-v0"], cwd=checkout, env=env,
                       check=True)
    out = args.keep or Path(tempfile.mkstemp(prefix="callgrind-")[1])
    child = [sys.executable, __file__, "--child", "--checkout", str(checkout), "--requests", str(args.requests),
             "--warmup", str(args.warmup)]
    if args.url:
        child += ["--url", args.url]
    if args.pieces:
        child.append("--pieces")
    done = subprocess.run(
        ["valgrind", "--tool=callgrind", "--instr-atstart=no", "--collect-atstart=no", f"--toggle-collect={TOGGLE}",
         f"--callgrind-out-file={out}", *child],
        check=False, cwd=checkout, env=env, capture_output=True, text=True,
    )
    if done.returncode:
        sys.exit(done.stderr[-3000:])
    page = re.search(r"^url=.*$", done.stderr, re.MULTILINE)
    print(page.group(0) if page else "")
    for part in sorted(out.parent.glob(out.name + ".*"), key=lambda p: int(p.suffix[1:])):
        text = part.read_text(errors="replace")
        label = re.search(r"^desc: Trigger: Client Request: (.*)$|^desc: Trigger: (.*)$", text, re.MULTILINE)
        total = re.search(r"^(?:summary|totals): (\d+)", text, re.MULTILINE)
        name = (label.group(1) or label.group(2)).strip().removeprefix("dump ") if label else part.name
        if name == "Program termination":
            part.unlink()
            continue
        print(f"{name}: {int(total.group(1)) / args.requests:,.0f} instructions")
        if not args.keep:
            part.unlink()
    if not args.keep:
        out.unlink(missing_ok=True)


if __name__ == "__main__":
    main()
