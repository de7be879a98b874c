"""Entity pages, the entity index, the hover card and "In this briefing"."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from conftest import recorded, same_as_clean
from test_cache_refs import PLUGIN as NOTED_WORDS

from briefgen import pagegen
from briefgen.build import Builder, build
from briefgen.errors import ConfigError
from briefgen.testing import build_site, write_files

PROBE = '''
"""A stand-in for another plugin: it annotates one sentence about Putin as a
quote and one as a claim, both referring to his entity page."""
from briefgen import Annotation, hookimpl


@hookimpl
def briefgen_annotation_kinds():
    return {"quote": "a quotation", "claim": "a checked claim"}


@hookimpl
def briefgen_annotate(article, site):
    out = []
    i = article.text.find("Peace is near")
    if i >= 0:
        out.append(Annotation(i, i + 13, "quote", {"text": "Peace is near"},
                              refs=("entities/vladimir-putin",), inline=False))
        out.append(Annotation(i, i + 13, "claim", {"verdict": "false"},
                              refs=("entities/vladimir-putin",), inline=False))
    return out
'''

ENTITIES = {
    "content/entities/vladimir-putin.md": (
        "---\nname: Vladimir Putin\nkind: person\nrole: President of Russia\n"
        "wikidata: Q7747\naliases: [Poutine]\n---\n\nHas led Russia **since 1999**.\n"
    ),
    "content/entities/donald-trump.md": (
        "---\nname: Donald Trump\nkind: person\nrole: President of the United States\n---\n"
    ),
    "content/entities/kyiv.md": "---\nname: Kyiv\nkind: place\nrole: Capital of Ukraine\n---\n",
    "content/entities/helsinki.md": "---\nname: Helsinki\nkind: place\n---\n",
    "content/entities/isw.md": (
        "---\nname: Institute for the Study of War\nkind: organization\n---\n"
    ),
}

OLD = """---
title: The older briefing
date: 2025-03-01
---

Drones flew over Kyiv at night. Hours later Vladimir Putin spoke, and Putin said
"Peace is near" to a room of officials.

Poutine was the name the wire copy used.
"""

NEW = """---
title: The newer briefing
date: 2025-03-10
---

Donald Trump called Vladimir Putin about a pause in the strikes.
"""


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory):
    mp = pytest.MonkeyPatch()
    mp.setenv("BRIEFGEN_PLUGINS", "entities,probe")
    files = dict(ENTITIES)
    files["content/articles/old.md"] = OLD
    files["content/articles/new.md"] = NEW
    files["plugins/probe.py"] = PROBE
    files["site.yml"] = "title: T\nplugins:\n  entities:\n    pages: all\n"
    files["templates/related/quote.html"] = (
        "<h2>What {{ entity.name }} said</h2>\n"
        "{% for hit in hits %}<blockquote class=probe>{{ hit.exact }}</blockquote>{% endfor %}\n"
    )
    try:
        return build_site(tmp_path_factory.mktemp("pages"), files)
    finally:
        mp.undo()


@pytest.fixture(autouse=True)
def _only_these_plugins(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("BRIEFGEN_PLUGINS", "entities,probe")


def main(html: str) -> str:
    return html[html.index("<main") : html.index("</main>")]


def test_entity_page_has_the_facts(built) -> None:
    page = main(built.page("/entities/vladimir-putin/"))
    assert "<h1" in page and ">Vladimir Putin</h1>" in page
    assert "President of Russia" in page
    assert "<dd>Person</dd>" in page
    assert "Poutine" in page
    assert '<a href="https://www.wikidata.org/wiki/Q7747"' in page
    assert "Has led Russia <strong>since 1999</strong>." in page


def test_entity_page_lists_articles_newest_first_with_counts_and_snippets(built) -> None:
    page = main(built.page("/entities/vladimir-putin/"))
    assert page.index("The newer briefing") < page.index("The older briefing")
    items = re.findall(r"<li>(.*?)</li>", page[page.index("mention-list") :], re.S)
    newer, older = items[0], items[1]
    assert "1 mention" in newer and "mentions" not in newer
    assert "3 mentions" in older
    assert "<mark>Vladimir Putin</mark>" in older
    assert "Hours later <mark>Vladimir Putin</mark> spoke" in older
    # The link goes to the first mention in the article.
    first = built.article("old").of_kind("entity")
    putin = next(a for a in first if a.data["id"] == "vladimir-putin")
    assert f'href="../../articles/old/#{putin.id}"' in older
    assert "Mentions</dt><dd>4 in 2 briefings" in page.replace("\n", "")


def test_entity_page_lists_co_mentioned_entities(built) -> None:
    page = main(built.page("/entities/vladimir-putin/"))
    section = page[page.index("Often mentioned with") :]
    assert '<a href="../donald-trump/">Donald Trump</a>' in section
    assert '<a href="../kyiv/">Kyiv</a>' in section
    assert "Helsinki" not in section


def test_co_mentions_rank_by_shared_briefings_then_the_newest_naming(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Counted in briefings, not mentions; among as many briefings, the one
    named first in the newest of them comes first; the entity itself never."""
    monkeypatch.setenv("BRIEFGEN_PLUGINS", "entities")

    def briefing(day: int, text: str) -> str:
        return f"---\ntitle: Day {day}\ndate: 2025-03-{day:02d}\n---\n\n{text}\n"

    built = build_site(
        tmp_path,
        {
            **ENTITIES,
            # Kyiv in three briefings; Helsinki and Donald Trump in two each,
            # Helsinki named before Trump in the newest; the institute in one,
            # named many times.
            "content/articles/a.md": briefing(
                1,
                "Vladimir Putin met the Institute for the "
                "Study of War, the Institute for the Study of War and Kyiv. Putin again.",
            ),
            "content/articles/b.md": briefing(2, "Vladimir Putin, Donald Trump and Kyiv."),
            "content/articles/c.md": briefing(3, "Vladimir Putin, Helsinki, Donald Trump, Kyiv."),
            "content/articles/d.md": briefing(4, "Helsinki and Donald Trump, without him."),
            "content/articles/e.md": briefing(5, "Kyiv and Helsinki, without him."),
        },
    )
    page = main(built.page("/entities/vladimir-putin/"))
    section = page[page.index("Often mentioned with") :]
    section = section[: section.index("</section>")]
    names = re.findall(r'<li><a href="([^"]*)">', section)
    assert names == ["../kyiv/", "../donald-trump/", "../helsinki/", "../isw/"]
    assert '<a href="../kyiv/">Kyiv</a> <span class="count">(3 briefings)</span>' in section
    assert 'Study of War</a> <span class="count">(1 briefing)</span>' in section


def test_other_plugins_contribute_through_the_index(built) -> None:
    page = main(built.page("/entities/vladimir-putin/"))
    # A kind with its own related/<kind>.html template...
    assert "<h2>What Vladimir Putin said</h2>" in page
    assert "<blockquote class=probe>Peace is near</blockquote>" in page
    # ... and one without, shown by the generic list.
    assert re.search(r"<h2>Claim <span class=\"count\">\(1\)</span></h2>", page)
    assert "“Peace is near”" in page
    assert "<blockquote" not in main(built.page("/entities/donald-trump/"))


def test_entity_page_has_structured_data(built) -> None:
    html = built.page("/entities/vladimir-putin/")
    raw = re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S).group(1)
    data = json.loads(raw)
    assert data["@type"] == "Person"
    assert data["sameAs"] == "https://www.wikidata.org/wiki/Q7747"


def test_index_groups_entities_by_kind_with_counts(built) -> None:
    page = main(built.page("/entities/"))
    people = page.index('id="person"')
    orgs = page.index('id="organization"')
    places = page.index('id="place"')
    assert people < orgs < places
    assert re.search(r"Vladimir Putin</a>.*?4 mentions in 2 briefings", page, re.S)
    assert re.search(r"Kyiv</a>.*?1 mention in 1 briefing\b", page, re.S)
    assert re.search(r"Helsinki</a>.*?not mentioned yet", page, re.S)


def test_by_default_only_referenced_entities_get_pages(tmp_path: Path) -> None:
    files = dict(ENTITIES)
    files["content/articles/new.md"] = NEW
    built = build_site(tmp_path, files)
    assert built.exists("/entities/vladimir-putin/")
    assert not built.exists("/entities/helsinki/")
    assert "Helsinki" not in main(built.page("/entities/"))


def test_navigation_links_the_index(built) -> None:
    home = built.page("/")
    assert re.search(r'<a href="entities/">People &amp; places</a>', home)


def test_nav_label_setting(tmp_path: Path) -> None:
    files = dict(ENTITIES)
    files["site.yml"] = "title: T\nplugins:\n  entities:\n    nav_label: Who's who\n"
    files["content/articles/new.md"] = NEW
    built = build_site(tmp_path, files)
    assert "Who&#39;s who</a>" in built.page("/")
    assert "<h1>Who&#39;s who</h1>" in built.page("/entities/")


def test_hover_card_is_accessible_and_css_only(built) -> None:
    html = built.page("/articles/old/")
    body = main(html)
    link = re.search(
        r'<a class="entity-link entity-place" href="([^"]+)" aria-describedby="([^"]+)">Kyiv</a>',
        body,
    )
    assert link is not None
    assert link.group(1) == "../../entities/kyiv/"
    for ref in link.group(2).split():
        assert f'id="{ref}"' in body
    card = body[link.end() : body.index("</span></span></span>", link.end())]
    assert 'role="tooltip"' in card
    assert "Capital of Ukraine" in card and ">Kyiv<" in card and "place" in card
    # The name is part of the description only when the text says something else.
    assert "-name" not in link.group(2)
    poutine = re.search(r'aria-describedby="([^"]+)">Poutine</a>', body)
    assert poutine is None  # a later mention: annotated, not linked
    assert "<script" not in body
    assert "entities.css" in html[: html.index("</head>")]
    css = (built.output / "static" / "entities.css").read_text("utf-8")
    assert ".entity-ref:hover > .entity-card" in css
    assert ".entity-ref:focus-within > .entity-card" in css


def test_card_describes_the_name_when_the_text_differs(tmp_path: Path) -> None:
    files = dict(ENTITIES)
    files["content/articles/a.md"] = "---\ntitle: A\ndate: 2025-03-01\n---\n\nPoutine spoke.\n"
    body = main(build_site(tmp_path, files).page("/articles/a/"))
    described = re.search(r'aria-describedby="([^"]+)">Poutine</a>', body).group(1).split()
    assert len(described) == 2
    name_id = next(d for d in described if d.endswith("-name"))
    assert f'id="{name_id}">Vladimir Putin</span>' in body


def test_in_this_briefing_lists_what_the_article_mentions(built) -> None:
    html = main(built.page("/articles/old/"))
    aside = html[html.index('<aside class="in-this-briefing"') :]
    aside = aside[: aside.index("</aside>")]
    assert aside.index("People") < aside.index("Vladimir Putin")
    assert aside.index("Places") < aside.index("Kyiv")
    assert "Donald Trump" not in aside
    assert '<a href="../../entities/vladimir-putin/">Vladimir Putin</a>' in aside


def test_a_related_template_added_later_is_used_by_the_next_build(tmp_path: Path) -> None:
    """The page is kept while its sources are unchanged, yet which template
    shows a kind is decided as it renders: adding related/claim.html (the
    kind had only the generic list) renders the page again."""
    root = write_files(
        tmp_path / "site",
        {**ENTITIES, "content/articles/old.md": OLD, "plugins/probe.py": PROBE},
    )
    build(root)
    write_files(root, {"templates/related/claim.html": "<p class=claims>{{ hits | length }}</p>"})
    build(root)
    page = (root / "public/entities/vladimir-putin/index.html").read_text()
    assert "<p class=claims>1</p>" in page
    assert same_as_clean(root, tmp_path)


# ---------------------------------------------------------------- pagination


def kyiv_site(root: Path, config: str = "per_page: 2\n") -> Path:
    """Kyiv mentioned in five briefings, a day apart (k1 the oldest)."""
    files = dict(ENTITIES)
    files["site.yml"] = "title: T\n" + config
    for n in range(1, 6):
        files[f"content/articles/k{n}.md"] = (
            f"---\ntitle: Briefing {n}\ndate: 2025-03-0{n}\n---\n\n"
            f"Sirens sounded in Kyiv on day {n}.\n"
        )
    files["content/articles/k3.md"] += "\nVladimir Putin was not in Kyiv.\n"
    return write_files(root, files)


def asked_after_edit(
    monkeypatch: pytest.MonkeyPatch, root: Path, rel: str, old: str, new: str
) -> tuple[Builder, list[str]]:
    """A kept builder that built ``root``, then built it again after ``old``
    became ``new`` in the file ``rel``; and the URLs of the pages whose
    context that second build made (it goes on recording)."""
    builder = Builder(root, jobs=1)
    builder.rebuild()
    asked = recorded(monkeypatch, pagegen, "page_context", lambda site, page: page.url)
    path = root / rel
    path.write_text(path.read_text().replace(old, new))
    builder.rebuild([path])
    return builder, asked


def listed_briefings(html: str) -> list[str]:
    return re.findall(r'<a class="mention-title" href="[^"]*">Briefing (\d)</a>', html)


def test_an_entity_s_briefings_are_paginated(tmp_path: Path) -> None:
    root = kyiv_site(tmp_path / "site")
    build(root)
    out = root / "public/entities/kyiv"
    first, second, third = ((out / p / "index.html").read_text() for p in ("", "page/2", "page/3"))
    assert not (out / "page/4").exists()
    assert [listed_briefings(h) for h in (first, second, third)] == [["5", "4"], ["3", "2"], ["1"]]
    # The facts, description and what is said about it are on the first page only.
    assert "entity-facts" in first and "entity-facts" not in second
    assert "6 in 5 briefings" in first  # k3 names it twice
    assert "Vladimir Putin" in first and "Vladimir Putin" not in main(second)  # co-mentioned
    assert 'rel="next" href="page/2/"' in first
    assert 'rel="prev" href="../../"' in second and 'rel="next" href="../3/"' in second
    assert "<title>Kyiv, page 2 of 3" in second
    # The plugin's own setting wins over the site's.
    write_files(
        root, {"site.yml": "title: T\nper_page: 2\nplugins:\n  entities:\n    per_page: 4\n"}
    )
    build(root)
    assert not (out / "page/3").exists()
    assert listed_briefings((out / "page/2/index.html").read_text()) == ["1"]


def test_a_later_page_of_an_entity_is_looked_at_only_when_it_changes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = kyiv_site(tmp_path / "site")
    k1 = "content/articles/k1.md"
    builder, asked = asked_after_edit(monkeypatch, root, k1, "Sirens sounded", "Sirens were heard")
    assert [u for u in asked if u.startswith("/entities/kyiv/")] == [
        "/entities/kyiv/",
        "/entities/kyiv/page/3/",
    ]
    assert same_as_clean(root, tmp_path)
    # A newer briefing moves every later one along a place.
    asked.clear()
    k6 = root / "content/articles/k6.md"
    k6.write_text("---\ntitle: Briefing 6\ndate: 2025-03-06\n---\n\nKyiv again.\n")
    builder.rebuild([k6])
    page2 = (root / "public/entities/kyiv/page/2/index.html").read_text()
    assert listed_briefings(page2) == ["4", "3"]
    assert same_as_clean(root, tmp_path)


def test_a_new_role_renders_that_entity_s_pages_and_not_the_later_pages_of_others(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Putin's role is on his own pages, in the cards of his mentions and in
    the list of entities named with Kyiv on its first page; Kyiv's second
    page lists the briefing naming him, which shows no card there."""
    root = kyiv_site(tmp_path / "site")
    putin = "content/entities/vladimir-putin.md"
    _, asked = asked_after_edit(monkeypatch, root, putin, "President of Russia", "Russian leader")
    assert {"/articles/k3/", "/entities/vladimir-putin/", "/entities/kyiv/"} <= set(asked)
    assert "/entities/kyiv/page/2/" not in asked
    assert "Russian leader" in (root / "public/articles/k3/index.html").read_text()
    assert same_as_clean(root, tmp_path)


#: The cache tests' words plugin, its annotations referring to Kyiv as well
#: as to their word: their data holds the word's note (a part of its
#: document that changes only the articles using it).
NOTES = NOTED_WORDS.replace('(f"words/{slug}",)', '("entities/kyiv", f"words/{slug}")')


def test_what_other_plugins_show_on_an_entity_page_is_among_its_sources(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The first page of an entity shows other plugins' annotations about it
    with their data, which may draw on the documents they refer to: a new
    note for a word renders Kyiv's page, which shows it."""
    monkeypatch.setenv("BRIEFGEN_PLUGINS", "entities,words")
    root = kyiv_site(tmp_path / "site")
    write_files(
        root,
        {
            "plugins/words.py": NOTES,
            "content/words/sirens.md": "---\nword: Sirens\nnote: air raid warning\n---\n",
            "templates/annotations/word.html": "<mark>{{ content }}</mark>",
            "templates/asides/word.html": "",
            "templates/related/word.html": (
                "{% for hit in hits %}<p class=note>{{ hit.annotation.data.note }}</p>"
                "{% endfor %}\n"
            ),
        },
    )
    build(root)
    page = root / "public/entities/kyiv/index.html"
    assert "air raid warning" in page.read_text()
    note = root / "content/words/sirens.md"
    note.write_text(note.read_text().replace("air raid warning", "alert"))
    build(root)
    assert "alert</p>" in page.read_text() and "air raid warning" not in page.read_text()
    assert same_as_clean(root, tmp_path)


def test_a_negative_page_size_for_entities_is_an_error_with_its_line(tmp_path: Path) -> None:
    root = kyiv_site(tmp_path / "site", "plugins:\n  entities:\n    per_page: -1\n")
    with pytest.raises(ConfigError, match=r"per_page.*must be 0 or more") as caught:
        build(root)
    assert caught.value.line == 4
