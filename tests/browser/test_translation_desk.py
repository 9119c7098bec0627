"""The translation desk in Chromium: the bilingual reader (JavaScript on and off), and an Editor's
change form showing where alignment breaks and fixing a name written three ways in one click."""

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

from articles import revisions
from articles.models import Article, GlossaryTerm, KeyPoint, Source
from tests.browser.admin_session import log_in
from tests.factories import make_article, make_figure, make_source
from tests.helpers import ORIGINAL, TRANSLATION, without_block

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SCREENSHOTS = "/tmp"

LECUN_BODY = "\n\n".join([
    "メタのチーフAIサイエンティスト、ヤン・ルカン氏は23日、新会社の設立を発表した。",
    "## 言語だけでは足りない",
    "ルコン氏は「言語だけでは世界を理解できない」と述べた。",
    "レクン氏によると、新会社は世界モデルを研究する。",
])
LECUN_ORIGINAL = "\n\n".join([
    "Yann LeCun, Meta's chief AI scientist, announced a new company on Monday.",
    "## Language is not enough",
    "“Language alone cannot understand the world,” LeCun said.",
    "The new company will study world models, according to LeCun.",
])


@pytest.fixture
def paper(live_server):
    source = make_source("Meridian Preprint Server", kind=Source.Kind.PAPER)
    article = make_article(
        source=source, original_body=ORIGINAL, body=TRANSLATION, title="動画だけで学ぶ世界モデル",
        original_authors="Neve Calloway\nAmira Osei", original_affiliations="Halcyon Labs",
        original_arxiv_id="2611.01234", original_pdf_url="https://preprints.example/pdf/2611.01234",
        translation_status=Article.TranslationStatus.REVIEWED,
    )
    make_figure(article, caption="世界モデルのイメージ", alt_text="格子の上に浮かぶ図形")
    return article


def test_the_bilingual_view_pairs_paragraphs_and_goes_back(any_page, live_server, paper):
    page = any_page
    page.goto(live_server.url + paper.get_absolute_url())
    expect(page.locator(".pair")).to_have_count(0)
    page.get_by_role("link", name="原文と対訳で読む").click()
    expect(page).to_have_url(f"{live_server.url}{paper.get_absolute_url()}?view=bilingual")

    pairs = page.locator(".article__body--bilingual .pair")
    expect(pairs).to_have_count(6)
    expect(pairs.nth(0).locator(".pair__translation")).to_contain_text("Halcyon Labsの研究チーム")
    expect(pairs.nth(0).locator(".pair__original")).to_contain_text("Researchers at Halcyon Labs")
    expect(pairs.nth(0).locator(".pair__original")).to_have_attribute("lang", "en")
    expect(pairs.nth(2).get_by_role("heading", name="成功率は約2倍")).to_be_visible()
    expect(pairs.nth(2).locator(".pair__original")).to_have_text("Success rate roughly doubled")
    expect(pairs.nth(3).locator(".pair__original")).to_contain_text("61%")
    expect(page.locator(".article__body--bilingual figure")).to_have_count(1)
    expect(page.locator('meta[name="robots"]')).to_have_attribute("content", "noindex")
    # The original's facts fit a paper.
    page.get_by_text("原文を表示").click()
    expect(page.locator(".original__facts")).to_contain_text("Neve Calloway, Amira Osei")
    expect(page.get_by_role("link", name="arXiv:2611.01234")).to_have_attribute("href", "https://arxiv.org/abs/2611.01234")

    page.get_by_role("link", name="通常表示に戻す").click()
    expect(page).to_have_url(live_server.url + paper.get_absolute_url())
    expect(page.locator(".pair")).to_have_count(0)
    expect(page.locator(".article__meta")).to_contain_text("編集部が翻訳・編集し、確認済み")


def test_the_bilingual_view_has_no_serious_accessibility_violations(page, live_server, paper):
    page.goto(f"{live_server.url}{paper.get_absolute_url()}?view=bilingual")
    page.locator("details").evaluate_all("els => els.forEach(e => e.open = true)")
    results = Axe().run(page)
    serious = [v for v in results.response["violations"] if v["impact"] in ("serious", "critical")]
    assert serious == [], [(v["id"], v["help"], [n["target"] for n in v["nodes"]][:3]) for v in serious]


def test_a_broken_alignment_shows_the_whole_original_instead(any_page, live_server):
    article = make_article(original_body=ORIGINAL, body=without_block(TRANSLATION, 2))
    page = any_page
    page.goto(f"{live_server.url}{article.get_absolute_url()}?view=bilingual")
    expect(page.locator(".pair")).to_have_count(0)
    expect(page.locator(".bilingual-notice")).to_contain_text("対訳では表示できません")
    # Open without a click: the reader gets the original, never a wrong pairing.
    expect(page.get_by_text("A world model predicts what happens next")).to_be_visible()


@pytest.mark.parametrize("width", [360, 1280])
def test_bilingual_view_screenshots_fit_the_screen(page, live_server, paper, artifacts, width):
    page.set_viewport_size({"width": width, "height": 900})
    page.goto(f"{live_server.url}{paper.get_absolute_url()}?view=bilingual")
    page.screenshot(path=f"{SCREENSHOTS}/bilingual-{width}.png", full_page=True)
    page.screenshot(path=artifacts / f"bilingual-{width}.png", full_page=True)
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    first = page.locator(".pair").first
    translation, original = first.locator(".pair__translation").bounding_box(), first.locator(".pair__original").bounding_box()
    if width >= 1024:
        assert original["x"] > translation["x"] + translation["width"] - 1  # beside
    else:
        assert original["y"] >= translation["y"] + translation["height"] - 1  # beneath


def test_pasting_a_translation_with_a_paragraph_missing_shows_where_alignment_breaks(
    browser, live_server, browser_context_args,
):
    article = make_article(original_body=ORIGINAL, body=TRANSLATION, status=Article.Status.DRAFT, published_at=None)
    make_figure(article)  # the one the translation's marker places
    revisions.record(article)
    page = log_in(browser, live_server, browser_context_args, "desk", role="Editor")
    page.goto(f"{live_server.url}/admin/articles/article/{article.pk}/change/")
    expect(page.locator("#nd-alignment")).to_contain_text("原文 6 段落・翻訳 6 段落")
    expect(page.locator("#nd-alignment")).to_contain_text("すべての段落が順番どおりに対応しています。")

    page.fill("#id_body", without_block(TRANSLATION, 4))
    page.locator("input[name=_continue]").first.click()
    expect(page.locator(".messagelist .success")).to_be_visible()  # a warning never blocks the save
    panel = page.locator("#nd-alignment")
    expect(panel.locator(".nd-alert")).to_contain_text("4行目で対応が崩れています: 原文の第4段落に対応する訳が見つかりません。")
    expect(panel).to_contain_text("原文 6 段落・翻訳 5 段落")
    row = page.locator("#nd-align-row-4")
    expect(row).to_be_visible()  # the table opens by itself when alignment breaks
    expect(row).to_contain_text("ここから対応が崩れています")
    expect(row).to_contain_text("The system reached an average success rate of 61%")
    panel.get_by_role("link", name="対応表のその行へ").click()
    expect(row).to_be_in_viewport()


@pytest.mark.parametrize("javascript", [True, False], ids=["js", "no-js"])
def test_a_name_written_three_ways_is_flagged_and_fixed_in_one_click(
    browser, live_server, browser_context_args, javascript,
):
    GlossaryTerm.objects.create(original="Yann LeCun", approved="ヤン・ルカン", variants="ルコン\nレクン")
    article = make_article(
        title="ルコン氏が新会社", lead="レクン氏が独立する。", body=LECUN_BODY, original_body=LECUN_ORIGINAL,
        status=Article.Status.DRAFT, published_at=None, key_points=0,
    )
    KeyPoint.objects.create(article=article, position=1, heading="ルコン氏が独立", body="新会社の狙い。")
    revisions.record(article)
    page = log_in(browser, live_server, browser_context_args, "desk", role="Editor", javascript=javascript)
    page.goto(f"{live_server.url}/admin/articles/article/{article.pk}/change/")

    panel = page.locator("#nd-glossary")
    expect(panel).to_contain_text("表記が揺れています:")
    expect(panel.locator("mark")).to_have_count(5)
    places = panel.locator(".nd-findings li").all_inner_texts()
    assert [p.split()[0] for p in places] == ["タイトル", "リード", "キーポイント1の見出し", "本文", "本文"]
    assert "本文 第3段落" in places[3] and "本文 第4段落" in places[4]

    page.get_by_role("button", name="用語集の表記に統一して保存").click()
    expect(page.locator(".messagelist .success")).to_contain_text("用語集の表記に統一しました")
    expect(panel).to_contain_text("の「使わない表記」はありません。")
    expect(page.locator("#id_title")).to_have_value("ヤン・ルカン氏が新会社")
    article.refresh_from_db()
    assert "ルコン" not in article.body and "レクン" not in article.body + article.lead
    assert article.key_points.get().heading == "ヤン・ルカン氏が独立"
    assert article.revisions.first().created_by.username == "desk"


@pytest.mark.parametrize("width", [360, 1280])
def test_admin_change_form_screenshots(browser, live_server, browser_context_args, artifacts, width):
    GlossaryTerm.objects.create(original="Yann LeCun", approved="ヤン・ルカン", variants="ルコン\nレクン")
    article = make_article(
        title="ルコン氏が新会社を設立", body=without_block(LECUN_BODY, 2) + "\n\nｶﾀｶﾅの段落", original_body=LECUN_ORIGINAL,
        status=Article.Status.DRAFT, published_at=None,
    )
    page = log_in(browser, live_server, browser_context_args, f"shot{width}", role="Editor", width=width)
    page.goto(f"{live_server.url}/admin/articles/article/{article.pk}/change/")
    expect(page.locator("#translation-checks")).to_be_visible()
    page.screenshot(path=f"{SCREENSHOTS}/admin-checks-{width}.png", full_page=True)
    page.locator("#translation-checks").screenshot(path=f"{SCREENSHOTS}/admin-checks-panel-{width}.png")
    page.locator("#translation-checks").screenshot(path=artifacts / f"admin-checks-panel-{width}.png")
