"""Hostile editor text: every function that reads what editors write takes linear time.

A Translator's draft full of unclosed brackets once kept a worker busy past its
timeout: a pattern that scans to the end of the text from each of n openings
takes time in n². Here each function gets a text far longer than a story may be,
made by repeating a hostile piece, and must finish within a budget of CPU time
that a linear pass stays far below and a quadratic one overshoots many times over.
"""

import signal
from contextlib import contextmanager

import pytest
from hypothesis import HealthCheck, example, given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st

from articles import text
from articles.models import Article, GlossaryTerm
from articles.text import TextPart
from search import text as search
from translation import alignment, glossary, typography

LONG = 1_000_000  # characters: five times the longest body the admin or an import accepts
STORY = text.MAX_LENGTHS["article"]["body"]
BUDGET = 10  # seconds of CPU time for one call on LONG characters
STORY_BUDGET = 30  # for one call that parses STORY characters of Markdown into blocks


class OverBudget(Exception):
    pass


@contextmanager
def cpu_budget(seconds: float):
    """Interrupt the block once this process has used `seconds` of CPU time (not wall-clock: load does not count)."""

    def stop(signum, frame):
        raise OverBudget

    previous = signal.signal(signal.SIGPROF, stop)
    signal.setitimer(signal.ITIMER_PROF, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_PROF, 0)
        signal.signal(signal.SIGPROF, previous)


def repeated(piece: str, length: int) -> str:
    return (piece * (length // len(piece) + 1))[:length]


def finishes(function, value: str, budget: float) -> bool:
    try:
        with cpu_budget(budget):
            function(value)
    except OverBudget:
        return False
    return True


# Functions that read editor text without parsing Markdown into blocks: run on LONG characters.
TEXT_FUNCTIONS = {
    "reading time": text.reading_minutes,
    "typography mask": text.prose_mask,
    "search text": search.plain,
    "typography of a headline": lambda value: typography.check_text(value, markdown=False),
    "glossary matches": lambda value: glossary.find_matches(value, [GlossaryTerm(approved="AI", variants="ＡＩ\nai")]),
}

# Pieces of Markdown and prose that open something and may never close it.
PIECES = [
    "[", "]", "(", ")", "](", "[a](", "![", "[[figure:", "<", ">", "<http://", "http://", "`", "```",
    "*", "_", "~", "#", "|", "\\", "\"", "「", "」", " ", "\u3000", "\n", "\n\n", "1", ".", ",", "万", "a", "A", "あ", "ｱ", "Ａ",
]
HOSTILE_PIECE = st.lists(st.sampled_from(PIECES), min_size=1, max_size=4).map("".join)


@hypothesis_settings(
    max_examples=25, deadline=None, derandomize=True, database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(piece=HOSTILE_PIECE)
@example(piece="](")
@example(piece="[a](")
@example(piece="[")
@example(piece="[[figure:")
@example(piece="<http://")
@example(piece="`a")
@example(piece="1")
def test_text_functions_take_linear_time_on_hostile_text(piece):
    value = repeated(piece, LONG)
    slow = [name for name, function in TEXT_FUNCTIONS.items() if not finishes(function, value, BUDGET)]
    assert not slow, f"over {BUDGET} s of CPU on {piece!r} × {LONG:,} characters: {', '.join(slow)}"


def typography_of_a_body(value: str):
    return typography.check_part(TextPart("body", Article(body=value), "body", True))


def glossary_of_a_body(value: str):
    term = GlossaryTerm(approved="カタカナ", variants="ｶﾀｶﾅ")
    return glossary.check_parts([TextPart("body", Article(body=value), "body", True)], [term])


def alignment_with_one_paragraph_more(value: str):
    return alignment.align(value, value + "\n\n1")


@pytest.mark.parametrize("function,piece", [
    (typography_of_a_body, "ｱ\n\n"),  # a warning in every paragraph, each placed in its paragraph
    (glossary_of_a_body, "ｶﾀｶﾅ\n\n"),  # a rejected spelling in every paragraph
    (alignment_with_one_paragraph_more, "1"),  # a number of the story's length, compared across languages
], ids=["typography", "glossary", "alignment"])
def test_checks_of_a_whole_story_take_linear_time(function, piece):
    value = repeated(piece, STORY)
    assert finishes(function, value, STORY_BUDGET), f"over {STORY_BUDGET} s of CPU on {piece!r} × {STORY:,}"
