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
        loader = _Loader(text)
        try:
            node = loader.get_single_node()
            try:
                data = loader.construct_document(node) if node is not None else None
            except (ValueError, TypeError, OverflowError) as exc:
                # A well-formed value YAML cannot turn into data (2025-02-30).
                line = _failing_line(node, exc) + offset
                raise error_cls(
                    f"invalid value in {what}: {exc}",
                    file=file,
                    line=line,
                    hint="dates are written YYYY-MM-DD; quote the value to keep it as text",
                ) from None
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
    lines: dict[tuple, int] = {}
    if node is not None:
        _walk(node, (), offset, lines)
    return Located(data=data, file=str(file), first_line=first_line, lines=lines)
