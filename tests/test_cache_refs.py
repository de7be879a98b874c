"""Collections split by ``briefgen_collection_shared``: a change to what only
describes a document re-annotates the articles that refer to it, and no
other; a change to what decides matches re-annotates every article. Either
way the output is byte-identical to a clean build's."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import WORDS_PLUGIN, article, recorded, same_as_clean, without_records

from briefgen import pagegen, process
from briefgen.build import Builder, build
from briefgen.cache import SKELETONS
from briefgen.errors import PluginError
from briefgen.testing import write_files

ROOT = Path(__file__).resolve().parent.parent

PLUGIN = (
    WORDS_PLUGIN
    + """
@hookimpl
def briefgen_build_start(site):
    site.data["words"] = sorted(
        (d.meta["word"], d.slug, d.meta.get("note", "")) for d in site.collection("words")
    )

@hookimpl
def briefgen_collection_shared(site, collection):
    # "word" decides what matches; "note" only describes.
    return {f"words/{d.slug}": d.meta["word"] for d in site.collection(collection)}

@hookimpl
def briefgen_annotate(article, site):
    out = []
    for word, slug, note in site.data["words"]:
        for m in re.finditer(re.escape(word), article.text):
            data = {"w": word, "note": note}
            out.append(Annotation(m.start(), m.end(), "word", data, (f"words/{slug}",), aside=True))
    return out
"""
)


@pytest.fixture(autouse=True)
def _only_words(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("BRIEFGEN_PLUGINS", "words")


def make(root: Path, plugin: str = PLUGIN, more: int = 0) -> Path:
    """Six articles: a0, a2, a4 mention the harbour, a1 and a3 the quay, a5
    neither; and ``more`` articles b0, b1, ... that mention the harbour."""
    places = ["harbour", "quay", "harbour", "quay", "harbour", "square"]
    files = {
        f"content/articles/a{i}.md": article(f"Article {i}", f"2025-0{i + 1}-1{i}")
        + f"\nBoats left the {place} early, part {i}.\n"
        for i, place in enumerate(places)
    }
    for i in range(more):
        files[f"content/articles/b{i}.md"] = (
            article(f"More {i}", f"2024-{i % 12 + 1:02d}-{i % 28 + 1:02d}")
            + f"\nThe harbour was busy, part {i}.\n"
        )
    files.update(
        {
            "plugins/words.py": plugin,
            "content/words/harbour.md": "---\nword: harbour\nnote: where boats dock\n---\n",
            "content/words/quay.md": "---\nword: quay\nnote: a stone landing\n---\n",
            "templates/annotations/word.html": "<mark>{{ content }}</mark>",
            "templates/asides/word.html": "<aside>{{ annotation.data.note }}</aside>",
        }
    )
    return write_files(root, files)


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text()
    assert old in text
    path.write_text(text.replace(old, new))


def shows_the_new_note(root: Path) -> bool:
    """Whether the harbour's new note is on a page and in an export that
    show it, and the old one gone."""
    page = (root / "public/articles/a2/index.html").read_text()
    exported = (root / "public/articles/a4/annotations.json").read_text()
    return "where boats dock" not in page and all(
        "where ferries tie up" in text for text in (page, exported)
    )


def test_describing_change_reannotates_only_articles_that_refer(tmp_path: Path) -> None:
    root = make(tmp_path / "site")
    build(root)
    edit(root / "content/words/harbour.md", "where boats dock", "where ferries tie up")
    result = build(root)
    assert result.cache_hits == 3  # a1, a3 (the quay) and a5 (neither)
    assert shows_the_new_note(root)
    assert same_as_clean(root, tmp_path)
    # The next build keeps everything: the new results were recorded.
    assert build(root).nothing_changed


def test_describing_change_renders_only_pages_that_show_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = make(tmp_path / "site")
    build(root)
    rendered = recorded(monkeypatch, pagegen, "render_page", lambda site, page, *_: page.url)
    edit(root / "content/words/harbour.md", "where boats dock", "where ferries tie up")
    build(root, jobs=1)
    # The articles about the harbour, and the lists that show them; not the
    # pages of a1, a3 (the quay) and a5 (neither).
    assert {"/articles/a0/", "/articles/a2/", "/articles/a4/"} <= set(rendered)
    assert not {"/articles/a1/", "/articles/a3/", "/articles/a5/"} & set(rendered)
    assert same_as_clean(root, tmp_path)


def test_the_bundled_theme_s_listings_are_kept_when_only_cards_changed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The home and tag pages of the bundled theme show each article's
    title, date, summary and tags, not what a note adds to it; a site that
    overrides the card may show more, and its listings are made again."""
    root = make(tmp_path / "site")
    build(root)
    rendered = recorded(monkeypatch, pagegen, "render_page", lambda site, page, *_: page.url)
    harbour = root / "content/words/harbour.md"
    edit(harbour, "where boats dock", "where ferries tie up")
    build(root, jobs=1)
    assert {"/articles/a0/", "/articles/a2/", "/articles/a4/"} <= set(rendered)
    assert not {"/", "/tags/alpha/", "/tags/beta-gamma/"} & set(rendered)
    assert same_as_clean(root, tmp_path)
    # An override of a template the listings are not drawn with.
    theme = ROOT / "themes/briefing/templates/article.html"
    write_files(root, {"templates/article.html": theme.read_text() + "{# local #}\n"})
    build(root)
    rendered.clear()
    edit(harbour, "where ferries tie up", "where the ferry docks")
    build(root, jobs=1)
    assert "/articles/a2/" in rendered and "/" not in rendered
    assert same_as_clean(root, tmp_path)
    # The card, which the listings include, showing the body.
    card = "<article>{{ item.title }}{{ item.html | safe }}</article>\n"
    write_files(root, {"templates/partials/article-card.html": card})
    build(root)
    rendered.clear()
    edit(harbour, "where the ferry docks", "where the ferry waits")
    build(root, jobs=1)
    assert {"/", "/tags/alpha/"} <= set(rendered)
    assert "where the ferry waits" in (root / "public/index.html").read_text()
    assert same_as_clean(root, tmp_path)


#: The words plugin, bringing its annotations' notes up to date itself.
REFRESHING = (
    PLUGIN
    + """
@hookimpl
def briefgen_refresh_annotations(annotations, refs, site):
    notes = {f"words/{slug}": note for word, slug, note in site.data["words"]}
    return [
        Annotation(a.start, a.end, a.kind, {**a.data, "note": notes[a.refs[0]]}, a.refs,
                   a.inline, a.aside)
        for a in annotations
    ]
"""
)


def annotated(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The articles a build (with ``jobs=1``) annotates from scratch."""
    return recorded(monkeypatch, process, "make_article_result", lambda site, a: a.slug)


def test_a_plugin_can_refresh_its_annotations_instead_of_annotating_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = make(tmp_path / "site", REFRESHING)
    build(root)
    made = annotated(monkeypatch)
    edit(root / "content/words/harbour.md", "where boats dock", "where ferries tie up")
    result = build(root, jobs=1)
    assert made == [] and result.cache_hits == 6
    assert shows_the_new_note(root)
    assert same_as_clean(root, tmp_path)
    # The refreshed work was recorded: the next build keeps everything.
    assert build(root).nothing_changed
    made.clear()  # of the clean build's
    edit(root / "content/words/harbour.md", "where ferries tie up", "where boats dock")
    build(root, jobs=1)
    assert made == []
    assert same_as_clean(root, tmp_path)


def test_a_refreshed_article_gives_its_index_records_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    indexing = REFRESHING + (
        "\n@hookimpl\n"
        "def briefgen_index_article(article):\n"
        "    return [a.data['note'] for a in article.annotations]\n\n"
        "@hookimpl\n"
        "def briefgen_pages(site):\n"
        "    from briefgen import Page\n"
        "    notes = sorted({n for a in site.articles for n in a.indexed.get('words', [])})\n"
        "    return [Page('/notes/', 'notes.html', {'notes': notes}, title='Notes')]\n"
    )
    root = make(tmp_path / "site", indexing)
    (root / "templates/notes.html").write_text("{% for n in notes %}{{ n }}; {% endfor %}")
    build(root)
    made = annotated(monkeypatch)
    edit(root / "content/words/harbour.md", "where boats dock", "where ferries tie up")
    build(root, jobs=1)
    assert made == []
    notes = (root / "public/notes/index.html").read_text()
    assert "where ferries tie up" in notes and "where boats dock" not in notes
    assert same_as_clean(root, tmp_path)


def test_a_page_of_own_content_is_kept_when_only_a_referred_document_changed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Two lists of the articles' titles, with the articles in their
    contexts: the one that declares ``own_content`` is kept when a word's
    note changes (it shows no note), the other is made again; both follow
    an edit of an article itself."""
    listing = REFRESHING + (
        "\n@hookimpl\n"
        "def briefgen_pages(site):\n"
        "    from briefgen import Page\n"
        "    listed = {'articles': site.articles}\n"
        "    return [\n"
        "        Page(f'/{name}/', 'titles.html', listed, title=name, sources=site.articles,\n"
        "             own_content=name == 'own')\n"
        "        for name in ('own', 'all')\n"
        "    ]\n"
    )
    root = make(tmp_path / "site", listing)
    (root / "templates/titles.html").write_text(
        "{% for a in articles %}{{ a.title }}; {% endfor %}"
    )
    build(root)
    rendered = recorded(monkeypatch, pagegen, "render_page", lambda site, page, *_: page.url)
    edit(root / "content/words/harbour.md", "where boats dock", "where ferries tie up")
    build(root, jobs=1)
    assert "/all/" in rendered and "/own/" not in rendered
    assert same_as_clean(root, tmp_path)
    rendered.clear()
    edit(root / "content/articles/a2.md", "title: Article 2", "title: Article Two")
    build(root, jobs=1)
    assert {"/all/", "/own/"} <= set(rendered)
    assert "Article Two" in (root / "public/own/index.html").read_text()
    assert same_as_clean(root, tmp_path)


@pytest.mark.parametrize("declines", [False, True])
def test_refreshes_are_spread_over_processes(tmp_path: Path, declines: bool) -> None:
    # Enough articles refer to the harbour for the pool to take them: each
    # worker refreshes its share (or annotates it again, when the plugin
    # declines), and the results are those of one process.
    plugin = (
        REFRESHING.replace("    notes = {", "    return None\n    notes = {")
        if declines
        else REFRESHING
    )
    root = make(tmp_path / "site", plugin, more=60)
    build(root)
    edit(root / "content/words/harbour.md", "where boats dock", "where ferries tie up")
    result = build(root, jobs=2)
    # The quay's and the square's articles come from the cache either way;
    # the harbour's 63 are refreshed, or annotated again.
    assert result.cache_hits == (3 if declines else 66)
    assert shows_the_new_note(root)
    assert same_as_clean(root, tmp_path)


def test_a_kept_builder_refreshes_over_processes_edit_after_edit(tmp_path: Path) -> None:
    # The preview's builder keeps every article's work in memory: the
    # workers refresh from those, and what they send back is kept for the
    # next edit.
    root = make(tmp_path / "site", REFRESHING, more=60)
    builder = Builder(root, jobs=2)
    builder.rebuild()
    harbour = root / "content/words/harbour.md"
    for old, new in [("where boats dock", "where ferries tie up"), ("ferries", "tugs")]:
        edit(harbour, old, new)
        result = builder.rebuild([harbour])
        assert result.cache_hits == 66
        assert same_as_clean(root, tmp_path)
    page = (root / "public/articles/b7/index.html").read_text()
    assert "where tugs tie up" in page


def test_a_plugin_declining_to_refresh_means_annotating_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    declining = REFRESHING.replace("    notes = {", "    return None\n    notes = {")
    root = make(tmp_path / "site", declining)
    build(root)
    made = annotated(monkeypatch)
    edit(root / "content/words/harbour.md", "where boats dock", "where ferries tie up")
    build(root, jobs=1)
    assert sorted(made) == ["a0", "a2", "a4"]
    assert same_as_clean(root, tmp_path)


def test_a_lost_skeleton_means_annotating_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = make(tmp_path / "site", REFRESHING)
    build(root)
    without_records(monkeypatch, SKELETONS)
    made = annotated(monkeypatch)
    edit(root / "content/words/harbour.md", "where boats dock", "where ferries tie up")
    build(root, jobs=1)
    assert sorted(made) == ["a0", "a2", "a4"]
    assert same_as_clean(root, tmp_path)


@pytest.mark.parametrize(
    ("old", "new", "says"),
    [
        ("Annotation(a.start,", "Annotation(a.start + 1,", "changed more than the data"),
        ('{**a.data, "note": notes[a.refs[0]]}', "'not a dict'", "annotation data must be a dict"),
    ],
)
def test_a_refresh_that_changes_more_than_data_names_the_plugin(
    tmp_path: Path, old: str, new: str, says: str
) -> None:
    assert old in REFRESHING
    root = make(tmp_path / "site", REFRESHING.replace(old, new))
    build(root)
    before = (root / "public/articles/a2/index.html").read_text()
    edit(root / "content/words/harbour.md", "where boats dock", "where ferries tie up")
    with pytest.raises(PluginError) as caught:
        build(root)
    message = str(caught.value)
    assert "words" in message and "briefgen_refresh_annotations" in message and says in message
    assert (root / "public/articles/a2/index.html").read_text() == before


def test_matching_change_reannotates_every_article(tmp_path: Path) -> None:
    root = make(tmp_path / "site")
    build(root)
    edit(root / "content/words/quay.md", "word: quay", "word: square")
    result = build(root)
    assert result.cache_hits == 0
    assert "<mark>square</mark>" in (root / "public/articles/a5/index.html").read_text()
    assert same_as_clean(root, tmp_path)


def test_document_added_or_removed_reannotates_every_article(tmp_path: Path) -> None:
    root = make(tmp_path / "site")
    build(root)
    (root / "content/words/square.md").write_text("---\nword: square\nnote: open ground\n---\n")
    assert build(root).cache_hits == 0
    assert "open ground" in (root / "public/articles/a5/index.html").read_text()
    (root / "content/words/quay.md").unlink()
    assert build(root).cache_hits == 0
    assert same_as_clean(root, tmp_path)


def test_changing_back_shows_the_first_text(tmp_path: Path) -> None:
    root = make(tmp_path / "site")
    build(root)
    path = root / "content/words/harbour.md"
    edit(path, "where boats dock", "where ferries tie up")
    build(root)
    edit(path, "where ferries tie up", "where boats dock")
    build(root)
    page = (root / "public/articles/a0/index.html").read_text()
    assert "where boats dock" in page and "ferries" not in page
    assert same_as_clean(root, tmp_path)


def test_without_the_hook_any_change_reannotates_every_article(tmp_path: Path) -> None:
    plugin = PLUGIN.replace("def briefgen_collection_shared", "def _not_a_hook")
    root = make(tmp_path / "site", plugin)
    build(root)
    edit(root / "content/words/harbour.md", "where boats dock", "where ferries tie up")
    assert build(root).cache_hits == 0
    assert same_as_clean(root, tmp_path)


def test_only_the_owner_is_asked(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    root = make(tmp_path / "site")
    # Another plugin claiming that "note" decides nothing for *every*
    # collection must not make the words plugin's articles stale.
    (root / "plugins/meddler.py").write_text(
        "from briefgen import hookimpl\n\n"
        "@hookimpl\n"
        "def briefgen_collection_shared(site, collection):\n"
        "    return {}\n"
    )
    plugin = PLUGIN.replace("def briefgen_collection_shared", "def _not_a_hook")
    (root / "plugins/words.py").write_text(plugin)
    monkeypatch.setenv("BRIEFGEN_PLUGINS", "words,meddler")
    build(root)
    edit(root / "content/words/harbour.md", "where boats dock", "where ferries tie up")
    assert build(root).cache_hits == 0
    assert same_as_clean(root, tmp_path)


@pytest.mark.parametrize(
    ("answer", "says"),
    [("['words/harbour']", "not a dict of refs"), ("{'words/quay': object()}", "not JSON")],
)
def test_a_wrong_answer_names_the_plugin_and_hook(tmp_path: Path, answer: str, says: str) -> None:
    plugin = PLUGIN.replace(
        'return {f"words/{d.slug}": d.meta["word"] for d in site.collection(collection)}',
        f"return {answer}",
    )
    root = make(tmp_path / "site", plugin)
    with pytest.raises(PluginError) as caught:
        build(root)
    message = str(caught.value)
    assert "words" in message and "briefgen_collection_shared" in message and says in message


def test_entity_role_change_refreshes_only_articles_mentioning_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("BRIEFGEN_PLUGINS", "entities,quotes,factchecks")
    people = {"mara-voss": "Mara Voss", "tomas-lind": "Tomas Lind"}
    files = {
        f"content/entities/{slug}.md": (
            f"---\nname: {name}\nkind: person\nrole: Port councillor\n---\n\nSits on the board.\n"
        )
        for slug, name in people.items()
    }
    for i, who in enumerate(["Mara Voss", "Tomas Lind", "Tomas Lind", "nobody in particular"]):
        files[f"content/articles/b{i}.md"] = article(f"Brief {i}", f"2025-04-1{i}") + (
            f"\n“The ferries will run again,” {who} said on Monday, part {i}.\n"
        )
    root = write_files(tmp_path / "site", files)
    build(root)
    made = annotated(monkeypatch)
    refreshed = recorded(monkeypatch, process, "refresh_article", lambda s, c, a, *_: a.slug)
    path = root / "content/entities/tomas-lind.md"
    edit(path, "role: Port councillor", "role: Harbour master")
    build(root, jobs=1)
    # b1 and b2 quote Tomas Lind: their entity, quote and claim annotations
    # are brought up to date by the plugins, not made again.
    assert made == [] and sorted(refreshed) == ["b1", "b2"]
    exported = (root / "public/articles/b2/annotations.json").read_text()
    assert "Harbour master" in (root / "public/articles/b2/index.html").read_text()
    assert '"role":"Harbour master"' in exported
    assert same_as_clean(root, tmp_path)
    made.clear()  # of the clean build's
    edit(path, "Sits on the board.", "Sits on the board and chairs it.")
    build(root, jobs=1)
    assert made == [] and sorted(refreshed) == ["b1", "b1", "b2", "b2"]
    assert same_as_clean(root, tmp_path)
    made.clear()
    edit(path, "kind: person", "kind: person\naliases: [Councillor Lind]")
    build(root, jobs=1)
    assert sorted(made) == ["b0", "b1", "b2", "b3"]
    assert same_as_clean(root, tmp_path)


def test_a_claimants_role_change_refreshes_the_claims_article(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("BRIEFGEN_PLUGINS", "entities,quotes,factchecks")
    files = {
        "content/entities/maria-vance.md": (
            "---\nname: Maria Vance\nkind: person\nrole: Mayor\n---\n\nRuns the port city.\n"
        ),
        "content/factchecks/harbour-cost.md": (
            '---\nclaim: "The upgrade will cost $2.4 billion."\nclaimant: maria-vance\n'
            'verdict: mostly-false\nmatch:\n  - "$2.4 billion"\ndate: 2025-04-03\n---\n\n'
            "The capital plan puts it at $1.9 billion.\n"
        ),
        "content/articles/budget.md": article("Budget", "2025-04-04")
        + "\nMaria Vance told the council the upgrade would cost $2.4 billion.\n",
    }
    root = write_files(tmp_path / "site", files)
    build(root)
    made = annotated(monkeypatch)
    edit(root / "content/entities/maria-vance.md", "role: Mayor", "role: Former mayor")
    build(root, jobs=1)
    assert made == []  # the entity mention and the claim both refreshed
    page = (root / "public/articles/budget/index.html").read_text()
    assert "Former mayor" in page and 'class="fc-claim' in page
    assert same_as_clean(root, tmp_path)
