"""``briefgen serve``: a live preview that rebuilds on save and reloads the browser.

- :mod:`.session`: :func:`serve` and :class:`PreviewSession`, which put the parts together;
- :mod:`.watcher`: watchdog events filtered and coalesced into rebuilds;
- :mod:`.builders`: ``rebuild(changed_paths)``, an incremental :class:`briefgen.build.Builder`;
- :mod:`.workdir`: the folder builds go to (``.briefgen-cache/serve/``);
- :mod:`.preview`: which build is served, the current error, terminal reports;
- :mod:`.server` and :mod:`.urlmap`: HTTP, pretty URLs, content types, no escapes;
- :mod:`.livereload` (with ``client.js``): Server-Sent Events and the injected script;
- :mod:`.overlay`: build errors for the browser and the terminal.
"""

from __future__ import annotations

from .session import PreviewSession, serve

__all__ = ["PreviewSession", "serve"]
