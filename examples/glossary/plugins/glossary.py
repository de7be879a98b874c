"""A glossary: terms defined once, explained wherever a briefing uses them."""

import dataclasses
import re

import briefgen
from briefgen import hookimpl


@hookimpl
def briefgen_collections():
    # Every Markdown file in content/glossary/ defines one term.
    return ["glossary"]


@hookimpl
def briefgen_annotation_kinds():
    return {"term": "a use of a term defined in the glossary"}


@hookimpl
def briefgen_annotate(article, site):
    glossary = site.data["glossary"]
    settings = site.settings("glossary")
    every = settings["mark"] == "every"
    aside = settings["definitions"] == "aside"
    found, taken, marked = [], [], set()
    # Uses marked by hand come first: [[words|term]] or [words]{term=...}.
    for mark in article.marks:
        if "term" not in mark.attrs:
            continue
        entry = glossary["lookup"].get(mark.attrs["term"].lower())
        if entry is None:
            site.warn(
                f"'{mark.attrs['term']}' is not in the glossary",
                file=article.relpath,
                line=mark.line,
            )
            continue
        found.append(term_annotation(entry, mark.start, mark.end, aside))
        taken.append((mark.start, mark.end))
        marked.add(entry["slug"])
    for entry in glossary["terms"]:
        if entry["slug"] in marked and not every:
            continue
        for match in entry["pattern"].finditer(article.text):
            start, end = match.span()
            if not article.is_prose(start, end):
                continue
            if any(start < e and s < end for s, e in taken):
                continue  # part of a longer term already marked
            found.append(term_annotation(entry, start, end, aside))
            taken.append((start, end))
            if not every:
                break
    return found


def term_annotation(entry, start, end, aside):
    return briefgen.Annotation(
        start,
        end,
        "term",
        data={
            "term": entry["term"],
            "expansion": entry["expansion"],
            "definition": entry["short"],
        },
        refs=[f"glossary/{entry['slug']}"],
        aside=aside,
    )


@hookimpl
def briefgen_build_start(site):
    terms = []
    for doc in site.collection("glossary"):
        term = doc.meta.get("term")
        if not isinstance(term, str) or not term.strip():
            raise doc.error(
                "a glossary entry needs a 'term:'",
                "term",
                hint="add a line such as 'term: quay' to the front matter",
            )
        aliases = doc.meta.get("aliases", [])
        if not isinstance(aliases, list):
            raise doc.error("'aliases' must be a list, such as [quays]", "aliases")
        expansion = str(doc.meta.get("expansion", ""))
        names = sorted({term, *map(str, aliases)}, key=len, reverse=True)
        # Abbreviations are matched as written ("TEU", not "teu"); words in any case.
        flags = 0 if expansion else re.IGNORECASE
        words = "|".join(map(re.escape, names))
        body = doc.body.strip()
        terms.append(
            {
                "slug": doc.slug,
                "file": doc.relpath,
                "term": term.strip(),
                "names": names,
                "expansion": expansion,
                "pattern": re.compile(rf"\b(?:{words})\b", flags),
                # The first paragraph as plain text, to show beside the term;
                # the whole definition as HTML, for the glossary page.
                "short": plain_text(site, body.split("\n\n")[0]),
                "html": site.md.render(body),
            }
        )
    # Longest names first, so "harbour authority" is found before "authority".
    terms.sort(key=lambda entry: -len(entry["names"][0]))
    lookup = {}
    for entry in terms:
        for name in [entry["slug"], *entry["names"]]:
            lookup[name.lower()] = entry
    site.data["glossary"] = {"terms": terms, "lookup": lookup}


def plain_text(site, markdown):
    """The words of a piece of Markdown, without its markup."""
    [inline] = site.md.parseInline(markdown)
    return "".join(
        " " if token.type == "softbreak" else token.content
        for token in inline.children
        if token.type in ("text", "code_inline", "softbreak")
    )


@hookimpl
def briefgen_collection_shared(site, collection):
    keys = ("term", "aliases", "expansion")
    return {
        f"glossary/{doc.slug}": {key: doc.meta.get(key) for key in keys}
        for doc in site.collection(collection)
    }


@hookimpl
def briefgen_refresh_annotations(annotations, site):
    lookup = site.data["glossary"]["lookup"]
    refreshed = []
    for ann in annotations:
        entry = lookup.get(ann.refs[0].split("/", 1)[1].lower())
        if entry is None:
            return None  # no longer an entry: annotate the article again
        # Of a term's data, only the definition comes from the rest of its entry.
        data = {**ann.data, "definition": entry["short"]}
        refreshed.append(dataclasses.replace(ann, data=data))
    return refreshed


@hookimpl
def briefgen_settings():
    return {
        "mark": briefgen.Setting(
            str,
            "first",
            help="mark the first use of each term in a briefing, or every use",
            choices=("first", "every"),
        ),
        "definitions": briefgen.Setting(
            str,
            "popover",
            help="show a definition when the reader points at the term, "
            "or in a box after the paragraph",
            choices=("popover", "aside"),
        ),
        "title": briefgen.Setting(str, "Glossary", help="title of the glossary page"),
    }


@hookimpl
def briefgen_index(site):
    glossary = site.data["glossary"]
    glossary["uses"] = {}
    for entry in glossary["terms"]:
        hits = site.index.referencing(f"glossary/{entry['slug']}", kind="term")
        if not hits:
            message = f"'{entry['term']}' is not used in any briefing"
            site.warn(message, file=entry["file"])
        first_uses = {}
        for hit in hits:  # newest briefing first, then in reading order
            first_uses.setdefault(hit.article.url, hit)
        glossary["uses"][entry["slug"]] = list(map(in_context, first_uses.values()))


def in_context(hit, width=60):
    """A use of a term with the words around it, for the glossary page."""
    text, start, end = hit.article.text, hit.annotation.start, hit.annotation.end
    block = hit.article.block_at(start)
    before = text[max(block.start, start - width) : start]
    after = text[end : min(block.end, end + width)]
    if start - width > block.start:
        before = "…" + before.split(" ", 1)[-1]
    if end + width < block.end:
        after = after.rsplit(" ", 1)[0] + "…"
    return {
        "article": hit.article,
        "url": hit.url,
        "before": before.replace("\n", " "),
        "exact": hit.exact,
        "after": after.replace("\n", " "),
    }


@hookimpl
def briefgen_pages(site):
    glossary = site.data["glossary"]
    title = site.settings("glossary")["title"]
    terms = sorted(glossary["terms"], key=lambda entry: entry["term"].lower())

    def sources(entries):
        # What a page is made of: these terms, and the briefings using them.
        uses = [use for entry in entries for use in glossary["uses"][entry["slug"]]]
        return [*(f"glossary/{entry['slug']}" for entry in entries), *(u["article"] for u in uses)]

    pages = [
        briefgen.Page(
            "/glossary/",
            "glossary/index.html",
            {"terms": terms, "uses": glossary["uses"]},
            title=title,
            kind="glossary",
            sources=sources(terms),
        )
    ]
    for entry in terms:
        pages.append(
            briefgen.Page(
                f"/glossary/{entry['slug']}/",
                "glossary/term.html",
                {
                    "entry": entry,
                    "uses": glossary["uses"][entry["slug"]],
                    "glossary": title,
                },
                title=entry["term"],
                kind="glossary-term",
                sources=sources([entry]),
            )
        )
    return pages


@hookimpl
def briefgen_jinja_env(env, site):
    # The site's menu: (label, site path) pairs.
    env.globals["nav"].append((site.settings("glossary")["title"], "/glossary/"))


@hookimpl
def briefgen_template_context(page):
    context = {"head_parts": ["glossary/head.html"]}
    if page.kind == "article":
        context["article_parts"] = ["glossary/terms-used.html"]
    return context


@hookimpl
def briefgen_markdown(md):
    md.inline.ruler.before("link", "glossary_term", term_syntax)


def term_syntax(state, silent):
    """[[words]] or [[words|term]]: a use of a glossary term, marked by hand."""
    if not state.src.startswith("[[", state.pos):
        return False
    end = state.src.find("]]", state.pos + 2, state.posMax)
    if end < 0:
        return False
    words, _, term = state.src[state.pos + 2 : end].partition("|")
    if not words.strip():
        return False
    if not silent:
        token = state.push("span_open", "span", 1)
        token.meta["insecure_attrs"] = {"term": (term or words).strip()}
        token = state.push("text", "", 0)
        token.content = words
        state.push("span_close", "span", -1)
    state.pos = end + 2
    return True
