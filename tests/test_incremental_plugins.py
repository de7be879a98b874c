"""With every bundled plugin on, a rebuild after an edit is byte-identical to
a clean build: pages that show what changed are never left stale."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from conftest import recorded, tree

from briefgen import pagegen
from briefgen.build import Builder, build

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture
def example(tmp_path: Path) -> Path:
    site = tmp_path / "site"
    site.mkdir()
    shutil.copytree(ROOT / "content", site / "content")
    shutil.copy(ROOT / "site.yml", site / "site.yml")
    return site


def clean(site: Path, tmp_path: Path) -> dict[str, bytes]:
    out = tmp_path / "clean"
    if out.exists():
        shutil.rmtree(out)
    build(site, output=out, use_cache=False, jobs=1)
    return tree(out)


@pytest.mark.slow
def test_edits_with_all_plugins_match_a_clean_build(example: Path, tmp_path: Path) -> None:
    builder = Builder(example, output=tmp_path / "out", jobs=1)
    builder.rebuild()
    article = next((example / "content/articles").glob("*.md"))
    text = article.read_text()
    article.write_text(
        text + "\n\nLate on Thursday, Vladimir Putin's office said nothing new. "
        "“We have heard the proposals,” Dmitry Peskov said. "
        "Officials repeated that the US had provided $350 billion.\n"
    )
    result = builder.rebuild([article])
    assert result.rendered < result.pages
    assert tree(tmp_path / "out") == clean(example, tmp_path)

    entity = example / "content/entities/dmitry-peskov.md"
    entity.write_text(entity.read_text().replace("role:", "role: Long-serving", 1))
    builder.rebuild([entity])
    assert tree(tmp_path / "out") == clean(example, tmp_path)

    article.write_text(text)
    builder.rebuild([article])
    assert tree(tmp_path / "out") == clean(example, tmp_path)


def test_an_edit_asks_only_the_pages_that_show_it_for_their_context(
    example: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Every bundled page declares its sources: after an edit, only pages
    made from the edited article or document are looked at again."""
    builder = Builder(example, output=tmp_path / "out", jobs=1)
    first = builder.rebuild()
    asked = recorded(monkeypatch, pagegen, "page_context", lambda site, page: page.url)
    article = example / "content/articles/putin-agrees-energy-pause-rejects-full-truce.md"
    article.write_text(article.read_text() + "\n\nNothing more was said on Friday.\n")
    builder.rebuild([article])
    assert "/articles/putin-agrees-energy-pause-rejects-full-truce/" in asked
    assert "/articles/white-house-floats-us-ownership-of-ukraine-power-plants/" not in asked
    assert "/entities/vladimir-putin/" in asked  # mentioned in the edited article
    assert "/entities/alexander-stubb/" not in asked  # only in another article
    assert len(asked) < first.pages / 2
    assert tree(tmp_path / "out") == clean(example, tmp_path)

    asked.clear()
    entity = example / "content/entities/alexander-stubb.md"
    entity.write_text(entity.read_text().replace("role:", "role: Long-serving", 1))
    builder.rebuild([entity])
    assert "/entities/alexander-stubb/" in asked
    assert "/articles/zelenskyy-helsinki-drones-after-putin-pledge/" in asked  # names him
    assert "/articles/white-house-floats-us-ownership-of-ukraine-power-plants/" not in asked
    assert "/entities/black-sea/" not in asked
    assert tree(tmp_path / "out") == clean(example, tmp_path)
