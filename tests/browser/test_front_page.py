"""The front page in Chromium at 1280 px and 360 px: a pinned lead with its image, sections, rankings,
and a view counted through the article page's beacon showing in the ranking."""

from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.core.files import File
from playwright.sync_api import expect

from articles.models import Figure, FrontPageSlot
from ranking import counting
from ranking.models import HourlyViews
from tests.factories import at, make_article, make_category
from tests.helpers import wait_for

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

DEMO_IMAGES = Path(__file__).resolve().parents[2] / "demo" / "images"
# What a phone loads for the first screen of the front page: HTML, CSS, JS and the images Chromium
# fetches for it (the lead, and the lazy thumbnails close enough below the fold to be fetched early).
FIRST_VIEW_BUDGET = 160 * 1024  # bytes, at 360 px and a device pixel ratio of 2


def with_photo(article, name: str, alt: str) -> None:
    """A figure on one of the demo's photographs (real pictures weigh what real pictures weigh)."""
    with (DEMO_IMAGES / name).open("rb") as fh:
        figure = Figure(article=article, position=1, alt_text=alt, caption=alt)
        figure.image = File(fh, name=name)
        figure.save()  # its renditions are made once the save commits


@pytest.fixture
def front(live_server):
    science, business, policy = make_category("科学"), make_category("ビジネス"), make_category("政策")
    photos = sorted(p.name for p in DEMO_IMAGES.glob("*.jpg"))
    stories = []
    for n in range(12):
        category = (science, business, policy)[n % 3]
        story = make_article(
            title=f"{category.name}の記事{n:02d}：長い見出しが折り返しても崩れないことを確かめるための見出し",
            category=category, published_at=at(2026, 11, 27, 8 + n % 12, n),
        )
        if n >= 7:
            with_photo(story, photos[n % len(photos)], f"{category.name}の写真{n}")
        stories.append(story)
    pinned = make_article(title="編集部が固定したトップ記事", lead="編集部が選んだトップのリード。", category=science,
                          published_at=at(2026, 11, 26, 9, 0))
    with_photo(pinned, photos[0], "固定した記事の写真")
    FrontPageSlot.objects.create(position=FrontPageSlot.LEAD, article=pinned)
    for story, views in ((stories[3], 5), (stories[5], 2)):
        HourlyViews.objects.create(article=story, hour=counting._hour_of(counting.timezone.now()), views=views)
    counting.count_views()
    return {"url": live_server.url, "pinned": pinned, "stories": stories}


@pytest.mark.parametrize("width", [1280, 360])
def test_the_front_page_shows_a_pinned_lead_with_its_image_sections_and_rankings(page, front, artifacts, width):
    page.set_viewport_size({"width": width, "height": 900})
    page.goto(front["url"] + "/")
    lead = page.locator(".lead-story")
    expect(lead.get_by_role("heading", name="編集部が固定したトップ記事")).to_be_visible()
    image = lead.get_by_role("img", name="固定した記事の写真")
    expect(image).to_be_visible()
    assert image.evaluate("img => img.complete && img.naturalWidth > 0")
    expect(page.locator(".secondary-story")).to_have_count(4)
    expect(page.locator(".front-section h2")).to_have_text(["ビジネス", "政策", "科学"])
    ranking = page.locator(".ranking").first
    expect(ranking.locator("#ranking-heading-day + ol li")).to_have_count(2)
    expect(ranking.locator("#ranking-heading-day + ol li").first).to_contain_text("記事03")
    page.evaluate("window.scrollTo(0, document.body.scrollHeight)")
    page.wait_for_load_state("networkidle")
    page.screenshot(path=artifacts / f"front-{width}.png", full_page=True)
    assert page.evaluate("document.documentElement.scrollWidth") <= width  # nothing sideways on phones


def test_the_front_page_works_without_javascript(browser, browser_context_args, front):
    context = browser.new_context(**{**browser_context_args, "java_script_enabled": False})
    page = context.new_page()
    page.goto(front["url"] + "/")
    expect(page.locator(".lead-story__title")).to_have_text("編集部が固定したトップ記事")
    page.get_by_role("link", name="すべての記事を見る").click()
    expect(page).to_have_url(front["url"] + "/latest/")
    expect(page.locator("article.card")).to_have_count(13)
    context.close()


def test_the_first_view_at_360px_stays_within_its_weight_budget(browser, browser_context_args, front):
    context = browser.new_context(**{**browser_context_args, "viewport": {"width": 360, "height": 740},
                                     "device_scale_factor": 2})
    page = context.new_page()
    loaded: dict[str, int] = {}
    page.on("requestfinished", lambda request: loaded.__setitem__(request.url, request.sizes()["responseBodySize"]))
    page.goto(front["url"] + "/")
    page.wait_for_load_state("networkidle")
    images = [url for url in loaded if "/media/" in url]
    assert any(url.endswith("-800.webp") for url in images), images  # the lead, sized for the screen
    assert all(url.endswith("-480.webp") for url in images if "800" not in url), images  # thumbnails: the smallest
    print(f"first view at 360 px: {sum(loaded.values())} bytes in {len(loaded)} responses")
    assert sum(loaded.values()) < FIRST_VIEW_BUDGET, loaded
    context.close()


def test_the_front_page_has_no_serious_accessibility_violations(page, front):
    page.goto(front["url"] + "/")
    results = Axe().run(page)
    serious = [v for v in results.response["violations"] if v["impact"] in ("serious", "critical")]
    assert serious == [], [(v["id"], v["help"], [n["target"] for n in v["nodes"]][:3]) for v in serious]


def test_a_view_sent_by_the_article_page_shows_in_the_ranking(page, front, artifacts):
    story = front["stories"][0]  # never viewed yet
    page.goto(front["url"] + story.get_absolute_url())
    expect(page.locator(".article__title")).to_contain_text("記事00")
    # The minute's job moves the counts from Redis (in the production profile; without it the
    # beacon wrote to the database itself) and recounts the rankings.
    def counted() -> bool:
        counting.count_views()
        return HourlyViews.objects.filter(article=story).exists()

    assert wait_for(counted, 10)
    page.goto(front["url"] + "/")
    day = page.locator("#ranking-heading-day + ol li")
    expect(day).to_have_count(3)
    expect(day.filter(has_text="記事00")).to_have_count(1)
    page.screenshot(path=artifacts / "front-ranking-1280.png", full_page=True)
