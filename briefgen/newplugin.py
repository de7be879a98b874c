"""``briefgen new plugin NAME``: a working annotation plugin to start from.

Two shapes, from the same templates (``newplugin_templates/``, shipped in the
package):

- a local plugin: ``plugins/NAME.py`` in a site, with its partial
  ``templates/annotations/NAME.html``;
- with ``--package``, a package of its own, ``briefgen-NAME/``: a
  ``pyproject.toml`` declaring the ``briefgen`` entry point, the plugin module
  ``src/briefgen_NAME/__init__.py`` with its templates, a test that uses
  :mod:`briefgen.testing`, and a README. It installs and passes its test as
  it is.

Nothing is ever overwritten: when any file to write exists, nothing is
written and the error says which.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from importlib import metadata
from pathlib import Path
from string import Template

from . import __version__
from .config import CONFIG_FILE
from .errors import BriefgenError
from .plugins import ENTRY_POINT_GROUP

TEMPLATES = Path(__file__).parent / "newplugin_templates"
_NAME = re.compile(r"^[a-z][a-z0-9_]{0,31}$")

_PACKAGE_IMPORTS = "from pathlib import Path\n"
_PACKAGE_HOOKS = """

@hookimpl
def briefgen_template_dirs():
    # Searched after the site's templates/ and the theme, which can override them.
    return [Path(__file__).parent / "templates"]
"""


@dataclass
class NewPlugin:
    """What :func:`new_plugin` wrote, and what to do next."""

    name: str
    package: bool
    root: Path
    files: list[Path] = field(default_factory=list)

    def report(self) -> str:
        """The lines the command prints: the files created, then next steps."""
        lines = [f"created {_shown(path)}" for path in self.files]
        if self.package:
            folder = _shown(self.root)
            lines += [
                "next:",
                f"  install it:      pip install -e {folder}",
                "  see it loaded:   briefgen plugins   (in a site)",
                f"  run its tests:   cd {folder} && python -m pytest",
            ]
        else:
            lines += [
                "next:",
                f'  mark words in an article:  [the north quay]{{{self.name}="a note"}}',
                "  build the site:            briefgen build",
                "  see it loaded:             briefgen plugins",
            ]
        return "\n".join(lines)


def check_name(name: str) -> None:
    """Raise :class:`BriefgenError` unless ``name`` can name a plugin and a kind."""
    if not _NAME.match(name):
        raise BriefgenError(
            f"'{name}' cannot name a plugin",
            hint="use lowercase letters, digits and '_', starting with a letter "
            "(for example glossary or key_dates)",
        )


def new_plugin(name: str, *, package: bool = False, directory: Path = Path(".")) -> NewPlugin:
    """Write a new plugin called ``name``.

    ``directory`` is the site folder for a local plugin (it must hold a
    ``site.yml``), or the folder to create ``briefgen-NAME/`` in for a package.
    """
    check_name(name)
    directory = Path(directory)
    values = {
        "name": name,
        "module": f"briefgen_{name}",
        "dist": "briefgen-" + name.replace("_", "-"),
        "briefgen_version": ".".join(__version__.split(".")[:2]),
        "command": f"briefgen new plugin {name}" + (" --package" if package else ""),
        "package_imports": _PACKAGE_IMPORTS if package else "",
        "package_hooks": _PACKAGE_HOOKS if package else "",
    }
    if package:
        root = directory / values["dist"]
        if root.exists():
            raise BriefgenError(
                f"{_shown(root)} already exists",
                hint="briefgen new never overwrites files; remove it or use --dir",
            )
        src = Path("src") / values["module"]
        plan = {
            Path("pyproject.toml"): "package/pyproject.toml.tmpl",
            Path("README.md"): "package/README.md.tmpl",
            Path(".gitignore"): "package/gitignore.tmpl",
            src / "__init__.py": "plugin.py.tmpl",
            src / "templates" / "annotations" / f"{name}.html": "annotation.html.tmpl",
            Path("tests") / f"test_{name}.py": "package/test_plugin.py.tmpl",
        }
    else:
        root = directory
        if not (root / CONFIG_FILE).is_file():
            raise BriefgenError(
                f"no {CONFIG_FILE} in {_shown(root)}: a local plugin belongs to a site",
                hint="run this in a site folder, pass --dir SITE, or add --package "
                "for a plugin of its own",
            )
        _check_not_installed(name)
        plan = {
            Path("plugins") / f"{name}.py": "plugin.py.tmpl",
            Path("templates") / "annotations" / f"{name}.html": "annotation.html.tmpl",
        }
    existing = [root / rel for rel in plan if (root / rel).exists()]
    if existing:
        raise BriefgenError(
            f"{_shown(existing[0])} already exists",
            hint="briefgen new never overwrites files; choose another name or move it away",
        )
    result = NewPlugin(name, package, root)
    for rel, template in plan.items():
        text = Template((TEMPLATES / template).read_text(encoding="utf-8")).substitute(values)
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        result.files.append(path)
    return result


def _check_not_installed(name: str) -> None:
    """A local plugin may not share its name with an installed one."""
    for entry in metadata.entry_points(group=ENTRY_POINT_GROUP):
        if entry.name == name:
            raise BriefgenError(
                f"an installed plugin is already called '{name}' (module {entry.value})",
                hint="choose another name; a local plugin cannot share an installed one's",
            )


def _shown(path: Path) -> str:
    """``path`` relative to the current folder when it is below it."""
    try:
        rel = os.path.relpath(path)
    except ValueError:  # another drive on Windows
        return str(path)
    return str(path) if rel.startswith("..") and path.is_absolute() else rel
