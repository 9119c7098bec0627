"""Japanese typography checks: what they flag, what they leave alone, and where the admin shows them."""

import json
from pathlib import Path

import pytest
from django.contrib.auth.models import Group, User

from articles.models import Article, KeyPoint
from tests.factories import make_article
from tests.htmlforms import form_fields
from translation import typography


def codes(value, **kwargs):
    return [code for code, *_ in typography.check_text(value, **kwargs)]


def flagged(value, **kwargs):
    return [(code, value[start:end]) for code, _, start, end in typography.check_text(value, **kwargs)]


class TestChecks:
    def test_half_width_katakana(self):
        ((code, message, start, end),) = typography.check_text("ｶﾞｲﾄﾞを読む。")
        assert code == "half_width_kana" and "ガイド" in message and (start, end) == (0, 5)

    def test_full_width_latin_letters_and_digits(self):
        assert flagged("ＧＰＵを１２基使う。") == [("full_width_alnum", "ＧＰＵ"), ("full_width_alnum", "１２")]

    def test_full_width_punctuation_is_normal_japanese(self):
        assert codes("成功率は61％（前年比）！本当か？") == []

    def test_mixed_quotes_in_one_text(self):
        assert flagged("彼は「はい」と言い、“いいえ”とも言った。") == [("mixed_quotes", "“")]
        assert flagged('彼は「はい」と言い、"いいえ"とも言った。') == [("mixed_quotes", '"いいえ"')]
        assert codes("彼は「はい」と言い、「いいえ」とも言った。") == []
        assert codes("彼は“はい”と言い、“いいえ”とも言った。") == []

    def test_spacing_between_japanese_and_latin_applied_inconsistently(self):
        value = "xAIは強い。Halcyon Labsの研究。xAI は弱い。"
        assert flagged(value) == [("mixed_spacing", " ")]
        message = typography.check_text(value)[0][1]
        assert "スペースあり1か所、なし2か所" in message
        assert codes("xAIは強い。Halcyon Labsの研究。") == []
        assert codes("xAI は強い。Halcyon Labs の研究。") == []

    def test_headlines_may_separate_phrases_with_a_space(self):
        assert codes("緩和の兆し Tessalineが新ラインを前倒し稼働", markdown=False) == []

    def test_doubled_spaces_but_not_a_markdown_line_break(self):
        assert flagged("二重  スペース。") == [("doubled_space", "  ")]
        assert flagged("全角\u3000 と半角。") == [("doubled_space", "\u3000 ")]
        assert codes("行末の改行  \n次の行。") == []

    def test_mixed_full_stops_and_commas(self):
        assert flagged("一文目。二文目．三文目。") == [("mixed_full_stops", "．")]
        assert flagged("一文目です. 二文目です。三文目です。") == [("mixed_full_stops", ".")]
        assert flagged("赤、青，黄、緑。") == [("mixed_commas", "，")]
        assert codes("価格は4.2ドル。次は3.5%だ。") == []

    def test_a_paragraph_without_an_ending_where_the_others_have_one(self):
        value = "一つ目の段落です。\n\n二つ目の段落は句点がない\n\n## 見出しに句点はいらない\n\n「引用で終わる」"
        assert flagged(value) == [("no_full_stop", "い")]

    def test_urls_and_code_are_not_prose(self):
        assert codes("詳しくは[こちら](https://example.com/ＡＢＣ  x)と`ｺｰﾄﾞ`を参照。") == []

    def test_snippets_show_the_problem_in_context_with_whitespace_made_visible(self):
        part_text = "これは長い前置きの文章で、ここに二重  スペースがある。その後も続く文章です。"
        (warning,) = [w for w in typography.check_text(part_text)]
        snippet = typography.snippet(part_text, warning[2], warning[3])
        assert snippet.shown_match == "␣␣"
        assert snippet.before.endswith("ここに二重") and snippet.after.startswith("スペースがある")
        assert snippet.before.startswith("…") and snippet.after.endswith("…")

    def test_the_demo_stories_are_clean(self):
        demo = json.loads((Path(__file__).resolve().parents[2] / "demo" / "demo.json").read_text(encoding="utf-8"))
        for story in demo["articles"]:
            for key in ("lead", "body", "impact_analysis", "editorial_comment"):
                assert codes(story[key]) == [], (story["title"], key)
            assert codes(story["title"], markdown=False) == [], story["title"]


@pytest.mark.django_db
class TestArticle:
    def test_warnings_name_the_field_and_the_paragraph(self):
        article = make_article(title="ＡＩの話", body="一段落目。\n\n二段落目にｶﾀｶﾅ。", lead="リード。", key_points=0)
        KeyPoint.objects.create(article=article, position=1, heading="見出し", body="xAIは強い。xAI は弱い。")
        warnings = typography.check_article(article)
        assert [(w.label, w.paragraph, w.code) for w in warnings] == [
            ("タイトル", None, "full_width_alnum"),
            ("キーポイント1の本文", 1, "mixed_spacing"),
            ("本文", 2, "half_width_kana"),
        ]

    def test_the_admin_shows_the_warnings_and_saving_still_works(self, client):
        user = User.objects.create_user("desk", password="pw", is_staff=True)
        user.groups.add(Group.objects.get(name="Editor"))
        client.force_login(user)
        article = make_article(status=Article.Status.DRAFT)
        url = f"/admin/articles/article/{article.pk}/change/"
        fields = form_fields(client.get(url).content.decode(), "article_form")
        fields["body"] = ["一段落目。\r\n\r\n二段落目に<ｶﾀｶﾅ>と「引用」と“引用”。"]
        fields["_continue"] = ["1"]
        response = client.post(url, fields, follow=True)
        article.refresh_from_db()
        assert "ｶﾀｶﾅ" in article.body  # saved anyway
        messages = [str(m) for m in response.context["messages"]]
        assert any("表記の注意が 2 件あります。例: 本文「ｶﾀｶﾅ」— 半角カナがあります" in m for m in messages)
        html = response.content.decode()
        panel = html[html.index('id="nd-typography"'):]
        assert "本文 第2段落" in panel and "<mark>ｶﾀｶﾅ</mark>" in panel and "半角カナがあります（全角なら「カタカナ」）。" in panel
        assert "&lt;" in panel and "<ｶﾀｶﾅ>" not in panel  # editor text is escaped
        assert "「」と“”（または&quot;&quot;）のかぎかっこが混在しています。" in panel

    def test_a_clean_article_says_so(self, client):
        user = User.objects.create_user("desk", password="pw", is_staff=True)
        user.groups.add(Group.objects.get(name="Editor"))
        client.force_login(user)
        article = make_article()
        html = client.get(f"/admin/articles/article/{article.pk}/change/").content.decode()
        assert "表記の注意はありません。" in html
