"""What plugins keep from one build to the next: ``site.cached(...)``.

A plugin that builds something slow from files it names (a registry compiled
from ten thousand entity files, say) asks ``site.cached(name, inputs,
make)``: the result made by an earlier build for the same inputs, or
``make()`` now. The key is the plugin's ``inputs`` together with everything
else that could change what ``make`` returns from them: briefgen's version
and code, the configuration, and every enabled plugin's name, version, code
and settings (the *base* fingerprint of :func:`briefgen.cachekeys.
base_fingerprint`).

Each name holds one result on disk, the latest: a registry that changes
every day does not fill the cache with old ones. A result is written to disk
only when the same key is asked for a second time: writing a large result
costs about half of making it, which a build with an empty cache (a
throw-away CI checkout) or a registry being edited would pay for nothing. A
long-running builder (the preview's) keeps the result in memory as well.
"""

from __future__ import annotations

import pickle
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, TypeVar

from .digests import hash_parts, stable_json

if TYPE_CHECKING:  # pragma: no cover
    from .cache import Cache

T = TypeVar("T")

#: The cache's kinds: the results, and the last key asked for by each name.
RESULTS = "stash"
ASKED = "stash-asked"


class Stash:
    """The store behind :meth:`briefgen.site.Site.cached` for one build."""

    def __init__(self, cache: Cache | None = None, base: str = "") -> None:
        self.cache = cache if cache is not None and cache.enabled else None
        self.base = base

    def get(self, name: str, inputs: Any, make: Callable[[], T]) -> T:
        """See :meth:`briefgen.site.Site.cached`."""
        cache = self.cache
        if cache is None:
            return make()
        key = hash_parts(self.base, name, stable_json(inputs))
        slot = hash_parts(name)
        kept = cache.memory.get((RESULTS, slot))
        if kept is not None and kept[0] == key:
            return kept[1]
        stored = cache.read(RESULTS, slot)
        prefix = key.encode("ascii") + b"\n"
        if stored is not None and stored.startswith(prefix):
            try:
                result = pickle.loads(memoryview(stored)[len(prefix) :])
            except Exception:  # a damaged record is made again
                pass
            else:
                cache.keep(RESULTS, slot, (key, result))
                return result
        result = make()
        cache.keep(RESULTS, slot, (key, result))
        if cache.read(ASKED, slot) == prefix:
            try:
                data = pickle.dumps(result, protocol=5)
            except Exception as exc:
                raise TypeError(
                    f"site.cached({name!r}): the result cannot be kept for later builds "
                    f"({type(exc).__name__}: {exc}); return picklable data"
                ) from exc
            cache.write(RESULTS, slot, prefix + data)
        else:
            cache.write(ASKED, slot, prefix)
        return result
