"""Finding, loading, ordering and calling plugins.

Plugins come from two places, loaded in this order:

1. installed packages that declare an entry point in the group ``briefgen``
   (the bundled plugins are registered the same way), sorted by name;
2. the site's own ``plugins/*.py`` files, sorted by file name; the plugin's
   name is the file name without ``.py``.

Then ``site.yml``'s ``plugins:`` mapping reorders them (the plugins it lists
come first, in its order) and turns some off (``name: false``). The
environment variable ``BRIEFGEN_PLUGINS`` (a comma-separated list of names;
empty for none) restricts which plugins are loaded at all, an escape hatch
when an installed plugin is broken.

Hooks are called by the engine, one plugin at a time in that order, so every
error can name the plugin, the hook and the article. An implementation marked
``@hookimpl(tryfirst=True)`` or ``@hookimpl(trylast=True)`` is called before
or after all the others of its hook, whatever the order (a plugin that builds
on another's annotations marks its ``briefgen_annotate`` ``trylast``).
"""

from __future__ import annotations

import argparse
import importlib.util
import os
import sys
import traceback
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from importlib import metadata
from pathlib import Path
from types import ModuleType
from typing import TYPE_CHECKING, Any

import pluggy

from . import hookspecs
from .errors import BriefgenError, ConfigError, PluginError

if TYPE_CHECKING:  # pragma: no cover
    from .config import Config
    from .site import Site

ENTRY_POINT_GROUP = "briefgen"
ENV_RESTRICT = "BRIEFGEN_PLUGINS"
hookimpl = pluggy.HookimplMarker("briefgen")


@dataclass(frozen=True)
class Setting:
    """One setting a plugin accepts under ``plugins: {<name>: ...}``.

    ``type`` is one of ``bool``, ``int``, ``float``, ``str``, ``list`` or
    ``dict``; ``choices`` limits a ``str`` setting to some values, and
    ``minimum`` a number setting to that value or more.
    """

    type: type
    default: Any
    help: str = ""
    choices: tuple[Any, ...] | None = None
    minimum: float | None = None

    def check(self, value: Any) -> str | None:
        """None when ``value`` is acceptable, else what is wrong."""
        if self.type is float and isinstance(value, int) and not isinstance(value, bool):
            return None
        if not isinstance(value, self.type) or (self.type is int and isinstance(value, bool)):
            return f"must be {self.type.__name__}, not {type(value).__name__} ({value!r})"
        if self.choices is not None and value not in self.choices:
            return f"must be one of {', '.join(map(str, self.choices))}, not {value!r}"
        if self.minimum is not None and value < self.minimum:
            return f"must be {self.minimum} or more, not {value!r}"
        return None


@dataclass(frozen=True)
class Command:
    """A ``briefgen <name>`` sub-command contributed by a plugin.

    ``add_arguments(parser)`` adds its options to an ``argparse`` parser;
    ``run(site, args)`` runs it with the loaded site and returns the exit
    status. The site is loaded (configuration, plugins, content) but not built.
    """

    name: str
    help: str
    run: Callable[[Site, argparse.Namespace], int]
    add_arguments: Callable[[argparse.ArgumentParser], None] | None = None


@dataclass
class PluginInfo:
    """What ``briefgen plugins`` shows about one plugin."""

    name: str
    origin: str  # "bundled", "package <dist>", "local plugins/x.py"
    version: str
    module: ModuleType | None = None
    hooks: list[str] = field(default_factory=list)
    error: str | None = None
    enabled: bool = True


def _restriction() -> set[str] | None:
    value = os.environ.get(ENV_RESTRICT)
    if value is None:
        return None
    return {v.strip() for v in value.split(",") if v.strip()}


def _entry_points() -> list[metadata.EntryPoint]:
    seen: dict[str, metadata.EntryPoint] = {}
    for ep in metadata.entry_points(group=ENTRY_POINT_GROUP):
        # An editable and a regular install of one distribution show up twice.
        seen.setdefault(ep.name, ep)
    return [seen[k] for k in sorted(seen)]


def _import_local(path: Path) -> ModuleType:
    name = f"briefgen_local_{path.stem}"
    spec = importlib.util.spec_from_file_location(name, path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    try:
        spec.loader.exec_module(module)
    except BaseException:
        sys.modules.pop(name, None)
        raise
    return module


def _error_line(exc: BaseException, path: str | None) -> int | None:
    if isinstance(exc, SyntaxError):
        return exc.lineno
    line = None
    for frame, lineno in traceback.walk_tb(exc.__traceback__):
        if path and os.path.abspath(frame.f_code.co_filename) == os.path.abspath(path):
            line = lineno
    return line


def discover(source: Path, *, keep_going: bool = False) -> list[PluginInfo]:
    """Import every available plugin (entry points, then local files).

    With ``keep_going``, a plugin that fails to import is returned with its
    ``error`` set; otherwise it raises :class:`PluginError`.
    """
    allowed = _restriction()
    found: list[PluginInfo] = []
    for ep in _entry_points():
        dist = ep.dist.name if ep.dist else "?"
        version = ep.dist.version if ep.dist else "?"
        origin = "bundled" if dist.lower() == "briefgen" else f"package {dist}"
        info = PluginInfo(ep.name, origin, version)
        if allowed is not None and ep.name not in allowed:
            info.enabled = False
            info.error = f"not loaded: not named in {ENV_RESTRICT}"
            found.append(info)
            continue
        try:
            obj = ep.load()
            info.module = obj
        except Exception as exc:
            problem = f"{type(exc).__name__}: {exc}"
            info.error = f"failed to import: {problem}"
            info.enabled = False
            if not keep_going:
                raise PluginError(
                    f"plugin '{ep.name}' (from {origin}) failed to import: {problem}",
                    plugin=ep.name,
                    hint=f"fix or uninstall it, or set {ENV_RESTRICT} to the plugins to load",
                ) from exc
        found.append(info)
    folder = source / "plugins"
    if folder.is_dir():
        names = {p.name for p in found}
        for path in sorted(folder.glob("*.py")):
            if path.name.startswith("_"):
                continue
            name = path.stem
            rel = path.relative_to(source).as_posix()
            if name in names:
                raise PluginError(
                    f"local plugin {rel} has the same name as an installed plugin '{name}'",
                    plugin=name,
                    file=rel,
                    hint="rename the file",
                )
            info = PluginInfo(name, f"local {rel}", "local")
            if allowed is not None and name not in allowed:
                info.enabled = False
                info.error = f"not loaded: not named in {ENV_RESTRICT}"
                found.append(info)
                continue
            try:
                info.module = _import_local(path)
                info.version = str(getattr(info.module, "__version__", "local"))
            except Exception as exc:
                problem = f"{type(exc).__name__}: {exc}"
                info.error = f"failed to import: {problem}"
                info.enabled = False
                if not keep_going:
                    raise PluginError(
                        f"local plugin '{name}' failed to import: {problem}",
                        plugin=name,
                        file=rel,
                        line=_error_line(exc, str(path)),
                        hint="fix the error in the file, or move it out of plugins/",
                    ) from exc
            found.append(info)
    return found


class PluginManager:
    """The loaded plugins of one site, in call order, and the hook dispatcher."""

    def __init__(self, infos: list[PluginInfo], config: Config | None = None) -> None:
        self.pm = pluggy.PluginManager("briefgen")
        self.pm.add_hookspecs(hookspecs)
        self.infos = self._order(infos, config)
        for info in self.infos:
            if not info.enabled or info.module is None:
                continue
            try:
                self.pm.register(info.module, name=info.name)
            except pluggy.PluginValidationError as exc:
                raise PluginError(
                    f"plugin '{info.name}' does not fit the hook API: {exc}",
                    plugin=info.name,
                    hint="compare the hook's arguments with `briefgen hooks`",
                ) from None
            info.hooks = sorted(h.name for h in self.pm.get_hookcallers(info.module) or [])
        self._check_unknown_hooks()
        self.settings: dict[str, dict[str, Any]] = {}
        self.kinds: dict[str, str] = {}
        self.kind_plugins: dict[str, str] = {}

    @property
    def enabled(self) -> list[PluginInfo]:
        return [i for i in self.infos if i.enabled and i.module is not None]

    @staticmethod
    def _order(infos: list[PluginInfo], config: Config | None) -> list[PluginInfo]:
        if config is None:
            return infos
        by_name = {i.name: i for i in infos}
        listed = list(config.plugins)
        for name in listed:
            if name not in by_name:
                known = ", ".join(sorted(by_name)) or "none"
                raise config.error(
                    f"unknown plugin '{name}'",
                    "plugins",
                    name,
                    hint=f"installed and local plugins: {known}; install it "
                    "(pip install ...) or add plugins/" + name + ".py",
                )
        ordered = [by_name[n] for n in listed if n in by_name]
        ordered += [i for i in infos if i.name not in config.plugins]
        for info in ordered:
            if config.plugins.get(info.name) is False:
                info.enabled = False
        return ordered

    def _check_unknown_hooks(self) -> None:
        known = {name for name in dir(hookspecs) if name.startswith("briefgen_")}
        for info in self.enabled:
            for attr in dir(info.module):
                if attr.startswith("briefgen_") and attr not in known:
                    func = getattr(info.module, attr)
                    if callable(func) and hasattr(func, "briefgen_impl"):
                        raise PluginError(
                            f"plugin '{info.name}' implements an unknown hook '{attr}'",
                            plugin=info.name,
                            hook=attr,
                            hint="check the spelling against `briefgen hooks`",
                        )

    def impls(self, hook: str) -> Iterator[tuple[str, Callable[..., Any], list[str]]]:
        """(plugin name, function, argument names) for ``hook``, in plugin
        order, except that implementations marked ``tryfirst`` come before
        the others and those marked ``trylast`` after them."""
        caller = getattr(self.pm.hook, hook)
        by_plugin = {impl.plugin_name: impl for impl in caller.get_hookimpls()}
        found = [by_plugin[i.name] for i in self.enabled if i.name in by_plugin]
        found.sort(key=lambda impl: 0 if impl.tryfirst else 2 if impl.trylast else 1)
        for impl in found:
            yield impl.plugin_name, impl.function, list(impl.argnames)

    def call(
        self, hook: str, *, article: str | None = None, **kwargs: Any
    ) -> list[tuple[str, Any]]:
        """Call ``hook`` on every plugin; return (plugin, result) for non-None results."""
        results = []
        for name, func, argnames in self.impls(hook):
            results_value = self.call_one(name, func, argnames, hook, kwargs, article)
            if results_value is not None:
                results.append((name, results_value))
        return results

    def call_one(
        self,
        name: str,
        func: Callable[..., Any],
        argnames: list[str],
        hook: str,
        kwargs: dict[str, Any],
        article: str | None = None,
    ) -> Any:
        if "settings" in argnames:
            # Each plugin may take its own validated settings as an argument.
            kwargs = {**kwargs, "settings": self.settings.get(name, {})}
        try:
            return func(*[kwargs[a] for a in argnames])
        except BriefgenError as exc:
            if isinstance(exc, PluginError) or exc.file:
                raise
            raise PluginError(
                exc.message, plugin=name, hook=hook, file=article, hint=exc.hint
            ) from exc
        except Exception as exc:
            raise PluginError(
                f"plugin '{name}' raised {type(exc).__name__} in {hook}: {exc}",
                plugin=name,
                hook=hook,
                file=article,
                hint="this is a bug in the plugin; run with --debug for the traceback",
            ) from exc

    def configure(self, config: Config) -> None:
        """Validate each plugin's settings and collect the annotation kinds."""
        schemas = dict(self.call("briefgen_settings"))
        for info in self.enabled:
            given = config.plugins.get(info.name) or {}
            if given is True:
                given = {}
            schema: dict[str, Setting] = schemas.get(info.name) or {}
            values = {key: s.default for key, s in schema.items()}
            for key, value in given.items():
                if key not in schema:
                    known = ", ".join(sorted(schema)) or "none"
                    raise config.error(
                        f"plugin '{info.name}' has no setting '{key}'",
                        "plugins",
                        info.name,
                        key,
                        hint=f"its settings: {known}",
                    )
                problem = schema[key].check(value)
                if problem:
                    raise config.error(
                        f"setting '{key}' of plugin '{info.name}' {problem}",
                        "plugins",
                        info.name,
                        key,
                    )
                values[key] = value
            self.settings[info.name] = values
        for name, kinds in self.call("briefgen_annotation_kinds"):
            if not isinstance(kinds, dict):
                raise PluginError(
                    f"plugin '{name}' must return a dict from briefgen_annotation_kinds",
                    plugin=name,
                    hook="briefgen_annotation_kinds",
                )
            for kind, description in kinds.items():
                if kind in self.kinds:
                    raise PluginError(
                        f"plugins '{self.kind_plugins[kind]}' and '{name}' both declare "
                        f"the annotation kind '{kind}'",
                        plugin=name,
                        hook="briefgen_annotation_kinds",
                        hint="turn one of them off in site.yml",
                    )
                self.kinds[kind] = str(description)
                self.kind_plugins[kind] = name


def load_plugins(config: Config) -> PluginManager:
    """Discover, order, register and configure the plugins of a site."""
    try:
        infos = discover(config.source)
    except ConfigError:
        raise
    manager = PluginManager(infos, config)
    manager.configure(config)
    return manager
