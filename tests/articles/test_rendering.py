from articles.rendering import body_blocks, render_markdown


class FakeFigure:
    def __init__(self, n):
        self.n = n

    def __repr__(self):
        return f"fig{self.n}"


def kinds(blocks):
    return [b if kind == "figure" else "html" for kind, b in blocks]


def test_markdown_renders_paragraphs_headings_emphasis_lists_quotes_and_links():
    html = render_markdown(
        "段落と**強調**と*斜体*。\n\n## 小見出し\n\n- 一\n- 二\n\n> 引用\n\n[リンク](https://example.com/)"
    )
    assert "<p>段落と<strong>強調</strong>と<em>斜体</em>。</p>" in html
    assert "<h2>小見出し</h2>" in html
    assert "<li>一</li>" in html
    assert "<blockquote>" in html
    assert 'href="https://example.com/"' in html
    assert 'rel="nofollow noopener noreferrer"' in html


def test_a_level_one_heading_in_a_body_becomes_level_two():
    assert render_markdown("# 見出し") == "<h2>見出し</h2>\n"


def test_html_typed_by_an_editor_is_shown_as_text():
    html = render_markdown('<script>alert(1)</script>\n\n<img src=x onerror="alert(1)">')
    assert "<script" not in html
    assert "<img" not in html
    assert "&lt;script&gt;" in html


def test_dangerous_link_schemes_are_removed():
    html = render_markdown("[a](javascript:alert(1)) [b](data:text/html,x) [c](vbscript:x) [d](mailto:a@example.com)")
    assert "javascript:" not in html.replace("[a](javascript:", "")
    assert 'href="javascript' not in html
    assert 'href="data:' not in html
    assert 'href="vbscript' not in html
    assert 'href="mailto:a@example.com"' in html


def test_figure_paragraphs_place_figures_where_the_body_says():
    figures = [FakeFigure(1), FakeFigure(2)]
    blocks = body_blocks(render_markdown("一。\n\n[[figure:2]]\n\n二。\n\n[[figure:1]]\n\n三。"), figures)
    assert kinds(blocks) == ["html", figures[1], "html", figures[0], "html"]
    assert "<p>一。</p>" in blocks[0][1]


def test_figures_not_placed_in_the_body_follow_it():
    figures = [FakeFigure(1), FakeFigure(2)]
    blocks = body_blocks(render_markdown("一。\n\n[[figure:2]]\n\n二。"), figures)
    assert kinds(blocks) == ["html", figures[1], "html", figures[0]]


def test_the_original_shows_only_the_figures_it_places():
    figures = [FakeFigure(1), FakeFigure(2)]
    blocks = body_blocks(render_markdown("One.\n\n[[figure:2]]\n\nTwo."), figures, unplaced=False)
    assert kinds(blocks) == ["html", figures[1], "html"]


def test_a_marker_inside_a_sentence_or_for_a_missing_figure_is_not_a_placement():
    figures = [FakeFigure(1)]
    blocks = body_blocks(render_markdown("文の中の [[figure:1]] は配置ではない。\n\n[[figure:7]]"), figures)
    assert kinds(blocks) == ["html", figures[0]]
    assert "[[figure:1]]" in blocks[0][1]
    assert "figure:7" not in blocks[0][1]
