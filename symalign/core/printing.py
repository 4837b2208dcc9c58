"""LaTeX export (`symalign.latex`): ``symalign.latex(obj)`` for games, profiles, metric records and expressions."""

from __future__ import annotations

import dataclasses
import itertools

import sympy
from sympy.printing.latex import LatexPrinter

__all__ = ["latex", "SymalignLatexPrinter", "game_latex", "report_latex", "rich_display",
           "enable_rich_display"]


class SymalignLatexPrinter(LatexPrinter):
    """A sympy `LatexPrinter` that also prints symalign objects (games, profiles, records)."""

    printmethod = "_latex"

    def _print_Piecewise(self, expr):
        rows = []
        for e, c in expr.args:
            cond = r"\text{otherwise}" if c is sympy.true else self._print(c)
            rows.append(f"{self._print(e)} & {cond}")
        return r"\begin{cases} " + r" \\ ".join(rows) + r" \end{cases}"

    def _print_bool(self, b):
        return r"\text{yes}" if b else r"\text{no}"

    def _print_str(self, s):
        return r"\text{" + _escape(s) + "}"

    def _print_tuple(self, t):
        return r"\left(" + ", ".join(self._print(x) for x in t) + r"\right)"

    def _print_BooleanTrue(self, b):
        return r"\text{yes}"

    def _print_BooleanFalse(self, b):
        return r"\text{no}"

    def doprint(self, expr):
        if dataclasses.is_dataclass(expr) and not hasattr(expr, "_latex"):
            return report_latex(expr, self)
        return super().doprint(expr)


_ESCAPES = {"\\": r"\textbackslash{}", "&": r"\&", "%": r"\%", "$": r"\$", "#": r"\#",
            "_": r"\_", "{": r"\{", "}": r"\}", "~": r"\textasciitilde{}",
            "^": r"\textasciicircum{}", "<": r"\textless{}", ">": r"\textgreater{}",
            "|": r"\textbar{}"}


def _escape(s: str) -> str:
    return "".join(_ESCAPES.get(c, c) for c in s)


def latex(obj, **settings) -> str:
    """LaTeX for any object symalign returns, or any sympy expression.

    Games print as payoff tables (a bimatrix for two players, one table per action of the
    third and later players), records as a two-column table, ``Piecewise`` as ``cases``.

    Examples
    ========

    >>> import sympy, symalign as sa
    >>> print(sa.latex(sympy.sqrt(57) / 2))
    \\frac{\\sqrt{57}}{2}
    >>> print(sa.latex(sa.games.prisoners_dilemma()))
    \\begin{array}{r|cc}
     & \\text{C} & \\text{D} \\\\
    \\hline
    \\text{C} & 2, 2 & 0, 3 \\\\
    \\text{D} & 3, 0 & 1, 1
    \\end{array}

    """
    return SymalignLatexPrinter(settings).doprint(obj)


def _bimatrix(game, printer, fixed=()) -> str:
    rows0, cols1 = game.actions[0], game.actions[1]
    head = " & ".join(printer._print_str(a) for a in cols1)
    lines = [r"\begin{array}{r|" + "c" * len(cols1) + "}", f" & {head} \\\\", r"\hline"]
    body = []
    for r, rname in enumerate(rows0):
        cells = []
        for c in range(len(cols1)):
            prof = (r, c, *fixed)
            cells.append(", ".join(printer._print(game.payoff(i, prof))
                                   for i in range(game.n_players)))
        body.append(printer._print_str(rname) + " & " + " & ".join(cells))
    lines.append(" \\\\\n".join(body))
    lines.append(r"\end{array}")
    return "\n".join(lines)


def _player(name: str) -> str:
    return f"player {name}" if name.isdigit() else name


def game_latex(game, printer) -> str:
    """LaTeX of a `Game` (called through ``printer._print``)."""
    n = game.n_players
    if n == 1:
        cells = " & ".join(printer._print(game.payoff(0, (a,))) for a in range(game.shape[0]))
        head = " & ".join(printer._print_str(a) for a in game.actions[0])
        return (r"\begin{array}{" + "c" * game.shape[0] + "}\n" + head + r" \\" + "\n\\hline\n"
                + cells + "\n" + r"\end{array}")
    if n == 2:
        return _bimatrix(game, printer)
    blocks = []
    for rest in itertools.product(*(range(k) for k in game.shape[2:])):
        label = ", ".join(f"{_player(game.players[2 + j])} plays {game.actions[2 + j][a]}"
                          for j, a in enumerate(rest))
        blocks.append(r"\text{" + _escape(label) + r"}:\quad " + _bimatrix(game, printer, rest))
    return r"\begin{gathered}" + "\n" + " \\\\\n".join(blocks) + "\n" + r"\end{gathered}"


def report_latex(record, printer) -> str:
    """LaTeX of a frozen-dataclass result record: a two-column array of its fields."""
    rows = []
    for f in dataclasses.fields(record):
        if not f.repr:
            continue
        value = getattr(record, f.name)
        if isinstance(value, str):
            shown = printer._print_str(value)
        else:
            shown = printer._print(value)
        rows.append(r"\text{" + _escape(f.name.replace("_", " ")) + "} & " + shown)
    return r"\begin{array}{ll}" + "\n" + " \\\\\n".join(rows) + "\n" + r"\end{array}"


def _record_latex(self) -> str:
    return "$\\displaystyle " + latex(self) + "$"


def _record_html(self) -> str:
    import html
    rows = []
    for f in dataclasses.fields(self):
        value = getattr(self, f.name)
        text = " ".join(str(value).split())
        if len(text) > 2000:
            text = text[:2000] + " ..."
        rows.append(f"<tr><td>{html.escape(f.name.replace('_', ' '))}</td>"
                    f"<td>{html.escape(text)}</td></tr>")
    return (f"<p><b>{html.escape(type(self).__name__)}</b></p><table>" + "".join(rows)
            + "</table>")


def rich_display(cls):
    """Give a result record class Jupyter's ``_repr_latex_`` and ``_repr_html_`` (if it has none).

    The LaTeX is the record's two-column array (`report_latex`, the fields shown by ``repr``);
    the HTML table shows every field, so that e.g. the equilibria of a `NashEquilibria` record
    are seen, not only how they were computed.

    Examples
    ========

    >>> import symalign as sa
    >>> r = sa.nash_equilibria(sa.games.matching_pennies())
    >>> "<td>profiles</td>" in r._repr_html_() and r._repr_latex_().startswith("$")
    True

    """
    if not hasattr(cls, "_repr_latex_"):
        cls._repr_latex_ = _record_latex
    if not hasattr(cls, "_repr_html_"):
        cls._repr_html_ = _record_html
    return cls


def enable_rich_display(namespace: dict) -> None:
    """Apply `rich_display` to every dataclass (result record) class in ``namespace``."""
    for value in list(namespace.values()):
        if isinstance(value, type) and dataclasses.is_dataclass(value):
            rich_display(value)
