"""The hook reference, generated from the docstrings in hookspecs.py."""

from __future__ import annotations

import inspect

from . import hookspecs


def hook_names() -> list[str]:
    """Every hook, in the order they are declared (the order a build calls them)."""
    names = [n for n, f in vars(hookspecs).items() if n.startswith("briefgen_") and callable(f)]
    return sorted(names, key=lambda n: getattr(hookspecs, n).__code__.co_firstlineno)


def hook_reference(*, markdown: bool = False) -> str:
    parts = []
    if markdown:
        parts.append(
            "# Hook reference\n\n"
            "Generated from `briefgen/hookspecs.py` by `briefgen hooks --markdown`; "
            "do not edit by hand.\n"
            "Hooks are listed in the order a build calls them.\n"
        )
    intro = inspect.getdoc(hookspecs)
    if markdown and intro:
        parts.append(intro + "\n")
    for name in hook_names():
        func = getattr(hookspecs, name)
        sig = inspect.signature(func)
        args = ", ".join(sig.parameters)
        doc = inspect.getdoc(func) or ""
        if markdown:
            parts.append(f"## `{name}({args})`\n\n{doc}\n")
        else:
            parts.append(
                f"{name}({args})\n" + "\n".join("    " + ln for ln in doc.splitlines()) + "\n"
            )
    return "\n".join(parts)
