"""The quotes plugin reads each thing once, and only what it needs.

Finding quotations and resolving their speakers ask the same questions about
the same words (who is the subject of this "said"?): the answers are shared,
not worked out twice. Speakers named after the last quotation that needs them
are never read, and paragraphs nobody quotes from are not split into
sentences. Words and names recur: each distinct piece of text is split into
words once, and each speaker phrase read once, for every article; what is
remembered never leaks from one caller to another, and forgetting it changes
nothing. The tokeniser's shortcuts give exactly the tokens of the general
rule, and counting words piece by piece gives the general rule's count.
(That each block is tokenised once, and that the work grows in proportion to
the text, is in ``test_plugins_speed.py``.)
"""

from __future__ import annotations

import importlib
import random
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import briefgen_quotes
import pytest
from briefgen_quotes import phrases as quote_phrases
from briefgen_quotes import speakers as quote_speakers
from briefgen_quotes import text as quote_text
from briefgen_quotes.text import normalize, tokenize, words

from briefgen.testing import build_site

#: The module (``briefgen_quotes.resolve`` is the function of that name).
quote_resolve = importlib.import_module("briefgen_quotes.resolve")

FRONT = "---\ntitle: Quay works\ndate: 2025-02-03\n---\n"
PARAGRAPH = (
    "Mara Ilves, the harbour master, spoke first on Monday. "
    '"The cranes are ready for the autumn ships," she said. '
    "The repairs to the north quay will take several more weeks, the ministry said. "
    "Tomas Berg said the crews had not been told."
)
NARRATIVE = (
    "Tomas Berg walked the quay on Tuesday. The council said the repairs would cost more. "
    "Officials described the mood as calm, and Lena Sorel told the crews to wait."
)


def annotator(tmp_path: Path, body: str) -> Callable[[], list]:
    """Annotating an article of ``body`` again, once its site is built (so
    that spies see only that)."""
    site = build_site(
        tmp_path,
        {"site.yml": "title: Speed\n", "content/articles/a.md": FRONT + body + "\n"},
        plugins=["quotes"],
    ).site
    return lambda: briefgen_quotes.briefgen_annotate(article=site.articles[0], site=site)


def test_each_verb_is_read_once(tmp_path):
    """The subject and the attribution clause of a verb are worked out once,
    though the finder and the resolver both need them."""
    asked: list[tuple[str, int, int]] = []
    real_subject, real_after = quote_speakers.subject_before, quote_speakers.attribution_after

    def subject_spy(text: str, toks: list, verb: int, floor: int = 0) -> Any:
        asked.append(("subject", toks[verb].start, floor))
        return real_subject(text, toks, verb, floor)

    def after_spy(text: str, toks: list, verb: int, floor: int = 0, subject: Any = None) -> Any:
        asked.append(("after", toks[verb].start, floor))
        return real_after(text, toks, verb, floor, subject)

    annotate = annotator(tmp_path, "\n\n".join([PARAGRAPH] * 4))
    with pytest.MonkeyPatch.context() as spy:
        spy.setattr(quote_speakers, "subject_before", subject_spy)
        spy.setattr(quote_speakers, "attribution_after", after_spy)
        found = annotate()
    assert len(found) >= 8
    assert len([a for a in asked if a[0] == "after"]) >= 8  # the spies see the work
    assert len(asked) == len(set(asked))


HEAD = "Mara Ilves spoke first on Monday. “The cranes are ready,” she said."


def offsets_asked(tmp_path, module: Any, name: str, paragraphs: list[str]) -> tuple[list, list]:
    """Annotate ``paragraphs`` with ``module.name`` spied on; return the
    quotations found and the offsets it was asked about (from its arguments:
    a token list and an index, or a text and a start offset)."""
    asked: list[int] = []
    real = getattr(module, name)

    def spy(text: str, *args: Any, **kwargs: Any) -> Any:
        first = args[0] if isinstance(args[0], int) else args[0][args[1]].start
        asked.append(first)
        return real(text, *args, **kwargs)

    annotate = annotator(tmp_path, "\n\n".join(paragraphs))
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(module, name, spy)
        found = annotate()
    return found, asked


def test_speakers_after_the_last_quotation_are_not_read(tmp_path):
    """Pronouns look back: the names that open sentences after the last
    quotation that needs a speaker are never read."""
    found, read = offsets_asked(
        tmp_path, quote_resolve, "sentence_subject", [HEAD, *[NARRATIVE] * 6]
    )
    assert [(a.data["text"], a.data["speaker"]) for a in found] == [
        ("The cranes are ready", "Mara Ilves")
    ]
    assert read and max(read) < len(HEAD)


def test_paragraphs_nobody_quotes_from_are_not_split_into_sentences(tmp_path):
    """Sentences matter where there is a quotation mark or a speech verb, or
    where a pronoun looks back: paragraphs after the last quotation that hold
    neither are never split into sentences."""
    calm = "The quay reopened on Tuesday. Crews worked through the night. The ships came."
    found, split = offsets_asked(tmp_path, quote_text, "sentence_starts", [HEAD, *[calm] * 4])
    assert [(a.data["text"], a.data["speaker"]) for a in found] == [
        ("The cranes are ready", "Mara Ilves")
    ]
    assert split and max(split) < len(HEAD)


def test_a_phrase_is_read_once_and_each_caller_gets_its_own_speaker(monkeypatch):
    """The speaker of a phrase is worked out once wherever the phrase occurs;
    a caller that changes the speaker it got (a role added) changes nobody
    else's, co-speakers included."""
    read: list[str] = []
    real = quote_phrases._read_speaker

    def spy(text: str, toks: list, by: int) -> Any:
        read.append(text[toks[0].start : toks[-1].end])
        return real(text, toks, by)

    monkeypatch.setattr(quote_phrases, "_PHRASES", {})
    monkeypatch.setattr(quote_phrases, "_read_speaker", spy)
    phrase = "Port chief Mara Ilves and Tomas Berg"
    text = f"{phrase} spoke. Later {phrase} left."
    toks = tokenize(text, 0, len(text))
    starts = [i for i, t in enumerate(toks) if t.text == "Port"]
    first, second = (toks[i : i + 7] for i in starts)
    a = quote_phrases.make_speaker(text, first)
    b = quote_phrases.make_speaker(text, second)
    assert read == [phrase]
    assert a is not None and b is not None
    assert [(s.name, s.role, text[s.start : s.end]) for s in (a, *a.others)] == [
        ("Mara Ilves", "Port chief", "Mara Ilves"),
        ("Tomas Berg", None, "Tomas Berg"),
    ]
    assert [text[s.start : s.end] for s in (b, *b.others)] == ["Mara Ilves", "Tomas Berg"]
    assert b.start > a.start and text[b.phrase_start :].startswith("Port chief Mara")
    a.role, a.others[0].role = "harbour master", "engineer"
    again = quote_phrases.make_speaker(text, second)
    assert again is not None and (again.role, again.others[0].role) == ("Port chief", None)


def test_each_piece_of_text_is_split_once(monkeypatch):
    """A piece of text between white space ("said," "Ilves.") is split into
    words the first time it occurs, not again."""
    learned: list[str] = []
    real = quote_text._learn

    def spy(piece: str) -> Any:
        learned.append(piece)
        return real(piece)

    monkeypatch.setattr(quote_text, "_PLAIN", {})
    monkeypatch.setattr(quote_text, "_SHAPES", {})
    monkeypatch.setattr(quote_text, "_learn", spy)
    text = " ".join([PARAGRAPH, NARRATIVE] * 3)
    tokens = tokenize(text, 0, len(text))
    assert sorted(learned) == sorted(set(text.split()))
    assert tokens == tokenize(text, 0, len(text)) and len(learned) == len(set(learned))


# ---------------------------------------------------------------- tokens

#: The general rule: a word (joined by - ' ’ . &) with an optional final full
#: stop, or any other character that is not white space.
_RULE = re.compile(r"(\w+(?:[-'’.&]\w+)*)(\.?)|(\S)")
_ABBREVIATIONS = {"mr", "mrs", "ms", "dr", "st", "gen", "sen", "jr", "inc", "no", "vs"}


def rule_tokens(text: str) -> list[tuple[int, int, str, bool]]:
    """(start, end, text, is_word) by the general rule: a word's final stop
    is split off unless the word is an abbreviation (from a short list that
    the test texts stay within), an initial or holds a stop already."""
    found = []
    for m in _RULE.finditer(text):
        if m.group(3):
            found.append((m.start(), m.end(), m.group(), False))
            continue
        word, stop = m.group(1), m.group(2)
        kept = "." in word or (len(word) == 1 and word.isupper()) or word.lower() in _ABBREVIATIONS
        if stop and not kept:
            found.append((m.start(), m.start() + len(word), word, True))
            found.append((m.end() - 1, m.end(), ".", False))
        else:
            found.append((m.start(), m.end(), m.group(), True))
    return found


PIECES = [
    *("said,", "Peskov.", "Mr.", "“We", "We”", "_x", "x_", "a.", "A.", "U.S.", "e.g."),
    *("(AP)", "’s", "Ilves’s", "»,", "«", "3.5%", "co-op.", "AT&T.", "…", "—", "x.y.z"),
    *("Zelens\u0301kyy", "İstanbul.", "ΣΑΣ,", "said.”", "“Said", "1.", "no."),
]
SPACES = [" ", "  ", "\n", "\n\n", "\t", "\u00a0", "\u2009 "]


@pytest.mark.parametrize("seed", range(20))
def test_tokens_are_the_general_rules(seed):
    rng = random.Random(seed)
    text = "".join(rng.choice(PIECES) + rng.choice(SPACES) for _ in range(200))
    for lo in (0, rng.randrange(len(text))):
        tokens = tokenize(text, lo, len(text))
        expected = [(a + lo, b + lo, t, w) for a, b, t, w in rule_tokens(text[lo:])]
        assert [(t.start, t.end, t.text, t.is_word) for t in tokens] == expected
        assert all(t.lower == t.text.lower() for t in tokens)
        assert all(t.capitalized == (t.text[0].isupper() or t.text[0].isdigit()) for t in tokens)


@pytest.mark.parametrize("seed", range(3))
def test_tokens_are_the_general_rules_when_words_are_forgotten(monkeypatch, seed):
    """What the tokeniser remembers of pieces starts afresh when it holds too
    many; the tokens stay those of the general rule throughout."""
    monkeypatch.setattr(quote_text, "_PLAIN", {})
    monkeypatch.setattr(quote_text, "_SHAPES", {})
    monkeypatch.setattr(quote_text, "_MAX_LEARNED", 7)
    rng = random.Random(seed)
    text = "".join(rng.choice(PIECES) + rng.choice(SPACES) for _ in range(300))
    tokens = tokenize(text, 0, len(text))
    assert [(t.start, t.end, t.text, t.is_word) for t in tokens] == rule_tokens(text)
    assert len(quote_text._PLAIN) + len(quote_text._SHAPES) <= 7


#: What a word is for counting: letters and digits joined by - ' ’.
_WORD_RULE = re.compile(r"\w+(?:[-'’]\w+)*")


@pytest.mark.parametrize("seed", range(5))
def test_words_are_counted_as_the_general_rule_counts_them(seed):
    rng = random.Random(seed)
    text = "".join(
        rng.choice([*PIECES, "a-b", "x'-y", "’tis", "--"]) + rng.choice(SPACES) for _ in range(60)
    )
    assert words(text) == len(_WORD_RULE.findall(text))
    assert words(text[: len(text) // 2]) == len(_WORD_RULE.findall(text[: len(text) // 2]))


def test_normalizing_collapses_every_kind_of_white_space():
    text = " A\u00a0b \n\n c\u2009\u2009d\te\u3000 "
    assert normalize(text) == re.sub(r"\s+", " ", text).strip() == "A b c d e"
