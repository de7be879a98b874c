"""The ``briefgen_index_article`` hook: what a plugin takes from each article
for its index is made with the article, cached with it, and handed back."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import article

from briefgen.build import Builder, build
from briefgen.errors import PluginError
from briefgen.testing import write_files

#: Takes each article's word count and title, logs every call, and publishes
#: what briefgen_index saw as a page.
PLUGIN = """
from pathlib import Path
from briefgen import Page, hookimpl

@hookimpl
def briefgen_index_article(article, site):
    with open(Path(site.source) / "calls.log", "a") as log:
        log.write(article.slug + "\\n")
    if "warn me" in article.text:
        site.warn("this article asked for a warning", file=article.relpath, line=7)
    if "break me" in article.text:
        raise ValueError("cannot count this one")
    if "unpicklable" in article.text:
        return {"words": lambda: 0}
    return {"words": len(article.text.split()), "title": article.title}

@hookimpl
def briefgen_index(site):
    site.data["counter"] = [
        (a.slug, a.indexed["counter"]["words"], a.indexed["counter"]["title"])
        for a in site.articles
    ]

@hookimpl
def briefgen_pages(site):
    rows = [f"{slug} {words} {title}" for slug, words, title in site.data["counter"]]
    return [Page("/counts/", "counts.html", {"rows": rows}, title="Counts")]
"""

COUNTS = "{% for row in rows %}{{ row }}\n{% endfor %}"


@pytest.fixture(autouse=True)
def _only_counter(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("BRIEFGEN_PLUGINS", "counter")


def _date(i: int) -> str:
    return f"2025-{1 + i // 28:02d}-{1 + i % 28:02d}"


def make(root: Path, n: int = 3) -> Path:
    files: dict[str, str | bytes] = {
        f"content/articles/a{i}.md": article(f"Article {i}", _date(i)) for i in range(n)
    }
    files["plugins/counter.py"] = PLUGIN
    files["templates/counts.html"] = COUNTS
    write_files(root, files)
    return root


def calls(root: Path) -> list[str]:
    log = root / "calls.log"
    found = sorted(log.read_text().split()) if log.exists() else []
    log.unlink(missing_ok=True)
    return found


def counts(root: Path) -> str:
    return (root / "public/counts/index.html").read_text()


def test_made_once_per_annotated_article_and_read_back_from_the_cache(tmp_path: Path) -> None:
    root = make(tmp_path)
    build(root)
    assert calls(root) == ["a0", "a1", "a2"]
    assert counts(root) == (
        "a2 5 Article 2\na1 5 Article 1\na0 5 Article 0\n"  # newest first
    )
    a1 = root / "content/articles/a1.md"
    a1.write_text(a1.read_text() + "\nTwo more.\n")
    build(root)
    # Only the edited article was indexed again; the others came from the cache.
    assert calls(root) == ["a1"]
    assert counts(root) == "a2 5 Article 2\na1 7 Article 1\na0 5 Article 0\n"


def test_a_kept_builder_hands_back_the_same_objects(tmp_path: Path) -> None:
    root = make(tmp_path)
    builder = Builder(root, jobs=1)
    builder.rebuild()
    site = builder.site
    assert site is not None
    before = {a.slug: a.indexed["counter"] for a in site.articles}
    a1 = root / "content/articles/a1.md"
    a1.write_text(a1.read_text() + "\nTwo more.\n")
    builder.rebuild([a1])
    after = {a.slug: a.indexed["counter"] for a in site.articles}
    assert after["a0"] is before["a0"] and after["a2"] is before["a2"]
    assert after["a1"] == {"words": 7, "title": "Article 1"}


def test_parallel_build_indexes_in_the_workers_with_the_same_result(tmp_path: Path) -> None:
    root = make(tmp_path, n=60)  # enough to use the process pool
    build(root, jobs=2, use_cache=False)
    parallel = counts(root)
    assert len(calls(root)) == 60
    build(root, jobs=1, use_cache=False)
    assert counts(root) == parallel


def test_warnings_stay_with_the_article(tmp_path: Path) -> None:
    root = make(tmp_path)
    a1 = root / "content/articles/a1.md"
    a1.write_text(a1.read_text() + "\nPlease warn me.\n")
    first = build(root)
    a0 = root / "content/articles/a0.md"
    a0.write_text(a0.read_text() + "\nAn edit elsewhere.\n")
    second = build(root)  # a1 from the cache
    for result in (first, second):
        assert [(w.message, w.file, w.line) for w in result.warnings] == [
            ("this article asked for a warning", "content/articles/a1.md", 7)
        ]


@pytest.mark.parametrize(
    ("phrase", "says", "hint"),
    [
        ("Please break me.", "cannot count this one", "bug in the plugin"),
        ("Something unpicklable.", "cannot be pickled", "plain data"),
    ],
)
def test_a_failing_hook_names_the_plugin_the_hook_and_the_article(
    tmp_path: Path, phrase: str, says: str, hint: str
) -> None:
    root = make(tmp_path)
    a2 = root / "content/articles/a2.md"
    a2.write_text(a2.read_text() + f"\n{phrase}\n")
    with pytest.raises(PluginError) as caught:
        build(root)
    message = str(caught.value)
    assert "counter" in message and "briefgen_index_article" in message and says in message
    assert caught.value.file == "content/articles/a2.md"
    assert hint in (caught.value.hint or "")
    assert not (root / "public").exists()
