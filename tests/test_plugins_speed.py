"""The bundled annotation plugins do work in proportion to the text.

Each plugin's ``briefgen_annotate`` runs on an article made of one passage
repeated ``n`` times and on one eight times as long, and the Python lines it
executes are counted with ``sys.settrace``: a count, not a time, so the tests
do not depend on the machine or its load. Per passage, the long article may
cost a little more (binary searches grow with the length), never several
times more, which is what rescanning the paragraph or the article for every
sentence, quotation or match costs.

The other tests check that the shortcuts behind the speed (tokenising at white
space, folding text with ``str.lower``) give exactly what the general rules
give.
"""

from __future__ import annotations

import sys
import unicodedata
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from briefgen_factchecks.matching import FoldedText, fold, fold_char

from briefgen.testing import build_site

#: A passage with everything the quote rules look at: a name with a role,
#: quotations with and without attribution, a pronoun, reported speech.
QUOTES_PASSAGE = (
    "Mara Ilves, the harbour master, spoke first on Monday. "
    '"The cranes are ready for the autumn ships," she said. '
    "Officials at the port authority were less sure. The repairs to the north quay will "
    "take several more weeks, the ministry said on Tuesday. "
    '"Nobody has told the crews anything about the new timetable at all," one docker said.'
)
FACTCHECK_PASSAGE = (
    "The council says the new quay will cost 40 million euros. Critics doubt it, "
    "and the harbour master would not say whether 40 million euros covers the cranes."
)
ENTITIES_PASSAGE = (
    "Mara Ilves met the Velmar Port Authority in Oskaria. Ilves said the authority "
    "had agreed, and Oskaria's council will vote on Friday."
)

ENTITY_FILES = {
    "content/entities/mara-ilves.md": "---\nname: Mara Ilves\nkind: person\n---\n",
    "content/entities/velmar-port-authority.md": (
        "---\nname: Velmar Port Authority\nkind: organization\n---\n"
    ),
    "content/entities/oskaria.md": "---\nname: Oskaria\nkind: place\n---\n",
}
FACTCHECK_FILES = {
    "content/factchecks/quay-cost.md": (
        "---\n"
        'claim: "The new quay will cost 40 million euros."\n'
        'claimant: "Harbour council"\n'
        "verdict: mixed\n"
        "match:\n"
        '  - "40 million euros"\n'
        "date: 2025-02-01\n"
        "---\n\n"
        "The estimate leaves out the cranes.\n"
    ),
}


def executed_lines(call: Callable[[], Any]) -> int:
    """How many Python lines ``call()`` executes (every frame it enters)."""
    count = 0

    def local(frame: Any, event: str, arg: Any) -> Any:
        nonlocal count
        if event == "line":
            count += 1
        return local

    sys.settrace(lambda frame, event, arg: local)
    try:
        call()
    finally:
        sys.settrace(None)
    return count


def annotate_work(
    tmp_path: Path, plugin: str, body: str, extra: dict[str, str] | None = None
) -> int:
    """Lines executed by ``plugin``'s annotate hook on an article of ``body``."""
    files = {
        "site.yml": "title: Speed\n",
        "content/articles/a.md": f"---\ntitle: Quay works\ndate: 2025-02-03\n---\n{body}\n",
        **(extra or {}),
    }
    module = __import__(f"briefgen_{plugin}")
    site = build_site(tmp_path, files, plugins=[plugin]).site
    article = next(a for a in site.articles if a.slug == "a")
    return executed_lines(lambda: module.briefgen_annotate(article=article, site=site))


def growth(tmp_path: Path, plugin: str, passage: str, sep: str, extra=None, n: int = 6) -> float:
    """Work per passage with ``8 n`` passages over work per passage with ``n``."""
    short = annotate_work(tmp_path / "short", plugin, sep.join([passage] * n), extra)
    long = annotate_work(tmp_path / "long", plugin, sep.join([passage] * 8 * n), extra)
    return long / (8 * short)


ONE_PARAGRAPH, PARAGRAPHS = " ", "\n\n"


@pytest.mark.parametrize("sep", [ONE_PARAGRAPH, PARAGRAPHS], ids=["one-paragraph", "paragraphs"])
def test_quote_work_grows_linearly_with_the_text(tmp_path, sep):
    assert growth(tmp_path, "quotes", QUOTES_PASSAGE, sep) < 1.2


@pytest.mark.parametrize("sep", [ONE_PARAGRAPH, PARAGRAPHS], ids=["one-paragraph", "paragraphs"])
def test_fact_check_work_grows_linearly_with_the_text(tmp_path, sep):
    assert growth(tmp_path, "factchecks", FACTCHECK_PASSAGE, sep, FACTCHECK_FILES) < 1.2


@pytest.mark.parametrize("sep", [ONE_PARAGRAPH, PARAGRAPHS], ids=["one-paragraph", "paragraphs"])
def test_entity_work_grows_linearly_with_the_text(tmp_path, sep):
    assert growth(tmp_path, "entities", ENTITIES_PASSAGE, sep, ENTITY_FILES) < 1.2


def test_the_work_tests_see_what_they_count(tmp_path):
    """The fixtures are annotated at all (else linear growth proves nothing)."""
    files = {
        "site.yml": "title: Speed\n",
        "content/articles/a.md": (
            "---\ntitle: Quay works\ndate: 2025-02-03\n---\n"
            f"{QUOTES_PASSAGE}\n\n{FACTCHECK_PASSAGE}\n\n{ENTITIES_PASSAGE}\n"
        ),
        **ENTITY_FILES,
        **FACTCHECK_FILES,
    }
    article = build_site(tmp_path, files).article("a")
    kinds = {a.kind for a in article.annotations}
    assert {"quote", "claim", "entity"} <= kinds
    assert len(article.of_kind("quote")) >= 3


def test_quotes_tokenise_each_prose_block_once(tmp_path, monkeypatch):
    """Finding quotations, boxing them and resolving speakers share one
    tokenisation of the article."""
    import briefgen_quotes
    from briefgen_quotes import text as quote_text

    body = "\n\n".join([QUOTES_PASSAGE, "## Next steps", QUOTES_PASSAGE, "```\ncode\n```"])
    site = build_site(
        tmp_path,
        {
            "site.yml": "title: Speed\n",
            "content/articles/a.md": f"---\ntitle: Quay\ndate: 2025-02-03\n---\n{body}\n",
        },
        plugins=["quotes"],
    ).site
    article = site.articles[0]
    calls: list[tuple[int, int]] = []
    real = quote_text._tokenize

    def counting(text: str, lo: int, hi: int) -> Any:
        calls.append((lo, hi))
        return real(text, lo, hi)

    monkeypatch.setattr(quote_text, "_tokenize", counting)
    found = briefgen_quotes.briefgen_annotate(article=article, site=site)
    prose = [(b.start, b.end) for b in article.blocks if b.kind == "paragraph"]
    assert found and len(prose) == 2
    assert sorted(calls) == prose


# ---------------------------------------------------------------- shortcuts


def test_tokens_split_at_white_space_are_the_regular_expression_tokens():
    from briefgen_quotes.text import tokenize

    text = (
        "“We’re ready,” said Mr. Gould-Davies of the U.S. team. J. Smith_2 left…\u00a0Done."
        " Zelens\u0301kyy’s\u2009aide\tsaid: «AT&T» (e.g. 3.5%)"
    )
    tokens = tokenize(text, 0, len(text))
    assert [t.text for t in tokens] == [
        *("“", "We’re", "ready", ",", "”", "said", "Mr.", "Gould-Davies", "of", "the"),
        *("U.S.", "team", ".", "J.", "Smith_2", "left", "…", "Done", "."),
        *("Zelens", "\u0301", "kyy’s", "aide", "said", ":", "«", "AT&T", "»"),
        *("(", "e.g.", "3.5", "%", ")"),
    ]
    assert all(text[t.start : t.end] == t.text for t in tokens)
    assert [t.text for t in tokens if t.is_word and t.capitalized][:4] == [
        "We’re",
        "Mr.",
        "Gould-Davies",
        "U.S.",
    ]
    lo, hi = text.index("ready"), text.index(" of the")
    assert tokenize(text, lo, hi) == [t for t in tokens if lo <= t.start and t.end <= hi]


#: Characters whose folding is easy to get wrong: a final sigma (``str.lower``
#: maps it by context), ``İ`` and ``ß`` (longer when lowercased or folded),
#: ligatures, invisible ones, quotes and dashes.
TRICKY = "ΣΑΣ σας İstanbul Straße ﬁne ǅemal \u00ad\u200b “x” ‘y’ « z » a–b—c \u00a0\u2009\t\n Ꭰꭰ"


@pytest.mark.parametrize(
    "text",
    [
        TRICKY,
        TRICKY.upper() + TRICKY.lower(),
        "plain ascii words only",
        "".join(chr(c) for c in range(0x20, 0x30000, 7) if unicodedata.category(chr(c)) != "Cs"),
    ],
    ids=["tricky", "cased", "ascii", "unicode-sample"],
)
def test_folding_a_text_folds_each_character(text):
    folded, origin = fold(text)
    assert folded == "".join(fold_char(ch) for ch in text)
    assert origin == [i for i, ch in enumerate(text) for _ in fold_char(ch)]


def test_folded_offsets_point_into_the_original_text():
    text = "In İstanbul the ﬁnal cost\u00ad was “40 million euros”, ΣΑΣ said."
    folded = FoldedText.of(text)
    assert [text[a:b] for a, b in folded.find("40 million euros")] == ["40 million euros"]
    assert [text[a:b] for a, b in folded.find("final cost was")] == ["ﬁnal cost\u00ad was"]
    assert [text[a:b] for a, b in folded.find("σας said")] == ["ΣΑΣ said"]
