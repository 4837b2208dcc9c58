"""The ``symalign`` command line: analyse games, list the catalogue, and (later) delegation, experiments, proofs."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from symalign.cli.experiments import register_delegation, register_experiment
from symalign.cli.common import emit, parse_profile
from symalign.core.errors import SymalignError
from symalign.cli.prove import register as register_prove

__all__ = ["main"]

DEFAULT_GAME = "prisoners-dilemma"
FORMATS = ("text", "json", "latex", "markdown")


class _UsageError(Exception):
    pass


class _Parser(argparse.ArgumentParser):
    def error(self, message):  # one line, status 2, no usage dump
        raise _UsageError(message)


def _version() -> str:
    try:
        from importlib.metadata import PackageNotFoundError, version
        return version("symalign")
    except (ImportError, PackageNotFoundError):  # run from a checkout without installing
        from symalign import __version__
        return f"{__version__} (not installed)"


def _build_parser() -> _Parser:
    p = _Parser(prog="symalign", description="Exact and symbolic alignment metrics for games.")
    p.add_argument("--version", action="version", version=f"symalign {_version()}",
                   help="print the installed version and exit")
    sub = p.add_subparsers(dest="command", parser_class=_Parser)
    a = sub.add_parser("analyze", help="analyse a game (catalogue name, .nfg or .json file, or -)")
    a.add_argument("game", nargs="?", default=DEFAULT_GAME,
                   help=f"catalogue name, file, or - for standard input (default {DEFAULT_GAME})")
    a.add_argument("--format", choices=FORMATS, default="text",
                   help="text (default), json (schema: symalign/io/schema/report.schema.json), "
                   "latex (a booktabs table) or markdown")
    a.add_argument("--profile", help="evaluate local metrics here: 'C,D' (pure, one action per "
                   "player) or '1/2,1/2;1,0' (one distribution per player; decimals such as "
                   "0.5 are exact)")
    a.add_argument("--sections", help="compute only these comma-separated sections (default "
                   "all): " + ", ".join(_section_names()))
    a.add_argument("--standalone", action="store_true",
                   help="with --format latex, write a complete document")
    a.add_argument("--quiet", "-q", action="store_true",
                   help="no progress lines on standard error")
    a.add_argument("--output", "-o", help="write to this file (atomically) instead of stdout")
    a.set_defaults(func=_cmd_analyze)
    g = sub.add_parser("games", help="list the catalogue games")
    g.add_argument("--format", choices=("text", "json"), default="text",
                   help="text (default) or json (a list of {name, description})")
    g.set_defaults(func=_cmd_games)
    for register in _COMMANDS:
        register(sub)
    return p


def _section_names() -> list[str]:
    from symalign.io.report import section_names
    return section_names()


def _register_equilibria(sub) -> None:
    e = sub.add_parser("equilibria", help="all Nash equilibria of a game, exactly (every extreme "
                       "equilibrium of a two-player game, as lrsnash: Avis, Rosenberg, Savani & "
                       "von Stengel 2010)")
    e.add_argument("game", nargs="?", default=DEFAULT_GAME,
                   help=f"catalogue name, file, or - for standard input (default {DEFAULT_GAME})")
    e.add_argument("--pure", action="store_true", help="pure equilibria only (any game)")
    e.add_argument("--format", choices=FORMATS, default="text",
                   help="text (default), json (the report schema, one 'equilibria' value), "
                   "latex or markdown")
    e.add_argument("--output", "-o", help="write to this file (atomically) instead of stdout")
    e.set_defaults(func=_cmd_equilibria)


def _cmd_equilibria(args) -> int:
    from symalign.io.gamefile import load_game
    from symalign.io.rendering import EquilibriumList, text_lines
    from symalign.io.report import Entry, Report, render
    from symalign.normalform.equilibria import nash_equilibria
    game, title = load_game(args.game)
    ne = nash_equilibria(game, kind="pure" if args.pure else "mixed")
    if not hasattr(ne, "profiles"):  # a symbolic game: each equilibrium with its condition
        why = "; ".join(ne.notes) or "generic supports only"
        lines = [f"{title}: {len(ne)} extreme Nash equilibria, each where its condition holds"
                 f"{'' if ne.complete else f' (not proved complete: {why})'}"]
        for e in ne:
            strat = "; ".join(", ".join(str(v) for v in s) for s in e.profile.strategies)
            lines.append(f"  {strat}  payoffs {', '.join(str(v) for v in e.payoffs)}  "
                         f"if {e.condition}")
        emit("\n".join(lines), args.output)
        return 0
    kind = "pure" if args.pure else "extreme"
    noun = "equilibrium" if len(ne) == 1 else "equilibria"
    label = f"{kind} Nash {noun}{'' if ne.complete else ' (not proved complete)'}"
    entry = Entry("nash_equilibria", label, EquilibriumList.from_record(ne), "equilibria")
    if args.format == "text":
        lines = [f"{title}: {len(ne)} {label}"]
        lines += [f"  {line}" for line in text_lines(entry.value, game)] if len(ne) else []
        for c in getattr(ne, "components", ()):
            state = {True: "nonempty", False: "empty", None: "not decided"}[c.nonempty]
            lines.append(f"  continuum on support {c.support}: dimension {c.dimension}, "
                         f"{state}, {len(c.vertices)} vertices listed above")
        if getattr(ne, "note", None):
            lines.append(f"  {ne.note}")
        emit("\n".join(lines), args.output)
    else:
        report = Report(title, game, (entry,), None, ({"name": "equilibria",
                        "title": "equilibria", "seconds": 0.0, "status": "complete"},))
        emit(render(report, args.format), args.output)
    return 0


#: Extra subcommands: each is ``register(subparsers)`` setting ``func`` via set_defaults.
_COMMANDS = [register_prove, register_experiment, register_delegation, _register_equilibria]


def _cmd_analyze(args) -> int:
    from symalign.io.gamefile import load_game
    from symalign.io.report import analyze, render
    game, title = load_game(args.game)
    profile = parse_profile(game, args.profile) if args.profile else None
    progress = None if args.quiet else _progress
    report = analyze(game, profile=profile, title=title, sections=args.sections,
                     progress=progress)
    emit(render(report, args.format, standalone=args.standalone), args.output)
    for s in report.sections:
        if s.get("note"):
            print(f"symalign: note: {s['note']}", file=sys.stderr)
    return 0


#: Progress lines on standard error start once a run has taken this many seconds (on a
#: terminal; when standard error is a file or a pipe).
_PROGRESS_AFTER = (1.0, 10.0)


def _progress(name: str, k: int, total: int, seconds: float) -> None:
    if seconds >= _PROGRESS_AFTER[0 if sys.stderr.isatty() else 1]:
        print(f"symalign: [{k + 1}/{total}] section '{name}' ({seconds:.1f} s so far)",
              file=sys.stderr, flush=True)


def _cmd_games(args) -> int:
    from symalign.normalform.games import CATALOGUE
    if args.format == "json":
        import json
        emit(json.dumps([{"name": k, "description": d} for k, (_, d) in CATALOGUE.items()],
                        indent=2), None)
        return 0
    width = max(len(k) for k in CATALOGUE)
    emit("\n".join(f"{k.ljust(width)}  {desc}" for k, (_, desc) in CATALOGUE.items()), None)
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit status (0 success, 2 user error).

    Examples
    ========

    >>> from symalign.cli import main
    >>> main(["analyze", "matching-pennies", "--format", "json"]) == 0  # doctest: +ELLIPSIS
    {...
    True

    """
    parser = _build_parser()
    try:
        args = parser.parse_args(argv)
        if args.command is None:
            parser.print_help()
            return 2
        return args.func(args)
    except _UsageError as exc:
        print(f"symalign: error: {exc}", file=sys.stderr)
        return 2
    except (SymalignError, OSError, UnicodeError) as exc:
        msg = " ".join(str(exc).split())
        print(f"symalign: error: {msg}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("symalign: interrupted", file=sys.stderr)
        return 130


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
