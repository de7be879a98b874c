"""Which templates a render used, and fingerprints of them.

A page (or an article body's partials) is rendered again when a template it
used changed, not when any template of the site changed. The environment
notes every template name a render asks for (extends, include, import, a
partial), found or not: a template added later under a name that was
missing, or a site override that now shadows a theme's template, changes
that name's fingerprint too.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, MutableMapping
from contextlib import contextmanager
from typing import Any

import jinja2

from .digests import hash_parts


class RecordingEnvironment(jinja2.Environment):
    """A Jinja environment that can note the names of the templates loaded
    (see :func:`recording`)."""

    loaded: set[str] | None = None

    def _load_template(
        self, name: str, globals: MutableMapping[str, Any] | None
    ) -> jinja2.Template:
        # Every way of getting a template (get_template, select_template,
        # extends, include, import) comes through here, cached or not.
        if self.loaded is not None:
            self.loaded.add(name)
        return super()._load_template(name, globals)


@contextmanager
def recording(env: jinja2.Environment) -> Iterator[set[str]]:
    """The names of the templates loaded while the block runs (an empty set
    for an environment that does not record)."""
    names: set[str] = set()
    if not isinstance(env, RecordingEnvironment):
        yield names
        return
    outer = env.loaded
    env.loaded = names
    try:
        yield names
    finally:
        env.loaded = outer
        if outer is not None:
            outer.update(names)


class TemplateDigests:
    """Fingerprints of templates by name, as the environment resolves them
    now (read once per build: make a new one for each build)."""

    def __init__(self, env: jinja2.Environment) -> None:
        self.env = env
        self._by_name: dict[str, str] = {}
        self._by_set: dict[tuple[str, ...], str] = {}

    def of(self, name: str) -> str:
        """The fingerprint of the template ``name`` resolves to (its source
        and file), or of its absence."""
        known = self._by_name.get(name)
        if known is None:
            loader = self.env.loader
            try:
                if loader is None:
                    raise jinja2.TemplateNotFound(name)
                source, filename, _ = loader.get_source(self.env, name)
                known = hash_parts("found", filename or "", source)
            except jinja2.TemplateNotFound:
                known = hash_parts("missing", name)
            self._by_name[name] = known
        return known

    def of_all(self, names: Iterable[str]) -> str:
        """One fingerprint for a set of templates (in any order)."""
        key = tuple(sorted(names))
        known = self._by_set.get(key)
        if known is None:
            known = self._by_set[key] = hash_parts(*key, *map(self.of, key))
        return known
