"""With every bundled plugin on, a rebuild after an edit is byte-identical to
a clean build: pages that show what changed are never left stale."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from conftest import tree

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
