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


def _work_args(p: argparse.ArgumentParser, what: str) -> None:
    """``--jobs`` and ``--no-cache``, which ``build`` and ``check`` share."""
    p.add_argument(
        "-j",
        "--jobs",
        type=int,
        metavar="N",
        help=f"processes to use (default: one per core); {what} the same for any N",
    )
    p.add_argument(
        "--no-cache",
        action="store_true",
        help="ignore and do not update the cache in .briefgen-cache/",
    )


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
    _work_args(p, "the output is")

    p = sub.add_parser(
        "serve",
        help="preview the site, rebuilding and reloading the browser on every save",
        description="Build the site into a private folder, serve it over HTTP and watch "
        "its files: each change rebuilds it and reloads open pages; a failed build shows "
        "its error over the last good page. Stop with Ctrl-C.",
    )
    _source_arg(p)
    p.add_argument(
        "--host",
        default="127.0.0.1",
        help="address to listen on (default: 127.0.0.1, this machine only)",
    )
    p.add_argument(
        "-p",
        "--port",
        type=int,
        metavar="N",
        help="port to listen on (default: 8000, or the next free one; 0: any free port)",
    )
    p.add_argument("--open", action="store_true", help="open the site in a web browser")
    p.add_argument(
        "--poll", action="store_true", help="poll for changes (network mounts, containers)"
    )
    p.add_argument("--drafts", action="store_true", help="include articles marked draft: true")

    p = sub.add_parser(
        "check",
        help="report problems (file:line: message) without building",
        description="Load and annotate the site and list every warning; "
        "exit status 1 when there is any. Articles a build annotated are "
        "taken from its cache.",
    )
    _source_arg(p)
    p.add_argument("--drafts", action="store_true", help="include drafts")
    _work_args(p, "the warnings are")

    p = sub.add_parser(
        "init",
        help="create a new site with a sample article",
        description="Create a new briefing site that builds as it is.",
    )
    p.add_argument("directory", help="folder to create (must be empty or missing)")
    p.add_argument("--title", default="My briefings", help="the site's title")

    p = sub.add_parser(
        "new",
        help="write a new annotation plugin to start from",
        description="Write a working annotation plugin: plugins/NAME.py and its "
        "template in a site, or with --package a package of its own, briefgen-NAME/, "
        "with pyproject.toml, templates and a test. Never overwrites a file.",
    )
    p.add_argument("what", choices=["plugin"], help="what to create")
    p.add_argument("name", help="the plugin's name, also its annotation kind (e.g. glossary)")
    p.add_argument("--package", action="store_true", help="write a package to install with pip")
    p.add_argument(
        "--dir",
        default=".",
        metavar="DIR",
        help="the site folder (default: the current folder); with --package, "
        "the folder to create briefgen-NAME/ in",
    )

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
    builtin = make_parser()
    words = [a for a in argv if not a.startswith("-")]
    known = builtin._subparsers._group_actions[0].choices  # type: ignore[union-attr]
    # Plugins are imported to find their commands only when one may be asked
    # for (or for the full --help), so built-in commands start fast.
    wanted = not words or words[0] not in known
    parser = make_parser(_plugin_commands(argv)) if wanted else builtin
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


def run() -> None:
    """The ``briefgen`` console script: :func:`main`, then the process ends
    at once. Tearing the interpreter down (freeing every object of a large
    build one by one) would add a few tenths of a second to each command;
    output is flushed and the build's files are complete and closed by then,
    and no worker process is left."""
    code = main()
    try:
        sys.stdout.flush()
        sys.stderr.flush()
    except (OSError, ValueError):
        code = code or EXIT_ERROR
    os._exit(code)


def _run(args: argparse.Namespace) -> int:
    command = getattr(args, "plugin_command", None)
    if command is not None:
        from .build import load_site

        site = load_site(Path(args.source))
        return int(command.run(site, args) or 0)
    if args.command == "build":
        return _build(args)
    if args.command == "serve":
        from .serve import serve

        return serve(
            Path(args.source),
            host=args.host,
            port=args.port,
            open_browser=args.open,
            poll=args.poll,
            drafts=args.drafts,
        )
    if args.command == "check":
        from .build import check

        warnings = check(
            Path(args.source), drafts=args.drafts, jobs=args.jobs, use_cache=not args.no_cache
        )
        for w in warnings:
            print(w)
        print(f"{len(warnings)} problem(s)" if warnings else "no problems", file=sys.stderr)
        return EXIT_ERROR if warnings else EXIT_OK
    if args.command == "init":
        from .scaffold import init_site

        path = init_site(Path(args.directory), title=args.title)
        print(f"created a new site in {path}\nnext: cd {args.directory} && briefgen build")
        return EXIT_OK
    if args.command == "new":
        from .newplugin import new_plugin

        created = new_plugin(args.name, package=args.package, directory=Path(args.dir))
        print(created.report())
        return EXIT_OK
    if args.command == "plugins":
        return _plugins(args)
    if args.command == "hooks":
        from .hookdoc import hook_reference

        print(hook_reference(markdown=args.markdown), end="")
        return EXIT_OK
    raise AssertionError(args.command)  # pragma: no cover


def _build(args: argparse.Namespace) -> int:
    from .lastbuild import InputCheck, check_inputs
    from .progress import Progress

    progress = Progress(enabled=None if not args.quiet else False)
    start = time.perf_counter()
    # Nothing changed: answered from the last build's record, before the
    # parser, Jinja and the plugins are even imported.
    inputs = (
        InputCheck()
        if args.no_cache
        else check_inputs(args.source, args.output, drafts=args.drafts, strict=args.strict)
    )
    result = inputs.unchanged
    if result is None:
        from .build import Builder

        builder = Builder(
            args.source,
            output=args.output,
            drafts=args.drafts,
            jobs=args.jobs,
            use_cache=not args.no_cache,
            keep=False,
        )
        try:
            result = builder.rebuild(
                strict=args.strict,
                progress=progress,
                inputs=inputs.fingerprint,
                read=inputs.read,
                published=inputs.published,
            )
        finally:
            progress.clear()
    if args.quiet:
        return EXIT_OK
    for w in result.warnings:
        print(f"warning: {w}", file=sys.stderr)
    kinds = ", ".join(f"{n} {k}" for k, n in result.annotations.items()) or "none"
    out = result.output
    shown = os.path.relpath(out) if out.is_relative_to(Path.cwd()) else str(out)
    elapsed = time.perf_counter() - start
    if result.nothing_changed:
        print(
            f"nothing changed since the last build of {shown} ({result.articles} article(s), "
            f"{result.pages} page(s)); {elapsed:.2f}s"
        )
        return EXIT_OK
    print(
        f"built {result.articles} article(s), {result.pages} page(s) into {shown} "
        f"in {elapsed:.2f}s\n"
        f"  annotations: {kinds}\n"
        f"  {result.rendered} page(s) rendered, {result.cache_hits} article(s) from the cache; "
        f"{result.written} file(s) written, {result.unchanged} unchanged, "
        f"{result.removed} removed"
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
    run()
