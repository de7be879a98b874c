"""What readers see of the quotes plugin: boxes, anchors, /quotes/, entity pages.

Sites here are small and written for each test. Most run the quotes plugin
alone; the entity-page test runs the bundled entity plugin too, which shows
what people said through the ``related/quote.html`` template this plugin ships.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from briefgen import ConfigError, ContentError
from briefgen.testing import BuiltSite, build_site

SEEDS = Path(__file__).resolve().parents[2] / "shared" / "seeds"

STORY = """\
Dock workers stopped work at dawn.

“We will stay out until every crane on this quay has been inspected by someone independent,” said Mira Castell.

Port spokeswoman Ana Ruiz disagreed. “The cranes passed their last inspection in February, and every report is public,” Ruiz said.

“The union has our numbers,” she added.

Mayor Tomas Elling told reporters: “Nobody in this city wins when the port stands still for a week.”

Castell said the union would meet again on Friday.
"""  # noqa: E501


def article_file(
    body: str, *, title: str = "Strike", date: str = "2025-04-02", meta: str = ""
) -> str:
    return f"---\ntitle: {title}\ndate: {date}\n{meta}---\n\n{body}"


@pytest.fixture(autouse=True)
def only_quotes(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("BRIEFGEN_PLUGINS", "quotes")


def build(tmp_path: Path, *, meta: str = "", body: str = STORY, config: str = "") -> BuiltSite:
    return build_site(
        tmp_path,
        {
            "site.yml": "title: Test\n" + config,
            "content/articles/strike.md": article_file(body, meta=meta),
        },
    )


def boxes(built: BuiltSite, slug: str = "strike") -> list[str | None]:
    """Speakers of the boxed quotations, in order."""
    return [a.data["speaker"] for a in built.article(slug).of_kind("quote") if a.aside]


# ---------------------------------------------------------------- automatic boxes


def test_two_boxes_by_default_never_the_same_speaker_twice(tmp_path: Path) -> None:
    built = build(tmp_path)
    assert boxes(built) == ["Mira Castell", "Ana Ruiz"]
    html = built.article("strike").body_html
    assert html.count('<figure class="pullquote">') == 2


def test_the_box_follows_the_paragraph_and_names_the_speaker(tmp_path: Path) -> None:
    html = build(tmp_path).article("strike").body_html
    first = html.index('<figure class="pullquote">')
    assert html[:first].rstrip().endswith("</p>")
    figure = html[first : html.index("</figure>", first)]
    assert "<blockquote><p>We will stay out until every crane" in figure
    assert re.search(r"<figcaption>—.*Mira Castell.*</figcaption>", figure, re.S)


@pytest.mark.parametrize(
    ("config", "expected"),
    [
        ("plugins:\n  quotes:\n    max_boxes: 1\n", ["Mira Castell"]),
        ("plugins:\n  quotes:\n    max_boxes: 3\n", ["Mira Castell", "Ana Ruiz", "Tomas Elling"]),
        ("plugins:\n  quotes:\n    auto: false\n", []),
    ],
)
def test_site_settings_choose_how_many_boxes(
    tmp_path: Path, config: str, expected: list[str]
) -> None:
    assert boxes(build(tmp_path, config=config)) == expected


def test_a_negative_number_of_boxes_is_an_error_with_its_line(tmp_path: Path) -> None:
    with pytest.raises(ConfigError) as error:
        build(tmp_path, config="plugins:\n  quotes:\n    max_boxes: -1\n")
    assert error.value.line == 4
    assert "max_boxes" in str(error.value)


# ---------------------------------------------------------------- boxes by hand


@pytest.mark.parametrize("attrs", ["{.pullquote}", "{quote=box}"])
def test_an_author_marks_a_box_by_hand(tmp_path: Path, attrs: str) -> None:
    body = STORY.replace(
        "“The union has our numbers,” she added.",
        f"[“The union has our numbers,”]{attrs} she added.",
    )
    built = build(tmp_path, body=body)
    assert boxes(built) == ["Ana Ruiz"]  # and no automatic ones
    quote = next(a for a in built.article("strike").of_kind("quote") if a.aside)
    assert quote.data["box_source"] == "mark"


def test_a_mark_boxes_words_the_finder_did_not_take_for_a_quotation(tmp_path: Path) -> None:
    body = STORY + "\nBy noon [the cranes had stood idle for six hours]{.pullquote}.\n"
    built = build(tmp_path, body=body)
    (boxed,) = [a for a in built.article("strike").of_kind("quote") if a.aside]
    assert boxed.data["text"] == "the cranes had stood idle for six hours"
    assert (boxed.data["rule"], boxed.data["speaker"]) == ("mark", None)
    assert "<figcaption>" not in built.article("strike").body_html


def test_front_matter_pull_quotes(tmp_path: Path) -> None:
    meta = 'pullquotes:\n  - "Nobody in this city wins"\n'
    assert boxes(build(tmp_path, meta=meta)) == ["Tomas Elling"]


def test_front_matter_can_turn_boxes_off(tmp_path: Path) -> None:
    assert boxes(build(tmp_path, meta="pullquotes: false\n")) == []


def test_a_pull_quote_that_is_not_in_the_text_is_a_warning(tmp_path: Path) -> None:
    meta = 'pullquotes:\n  - "Nobody in this city wins"\n  - "words nobody wrote"\n'
    built = build(tmp_path, meta=meta)
    assert boxes(built) == ["Tomas Elling"]
    (warning,) = [w for w in built.warnings if "pull quote" in w]
    assert "content/articles/strike.md:6" in warning
    assert "words nobody wrote" in warning


def test_a_malformed_pull_quote_list_is_an_error_with_its_line(tmp_path: Path) -> None:
    with pytest.raises(ContentError) as error:
        build(tmp_path, meta="pullquotes: 3\n")
    assert (error.value.file, error.value.line) == ("content/articles/strike.md", 4)


def test_the_issue_s_mark_syntax_gets_a_hint(tmp_path: Path) -> None:
    built = build(tmp_path, body=STORY + "\n[“We are ready,”]{quote box} she said.\n")
    source = (tmp_path / "content/articles/strike.md").read_text("utf-8").splitlines()
    line = next(n for n, text in enumerate(source, 1) if "{quote box}" in text)
    assert any("{.pullquote}" in w and f"strike.md:{line}:" in w for w in built.warnings)


# ---------------------------------------------------------------- anchors and /quotes/


def test_each_quotation_has_an_anchor_in_the_text(tmp_path: Path) -> None:
    built = build(tmp_path)
    article = built.article("strike")
    for quote in article.of_kind("quote"):
        assert f'<span class="quote" id="{quote.id}"' in article.body_html


def test_the_quotes_page_groups_by_speaker_and_links_back(tmp_path: Path) -> None:
    built = build_site(
        tmp_path,
        {
            "content/articles/strike.md": article_file(STORY),
            "content/articles/later.md": article_file(
                "“The cranes will be checked again in May,” said Ana Ruiz.",
                title="Later",
                date="2025-05-01",
            ),
        },
    )
    page = built.page("/quotes/")
    names = re.findall(r'<h2 id="speaker-[\w-]+-name">([^<]+)</h2>', page)
    # Ana Ruiz has three quotations, the others one each (then by name).
    assert names == ["Ana Ruiz", "Mira Castell", "Tomas Elling"]
    ruiz = page[page.index(">Ana Ruiz</h2>") : page.index(">Mira Castell</h2>")]
    # Newest first, each linked to its place in its article.
    assert ruiz.index("checked again in May") < ruiz.index("passed their last inspection")
    later = built.article("later").of_kind("quote")[0]
    assert f'href="../articles/later/#{later.id}"' in ruiz


def test_the_navigation_has_quotes(tmp_path: Path) -> None:
    html = build(tmp_path).article("strike").html
    assert re.search(r'<a href="[./]*quotes/"[^>]*>Quotes</a>', html)
    assert 'href="../../static/quotes.css"' in html


def test_the_page_can_be_turned_off(tmp_path: Path) -> None:
    built = build(tmp_path, config="plugins:\n  quotes:\n    page: false\n")
    assert not built.exists("/quotes/")
    assert ">Quotes</a>" not in built.article("strike").html


# ---------------------------------------------------------------- entity pages


def test_entity_pages_list_what_the_person_said(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("BRIEFGEN_PLUGINS")
    built = build_site(
        tmp_path,
        {
            "content/articles/strike.md": article_file(STORY),
            "content/entities/ana-ruiz.md": "---\nname: Ana Ruiz\nkind: person\n---\n",
        },
    )
    quotes = built.article("strike").of_kind("quote")
    ruiz = [q for q in quotes if q.data["speaker_id"] == "ana-ruiz"]
    assert len(ruiz) == 2
    page = built.page("/entities/ana-ruiz/")
    assert "What Ana Ruiz said" in page
    assert "The union has our numbers" in page
    assert f'href="../../articles/strike/#{ruiz[1].id}"' in page
    box = built.article("strike").body_html
    assert 'href="../../entities/ana-ruiz/">Ana Ruiz</a>' in box


# ---------------------------------------------------------------- real noisy copy


@pytest.mark.skipif(not SEEDS.is_dir(), reason="the seed story is not on this machine")
def test_the_seed_story_is_read_sensibly(tmp_path: Path) -> None:
    """Machine-translated copy: marks lost, doubled, the wrong way round."""
    files = {}
    for n, path in enumerate(sorted(SEEDS.glob("*.txt"))):
        files[f"content/articles/seed-{n}.md"] = article_file(path.read_text("utf-8"))
    if not files:
        pytest.skip("no seed story")
    built = build_site(tmp_path, files)
    for slug in (p.split("/")[-1][:-3] for p in files):
        article = built.article(slug)
        quotes = article.of_kind("quote")
        assert len(quotes) >= 5
        for quote in quotes:
            block = article.article.block_at(quote.start)
            assert block is not None and block.kind == "paragraph"
            assert quote.data["speaker"], article.exact(quote)
            # Never the rest of a paragraph after a stray opening mark.
            assert len(quote.data["text"]) < 600
