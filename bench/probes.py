"""Through the edge cache, with no one else writing: an edit shows at once, and a page it does not touch stays a hit.

Run in a process with Django set up on the benchmark's database and caches:

    python bench/probes.py --edge-port PORT --out RESULT.json [--trials 3]

Each trial takes two stories outside the editors' working set, A and B.
It requests B's page and the home page through the edge cache until the
answer is a hit (Varnish's X-Varnish header names two transactions), edits
A's body through the write path (`save_story`, by an editor), requests A's
page every 20 ms until the new paragraph shows (the time from the save's
return), then requests B's page and the home page once more: each should
still be a hit, since neither shows A's body.
"""

import argparse
import http.client
import json
import time
from pathlib import Path

from editors import POLL_EVERY, WORKING_SET, edit_body, editor_accounts, setup_django

GIVE_UP_AFTER = 5.0


class Edge:
    def __init__(self, port: int):
        self.port = port

    def get(self, path: str) -> tuple[bool, str]:
        """(answered from the cache, body)."""
        conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=10)
        try:
            conn.request("GET", path)
            response = conn.getresponse()
            body = response.read().decode("utf-8", "replace")
            return len((response.getheader("X-Varnish") or "").split()) == 2, body
        finally:
            conn.close()

    def until_hit(self, path: str, tries: int = 5) -> bool:
        for _ in range(tries):
            if self.get(path)[0]:
                return True
        return False


def trial(edge: Edge, editor, a_id: int, b_url: str, token: str) -> dict:
    from django.utils.encoding import iri_to_uri

    from articles.models import Article

    others = {"another story's page": b_url, "the home page": "/"}
    before = {name: edge.until_hit(path) for name, path in others.items()}
    article, marker = edit_body(a_id, by=editor, token=token)
    saved = time.monotonic()
    url = iri_to_uri(article.get_absolute_url())
    visible_after = None
    while time.monotonic() - saved < GIVE_UP_AFTER:
        if marker in edge.get(url)[1]:
            visible_after = time.monotonic() - saved
            break
        time.sleep(POLL_EVERY)
    after = {name: edge.get(path)[0] for name, path in others.items()}
    return {"edited": Article.objects.get(pk=a_id).title, "visible_after": visible_after,
            "hit_before": before, "hit_after": after}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--edge-port", type=int, required=True)
    parser.add_argument("--trials", type=int, default=3)
    parser.add_argument("--out", type=Path, required=True)
    args = parser.parse_args()
    setup_django()
    from django.utils.encoding import iri_to_uri

    from articles.models import Article

    editor = editor_accounts(1)[0]
    ids = list(Article.objects.published().order_by("-published_at").values_list("id", flat=True)
               [WORKING_SET + 10:WORKING_SET + 10 + 2 * args.trials])
    edge = Edge(args.edge_port)
    results = []
    for k in range(args.trials):
        b = Article.objects.get(pk=ids[2 * k + 1])
        results.append(trial(edge, editor, ids[2 * k], iri_to_uri(b.get_absolute_url()), f"0-{k}"))
    args.out.write_text(json.dumps(results, ensure_ascii=False))


if __name__ == "__main__":
    main()
