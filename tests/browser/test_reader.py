"""The reader site in Chromium, with JavaScript on and off."""

import datetime

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

from articles.models import RelatedLink
from tests.factories import at, make_article, make_figure, make_tag

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


@pytest.fixture
def site(live_server):
    ai = make_tag("AI")
    story = make_article(
        original_title="Harbor cranes go electric",
        title="港のクレーンが電動化、物流の脱炭素が加速",
        lead="大手港湾運営会社がクレーンの電動化を完了した。",
        body="港湾の電動化が進む。\n\n[[figure:1]]\n\n## 背景\n\n燃料費の高騰が背景にある。\n\n[[figure:2]]",
        original_body="Ports are electrifying.\n\n## Background\n\nFuel costs are rising.",
        impact_analysis="物流コストの構造が変わる。",
        editorial_comment="日本の港湾にも波及しそうだ。",
        tags=[ai], key_points=4, published_at=at(2026, 11, 27, 9, 30),
    )
    make_figure(story, position=1, caption="電動クレーン", credit="イラスト: 編集部", alt_text="港に並ぶクレーン")
    make_figure(story, position=2, caption="解説動画", alt_text="動画の一場面", video_url="https://video.example/watch/1")
    next_read = make_article(title="次に読む記事", lead="関連のリード。", published_at=at(2026, 11, 26, 9, 0))
    RelatedLink.objects.create(from_article=story, to_article=next_read, position=1)
    for i in range(23):
        make_article(
            title=f"AIの話題{i:02d}", tags=[ai], published_at=at(2026, 11, 1, 0, 0) + datetime.timedelta(hours=i),
        )
    return {"url": live_server.url, "story": story, "next_read": next_read, "tag": ai}


def test_analysis_opens_on_click(any_page, site):
    page = any_page
    page.goto(site["url"] + site["story"].get_absolute_url())
    impact = page.get_by_role("heading", name="影響分析", exact=True)
    comment = page.get_by_role("heading", name="編集コメント", exact=True)
    expect(impact).to_be_hidden()
    expect(comment).to_be_hidden()
    page.get_by_text("影響分析・編集コメントを表示").click()
    expect(impact).to_be_visible()
    expect(comment).to_be_visible()
    expect(page.get_by_text("物流コストの構造が変わる。")).to_be_visible()


def test_the_original_is_revealed_on_click(any_page, site):
    page = any_page
    page.goto(site["url"] + site["story"].get_absolute_url())
    original = page.get_by_text("Fuel costs are rising.")
    expect(original).to_be_hidden()
    page.get_by_text("原文を表示").click()
    expect(original).to_be_visible()
    expect(page.locator(".original__content")).to_have_attribute("lang", "en")


def test_a_related_link_navigates(any_page, site):
    page = any_page
    page.goto(site["url"] + site["story"].get_absolute_url())
    page.locator(".related").get_by_role("link", name="次に読む記事").click()
    expect(page).to_have_url(site["url"] + site["next_read"].get_absolute_url())
    expect(page.get_by_role("heading", level=1)).to_contain_text("次に読む記事")


def test_a_tag_filter_then_page_two(any_page, site):
    page = any_page
    page.goto(site["url"] + "/latest/")
    if not page.locator("#id_tag").is_visible():
        page.get_by_text("絞り込み", exact=True).click()
    page.fill("#id_tag", "AI")
    page.get_by_role("button", name="絞り込む").click()
    expect(page).to_have_url(f"{site['url']}/latest/?q=&category=&tag=AI&source=&date_from=&date_to=")
    page.get_by_role("link", name="次のページ →").click()
    assert "page=2" in page.url and "tag=AI" in page.url
    cards = page.locator("article.card")
    expect(cards).to_have_count(4)
    expect(page.locator("#id_tag")).to_have_value("AI")


def test_the_video_figure_links_to_the_video(any_page, site):
    page = any_page
    page.goto(site["url"] + site["story"].get_absolute_url())
    watch = page.get_by_role("link", name="今すぐ見る")
    expect(watch).to_be_visible()
    expect(watch).to_have_attribute("href", "https://video.example/watch/1")


@pytest.mark.parametrize("path", ["story", "/", "tag", "/digest/2026-11-27/"])
def test_pages_have_no_serious_accessibility_violations(page, site, path):
    url = {"story": site["story"].get_absolute_url(), "tag": site["tag"].get_absolute_url()}.get(path, path)
    page.goto(site["url"] + url)
    page.locator("details").evaluate_all("els => els.forEach(e => e.open = true)")
    results = Axe().run(page)
    serious = [v for v in results.response["violations"] if v["impact"] in ("serious", "critical")]
    assert serious == [], [(v["id"], v["help"], [n["target"] for n in v["nodes"]][:3]) for v in serious]


@pytest.mark.parametrize("width", [360, 1280])
def test_screenshots(page, site, artifacts, width):
    page.set_viewport_size({"width": width, "height": 900})
    for name, url in (("article", site["story"].get_absolute_url()), ("home", "/"), ("digest", "/digest/2026-11-27/")):
        page.goto(site["url"] + url)
        # Scroll to the end so lazy images are in the picture too.
        page.evaluate("window.scrollTo(0, document.body.scrollHeight)")
        page.wait_for_load_state("networkidle")
        page.screenshot(path=artifacts / f"{name}-{width}.png", full_page=True)
        # Nothing wider than the viewport: no sideways scrolling on phones.
        assert page.evaluate("document.documentElement.scrollWidth") <= width


@pytest.mark.parametrize("width,dpr,expected", [(360, 2, 800), (360, 3, 1200), (1280, 1, 800)])
def test_phones_get_an_image_sized_for_their_screen(browser, browser_context_args, live_server, width, dpr, expected):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from articles.models import Figure
    from tests.factories import image_bytes

    article = make_article(title="大きな写真の記事")
    figure = Figure(article=article, position=1, alt_text="大きな写真")
    figure.image = SimpleUploadedFile("big.jpg", image_bytes(size=(6000, 4000)))
    figure.save()
    context = browser.new_context(**{**browser_context_args, "viewport": {"width": width, "height": 800},
                                     "device_scale_factor": dpr})
    page = context.new_page()
    page.goto(live_server.url + article.get_absolute_url())
    img = page.locator("figure img").first
    expect(img).to_have_js_property("complete", True)
    current = img.evaluate("i => i.currentSrc")
    assert current.endswith(f"-{expected}.webp"), current
    box = img.bounding_box()
    assert box["width"] <= width and abs(box["height"] - box["width"] * 4000 / 6000) < 2
    context.close()


def test_long_credits_captions_urls_and_headlines_wrap_on_a_phone(page, live_server, artifacts):
    """Nothing long an editor types pushes the page sideways at 360 px."""
    long_url = "https://example.com/" + "very-long-path-segment-" * 8
    story = make_article(
        title="超長い見出し" + "ＡＢＣＤＥＦＧＨＩＪＫＬＭＮ" * 3 + "Supercalifragilisticexpialidocious" * 2,
        body=f"本文。出典は {long_url} を参照。\n\n[[figure:1]]\n\n結び。",
        original_body=f"See {long_url} for the data.",
        published_at=at(2026, 11, 27, 9, 30),
    )
    make_figure(
        story, position=1, caption="港湾の全景を写した長いキャプション" * 4 + long_url,
        credit="撮影者A |撮影者B | 撮影者C |撮影者D | 通信社フォトサービス・アジア太平洋支局", alt_text="港の全景",
    )
    page.set_viewport_size({"width": 360, "height": 800})
    page.goto(live_server.url + story.get_absolute_url())
    page.locator("details").evaluate_all("els => els.forEach(e => e.open = true)")
    page.screenshot(path=artifacts / "long-text-360.png", full_page=True)
    credit = page.locator(".figure__credit")
    expect(credit).to_contain_text("通信社フォトサービス")
    assert credit.evaluate("el => el.getBoundingClientRect().right") <= 360
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
