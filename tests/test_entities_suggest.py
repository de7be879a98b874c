"""``briefgen entities suggest``: finding names the registry lacks."""

from __future__ import annotations

import random
from pathlib import Path

import pytest
from briefgen_entities.suggest import _Covered

from briefgen.cli import main
from briefgen.testing import build_site, write_files

FILES = {
    "content/entities/kyiv.md": "---\nname: Kyiv\nkind: place\n---\n",
    "content/entities/anna-kovalenko.md": "---\nname: Anna Kovalenko\nkind: person\n---\n",
    "content/articles/one.md": """---
title: One
date: 2025-04-01
---

Officials at the Energy Research Institute in Kyiv said on Monday that Marta Oleksenko
would lead the review. The Energy Research Institute has done so before.

Unfortunately, the review stalled. According to Kovalenko, Marta Oleksenko disagreed.
Ukrainian engineers and American donors met in Odesa.
""",
    "content/articles/two.md": """---
title: Two
date: 2025-04-02
---

The Energy Research Institute, Kyiv and Odesa were named again. Marta Oleksenko
said in May that the Bank of Ukraine would pay. `Not Code` here, and
[Linked Name](https://example.org).
""",
}


@pytest.fixture(autouse=True)
def _only_this_plugin(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("BRIEFGEN_PLUGINS", "entities")


@pytest.fixture
def site(tmp_path: Path) -> Path:
    return write_files(tmp_path, FILES)


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    status = main(["entities", "suggest", *args])
    out, err = capsys.readouterr()
    return status, out, err


def listed(out: str) -> list[tuple[int, str, str]]:
    rows = []
    for line in out.splitlines():
        parts = line.split("  ")
        parts = [p.strip() for p in parts if p.strip()]
        if len(parts) >= 3 and parts[0].isdigit():
            rows.append((int(parts[0]), parts[1], parts[2].strip("[]")))
    return rows


def test_lists_unmatched_names_most_frequent_first(site: Path, capsys) -> None:
    status, out, _ = run(capsys, "-s", str(site), "--min", "1")
    assert status == 0
    rows = listed(out)
    names = [name for _, name, _ in rows]
    assert names[:2] == ["Energy Research Institute", "Marta Oleksenko"]
    assert rows[0] == (3, "Energy Research Institute", "energy-research-institute")
    assert (2, "Odesa", "odesa") in rows
    assert "Bank of Ukraine" in names
    # Registered names, sentence-initial words, nationality words, months,
    # code and links are not suggestions; nor is a surname of a registered person.
    for skipped in (
        "Kyiv",
        "Unfortunately",
        "According",
        "Ukrainian",
        "American",
        "May",
        "Not Code",
        "Linked Name",
        "Kovalenko",
        "The",
        "Officials",
    ):
        assert skipped not in names, skipped


def test_min_filters_rare_names(site: Path, capsys) -> None:
    _, out, _ = run(capsys, "--min", "3", "--source", str(site))
    assert [name for _, name, _ in listed(out)] == ["Energy Research Institute", "Marta Oleksenko"]
    _, out, _ = run(capsys, "--source", str(site))  # the default is 2
    assert "Odesa" in out and "Bank of Ukraine" not in out


def test_write_creates_stubs_that_build(site: Path, capsys) -> None:
    status, out, _ = run(
        capsys, "-s", str(site), "--min", "1", "--write", "energy-research-institute", "odesa"
    )
    assert status == 0
    assert "wrote content/entities/energy-research-institute.md" in out
    stub = (site / "content/entities/energy-research-institute.md").read_text("utf-8")
    assert 'name: "Energy Research Institute"' in stub
    assert "kind: organization" in stub
    assert (site / "content/entities/odesa.md").is_file()
    assert not (site / "content/entities/marta-oleksenko.md").exists()
    built = build_site(site)
    linked = {a.data["id"] for a in built.article("one").of_kind("entity")}
    assert {"energy-research-institute", "odesa"} <= linked
    # Now registered, they are no longer suggested.
    _, out, _ = run(capsys, "-s", str(site), "--min", "1")
    names = [name for _, name, _ in listed(out)]
    assert "Energy Research Institute" not in names and "Odesa" not in names


def test_write_never_overwrites(site: Path, capsys) -> None:
    existing = site / "content/entities/odesa.md"
    existing.write_text("---\nname: Odessa\nkind: place\n---\nMine.\n", encoding="utf-8")
    # "Odessa" is registered, but copy writes "Odesa": still suggested, under its own slug.
    status, out, _ = run(capsys, "-s", str(site), "--min", "1", "--write-all")
    assert status == 0
    assert "skipped content/entities/odesa.md: the file exists" in out
    assert existing.read_text("utf-8").endswith("Mine.\n")
    assert (site / "content/entities/marta-oleksenko.md").is_file()


def test_unknown_slug_is_an_error(site: Path, capsys) -> None:
    status, _, err = run(capsys, "-s", str(site), "--write", "nobody-at-all")
    assert status == 1
    assert "nobody-at-all" in err


def test_site_without_registry(tmp_path: Path, capsys) -> None:
    write_files(tmp_path, {"content/articles/one.md": FILES["content/articles/one.md"]})
    status, _, err = run(capsys, "-s", str(tmp_path))
    assert status == 1
    assert "content/entities/" in err


def test_covered_spans_answer_as_a_look_at_each_of_them_would() -> None:
    """A word is outside the names already found when it overlaps none of
    their spans: asked of the merged, sorted spans, the same answer for
    spans that nest, overlap, touch or are empty."""
    rnd = random.Random(7)
    for _ in range(200):
        spans = []
        for _ in range(rnd.randrange(0, 12)):
            lo = rnd.randrange(0, 60)
            spans.append((lo, lo + rnd.randrange(0, 8)))
        covered = _Covered(spans)
        for start in range(0, 70):
            end = start + rnd.randrange(1, 6)
            expected = any(lo < end and start < hi for lo, hi in spans)
            assert covered.meets(start, end) == expected, (spans, start, end)
