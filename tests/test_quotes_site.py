"""What readers see of the quotes plugin: boxes, anchors, /quotes/ pages, entity pages.

Sites here are small and written for each test. Most run the quotes plugin
alone; the entity-page test runs the bundled entity plugin too, which shows
what people said through the ``related/quote.html`` template this plugin ships.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from html import unescape
from pathlib import Path
from types import SimpleNamespace
from typing import Any
from urllib.parse import urljoin, urlsplit

import briefgen_quotes.pages as quote_pages_module
import pytest
from briefgen_quotes.pages import group_by_speaker, name_slug
from conftest import recorded, same_as_clean

import briefgen.pagegen as pagegen
from briefgen import Annotation, ConfigError, ContentError, Hit, Page, Site
from briefgen.build import Builder
from briefgen.testing import BuiltSite, build_site, write_files

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


def test_the_navigation_has_quotes(tmp_path: Path) -> None:
    html = build(tmp_path).article("strike").html
    assert re.search(r'<a href="[./]*quotes/"[^>]*>Quotes</a>', html)
    assert 'href="../../static/quotes.css"' in html


def test_the_pages_can_be_turned_off(tmp_path: Path) -> None:
    built = build(tmp_path, config="plugins:\n  quotes:\n    page: false\n")
    assert not built.exists("/quotes/")
    assert not built.exists("/quotes/ana-ruiz/")
    assert ">Quotes</a>" not in built.article("strike").html


# ---------------------------------------------------------------- /quotes/ pages

LATER = "“The cranes will be checked again in May,” said Ana Ruiz."
BANNER = """\
The quay was quiet on Monday morning.

“Nobody leaves this quay until every crane is safe again.”
"""


def pages_site(tmp_path: Path, config: str = "", **extra: str) -> BuiltSite:
    """Ana Ruiz quoted three times (once in a later article), Mira Castell
    and Tomas Elling once each, and a quotation that names no speaker."""
    files = {
        "site.yml": "title: Test\n" + config,
        "content/articles/strike.md": article_file(STORY),
        "content/articles/later.md": article_file(LATER, title="Later", date="2025-05-01"),
        "content/articles/banner.md": article_file(BANNER, title="Banner", date="2025-04-10"),
        **extra,
    }
    return build_site(tmp_path, files)


def resolve(page_url: str, href: str) -> tuple[str, str]:
    """(site path, fragment) of a link on the page at ``page_url``."""
    parts = urlsplit(urljoin("http://site" + page_url, href))
    return parts.path, parts.fragment


def index_rows(built: BuiltSite) -> list[tuple[str, str, int]]:
    """(name, site path of their page, count) of each speaker on /quotes/."""
    rows = re.findall(
        r'<a class="speaker-name" href="([^"]+)">([^<]+)</a>.*?'
        r'<span class="count">(\d+) quotations?</span>',
        built.page("/quotes/"),
        re.S,
    )
    return [(unescape(name), resolve("/quotes/", href)[0], int(n)) for href, name, n in rows]


def listed(built: BuiltSite, url: str) -> list[tuple[str, str, str, str]]:
    """(text, link target, article title, date) of each quotation on a page."""
    items = re.findall(
        r'<li class="quote-item">\s*<blockquote><p>(.*?)</p></blockquote>\s*'
        r'<p class="quote-source"><a href="([^"]+)">(.*?)</a> · <time datetime="([\d-]+)">',
        built.page(url),
        re.S,
    )
    return [
        (unescape(text), "#".join(resolve(url, href)), unescape(title), date)
        for text, href, title, date in items
    ]


def said(built: BuiltSite, speaker: str | None) -> list[tuple[str, str, str, str]]:
    """What ``speaker`` said according to the annotations, newest first, as
    ``listed`` shows it."""
    out = []
    for article in built.site.articles:  # newest first
        for quote in article.annotations:
            if quote.kind == "quote" and quote.data["speaker"] == speaker:
                target = f"{article.url}#{quote.id}"
                out.append((quote.data["text"], target, article.title, article.date.isoformat()))
    return out


def test_the_index_lists_speakers_most_quoted_first_with_counts(tmp_path: Path) -> None:
    built = pages_site(tmp_path)
    assert index_rows(built) == [
        ("Ana Ruiz", "/quotes/ana-ruiz/", 3),
        ("Mira Castell", "/quotes/mira-castell/", 1),
        ("Tomas Elling", "/quotes/tomas-elling/", 1),
        ("Unattributed", "/quotes/unattributed/", 1),  # last, whatever its count
    ]
    for _, url, _ in index_rows(built):
        assert built.exists(url)
    page = built.page("/quotes/")
    assert "6 quotations from 3 speakers" in page
    # Each speaker's newest quotation, linked to its place in its article.
    ruiz = page[page.index(">Ana Ruiz<") : page.index(">Mira Castell<")]
    assert "The cranes will be checked again in May" in ruiz
    assert "passed their last inspection" not in ruiz
    later = built.article("later").of_kind("quote")[0]
    assert f'href="../articles/later/#{later.id}"' in ruiz


def test_a_long_quotation_is_shortened_on_the_index(tmp_path: Path) -> None:
    words = " ".join(f"word{n}" for n in range(40))
    built = build(tmp_path, body=f"“{words.capitalize()}.” said Ana Ruiz.\n")
    page = built.page("/quotes/")
    assert "word24…" in page and "word25" not in page
    assert "word39" in built.page("/quotes/ana-ruiz/")


def test_a_speaker_page_holds_exactly_their_quotations_newest_first(tmp_path: Path) -> None:
    built = pages_site(tmp_path)
    for name, url, count in index_rows(built):
        quotations = listed(built, url)
        assert quotations == said(built, None if name == "Unattributed" else name)
        assert len(quotations) == count
    main = built.page("/quotes/ana-ruiz/").split("<main", 1)[1]
    assert ">Ana Ruiz</h1>" in main
    assert "Port spokeswoman" in main  # the role
    assert "3 quotations in 2 briefings" in main
    assert "entities/" not in main  # no entity plugin: no entity page to link


def test_every_link_on_the_quotes_pages_reaches_a_page_and_a_quotation(tmp_path: Path) -> None:
    built = pages_site(tmp_path)
    urls = ["/quotes/", *(url for _, url, _ in index_rows(built))]
    for url in urls:
        main = built.page(url).split("<main", 1)[1]
        for href in re.findall(r'href="([^"]+)"', main):
            path, fragment = resolve(url, href)
            assert built.exists(path), f"{url}: {href}"
            if fragment:
                assert f'id="{fragment}"' in built.page(path), f"{url}: {href}"


def test_unattributed_quotations_have_their_own_page(tmp_path: Path) -> None:
    built = pages_site(tmp_path)
    page = built.page("/quotes/unattributed/")
    assert ">Unattributed quotations</h1>" in page
    assert [text for text, *_ in listed(built, "/quotes/unattributed/")] == [
        "Nobody leaves this quay until every crane is safe again."
    ]


def test_the_navigation_marks_the_quotes_section(tmp_path: Path) -> None:
    built = pages_site(tmp_path)
    nav = r'<a href="{}" aria-current="{}">Quotes</a>'
    assert re.search(nav.format("./", "page"), built.page("/quotes/"))
    assert re.search(nav.format(r"\.\./", "true"), built.page("/quotes/ana-ruiz/"))


# ---------------------------------------------------------------- pagination

RUIZ = "“The {} crane will be checked before the quay opens,” said Ana Ruiz.\n\n"


def ruiz_site(tmp_path: Path, config: str) -> BuiltSite:
    """Ana Ruiz quoted five times: twice in an older article, three times in a newer one."""
    older = "".join(RUIZ.format(n) for n in ("first", "second"))
    newer = "".join(RUIZ.format(n) for n in ("third", "fourth", "fifth"))
    return build_site(
        tmp_path,
        {
            "site.yml": "title: Test\n" + config,
            "content/articles/older.md": article_file(older, title="Older", date="2025-04-01"),
            "content/articles/newer.md": article_file(newer, title="Newer", date="2025-04-02"),
        },
    )


def crane(built: BuiltSite, url: str) -> list[str]:
    """Which cranes the quotations on a page are about."""
    return [text.split()[1] for text, *_ in listed(built, url)]


def pagination_links(built: BuiltSite, url: str) -> dict[str, str]:
    """rel (prev, next) -> site path of the pagination links on a page."""
    page = built.page(url)
    nav = re.search(r'<nav class="pagination".*?</nav>', page, re.S)
    if nav is None:
        return {}
    links = re.findall(r'<a [^>]*rel="(prev|next)" href="([^"]+)"', nav.group())
    return {rel: resolve(url, href)[0] for rel, href in links}


def test_long_speaker_pages_are_paginated_with_the_site_s_per_page(tmp_path: Path) -> None:
    built = ruiz_site(tmp_path, "per_page: 2\n")
    first, second, third = (
        "/quotes/ana-ruiz/",
        "/quotes/ana-ruiz/page/2/",
        "/quotes/ana-ruiz/page/3/",
    )
    assert crane(built, first) == ["third", "fourth"]  # newest article first, then in order
    assert crane(built, second) == ["fifth", "first"]
    assert crane(built, third) == ["second"]
    assert not built.exists("/quotes/ana-ruiz/page/4/")
    assert pagination_links(built, first) == {"next": second}
    assert pagination_links(built, second) == {"prev": first, "next": third}
    assert pagination_links(built, third) == {"prev": second}
    assert "Page 2 of 3" in built.page(second)
    assert "page 2 of 3" in re.search(r"<title>(.*?)</title>", built.page(second)).group(1)
    # The index counts them all and links to the first page.
    assert index_rows(built) == [("Ana Ruiz", first, 5)]


def test_the_plugin_can_set_its_own_page_size(tmp_path: Path) -> None:
    built = ruiz_site(tmp_path, "per_page: 2\nplugins:\n  quotes:\n    per_page: 4\n")
    assert crane(built, "/quotes/ana-ruiz/") == ["third", "fourth", "fifth", "first"]
    assert crane(built, "/quotes/ana-ruiz/page/2/") == ["second"]
    assert not built.exists("/quotes/ana-ruiz/page/3/")


def test_one_page_has_no_pagination(tmp_path: Path) -> None:
    built = ruiz_site(tmp_path, "")
    assert len(listed(built, "/quotes/ana-ruiz/")) == 5
    assert pagination_links(built, "/quotes/ana-ruiz/") == {}
    assert 'class="pagination"' not in built.page("/quotes/ana-ruiz/")


def test_a_negative_page_size_is_an_error_with_its_line(tmp_path: Path) -> None:
    with pytest.raises(ConfigError) as error:
        build(tmp_path, config="plugins:\n  quotes:\n    per_page: -1\n")
    assert error.value.line == 4
    assert "per_page" in str(error.value)


# ---------------------------------------------------------------- slugs


def hit(speaker: str | None, date: str = "2025-04-01", entity: str | None = None) -> Hit:
    """An index hit for a quotation by ``speaker``, in an article of ``date``
    (a stand-in: grouping reads only an article's url, title and date)."""
    article = SimpleNamespace(
        url=f"/articles/{date}/", title=date, date=dt.date.fromisoformat(date)
    )
    data = {"text": "words", "speaker": speaker, "speaker_id": entity, "role": None}
    return Hit(article, Annotation(0, 5, "quote", data))  # type: ignore[arg-type]


def slugs(hits: list[Hit]) -> dict[str, str]:
    return {s.speaker.name: s.speaker.slug for s in group_by_speaker(hits)}


def test_slugs_are_the_entity_id_else_the_name() -> None:
    found = slugs(
        [
            hit("Vladimir Putin", entity="vladimir-putin"),
            hit("Ana Ruiz"),
            hit("Gould-Davies, Nigel"),
            hit("Юрий Петров"),
            hit(None),
        ]
    )
    assert found == {
        "Vladimir Putin": "vladimir-putin",
        "Ana Ruiz": "ana-ruiz",
        "Gould-Davies, Nigel": "gould-davies-nigel",
        "Юрий Петров": name_slug("Юрий Петров"),
        "Unattributed": "unattributed",
    }
    assert re.fullmatch(r"speaker-[0-9a-f]{8}", found["Юрий Петров"])
    assert name_slug("Юрий Петров") != name_slug("Анна Петрова")


def test_spellings_of_one_name_are_one_speaker() -> None:
    (group,) = group_by_speaker([hit("José García"), hit("Jose Garcia"), hit("José García")])
    assert (group.speaker.name, group.speaker.slug, group.speaker.count) == (
        "José García",
        "jose-garcia",
        3,
    )


def test_colliding_slugs_get_a_suffix_the_entity_and_the_first_quoted_keep_theirs() -> None:
    hits = [
        hit("Smith 2", date="2025-05-01"),  # a name whose slug is smith-2
        hit("Smith", date="2025-03-01"),  # not the registered Smith
        hit("John Smith", date="2025-01-01", entity="smith"),
        hit("Unattributed", date="2025-04-01"),  # a name, not a missing one
        hit(None),
    ]
    found = {s.speaker.slug: s.speaker.name for s in group_by_speaker(hits)}
    assert found == {
        "smith": "John Smith",  # an entity always has its id
        "smith-2": "Smith",  # quoted before "Smith 2" was
        "smith-2-2": "Smith 2",
        "unattributed": "Unattributed",  # the quotations with no speaker
        "unattributed-2": "Unattributed",
    }


PLAZA = """\
“We open at nine,” said José García, the market's manager.

“Stalls stay shut until the inspectors leave,” Jose Garcia said later, and Ana Ruiz agreed.

“The checks are routine,” said port director Ana Ruiz.

“Nobody told us,” said one trader.
"""


def _groups_view(groups: list[Any]) -> list[tuple[Any, ...]]:
    return [
        (
            g.key,
            g.entity,
            g.base,
            list(g.names.items()),
            g.role,
            list(map(id, g.hits)),
            [(a.url, n) for a, n in g.runs],
        )
        for g in groups
    ]


def test_groups_kept_with_each_article_add_up_to_the_quotations_grouped_one_by_one(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The pages add up each article's own grouping by speaker (worked out
    # with the article and cached with it) instead of going through every
    # quotation of the site: the same speakers, quotations, spellings,
    # roles and articles, in the same order.
    gathered = recorded(monkeypatch, quote_pages_module, "_gather", lambda hits: len(hits))
    plaza = article_file(PLAZA, title="Plaza", date="2025-04-20")
    built = pages_site(tmp_path, **{"content/articles/plaza.md": plaza})
    assert gathered == []  # the build took the articles' groups
    site = built.site
    hits = site.index.by_kind("quote")
    indexed = quote_pages_module.gather_indexed(site.articles, hits, "quotes")
    assert indexed is not None
    assert _groups_view(indexed) == _groups_view(quote_pages_module._gather(hits))
    assert "name:jose-garcia" in [g.key for g in indexed]
    # Quotations that are not the articles' own, in order: not taken.
    assert quote_pages_module.gather_indexed(site.articles, hits[::-1], "quotes") is None
    assert quote_pages_module.gather_indexed(site.articles, hits[1:], "quotes") is None


def test_slugs_do_not_depend_on_counts_or_order() -> None:
    hits = [hit("Smith 2", date="2025-05-01"), hit("Smith", date="2025-03-01")]
    before = slugs(hits)
    assert before == {"Smith": "smith", "Smith 2": "smith-2"}
    # "Smith 2" quoted far more often, and first in the list: nothing moves.
    more = [hit("Smith 2", date="2025-06-01") for _ in range(5)] + hits
    assert slugs(more) == before
    assert slugs(list(reversed(more))) == before


# ---------------------------------------------------------------- rebuilding

HARBOUR = """\
“The harbour master has signed the new rota,” said Lena Horvat.

“Every shift will have two inspectors from June,” said Ana Ruiz.
"""


def rendered_urls(builder: Builder, changed: Path) -> set[str]:
    """The pages a rebuild after ``changed`` renders (the others are reused)."""
    seen: list[str] = []
    real = pagegen.render_page

    def recording(site: Site, page: Page, context: dict[str, Any] | None = None) -> bytes:
        seen.append(page.url)
        return real(site, page, context)

    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(pagegen, "render_page", recording)
        result = builder.rebuild([changed])
    assert result.rendered == len(seen)  # every render went through render_page
    return set(seen)


def quote_urls(urls: set[str]) -> set[str]:
    return {u for u in urls if u.startswith("/quotes/")}


def test_an_edited_article_re_renders_only_the_pages_of_its_speakers(tmp_path: Path) -> None:
    root = write_files(
        tmp_path / "site",
        {
            "content/articles/strike.md": article_file(STORY),
            "content/articles/harbour.md": article_file(
                HARBOUR, title="Harbour", date="2025-05-01"
            ),
        },
    )
    builder = Builder(root, jobs=1)
    builder.rebuild()
    strike = root / "content/articles/strike.md"
    # New words in a quotation that is nobody's newest: the index shows nothing of it.
    strike.write_text(strike.read_text("utf-8").replace("every report", "each report"), "utf-8")
    assert quote_urls(rendered_urls(builder, strike)) == {
        "/quotes/mira-castell/",
        "/quotes/ana-ruiz/",
        "/quotes/tomas-elling/",
    }
    assert "each report is public" in (root / "public/quotes/ana-ruiz/index.html").read_text()
    # A new quotation changes the counts on the index.
    harbour = root / "content/articles/harbour.md"
    harbour.write_text(
        harbour.read_text("utf-8") + "\n“The rota starts on Monday,” said Lena Horvat.\n", "utf-8"
    )
    assert quote_urls(rendered_urls(builder, harbour)) == {
        "/quotes/",
        "/quotes/lena-horvat/",
        "/quotes/ana-ruiz/",
    }
    assert "2 quotations" in (root / "public/quotes/lena-horvat/index.html").read_text()


def test_a_new_role_renders_that_speaker_s_pages_not_those_of_others_quoted_beside(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A speaker's role is on their own pages (their entity is a source),
    and in the cards of their mentions, which every article naming them
    holds; the pages of the other speakers quoted in those articles show
    neither, so they are kept (the plugin's pages declare
    ``own_content``)."""
    monkeypatch.setenv("BRIEFGEN_PLUGINS", "quotes,entities")
    person = "---\nname: {}\nkind: person\nrole: {}\n---\n"
    root = write_files(
        tmp_path / "site",
        {
            "site.yml": "title: Test\n",
            "content/articles/strike.md": article_file(STORY),
            "content/articles/harbour.md": article_file(
                HARBOUR, title="Harbour", date="2025-05-01"
            ),
            "content/entities/ana-ruiz.md": person.format("Ana Ruiz", "Port spokeswoman"),
            "content/entities/mira-castell.md": person.format("Mira Castell", "Union organiser"),
        },
    )
    builder = Builder(root, jobs=1)
    builder.rebuild()
    entity = root / "content/entities/mira-castell.md"
    entity.write_text(entity.read_text("utf-8").replace("Union organiser", "Union leader"))
    urls = rendered_urls(builder, entity)
    assert "/articles/strike/" in urls  # the mention's card
    assert quote_urls(urls) == {"/quotes/", "/quotes/mira-castell/"}
    assert "Union leader" in (root / "public/quotes/mira-castell/index.html").read_text()
    assert same_as_clean(root, tmp_path)


def test_a_long_speaker_listing_asks_only_the_pages_showing_the_edited_article(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Ana Ruiz's quotations fill three pages; each page stands for the
    articles it shows and for how the quotations fall onto pages, so an
    edit that moves nothing asks only its own page, and one that moves the
    quotations (a new one in the newest article) remakes the later pages,
    exactly as a clean build makes them."""
    newer = RUIZ.format("alpha")
    middle = "".join(RUIZ.format(n) for n in ("beta", "gamma", "delta"))
    older = RUIZ.format("omega")
    root = write_files(
        tmp_path / "site",
        {
            "site.yml": "title: Test\nper_page: 2\n",
            "content/articles/older.md": article_file(older, title="Older", date="2025-04-01"),
            "content/articles/middle.md": article_file(middle, title="Middle", date="2025-04-02"),
            "content/articles/newer.md": article_file(newer, title="Newer", date="2025-04-03"),
        },
    )
    builder = Builder(root, jobs=1)
    builder.rebuild()
    pages = ["/quotes/ana-ruiz/", "/quotes/ana-ruiz/page/2/", "/quotes/ana-ruiz/page/3/"]
    asked = recorded(monkeypatch, pagegen, "page_context", lambda site, page: page.url)

    # Words outside the quotations of the oldest article (on page 3 only).
    older = root / "content/articles/older.md"
    older.write_text(older.read_text("utf-8") + "The quay stayed shut.\n", "utf-8")
    builder.rebuild([older])
    assert [u for u in asked if u.startswith("/quotes/ana-ruiz/")] == [pages[2]]
    assert same_as_clean(root, tmp_path)

    # A new quotation in the newest article moves the middle one's along:
    # page 2 still shows only the middle article, but other quotations.
    asked.clear()
    newer = root / "content/articles/newer.md"
    newer.write_text(newer.read_text("utf-8") + RUIZ.format("sixth"), "utf-8")
    builder.rebuild([newer])
    published = SimpleNamespace(
        page=lambda url: (root / "public" / url.lstrip("/") / "index.html").read_text("utf-8")
    )
    assert crane(published, pages[1]) == ["beta", "gamma"]  # type: ignore[arg-type]
    assert set(pages) <= set(asked)
    assert same_as_clean(root, tmp_path)


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
    assert '<a href="../../quotes/ana-ruiz/">Everything Ana Ruiz said' in page
    assert built.exists("/quotes/ana-ruiz/")
    box = built.article("strike").body_html
    assert 'href="../../entities/ana-ruiz/">Ana Ruiz</a>' in box


def ruiz_entity_page(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, config: str, body: str = STORY
) -> str:
    """Ana Ruiz's entity page, with every bundled plugin on."""
    monkeypatch.delenv("BRIEFGEN_PLUGINS")
    built = build_site(
        tmp_path,
        {
            "site.yml": "title: Test\n" + config,
            "content/articles/strike.md": article_file(body),
            "content/entities/ana-ruiz.md": "---\nname: Ana Ruiz\nkind: person\n---\n",
        },
    )
    return built.page("/entities/ana-ruiz/")


def test_an_entity_page_lists_only_the_newest_quotations(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """As many as the site's per_page, with the count of all of them: the
    speaker's own pages hold the rest."""
    body = "".join(RUIZ.format(n) for n in ("first", "second", "third", "fourth", "fifth"))
    page = ruiz_entity_page(tmp_path, monkeypatch, "per_page: 2\n", body)
    assert 'What Ana Ruiz said <span class="count">(5)</span>' in page
    assert page.count('class="quote-item"') == 2
    assert "The first crane" in page and "The third crane" not in page
    assert '<a href="../../quotes/ana-ruiz/">Everything Ana Ruiz said</a>' in page


def test_the_related_template_counts_only_quotations_among_mixed_hits(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A theme may include related/quote.html with every hit about a person
    (mentions too): only the quotations are counted and listed; an entity
    page's group of kind "quote" holds nothing else."""
    monkeypatch.delenv("BRIEFGEN_PLUGINS")
    body = "".join(RUIZ.format(n) for n in ("first", "second", "third"))
    built = build_site(
        tmp_path,
        {
            "site.yml": "title: Test\n",
            "content/articles/strike.md": article_file(body),
            "content/entities/ana-ruiz.md": "---\nname: Ana Ruiz\nkind: person\n---\n",
        },
    )
    site = built.site
    assert site.index is not None and site.env is not None
    mixed = site.index.referencing("entities/ana-ruiz")
    quotes = [h for h in mixed if h.annotation.kind == "quote"]
    assert len(quotes) == 3 and len(mixed) > len(quotes)  # mentions among them
    entity = SimpleNamespace(name="Ana Ruiz", id="ana-ruiz")
    template = site.env.get_template("related/quote.html")

    def render(**context: Any) -> str:
        return template.render(entity=entity, url=lambda path: path, **context)

    for page in (render(hits=mixed), render(hits=quotes, kind="quote")):
        assert 'What Ana Ruiz said <span class="count">(3)</span>' in page
        assert page.count('class="quote-item"') == 3


def test_without_quotes_pages_entity_pages_do_not_link_to_them(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    page = ruiz_entity_page(tmp_path, monkeypatch, "plugins:\n  quotes:\n    page: false\n")
    assert "What Ana Ruiz said" in page
    assert "quotes/" not in page.split("<main", 1)[1].replace("static/quotes.css", "")


def test_a_registered_speaker_s_page_is_named_by_the_entity_id_and_links_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("BRIEFGEN_PLUGINS")
    entity = "---\nname: Ana Ruiz\nkind: person\nrole: Harbour board spokeswoman\n---\n"
    built = pages_site(tmp_path, **{"content/entities/harbour-ruiz.md": entity})
    assert index_rows(built)[0] == ("Ana Ruiz", "/quotes/harbour-ruiz/", 3)
    assert not built.exists("/quotes/ana-ruiz/")
    page = built.page("/quotes/harbour-ruiz/")
    assert "Harbour board spokeswoman" in page  # the registry's role
    assert '<a href="../../entities/harbour-ruiz/">More about Ana Ruiz</a>' in page
    assert built.exists("/entities/harbour-ruiz/")
    assert "entities/" not in built.page("/quotes/mira-castell/").split("<main", 1)[1]


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


@pytest.mark.parametrize("kept", [True, False], ids=["kept builder", "new builder"])
def test_a_new_role_changes_who_a_title_names_as_a_clean_build_would(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, kept: bool
) -> None:
    """ "The mayor" is whoever mentioned before holds that role: a role edited
    in the registry (the part of an entity that cached articles are
    refreshed for, not annotated again) gives the quotation its speaker, as
    a clean build does, and a role taken away takes it back."""
    monkeypatch.setenv("BRIEFGEN_PLUGINS", "quotes,entities")
    person = "---\nname: {}\nkind: person\nrole: {}\n---\n"
    body = (
        "Lea Voss toured the quay with Ana Ruiz on Monday.\n\n"
        "“The gates open at six,” the mayor said.\n"
    )
    root = write_files(
        tmp_path / "site",
        {
            "site.yml": "title: Test\n",
            "content/articles/quay.md": article_file(body),
            "content/entities/lea-voss.md": person.format("Lea Voss", "Harbour councillor"),
            "content/entities/ana-ruiz.md": person.format("Ana Ruiz", "Port spokeswoman"),
        },
    )
    entity = root / "content/entities/lea-voss.md"
    builder = Builder(root, jobs=1)
    builder.rebuild()

    def speaker() -> tuple[str, str | None]:
        items = json.loads((root / "public/articles/quay/annotations.json").read_text())
        (quote,) = [
            i["body"]["value"] for i in items["first"]["items"] if i["body"]["kind"] == "quote"
        ]
        return quote["speaker"], quote["speaker_id"]

    assert speaker() == ("the mayor", None)
    for role, expected in [
        ("Mayor of Norhaven", ("Lea Voss", "lea-voss")),
        ("Harbour councillor", ("the mayor", None)),
    ]:
        entity.write_text(person.format("Lea Voss", role))
        (builder if kept else Builder(root, jobs=1)).rebuild()
        assert speaker() == expected
        assert same_as_clean(root, tmp_path / role.split()[0])
