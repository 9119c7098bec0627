"""A story's text as search reads it: plain, folded text, and the words the index holds.

Japanese has no spaces between words, so the index holds every pair of
neighbouring characters (bigrams) of each run of Japanese (kanji, kana)
and each Latin word (letters and digits) whole. A 1-character term is then
a prefix of a bigram, a 2-character term one bigram, and a longer term a
phrase of consecutive bigrams, all served by an index on both databases.

Before that, text is folded (`fold`): NFKC (full-width Latin and digits to
ASCII, half-width katakana to full-width), lower case, katakana to
hiragana. So ＡＩ finds AI, ﾃｽﾄ finds テスト and てすと finds テスト.

Each word of the index carries a letter saying which part of the story it
comes from (`PREFIXES`): the index then tells, on its own, whether a term is
in the title or only in the body, which is what ranking needs.

A 1-character term as a bigram's prefix would make the index merge the
lists of every bigram the character starts, which grow with the archive
(市 starts thousands). So each part also gives, once each, the Japanese
characters it holds (`character_words`, `UNIGRAM` before the part's
letter): 市 alone is one list, as long as the stories holding it.
"""

import re
import unicodedata
from dataclasses import dataclass
from itertools import pairwise
from operator import add

from articles.text import markdown_to_text

# The parts of an article search reads, in the order of the index's columns.
FIELDS = ("title", "lead", "key_points", "body", "original")
# The letter each part's words carry in the index.
PREFIXES = {"title": "t", "lead": "l", "key_points": "k", "body": "b", "original": "o"}
# The letter before a part's letter in the words naming the characters it holds (no other word starts so).
UNIGRAM = "u"
# The column holding every part's `character_words`, after FIELDS.
CHARACTERS = "characters"
COLUMNS = (*FIELDS, CHARACTERS)

_KATAKANA = "".join(chr(c) for c in range(0x30A1, 0x30F7))  # ァ … ヶ
_KANA_FOLD = str.maketrans(_KATAKANA, "".join(chr(ord(c) - 0x60) for c in _KATAKANA))
# Runs of those katakana: translating only them spares a table lookup for every other character.
_KATAKANA_RUN = re.compile(f"[{_KATAKANA[0]}-{_KATAKANA[-1]}]+")
# Runs of letters and digits (what both databases' tokenizers also read as one word).
_RUN = re.compile(r"[^\W_]+")
# Within a run: Japanese (and other scripts from U+2E80 on, written without spaces) or the rest.
_SCRIPT = re.compile(r"[\u2e80-\U0010ffff]+|[^\u2e80-\U0010ffff]+")
_JAPANESE_RUN = re.compile(r"([^\W_\x00-\u2e7f]+)")  # letters or digits from U+2E80 on (in parentheses: split keeps them)
_LATIN_WORD = re.compile(r"[^\W_\u2e80-\U0010ffff]+")  # letters or digits before U+2E80
MAX_WORD = 100  # characters of a Latin word the index keeps (a longer "word" is a pasted URL or a hash)
# Latin words of at least this many letters also find longer words they begin: "merger" finds
# "mergers"; a shorter one only itself, so "AI" does not find "aid" or "airline".
PREFIX_MATCH_LENGTH = 4
# The most words a part gives the index: far beyond a real story (a body of 15,000 characters),
# and what keeps PostgreSQL's tsvector of the longest story allowed under its 1 MB of words.
MAX_PART_WORDS = 15_000


def normalize(text: str) -> str:
    """NFKC folds full-width Latin and half-width katakana, so ＡＩ reads as AI and ｶﾀｶﾅ as カタカナ."""
    return unicodedata.normalize("NFKC", text or "")


def plain(markdown_text: str) -> str:
    """Markdown as the words a reader sees (articles.text.markdown_to_text), normalised for search."""
    return normalize(markdown_to_text(markdown_text))


def fold(text: str) -> str:
    """Text as search compares it: NFKC, lower case, katakana as hiragana."""
    return _hiragana(normalize(text).lower())


def fold_normalized(text: str) -> str:
    """`fold` for text already NFKC-normalised (search.text.normalize, plain)."""
    return _hiragana(text.lower())


def fold_in_place(text: str) -> str:
    """`fold` without NFKC, one character for one: positions in the result are positions in `text`."""
    folded = _hiragana(text.lower())
    if len(folded) == len(text):
        return folded
    return _hiragana("".join(c.lower() if len(c.lower()) == 1 else c for c in text))


def _hiragana(text: str) -> str:
    """Katakana as hiragana, one character for one."""
    return _KATAKANA_RUN.sub(_hiragana_run, text)


def _hiragana_run(match: re.Match) -> str:
    return match.group().translate(_KANA_FOLD)


def _is_japanese(run: str) -> bool:
    return run[0] >= "\u2e80"


def _runs(folded: str) -> list[str]:
    """The runs of one script each: 'xaiを失敗' is 'xai' and 'を失敗'."""
    return [part for run in _RUN.findall(folded) for part in _SCRIPT.findall(run)]


def index_words(folded: str, prefix: str) -> str:
    """Folded text as the index's words, each with the part's letter, separated by spaces.

    Written for speed (an import makes 100,000 of them, of about 7,000
    characters each): the text is split at its Japanese runs, in C; the
    Latin words between them are found by one `findall` each, and a run's
    pairs are made by `map`, so Python steps only from run to run.
    """
    words: list[str] = []
    pieces = _JAPANESE_RUN.split(folded)  # Latin text, a Japanese run, Latin text, …
    for i, piece in enumerate(pieces):
        if i % 2:
            words.extend(map(add, piece, piece[1:]))
            words.append(piece[-1])
        elif piece:
            words.extend(_LATIN_WORD.findall(piece))
    words = words[:MAX_PART_WORDS]
    if not words:
        return ""
    if max(map(len, words)) > MAX_WORD:
        words = [word[:MAX_WORD] for word in words]
    return prefix + (" " + prefix).join(words)


def character_words(folded: str, prefix: str) -> str:
    """The Japanese characters of folded text, each once, as index words of their own (`UNIGRAM`, the part's letter).

    The characters of its runs of Japanese, as `index_words` finds them;
    sorted, so that a document's words do not change from one run to the
    next. Made in C but for the runs' list.
    """
    characters = sorted(set("".join(_JAPANESE_RUN.findall(folded))))
    if not characters:
        return ""
    start = UNIGRAM + prefix
    return start + (" " + start).join(characters)


@dataclass(frozen=True)
class Pattern:
    """A search term as the index's words: consecutive words, the last maybe a prefix."""

    words: tuple[str, ...]
    prefix: bool

    def __bool__(self) -> bool:
        return bool(self.words)

    @property
    def character(self) -> str | None:
        """The term's one Japanese character, when that is all it is (found by `character_words`)."""
        word = self.words[0] if len(self.words) == 1 else ""
        return word if len(word) == 1 and _is_japanese(word) else None

    def part_words(self, part: str) -> tuple[list[str], bool]:
        """The index words the term is in one part, one after the other, and whether the last is a prefix."""
        if self.character:
            return [UNIGRAM + PREFIXES[part] + self.character], False
        return [PREFIXES[part] + word for word in self.words], self.prefix


def pattern(term: str) -> Pattern:
    """The index's words that appear, one after the other, wherever folded `term` is in a text.

    A run of Japanese inside the term gives its bigrams; the text around it
    may continue the run, except where the term itself goes on in another
    script, so there the run's last character follows as the text has it.
    A last run of one character, or a last Latin word of PREFIX_MATCH_LENGTH
    letters or more, is a prefix.
    """
    runs = _runs(term)
    words: list[str] = []
    prefix = False
    for i, run in enumerate(runs):
        last = i == len(runs) - 1
        if not _is_japanese(run):
            words.append(run[:MAX_WORD])
            prefix = last and len(run) >= PREFIX_MATCH_LENGTH
        elif len(run) == 1:
            words.append(run)
            prefix = last
        else:
            words.extend(a + b for a, b in pairwise(run))
            if not last:
                words.append(run[-1])
            prefix = False
    return Pattern(tuple(words), prefix)
