"""The default theme's promises: accessible, script-free pages whose links
work under a sub-path, and (in a real browser) a layout that fits a phone and
puts asides in a margin column on a wide screen."""

from __future__ import annotations

import http.server
import itertools
import posixpath
import re
import shutil
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cache, partial
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

import pytest

from briefgen.testing import BuiltSite, build_site, launch_chromium, sync_playwright_or_skip

BASE_URL = "https://example.org/briefings/"

# A local plugin that turns explicit marks into asides, the way the bundled
# quote and fact-check plugins do: `[...]{.pull speaker=...}` becomes a
# pull-quote <figure>, `[...]{.check verdict=...}` a highlighted claim with a
# callout <aside>.
MARGIN_NOTES_PLUGIN = """
from briefgen import Annotation, hookimpl


@hookimpl
def briefgen_annotation_kinds():
    return {"pull": "a marked pull quote", "check": "a marked, checked claim"}


@hookimpl
def briefgen_annotate(article):
    found = []
    for mark in article.marks:
        if "pull" in mark.classes:
            data = {"text": article.text[mark.start:mark.end], "speaker": mark.attrs["speaker"]}
            found.append(Annotation(mark.start, mark.end, "pull", data, inline=False, aside=True))
        if "check" in mark.classes:
            data = {"verdict": mark.attrs["verdict"], "note": mark.attrs.get("note", "")}
            found.append(Annotation(mark.start, mark.end, "check", data, aside=True))
    return found
"""

PULL_TEMPLATE = """
<figure class="pullquote" id="{{ annotation.id }}-box">
  <blockquote><p>{{ annotation.data.text }}</p></blockquote>
  <figcaption>{{ annotation.data.speaker }}</figcaption>
</figure>
"""

CHECK_INLINE_TEMPLATE = '<mark class="claim" id="{{ annotation.id }}">{{ content }}</mark>'

CHECK_ASIDE_TEMPLATE = """
<aside class="callout callout-{{ annotation.data.verdict }}" aria-label="Fact check">
  <p class="callout-label">Fact check: <strong>{{ annotation.data.verdict }}</strong></p>
  {% if annotation.data.note %}<p>{{ annotation.data.note }}</p>{% endif %}
  <p>Figures from the budget office put the total lower.
    <a href="{{ url(page.url) }}#{{ annotation.id }}">The claim</a>.</p>
  <p><a href="https://www.example.com/sources/aid-tracker">Source: aid tracker</a></p>
</aside>
"""

CHART_SVG = """<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 600 200"
 width="600" height="200" role="img" aria-label="Bar chart of pledged and delivered aid">
  <rect width="600" height="200" fill="#f4f2ec"/>
  <rect x="40" y="40" width="480" height="40" fill="#4a6d8c"/>
  <rect x="40" y="110" width="300" height="40" fill="#a51d22"/>
</svg>
"""

FEATURE_ARTICLE = """
---
title: "Energy pause: what was agreed, what was claimed, and what happened overnight"
date: 2025-03-19
updated: 2025-03-20
summary: "A truce on strikes against power plants was announced by phone; within hours
  both capitals accused each other of breaking it."
authors: [Desk editor, Field reporter]
tags: [Energy, Ceasefire, Diplomacy]
---

The two leaders spoke for well over an hour, and the readouts their offices published afterwards
agreed on one point only: strikes on power stations and substations would stop for a month.
Everything else, from the monitoring of the pause to what would follow it, was left vague.

Officials in the capital were cautious. [We will believe in a pause when the sirens stop,
not when a press office announces it]{.pull speaker="A senior energy official"}, one of
them said, describing a night of alerts.

Aid figures quickly entered the argument. One speaker said [the country had received
four hundred billion in aid]{.check verdict=false}, a number no official tally supports.
See the [public oversight portal](https://www.example.com/oversight/portal/a/long/path/x)
for the figures that are tracked, or the raw listing at
https://www.example.com/oversight/portal/with/a/rather/long/path/that/must/wrap/on/a/phone.

## The figures behind the dispute

Published tallies differ because they count different things.[^tallies] The table sets
them side by side.

| Source | What it counts | Period | Amount (bn) | Military | Method |
|---|---|---|---:|---:|---|
| Budget office | Appropriations by the legislature | 2022–2024 | 175 | 70 | Incl. restocking |
| Oversight portal | Obligated and disbursed funds | 2022–2025 | 183 | 66 | Other agencies |
| Research institute | Government-to-government aid | to Feb 2025 | 115 | 64 | Euros |

![Bar chart comparing pledged aid with delivered aid](chart.svg)

### What the numbers leave out

> Totals that mix pledges, appropriations and deliveries cannot be compared with one another,
> and a figure quoted without its period tells the reader very little.

1. Pledges are promises and may never be spent.
2. Appropriations are authority to spend.
3. Deliveries are what arrived.

Analysts who track the data publish it as files, for example:

```
source,period,amount_bn
budget-office,2022-2024,175
oversight-portal,2022-2025,183
```

Use `amount_bn` rather than the headline figure when comparing.

[^tallies]: Some include loans, some only grants; some convert currencies at the rate of the day.
"""


def _plain_article(title: str, date: str, tag: str) -> str:
    return f"""
    ---
    title: "{title}"
    date: {date}
    summary: "A shorter briefing filed under {tag}."
    authors: [Desk editor]
    tags: [{tag}]
    ---

    A first paragraph of ordinary copy for the briefing called {title}, long enough to wrap.

    ## Reaction

    A second paragraph, with a [link to the other briefing](https://www.example.com/).
    """


def site_files() -> dict[str, str]:
    """A small site that uses every element the theme styles."""
    return {
        "site.yml": f"""
            title: Ceasefire Desk
            description: Briefings for testing the theme.
            base_url: {BASE_URL}
            language: en-GB
            per_page: 2
        """,
        "plugins/margin_notes.py": MARGIN_NOTES_PLUGIN,
        "templates/asides/pull.html": PULL_TEMPLATE,
        "templates/annotations/check.html": CHECK_INLINE_TEMPLATE,
        "templates/asides/check.html": CHECK_ASIDE_TEMPLATE,
        "content/articles/energy-pause/index.md": FEATURE_ARTICLE,
        "content/articles/energy-pause/chart.svg": CHART_SVG,
        "content/articles/talks-move.md": _plain_article(
            "Talks move south", "2025-03-17", "Diplomacy"
        ),
        "content/articles/prisoner-swap.md": _plain_article(
            "Prisoners exchanged", "2025-03-16", "War"
        ),
    }


# An article whose asides crowd the margin column: two callouts after one
# paragraph, a callout followed by a pull quote, long callouts that reach past
# the next paragraph (and its aside), an aside before a heading and one in a list.
LONG_NOTE = (
    "The monitoring mission had not yet been agreed when the remark was made: the two sides "
    "still disputed who would send observers, where they would be based and whom they would "
    "report to, and neither published a list of the sites the pause was meant to cover. "
    "Without such a list no violation can be confirmed or ruled out."
)

CROWDED_ARTICLE = f"""
---
title: "Crowded margins: claims and quotes from a long night of talks"
date: 2025-03-21
summary: "A night of talks produced more claims than agreements."
authors: [Desk editor]
tags: [Diplomacy]
---

Negotiators met again on Friday evening. One delegate said [the pause had held for a full
week]{{.check verdict=false note="{LONG_NOTE}"}}, and another that [no power station had been
hit since Tuesday]{{.check verdict=mixed}}.

An aide insisted that [the monitors were already in place]{{.check verdict=misleading
note="{LONG_NOTE}"}}. [Every promise made tonight will be tested by
morning]{{.pull speaker="A delegate"}}, a delegate said.

The talks broke up before midnight.

A short paragraph with [one more claim about the grid]{{.check verdict=true}}.

Officials promised a statement on Saturday. [We are closer than we were a week
ago]{{.pull speaker="A mediator"}}, one mediator said.

## What comes next

Both sides said [the next round would be held in a neutral capital]{{.check verdict=unproven}}.

- Observers are to report [within forty-eight hours of any strike]{{.check verdict=false}}.
- The pause is to be reviewed after a month.

A final paragraph, long enough to wrap onto a second line in the text column on a wide
screen, closes the briefing without any aside at all.
"""


def crowded_files() -> dict[str, str]:
    """The fixture site's plugin and templates with one crowded article."""
    files = {name: text for name, text in site_files().items() if not name.startswith("content/")}
    files["content/articles/crowded-margins.md"] = CROWDED_ARTICLE
    return files


# ------------------------------------------------------------------ parsing

VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "wbr"}


@dataclass
class Element:
    tag: str
    attrs: dict[str, str]
    parents: tuple[str, ...]  # tag names of the ancestors, outermost first
    text: str = ""


@dataclass
class Page:
    """What the tests need of one published HTML page."""

    html_attrs: dict[str, str] = field(default_factory=dict)
    elements: list[Element] = field(default_factory=list)
    ids: set[str] = field(default_factory=set)

    def find(self, tag: str, **attrs: str) -> list[Element]:
        return [
            e
            for e in self.elements
            if e.tag == tag and all(e.attrs.get(k) == v for k, v in attrs.items())
        ]


class _Collector(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.page = Page()
        self.stack: list[Element] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {k: v or "" for k, v in attrs}
        if tag == "html":
            self.page.html_attrs = values
        element = Element(tag, values, tuple(e.tag for e in self.stack))
        self.page.elements.append(element)
        if "id" in values:
            self.page.ids.add(values["id"])
        if tag not in VOID:
            self.stack.append(element)

    def handle_endtag(self, tag: str) -> None:
        for i in range(len(self.stack) - 1, -1, -1):
            if self.stack[i].tag == tag:
                del self.stack[i:]
                break

    def handle_data(self, data: str) -> None:
        for element in self.stack:
            element.text += data


def parse(html: str) -> Page:
    collector = _Collector()
    collector.feed(html)
    collector.close()
    return collector.page


# ------------------------------------------------------------------ the built sites

REPO = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> BuiltSite:
    """The small site above, with only its own plugin: the theme alone."""
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("BRIEFGEN_PLUGINS", "margin_notes")
        return build_site(tmp_path_factory.mktemp("theme-site"), site_files())


@pytest.fixture(scope="module")
def example(tmp_path_factory: pytest.TempPathFactory) -> BuiltSite:
    """The repository's example site with every bundled plugin: the theme's
    promises must hold for what the plugins add to its pages too."""
    root = tmp_path_factory.mktemp("example-site")
    shutil.copytree(REPO / "content", root / "content")
    shutil.copy(REPO / "site.yml", root / "site.yml")
    with pytest.MonkeyPatch.context() as mp:
        mp.delenv("BRIEFGEN_PLUGINS", raising=False)
        return build_site(root)


@pytest.fixture(scope="module")
def crowded(tmp_path_factory: pytest.TempPathFactory) -> BuiltSite:
    """One article whose asides crowd the margin column."""
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("BRIEFGEN_PLUGINS", "margin_notes")
        return build_site(tmp_path_factory.mktemp("crowded-site"), crowded_files())


@pytest.fixture(params=["fixture", "example"])
def any_site(request: pytest.FixtureRequest) -> BuiltSite:
    return request.getfixturevalue("built" if request.param == "fixture" else "example")


def html_pages(site: BuiltSite) -> Iterator[tuple[str, Path]]:
    """(site path, file) of every HTML page in the output."""
    for path in sorted(site.output.rglob("*.html")):
        rel = path.relative_to(site.output).as_posix()
        url = "/" + (rel[: -len("index.html")] if rel.endswith("index.html") else rel)
        yield url, path


@cache
def _parsed(path: Path) -> Page:
    return parse(path.read_text("utf-8"))


def page_at(site: BuiltSite, url: str) -> Page:
    rel = url.lstrip("/")
    return _parsed(site.output / (rel + "index.html" if not rel or rel.endswith("/") else rel))


def test_the_sites_have_the_pages_the_tests_look_at(built: BuiltSite, example: BuiltSite) -> None:
    urls = {url for url, _ in html_pages(built)}
    assert {"/", "/page/2/", "/tags/", "/tags/energy/", "/articles/energy-pause/"} <= urls
    assert "/404.html" in urls
    assert len(list(html_pages(example))) > 10


# ------------------------------------------------------------------ every page


def test_every_page_has_language_viewport_and_colour_schemes(any_site: BuiltSite) -> None:
    language = any_site.site.config.language
    for url, path in html_pages(any_site):
        page = _parsed(path)
        assert page.html_attrs.get("lang") == language, url
        viewport = page.find("meta", name="viewport")
        assert viewport and "width=device-width" in viewport[0].attrs["content"], url
        # Zooming must stay possible.
        assert "user-scalable=no" not in viewport[0].attrs["content"], url
        assert page.find("meta", name="color-scheme"), url
        assert page.find("title") and page.find("title")[0].text.strip(), url


def test_the_fixture_site_speaks_its_configured_language(built: BuiltSite) -> None:
    assert page_at(built, "/").html_attrs["lang"] == "en-GB"


def test_every_page_starts_with_a_skip_link_to_main(any_site: BuiltSite) -> None:
    for url, path in html_pages(any_site):
        page = _parsed(path)
        body_links = [e for e in page.elements if e.tag == "a" and "body" in e.parents]
        first = body_links[0]
        assert first.attrs.get("class") == "skip-link", url
        assert first.attrs["href"] == "#main", url
        (main,) = page.find("main")
        assert main.attrs.get("id") == "main", url


def test_every_page_has_landmarks_and_exactly_one_h1(any_site: BuiltSite) -> None:
    for url, path in html_pages(any_site):
        page = _parsed(path)
        assert len(page.find("h1")) == 1, f"{url}: {len(page.find('h1'))} h1 elements"
        assert len(page.find("main")) == 1, url
        assert [e for e in page.find("header") if e.parents == ("html", "body")], url
        assert [e for e in page.find("footer") if e.parents == ("html", "body")], url
        for nav in page.find("nav"):
            assert nav.attrs.get("aria-label"), f"{url}: a <nav> without a label"


def test_headings_never_skip_a_level(any_site: BuiltSite) -> None:
    for url, path in html_pages(any_site):
        levels = [int(e.tag[1]) for e in _parsed(path).elements if re.fullmatch(r"h[1-6]", e.tag)]
        assert levels[0] == 1, url
        for before, after in itertools.pairwise(levels):
            assert after <= before + 1, f"{url}: h{before} followed by h{after}"


def test_nothing_runs_scripts(any_site: BuiltSite) -> None:
    for url, path in html_pages(any_site):
        for element in _parsed(path).elements:
            if element.tag == "script":
                # Structured data (JSON-LD) is not a script that runs.
                assert element.attrs.get("type", "").endswith("json"), f"{url}: <script>"
            handlers = [a for a in element.attrs if a.startswith("on")]
            assert not handlers, f"{url}: <{element.tag}> has {handlers}"
            for name in ("href", "src", "action"):
                value = element.attrs.get(name, "").strip().lower()
                assert not value.startswith("javascript:"), f"{url}: {name}={value}"


LINK_ATTRS = {"a": "href", "link": "href", "area": "href", "img": "src", "source": "src",
              "script": "src", "iframe": "src", "video": "src", "audio": "src"}  # fmt: skip


def _links(page: Page) -> Iterator[str]:
    for element in page.elements:
        name = LINK_ATTRS.get(element.tag)
        if name and element.attrs.get(name):
            yield element.attrs[name]


def _target(site: BuiltSite, site_path: str) -> Path | None:
    rel = unquote(site_path).lstrip("/")
    if not rel or rel.endswith("/"):
        rel += "index.html"
    path = site.output / rel
    return path if path.is_file() else None


def test_every_link_and_asset_resolves_under_the_sub_path(any_site: BuiltSite) -> None:
    """Deployed at https://example.org/briefings/, every href and src of every
    page reaches a file of the output (and an id there, for #fragments)."""
    assert any_site.site.config.base_url == BASE_URL
    base_path = urlsplit(BASE_URL).path
    broken: list[str] = []
    checked = 0
    for url, path in html_pages(any_site):
        page = _parsed(path)
        deployed = urljoin(BASE_URL, url.lstrip("/"))
        for ref in _links(page):
            if url == "/404.html" and not urlsplit(ref).scheme and not ref.startswith("#"):
                # The 404 page is served at any address: only absolute paths work there.
                assert ref.startswith(base_path), f"404 page: relative link {ref}"
            full = urljoin(deployed, ref)
            parts = urlsplit(full)
            if parts.scheme not in ("http", "https"):
                continue  # mailto: and friends
            if not full.startswith(BASE_URL):
                assert parts.netloc != "example.org", f"{url}: {ref} leaves the base path"
                continue  # another site
            checked += 1
            site_path = "/" + posixpath.normpath(parts.path[len(base_path) :]).lstrip(".")
            site_path += "/" if parts.path.endswith("/") and site_path != "/" else ""
            target = _target(any_site, site_path)
            if target is None:
                broken.append(f"{url}: {ref} -> {site_path}")
            elif parts.fragment and unquote(parts.fragment) not in _parsed(target).ids:
                broken.append(f"{url}: {ref} -> no id {parts.fragment!r}")
    assert not broken, "\n".join(broken)
    assert checked > 50


def test_the_stylesheet_downloads_nothing_and_covers_print_dark_and_motion(
    built: BuiltSite,
) -> None:
    css = (built.output / "static" / "briefing.css").read_text("utf-8")
    assert "@import" not in css and "@font-face" not in css and "url(" not in css
    for promise in (
        "@media print",
        "prefers-color-scheme: dark",
        "prefers-reduced-motion",
        ":focus-visible",
    ):
        assert promise in css


# ------------------------------------------------------------------ particular pages


def _nav_links(page: Page) -> dict[str, str | None]:
    """Site navigation label -> its aria-current (None when absent)."""
    return {
        e.text.strip(): e.attrs.get("aria-current")
        for e in page.elements
        if e.tag == "a" and "nav" in e.parents and "ul" in e.parents
    }


@pytest.mark.parametrize(
    ("url", "briefings", "tags"),
    [
        ("/", "page", None),
        ("/page/2/", "true", None),
        ("/articles/energy-pause/", "true", None),
        ("/tags/", None, "page"),
        ("/tags/energy/", None, "true"),
        ("/404.html", None, None),
    ],
)
def test_navigation_marks_the_current_page_and_section(
    built: BuiltSite, url: str, briefings: str | None, tags: str | None
) -> None:
    links = _nav_links(page_at(built, url))
    assert links == {"Briefings": briefings, "Tags": tags}


def test_article_header_has_kicker_dek_byline_and_machine_readable_dates(
    built: BuiltSite,
) -> None:
    page = page_at(built, "/articles/energy-pause/")
    (kicker,) = [e for e in page.find("a") if "header" in e.parents and e.text == "Energy"]
    assert kicker.attrs["href"] == "../../tags/energy/"
    (dek,) = [e for e in page.find("p") if e.attrs.get("class") == "dek"]
    assert dek.text.startswith("A truce on strikes")
    (byline,) = [e for e in page.find("p") if e.attrs.get("class") == "byline"]
    assert "By Desk editor and Field reporter" in " ".join(byline.text.split())
    times = {e.attrs["datetime"]: e.text for e in page.find("time")}
    assert times == {"2025-03-19": "19 March 2025", "2025-03-20": "20 March 2025"}
    (article,) = page.find("article")
    assert article.attrs["aria-labelledby"] in page.ids


def test_every_tag_of_an_article_is_listed_after_it(built: BuiltSite) -> None:
    page = page_at(built, "/articles/energy-pause/")
    filed = [e.text for e in page.find("a") if "footer" in e.parents and "article" in e.parents]
    assert filed == ["Energy", "Ceasefire", "Diplomacy"]


def test_asides_come_after_their_paragraph_in_the_body(built: BuiltSite) -> None:
    """The theme's margin-column CSS relies on this shape of the body."""
    html = built.article("energy-pause").html
    body = html[html.index('<div class="briefing-body">') :]
    pull = body.index('<figure class="pullquote"')
    callout = body.index('<aside class="callout')
    assert body.rindex("</p>", 0, pull) > body.index("when the sirens stop")
    assert body.index("<p>", pull) < callout
    assert callout > body.index("four hundred billion")


def test_home_page_leads_with_one_large_card_and_paginates(built: BuiltSite) -> None:
    first = page_at(built, "/")
    cards = [e.attrs["class"] for e in first.find("article")]
    assert cards == ["card card-lead", "card"]
    assert [e.attrs["class"] for e in page_at(built, "/page/2/").find("article")] == ["card"]
    (older,) = [e for e in first.find("a") if e.attrs.get("rel") == "next"]
    assert older.attrs["href"] == "page/2/"
    (h1,) = page_at(built, "/page/2/").find("h1")
    assert h1.text == "Briefings, page 2 of 2"


def test_tag_pages_link_to_their_older_pages(tmp_path: Path) -> None:
    files = {"site.yml": "title: T\nper_page: 1\n"}
    for n in (1, 2, 3):
        files[f"content/articles/a{n}.md"] = _plain_article(f"Item {n}", f"2025-03-0{n}", "energy")
    site = build_site(tmp_path, files, plugins=[])
    first, second = page_at(site, "/tags/energy/"), page_at(site, "/tags/energy/page/2/")
    (older,) = [e for e in first.find("a") if e.attrs.get("rel") == "next"]
    assert older.attrs["href"] == "page/2/"
    (newer,) = [e for e in second.find("a") if e.attrs.get("rel") == "prev"]
    assert newer.attrs["href"] == "../../"
    assert site.exists("/tags/energy/page/3/")


def test_tag_counts_are_spoken_as_briefings(built: BuiltSite) -> None:
    page = page_at(built, "/tags/")
    counts = [" ".join(e.text.split()) for e in page.find("span", **{"class": "count"})]
    assert "2 briefings" in counts and "1 briefing" in counts


def test_feed_content_links_resolve_against_the_article(built: BuiltSite) -> None:
    feed = built.page("/feed.xml")
    assert f'xml:base="{BASE_URL}articles/energy-pause/"' in feed


# ------------------------------------------------------------------ in a browser


# Boxes of the body's paragraphs, blocks and asides (as the stylesheet defines
# them), read in the page.
LAYOUT_JS = """() => {
  const box = (e) => { const r = e.getBoundingClientRect();
    return {left: r.left, right: r.right, top: r.top, bottom: r.bottom, width: r.width}; };
  const body = document.querySelector('.briefing-body');
  const first = body.querySelector(':scope > p');
  const probe = document.createElement('span');
  probe.style.cssText = 'position: absolute; visibility: hidden; width: 1ch';
  first.append(probe);
  const ch = probe.getBoundingClientRect().width;
  probe.remove();
  const aside = ':is(aside, figure, .aside, .pullquote, .callout)';
  return {
    scrollWidth: document.documentElement.scrollWidth,
    innerWidth: window.innerWidth,
    paragraphs: [...body.querySelectorAll(':scope > p')].map(box),
    // The text: every block of the body but the asides.
    blocks: [...body.children].filter((e) => !e.matches(aside)).map(box),
    // Every aside not inside another, in the order of the text; "nested" when
    // it is inside a block of the text (after a list item's text, say).
    asides: [...body.querySelectorAll(`${aside}:not(${aside} *)`)].map((e) => ({
      ...box(e),
      nested: e.parentElement !== body,
      follows: e.previousElementSibling && box(e.previousElementSibling),
    })),
    body: box(body),
    skip: box(document.querySelector('.skip-link')),
    fontSize: parseFloat(getComputedStyle(first).fontSize),
    ch: ch,
  };
}"""

Box = dict[str, float]


def _overlap(a: Box, b: Box) -> float:
    """The area two boxes share (0 when they only touch)."""
    width = min(a["right"], b["right"]) - max(a["left"], b["left"])
    height = min(a["bottom"], b["bottom"]) - max(a["top"], b["top"])
    return max(width, 0) * max(height, 0)


def _assert_asides_in_the_margin_column(layout: dict, where: str) -> None:
    """On a wide screen: every aside right of the text column and on the
    screen, clear of the text and of every other aside, in the order of the
    text (a long aside pushes the next one down)."""
    column = layout["paragraphs"][0]
    asides = layout["asides"]
    for i, aside in enumerate(asides):
        assert aside["left"] >= column["right"] + 16, f"{where}: aside {i} is not right of the text"
        assert aside["right"] <= layout["innerWidth"], f"{where}: aside {i} is off the screen"
        for block in layout["blocks"]:
            assert not _overlap(aside, block), f"{where}: aside {i} covers the text"
    for (i, a), (j, b) in itertools.combinations(enumerate(asides), 2):
        assert not _overlap(a, b), f"{where}: asides {i} and {j} overlap"
    for i, (before, after) in enumerate(itertools.pairwise(asides)):
        assert after["top"] >= before["bottom"], f"{where}: aside {i + 1} is above aside {i}"


def _article_with_most_asides(site: BuiltSite) -> Path:
    def count(path: Path) -> int:
        page = _parsed(path)
        return len(
            [e for e in page.elements if e.tag in ("aside", "figure") and "main" in e.parents]
        )

    return max(_article_pages(site), key=count)


def _article_pages(site: BuiltSite) -> list[Path]:
    return sorted((site.output / "articles").glob("*/index.html"))


@pytest.mark.browser
@pytest.mark.parametrize("which", ["fixture", "example", "crowded"])
def test_article_layout_on_a_phone_on_a_wide_screen_and_on_paper(
    request: pytest.FixtureRequest, which: str
) -> None:
    sync_playwright = sync_playwright_or_skip()
    site: BuiltSite = request.getfixturevalue("built" if which == "fixture" else which)
    url = _article_with_most_asides(site).as_uri()
    with sync_playwright() as p:
        browser = launch_chromium(p)
        try:
            # With reduced motion the skip link appears at once, without sliding in.
            page = browser.new_page(viewport={"width": 390, "height": 844}, reduced_motion="reduce")
            page.goto(url)
            phone = page.evaluate(LAYOUT_JS)
            # Nothing scrolls sideways; a wide table scrolls inside itself.
            assert phone["scrollWidth"] <= phone["innerWidth"]
            assert phone["fontSize"] >= 16
            if which == "fixture":
                assert len(phone["asides"]) == 2
            text = phone["paragraphs"][0]
            for aside in phone["asides"]:
                # In the flow, as wide as the text (or as the list item it is in).
                assert aside["left"] >= text["left"] - 1 and abs(aside["right"] - text["right"]) < 1
                if not aside["nested"]:
                    assert abs(aside["left"] - text["left"]) < 1
            # The skip link is out of sight until it has the focus.
            assert phone["skip"]["bottom"] <= 0
            page.keyboard.press("Tab")
            assert page.evaluate("document.activeElement.className") == "skip-link"
            assert page.evaluate(LAYOUT_JS)["skip"]["top"] >= 0

            page.set_viewport_size({"width": 1400, "height": 900})
            for article in _article_pages(site):
                page.goto(article.as_uri())
                _assert_asides_in_the_margin_column(page.evaluate(LAYOUT_JS), article.parent.name)
            page.goto(url)
            wide = page.evaluate(LAYOUT_JS)
            assert wide["scrollWidth"] <= wide["innerWidth"]
            column = wide["paragraphs"][0]
            # A comfortable measure: about 65 characters.
            assert 50 * wide["ch"] <= column["width"] <= 70 * wide["ch"]
            if wide["asides"]:
                # Beside the text, not pushed below the end of the article.
                assert wide["asides"][0]["top"] < wide["paragraphs"][-1]["top"]
                # The first starts level with the paragraph it follows.
                first = next(a for a in wide["asides"] if not a["nested"])
                assert first["follows"]["top"] <= first["top"] < first["follows"]["bottom"]

            page.emulate_media(media="print")
            printed = page.evaluate(LAYOUT_JS)
            for aside in printed["asides"]:
                assert abs(aside["right"] - printed["body"]["right"]) < 1
                if not aside["nested"]:
                    assert abs(aside["left"] - printed["body"]["left"]) < 1
            # In the flow again, no longer raised over the text.
            for aside in printed["asides"]:
                if not aside["nested"]:
                    assert not any(_overlap(aside, block) for block in printed["blocks"])
            hidden = page.evaluate(
                "[...document.querySelectorAll('.site-nav, .site-footer')]"
                ".map(e => getComputedStyle(e).display)"
            )
            assert hidden == ["none", "none"]
            if which == "fixture":
                link_after = page.evaluate(
                    "getComputedStyle(document.querySelector("
                    "'.briefing-body p a[href^=\"https://\"]'), '::after').content"
                )
                assert "https://www.example.com/oversight/portal" in link_after
        finally:
            browser.close()


# Focus every entity link (keyboard users see the hover card too) and read
# where its card is drawn.
ENTITY_CARDS_JS = """() => {
  const links = document.querySelectorAll('.entity-ref > .entity-link');
  return [...links].map((link) => {
    link.scrollIntoView({block: 'center', behavior: 'instant'});
    link.focus();
    const card = link.parentElement.querySelector(':scope > .entity-card');
    const r = card.getBoundingClientRect();
    // Just inside its corners, which may be rounded.
    const corners = [[r.left + 8, r.top + 8], [r.right - 8, r.top + 8],
                     [r.left + 8, r.bottom - 8], [r.right - 8, r.bottom - 8]];
    return {
      name: link.textContent,
      shown: getComputedStyle(card).display !== 'none',
      left: r.left, right: r.right, top: r.top,
      linkBottom: link.getBoundingClientRect().bottom,
      // Nothing (an aside, the margin column, a scrolling table) covers or clips it.
      onTop: corners.every(([x, y]) => card.contains(document.elementFromPoint(x, y))),
      scrollWidth: document.documentElement.scrollWidth,
    };
  });
}"""


@pytest.mark.browser
@pytest.mark.parametrize("width", [390, 1400])
def test_entity_cards_stay_on_the_screen_and_on_top(example: BuiltSite, width: int) -> None:
    sync_playwright = sync_playwright_or_skip()
    with sync_playwright() as p:
        browser = launch_chromium(p)
        try:
            page = browser.new_page(viewport={"width": width, "height": 844})
            checked = 0
            for article in _article_pages(example):
                page.goto(article.as_uri())
                for card in page.evaluate(ENTITY_CARDS_JS):
                    where = f"{article.parent.name}: {card['name']}"
                    assert card["shown"], where
                    assert card["left"] >= 0 and card["right"] <= width, where
                    assert card["scrollWidth"] <= width, where
                    # Below its link, not over it, and drawn over whatever it covers.
                    assert card["top"] >= card["linkBottom"] - 1, where
                    assert card["onTop"], where
                    checked += 1
            assert checked > 20
        finally:
            browser.close()


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


@pytest.mark.browser
def test_pages_load_their_assets_when_served_under_the_sub_path(
    built: BuiltSite, tmp_path: Path
) -> None:
    """Served over HTTP at /briefings/, pages load their stylesheet and images,
    and so does the 404 page served for a missing address deep in the site."""
    sync_playwright = sync_playwright_or_skip()
    root = tmp_path / "www"
    shutil.copytree(built.output, root / "briefings")
    missing = root / "briefings" / "no" / "such" / "page"
    missing.mkdir(parents=True)
    shutil.copy(root / "briefings" / "404.html", missing / "index.html")
    server = http.server.ThreadingHTTPServer(
        ("127.0.0.1", 0), partial(_QuietHandler, directory=str(root))
    )
    threading.Thread(target=server.serve_forever, daemon=True).start()
    site = f"http://127.0.0.1:{server.server_address[1]}/briefings/"
    try:
        with sync_playwright() as p:
            browser = launch_chromium(p)
            try:
                page = browser.new_page(viewport={"width": 390, "height": 844})
                failed: list[str] = []
                page.on("requestfailed", lambda r: failed.append(r.url))
                page.on("response", lambda r: failed.append(r.url) if r.status >= 400 else None)
                for path in ("tags/energy/", "articles/energy-pause/", "no/such/page/"):
                    page.goto(site + path)
                    # The theme's stylesheet applied: headings are set in a serif face.
                    family = page.evaluate(
                        "getComputedStyle(document.querySelector('h1')).fontFamily"
                    )
                    assert "serif" in family, path
                page.goto(site + "articles/energy-pause/")
                assert (
                    page.evaluate("document.querySelector('.briefing-body img').naturalWidth") > 0
                )
                assert not failed
            finally:
                browser.close()
    finally:
        server.shutdown()
