from articles.figure_markers import follow, placed_numbers, unknown_markers, unplaced


def test_placed_numbers_are_the_marker_paragraphs_in_reading_order():
    body = "一。\n\n[[figure:2]]\n\n文の中の [[figure:3]] は配置ではない。\n\n[[figure:1]]\n\n[[figure:2]]"
    assert placed_numbers(body) == [2, 1]


def test_a_marker_pointing_at_no_figure_is_named_as_typed():
    assert unknown_markers("一。\n\n[[figure:9]]\n\n[[figure:2]]", {1, 2}) == ["[[figure:9]]"]
    assert unknown_markers("一。\n\n[[figure:1]]", {1, 2}) == []


def test_figures_the_body_never_places():
    assert unplaced("一。\n\n[[figure:2]]", 3) == [1, 3]


def test_markers_follow_their_figures_when_reordered():
    body = "一。\n\n[[figure:1]]\n\n二。\n\n[[figure:2]]\n\n三。\n\n[[figure:3]]"
    assert follow(body, {1: 3, 2: 1, 3: 2}) == "一。\n\n[[figure:3]]\n\n二。\n\n[[figure:1]]\n\n三。\n\n[[figure:2]]"


def test_a_removed_figures_marker_goes_with_its_paragraph():
    body = "[[figure:1]]\n\n一。\n\n[[figure:2]]\n\n二。\n\n[[figure:3]]"
    assert follow(body, {1: None, 2: 1, 3: None}) == "一。\n\n[[figure:1]]\n\n二。"


def test_numbers_not_named_are_left_alone():
    assert follow("[[figure:4]]\n\n文の中の [[figure:1]]。", {1: 2}) == "[[figure:4]]\n\n文の中の [[figure:2]]。"
