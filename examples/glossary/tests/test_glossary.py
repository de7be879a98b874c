"""Tests of the glossary plugin. Run them with: python -m pytest tests"""

import shutil
from pathlib import Path

import pytest
from briefgen import ContentError
from briefgen.testing import build_site

SITE = Path(__file__).resolve().parent.parent
QUAY = """\
---
term: quay
---
A platform along the water where ships tie up to load and unload.
"""
ARTICLE = """\
---
title: Dredging the channel
date: 2025-04-02
---
Dredgers are deepening the channel to the quay. Work on the quay
goes on until May.
"""


def build(tmp_path, files, **options):
    """Build a site from `files`, with this site's plugin, templates and styles."""
    for folder in ("plugins", "templates", "static"):
        shutil.copytree(SITE / folder, tmp_path / folder)
    return build_site(tmp_path, files, **options)


def test_the_first_use_is_marked_with_its_definition(tmp_path):
    built = build(
        tmp_path,
        {"content/glossary/quay.md": QUAY, "content/articles/dredging.md": ARTICLE},
    )
    article = built.article("dredging")
    [use] = article.of_kind("term")
    assert article.exact(use) == "quay"
    assert use.start < article.text.index("Work on")
    assert use.data["definition"].startswith("A platform along the water")
    assert f'id="{use.id}-def" role="tooltip">A platform' in article.body_html


def test_every_use_is_marked_when_site_yml_says_so(tmp_path):
    built = build(
        tmp_path,
        {
            "site.yml": "title: Test\nplugins:\n  glossary:\n    mark: every\n",
            "content/glossary/quay.md": QUAY,
            "content/articles/dredging.md": ARTICLE,
        },
    )
    assert len(built.article("dredging").of_kind("term")) == 2


def test_the_term_page_links_to_each_briefing_that_uses_it(tmp_path):
    built = build(
        tmp_path,
        {"content/glossary/quay.md": QUAY, "content/articles/dredging.md": ARTICLE},
    )
    [use] = built.article("dredging").of_kind("term")
    assert f'href="../../articles/dredging/#{use.id}"' in built.page("/glossary/quay/")


def test_an_unknown_term_in_a_mark_is_a_warning(tmp_path):
    built = build(
        tmp_path,
        {
            "content/glossary/quay.md": QUAY,
            "content/articles/a.md": """\
                ---
                title: A
                date: 2025-04-02
                ---
                The [[jetty]] and the quay.
                """,
        },
    )
    assert "content/articles/a.md:5: 'jetty' is not in the glossary" in built.warnings


def test_an_entry_without_a_term_is_an_error_with_its_line(tmp_path):
    with pytest.raises(ContentError, match="needs a 'term:'") as error:
        build(tmp_path, {"content/glossary/quay.md": QUAY.replace("term:", "name:")})
    assert (error.value.file, error.value.line) == ("content/glossary/quay.md", 2)


# How the glossary's terms and another plugin's annotations combine (section 9).
HIGHLIGHT = """
import re

from briefgen import Annotation, hookimpl


@hookimpl
def briefgen_annotation_kinds():
    return {"highlight": "a phrase listed in the article's front matter"}


@hookimpl
def briefgen_annotate(article):
    return [
        Annotation(match.start(), match.end(), "highlight")
        for phrase in article.meta.get("highlight", [])
        for match in re.finditer(re.escape(phrase), article.text)
    ]
"""


AUTHORITY = """\
---
term: harbour authority
---
The public body that owns and runs a port.
"""


def test_how_overlapping_annotations_are_rendered(tmp_path):
    built = build(
        tmp_path,
        {
            "site.yml": "title: Test\nplugins:\n  glossary:\n    mark: every\n",
            "plugins/highlight.py": HIGHLIGHT,
            "templates/annotations/highlight.html": "<mark>{{ content }}</mark>",
            "templates/annotations/term.html": "<dfn>{{ content }}</dfn>",
            "content/glossary/harbour-authority.md": AUTHORITY,
            "content/articles/a.md": """\
                ---
                title: Overlaps
                date: 2025-04-03
                highlight: [the harbour authority first, authority said]
                ---
                Ask the harbour authority first.

                The harbour authority said no.

                Then *the new harbour* authority met.
                """,
        },
    )
    html = built.article("a").body_html
    # 1. Nested: the term inside the highlight.
    assert "Ask <mark>the <dfn>harbour authority</dfn> first</mark>." in html
    # 2. Crossing: the term starts first and stays whole; the highlight is cut.
    assert "The <dfn>harbour <mark>authority</mark></dfn><mark> said</mark> no." in html
    # 3. Markdown: the emphasis stays whole; the term is cut at its edge.
    assert "Then <em>the new <dfn>harbour</dfn></em><dfn> authority</dfn> met." in html
