"""Paragraph alignment: splitting bodies into blocks, pairing them, finding where pairing breaks.

Through the module, the admin change form and the reader's bilingual view.
"""

import json
import re
from pathlib import Path

import pytest
from django.contrib.auth.models import Group, User
from django.db import connection
from django.test.utils import CaptureQueriesContext

from articles.models import Article
from tests.factories import make_article, make_figure
from tests.helpers import ORIGINAL, TRANSLATION, without_block
from tests.htmlforms import form_fields
from translation import alignment
from translation.blocks import block_at, parse, split_blocks

PAIR = re.compile(r'<div class="pair(?: pair--heading)?">')


class TestBlocks:
    def test_paragraphs_headings_lists_and_quotes_are_blocks_and_figures_are_skipped(self):
        body = "一。\n\n[[figure:1]]\n\n## 見出し\n\n- いち\n- に\n\n> 引用の\n> 続き\n\n---\n\n| a | b |\n|---|---|\n| 1 | 2 |"
        blocks = split_blocks(body)
        assert [(b.number, b.kind) for b in blocks] == [
            (1, "paragraph"), (2, "heading"), (3, "list"), (4, "quote"), (5, "table"),
        ]
        assert blocks[2].text.split() == ["いち", "に"]
        assert [item for item in parse(body) if isinstance(item, int)] == [1]

    def test_blocks_know_where_they_are_in_the_source(self):
        body = "一段落目。\n\n二段落目の文。"
        second = split_blocks(body)[1]
        assert body[second.start:second.end] == "二段落目の文。"
        assert block_at(body, body.index("文")) == 2
        assert block_at(body, 0) == 1

    def test_block_html_is_sanitized_and_reference_links_resolve(self):
        body = "<script>alert(1)</script> [link][r] and [bad](javascript:alert(1))\n\n[r]: https://ok.example/"
        (block,) = split_blocks(body)
        assert "<script>" not in block.html and 'href="javascript' not in block.html
        assert 'href="https://ok.example/"' in block.html

    def test_an_original_heading_is_shown_as_a_paragraph_in_the_reader(self):
        (heading,) = split_blocks("## Background")
        assert heading.reader_html == '<p class="pair__heading">Background</p>'


class TestPairing:
    def test_parallel_bodies_pair_by_position(self):
        result = alignment.align(ORIGINAL, TRANSLATION)
        assert result.is_aligned and result.counts_match
        assert (result.original_count, result.translation_count) == (6, 6)
        assert result.first_unmatched is None
        assert [p.original.kind for p in result.pairs] == [p.translation.kind for p in result.pairs]
        assert all(p.matched for p in result.pairs)
        assert "61%" in result.pairs[3].translation.text and "61%" in result.pairs[3].original.text
        assert result.figures == ((1, 1),)  # figure 1 after the first translated block

    @pytest.mark.parametrize("missing", range(1, 7))
    def test_a_missing_paragraph_is_found_where_it_is(self, missing):
        result = alignment.align(ORIGINAL, without_block(TRANSLATION, missing))
        assert not result.is_aligned and not result.counts_match
        assert result.broken_at.reason == "missing"
        assert result.broken_at.original_number == missing
        assert result.first_unmatched == missing - 1
        assert [p.matched for p in result.pairs] == [n < missing for n in range(1, 7)]
        assert f"原文の第{missing}段落に対応する訳が見つかりません" in result.broken_at.message

    def test_an_extra_translated_paragraph_is_found(self):
        extra = TRANSLATION.replace("## 成功率は約2倍", "訳者が加えた補足の段落で、原文にはない説明である。\n\n## 成功率は約2倍")
        result = alignment.align(ORIGINAL, extra)
        assert result.broken_at.reason == "extra"
        assert result.broken_at.translation_number == 3
        assert "翻訳の第3段落に対応する原文が見つかりません" in result.broken_at.message

    def test_two_paragraphs_translated_as_one_are_called_merged(self):
        blocks = TRANSLATION.split("\n\n")
        merged = "\n\n".join(blocks[:4] + [blocks[4] + blocks[5]] + blocks[6:])
        result = alignment.align(ORIGINAL, merged)
        assert result.broken_at.reason == "merged"
        assert (result.broken_at.original_number, result.broken_at.translation_number) == (4, 4)

    def test_a_heading_against_a_paragraph_breaks_the_pairing_even_with_equal_counts(self):
        swapped = TRANSLATION.replace("## 成功率は約2倍", "成功率は約2倍だった。")
        result = alignment.align(ORIGINAL, swapped)
        assert result.counts_match and not result.is_aligned
        assert result.broken_at.reason == "kind" and result.broken_at.position == 3
        assert "原文は見出し、翻訳は段落です" in result.broken_at.message

    def test_an_empty_side_has_nothing_to_pair(self):
        assert alignment.align("", TRANSLATION).is_empty
        assert not alignment.align(ORIGINAL, "").is_aligned
        assert alignment.align("", "").pairs == ()

    def test_every_demo_story_aligns(self):
        demo = json.loads((Path(__file__).resolve().parents[2] / "demo" / "demo.json").read_text(encoding="utf-8"))
        for story in demo["articles"]:
            result = alignment.align(story["original"]["body"], story["body"])
            assert result.is_aligned, (story["title"], result.broken_at and result.broken_at.message)

    def test_huge_bodies_fall_back_to_positional_breaks_quickly(self):
        original = "\n\n".join(f"Paragraph {n}." for n in range(400))
        translated = "\n\n".join(f"段落{n}。" for n in range(399))
        result = alignment.align(original, translated)
        assert result.broken_at.position == 400 and result.broken_at.reason == "missing"


class TestBilingualRows:
    def test_figures_stay_where_the_translation_places_them_and_unplaced_ones_follow(self):
        result = alignment.align("A.\n\nB.", "あ。\n\n[[figure:2]]\n\nい。")
        rows = alignment.bilingual_rows(result, ["fig1", "fig2"])
        assert [(kind, getattr(item, "position", item)) for kind, item in rows] == [
            ("pair", 1), ("figure", "fig2"), ("pair", 2), ("figure", "fig1"),
        ]

    def test_no_rows_when_broken(self):
        assert alignment.bilingual_rows(alignment.align(ORIGINAL, without_block(TRANSLATION, 2)), []) is None


@pytest.mark.django_db
class TestAdminPanel:
    @pytest.fixture
    def editor(self, client):
        user = User.objects.create_user("desk", password="pw", is_staff=True)
        user.groups.add(Group.objects.get(name="Editor"))
        client.force_login(user)
        return user

    def test_the_change_form_shows_the_pairs_row_by_row_with_counts(self, client, editor):
        article = make_article(original_body=ORIGINAL, body=TRANSLATION)
        html = client.get(f"/admin/articles/article/{article.pk}/change/").content.decode()
        panel = html[html.index('id="nd-alignment"'):html.index('id="nd-glossary"')]
        assert "原文 6 段落・翻訳 6 段落" in panel
        assert "すべての段落が順番どおりに対応しています。" in panel
        assert panel.count('class="nd-matched"') == 6
        assert "Success rate roughly doubled" in panel and "成功率は約2倍" in panel
        # The panel follows the bodies and their figures, before the original's details, inside the form.
        assert html.index('name="body"') < html.index('id="figures-group"') < html.index('id="nd-alignment"')
        assert html.index('id="nd-alignment"') < html.index('name="original_url"')

    def test_pasting_a_translation_with_a_paragraph_missing_shows_where_it_breaks_and_still_saves(self, client, editor):
        article = make_article(original_body=ORIGINAL, body=TRANSLATION, status=Article.Status.DRAFT)
        make_figure(article)  # the one the translation's marker places
        url = f"/admin/articles/article/{article.pk}/change/"
        fields = form_fields(client.get(url).content.decode(), "article_form")
        fields["body"] = [without_block(TRANSLATION, 3).replace("\n", "\r\n")]
        fields["_continue"] = ["保存して編集を続ける"]
        response = client.post(url, fields, follow=True)
        assert response.status_code == 200
        article.refresh_from_db()
        assert "成功率は約2倍" not in article.body  # saved: a warning never blocks
        html = response.content.decode()
        panel = html[html.index('id="nd-alignment"'):html.index('id="nd-glossary"')]
        assert "原文 6 段落・翻訳 5 段落" in panel and "段落の数が違います。" in panel
        assert "3行目で対応が崩れています: 原文の第3段落に対応する訳が見つかりません。" in panel
        assert 'href="#nd-align-row-3"' in panel
        assert '<details class="nd-align-details" open>' in panel
        row = panel[panel.index('id="nd-align-row-3"'):]
        row = row[:row.index("</tr>")]
        assert "nd-break" in row and "ここから対応が崩れています" in row and "Success rate roughly doubled" in row
        assert panel.count('class="nd-matched"') == 2

    def test_a_new_story_pasted_with_a_paragraph_missing_is_saved_and_the_message_says_where(self, client, editor):
        from tests.factories import make_source
        from tests.helpers import ADD_URL, fill_story, single

        data = fill_story(single(form_fields(client.get(ADD_URL).content.decode(), "article_form")), make_source(), [])
        data.update({"original_body": ORIGINAL.replace("\n", "\r\n"),
                     "body": without_block(TRANSLATION, 5).replace("\n", "\r\n"), "status": "draft"})
        response = client.post(ADD_URL, data, follow=True)
        assert Article.objects.count() == 1
        messages = [str(m) for m in response.context["messages"]]
        assert "段落の対応: 5行目で対応が崩れています: 原文の第5段落に対応する訳が見つかりません（原文 6 段落・翻訳 5 段落）。" in messages

    def test_the_add_form_explains_the_checks_come_after_saving(self, client, editor):
        html = client.get("/admin/articles/article/add/").content.decode()
        assert "保存すると、段落の対応・用語集・表記のチェックがここに表示されます。" in html


@pytest.mark.django_db
class TestBilingualView:
    def test_each_translated_block_has_its_original_beneath_marked_with_its_language(self, client):
        article = make_article(original_body=ORIGINAL, body=TRANSLATION, original_language="en")
        make_figure(article)
        html = client.get(article.get_absolute_url(), {"view": "bilingual"}).content.decode()
        body = html[html.index('class="article__body article__body--bilingual"'):html.index('class="original"')]
        assert len(PAIR.findall(body)) == 6 and body.count('<div class="pair pair--heading">') == 1
        assert body.count('<div class="pair__original" lang="en">') == 6
        first = body[body.index('<div class="pair">'):]
        assert first.index("Halcyon Labsの研究チーム") < first.index("Researchers at Halcyon Labs") < first.index("世界モデルとは")
        assert '<p class="pair__heading">Success rate roughly doubled</p>' in body
        assert body.index("Halcyon Labsの研究チーム") < body.index("<figure") < body.index("世界モデルとは")
        assert '<a href="' + article.get_absolute_url() + '">通常表示に戻す</a>' in html
        assert '<meta name="robots" content="noindex">' in html
        assert f'<link rel="canonical" href="http://testserver{article.get_absolute_url()}">' in html
        assert "<details class=\"original\" data-remember-open=\"original\">" in html  # stays closed

    def test_the_normal_page_links_to_the_bilingual_view_and_stays_indexable(self, client):
        article = make_article(original_body=ORIGINAL, body=TRANSLATION)
        html = client.get(article.get_absolute_url()).content.decode()
        assert f'<a href="{article.get_absolute_url()}?view=bilingual">原文と対訳で読む</a>' in html
        assert 'name="robots"' not in html and "pair__original" not in html

    def test_a_broken_alignment_falls_back_to_the_body_and_the_whole_original_never_a_wrong_pairing(self, client):
        article = make_article(original_body=ORIGINAL, body=without_block(TRANSLATION, 2))
        html = client.get(article.get_absolute_url(), {"view": "bilingual"}).content.decode()
        assert "pair__original" not in html
        assert "段落の対応が確認できないため、対訳では表示できません" in html
        assert '<div class="article__body">' in html
        assert '<details class="original" data-remember-open="original" open>' in html
        assert "A world model predicts what happens next" in html

    def test_without_an_original_body_there_is_no_link_and_the_view_says_so(self, client):
        article = make_article(original_body="")
        assert "view=bilingual" not in client.get(article.get_absolute_url()).content.decode()
        html = client.get(article.get_absolute_url(), {"view": "bilingual"}).content.decode()
        assert "対訳で表示できる原文の本文がありません" in html

    @pytest.mark.parametrize("value", ["", "BILINGUAL", "<script>", "x" * 500])
    def test_other_view_values_are_the_normal_page(self, client, value):
        article = make_article(original_body=ORIGINAL, body=TRANSLATION)
        response = client.get(article.get_absolute_url(), {"view": value})
        assert response.status_code == 200
        assert "pair__original" not in response.content.decode() and "<script>" not in response.content.decode()

    def test_editor_text_in_either_body_cannot_inject_markup(self, client):
        article = make_article(
            original_body='<script>alert(1)</script>\n\n[x](javascript:alert(1))',
            body='<img src=x onerror=alert(1)>\n\n<b onclick="x">二</b>',
        )
        html = client.get(article.get_absolute_url(), {"view": "bilingual"}).content.decode()
        assert "pair__original" in html
        assert "<script>alert" not in html and "<img src=x" not in html and 'href="javascript' not in html
        assert "<b onclick" not in html

    def test_the_bilingual_view_runs_as_many_queries_as_the_normal_page(self, client):
        article = make_article(original_body=ORIGINAL, body=TRANSLATION, key_points=3)
        make_figure(article)

        def count(params):
            with CaptureQueriesContext(connection) as ctx:
                assert client.get(article.get_absolute_url(), params).status_code == 200
            return len(ctx.captured_queries)

        normal = count({})
        assert count({"view": "bilingual"}) == normal

    def test_a_preview_offers_the_bilingual_view_too(self, client):
        from articles import previews

        article = make_article(original_body=ORIGINAL, body=TRANSLATION, status=Article.Status.DRAFT)
        url = previews.preview_url(article)
        html = client.get(url).content.decode()
        path = url.split("testserver")[-1] if "testserver" in url else url
        assert f'href="{path}?view=bilingual"' in html
        html = client.get(url, {"view": "bilingual"}).content.decode()
        assert len(PAIR.findall(html)) == 6
