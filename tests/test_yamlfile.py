"""Reading YAML with the line of every key: the same data and lines as
PyYAML's own constructor, whichever path a document takes."""

from __future__ import annotations

import datetime as dt

import pytest
import yaml

from briefgen.errors import BriefgenError
from briefgen.yamlfile import load_yaml

DOCUMENTS = [
    "title: A briefing\ndate: 2025-03-01\ntags: [ceasefire, energy]\n",
    "a: 1\nb: 2.5\nc: true\nd: null\ne: ~\nf: '2025-01-01'\ng: 0x1F\nh: 1_000\n",
    "list:\n  - x\n  - {k: v, n: 3}\n  - [1, 2]\nnested:\n  deep:\n    deeper: yes\n",
    "base: &b {x: 1}\nother:\n  <<: *b\n  y: 2\n",
    "1: one\ntrue: t\n",
    "a: &x [1, 2]\nb: *x\n",
    "s: !!str 12\nb: !!binary aGVsbG8=\n",
    "multi: |\n  line one\n  line two\nfolded: >\n  a\n  b\n",
    "set: !!set {a, b}\n",
    "- a\n- b\n",
    "dup: 1\ndup: 2\n",
    "when: 2025-03-01T10:00:00Z\n",
]


@pytest.mark.parametrize("text", DOCUMENTS)
def test_same_data_as_pyyaml(text: str) -> None:
    assert load_yaml(text, "f.md").data == yaml.safe_load(text)


def test_lines_of_keys_and_items() -> None:
    text = "title: T\naliases:\n  - One\n  - text: Two\n    common: true\nrole: R\n"
    located = load_yaml(text, "f.md", first_line=2)
    assert located.line_of("title") == 2
    assert located.line_of("aliases", 0) == 4
    assert located.line_of("aliases", 1, "common") == 6
    assert located.line_of("role") == 7
    assert located.line_of("missing") == 2  # the block's first line


def test_merged_keys_keep_their_lines() -> None:
    located = load_yaml("base: &b {x: 1}\nother:\n  <<: *b\n  y: 2\n", "f.md")
    assert located.data["other"] == {"x": 1, "y": 2}
    assert located.line_of("other", "y") == 4


def test_an_impossible_date_is_an_error_at_its_line() -> None:
    with pytest.raises(BriefgenError, match="invalid value") as err:
        load_yaml("title: T\nsummary: S\ndate: 2025-02-30\n", "f.md", first_line=2)
    assert err.value.line == 4


def test_dates_are_dates() -> None:
    assert load_yaml("date: 2025-03-01\n", "f.md").data["date"] == dt.date(2025, 3, 1)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("---\ntitle: A\n---\nBody\n", ("title: A", "Body\n", 4)),
        ("\ufeff---\ntitle: A\n...\nBody", ("title: A", "Body", 4)),
        ("---\n---\n", ("", "", 3)),
        ("---  \na: 1\nb: 2\n--- \t\n\nText\n---\n", ("a: 1\nb: 2", "\nText\n---\n", 5)),
        ("---\na: 1\n---", ("a: 1", "", 4)),
        ("No front matter\n---\n", (None, "No front matter\n---\n", 1)),
        ("----\na: 1\n---\n", (None, "----\na: 1\n---\n", 1)),
        ("", (None, "", 1)),
    ],
)
def test_front_matter_is_split_from_the_body(text: str, expected: tuple) -> None:
    from briefgen.content import split_front_matter

    assert split_front_matter(text, "a.md") == expected


@pytest.mark.parametrize("text", ["---", "---\n", "---\na: 1\n -- \n"])
def test_front_matter_left_open_is_an_error_at_line_one(text: str) -> None:
    from briefgen.content import split_front_matter

    with pytest.raises(BriefgenError, match="front matter is not closed") as caught:
        split_front_matter(text, "a.md")
    assert caught.value.line == 1
