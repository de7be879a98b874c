"""The entity linker on transcript labels with a title in title case, surnames
and given names of two letters, nicknames in any quotation marks, Thai
honorifics and "Comrade", and surnames without their particle or Arabic
article: short articles and a registry of our own."""

from __future__ import annotations

import pytest

from briefgen.testing import build_site

#: id -> (name, role)
PEOPLE = {
    "moira-quenby": ("Moira Quenby", "Senator for Tasmania"),
    "dalziel-orrock": ("Dalziel Orrock", "Secretary of the Department of Ports"),
    "desmond-ho": ("Desmond Ho Wing-kei", None),
    "stella-ng": ("Stella Ng Mei-yan", None),
    "grace-oh": ("Grace Oh Min-ji", None),
    "lukas-brandmeier": ("Lukas Brandmeier", None),
    "siriporn-wattanakul": ("Siriporn Wattanakul", None),
    "beatriz-lobo": ("Beatriz Lobo de Carvalhal", None),
    "karim-el-haddawi": ("Karim Mansour El-Haddawi", None),
    "rania-al-qudsi": ("Rania Al-Qudsi", None),
    "phan-minh-thu": ("Phan Thị Minh Thư", None),
    "doan-quoc-bao": ("Đoàn Quốc Bảo", None),
    "mo-okonjo": ("Mo Okonjo", None),
    "jo-fairleigh": ("Jo Fairleigh", None),
    "efua-mensah-bonsu": ("Efua Mensah-Bonsu", None),
}

#: slug -> (Markdown body, expected [(surface, entity id)] in order)
CASES: dict[str, tuple[str, list[tuple[str, str]]]] = {
    # A surname in capitals after a title in title case, as Hansard writes
    # a turn's label, is the person, as "SENATOR QUENBY:" and "QUENBY:" are.
    "hansard-labels": (
        "Moira Quenby questioned Dalziel Orrock.\n\n"
        "Senator QUENBY: Did you sign the variation?\n\n"
        "Mr ORROCK: I will take that on notice.\n\n"
        "Mr. ORROCK repeated it, with Senator QUENBY pressing the point.",
        [
            ("Moira Quenby", "moira-quenby"),
            ("Dalziel Orrock", "dalziel-orrock"),
            ("QUENBY", "moira-quenby"),
            ("ORROCK", "dalziel-orrock"),
            ("ORROCK", "dalziel-orrock"),
            ("QUENBY", "moira-quenby"),
        ],
    ),
    "capitals-without-a-title": (
        "Moira Quenby spoke. The QUENBY report was late.",
        [("Moira Quenby", "moira-quenby")],
    ),
    # The first of two surnames alone, of two letters, once the article
    # names the person: a family name, not an interjection.
    "two-letter-surnames": (
        "Desmond Ho Wing-kei and Stella Ng Mei-yan argued. “Is that true?” Ho asked. "
        "Mr Ho sat down; Ng hosted the next session. Ho, who is 51, left.",
        [
            ("Desmond Ho Wing-kei", "desmond-ho"),
            ("Stella Ng Mei-yan", "stella-ng"),
            ("Ho", "desmond-ho"),
            ("Ho", "desmond-ho"),
            ("Ng", "stella-ng"),
            ("Ho", "desmond-ho"),
        ],
    ),
    "two-letter-interjections": (
        "Desmond Ho Wing-kei laughed. “Ho, ho, ho!” the clerk said. Ho-ho. Ho! "
        "Grace Oh Min-ji sighed. “Oh, no,” Oh said.",
        [("Desmond Ho Wing-kei", "desmond-ho"), ("Grace Oh Min-ji", "grace-oh")],
    ),
    "two-letter-surname-never-named": ("Ho asked and Ng answered.", []),
    # A nickname between the given name and the surname, in any marks:
    # the surname is the mention, the given name none.
    "nicknames-in-any-marks": (
        "Lukas „Lotse“ Brandmeier scored. Lukas «Lotse» Brandmeier, Lukas »Lotse« "
        "Brandmeier, Lukas ‚Lotse‘ Brandmeier and Lukas ‹Lotse› Brandmeier. Lukas "
        "“Lotse” Brandmeier. Lukas left.",
        [
            ("Brandmeier", "lukas-brandmeier"),
            ("Brandmeier", "lukas-brandmeier"),
            ("Brandmeier", "lukas-brandmeier"),
            ("Brandmeier", "lukas-brandmeier"),
            ("Brandmeier", "lukas-brandmeier"),
            ("Brandmeier", "lukas-brandmeier"),
            ("Lukas", "lukas-brandmeier"),
        ],
    ),
    # "Khun" is a title before a Thai given name.
    "thai-honorific": (
        "Siriporn Wattanakul spoke first. Khun Siriporn then left.",
        [
            ("Siriporn Wattanakul", "siriporn-wattanakul"),
            ("Siriporn", "siriporn-wattanakul"),
        ],
    ),
    # "Madam", "Mdm" and "Madame" are titles before a surname.
    "madam-before-a-surname": (
        "Efua Mensah-Bonsu spoke. Madam Mensah-Bonsu, then Mdm Mensah-Bonsu, left.",
        [
            ("Efua Mensah-Bonsu", "efua-mensah-bonsu"),
            ("Mensah-Bonsu", "efua-mensah-bonsu"),
            ("Mensah-Bonsu", "efua-mensah-bonsu"),
        ],
    ),
    # A Portuguese surname without its particle, once the article names her.
    "surname-without-its-particle": (
        "Beatriz Lobo de Carvalhal voted. Carvalhal said no; de Carvalhal left.",
        [
            ("Beatriz Lobo de Carvalhal", "beatriz-lobo"),
            ("Carvalhal", "beatriz-lobo"),
            ("de Carvalhal", "beatriz-lobo"),
        ],
    ),
    "surname-without-its-particle-never-named": ("Carvalhal said no.", []),
    # The Arabic article, capitalised as Egyptian and Gulf copy writes it,
    # is dropped as the lowercase one is, once the article names the person.
    "surname-without-its-capitalised-arabic-article": (
        "Karim Mansour El-Haddawi met Rania Al-Qudsi. Haddawi said the canal was open; "
        "Qudsi agreed.",
        [
            ("Karim Mansour El-Haddawi", "karim-el-haddawi"),
            ("Rania Al-Qudsi", "rania-al-qudsi"),
            ("Haddawi", "karim-el-haddawi"),
            ("Qudsi", "rania-al-qudsi"),
        ],
    ),
    "surname-without-its-capitalised-arabic-article-never-named": ("Haddawi said no.", []),
    # "Comrade" is a title: before a Vietnamese given name (the last word of
    # the name), and in the plural before a list of them.
    "comrade-before-a-given-name": (
        "Phan Thị Minh Thư welcomed Đoàn Quốc Bảo. Comrade Thư also informed the "
        "delegation; Comrade Bảo said that the homes were ready. Comrades Thư and Bảo left.",
        [
            ("Phan Thị Minh Thư", "phan-minh-thu"),
            ("Đoàn Quốc Bảo", "doan-quoc-bao"),
            ("Thư", "phan-minh-thu"),
            ("Bảo", "doan-quoc-bao"),
            ("Thư", "phan-minh-thu"),
            ("Bảo", "doan-quoc-bao"),
        ],
    ),
    "comrade-before-a-given-name-never-named": ("Comrade Thư also informed them.", []),
    # A given name of two letters alone, once the article names the person.
    "two-letter-given-names": (
        "Mo Okonjo and Jo Fairleigh hosted the show. Mo raged; later, Jo said it was fine.",
        [
            ("Mo Okonjo", "mo-okonjo"),
            ("Jo Fairleigh", "jo-fairleigh"),
            ("Mo", "mo-okonjo"),
            ("Jo", "jo-fairleigh"),
        ],
    ),
    # ... but not as a state's abbreviation, in a double given name or in a
    # longer name.
    "two-letter-given-names-elsewhere": (
        "Mo Okonjo and Jo Fairleigh flew in. KANSAS CITY, Mo. — The tour began in "
        "Springfield, Mo. The host was Jo-Anne Pryce, whose podcast Mo Talks aired.",
        [("Mo Okonjo", "mo-okonjo"), ("Jo Fairleigh", "jo-fairleigh")],
    ),
}


def _entity(name: str, role: str | None) -> str:
    role_line = f"role: {role}\n" if role else ""
    return f"---\nname: {name}\nkind: person\n{role_line}---\n"


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory):
    files = {
        f"content/entities/{eid}.md": _entity(name, role) for eid, (name, role) in PEOPLE.items()
    }
    for slug, (body, _) in CASES.items():
        files[f"content/articles/{slug}.md"] = (
            f"---\ntitle: A test briefing\ndate: 2025-04-01\n---\n\n{body}\n"
        )
    return build_site(tmp_path_factory.mktemp("labels"), files, plugins=["entities"])


@pytest.mark.parametrize("slug", sorted(CASES))
def test_case(built, slug: str) -> None:
    art = built.article(slug)
    found = [(art.exact(a), a.data["id"]) for a in art.of_kind("entity")]
    assert found == CASES[slug][1]
