"""What cache keys are made of: fingerprints of a site, an article, a page.

See :mod:`briefgen.cache` for what is cached under these keys. Each key
covers every input that could change the cached result.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import pickle
from dataclasses import fields, is_dataclass
from pathlib import Path
from typing import Any

from . import __version__
from .annotations import Annotation
from .content import Article, Document
from .digests import engine_fingerprint, file_digests, stable_json, tree_digest
from .digests import hash_parts as _hash
from .pages import Page
from .site import Hit, Site

_FORMAT = "7"  # bump when the layout of cached records changes

_CODE_FP: dict[int, tuple[Any, str]] = {}


def code_fingerprint(module: Any) -> str:
    """A hash of a module's source: every .py file of its package, or its file.

    Computed once per module object: in a long-running process (the preview)
    the code that runs is the code that was imported, whatever the files say
    now, so results are keyed by that code.
    """
    known = _CODE_FP.get(id(module))
    if known is not None and known[0] is module:
        return known[1]
    file = getattr(module, "__file__", None)
    if not file:
        return _hash(getattr(module, "__name__", repr(module)))
    path = Path(file)
    if path.name == "__init__.py":
        files = [p for p in path.parent.rglob("*") if p.is_file() and p.suffix in (".py",)]
    else:
        files = [path]
    digest = _hash(*(d for _, d in file_digests(files)))
    _CODE_FP[id(module)] = (module, digest)
    return digest


def site_fingerprints(site: Site) -> dict[str, str]:
    """Fingerprints of everything a build depends on besides the articles."""
    cfg = site.config
    config = {f.name: getattr(cfg, f.name) for f in fields(cfg) if f.name not in ("located",)}
    config["source"] = str(cfg.source)
    engine = engine_fingerprint()
    plugins = [
        (i.name, i.version, code_fingerprint(i.module), site.plugins.settings.get(i.name))
        for i in site.plugins.enabled
    ]
    collections = [
        (name, [(d.relpath, d.digest) for d in docs])
        for name, docs in sorted(site.collections.items())
    ]
    template_dirs = [site.source / "templates", *(t.templates for t in site.themes)]
    template_dirs += list(site.plugin_template_dirs)
    templates = [(str(d), tree_digest(d)) for d in template_dirs]
    base = _hash(
        _FORMAT, __version__, engine, stable_json(config), stable_json(plugins), site.drafts
    )
    return {
        "base": base,
        "collections": _hash(stable_json(collections)),
        "templates": _hash(stable_json(templates)),
    }


def article_key(site: Site, article: Article) -> str:
    fp = site.fingerprints
    return _hash(fp["base"], fp["collections"], article.relpath, article.url, article.digest)


class Uncacheable(Exception):
    """A page context holds something that cannot be fingerprinted."""


def context_fingerprint(
    value: Any, keys: dict[int, str], depth: int = 0, memo: dict[int, str] | None = None
) -> Any:
    """A JSON-able image of a page context, for its cache key.

    Articles stand for their cache key (which covers their text and
    annotations), so a page is rendered again whenever an article it shows
    changed in any way. With ``memo`` (valid while every context is alive),
    each large container is fingerprinted once and stands for a hash after
    that, so objects shared by many pages are walked once.
    """
    if depth > 12:
        raise Uncacheable("context nested too deeply")
    if value is None or isinstance(value, bool | int | float | str):
        return value
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, Article):
        return ["article", keys.get(id(value)) or _hash(value.digest, value.url)]
    if isinstance(value, Document):
        return ["doc", value.relpath, value.digest]
    if isinstance(value, Annotation):
        return ["ann", value.to_dict()]
    if isinstance(value, Hit):
        return ["hit", keys.get(id(value.article)), value.annotation.id]
    if isinstance(value, Page):
        return ["page", value.url, value.template, value.title, value.kind]
    if isinstance(value, Site):
        return "site"
    if memo is not None and id(value) in memo:
        return memo[id(value)]
    deeper = depth + 1
    result: Any
    if isinstance(value, dict):
        result = {str(k): context_fingerprint(v, keys, deeper, memo) for k, v in value.items()}
    elif isinstance(value, list | tuple):
        # Lists of hits (entity pages, quote pages) are the bulk: done inline.
        result = [
            ["hit", keys.get(id(v.article)), v.annotation.id]
            if type(v) is Hit
            else context_fingerprint(v, keys, deeper, memo)
            for v in value
        ]
    elif isinstance(value, set | frozenset):
        result = sorted(repr(context_fingerprint(v, keys, deeper, memo)) for v in value)
    elif is_dataclass(value) and not isinstance(value, type):
        result = [type(value).__qualname__] + [
            context_fingerprint(getattr(value, f.name), keys, deeper, memo) for f in fields(value)
        ]
    else:
        try:
            result = ["pickle", hashlib.sha256(pickle.dumps(value, protocol=5)).hexdigest()]
        except Exception as exc:
            raise Uncacheable(f"{type(value).__name__} cannot be fingerprinted") from exc
    if memo is not None and len(result) >= _MEMO_SIZE:
        result = "#" + _hash(stable_json(result))
        memo[id(value)] = result
    return result


#: Containers at least this long are hashed once and remembered; smaller
#: ones cost less to walk again than to hash.
_MEMO_SIZE = 8


def page_key(site: Site, page_fp: Any, site_summary: str) -> str:
    fp = site.fingerprints
    return _hash(fp["base"], fp["collections"], fp["templates"], site_summary, stable_json(page_fp))


def site_summary(site: Site) -> str:
    """What any page may show of any article without holding it in its
    context: the list of articles and their metadata (title, date, tags, ...).

    Everything else a page shows must come through its context (including
    what ``briefgen_template_context`` adds), where each article stands for
    its full cache key; templates do not read ``site.index`` or article
    bodies directly. So an edit to one article re-renders the pages that
    show it (its own, home and tag pages listing it, entity and fact-check
    pages it feeds, the feed), not the whole site.
    """
    parts = [
        (a.url, a.title, a.date, a.updated, a.summary, a.tags, a.authors, a.meta)
        for a in site.articles
    ]
    return _hash(stable_json(parts))
