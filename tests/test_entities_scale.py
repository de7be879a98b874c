"""Matching cost must not grow with the size of the registry.

A registry of 10,000 generated entities (people, organisations, places with
made-up names) plus the ten the text mentions must find exactly what the ten
alone find, doing the same amount of work per character of text, and take
about the same time.
"""

from __future__ import annotations

import pickle
import random
import time
from pathlib import Path

import pytest
from briefgen_entities.matcher import Matcher
from briefgen_entities.registry import Registry, build_registry
from briefgen_entities.text import WORD_RE

from briefgen import Document
from briefgen.yamlfile import Located

KNOWN = [
    ("vladimir-putin", "Vladimir Putin", "person", ["Poutine"]),
    ("volodymyr-zelenskyy", "Volodymyr Zelenskyy", "person", ["Zelensky"]),
    ("donald-trump", "Donald Trump", "person", ["President Trump"]),
    ("kyiv", "Kyiv", "place", ["Kiev"]),
    ("moscow", "Moscow", "place", []),
    ("united-states", "United States", "place", ["U.S.", "US"]),
    ("white-house", "White House", "organization", []),
    ("kremlin", "Kremlin", "organization", []),
    ("black-sea", "Black Sea", "place", []),
    ("us-state-department", "US State Department", "organization", ["State Department"]),
]

PARAGRAPH = (
    "KYIV — Donald Trump spoke to Vladimir Putin for two hours on Tuesday, the White House "
    "said, and Putin's aides in Moscow called the talk useful. Zelensky, for his part, told "
    "reporters in Kiev that the U.S. had not consulted him; the US State Department said "
    "otherwise. The Kremlin wants talks on the Black Sea first, and Poutines demands grew. "
    "Officials in the United States expect more calls; President Trump’s envoy flies to "
    "Moscow next week, while Volodymyr Zelenskyy meets allies and Trump waits.\n\n"
)
TEXT = PARAGRAPH * 40  # about 21,000 characters

SYLLABLES = [
    "zor",
    "qua",
    "vel",
    "thi",
    "mok",
    "rax",
    "lun",
    "dri",
    "fez",
    "gol",
    "wyn",
    "ush",
    "kle",
    "bry",
    "tav",
    "nox",
    "pim",
    "sar",
]


def document(slug: str, meta: dict) -> Document:
    return Document(
        path=Path(f"content/entities/{slug}.md"),
        relpath=f"content/entities/{slug}.md",
        slug=slug,
        meta=meta,
        body="",
        body_line=len(meta) + 3,
        located=Located(data=meta, file=f"content/entities/{slug}.md", first_line=2),
    )


def known_docs() -> list[Document]:
    return [
        document(slug, {"name": name, "kind": kind, "aliases": aliases})
        for slug, name, kind, aliases in KNOWN
    ]


def generated_docs(n: int) -> list[Document]:
    rnd = random.Random(2025)
    kinds = ["person", "person", "organization", "place", "other"]
    seen: set[str] = set()
    docs = []
    while len(docs) < n:
        words = ["".join(rnd.choice(SYLLABLES) for _ in range(3)).title() for _ in range(2)]
        name = " ".join(words)
        if name in seen:
            continue
        seen.add(name)
        kind = kinds[len(docs) % len(kinds)]
        aliases = ["".join(w[0] for w in words).upper() + str(len(docs))]
        docs.append(document(f"gen-{len(docs)}", {"name": name, "kind": kind, "aliases": aliases}))
    return docs


def matcher_for(registry: Registry) -> Matcher:
    persons = {e.id for e in registry.entities.values() if e.kind == "person"}
    return Matcher(registry.forms, persons)


def scan(matcher: Matcher) -> tuple[list[tuple[int, int, str]], int, float]:
    """(spans with entity ids, units of work, seconds) for one cold scan of TEXT."""
    matcher.clear_cache()
    matcher.work = 0
    start = time.perf_counter()
    found = []
    pos = 0
    for block in TEXT.split("\n\n"):
        for cand in matcher.scan(TEXT, pos, pos + len(block)):
            found.append((cand.start, cand.end, matcher.forms[cand.form].entity))
        pos += len(block) + 2
    return sorted(found), matcher.work, time.perf_counter() - start


@pytest.fixture(scope="module")
def registries() -> tuple[Registry, Registry]:
    return build_registry(known_docs()), build_registry(known_docs() + generated_docs(10_000))


def test_ten_thousand_entities_add_no_work_per_character(registries) -> None:
    small, big = registries
    assert len(big.entities) == 10_010
    assert len(big.forms) > 20_000  # names, aliases and derived surnames

    small_found, small_work, _ = scan(matcher_for(small))
    big_found, big_work, _ = scan(matcher_for(big))
    assert small_found == big_found
    assert len({e for _, _, e in small_found}) == len(KNOWN)
    # The same units of work: classifying each distinct word once, then one
    # step per occurrence and per word followed in a trie.
    assert big_work == small_work
    assert small_work < len(WORD_RE.findall(TEXT))  # less than one unit per word


def test_ten_thousand_entities_take_about_the_same_time(registries) -> None:
    small, big = (matcher_for(r) for r in registries)
    small_time = min(scan(small)[2] for _ in range(5))
    big_time = min(scan(big)[2] for _ in range(5))
    # Generous, to stay stable on a busy machine; a registry-sized cost per
    # character would make this hundreds of times slower.
    assert big_time < 3 * small_time + 0.005, (small_time, big_time)


def test_tries_are_laid_only_for_the_words_a_text_holds(registries) -> None:
    _, big = registries
    matcher = matcher_for(big)
    stashed = pickle.loads(pickle.dumps(matcher))  # as a kept registry is, before any scan
    found, _, _ = scan(matcher)
    laid = len(matcher.exact) + len(matcher.lower) + len(matcher.upper)
    assert 0 < laid < len(set(WORD_RE.findall(TEXT)))  # not the 20,000 forms' first words
    assert scan(stashed)[0] == found
    assert scan(pickle.loads(pickle.dumps(matcher)))[0] == found  # pickled half laid
    eager = matcher_for(big)
    for mode, waiting in eager._waiting.items():
        for key in list(waiting):
            eager._root(mode, key)
    assert not any(eager._waiting.values())
    assert scan(eager)[0] == found
