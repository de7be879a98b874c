"""briefgen: a plugin-based static-site generator for annotated briefings."""

from __future__ import annotations

__version__ = "0.1.0"

from .annotations import Annotation
from .content import Article, Block, Document, Mark
from .errors import BriefgenError, ConfigError, ContentError, PluginError
from .pages import Page
from .plugins import Command, Setting, hookimpl
from .site import Hit, Site, SiteIndex

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
