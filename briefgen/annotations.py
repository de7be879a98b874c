"""The one annotation model, and the engine's checks of it.

A plugin never edits HTML. It returns :class:`Annotation` objects: a span of
the article's plain text (``start``/``end`` offsets into ``article.text``), a
``kind`` it declared, and JSON-serialisable ``data``. The engine checks them,
numbers them, renders them (see :mod:`briefgen.render`) and exports them as W3C
Web Annotations (see :mod:`briefgen.webannotation`).
"""

from __future__ import annotations

import json
import pickle
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from .errors import PluginError


@dataclass(slots=True)
class Annotation:
    """A span of an article's text with a kind and data.

    - ``start``, ``end``: offsets into ``article.text``, ``start < end``.
    - ``kind``: a kind some plugin declared with ``briefgen_annotation_kinds``.
    - ``data``: JSON-serialisable details (entity id, speaker, verdict, ...).
    - ``refs``: what the annotation is about, as ``"<collection>/<slug>"``
      strings (``"entities/vladimir-putin"``); the site index is keyed by them,
      so a page can gather everything about one thing from every plugin.
    - ``inline``: render the span through ``annotations/<kind>.html``.
    - ``aside``: render ``asides/<kind>.html`` after the block holding the span.
    - ``id`` and ``plugin`` are set by the engine (``ann-<n>``, plugin name).
    """

    start: int
    end: int
    kind: str
    data: dict[str, Any] = field(default_factory=dict)
    refs: tuple[str, ...] = ()
    inline: bool = True
    aside: bool = False
    id: str = ""
    plugin: str = ""

    def __reduce__(self) -> tuple[Any, ...]:
        # Pickled as constructor arguments: a third smaller and faster to load
        # than the field-by-field state (a site's cache holds many thousands).
        return (
            Annotation,
            (
                self.start,
                self.end,
                self.kind,
                self.data,
                self.refs,
                self.inline,
                self.aside,
                self.id,
                self.plugin,
            ),
        )

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "kind": self.kind,
            "start": self.start,
            "end": self.end,
            "data": self.data,
            "refs": list(self.refs),
            "inline": self.inline,
            "aside": self.aside,
            "plugin": self.plugin,
        }


class AnnotationShelf:
    """One article's annotations as its cache record keeps them: each kind's
    pickled apart and unpickled when first asked for, with how many there
    are of each kind and every ref they carry at hand without unpickling any.

    A build that takes most articles from the cache needs their annotations
    only for the site index: its counts and refs, and the hits of the kinds
    some page lists (quotations, claims), not the entity mentions that are
    nine in ten of them and most of the time it takes to load a record.
    Lists it gives are made once: :meth:`of_kind` and :meth:`all` hand out
    the same annotation objects, in the article's order in :meth:`all`.
    """

    __slots__ = ("_kinds", "_loaded", "_order", "_packed", "counts", "refs")

    def __init__(self, annotations: list[Annotation]) -> None:
        kinds: dict[str, list[Annotation]] = {}
        refs: set[str] = set()
        for ann in annotations:
            group = kinds.get(ann.kind)
            if group is None:
                kinds[ann.kind] = [ann]
            else:
                group.append(ann)
            refs.update(ann.refs)
        #: How many annotations of each kind, in order of first appearance.
        self.counts: dict[str, int] = {kind: len(group) for kind, group in kinds.items()}
        #: Every ref the annotations carry, sorted.
        self.refs: tuple[str, ...] = tuple(sorted(refs))
        self._kinds = tuple(kinds)
        number = {kind: i for i, kind in enumerate(self._kinds)}
        order = [number[ann.kind] for ann in annotations]
        # Bytes where they can be: a tenth of the size of a list of numbers.
        self._order: bytes | list[int] = bytes(order) if len(kinds) < 256 else order
        self._loaded: dict[str, list[Annotation]] = kinds
        self._packed: dict[str, bytes] | None = None

    def __len__(self) -> int:
        return len(self._order)

    def of_kind(self, kind: str) -> list[Annotation]:
        """The annotations of ``kind``, in the article's order."""
        found = self._loaded.get(kind)
        if found is None:
            packed = self._packed.get(kind) if self._packed else None
            found = self._loaded[kind] = pickle.loads(packed) if packed else []
        return found

    def all(self) -> list[Annotation]:
        """Every annotation, in the article's order."""
        groups = [iter(self.of_kind(kind)) for kind in self._kinds]
        return [next(groups[i]) for i in self._order]

    def __getstate__(self) -> tuple[Any, ...]:
        if self._packed is None:
            self._packed = {
                kind: pickle.dumps(group, protocol=5) for kind, group in self._loaded.items()
            }
        return self.counts, self.refs, self._kinds, self._order, self._packed

    def __setstate__(self, state: tuple[Any, ...]) -> None:
        self.counts, self.refs, self._kinds, self._order, self._packed = state
        self._loaded = {}


def check_annotations(
    found: Iterable[Any],
    *,
    text_length: int,
    kinds: dict[str, str],
    plugin: str,
    article: str,
    hook: str = "briefgen_annotate",
) -> list[Annotation]:
    """Check what a plugin returned from ``briefgen_annotate`` (or ``hook``).

    Raises :class:`PluginError` naming the plugin and article for anything
    that is not a well-formed annotation; the message says what is wrong.
    """
    checked: list[Annotation] = []

    def fail(message: str) -> PluginError:
        return PluginError(
            f"plugin '{plugin}' returned a bad annotation from {hook}: {message}",
            plugin=plugin,
            hook=hook,
            file=article,
            hint="this is a bug in the plugin, not in the article",
        )

    for ann in found:
        if not isinstance(ann, Annotation):
            raise fail(f"returned {type(ann).__name__}, not briefgen.Annotation")
        if not isinstance(ann.start, int) or not isinstance(ann.end, int):
            raise fail(f"annotation offsets must be integers: {ann.start!r}, {ann.end!r}")
        if not 0 <= ann.start < ann.end <= text_length:
            raise fail(
                f"annotation span {ann.start}-{ann.end} is empty or outside the "
                f"article's text (length {text_length})"
            )
        if ann.kind not in kinds:
            raise fail(
                f"annotation kind '{ann.kind}' was not declared",
            )
        if not isinstance(ann.data, dict):
            raise fail(f"annotation data must be a dict, not {type(ann.data).__name__}")
        ann.refs = tuple(ann.refs)
        if not all(isinstance(r, str) and r for r in ann.refs):
            raise fail("annotation refs must be non-empty strings")
        ann.plugin = plugin
        checked.append(ann)
    try:  # all at once, each data dict once (repeated mentions share one)
        json.dumps(list({id(ann.data): ann.data for ann in checked}.values()))
    except (TypeError, ValueError) as exc:
        raise fail(f"annotation data is not JSON-serialisable: {exc}") from None
    return checked


def number_annotations(annotations: list[Annotation]) -> list[Annotation]:
    """Order annotations by position (outer before inner) and give them ids.

    The order, and so the ids, depend only on the spans and on plugin order,
    which keeps output deterministic.
    """
    ordered = sorted(
        enumerate(annotations), key=lambda pair: (pair[1].start, -pair[1].end, pair[0])
    )
    result = []
    for n, (_, ann) in enumerate(ordered, start=1):
        ann.id = f"ann-{n}"
        result.append(ann)
    return result
