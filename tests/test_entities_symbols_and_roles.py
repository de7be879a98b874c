"""Names written with "+" or "!" ("Canal+", "Yahoo!"), and the titles before
a surname: the head of the person's own role ("Regent Sitompul") and the
Philippine abbreviations ("Usec", "Asec", "Atty.")."""

from __future__ import annotations

from pathlib import Path

import pytest

from briefgen import ContentError
from briefgen.testing import build_site


@pytest.fixture(autouse=True)
def _only_this_plugin(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("BRIEFGEN_PLUGINS", "entities")


def entity(name: str, kind: str, role: str = "") -> str:
    return f"---\nname: '{name}'\nkind: {kind}\nrole: '{role}'\n---\nA test entity.\n"


def build(tmp_path: Path, entities: dict[str, str], bodies: dict[str, str]):
    files = {f"content/entities/{slug}.md": text for slug, text in entities.items()}
    for slug, body in bodies.items():
        files[f"content/articles/{slug}.md"] = f"---\ntitle: A\ndate: 2025-04-01\n---\n\n{body}\n"
    return build_site(tmp_path, files)


def found(built, slug: str) -> list[tuple[str, str]]:
    art = built.article(slug)
    return [(art.exact(a), a.data["id"]) for a in art.of_kind("entity")]


# ------------------------------------------------------ "+" and "!" in names

BRANDS = {
    "canal-plus": entity("Canal+", "organization", "Pay-TV channel"),
    "disney-plus": entity("Disney+", "organization"),
    "apple-tv-plus": entity("Apple TV+", "organization"),
    "yahoo": entity("Yahoo!", "organization"),
    "e-channel": entity("E!", "organization"),
    "cpp": entity("C++", "other"),
    "a-e-networks": entity("A+E Networks", "organization"),
    "canal": entity("Canal", "place"),
    "paramount": entity("Paramount", "organization"),
    "dana-whitcombe": entity("Dana Whitcombe", "person"),
}


def test_names_ending_in_plus_or_bang_link_as_written(tmp_path: Path) -> None:
    """A "+" or "!" ending a word is part of the name: the build accepts
    such names, and they link where the text writes them so, possessives
    included; "Canal" alone is another name, "Canal+" joined to a word is
    no mention, and a "+" may join two words of a name ("A+E Networks").
    Where no name with the "+" is registered, the one without it links, as
    before ("Paramount" in "Paramount+")."""
    built = build(
        tmp_path,
        BRANDS,
        {
            "a": "The final was shown on Canal+ and Disney+ on Sunday.",
            "b": "Canal+’s rights cost more than Apple TV+ paid.",
            "c": "Yahoo! and E! ran it; C++ code did not. The Canal was closed.",
            "d": "Canal+Sport is another channel.",
            "p": "Paramount+ streams it.",
            "e": "A+E Networks bought the rights.",
        },
    )
    assert found(built, "a") == [("Canal+", "canal-plus"), ("Disney+", "disney-plus")]
    assert found(built, "b") == [("Canal+", "canal-plus"), ("Apple TV+", "apple-tv-plus")]
    assert found(built, "c") == [
        ("Yahoo!", "yahoo"),
        ("E!", "e-channel"),
        ("C++", "cpp"),
        ("Canal", "canal"),
    ]
    assert "canal-plus" not in {eid for _, eid in found(built, "d")}
    assert found(built, "p") == [("Paramount", "paramount")]
    assert found(built, "e") == [("A+E Networks", "a-e-networks")]


def test_an_exclamation_mark_after_a_name_without_one_changes_nothing(tmp_path: Path) -> None:
    """A name with no "!" still links before a sentence's "!", and one with
    a "!" never links without it."""
    built = build(
        tmp_path,
        BRANDS,
        {"a": "Nobody expected Whitcombe! Then Whitcombe thanked Yahoo, and Canal!"},
    )
    assert found(built, "a") == [
        ("Whitcombe", "dana-whitcombe"),
        ("Whitcombe", "dana-whitcombe"),
        ("Canal", "canal"),
    ]


def test_lookup_tells_a_name_with_a_plus_from_the_one_without(tmp_path: Path) -> None:
    built = build(tmp_path, BRANDS, {"a": "Nothing."})
    registry = built.site.data["entities"]["registry"]
    assert registry.lookup("Canal+") == "canal-plus"
    assert registry.lookup("Canal") == "canal"
    assert registry.lookup("yahoo!") == "yahoo"


def test_a_name_that_cannot_be_matched_is_still_an_error(tmp_path: Path) -> None:
    with pytest.raises(ContentError) as info:
        build(tmp_path, {"x": entity("#Canal (TV)", "organization")}, {"a": "Nothing."})
    assert (info.value.file, info.value.line) == ("content/entities/x.md", 2)
    assert "cannot be matched" in info.value.message


# ------------------------------------------------------ titles before a surname

PEOPLE = {
    "maria-dewi-sitompul": entity("Maria Dewi Sitompul", "person", "Regent of Karangsari"),
    "ada-okoro": entity("Ada Okoro", "person", "Harbourmaster, Port Elling"),
    "lena-bauer": entity("Lena Bauer", "person"),
    "tom-smith": entity("Tom Smith", "person", "Head Coach of the Falcons"),
}


def test_the_head_of_a_persons_role_is_a_title_before_the_surname(tmp_path: Path) -> None:
    """A person is "Regent Sitompul" as the Regent of Karangsari, at the
    start of a sentence too; the head of someone else's role, a given
    name, or any word before a person with no role still makes the
    surname someone else's. A head that is an ordinary word ("Coach") was
    no name before and stays none."""
    built = build(
        tmp_path,
        PEOPLE,
        {
            "a": "The road is closed, conveyed Regent Sitompul at the office.",
            "b": "Regent Sitompul inspected the dam. Harbourmaster Okoro closed the port.",
            "c": "Regent Okoro, Harbourmaster Bauer and Rudi Sitompul were not there.",
            "d": "Head Coach Smith spoke. Regent Bauer did not.",
        },
    )
    assert found(built, "a") == [("Sitompul", "maria-dewi-sitompul")]
    assert found(built, "b") == [("Sitompul", "maria-dewi-sitompul"), ("Okoro", "ada-okoro")]
    assert found(built, "c") == []
    assert found(built, "d") == [("Smith", "tom-smith")]


def test_philippine_abbreviated_titles(tmp_path: Path) -> None:
    """The abbreviations "Usec", "Asec" and "Atty" before a surname are
    titles, and the full stop of "Atty." ends no sentence (the ordinary
    word "Young" after it is a surname, not a sentence's first word)."""
    built = build(
        tmp_path,
        {
            "rodel-villaraza": entity("Rodel Villaraza", "person"),
            "liza-manalo": entity("Liza Manalo", "person"),
            "ana-reyes": entity("Ana Reyes", "person"),
            "carmela-young": entity("Carmela Young", "person"),
        },
        {
            "a": "Usec Villaraza and Asec Manalo met Atty Reyes.",
            "b": "The hearing opened. Atty. Young objected.",
        },
    )
    assert found(built, "a") == [
        ("Villaraza", "rodel-villaraza"),
        ("Manalo", "liza-manalo"),
        ("Reyes", "ana-reyes"),
    ]
    assert found(built, "b") == [("Young", "carmela-young")]
