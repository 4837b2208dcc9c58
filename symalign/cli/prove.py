"""``symalign prove``: run the machine-checked theorems from the command line."""

from __future__ import annotations

from symalign.proving.runner import FORMATS, render, render_latex, run_proofs

__all__ = ["register"]


def register(subparsers) -> None:
    """Add ``symalign prove`` to the command line .

    ``symalign prove [--format table|json|latex|markdown] [--only NAME ...] [--latex FILE]
    [--output FILE]`` runs the theorems; the exit status is 0 when every theorem came out as
    expected (proved, or refuted when it is meant to be false), 1 otherwise.

    Examples
    ========

    >>> import argparse
    >>> from symalign.cli.prove import register
    >>> sub = argparse.ArgumentParser(prog="symalign").add_subparsers(dest="command")
    >>> register(sub)
    >>> args = sub.choices["prove"].parse_args(["--format", "json", "--only", "pd_covariance"])
    >>> args.format, args.only
    ('json', ['pd_covariance'])

    """
    p = subparsers.add_parser("prove", help="run the machine-checked theorems (proofs/)")
    p.add_argument("--format", choices=FORMATS, default="table",
                   help="table (default, plain text), json, markdown or latex: one row per "
                   "theorem with its claim, method, verdict and seconds")
    p.add_argument("--only", action="append", metavar="NAME",
                   help="run only this theorem (repeatable)")
    p.add_argument("--latex", metavar="FILE", help="also write the LaTeX proof report to FILE")
    p.add_argument("--output", "-o", help="write to this file (atomically) instead of stdout")
    p.set_defaults(func=_cmd_prove)


def _cmd_prove(args) -> int:
    from symalign.cli.common import emit
    from symalign.io.files import atomic_write
    results = run_proofs(only=args.only)
    if args.latex:
        atomic_write(args.latex, render_latex(results))
    emit(render(results, args.format), args.output)
    return 0 if all(v.ok for v in results) else 1
