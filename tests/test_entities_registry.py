"""The entity registry: what a valid entity file is, and the errors for bad ones."""

from __future__ import annotations

from pathlib import Path

import pytest

from briefgen import ContentError
from briefgen.testing import build_site, write_files

HEAD = "---\ntitle: A\ndate: 2025-04-01\n---\n\n"
ARTICLE = HEAD + "Putin and Kyiv and Washington.\n"


@pytest.fixture(autouse=True)
def _only_this_plugin(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("BRIEFGEN_PLUGINS", "entities")


def build(tmp_path: Path, entities: dict[str, str], body: str = ARTICLE, **kw):
    files = {f"content/entities/{name}.md": text for name, text in entities.items()}
    files["content/articles/a.md"] = body
    return build_site(tmp_path, files, **kw)


def error(tmp_path: Path, entities: dict[str, str]) -> ContentError:
    with pytest.raises(ContentError) as info:
        build(tmp_path, entities)
    return info.value


PUTIN = "---\nname: Vladimir Putin\nkind: person\n---\nRussia's president.\n"


def test_entity_without_a_name(tmp_path: Path) -> None:
    err = error(tmp_path, {"x": "---\nkind: person\nrole: Someone\n---\n"})
    assert (err.file, err.line) == ("content/entities/x.md", 2)
    assert "no 'name'" in err.message
    assert "name:" in err.hint


def test_unknown_kind_points_at_its_line(tmp_path: Path) -> None:
    err = error(tmp_path, {"x": "---\nname: X\nrole: r\nkind: country\n---\n"})
    assert (err.file, err.line) == ("content/entities/x.md", 4)
    assert "country" in err.message
    assert "person, organization, place, other" in err.hint


def test_british_spelling_of_organisation_is_accepted(tmp_path: Path) -> None:
    built = build(tmp_path, {"isw": "---\nname: ISW\nkind: organisation\n---\n"})
    assert built.site.data["entities"]["entities"]["isw"]["kind"] == "organization"


def test_alias_claimed_by_two_entities_names_both_files(tmp_path: Path) -> None:
    err = error(
        tmp_path,
        {
            "a-washington": "---\nname: Washington, D.C.\nkind: place\naliases:\n"
            "  - Washington\n---\n",
            "b-state": "---\nname: Washington State\nkind: place\naliases:\n"
            "  - WA\n  - Washington\n---\n",
        },
    )
    assert (err.file, err.line) == ("content/entities/b-state.md", 6)
    assert "content/entities/a-washington.md:5" in err.message
    assert "'a-washington'" in err.message and "'b-state'" in err.message


def test_case_insensitive_alias_conflicts_with_another_case(tmp_path: Path) -> None:
    err = error(
        tmp_path,
        {
            "a": "---\nname: Kyiv\nkind: place\n---\n",
            "b": "---\nname: Kyiv Oblast\nkind: place\naliases:\n"
            "  - {text: kyiv, case_insensitive: true}\n---\n",
        },
    )
    assert (err.file, err.line) == ("content/entities/b.md", 5)


def test_bad_wikidata_id(tmp_path: Path) -> None:
    err = error(tmp_path, {"x": "---\nname: X\nwikidata: 7747\n---\n"})
    assert (err.file, err.line) == ("content/entities/x.md", 3)
    assert "Q7747" in err.message


def test_alias_that_yaml_reads_as_a_boolean(tmp_path: Path) -> None:
    err = error(tmp_path, {"norway": "---\nname: Norway\naliases:\n  - Norge\n  - no\n---\n"})
    assert (err.file, err.line) == ("content/entities/norway.md", 5)
    assert "quotes" in err.hint


def test_unknown_key_in_an_alias_mapping(tmp_path: Path) -> None:
    err = error(
        tmp_path, {"x": "---\nname: X\naliases:\n  - {text: Ex, case_sensitive: false}\n---\n"}
    )
    assert (err.file, err.line) == ("content/entities/x.md", 4)
    assert "case_sensitive" in err.message


def test_aliases_must_be_a_list(tmp_path: Path) -> None:
    err = error(tmp_path, {"x": "---\nname: X\naliases: {a: b}\n---\n"})
    assert (err.file, err.line) == ("content/entities/x.md", 3)


def test_unmatchable_alias(tmp_path: Path) -> None:
    err = error(tmp_path, {"x": "---\nname: X\naliases:\n  - '***'\n---\n"})
    assert (err.file, err.line) == ("content/entities/x.md", 4)


@pytest.mark.parametrize(
    ("flag", "expected"),
    [
        ("", ["zadar", "Zadar", "Split", "zadar"]),  # unset: in lowercase, as it is named
        ("case_insensitive: false\n", ["Zadar", "Split"]),  # never in lowercase
        ("case_insensitive: true\n", ["zadar", "Zadar", "Split", "zadar"]),  # any case
    ],
)
def test_the_entity_says_whether_its_name_may_be_written_in_lowercase(
    tmp_path: Path, flag: str, expected: list[str]
) -> None:
    """A place may be written in lowercase when the article names it (before
    or after), unless its name is an ordinary word ("split");
    ``case_insensitive`` says otherwise either way."""
    zadar = f"---\nname: Zadar\nkind: place\n{flag}---\n"
    split = "---\nname: Split\nkind: place\n---\n"
    body = HEAD + (
        "Ferries from zadar were late. Zadar and Split agreed, zadar first; "
        "the vote split the council.\n"
    )
    art = build(tmp_path, {"zadar": zadar, "split": split}, body=body).article("a")
    assert [art.exact(a) for a in art.of_kind("entity")] == expected


def test_a_name_spelled_as_another_language_writes_it_needs_no_alias(tmp_path: Path) -> None:
    """French copy writes Putin "Poutine": with no alias in the registry, it
    is still Putin once the article names him (not "the Poutines", a
    family, nor someone else's "Poutine" in an article that never names him)."""
    putin = "---\nname: Vladimir Putin\nkind: person\n---\n"
    body = HEAD + "Vladimir Putin met aides. Poutine's envoy left, and the Poutines stayed.\n"
    art = build(tmp_path / "a", {"vladimir-putin": putin}, body=body).article("a")
    assert [art.exact(a) for a in art.of_kind("entity")] == ["Vladimir Putin", "Poutine"]
    alone = build(tmp_path / "b", {"vladimir-putin": putin}, body=HEAD + "Poutine left.\n")
    assert alone.article("a").of_kind("entity") == []


def test_likely_typo_of_a_key_is_a_warning(tmp_path: Path) -> None:
    built = build(tmp_path, {"x": "---\nname: X\nalias:\n  - Ex\n---\n"})
    assert any(
        w.startswith("content/entities/x.md:3:") and "'aliases'" in w for w in built.warnings
    )


def test_alias_mapping_case_insensitive_only_for_that_form(tmp_path: Path) -> None:
    built = build(
        tmp_path,
        {
            "kharkiv": "---\nname: Kharkiv\nkind: place\naliases:\n"
            "  - {text: kharkiv, case_insensitive: true}\n  - Kharkov\n---\n"
        },
        body=HEAD + "In kharkiv, not kharkov; KHARKIV too.\n",
    )
    art = built.article("a")
    assert [art.exact(a) for a in art.of_kind("entity")] == ["kharkiv", "KHARKIV"]


def test_entity_wide_case_insensitivity_spares_acronyms(tmp_path: Path) -> None:
    built = build(
        tmp_path,
        {"us": "---\nname: United States\ncase_insensitive: true\naliases:\n  - US\n---\n"},
        body=HEAD + "Let us see what the united states and the US say.\n",
    )
    art = built.article("a")
    assert [art.exact(a) for a in art.of_kind("entity")] == ["united states", "US"]


def test_explicit_alias_wins_over_a_derived_surname(tmp_path: Path) -> None:
    built = build(
        tmp_path,
        {
            "george-washington": "---\nname: George Washington\nkind: person\n---\n",
            "washington": "---\nname: Washington, D.C.\nkind: place\naliases: [Washington]\n---\n",
        },
        body=HEAD + "George Washington was born far from Washington.\n",
    )
    art = built.article("a")
    assert [(art.exact(a), a.data["id"]) for a in art.of_kind("entity")] == [
        ("George Washington", "george-washington"),
        ("Washington", "washington"),
    ]


def test_registry_lookup_for_other_plugins(tmp_path: Path) -> None:
    built = build(
        tmp_path,
        {
            "putin": PUTIN.replace("---\nRussia", "aliases: [Poutine]\n---\nRussia"),
            "anna-k": "---\nname: Anna Kovalenko\nkind: person\n---\n",
            "petro-k": "---\nname: Petro Kovalenko\nkind: person\n---\n",
        },
    )
    registry = built.site.data["entities"]["registry"]
    assert registry.lookup("vladimir putin") == "putin"
    assert registry.lookup("Poutine") == "putin"
    assert registry.lookup("Putin") == "putin"
    assert registry.lookup("Kovalenko") is None  # two people share it
    assert registry.lookup("Anna Kovalenko") == "anna-k"
    assert registry.lookup("Nobody") is None
    data = built.site.data["entities"]["entities"]["putin"]
    assert data["name"] == "Vladimir Putin" and data["url"] == "/entities/putin/"


def test_site_without_a_registry_is_left_alone(tmp_path: Path) -> None:
    built = build_site(tmp_path, {"content/articles/a.md": ARTICLE})
    assert built.article("a").of_kind("entity") == []
    assert not built.exists("/entities/")
    assert "/entities/" not in built.page("/")
    assert "entities" not in built.site.data


def test_a_rebuild_after_an_article_edit_keeps_the_registry_and_its_warnings(
    tmp_path: Path,
) -> None:
    # The preview rebuilds on every save; the registry (seconds to build at
    # 10,000 entities) is built again only when an entity file changed.
    from briefgen.build import Builder

    write_files(
        tmp_path,
        {
            "site.yml": "title: T\n",
            "content/entities/putin.md": PUTIN,
            "content/entities/x.md": "---\nname: X\nalias:\n  - Ex\n---\n",
            "content/articles/a.md": ARTICLE,
        },
    )
    builder = Builder(tmp_path, jobs=1)
    first = builder.rebuild()
    assert builder.site is not None
    registry = builder.site.data["entities"]["registry"]
    typo = [str(w) for w in first.warnings if "'aliases'" in str(w)]
    assert len(typo) == 1
    article = tmp_path / "content/articles/a.md"
    article.write_text(ARTICLE + "\nPutin again.\n")
    second = builder.rebuild([article])
    assert builder.site.data["entities"]["registry"] is registry
    assert [str(w) for w in second.warnings if "'aliases'" in str(w)] == typo
    entity = tmp_path / "content/entities/x.md"
    entity.write_text("---\nname: X\naliases:\n  - Ex\n---\n")
    third = builder.rebuild([entity])
    assert builder.site.data["entities"]["registry"] is not registry
    assert not [w for w in third.warnings if "'aliases'" in str(w)]
    assert "Ex" in {f.text for f in builder.site.data["entities"]["registry"].forms}


@pytest.mark.parametrize(
    ("text", "case_insensitive"),
    [
        ("Vladimir Putin", False),
        ("U.S.", False),
        ("kyiv", True),
        ("Gould-Davies", False),
        ("--", False),
    ],
)
def test_a_form_made_the_fast_way_is_the_form_the_constructor_makes(
    text: str, case_insensitive: bool
) -> None:
    """The registry makes its forms with ``Form.make``: the same object, in
    every field, equality and hash, as ``Form(...)`` gives."""
    from briefgen_entities.registry import Form

    made = Form.make(text, "someone", "alias", case_insensitive, None, 4)
    plain = Form(text, "someone", "alias", case_insensitive, None, 4)
    assert made.__dict__ == plain.__dict__
    assert made == plain and hash(made) == hash(plain) and repr(made) == repr(plain)
