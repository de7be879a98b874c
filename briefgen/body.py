"""Rendering an article's body in two steps, so template changes are cheap.

1. :func:`render_skeleton` renders the Markdown with the annotations applied,
   but with a marker wherever a partial's output goes. This is the expensive
   part (it needs the token stream) and does not depend on templates, so it
   is cached with the parse.
2. :func:`fill_body` renders each partial (``annotations/<kind>.html``,
   ``asides/<kind>.html``) and puts it in place of its markers. A changed
   template only redoes this step.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

import jinja2
from markdown_it import MarkdownIt
from markdown_it.common.utils import escapeHtml
from markdown_it.renderer import RendererHTML
from markupsafe import Markup

from .annotations import Annotation
from .content import Article
from .errors import TemplateError
from .pages import url_maker
from .render import SENTINEL, Fragment, apply_annotations
from .site import Site
from .theme import template_error

# Markers in the skeleton: open / close of an inline partial, an aside.
_OPEN, _CLOSE, _ASIDE = "\ue001", "\ue002", "\ue003"
_MARKER = re.compile("([\ue001\ue002\ue003])(\\d+)[\ue001\ue002\ue003]")
#: Characters the engine reserves; replaced in article bodies when loading.
RESERVED = (_OPEN, _CLOSE, _ASIDE, SENTINEL)

# A request: ("inline", annotation index, fragment index, first, last) or
# ("aside", annotation index).
Request = tuple


def render_skeleton(site: Site, article: Article) -> tuple[str, list[Request]]:
    """The body HTML with markers for partials, and what each marker needs."""
    assert site.md is not None
    position = {id(a): i for i, a in enumerate(article.annotations)}
    requests: list[Request] = []
    anchored: set[int] = set()

    def partial(kind: str, annotation: Annotation, fragment: Fragment) -> str:
        if not annotation.inline:
            # Not rendered, but its place has an anchor, so every Hit.url works.
            if id(annotation) not in anchored:
                anchored.add(id(annotation))
                return f'<span id="{annotation.id}"></span>{SENTINEL}'
            return SENTINEL
        n = len(requests)
        requests.append(
            ("inline", position[id(annotation)], fragment.index, fragment.first, fragment.last)
        )
        return f"{_OPEN}{n}{_OPEN}{SENTINEL}{_CLOSE}{n}{_CLOSE}"

    def aside(annotation: Annotation) -> str:
        n = len(requests)
        requests.append(("aside", position[id(annotation)]))
        return f"{_ASIDE}{n}{_ASIDE}"

    tokens = apply_annotations(article, partial, aside, _text_renderer(site.md))
    env = {"briefgen_page": article.url}
    return site.md.renderer.render(tokens, site.md.options, env), requests


def _text_renderer(md: MarkdownIt) -> Callable[[str], str] | None:
    """What the renderer does with text tokens, when that is markdown-it's
    own rule (escaping); None when a plugin replaced the rule."""
    rule = md.renderer.rules.get("text")
    return escapeHtml if getattr(rule, "__func__", None) is RendererHTML.text else None


def fill_body(site: Site, article: Article, skeleton: str, requests: list[Request]) -> str:
    """Render every partial and put it in place of its markers."""
    if not requests:
        return skeleton
    url = url_maker(article.url, site.config.base_path)
    partials = _Partials(site, {"article": article, "page": {"url": article.url}, "url": url})
    opens: list[str] = []
    closes: list[str] = []
    # Number the pieces of each annotation across the whole article (a span
    # over several paragraphs is cut at each paragraph, then again where it
    # crosses other elements), in document order.
    pieces: dict[int, int] = {}
    for request in requests:
        if request[0] == "inline":
            pieces[request[1]] = pieces.get(request[1], 0) + 1
    seen: dict[int, int] = {}
    for request in requests:
        ann = article.annotations[request[1]]
        if request[0] == "inline":
            name = f"annotations/{ann.kind}.html"
            n = seen.get(request[1], 0)
            seen[request[1]] = n + 1
            fragment = Fragment(n, n == 0, n == pieces[request[1]] - 1)
            html = partials.render(
                name,
                ann.kind,
                {"annotation": ann, "fragment": fragment, "content": _CONTENT},
            )
            if html.count(SENTINEL) != 1:
                raise TemplateError(
                    f"{name} must output {{{{ content }}}} exactly once",
                    file=name,
                    hint="the engine puts the annotated text where {{ content }} stands",
                )
            before, _, after = html.partition(SENTINEL)
            opens.append(before)
            closes.append(after)
        else:
            name = f"asides/{ann.kind}.html"
            opens.append(partials.render(name, ann.kind, {"annotation": ann}))
            closes.append("")

    def replace(match: re.Match[str]) -> str:
        n = int(match.group(2))
        return closes[n] if match.group(1) == _CLOSE else opens[n]

    return _MARKER.sub(replace, skeleton).replace(SENTINEL, "")


#: What a partial outputs for ``{{ content }}``: the engine's placeholder.
_CONTENT = Markup(SENTINEL)


class _Partials:
    """Renders an article's partials: the same few templates, dozens of times.

    Each render gets the template's globals, the variables ``common`` to the
    article and its own, exactly as :meth:`jinja2.Template.render` would give
    them; but the globals (a chain of mappings, slow to copy) are copied into
    one dict once per template and article, not once per render."""

    def __init__(self, site: Site, common: dict[str, Any]) -> None:
        self.site = site
        self.common = common
        self.templates: dict[str, tuple[jinja2.Template, dict[str, Any]]] = {}

    def render(self, name: str, kind: str, context: dict[str, Any]) -> str:
        known = self.templates.get(name)
        if known is None:
            known = self.templates[name] = self._load(name, kind)
        template, base = known
        try:
            ctx = template.new_context({**base, **context}, shared=True)
            return template.environment.concat(template.root_render_func(ctx)).strip()  # type: ignore[attr-defined]
        except Exception:
            pass
        # Rendered again the ordinary way, which raises the same error with
        # its traceback pointing at the template's own lines.
        try:
            return template.render({**self.common, **context}).strip()
        except Exception as exc:
            raise template_error(exc, name) from exc

    def _load(self, name: str, kind: str) -> tuple[jinja2.Template, dict[str, Any]]:
        env = self.site.env
        assert env is not None
        try:
            template = env.get_template(name)
        except Exception as exc:
            plugin = self.site.plugins.kind_plugins.get(kind, "?")
            raise TemplateError(
                f"no usable template {name} for annotations of kind '{kind}' "
                f"(declared by plugin '{plugin}'): {exc}",
                hint=f"add templates/{name} to the site or the theme, or have the plugin ship it",
            ) from exc
        return template, {**template.globals, **self.common}
