"""YAML loading that remembers where each value came from.

Error messages name the file and line of the offending key, so loading keeps
the line of every mapping key (and of every item of a list) next to the data.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from .errors import BriefgenError

try:  # the C loader is several times faster when libyaml is present
    _Loader: type = yaml.CSafeLoader  # type: ignore[attr-defined]
except AttributeError:  # pragma: no cover - depends on how PyYAML was built
    _Loader = yaml.SafeLoader


@dataclass
class Located:
    """Parsed YAML data plus the line (1-based, in the file) of each key path.

    ``lines`` maps a tuple path such as ``("sources", 0, "url")`` to a line.
    ``line_of(*path)`` falls back to the closest known parent, then to the
    first line of the block.
    """

    data: Any
    file: str
    first_line: int = 1
    lines: dict[tuple, int] = field(default_factory=dict)

    def line_of(self, *path: str | int) -> int:
        p = tuple(path)
        while p:
            if p in self.lines:
                return self.lines[p]
            p = p[:-1]
        return self.first_line


def _walk(node: yaml.Node, path: tuple, offset: int, out: dict[tuple, int]) -> None:
    if isinstance(node, yaml.MappingNode):
        for key, value in node.value:
            if isinstance(key, yaml.ScalarNode):
                sub = (*path, key.value)
                out[sub] = key.start_mark.line + 1 + offset
                _walk(value, sub, offset, out)
    elif isinstance(node, yaml.SequenceNode):
        for i, item in enumerate(node.value):
            sub = (*path, i)
            out[sub] = item.start_mark.line + 1 + offset
            _walk(item, sub, offset, out)


_STR = "tag:yaml.org,2002:str"
_SEQ = "tag:yaml.org,2002:seq"
_MAP = "tag:yaml.org,2002:map"


class _Unusual(Exception):
    """A document :func:`_construct` leaves to PyYAML's own constructor."""


def _construct(
    node: yaml.Node, path: tuple, offset: int, lines: dict[tuple, int], loader: Any, depth: int = 0
) -> Any:
    """The data of ``node`` with the line of every key and item noted in
    ``lines``, in one pass. Strings, lists and mappings with string keys (what
    front matter is made of) are built here, other scalars by the loader;
    anything else (merge keys, other keys, deep or recursive nesting) raises
    :class:`_Unusual`. PyYAML's constructor, in Python, is otherwise most of
    the cost of reading a large registry."""
    if depth > 50:
        raise _Unusual
    if isinstance(node, yaml.ScalarNode):
        return node.value if node.tag == _STR else loader.construct_object(node, deep=True)
    deeper = depth + 1
    if isinstance(node, yaml.SequenceNode) and node.tag == _SEQ:
        items = []
        for i, item in enumerate(node.value):
            sub = (*path, i)
            lines[sub] = item.start_mark.line + 1 + offset
            items.append(_construct(item, sub, offset, lines, loader, deeper))
        return items
    if isinstance(node, yaml.MappingNode) and node.tag == _MAP:
        mapping: dict[str, Any] = {}
        for key, value in node.value:
            if not isinstance(key, yaml.ScalarNode) or key.tag != _STR:
                raise _Unusual
            sub = (*path, key.value)
            lines[sub] = key.start_mark.line + 1 + offset
            mapping[key.value] = _construct(value, sub, offset, lines, loader, deeper)
        return mapping
    raise _Unusual


def _failing_line(node: yaml.Node, exc: Exception) -> int:
    """The line of the value that could not be constructed, found by trying
    each scalar again on its own."""
    stack = [node]
    while stack:
        current = stack.pop()
        if isinstance(current, yaml.MappingNode):
            for key, value in reversed(current.value):
                stack.extend([value, key])
        elif isinstance(current, yaml.SequenceNode):
            stack.extend(reversed(current.value))
        elif isinstance(current, yaml.ScalarNode):
            loader = _Loader("")
            try:
                loader.construct_object(current, deep=True)
            except (ValueError, TypeError, OverflowError):
                return current.start_mark.line + 1
            finally:
                loader.dispose()
    return node.start_mark.line + 1


def _construct_slowly(
    text: str,
    offset: int,
    lines: dict[tuple, int],
    error_cls: type[BriefgenError],
    file: str | Path,
    what: str,
) -> Any:
    """PyYAML's constructor over a fresh parse, noting lines afterwards."""
    loader = _Loader(text)
    try:
        node = loader.get_single_node()
        if node is None:
            return None
        try:
            data = loader.construct_document(node)
        except (ValueError, TypeError, OverflowError) as exc:
            # A well-formed value YAML cannot turn into data (2025-02-30).
            raise error_cls(
                f"invalid value in {what}: {exc}",
                file=file,
                line=_failing_line(node, exc) + offset,
                hint="dates are written YYYY-MM-DD; quote the value to keep it as text",
            ) from None
        _walk(node, (), offset, lines)
        return data
    finally:
        loader.dispose()


def load_yaml(
    text: str,
    file: str | Path,
    *,
    first_line: int = 1,
    error_cls: type[BriefgenError] = BriefgenError,
    what: str = "YAML",
) -> Located:
    """Parse ``text`` (which starts at ``first_line`` of ``file``).

    Raises ``error_cls`` with the file and line of the syntax error.
    """
    offset = first_line - 1
    try:
        lines: dict[tuple, int] = {}
        loader = _Loader(text)
        try:
            node = loader.get_single_node()
            data = None if node is None else _construct(node, (), offset, lines, loader)
        except (_Unusual, ValueError, TypeError, OverflowError, yaml.constructor.ConstructorError):
            # Not plain front matter, or a value that may not construct:
            # PyYAML's own constructor decides (its error names the line).
            lines = {}
            data = _construct_slowly(text, offset, lines, error_cls, file, what)
        finally:
            loader.dispose()
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 + offset if mark else first_line
        problem = exc.problem or str(exc)
        raise error_cls(
            f"invalid {what}: {problem}",
            file=file,
            line=line,
            hint="check the indentation and quoting around this line; "
            "values containing ': ' or starting with a quote or [ need quotes",
        ) from None
    except yaml.YAMLError as exc:
        raise error_cls(f"invalid {what}: {exc}", file=file, line=first_line) from None
    return Located(data=data, file=str(file), first_line=first_line, lines=lines)
