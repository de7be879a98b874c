"""The matcher's shortcut for words whose candidates do not depend on the
text around them (``Starter.fixed``): it proposes exactly what walking the
tries proposes, for every kind of word (one-word names, first words of
longer names, case-insensitive forms, forms with trailing punctuation,
plurals, datelines, sentence-initial capitals)."""

from __future__ import annotations

from briefgen_entities.matcher import Matcher
from briefgen_entities.registry import build_registry
from test_entities_scale import TEXT, document

DOCS = [
    document("oskaria", {"name": "Oskaria", "kind": "place"}),
    document("velmar", {"name": "Velmar", "kind": "place", "aliases": ["Velmar Bay"]}),
    document("mara-ilves", {"name": "Mara Ilves", "kind": "person", "aliases": ["Ilves"]}),
    document("lund", {"name": "Lund", "kind": "place", "case_insensitive": True}),
    document("us", {"name": "U.S.", "kind": "place"}),
    document("brown", {"name": "Gordon Brown", "kind": "person"}),
    document("harbour", {"name": "harbour board", "kind": "organization"}),
]
SAMPLE = (
    "OSKARIA, Velmar — Oskaria and Velmar Bay met. Mara Ilves spoke; Ilves and the "
    "Ilveses left. LUND, lund and Lund agreed with the U.S. and U.S officials. Brown "
    "said Gordon Brown would not. Harbour board members and the harbour board voted.\n\n"
)


def scan_all(matcher: Matcher, text: str) -> list[tuple]:
    out = []
    pos = 0
    for block in text.split("\n\n"):
        out.extend(matcher.scan(text, pos, pos + len(block)))
        pos += len(block) + 2
    return out


def test_fixed_starters_propose_what_the_walk_proposes() -> None:
    registry = build_registry(DOCS)
    persons = {e.id for e in registry.entities.values() if e.kind == "person"}
    text = SAMPLE + TEXT
    fast = Matcher(registry.forms, persons)
    found = scan_all(fast, text)
    shortcut = [s for s in fast._words.values() if s is not None and s.fixed is not None]
    assert shortcut, "some words take the shortcut"
    walked = Matcher(registry.forms, persons)
    scan_all(walked, text)  # classify every word, then take the shortcut away
    walked._words = {
        w: None if s is None else s._replace(fixed=None) for w, s in walked._words.items()
    }
    assert scan_all(walked, text) == found
    assert {registry.forms[c.form].entity for c in found} >= {"oskaria", "velmar", "lund"}
