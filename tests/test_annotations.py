"""The one annotation model, proven with a plugin of a kind the engine never
heard of: found, checked, rendered through its own partial, exported."""

from __future__ import annotations

import json
import pickle
import re
from pathlib import Path

import pytest

from briefgen import Annotation, Article
from briefgen.testing import build_site

PLUGIN = """
import re
from briefgen import Annotation, hookimpl, Setting

@hookimpl
def briefgen_settings():
    return {"pattern": Setting(str, "Kyiv", "what to mark")}

@hookimpl
def briefgen_annotation_kinds():
    return {"place": "a place name", "span": "an arbitrary span for tests"}

@hookimpl
def briefgen_annotate(article, site):
    found = []
    for m in re.finditer(site.settings("marker")["pattern"], article.text):
        if article.is_prose(m.start(), m.end()):
            found.append(Annotation(m.start(), m.end(), "place", {"name": m.group()},
                                    refs=("places/" + m.group().lower(),), aside=True))
    for mark in article.marks:
        if "span" in mark.attrs:
            found.append(Annotation(mark.start, mark.end, "span", {"n": mark.attrs["span"]}))
    for lo, hi in article.meta.get("spans", []):
        found.append(Annotation(lo, hi, "span", {"n": f"{lo}-{hi}"}))
    return found
"""

PARTIALS = {
    "templates/annotations/place.html": (
        "<a class=\"place\" href=\"{{ url('/places/' ~ annotation.data.name | lower ~ '/') }}\""
        '{% if fragment.first %} id="{{ annotation.id }}"{% endif %}>{{ content }}</a>'
    ),
    "templates/annotations/span.html": '<b data-n="{{ annotation.data.n }}">{{ content }}</b>',
    "templates/asides/place.html": '<aside class="note">About {{ annotation.data.name }}</aside>',
}


def make(tmp_path: Path, body: str, extra_fm: str = "", **files: str):
    article = f"---\ntitle: T\ndate: 2025-03-18\n{extra_fm}---\n{body}"
    return build_site(
        tmp_path,
        {
            "site.yml": "title: T\nplugins:\n  marker: {}\n",
            "plugins/marker.py": PLUGIN,
            "content/articles/a.md": article,
            **PARTIALS,
            **files,
        },
    )


@pytest.fixture(autouse=True)
def _only_marker(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("BRIEFGEN_PLUGINS", "marker")


def test_new_kind_is_rendered_through_its_partial(tmp_path: Path) -> None:
    built = make(tmp_path, "Sirens sounded in Kyiv tonight.\n\nThe next paragraph.\n")
    art = built.article("a")
    [ann] = art.of_kind("place")
    assert art.exact(ann) == "Kyiv" and ann.id == "ann-1" and ann.plugin == "marker"
    body = art.body_html
    assert '<a class="place" href="../../places/kyiv/" id="ann-1">Kyiv</a>' in body
    # the aside follows the paragraph holding the span, before the next one
    assert re.search(
        r"tonight\.</p>\s*<aside class=\"note\">About Kyiv</aside>\s*<p>The next", body
    )


def test_code_headings_and_links_are_not_prose(tmp_path: Path) -> None:
    body = "# Kyiv\n\nSee `Kyiv` and [Kyiv](https://example.org) and Kyiv.\n\n    Kyiv\n"
    art = make(tmp_path, body).article("a")
    anns = art.of_kind("place")
    assert len(anns) == 1
    assert art.text[anns[0].start - 4 : anns[0].end] == "and Kyiv"
    kinds = [b.kind for b in art.article.blocks]
    assert kinds == ["heading", "paragraph", "code"]


def test_export_is_a_w3c_web_annotation_collection(tmp_path: Path) -> None:
    files = {"site.yml": "title: T\nbase_url: https://example.org/b/\nplugins:\n  marker: {}\n"}
    built = make(tmp_path, "Drones flew over Kyiv at night.\n", **files)
    data = built.article("a").exported
    assert data["@context"] == "http://www.w3.org/ns/anno.jsonld"
    assert data["type"] == "AnnotationCollection" and data["total"] == 1
    [item] = data["first"]["items"]
    assert item["type"] == "Annotation"
    assert item["id"] == "https://example.org/b/articles/a/#ann-1"
    assert item["body"]["kind"] == "place" and item["body"]["value"] == {"name": "Kyiv"}
    quote, position = item["target"]["selector"]
    assert quote == {
        "type": "TextQuoteSelector",
        "exact": "Kyiv",
        "prefix": "Drones flew over ",
        "suffix": " at night.",
    }
    assert position == {"type": "TextPositionSelector", "start": 17, "end": 21}
    assert item["target"]["source"] == "https://example.org/b/articles/a/"


def test_export_is_canonical_json_whatever_the_text(tmp_path: Path) -> None:
    # Quotes, backslashes, a tab, non-ASCII text and a title that needs
    # escaping: the file is exactly what a JSON encoder with sorted keys
    # writes, so any JSON tool reads it back unchanged.
    article = (
        "---\n"
        "title: 'A \"quoted\" back\\slash title'\n"
        "date: 2025-03-18\n"
        "---\n"
        'He said "Kyiv\\ok" \u2014 Z\u00fcrich, Kyiv\ttab, Kyiv \U0001f600.\n'
    )
    built = make(tmp_path, "", **{"content/articles/a.md": article})
    raw = (built.output / "articles/a/annotations.json").read_text("utf-8")
    data = json.loads(raw)
    canonical = json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    assert raw == canonical + "\n"
    assert data["label"] == 'A "quoted" back\\slash title'
    items = data["first"]["items"]
    assert [i["target"]["selector"][0]["exact"] for i in items] == ["Kyiv"] * 3
    assert items[2]["target"]["selector"][0]["suffix"] == " \U0001f600."


def test_export_of_annotations_sharing_one_data_object() -> None:
    # Plugins share one data dict among many annotations (an entity's
    # mentions); the export writes what each annotation carries.
    from types import SimpleNamespace

    from briefgen import Annotation
    from briefgen.webannotation import article_annotations

    shared = {"name": "Kyiv", "role": None}
    text = "Kyiv and Kyiv and Lviv."
    anns = [
        Annotation(0, 4, "place", shared, ("places/kyiv",), id="ann-1", plugin="p"),
        Annotation(9, 13, "place", shared, ("places/kyiv",), id="ann-2", plugin="p"),
        Annotation(9, 13, "place", shared, ("places/kyiv", "places/x"), id="ann-3", plugin="p"),
        Annotation(9, 13, "span", shared, ("places/kyiv",), id="ann-4", plugin="q"),
        Annotation(18, 22, "place", {"name": "Lviv", "role": None}, id="ann-5", plugin="p"),
    ]
    article = SimpleNamespace(url="/a/", text=text, annotations=anns, title="T")
    site = SimpleNamespace(absolute_url=lambda path: "https://e.org" + path)
    data = json.loads(article_annotations(site, article))
    items = data["first"]["items"]
    assert [(i["body"]["kind"], i["body"]["refs"], i["generator"]) for i in items] == [
        ("place", ["https://e.org/places/kyiv/"], "briefgen plugin p"),
        ("place", ["https://e.org/places/kyiv/"], "briefgen plugin p"),
        ("place", ["https://e.org/places/kyiv/", "https://e.org/places/x/"], "briefgen plugin p"),
        ("span", ["https://e.org/places/kyiv/"], "briefgen plugin q"),
        ("place", [], "briefgen plugin p"),
    ]
    assert [i["body"]["purpose"] for i in items] == ["tagging"] * 5
    assert [i["body"]["value"]["name"] for i in items] == ["Kyiv"] * 4 + ["Lviv"]
    assert [i["target"]["selector"][1]["start"] for i in items] == [0, 9, 9, 9, 18]


def test_nested_spans_nest(tmp_path: Path) -> None:
    # "Talks in Kyiv went on." -> span over "in Kyiv went" contains the place
    art = make(tmp_path, "Talks in Kyiv went on.\n", "spans: [[6, 18]]\n").article("a")
    assert (
        '<b data-n="6-18">in <a class="place" href="../../places/kyiv/" id="ann-2">Kyiv</a>'
        " went</b>" in art.body_html
    )


def test_crossing_spans_split_the_later_one(tmp_path: Path) -> None:
    # span A over "one two" (0-7), span B over "two three" (4-13): B is cut at 7.
    art = make(tmp_path, "one two three\n", "spans: [[0, 7], [4, 13]]\n").article("a")
    assert art.body_html.strip() == (
        '<p><b data-n="0-7">one <b data-n="4-13">two</b></b><b data-n="4-13"> three</b></p>'
    )


#: Replaces markdown-it's own text rule (with the same escaping), which
#: makes the engine cut every paragraph into tokens instead of taking its
#: shortcuts for paragraphs that are one run of text.
TEXT_RULE = """
from markdown_it.common.utils import escapeHtml
from briefgen import hookimpl

def text(self, tokens, idx, options, env):
    return escapeHtml(tokens[idx].content)

@hookimpl
def briefgen_markdown(md):
    md.add_render_rule("text", text)
"""


def test_shortcuts_for_plain_paragraphs_render_like_the_general_case(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Paragraphs of plain text with spans that are apart, touching, nested,
    # crossing or the same: rendered with the engine's shortcuts (the
    # paragraph as one string; spans that do not overlap one after another)
    # and through the general token path, the bodies are the same.
    import random

    body = "".join(
        f"Talks {n} in {'Kyiv' if n % 3 == 0 else 'Rivne'} & <Lviv> went on; "
        f"they said {'no ' * (n % 4)}again.\n\n"
        for n in range(40)
    )
    text = make(tmp_path / "plain", body).article("a").text
    rng = random.Random(7)
    spans: list[list[int]] = []
    for n in range(40):
        lo = text.index(f"Talks {n} ")
        hi = text.index("again.", lo) + len("again.")
        if n % 4 == 1:  # apart, over text that must be escaped
            amp = text.index("& <Lviv>", lo)
            spans += [[lo, lo + 5], [amp, amp + 8], [amp + 8, amp + 12]]
            continue
        for _ in range(rng.choice([1, 2, 2, 3, 4])):
            a = rng.randrange(lo, hi - 1)
            spans.append([a, rng.randrange(a + 1, min(hi, a + 12) + 1)])
    fm = f"spans: {json.dumps(spans)}\n"
    fast = make(tmp_path / "fast", body, fm).article("a").body_html
    monkeypatch.setenv("BRIEFGEN_PLUGINS", "marker,textrule")
    general_site = {
        "site.yml": "title: T\nplugins:\n  marker: {}\n  textrule: {}\n",
        "plugins/textrule.py": TEXT_RULE,
    }
    general = make(tmp_path / "general", body, fm, **general_site).article("a").body_html
    assert fast.count("<b data-n=") >= len(spans)
    assert fast == general


def test_text_in_and_around_spans_is_escaped(tmp_path: Path) -> None:
    art = make(tmp_path, "a<b & Kyiv's c>d\n").article("a")
    assert art.body_html.strip() == (
        '<p>a&lt;b &amp; <a class="place" href="../../places/kyiv/" id="ann-1">Kyiv</a>'
        '\'s c&gt;d</p>\n<aside class="note">About Kyiv</aside>'
    )


def test_a_plugins_own_text_rule_applies_inside_and_around_spans(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    shout = (
        "from briefgen import hookimpl\n\n"
        "@hookimpl\n"
        "def briefgen_markdown(md):\n"
        "    md.add_render_rule('text', lambda self, tokens, i, options, env: "
        "tokens[i].content.upper())\n"
    )
    (tmp_path / "plugins").mkdir(parents=True, exist_ok=True)
    (tmp_path / "plugins/shout.py").write_text(shout)
    monkeypatch.setenv("BRIEFGEN_PLUGINS", "marker,shout")
    art = make(tmp_path, "one two three\n", "spans: [[4, 7]]\n").article("a")
    assert art.body_html.strip() == '<p>ONE <b data-n="4-7">TWO</b> THREE</p>'


def test_spans_never_break_markdown_elements(tmp_path: Path) -> None:
    # "a *b c* d": a span over "a b" crosses the emphasis and is cut there.
    art = make(tmp_path, "a *b c* d\n", "spans: [[0, 3]]\n").article("a")
    html = art.body_html
    assert html.strip() == '<p><b data-n="0-3">a </b><em><b data-n="0-3">b</b> c</em> d</p>'


def test_explicit_marks_reach_plugins_and_render_plainly(tmp_path: Path) -> None:
    art = make(tmp_path, "The [former president]{span=x} spoke.\n").article("a")
    [mark] = art.article.marks
    assert art.text[mark.start : mark.end] == "former president" and mark.attrs == {"span": "x"}
    assert mark.line == 5
    assert '<b data-n="x">former president</b>' in art.body_html
    assert "<span" not in art.body_html


def test_site_index_gathers_refs_across_articles(tmp_path: Path) -> None:
    built = make(
        tmp_path,
        "Kyiv and Kyiv.\n",
        **{"content/articles/b.md": "---\ntitle: B\ndate: 2025-03-20\n---\nKyiv again.\n"},
    )
    hits = built.site.index.referencing("places/kyiv")
    assert [h.article.slug for h in hits] == ["b", "a", "a"]  # newest first
    assert hits[0].url == "/articles/b/#ann-1" and hits[0].exact == "Kyiv"
    assert built.site.index.counts() == {"place": 3}


def _article(slug: str, annotations: list[Annotation]) -> Article:
    from briefgen.yamlfile import Located

    article = Article(Path(f"{slug}.md"), f"{slug}.md", slug, {}, "", 1, Located({}, f"{slug}.md"))
    article.annotations = annotations
    return article


def _shelved(article: Article) -> Article:
    """``article`` as a build takes it from the cache: its annotations on a
    shelf that went through pickle, as the cache record does."""
    from briefgen.annotations import AnnotationShelf

    shelf = pickle.loads(pickle.dumps(AnnotationShelf(article.annotations)))
    article.defer_annotations(shelf)
    return article


@pytest.mark.parametrize("shelved", [False, True], ids=["in-memory", "from-the-cache"])
def test_site_index_orders_hits_and_makes_them_only_when_asked(
    monkeypatch: pytest.MonkeyPatch, shelved: bool
) -> None:
    import briefgen.site
    from briefgen.site import SiteIndex

    def ann(start: int, kind: str, *refs: str) -> Annotation:
        return Annotation(start, start + 1, kind, {}, refs)

    newer = _article(
        "newer", [ann(0, "entity", "e/x"), ann(1, "quote", "e/x"), ann(2, "entity", "e/y")]
    )
    older = _article("older", [ann(0, "quote"), ann(5, "entity", "e/x")])
    if shelved:
        newer, older = _shelved(newer), _shelved(older)
    made: list[str] = []
    real = briefgen.site.Hit
    monkeypatch.setattr(briefgen.site, "Hit", lambda a, n: made.append(n.kind) or real(a, n))
    unpickled: list[str] = []
    real_loads = pickle.loads
    monkeypatch.setattr(
        "briefgen.annotations.pickle.loads",
        lambda data: [unpickled.append(a.kind) for a in real_loads(data)] and real_loads(data),
    )
    index = SiteIndex([newer, older])
    assert index.counts() == {"entity": 3, "quote": 2}
    assert index.refs("e/") == ["e/x", "e/y"] and index.refs() == ["e/x", "e/y"]
    assert unpickled == []  # counts and refs are on the shelf's label
    quotes = index.by_kind("quote")
    assert [(h.article.slug, h.annotation.start) for h in quotes] == [("newer", 1), ("older", 0)]
    assert index.referencing("e/x", kind="quote") == quotes[:1]
    assert made == ["quote", "quote"]  # no entity mention was asked for
    assert unpickled == (["quote", "quote"] if shelved else [])  # nor unpickled
    everything = index.referencing("e/x")
    assert [(h.article.slug, h.annotation.kind) for h in everything] == [
        ("newer", "entity"),
        ("newer", "quote"),
        ("older", "entity"),
    ]
    assert everything[1] is quotes[0]  # one hit per annotation, whichever way it is found
    entities = index.by_kind("entity")
    assert [(h.article.slug, h.annotation.start) for h in entities] == [
        ("newer", 0),
        ("newer", 2),
        ("older", 5),
    ]
    assert entities[0] is everything[0] and index.referencing("e/y") == entities[1:2]
    assert sorted(made) == ["entity"] * 3 + ["quote"] * 2
    # The article's own list holds the very annotations the hits hold.
    assert [id(a) for a in newer.annotations] == [
        id(entities[0].annotation),
        id(quotes[0].annotation),
        id(entities[1].annotation),
    ]


def test_a_shelf_gives_annotations_back_in_order_and_by_kind() -> None:
    from briefgen.annotations import AnnotationShelf

    anns = [
        Annotation(0, 3, "entity", {"id": "x"}, ("e/x",)),
        Annotation(1, 2, "quote", {"speaker": "X"}, ("e/x", "q/1")),
        Annotation(4, 6, "entity", {"id": "y"}, ("e/y",)),
        Annotation(7, 8, "claim", {}),
    ]
    shelf = pickle.loads(pickle.dumps(AnnotationShelf(anns)))
    assert shelf.counts == {"entity": 2, "quote": 1, "claim": 1} and len(shelf) == 4
    assert shelf.refs == ("e/x", "e/y", "q/1")
    quotes = shelf.of_kind("quote")
    assert quotes == [anns[1]] and shelf.of_kind("term") == []
    everything = shelf.all()
    assert everything == anns and everything[1] is quotes[0]
    # Pickled again once loaded: the same record, nothing lost.
    again = pickle.loads(pickle.dumps(shelf))
    assert again.all() == anns and again.counts == shelf.counts
    article = _shelved(_article("a", anns))
    assert article.annotations_of("entity") == [anns[0], anns[2]]
    assert article.shelf() is not None
    assert article.annotations == anns and article.shelf() is None
    article.annotations = anns[:1]  # set afresh: the shelf is put aside
    assert article.annotations_of("quote") == [] and article.annotations == anns[:1]


BAD_PLUGIN = """
from briefgen import Annotation, hookimpl

@hookimpl
def briefgen_annotation_kinds():
    return {"thing": "x"}

@hookimpl
def briefgen_annotate(article):
    return [Annotation(*{spec})]
"""


@pytest.mark.parametrize(
    ("spec", "message"),
    [
        ("(0, 999, 'thing')", "outside the article's text"),
        ("(3, 3, 'thing')", "is empty"),
        ("(0, 2, 'unknown')", "kind 'unknown' was not declared"),
        ("(0, 2, 'thing', {'x': object()})", "not JSON-serialisable"),
    ],
)
def test_bad_annotations_are_reported_with_plugin_and_article(
    tmp_path: Path, run_cli, monkeypatch, spec: str, message: str
) -> None:
    monkeypatch.setenv("BRIEFGEN_PLUGINS", "bad")
    (tmp_path / "plugins").mkdir()
    (tmp_path / "plugins/bad.py").write_text(BAD_PLUGIN.replace("{spec}", spec))
    (tmp_path / "site.yml").write_text("title: T\n")
    (tmp_path / "templates/annotations").mkdir(parents=True)
    (tmp_path / "templates/annotations/thing.html").write_text("{{ content }}")
    (tmp_path / "content/articles").mkdir(parents=True)
    (tmp_path / "content/articles/a.md").write_text("---\ntitle: A\ndate: 2025-01-01\n---\nHi.\n")
    code, _, err = run_cli("build", "--source", tmp_path)
    assert code == 1
    assert "content/articles/a.md" in err and message in err and "bad" in err


def test_missing_partial_names_kind_and_plugin(tmp_path: Path, run_cli) -> None:
    make(tmp_path, "Kyiv.\n")
    (tmp_path / "templates/annotations/place.html").unlink()
    code, _, err = run_cli("build", "--source", tmp_path)
    assert code == 1
    assert "annotations/place.html" in err and "'place'" in err and "'marker'" in err


def test_partial_must_output_content_once(tmp_path: Path, run_cli) -> None:
    make(tmp_path, "Kyiv.\n")
    (tmp_path / "templates/annotations/place.html").write_text("<i>{{ content }}{{ content }}</i>")
    code, _, err = run_cli("build", "--source", tmp_path)
    assert code == 1 and "exactly once" in err


def test_error_inside_a_partial_names_its_file_and_line(tmp_path: Path, run_cli) -> None:
    make(tmp_path, "Kyiv.\n")
    (tmp_path / "templates/annotations/place.html").write_text(
        "<i>{{ content }}</i>\n{{ annotation.data.no_such_key.deeper }}"
    )
    code, _, err = run_cli("build", "--source", tmp_path)
    assert code == 1 and "Traceback" not in err
    assert "templates/annotations/place.html:2" in err and "failed to render" in err


def test_code_and_link_spans_are_told_apart(tmp_path: Path) -> None:
    body = "Run `make all` or read [the guide](https://example.org) now.\n\n```\ncode\n```\n"
    art = make(tmp_path, body).article("a").article
    at = art.text.index
    assert art.in_code(at("make"), at("make") + 4) and not art.in_link(at("make"), at("make") + 4)
    assert art.in_link(at("guide"), at("guide") + 5) and not art.in_code(
        at("guide"), at("guide") + 5
    )
    assert art.in_code(at("code\n") if "code\n" in art.text else len(art.text) - 4, len(art.text))
    assert art.is_prose(at("now"), at("now") + 3)
    assert not art.in_code(at("now"), at("now") + 3) and not art.in_link(at("now"), at("now") + 3)


def test_annotations_not_rendered_inline_still_have_an_anchor(tmp_path: Path) -> None:
    plugin = PLUGIN.replace(
        '"place", {"name": m.group()},', '"place", {"name": m.group()}, inline=False,'
    )
    built = make(tmp_path, "Talks in Kyiv went on.\n", **{"plugins/marker.py": plugin})
    art = built.article("a")
    [hit] = built.site.index.referencing("places/kyiv")
    assert hit.url == "/articles/a/#ann-1"
    assert '<span id="ann-1"></span>Kyiv' in art.body_html
    assert 'class="place"' not in art.body_html


def test_a_span_over_paragraphs_has_one_first_piece(tmp_path: Path) -> None:
    files = {
        "templates/annotations/span.html": (
            '<b{% if fragment.first %} id="{{ annotation.id }}"{% endif %}'
            ' data-last="{{ fragment.last }}">{{ content }}</b>'
        )
    }
    # "One two." / "Three four." : a span from "two" (4) to "Three" (15)
    art = make(tmp_path, "One two.\n\nThree four.\n", "spans: [[4, 15]]\n", **files).article("a")
    html = art.body_html
    assert html.count('id="ann-1"') == 1
    assert '<b id="ann-1" data-last="False">two.</b>' in html
    assert '<b data-last="True">Three</b>' in html


def test_an_annotation_survives_the_cache_and_the_process_pool() -> None:
    import pickle

    from briefgen.annotations import Annotation

    ann = Annotation(3, 9, "thing", {"w": "quay"}, ("words/quay",), False, True, "ann-4", "words")
    assert pickle.loads(pickle.dumps(ann, protocol=5)) == ann
