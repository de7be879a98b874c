"""briefgen: a plugin-based static-site generator for annotated briefings.

The public names below are imported on first use, so that commands which need
little (``briefgen build`` with nothing changed, ``--version``) start fast.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

#: Public name -> the module that defines it.
_EXPORTS = {
    "Annotation": "annotations",
    "Article": "content",
    "Block": "content",
    "Document": "content",
    "Mark": "content",
    "BriefgenError": "errors",
    "ConfigError": "errors",
    "ContentError": "errors",
    "PluginError": "errors",
    "Page": "pages",
    "Command": "plugins",
    "Setting": "plugins",
    "hookimpl": "plugins",
    "Hit": "site",
    "Site": "site",
    "SiteIndex": "site",
}

__all__ = [
    "Annotation",
    "Article",
    "Block",
    "BriefgenError",
    "Command",
    "ConfigError",
    "ContentError",
    "Document",
    "Hit",
    "Mark",
    "Page",
    "PluginError",
    "Setting",
    "Site",
    "SiteIndex",
    "__version__",
    "hookimpl",
]

if TYPE_CHECKING:  # pragma: no cover
    from .annotations import Annotation
    from .content import Article, Block, Document, Mark
    from .errors import BriefgenError, ConfigError, ContentError, PluginError
    from .pages import Page
    from .plugins import Command, Setting, hookimpl
    from .site import Hit, Site, SiteIndex


def __getattr__(name: str) -> Any:
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'briefgen' has no attribute {name!r}")
    value = getattr(import_module(f".{module}", __name__), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted([*globals(), *_EXPORTS])
