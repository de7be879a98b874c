"""The ``briefgen`` command line."""

from __future__ import annotations

import argparse
import contextlib
import os
import sys
import time
import traceback
from collections.abc import Sequence
from pathlib import Path

from . import __version__
from .errors import BriefgenError

EXIT_OK = 0
EXIT_ERROR = 1  # bad input: the message says which file and line
EXIT_USAGE = 2  # wrong command-line arguments (argparse's convention)


def _source_arg(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "-s",
        "--source",
        default=".",
        metavar="DIR",
        help="the site folder, holding site.yml (default: the current folder)",
    )


def make_parser(plugin_commands: Sequence = ()) -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="briefgen",
        description="Build annotated briefing sites from Markdown.",
    )
    parser.add_argument("--version", action="version", version=f"briefgen {__version__}")
    parser.add_argument("--debug", action="store_true", help="show tracebacks for errors")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    p = sub.add_parser(
        "build",
        help="build the site into its output folder",
        description="Build the site. The output folder is replaced only "
        "when the whole build succeeded.",
    )
    _source_arg(p)
    p.add_argument(
        "-o", "--output", metavar="DIR", help="output folder (default: site.yml's output)"
    )
    p.add_argument("--strict", action="store_true", help="fail on warnings (for CI)")
    p.add_argument("--drafts", action="store_true", help="include articles marked draft: true")
    p.add_argument("-q", "--quiet", action="store_true", help="print only errors")

    p = sub.add_parser(
        "check",
        help="report problems (file:line: message) without building",
        description="Load and annotate the site and list every warning; "
        "exit status 1 when there is any.",
    )
    _source_arg(p)
    p.add_argument("--drafts", action="store_true", help="include drafts")

    p = sub.add_parser(
        "init",
        help="create a new site with a sample article",
        description="Create a new briefing site that builds as it is.",
    )
    p.add_argument("directory", help="folder to create (must be empty or missing)")
    p.add_argument("--title", default="My briefings", help="the site's title")

    p = sub.add_parser("plugins", help="list the plugins loaded for a site")
    _source_arg(p)

    p = sub.add_parser(
        "hooks",
        help="print the hook reference",
        description="Print every hook with its documentation.",
    )
    p.add_argument("--markdown", action="store_true", help="as Markdown (docs/hooks.md)")

    for command in plugin_commands:
        p = sub.add_parser(command.name, help=command.help, description=command.help)
        _source_arg(p)
        if command.add_arguments:
            command.add_arguments(p)
        p.set_defaults(plugin_command=command)
    return parser


def _plugin_commands(argv: Sequence[str]) -> list:
    """Commands from the plugins of the site named by --source (or the cwd)."""
    source = "."
    for i, arg in enumerate(argv):
        if arg in ("-s", "--source") and i + 1 < len(argv):
            source = argv[i + 1]
        elif arg.startswith("--source="):
            source = arg.split("=", 1)[1]
    try:
        from .plugins import PluginManager, discover

        manager = PluginManager(discover(Path(source), keep_going=True))
        return [c for _, cmds in manager.call("briefgen_commands") for c in cmds or []]
    except BriefgenError:
        return []


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    parser = make_parser(_plugin_commands(argv))
    args = parser.parse_args(argv)
    if not args.command:
        parser.print_help()
        return EXIT_USAGE
    try:
        return _run(args)
    except BriefgenError as exc:
        if args.debug:
            traceback.print_exc()
        print(f"error: {exc}", file=sys.stderr)
        return EXIT_ERROR
    except KeyboardInterrupt:
        return 130


def _run(args: argparse.Namespace) -> int:
    command = getattr(args, "plugin_command", None)
    if command is not None:
        from .build import load_site

        site = load_site(Path(args.source))
        return int(command.run(site, args) or 0)
    if args.command == "build":
        return _build(args)
    if args.command == "check":
        from .build import check

        warnings = check(Path(args.source), drafts=args.drafts)
        for w in warnings:
            print(w)
        print(f"{len(warnings)} problem(s)" if warnings else "no problems", file=sys.stderr)
        return EXIT_ERROR if warnings else EXIT_OK
    if args.command == "init":
        from .scaffold import init_site

        path = init_site(Path(args.directory), title=args.title)
        print(f"created a new site in {path}\nnext: cd {args.directory} && briefgen build")
        return EXIT_OK
    if args.command == "plugins":
        return _plugins(args)
    if args.command == "hooks":
        from .hookdoc import hook_reference

        print(hook_reference(markdown=args.markdown), end="")
        return EXIT_OK
    raise AssertionError(args.command)  # pragma: no cover


def _build(args: argparse.Namespace) -> int:
    from .build import build

    start = time.perf_counter()
    result = build(Path(args.source), output=args.output, strict=args.strict, drafts=args.drafts)
    if not args.quiet:
        for w in result.warnings:
            print(f"warning: {w}", file=sys.stderr)
        kinds = ", ".join(f"{n} {k}" for k, n in result.annotations.items()) or "none"
        out = (
            os.path.relpath(result.output)
            if result.output.is_relative_to(Path.cwd())
            else str(result.output)
        )
        print(
            f"built {result.articles} article(s), {result.pages} page(s) into {out} "
            f"in {time.perf_counter() - start:.2f}s; annotations: {kinds}; "
            f"{result.written} file(s) written, {result.unchanged} unchanged"
        )
    return EXIT_OK


def _plugins(args: argparse.Namespace) -> int:
    from .config import load_config
    from .plugins import PluginManager, discover

    source = Path(args.source)
    infos = discover(source, keep_going=True)
    config = None
    with contextlib.suppress(BriefgenError):
        config = load_config(source)
    manager = PluginManager(infos, config)
    rows = manager.infos
    if not rows:
        print("no plugins")
    for info in rows:
        state = ""
        if not info.enabled:
            state = " (not loaded)" if info.error else " (off in site.yml)"
        print(f"{info.name} {info.version} [{info.origin}]{state}")
        if info.error:
            print(f"    {info.error}")
        elif info.hooks:
            print("    hooks: " + ", ".join(info.hooks))
    return EXIT_OK


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
