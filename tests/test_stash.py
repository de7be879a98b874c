"""``site.cached``: what plugins keep from one build to the next."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import article, same_as_clean

from briefgen.build import Builder, build
from briefgen.errors import BriefgenError
from briefgen.testing import write_files

#: A plugin whose build_start keeps a "compiled" list of the words in its
#: collection, noting each time it makes it (in made.log).
SHELF = """
from pathlib import Path

from briefgen import Setting, hookimpl


class Compiled:
    def __init__(self, words, suffix):
        self.words = words
        self.suffix = suffix


def compile_words(site, docs):
    with open(site.source / "made.log", "a") as log:
        log.write("made\\n")
    suffix = site.settings("shelf")["suffix"]
    compiled = Compiled(sorted(d.meta["word"] for d in docs), suffix)
    if suffix == "unpicklable":
        compiled.callback = lambda: None
    return compiled


@hookimpl
def briefgen_settings():
    return {"suffix": Setting(str, "!", "added to each word")}


@hookimpl
def briefgen_collections():
    return ["shelf"]


@hookimpl
def briefgen_build_start(site):
    docs = site.collection("shelf")
    compiled = site.cached(
        "shelf/words",
        [(d.relpath, d.digest) for d in docs],
        lambda: compile_words(site, docs),
    )
    site.data["shelf"] = compiled


@hookimpl
def briefgen_template_context(page, site):
    if page.kind == "home":
        c = site.data["shelf"]
        return {"shelf_words": [w + c.suffix for w in c.words]}
    return None
"""

HOME = (
    '{% extends "base.html" %}{% block content %}'
    "<p id=shelf>{{ shelf_words | join(' ') }}</p>{% endblock %}"
)


@pytest.fixture(autouse=True)
def _only_the_shelf(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("BRIEFGEN_PLUGINS", "shelf")


def make_site(root: Path) -> Path:
    return write_files(
        root,
        {
            "plugins/shelf.py": SHELF,
            "templates/home.html": HOME,
            "content/shelf/a.md": "---\nword: apple\n---\n",
            "content/shelf/b.md": "---\nword: bean\n---\n",
            "content/articles/one.md": article("One") + "\nFirst text.\n",
        },
    )


def made(root: Path) -> int:
    log = root / "made.log"
    return len(log.read_text().splitlines()) if log.exists() else 0


def edit_article(root: Path, text: str) -> None:
    (root / "content/articles/one.md").write_text(article("One") + f"\n{text}\n")


def shelf(root: Path) -> str:
    html = (root / "public/index.html").read_text()
    return html.split("<p id=shelf>", 1)[1].split("</p>", 1)[0]


def test_made_twice_then_taken_from_the_cache(tmp_path: Path) -> None:
    root = make_site(tmp_path / "site")
    build(root)
    assert made(root) == 1
    edit_article(root, "Second text.")
    build(root)  # asked again for the same inputs: made, and now kept
    assert made(root) == 2
    for text in ("Third text.", "Fourth text."):
        edit_article(root, text)
        build(root)
    assert made(root) == 2
    assert shelf(root) == "apple! bean!"
    assert same_as_clean(root, tmp_path)


def kept_site(root: Path) -> Path:
    """A site built three times after edits: its result made twice, then kept."""
    make_site(root)
    for i in range(3):
        edit_article(root, f"Text {i}.")
        build(root)
    assert made(root) == 2
    return root


def test_made_again_when_its_inputs_change(tmp_path: Path) -> None:
    root = kept_site(tmp_path / "site")
    (root / "content/shelf/c.md").write_text("---\nword: cherry\n---\n")
    build(root)
    assert made(root) == 3
    assert shelf(root) == "apple! bean! cherry!"
    assert same_as_clean(root, tmp_path)


def test_made_again_when_a_setting_changes(tmp_path: Path) -> None:
    # The plugin's settings are not among the inputs it names: briefgen
    # adds every plugin's settings (and code) to the key itself.
    root = kept_site(tmp_path / "site")
    (root / "site.yml").write_text("title: T\nplugins:\n  shelf:\n    suffix: '?'\n")
    build(root)
    assert made(root) == 3
    assert shelf(root) == "apple? bean?"


def test_each_name_keeps_only_its_latest_result(tmp_path: Path) -> None:
    root = make_site(tmp_path / "site")
    for word in ("cherry", "damson", "elder"):
        (root / "content/shelf/c.md").write_text(f"---\nword: {word}\n---\n")
        build(root)
        edit_article(root, f"About {word}.")
        build(root)
    stored = [p for p in (root / ".briefgen-cache/stash").rglob("*") if p.is_file()]
    assert len(stored) == 1


def test_a_damaged_record_is_made_again(tmp_path: Path) -> None:
    root = make_site(tmp_path / "site")
    build(root)
    edit_article(root, "Second text.")
    build(root)
    [record] = [p for p in (root / ".briefgen-cache/stash").rglob("*") if p.is_file()]
    data = record.read_bytes()
    record.write_bytes(data[:80] + b"\x00garbage")
    edit_article(root, "Third text.")
    build(root)
    assert made(root) == 3
    assert shelf(root) == "apple! bean!"


def test_without_the_cache_it_is_made_every_time(tmp_path: Path) -> None:
    root = make_site(tmp_path / "site")
    for i in range(3):
        edit_article(root, f"Text {i}.")
        build(root, use_cache=False)
    assert made(root) == 3
    assert not (root / ".briefgen-cache/stash").exists()


def test_a_result_that_cannot_be_kept_is_a_clear_error(tmp_path: Path) -> None:
    root = make_site(tmp_path / "site")
    (root / "site.yml").write_text("title: T\nplugins:\n  shelf:\n    suffix: unpicklable\n")
    build(root)  # asked once: not kept yet
    edit_article(root, "Second text.")
    with pytest.raises(BriefgenError, match=r"site.cached\('shelf/words'\).*picklable"):
        build(root)


def test_a_long_running_builder_keeps_the_same_object(tmp_path: Path) -> None:
    root = make_site(tmp_path / "site")
    builder = Builder(root, keep=True)
    builder.rebuild([])
    first = builder.site.data["shelf"]
    path = root / "content/articles/one.md"
    edit_article(root, "Second text.")
    builder.rebuild([path])
    assert builder.site.data["shelf"] is first
    assert made(root) == 1


def test_the_entities_registry_is_kept_and_follows_edits(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import briefgen_entities

    monkeypatch.setenv("BRIEFGEN_PLUGINS", "entities")
    compiled = []
    real = briefgen_entities._compile

    def counting(docs):
        compiled.append(len(docs))
        return real(docs)

    monkeypatch.setattr(briefgen_entities, "_compile", counting)
    root = write_files(
        tmp_path / "site",
        {
            "content/entities/ada-park.md": "---\nname: Ada Park\nkind: person\n---\n",
            "content/entities/port-authority.md": (
                "---\nname: Port Authority\nkind: organization\n---\n"
            ),
            "content/articles/one.md": article("One") + "\nAda Park met the Port Authority.\n",
        },
    )
    for text in ("again", "and again", "once more"):
        build(root)
        edit_article(root, f"Ada Park met the Port Authority {text}.")
    build(root)
    assert compiled == [2, 2]  # made twice (kept the second time), then loaded
    page = (root / "public/articles/one/index.html").read_text()
    assert 'href="../../entities/ada-park/"' in page
    (root / "content/entities/ada-park.md").write_text(
        "---\nname: Ada Park\nkind: person\naliases: [Park]\n---\n"
    )
    edit_article(root, "Ada Park met the Port Authority. Park spoke first.")
    build(root)
    assert compiled == [2, 2, 2]
    assert same_as_clean(root, tmp_path)
