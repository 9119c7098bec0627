"""Feeds and article pages written for these tests, hostile ones included (fictional text)."""

ARTICLE_PARAGRAPHS = [
    ("Harbor Ledger has learned that the port authority of Eastmouth will double its container capacity by 2029, "
    "a plan that officials described on Tuesday as the largest public works project in the city's history."),
    ("The expansion, estimated at 4.2 billion dollars, would add two deep-water berths and an automated rail yard. "
    "Local shipping companies welcomed the announcement, while residents near the waterfront raised concerns."),
    ("Officials said the first phase would begin next spring, pending an environmental review that is expected "
    "to take at least nine months and to include public hearings in every affected district."),
    ("Critics argue that the authority underestimated the cost of dredging, pointing to a similar project in "
    "a neighbouring city that ran three years late and far over its original budget."),
    ("The authority's chair, Miriam Okafor, said the plan had been revised twice to answer those concerns and "
    "that independent engineers had reviewed the dredging estimates in detail last year."),
]


def article_page(*, author=True, date=True, lang="en", title="Eastmouth port to double its capacity") -> str:
    p = ARTICLE_PARAGRAPHS
    meta = ""
    if author:
        meta += '<meta name="author" content="Jane Marlow">'
    if date:
        meta += '<meta property="article:published_time" content="2026-11-30T14:05:00+00:00">'
    return f"""<!DOCTYPE html>
<html lang="{lang}"><head><meta charset="utf-8"><title>{title} | Harbor Ledger</title>
<meta property="og:title" content="{title}">{meta}
<script>window.tracker = function() {{ document.write('<img src=//evil.example/p>'); }}; tracker();</script>
<style>body {{ color: red }}</style>
</head><body>
<header><nav><ul><li><a href="/">Home</a></li><li><a href="/world">World</a></li><li><a href="/business">Business</a>
</li><li><a href="/sport">Sport</a></li></ul></nav><div class="search">Search</div></header>
<main><article>
<h1>{title}</h1>
<div class="share">Share this article</div>
<p>{p[0]}</p>
<div class="video-player"><p>Watch now</p><button>Play video</button>
<noscript>Please enable JavaScript to watch this video</noscript></div>
<script>alert("stolen cookies: " + document.cookie)</script>
<p>{p[1]}</p>
<figure><img src="/images/port.jpg" alt="Cranes at the Eastmouth container terminal">
<figcaption>Cranes at the Eastmouth terminal at dawn. <span class="credit">Photo: Lena Ruiz / Harbor Ledger</span>
</figcaption></figure>
<h2>A long review ahead</h2>
<p>{p[2]}</p>
<p>Watch: Residents speak about the plan</p>
<aside class="related"><h3>Related stories</h3><ul><li><a href="/a">Port strike ends</a></li>
<li><a href="/b">Rail yard vote delayed</a></li></ul></aside>
<h2>Cost questions</h2>
<p>{p[3]}</p>
<iframe src="https://ads.example/frame"></iframe>
<p>Advertisement</p>
<p>{p[4]}</p>
<p onclick="alert(1)">Subscribe to our newsletter</p>
</article></main>
<footer><p>© 2026 Harbor Ledger. All rights reserved.</p><a href="/privacy">Privacy</a></footer>
<script src="/app.js"></script>
</body></html>"""


def rss(items, *, title="Harbor Ledger — World") -> str:
    entries = "".join(
        f"<item><title>{item['title']}</title><link>{item['link']}</link>"
        f"<description>{item.get('summary', '')}</description>"
        f"<pubDate>{item.get('date', 'Mon, 30 Nov 2026 14:05:00 +0000')}</pubDate></item>"
        for item in items
    )
    return (f'<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>{title}</title>'
            f"<link>https://harbor.example/</link><description>World news</description>{entries}</channel></rss>")


def atom(items) -> str:
    entries = "".join(
        f"<entry><title>{item['title']}</title><link href=\"{item['link']}\"/><id>{item['link']}</id>"
        f"<updated>2026-11-30T14:05:00Z</updated><summary>{item.get('summary', '')}</summary></entry>"
        for item in items
    )
    return ('<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom">'
            f"<title>Atom Desk</title><id>urn:atom-desk</id><updated>2026-11-30T14:05:00Z</updated>{entries}</feed>")
