"""Markdown parsing and the plain text that annotations point into.

The engine sets up one markdown-it-py parser per build (CommonMark plus
tables, strikethrough, footnotes, heading anchors and ``[text]{attrs}``
marks), lets plugins extend it, and turns each article's token stream into
``article.text``: the text of every block, blocks separated by a blank line.
Each text-bearing token remembers where its text starts, so annotations over
the text can be applied back to the tokens when rendering.
"""

from __future__ import annotations

from markdown_it import MarkdownIt
from markdown_it.token import Token
from mdit_py_plugins.anchors import anchors_plugin
from mdit_py_plugins.attrs import attrs_plugin
from mdit_py_plugins.footnote import footnote_plugin

from .content import Article, Block, Mark, slugify

#: Separator between blocks in ``article.text``.
BLOCK_SEPARATOR = "\n\n"
#: Inline children whose text is part of ``article.text``.
TEXT_TYPES = frozenset({"text", "code_inline", "softbreak", "hardbreak"})
_CONTAINERS = {
    "heading_open": "heading",
    "table_open": "table",
    "bullet_list_open": "list",
    "ordered_list_open": "list",
    "blockquote_open": "blockquote",
    "footnote_block_open": "footnote",
}


def _render_span(self, tokens: list[Token], idx: int, options, env) -> str:
    token = tokens[idx]
    if token.meta.get("briefgen_hidden"):
        return ""
    return self.renderToken(tokens, idx, options, env)


def _site_link(attr: str):
    """A render rule making links to site paths ('/tags/x/') relative to the
    page being rendered, so they work under any base URL."""

    def rule(self, tokens: list[Token], idx: int, options, env) -> str:
        token = tokens[idx]
        value = token.attrGet(attr)
        page = env.get("briefgen_page") if env else None
        if page and isinstance(value, str) and value.startswith("/") and not value.startswith("//"):
            from .pages import relative_url

            token.attrSet(attr, relative_url(page, value))
        if token.type == "image":
            return self.image(tokens, idx, options, env)
        return self.renderToken(tokens, idx, options, env)

    return rule


def create_markdown(*, raw_html: bool = False) -> MarkdownIt:
    """The engine's parser, before plugins add their syntax."""
    md = MarkdownIt("commonmark", {"html": raw_html, "linkify": False, "typographer": False})
    md.enable(["table", "strikethrough"])
    md.use(footnote_plugin)
    md.use(attrs_plugin, spans=True, allowed=("id", "class"))
    md.use(anchors_plugin, min_level=1, max_level=6, slug_func=slugify)
    md.add_render_rule("span_open", _render_span)
    md.add_render_rule("span_close", _render_span)
    md.add_render_rule("link_open", _site_link("href"))
    md.add_render_rule("image", _site_link("src"))
    return md


def _child_text(child: Token) -> str:
    if child.type in ("softbreak", "hardbreak"):
        return "\n"
    return child.content


def extract_text(article: Article, tokens: list[Token]) -> None:
    """Fill ``article.text``, ``blocks``, ``marks``, ``unprose`` and ``tokens``.

    Sets ``meta["briefgen_start"]`` on every inline and code token (the offset
    of its text in ``article.text``) so the renderer can find spans again.
    """
    parts: list[str] = []
    pos = 0
    blocks: list[Block] = []
    marks: list[Mark] = []
    unprose: list[tuple[int, int]] = []
    code: list[tuple[int, int]] = []
    links: list[tuple[int, int]] = []
    containers: list[str] = []

    def add_block(text: str, kind: str, token: Token) -> int:
        nonlocal pos
        if blocks:
            parts.append(BLOCK_SEPARATOR)
            pos += len(BLOCK_SEPARATOR)
        start = pos
        parts.append(text)
        pos += len(text)
        line = article.body_line + (token.map[0] if token.map else 0)
        blocks.append(Block(start, pos, kind, line))
        return start

    for token in tokens:
        if token.type in _CONTAINERS:
            containers.append(_CONTAINERS[token.type])
        elif token.nesting == -1 and token.type.replace("_close", "_open") in _CONTAINERS:
            containers.pop()
        if token.type == "inline":
            kind = containers[-1] if containers else "paragraph"
            spans = (unprose, code, links)
            start = _inline(token, kind, add_block, marks, spans, article.body_line)
            if kind == "heading":
                unprose.append((start, start + len(token.meta["briefgen_text"])))
        elif token.type in ("fence", "code_block"):
            text = token.content.rstrip("\n")
            start = add_block(text, "code", token)
            token.meta["briefgen_start"] = start
            unprose.append((start, start + len(text)))
            code.append((start, start + len(text)))
    article.text = "".join(parts)
    article.blocks = blocks
    article.marks = marks
    article.unprose = _merge(unprose)
    article.code_spans = _merge(code)
    article.link_spans = _merge(links)
    article.tokens = tokens


def _inline(token, kind, add_block, marks, spans, body_line) -> int:
    unprose, code, links = spans
    children = token.children or []
    text_parts: list[str] = []
    offsets: list[int] = []
    local = 0
    link_depth = 0
    link_start = 0
    span_stack: list[tuple[Token, int]] = []
    local_marks: list[tuple[int, int, Token]] = []
    local_unprose: list[tuple[int, int]] = []
    local_code: list[tuple[int, int]] = []
    local_links: list[tuple[int, int]] = []
    for child in children:
        offsets.append(local)
        if child.type in TEXT_TYPES:
            piece = _child_text(child)
            if child.type == "code_inline":
                local_unprose.append((local, local + len(piece)))
                local_code.append((local, local + len(piece)))
            text_parts.append(piece)
            local += len(piece)
        elif child.type == "link_open":
            if link_depth == 0:
                link_start = local
            link_depth += 1
        elif child.type == "link_close":
            link_depth -= 1
            if link_depth == 0:
                local_unprose.append((link_start, local))
                local_links.append((link_start, local))
        elif child.type == "span_open":
            span_stack.append((child, local))
        elif child.type == "span_close" and span_stack:
            opener, start = span_stack.pop()
            if not opener.attrs:
                opener.meta["briefgen_hidden"] = child.meta["briefgen_hidden"] = True
            local_marks.append((start, local, opener))
    offsets.append(local)
    text = "".join(text_parts)
    token.meta["briefgen_text"] = text
    start = add_block(text, kind, token)
    token.meta["briefgen_start"] = start
    token.meta["briefgen_offsets"] = [start + o for o in offsets]
    line = body_line + (token.map[0] if token.map else 0)
    for lo, hi, opener in local_marks:
        attrs = {str(k): str(v) for k, v in (opener.meta.get("insecure_attrs") or {}).items()}
        if "id" in opener.attrs:
            attrs.setdefault("id", str(opener.attrs["id"]))
        classes = tuple(str(opener.attrs.get("class", "")).split())
        marks.append(Mark(start + lo, start + hi, attrs, classes, line + text.count("\n", 0, lo)))
    for target, local_spans in ((unprose, local_unprose), (code, local_code), (links, local_links)):
        target.extend((start + lo, start + hi) for lo, hi in local_spans)
    return start


def _merge(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    merged: list[tuple[int, int]] = []
    for lo, hi in sorted(spans):
        if merged and lo <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(hi, merged[-1][1]))
        else:
            merged.append((lo, hi))
    return merged
