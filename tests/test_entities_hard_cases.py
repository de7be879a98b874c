"""The entity linker on an article of our own writing with every hard case.

``tests/fixtures/entities/hard-cases.md`` marks the truth inline:
``⟦surface|entity-id⟧`` is a mention that must be found with exactly that
span, ``⟦surface|-⟧`` a place where nothing may be linked. The markers are
removed before the article is built, then found again in the article's plain
text in order, so the test knows the true spans.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from briefgen.testing import build_site

FIXTURES = Path(__file__).parent / "fixtures" / "entities"
MARKER = re.compile(r"⟦([^|⟧]+)\|([^⟧]+)⟧")


@pytest.fixture(autouse=True)
def _only_this_plugin(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("BRIEFGEN_PLUGINS", "entities")


def registry_files() -> dict[str, str]:
    return {
        f"content/entities/{p.name}": p.read_text("utf-8")
        for p in sorted((FIXTURES / "entities").glob("*.md"))
    }


def truth(text: str, raw: str) -> tuple[set[tuple[int, int, str]], list[tuple[int, int]]]:
    """Gold mentions and forbidden spans, located in the article's text."""
    gold: set[tuple[int, int, str]] = set()
    forbidden: list[tuple[int, int]] = []
    cursor = 0
    for m in MARKER.finditer(raw):
        surface, entity = m.group(1), m.group(2)
        start = text.find(surface, cursor)
        assert start >= 0, f"marker {surface!r} not found in the article text"
        end = start + len(surface)
        if entity == "-":
            forbidden.append((start, end))
        else:
            gold.add((start, end, entity))
        cursor = end
    return gold, forbidden


@pytest.fixture(scope="module")
def hard(tmp_path_factory: pytest.TempPathFactory):
    mp = pytest.MonkeyPatch()
    mp.setenv("BRIEFGEN_PLUGINS", "entities")
    raw = (FIXTURES / "hard-cases.md").read_text("utf-8")
    files = registry_files()
    files["content/articles/hard-cases.md"] = MARKER.sub(lambda m: m.group(1), raw)
    built = build_site(tmp_path_factory.mktemp("hard"), files)
    mp.undo()
    article = built.article("hard-cases")
    gold, forbidden = truth(article.text, raw)
    return built, article, gold, forbidden


def _show(article, spans) -> str:
    return "\n".join(
        f"  {s}-{e} {eid}: {article.text[s:e]!r} in …{article.text[max(0, s - 30) : e + 30]!r}…"
        for s, e, eid in sorted(spans)
    )


def test_precision_and_recall_on_the_hard_cases(hard) -> None:
    _, article, gold, _ = hard
    found = {(a.start, a.end, a.data["id"]) for a in article.of_kind("entity")}
    right = found & gold
    precision = len(right) / len(found)
    recall = len(right) / len(gold)
    assert len(gold) >= 45
    assert precision == 1.0, "linked wrongly:\n" + _show(article, found - gold)
    assert recall == 1.0, "missed:\n" + _show(article, gold - found)


def test_nothing_is_linked_where_the_text_says_not_to(hard) -> None:
    _, article, _, forbidden = hard
    assert len(forbidden) >= 20
    for ann in article.of_kind("entity"):
        for lo, hi in forbidden:
            assert not (ann.start < hi and lo < ann.end), (
                f"{article.text[ann.start : ann.end]!r} linked at {ann.start}"
            )


def test_no_link_in_code_links_or_headings(hard) -> None:
    _, article, _, _ = hard
    for ann in article.of_kind("entity"):
        if ann.data["match"] != "mark":
            assert article.article.is_prose(ann.start, ann.end)
    html = article.body_html
    heading = re.search(r"<h2[^>]*>(.*?)</h2>", html, re.S)
    assert heading is not None and "entity-link" not in heading.group(1)
    code = re.search(r"<pre><code>(.*?)</code></pre>", html, re.S)
    assert code is not None and "entity" not in code.group(1)
    assert "entity-link" not in re.search(r"<code>Putin\.profile\(\)</code>", html).group(0)
    link = re.search(r'<a href="https://example.org/putin">(.*?)</a>', html, re.S)
    assert link is not None and "<a" not in link.group(1)


def test_shared_surname_without_full_name_warns_with_file_and_line(hard) -> None:
    built, _, _, _ = hard
    [warning] = [w for w in built.warnings if "Kovalenko" in w]
    assert warning.startswith("content/articles/hard-cases.md:21:")
    assert "anna-kovalenko" in warning and "petro-kovalenko" in warning


def test_annotation_data_and_refs(hard) -> None:
    _, article, _, _ = hard
    by_surface = {article.exact(a): a for a in article.of_kind("entity")}
    poutine = by_surface["Poutine"]
    assert poutine.data == {
        "id": "vladimir-putin",
        "name": "Vladimir Putin",
        "kind": "person",
        "role": "President of Russia",
        "surface": "Poutine",
        "match": "alias",
    }
    assert poutine.refs == ("entities/vladimir-putin",)
    assert by_surface["the former president"].data["match"] == "mark"
    assert by_surface["Donald J. Trump"].data["match"] == "name"


def test_first_mention_is_a_link_and_later_ones_are_annotations(hard) -> None:
    built, article, _, _ = hard
    zelenskyy = [a for a in article.of_kind("entity") if a.data["id"] == "volodymyr-zelenskyy"]
    assert len(zelenskyy) >= 4
    assert [a.inline for a in zelenskyy] == [True] + [False] * (len(zelenskyy) - 1)
    assert article.body_html.count("entities/volodymyr-zelenskyy/") == 1
    exported = article.exported["first"]["items"]
    ids = [item["body"]["value"]["id"] for item in exported if item["body"]["kind"] == "entity"]
    assert ids.count("volodymyr-zelenskyy") == len(zelenskyy)
    hits = built.site.index.referencing("entities/volodymyr-zelenskyy")
    assert len(hits) == len(zelenskyy)
