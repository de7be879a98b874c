"""Fact-check plugin, end to end: claims in articles, callouts, pages, ClaimReview,
errors and warnings.

The sites are built for real with ``briefgen.testing.build_site``. The bundled
entities and quotes plugins are turned off so that these tests depend on the
fact-check plugin alone; a two-line local plugin loads ``content/entities/``.
"""

from __future__ import annotations

import json
import re

import pytest
from conftest import recorded, same_as_clean

from briefgen import ConfigError, ContentError, pagegen
from briefgen.build import Builder
from briefgen.cli import main
from briefgen.errors import StrictModeError
from briefgen.testing import build_site, write_files

SITE_YML = """\
title: Harbour Watch
base_url: https://news.example/briefs/
plugins:
  entities: false
  quotes: false
"""

ENTITY_LOADER = """\
from briefgen import hookimpl


@hookimpl
def briefgen_collections():
    return ["entities"]
"""

VANCE = """\
---
name: Maria Vance
kind: person
aliases: [Mayor Vance]
wikidata: Q4115189
---
Mayor of the port city.
"""

AUTHORITY = """\
---
name: Harbour Authority
kind: organization
---
Runs the port.
"""

COST_CHECK = """\
---
claim: "The harbour upgrade will cost $2.4 billion."
claimant: maria-vance
verdict: mostly-false
match:
  - "$2.4 billion"
date: 2025-04-03
sources:
  - title: City budget office, capital plan 2025
    url: https://budget.example/capital-plan
  - title: Harbour Authority annual report
    url: http://harbour.example/report
---

The capital plan puts the upgrade at **$1.9 billion**; the larger figure adds
a ferry terminal that was dropped in January.
"""

SHIPS_CHECK = """\
---
claim: "The port handled 900 ships last year."
claimant: Port pilots' union
verdict: unproven
match:
  - 900 ships
date: 2025-04-04
sources:
  - title: Port statistics
    url: https://stats.example/port
---

No public tally of ship calls exists for last year.
"""

ARTICLE = """\
---
title: Council argues over the harbour budget
date: 2025-04-02
---

The council met at nine. Maria Vance told the council that the harbour upgrade
would cost $ 2.4 billion, far above earlier estimates. Dr. Ortiz disagreed.

Pilots say the port handled 900 ships last year.

## The $2.4 billion question

```
cost = "$2.4 billion"
```

The committee's draft, `$2.4 billion` in all, was not published.
"""

QUIET_ARTICLE = """\
---
title: Ferry timetable changes
date: 2025-04-01
---

The ferry will leave at seven from May. Nothing else changes.
"""


def site_files(**extra: str) -> dict[str, str]:
    """A small site with two entities, two fact-checks and two articles."""
    files = {
        "site.yml": SITE_YML,
        "plugins/entity_loader.py": ENTITY_LOADER,
        "content/entities/maria-vance.md": VANCE,
        "content/entities/harbour-authority.md": AUTHORITY,
        "content/factchecks/harbour-cost.md": COST_CHECK,
        "content/factchecks/ship-count.md": SHIPS_CHECK,
        "content/articles/budget.md": ARTICLE,
        "content/articles/ferry.md": QUIET_ARTICLE,
    }
    files.update(extra)
    return files


def article(title: str, body: str, date: str = "2025-04-05", front: str = "") -> str:
    """An article file with ``body`` as its text."""
    return f"---\ntitle: {title}\ndate: {date}\n{front}---\n\n{body}\n"


def jsonld(html: str) -> list[dict]:
    """Every JSON-LD object on a page."""
    scripts = re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    return [json.loads(s) for s in scripts]


def claims(built, slug: str) -> list[tuple[str, str]]:
    """(fact-check slug, covered text) of each claim annotation of an article."""
    art = built.article(slug)
    return [(a.data["factcheck"], art.exact(a)) for a in art.of_kind("claim")]


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    """The standard site, built once for the tests that only look at it."""
    return build_site(tmp_path_factory.mktemp("site"), site_files())


# ---------------------------------------------------------------- finding claims


def test_the_annotation_covers_the_sentence_that_holds_the_phrase(built):
    assert claims(built, "budget") == [
        (
            "harbour-cost",
            "Maria Vance told the council that the harbour upgrade\n"
            "would cost $ 2.4 billion, far above earlier estimates.",
        ),
        ("ship-count", "Pilots say the port handled 900 ships last year."),
    ]


def test_no_claim_where_no_phrase_appears(built):
    quiet = built.article("ferry")
    assert quiet.of_kind("claim") == []
    assert "fc-callout" not in quiet.body_html
    assert "ClaimReview" not in quiet.html


def test_headings_and_code_are_never_annotated(built):
    budget = built.article("budget")
    covered = " ".join(budget.exact(a) for a in budget.of_kind("claim"))
    assert "question" not in covered
    assert "cost =" not in covered
    assert "committee" not in covered


def test_link_text_counts_as_prose(tmp_path):
    body = "Officials put the cost at [$2.4 billion](https://budget.example/) on Monday."
    built = build_site(tmp_path, site_files(**{"content/articles/budget.md": article("A", body)}))
    assert claims(built, "budget") == [
        ("harbour-cost", "Officials put the cost at $2.4 billion on Monday.")
    ]


def test_sentence_choice_copes_with_abbreviations_decimals_and_quotes(tmp_path):
    body = (
        "The U.S. Navy sent two ships in Feb. last year. Dr. Lund said the port "
        "handled 900 ships and 1.5 million passengers in the U.S. and Canada. "
        "Nobody checked.\n\n"
        "“The upgrade will cost $2.4 billion, no more,” Vance said. Critics laughed."
    )
    built = build_site(tmp_path, site_files(**{"content/articles/budget.md": article("A", body)}))
    assert claims(built, "budget") == [
        (
            "ship-count",
            "Dr. Lund said the port handled 900 ships and 1.5 million passengers "
            "in the U.S. and Canada.",
        ),
        ("harbour-cost", "“The upgrade will cost $2.4 billion, no more,” Vance said."),
    ]


def test_a_claim_ending_in_a_decade_ends_at_its_full_stop(tmp_path):
    # "1990s." is no abbreviation: the next sentence is no part of the claim.
    body = (
        "Pilots say the port handled 900 ships, twice the traffic of the 1990s. "
        "Dredging began in the spring."
    )
    built = build_site(tmp_path, site_files(**{"content/articles/budget.md": article("A", body)}))
    assert claims(built, "budget") == [
        ("ship-count", "Pilots say the port handled 900 ships, twice the traffic of the 1990s.")
    ]


def test_a_quotation_closed_by_any_mark_ends_the_sentence_before_a_claim(tmp_path):
    # German „…“ and »…«, French « … » with its space: the claim is the
    # sentence after the quotation, not the quotation's last sentence too.
    body = (
        "Vance said: „The quay is late. We need more money.“ The upgrade will cost "
        "$2.4 billion, she added.\n\n"
        "Der Lotse sagte: »Die Schiffe warten. Wir zählen sie.« The port handled 900 ships "
        "last year."
    )
    built = build_site(tmp_path, site_files(**{"content/articles/budget.md": article("A", body)}))
    assert claims(built, "budget") == [
        ("harbour-cost", "The upgrade will cost $2.4 billion, she added."),
        ("ship-count", "The port handled 900 ships last year."),
    ]


def test_claims_in_list_items_and_tables_cover_their_own_item(tmp_path):
    body = (
        "Figures:\n\n"
        "- Ships: the port handled 900 ships last year\n"
        "- Cost: unclear\n\n"
        "| Item | Claim |\n|---|---|\n| Upgrade | $2.4 billion in total |\n"
    )
    built = build_site(tmp_path, site_files(**{"content/articles/budget.md": article("A", body)}))
    assert claims(built, "budget") == [
        ("ship-count", "Ships: the port handled 900 ships last year"),
        ("harbour-cost", "$2.4 billion in total"),
    ]


def test_annotation_data_and_refs(built):
    cost, ships = built.article("budget").of_kind("claim")
    assert cost.data["factcheck"] == "harbour-cost"
    assert cost.data["verdict"] == "mostly-false"
    assert cost.data["label"] == "Mostly false"
    assert cost.data["rating"] == 2
    assert cost.data["claim"] == "The harbour upgrade will cost $2.4 billion."
    assert cost.data["claimant"] == "Maria Vance"
    assert cost.refs == ("factchecks/harbour-cost", "entities/maria-vance")
    assert cost.inline and cost.aside
    # A claimant that is only a name refers to no entity.
    assert ships.data["claimant"] == "Port pilots' union"
    assert ships.refs == ("factchecks/ship-count",)
    assert ships.data["rating"] is None


def test_claimant_given_by_name_or_alias_is_the_entity(tmp_path):
    check = COST_CHECK.replace("claimant: maria-vance", "claimant: mayor vance")
    built = build_site(tmp_path, site_files(**{"content/factchecks/harbour-cost.md": check}))
    cost = built.article("budget").of_kind("claim")[0]
    assert cost.refs == ("factchecks/harbour-cost", "entities/maria-vance")
    assert cost.data["claimant"] == "Maria Vance"


def test_the_site_index_finds_claims_by_check_and_by_claimant(built):
    index = built.site.index
    assert [h.article.slug for h in index.referencing("factchecks/harbour-cost")] == ["budget"]
    by_vance = index.referencing("entities/maria-vance", kind="claim")
    assert [h.annotation.data["factcheck"] for h in by_vance] == ["harbour-cost"]


def test_hand_marked_claim_covers_exactly_the_marked_text(tmp_path):
    body = (
        "Vance said [the new quay opens in June]{claim=ship-count} and repeated it. "
        "Later she said the port handled 900 ships last year."
    )
    built = build_site(tmp_path, site_files(**{"content/articles/budget.md": article("A", body)}))
    marked, matched = built.article("budget").of_kind("claim")
    assert built.article("budget").exact(marked) == "the new quay opens in June"
    assert marked.data["source"] == "mark"
    assert marked.aside and not matched.aside  # one callout per check per article
    assert matched.data["source"] == "match"


def test_a_hand_mark_replaces_the_match_in_the_same_sentence(tmp_path):
    body = "Pilots say [the port handled 900 ships]{claim=ship-count} last year."
    built = build_site(tmp_path, site_files(**{"content/articles/budget.md": article("A", body)}))
    assert claims(built, "budget") == [("ship-count", "the port handled 900 ships")]


def test_one_off_check_in_front_matter_applies_to_its_article_only(tmp_path):
    front = (
        "factchecks:\n"
        "  - slug: quay-opening\n"
        "    claim: The new quay opens in June.\n"
        "    claimant: harbour-authority\n"
        "    verdict: 'false'\n"
        "    match: [opens in June]\n"
        "    sources: [{title: Works schedule, url: 'https://works.example/'}]\n"
        "    explanation: The works schedule says *September*.\n"
    )
    files = site_files(
        **{
            "content/articles/quay.md": article(
                "Quay", "The authority says the quay opens in June.", front=front
            ),
            "content/articles/other.md": article(
                "Other", "Rumour: the quay opens in June. [It is late]{claim=quay-opening}."
            ),
        }
    )
    built = build_site(tmp_path, files)
    assert claims(built, "quay") == [("quay-opening", "The authority says the quay opens in June.")]
    assert claims(built, "other") == []
    assert (
        "content/articles/other.md:6: […]{claim=quay-opening} names a one-off fact-check "
        "of content/articles/quay.md"
    ) in "\n".join(built.warnings)
    page = built.page("/factchecks/quay-opening/")
    assert "<em>September</em>" in page
    assert 'Checked <time datetime="2025-04-05">' in built.article("quay").body_html


# ---------------------------------------------------------------- what the reader sees


def test_sentence_is_highlighted_and_linked_to_its_callout(built):
    html = built.article("budget").body_html
    mark = re.search(r'<mark class="fc-claim[^"]*" id="(ann-\d+)"[^>]*>(.*?)</mark>', html, re.S)
    assert mark and "would cost $ 2.4 billion" in mark.group(2)
    marker = html[mark.end() :].split("</a>")[0]
    assert 'href="#factcheck-harbour-cost"' in marker
    assert "Mostly false" in marker
    assert 'id="factcheck-harbour-cost"' in html
    assert f'href="#{mark.group(1)}"' in html  # back from the callout to the sentence


def test_callout_follows_the_paragraph_of_the_claim(built):
    html = built.article("budget").body_html
    paragraph_end = html.index("</p>", html.index("would cost $ 2.4 billion"))
    callout = html.index('<aside class="fc-callout')
    next_paragraph = html.rindex("<p>", 0, html.index("Pilots say"))
    assert paragraph_end < callout < next_paragraph


def test_callout_carries_verdict_in_words_icon_and_colour(built):
    html = built.article("budget").body_html
    callout = html[html.index('id="factcheck-harbour-cost"') :]
    callout = callout[: callout.index("</aside>")]
    assert re.search(r'class="fc-badge fc-tone-r2 fc-verdict-mostly-false"', callout)
    assert '<svg class="fc-icon"' in callout and 'aria-hidden="true"' in callout
    assert '<span class="fc-badge-label">Mostly false</span>' in callout
    assert "The harbour upgrade will cost $2.4 billion." in callout
    assert '<a href="../../entities/maria-vance/">Maria Vance</a>' in callout
    assert "<strong>$1.9 billion</strong>" in callout  # the explanation, as Markdown
    assert '<a href="https://budget.example/capital-plan"' in callout
    assert "City budget office, capital plan 2025" in callout
    assert '<time datetime="2025-04-03">3 April 2025</time>' in callout
    assert 'href="../../factchecks/harbour-cost/"' in callout


def test_repeated_claim_gets_one_callout_and_links_to_it(tmp_path):
    body = "The port handled 900 ships last year.\n\nAgain: the port handled 900 ships."
    built = build_site(tmp_path, site_files(**{"content/articles/budget.md": article("A", body)}))
    html = built.article("budget").body_html
    assert html.count('<aside class="fc-callout') == 1
    assert html.count('href="#factcheck-ship-count"') == 2


def test_stylesheet_is_linked_on_pages(built):
    assert "static/factchecks.css" in built.article("budget").html
    assert (built.output / "static" / "factchecks.css").is_file()


# ---------------------------------------------------------------- pages


def test_index_groups_checks_by_verdict_with_counts(built):
    page = built.page("/factchecks/")
    assert "2 claims checked" in page
    mostly_false = page.index('id="verdict-mostly-false"')
    unproven = page.index('id="verdict-unproven"')
    assert mostly_false < unproven  # the order of the scale
    section = page[mostly_false:unproven]
    assert "1 claim" in section
    assert 'href="harbour-cost/"' in section
    assert "The harbour upgrade will cost $2.4 billion." in section
    assert 'id="verdict-true"' not in page  # empty verdicts get no section
    assert "<script" not in page.split("<main", 1)[1]  # usable without JavaScript


def test_check_page_shows_the_check_and_where_it_appears(built):
    page = built.page("/factchecks/harbour-cost/")
    assert "“The harbour upgrade will cost $2.4 billion.”" in page
    assert "Mostly false" in page
    assert "<strong>$1.9 billion</strong>" in page
    assert "Council argues over the harbour budget" in page
    ann = built.article("budget").of_kind("claim")[0]
    assert f'href="../../articles/budget/#{ann.id}"' in page
    assert "would cost $ 2.4 billion, far above earlier estimates." in page


def test_navigation_links_to_the_fact_checks(built):
    assert re.search(r'<a href="[./]*factchecks/"[^>]*>Fact-checks</a>', built.page("/"))


def test_related_partial_lists_checked_claims_of_an_entity(built):
    hits = built.site.index.referencing("entities/maria-vance")
    html = built.site.env.get_template("related/claim.html").render(
        entity={"name": "Maria Vance"}, hits=hits, url=lambda target: target
    )
    assert "Checked claims" in html
    assert 'href="/factchecks/harbour-cost/"' in html
    assert "Mostly false" in html
    assert "in 1 briefing" in html
    empty = built.site.env.get_template("related/claim.html").render(
        entity={}, hits=[], url=lambda target: target
    )
    assert empty.strip() == ""


# ---------------------------------------------------------------- ClaimReview


def assert_claim_review(review: dict) -> None:
    """Every property Google's fact-check guidelines require or recommend."""
    assert review["@context"] == "https://schema.org"
    assert review["@type"] == "ClaimReview"
    assert review["claimReviewed"]
    assert review["url"].startswith("https://news.example/briefs/")
    assert review["author"]["@type"] == "Organization" and review["author"]["name"]
    assert re.fullmatch(r"\d{4}-\d\d-\d\d", review["datePublished"])
    rating = review["reviewRating"]
    assert rating["@type"] == "Rating" and rating["alternateName"]
    assert (rating["worstRating"], rating["bestRating"]) == (1, 5)
    if rating["alternateName"] == "Unproven":
        assert "ratingValue" not in rating  # no number would be true of it
    else:
        assert 1 <= rating["ratingValue"] <= 5
    item = review["itemReviewed"]
    assert item["@type"] == "Claim"
    assert item["author"]["@type"] in ("Person", "Organization") and item["author"]["name"]
    assert item["appearance"] and all(a["url"].startswith("https://") for a in item["appearance"])


def test_article_page_carries_a_claim_review_per_check(built):
    reviews = jsonld(built.article("budget").html)
    assert [r["claimReviewed"] for r in reviews] == [
        "The harbour upgrade will cost $2.4 billion.",
        "The port handled 900 ships last year.",
    ]
    for review in reviews:
        assert_claim_review(review)
    cost = reviews[0]
    assert cost["url"] == "https://news.example/briefs/articles/budget/#factcheck-harbour-cost"
    assert cost["reviewRating"]["ratingValue"] == 2
    assert cost["reviewRating"]["alternateName"] == "Mostly false"
    assert cost["author"]["name"] == "Harbour Watch"
    assert cost["datePublished"] == "2025-04-03"
    assert cost["itemReviewed"]["author"] == {
        "@type": "Person",
        "name": "Maria Vance",
        "url": "https://news.example/briefs/entities/maria-vance/",
        "sameAs": ["https://www.wikidata.org/wiki/Q4115189"],
    }
    assert cost["itemReviewed"]["appearance"][0]["url"] == (
        "https://news.example/briefs/articles/budget/"
    )


def test_unproven_claim_review_has_a_textual_rating_only(built):
    ships = jsonld(built.article("budget").html)[1]
    assert ships["reviewRating"]["alternateName"] == "Unproven"
    assert "ratingValue" not in ships["reviewRating"]
    assert ships["itemReviewed"]["author"] == {
        "@type": "Organization",
        "name": "Port pilots' union",
    }


def test_check_page_carries_its_claim_review(built):
    (review,) = jsonld(built.page("/factchecks/harbour-cost/"))
    assert_claim_review(review)
    assert review["url"] == "https://news.example/briefs/factchecks/harbour-cost/"


def test_claim_review_is_safe_inside_the_script_element(tmp_path):
    nasty = 'It costs "$2.4 billion" </script><script>alert(1)</script> & more'
    check = COST_CHECK.replace(
        'claim: "The harbour upgrade will cost $2.4 billion."', f"claim: '{nasty}'"
    )
    built = build_site(tmp_path, site_files(**{"content/factchecks/harbour-cost.md": check}))
    html = built.article("budget").html
    assert "<script>alert(1)" not in html
    assert jsonld(html)[0]["claimReviewed"] == nasty


def test_organization_setting_names_the_claim_review_author(tmp_path):
    yml = SITE_YML + "  factchecks:\n    organization: Harbour Watch Fact Desk\n"
    built = build_site(tmp_path, site_files(**{"site.yml": yml}))
    assert jsonld(built.article("budget").html)[0]["author"]["name"] == "Harbour Watch Fact Desk"


# ---------------------------------------------------------------- the verdict scale


def test_verdicts_setting_changes_the_scale(tmp_path):
    yml = SITE_YML + (
        "  factchecks:\n"
        "    verdicts:\n"
        "      half-true: {label: Half true, rating: 3, description: Half of it holds.}\n"
        "      mostly-false: {label: Largely false}\n"
        "      mixed: false\n"
    )
    check = COST_CHECK.replace("verdict: mostly-false", "verdict: Half True")
    built = build_site(
        tmp_path, site_files(**{"site.yml": yml, "content/factchecks/harbour-cost.md": check})
    )
    cost = built.article("budget").of_kind("claim")[0]
    assert (cost.data["verdict"], cost.data["label"], cost.data["rating"]) == (
        "half-true",
        "Half true",
        3,
    )
    page = built.page("/factchecks/")
    assert "Largely false" in page and "Half of it holds." in page
    assert 'fc-verdict-mixed"' not in page


def test_bare_yaml_false_names_the_false_verdict(tmp_path):
    check = COST_CHECK.replace("verdict: mostly-false", "verdict: false")
    built = build_site(tmp_path, site_files(**{"content/factchecks/harbour-cost.md": check}))
    assert built.article("budget").of_kind("claim")[0].data["verdict"] == "false"


def test_bad_verdict_setting_points_at_site_yml(tmp_path):
    yml = SITE_YML + "  factchecks:\n    verdicts:\n      true:\n        rating: 7\n"
    with pytest.raises(ConfigError) as info:
        build_site(tmp_path, site_files(**{"site.yml": yml}))
    assert info.value.file.endswith("site.yml")
    assert info.value.line == 9
    assert "1 (false) to 5 (true)" in info.value.message


# ---------------------------------------------------------------- errors


def check_error(tmp_path, check_text: str) -> ContentError:
    files = site_files(**{"content/factchecks/harbour-cost.md": check_text})
    with pytest.raises(ContentError) as info:
        build_site(tmp_path, files)
    assert info.value.file == "content/factchecks/harbour-cost.md"
    return info.value


def test_unknown_verdict_is_an_error_listing_the_scale(tmp_path):
    error = check_error(tmp_path, COST_CHECK.replace("mostly-false", "pants-on-fire"))
    assert error.line == 4
    assert "unknown verdict 'pants-on-fire'" in error.message
    for name in ("true", "mostly-true", "mixed", "misleading", "mostly-false", "unproven"):
        assert name in error.message


def test_missing_claim_is_an_error(tmp_path):
    error = check_error(tmp_path, COST_CHECK.replace('claim: "The harbour', 'title: "The harbour'))
    assert error.line == 2  # the first line of the front matter
    assert "no claim" in error.message


def test_source_that_is_not_http_is_an_error(tmp_path):
    error = check_error(tmp_path, COST_CHECK.replace("http://harbour", "ftp://harbour"))
    assert error.line == 12
    assert "ftp://harbour.example/report" in error.message
    assert "http(s)" in error.message


@pytest.mark.parametrize(
    ("claimant", "expected"),
    [
        ('""', "must be an entity id"),
        ("[a, b]", "must be an entity id"),
        ("maria-vence", "did you mean maria-vance"),
        ("nobody-known", "no entity 'nobody-known'"),
    ],
)
def test_claimant_neither_entity_nor_name_is_an_error(tmp_path, claimant, expected):
    error = check_error(
        tmp_path, COST_CHECK.replace("claimant: maria-vance", f"claimant: {claimant}")
    )
    assert error.line == 3
    assert expected in str(error)


def test_missing_date_or_malformed_match_are_reported(tmp_path):
    error = check_error(tmp_path, COST_CHECK.replace("date: 2025-04-03", "date: next week"))
    assert error.line == 7
    assert "'date' must be a date" in error.message
    error = check_error(tmp_path, COST_CHECK.replace('  - "$2.4 billion"', '  - "  "'))
    assert error.line == 6 and "empty" in error.message


def test_errors_in_one_off_checks_point_into_the_article(tmp_path):
    front = (
        "factchecks:\n"
        "  - slug: quay-opening\n"
        "    claim: The new quay opens in June.\n"
        "    claimant: Harbour Authority\n"
        "    verdict: fiction\n"
    )
    files = site_files(**{"content/articles/quay.md": article("Q", "Text.", front=front)})
    with pytest.raises(ContentError) as info:
        build_site(tmp_path, files)
    assert (info.value.file, info.value.line) == ("content/articles/quay.md", 8)


def test_cli_prints_the_error_with_file_and_line(tmp_path, capsys):
    bad = COST_CHECK.replace("mostly-false", "bogus")
    write_files(tmp_path, site_files(**{"content/factchecks/harbour-cost.md": bad}))
    assert main(["build", "--source", str(tmp_path)]) == 1
    err = capsys.readouterr().err
    assert "error: content/factchecks/harbour-cost.md:4: unknown verdict 'bogus'" in err


# ---------------------------------------------------------------- warnings and `briefgen check`


def run_check(tmp_path, capsys, **extra: str) -> tuple[int, list[str]]:
    """Run `briefgen check` on the standard site with ``extra`` files; return
    its exit status and output lines."""
    write_files(tmp_path, site_files(**extra))
    status = main(["check", "--source", str(tmp_path)])
    return status, capsys.readouterr().out.splitlines()


#: The ship-count check without match phrases: looked for by its claim.
SHIPS_BY_CLAIM = SHIPS_CHECK.replace("match:\n  - 900 ships\n", "")


def ships(body: str, check: str = SHIPS_BY_CLAIM) -> dict[str, str]:
    """Files for the standard site whose budget article is ``body`` and whose
    ship-count check is ``check``."""
    return {
        "content/articles/budget.md": article("A", body),
        "content/factchecks/ship-count.md": check,
    }


def test_check_passes_on_a_clean_site(tmp_path, capsys):
    assert run_check(tmp_path, capsys) == (0, [])


def test_check_reports_a_fact_check_that_appears_nowhere(tmp_path, capsys):
    status, lines = run_check(
        tmp_path, capsys, **{"content/factchecks/ship-count.md": SHIPS_CHECK.replace("900", "901")}
    )
    assert status == 1
    assert lines == [
        "content/factchecks/ship-count.md:5: fact-check 'ship-count' appears in no article: "
        'no match phrase ("901 ships") is found in the prose of any article, '
        "and no sentence restates its claim"
    ]


def test_check_reports_a_phrase_found_too_often(tmp_path, capsys):
    body = "The port handled 900 ships.\n\nLater: 900 ships again.\n\nAnd 900 ships once more."
    status, lines = run_check(
        tmp_path, capsys, **{"content/articles/budget.md": article("A", body)}
    )
    assert status == 1
    (line,) = [x for x in lines if "places" in x]
    assert line.startswith('content/factchecks/ship-count.md:6: match phrase "900 ships"')
    assert "3 places in content/articles/budget.md (lines 6, 8, 10)" in line


def test_max_matches_allows_a_phrase_to_repeat(tmp_path, capsys):
    body = "The port handled 900 ships.\n\nLater: 900 ships again."
    check = SHIPS_CHECK.replace("date:", "max_matches: 2\ndate:")
    status, lines = run_check(
        tmp_path,
        capsys,
        **{
            "content/articles/budget.md": article("A", body + " It cost $2.4 billion."),
            "content/factchecks/ship-count.md": check,
        },
    )
    assert (status, lines) == (0, [])


def test_check_reports_a_hand_mark_naming_no_fact_check(tmp_path, capsys):
    body = "Vance said [the port handled 900 ships]{claim=ship-cuont} and it cost $2.4 billion."
    status, lines = run_check(
        tmp_path, capsys, **{"content/articles/budget.md": article("A", body)}
    )
    assert status == 1
    assert lines == [
        "content/articles/budget.md:6: […]{claim=ship-cuont} names no fact-check "
        "(did you mean 'ship-count'?); add content/factchecks/ship-cuont.md or fix the slug"
    ]


def test_check_reports_a_misspelt_key(tmp_path, capsys):
    check = SHIPS_CHECK.replace("sources:", "sorces: []\nsources:")
    status, lines = run_check(tmp_path, capsys, **{"content/factchecks/ship-count.md": check})
    assert status == 1
    assert lines == [
        "content/factchecks/ship-count.md:8: unknown fact-check key 'sorces' "
        "(did you mean 'sources'?)"
    ]


def test_check_with_an_empty_match_list_needs_a_hand_mark(tmp_path, capsys):
    check = SHIPS_CHECK.replace("match:\n  - 900 ships\n", "match: []\n")
    status, lines = run_check(tmp_path, capsys, **{"content/factchecks/ship-count.md": check})
    assert status == 1
    assert lines == [
        "content/factchecks/ship-count.md:5: fact-check 'ship-count' appears in no article: "
        "it has no match phrases and no article marks a claim with {claim=ship-count}"
    ]
    body = "Pilots say [the port is busier than ever]{claim=ship-count}. It cost $2.4 billion."
    status, lines = run_check(tmp_path, capsys, **ships(body, check))
    assert (status, lines) == (0, [])


def test_check_reports_a_check_without_match_whose_claim_no_article_restates(tmp_path, capsys):
    check = SHIPS_BY_CLAIM
    body = "Pilots say the port saw 800 ships last year. It cost $2.4 billion."
    status, lines = run_check(tmp_path, capsys, **ships(body, check))
    assert status == 1
    assert lines == [
        "content/factchecks/ship-count.md:1: fact-check 'ship-count' appears in no article: "
        "no sentence of any article restates its claim and none marks it with "
        "{claim=ship-count}; add 'match:' phrases that locate it"
    ]


AID_CHECK = """\
---
claim: "The United States has spent $350 billion on aid to Ukraine."
claimant: Donald Trump
claimant_kind: person
verdict: "false"
date: 2025-03-20
sources: [{title: Oversight, url: "https://oversight.example/"}]
---
Appropriations come to about $175 billion.
"""

AID_ARTICLE = """\
Aid was the first subject of the evening. Trump again said the United States had
spent $350bn helping Ukraine, a figure his own officials do not use.

The war in Ukraine has cost Europe far more, said one analyst. Congress has
approved $175 billion, and the United States has spent part of it on aid.

Later, in a list:

- the EU approved a $350 billion package for rebuilding Ukraine's roads.
"""


def test_a_check_without_match_finds_the_sentence_that_restates_its_claim(tmp_path):
    built = build_site(
        tmp_path,
        site_files(
            **{
                "content/factchecks/aid-total.md": AID_CHECK,
                "content/articles/aid.md": article("Aid", AID_ARTICLE),
            }
        ),
    )
    (claim,) = built.article("aid").of_kind("claim")
    assert built.article("aid").exact(claim).startswith("Trump again said the United States")
    assert built.article("aid").exact(claim).endswith("do not use.")
    assert claim.data["source"] == "claim"
    assert claim.data["phrases"] == []
    assert claim.data["first"] is True
    # The other checks have match phrases: they are not looked for by their claims.
    assert claims(built, "ferry") == []


CRIME_CHECK = """\
---
claim: "Violent crime in Norhaven has doubled under the council."
claimant: maria-vance
verdict: mostly-false
match: ["violent crime has doubled"]
date: 2025-04-03
sources: [{title: Police figures, url: "https://police.example/"}]
---
Recorded violent crime rose by about two fifths.
"""


def test_where_no_phrase_is_found_as_written_the_claim_is_looked_for_in_other_words(
    tmp_path,
):
    reworded = (
        "Vance told the rally that violent crime in Norhaven had doubled under the "
        "council. The crowd cheered."
    )
    as_written = (
        "Vance said violent crime has doubled. She said violent crime in Norhaven "
        "had doubled under the council."
    )
    files = site_files(
        **{
            "content/factchecks/crime.md": CRIME_CHECK,
            "content/articles/reworded.md": article("R", reworded),
            "content/articles/written.md": article("W", as_written),
        }
    )
    built = build_site(tmp_path / "a", files)
    (restated,) = built.article("reworded").of_kind("claim")
    assert built.article("reworded").exact(restated).startswith("Vance told the rally")
    assert restated.data["source"] == "claim"
    # Where a phrase is found, only the phrase's sentence is the claim's.
    assert [
        (a.data["source"], a.data["phrases"]) for a in built.article("written").of_kind("claim")
    ] == [("match", ["violent crime has doubled"])]
    # An empty match list leaves the check to marks by hand.
    files["content/factchecks/crime.md"] = CRIME_CHECK.replace(
        'match: ["violent crime has doubled"]', "match: []"
    )
    assert build_site(tmp_path / "b", files).article("reworded").of_kind("claim") == []


def test_a_match_phrase_is_looked_for_in_other_words_too(tmp_path):
    """The claim's figure is not in the article, but the phrase's words are,
    with others between them."""
    check = CRIME_CHECK.replace(
        "Violent crime in Norhaven has doubled under the council.",
        "Violent crime has doubled in five years, to 4,000 cases.",
    )
    body = "Vance said violent crime in the old town had doubled. Nobody agreed."
    files = site_files(
        **{"content/factchecks/crime.md": check, "content/articles/a.md": article("A", body)}
    )
    assert claims(build_site(tmp_path, files), "a") == [
        ("crime", "Vance said violent crime in the old town had doubled.")
    ]


def test_an_alias_of_an_entity_claimant_names_it_in_a_restatement(tmp_path):
    """'According to the NHA, …' names the Harbour Authority as its name's
    words would: a third of the claim's words are then enough."""
    check = SHIPS_BY_CLAIM.replace(
        "The port handled 900 ships last year.",
        "The port handled 900 container ships in the busy season.",
    ).replace("claimant: Port pilots' union", "claimant: harbour-authority")
    body = "According to the NHA, the port saw 900 ships."
    files = site_files(**ships(body, check))
    assert claims(build_site(tmp_path / "name", files), "budget") == []
    files["content/entities/harbour-authority.md"] = AUTHORITY.replace(
        "kind: organization\n", "kind: organization\naliases: [NHA]\n"
    )
    assert claims(build_site(tmp_path / "alias", files), "budget") == [("ship-count", body)]


def test_a_restated_claim_is_found_once_an_article_unless_max_matches_allows_more(tmp_path):
    body = (
        "The port handled 900 ships last year, the pilots said.\n\n"
        "Officials repeated that 900 ships were handled by the port last year.\n\n"
        "The port has handled 900 ships in a year, they said again."
    )
    files = site_files(**ships(body))
    found = [text for _, text in claims(build_site(tmp_path / "one", files), "budget")]
    # The two sentences with the claim's words in its order, the best first.
    assert found == ["The port handled 900 ships last year, the pilots said."]
    files["content/factchecks/ship-count.md"] = files["content/factchecks/ship-count.md"].replace(
        "date:", "max_matches: 2\ndate:"
    )
    found = [text for _, text in claims(build_site(tmp_path / "two", files), "budget")]
    assert found == [
        "The port handled 900 ships last year, the pilots said.",
        "The port has handled 900 ships in a year, they said again.",
    ]


def test_a_hand_mark_replaces_a_restatement_in_the_same_sentence(tmp_path):
    body = "Pilots say [the port handled 900 ships]{claim=ship-count} last year."
    files = site_files(**ships(body))
    built = build_site(tmp_path, files)
    (claim,) = built.article("budget").of_kind("claim")
    assert claim.data["source"] == "mark"
    assert built.article("budget").exact(claim) == "the port handled 900 ships"


def test_check_reports_a_check_without_sources_or_date(tmp_path, capsys):
    check = SHIPS_CHECK.replace("date: 2025-04-04\n", "").replace(
        "sources:\n  - title: Port statistics\n    url: https://stats.example/port\n", ""
    )
    status, lines = run_check(tmp_path, capsys, **{"content/factchecks/ship-count.md": check})
    assert status == 1
    assert sorted(lines) == [
        "content/factchecks/ship-count.md:1: fact-check 'ship-count' cites no sources: "
        "add 'sources:' (a list of title and url)",
        "content/factchecks/ship-count.md:1: fact-check 'ship-count' has no date: "
        "add 'date:' with the day it was checked",
    ]


def test_strict_build_fails_on_fact_check_warnings(tmp_path):
    files = site_files(**{"content/factchecks/ship-count.md": SHIPS_CHECK.replace("900", "901")})
    with pytest.raises(StrictModeError):
        build_site(tmp_path, files, strict=True)


def test_a_new_role_for_someone_else_named_beside_a_claim_keeps_the_check_pages(
    tmp_path, monkeypatch
):
    """The check pages show of the articles where a claim appears their
    titles, dates and the claim's sentence: the card of another entity
    named there is not on them, so its new role makes the article again
    and leaves them as they were."""
    files = site_files(
        **{
            "site.yml": "title: Harbour Watch\nplugins:\n  quotes: false\n",
            "content/articles/budget.md": ARTICLE + "\nThe Harbour Authority said nothing.\n",
            "content/entities/harbour-authority.md": AUTHORITY.replace(
                "kind: organization", "kind: organization\nrole: Port operator"
            ),
        }
    )
    del files["plugins/entity_loader.py"]  # the entities plugin claims the folder
    root = write_files(tmp_path / "site", files)
    builder = Builder(root, jobs=1)
    builder.rebuild()
    asked = recorded(monkeypatch, pagegen, "page_context", lambda site, page: page.url)
    authority = root / "content/entities/harbour-authority.md"
    authority.write_text(authority.read_text().replace("Port operator", "Port owner"))
    builder.rebuild([authority])
    assert "/articles/budget/" in asked
    assert not [url for url in asked if url.startswith("/factchecks/")]
    assert "Port owner" in (root / "public/articles/budget/index.html").read_text()
    assert same_as_clean(root, tmp_path)
