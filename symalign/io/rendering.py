"""Rendering a `Report` as text, JSON (with a shipped JSON Schema), Markdown or LaTeX.

Every value of a report is one of a few kinds, rendered the same way in every format:

- a scalar (a sympy number or expression): its exact form, plus a decimal when it is a real
  number that is not rational (text, Markdown, LaTeX) and always in JSON;
- a yes/no answer, or a condition on the parameters of a symbolic game;
- a payoff vector, a list of payoff vectors (a frontier), a matrix;
- a list of pure profiles, the Nash equilibria with their payoffs, a security value with its
  maxmin strategies, all shown with the game's strategy labels;
- an undefined value, with the reason (never NaN, never a silent 0).

The JSON document follows ``symalign/io/schema/report.schema.json``, shipped in the package
(`report_schema` loads it).
"""

from __future__ import annotations

import html
import json
import math
import re
from dataclasses import dataclass

import sympy

from symalign.core.errors import SymalignError

__all__ = ["render", "report_schema", "value_to_json", "SCHEMA_ID", "PureProfiles",
           "EquilibriumList", "ComponentList"]

#: The ``$id`` of the report schema; the JSON document names it under ``"schema"``.
SCHEMA_ID = "https://symalign.invalid/schema/report-1.json"

FORMATS = ("text", "json", "markdown", "latex")


# -- value kinds that need the game's labels ----------------------------------------------------

@dataclass(frozen=True)
class PureProfiles:
    """Pure profiles (tuples of action indices) in a report, shown with strategy labels."""

    profiles: tuple[tuple[int, ...], ...]

    def __len__(self):
        return len(self.profiles)

    def __iter__(self):
        return iter(self.profiles)

    def __getitem__(self, k):
        return self.profiles[k]

    def __eq__(self, other):
        if isinstance(other, PureProfiles):
            return self.profiles == other.profiles
        return self.profiles == other

    def __hash__(self):
        return hash(self.profiles)


@dataclass(frozen=True)
class EquilibriumList:
    """Mixed profiles with their payoff vectors (e.g. every extreme Nash equilibrium)."""

    strategies: tuple[tuple[tuple, ...], ...]
    payoffs: tuple[tuple, ...]
    complete: bool = True

    def __len__(self):
        return len(self.strategies)

    @classmethod
    def from_record(cls, ne) -> EquilibriumList:
        """From a `NashEquilibria` record (or anything with ``profiles`` and ``payoffs``)."""
        return cls(tuple(tuple(tuple(s) for s in p.strategies) for p in ne.profiles),
                   tuple(tuple(v) for v in ne.payoffs), bool(getattr(ne, "complete", True)))


@dataclass(frozen=True)
class ComponentList:
    """The connected components of a two-player game's Nash equilibria (Avis, Rosenberg, Savani
    & von Stengel 2010): for each component its kind, its dimension and its maximal Nash subsets,
    each subset the product of two polytopes given by their vertices (player 0's, player 1's).

    A subset is shown as the convex hull of its extreme equilibria (every pair of a row vertex
    and a column vertex), since ``conv(A) x conv(B) = conv(A x B)``."""

    components: tuple[tuple[str, int, tuple[tuple[tuple, tuple], ...]], ...]

    def __len__(self):
        return len(self.components)

    @classmethod
    def from_record(cls, comps) -> ComponentList:
        """From an `EquilibriumComponents` record."""
        return cls(tuple((c.kind, c.dimension,
                          tuple((tuple(s.row_vertices), tuple(s.column_vertices))
                                for s in c.subsets)) for c in comps))


def _subset_extremes(rows, cols):
    return [(r, c) for r in rows for c in cols]


def _undefined_reason(v):
    return getattr(v, "reason", None) if type(v).__name__ == "_Undefined" else None


def _is_security(v) -> bool:
    return type(v).__name__ == "SecurityResult"


# -- scalars ----------------------------------------------------------------------------------

def _sympify(v):
    if isinstance(v, sympy.Basic):
        return v
    try:
        return sympy.sympify(v, strict=True)
    except (sympy.SympifyError, TypeError, ValueError):
        return None


def decimal(v) -> float | None:
    """A float approximation of a real number, or ``None`` (symbolic, complex, too large)."""
    e = _sympify(v)
    if e is None or not getattr(e, "is_number", False) or e.free_symbols:
        return None
    if isinstance(e, sympy.logic.boolalg.Boolean):
        return None
    try:
        f = float(sympy.N(e, 17))
    except (TypeError, ValueError, ZeroDivisionError):
        return None
    return f if math.isfinite(f) else None


def _needs_decimal(v) -> bool:
    e = _sympify(v)
    return (e is not None and getattr(e, "is_number", False) and not e.is_Rational
            and decimal(e) is not None)


def _short_decimal(v) -> str:
    return f"{decimal(v):.6g}"


def _is_condition(v) -> bool:
    return isinstance(v, (sympy.logic.boolalg.Boolean, sympy.core.relational.Relational)) \
        and v not in (sympy.true, sympy.false)


def _is_vector(v) -> bool:
    return isinstance(v, tuple) and len(v) > 0 and all(not isinstance(x, (tuple, bool, str)) and
                                        _undefined_reason(x) is None and not _is_security(x)
                                        for x in v)


def _is_vectors(v) -> bool:
    return isinstance(v, tuple) and len(v) > 0 and all(_is_vector(x) for x in v)


# -- strategy labels --------------------------------------------------------------------------

def _pure_labels(game, profile) -> list[str]:
    return [game.actions[i][a] for i, a in enumerate(profile)]


def _mixed_terms(game, i, dist) -> list[tuple[object, str]]:
    """The (probability, label) pairs of player ``i``'s strategy with positive weight."""
    return [(p, game.actions[i][k]) for k, p in enumerate(dist) if p != 0]


def _numeric_labels(game, i) -> bool:
    """Whether player ``i``'s labels could be read as numbers (then ``label: p`` pairs)."""
    return any(re.match(r"[-+.0-9]", a) for a in game.actions[i])


def _mixed_text(game, strategies, players=None) -> str:
    parts = []
    for i, dist in zip(players or range(len(strategies)), strategies):
        terms = _mixed_terms(game, i, dist)
        if len(terms) == 1 and terms[0][0] == 1:
            parts.append(terms[0][1])
        elif _numeric_labels(game, i):
            parts.append(", ".join(f"{a}: {p}" for p, a in terms))
        else:
            parts.append(" + ".join(f"{p} {a}" for p, a in terms))
    return "(" + "; ".join(parts) + ")"


# -- JSON -------------------------------------------------------------------------------------

def _num(v) -> dict:
    return {"exact": str(v), "decimal": decimal(v)}


def _strategy_map(game, i, dist) -> dict:
    return {game.actions[i][k]: _num(p) for k, p in enumerate(dist)}


def value_to_json(value, game) -> dict:
    """The JSON form of one report value (an object with a ``"type"``; see the module).

    Examples
    ========

    >>> import sympy, symalign as sa
    >>> from symalign.io.rendering import value_to_json
    >>> value_to_json(sympy.sqrt(2) / 2, sa.games.stag_hunt())
    {'type': 'number', 'exact': 'sqrt(2)/2', 'decimal': 0.7071067811865476}

    """
    reason = _undefined_reason(value)
    if reason is not None:
        return {"type": "undefined", "reason": reason}
    if isinstance(value, bool) or value is sympy.true or value is sympy.false:
        return {"type": "boolean", "value": bool(value)}
    if isinstance(value, PureProfiles):
        return {"type": "profiles", "profiles": [_pure_labels(game, p) for p in value]}
    if isinstance(value, EquilibriumList):
        return {"type": "equilibria", "complete": value.complete, "equilibria": [
            {"strategies": [_strategy_map(game, i, d) for i, d in enumerate(s)],
             "payoffs": [_num(x) for x in pay]}
            for s, pay in zip(value.strategies, value.payoffs)]}
    if isinstance(value, ComponentList):
        return {"type": "components", "components": [
            {"kind": kind, "dimension": dim, "subsets": [
                {"vertices": [[_strategy_map(game, 0, r) for r in rows],
                              [_strategy_map(game, 1, c) for c in cols]]}
                for rows, cols in subsets]}
            for kind, dim, subsets in value.components]}
    if _is_security(value):
        out = {"type": "security", "player": game.players[value.player],
               "value": _num(value.value), "mixed": bool(value.mixed)}
        if value.mixed:
            out["strategies"] = [_strategy_map(game, value.player, d) for d in value.strategies]
        else:
            out["strategies"] = [{game.actions[value.player][a]: _num(1)}
                                 for a in value.strategies]
        return out
    if isinstance(value, sympy.MatrixBase):
        return {"type": "matrix", "rows": [[_num(x) for x in value.row(r)]
                                           for r in range(value.rows)]}
    if _is_condition(value):
        return {"type": "condition", "exact": str(value)}
    if isinstance(value, tuple):
        if _is_vectors(value):
            return {"type": "vectors", "vectors": [[_num(x) for x in v] for v in value]}
        if _is_vector(value):
            return {"type": "vector", "values": [_num(x) for x in value]}
        return {"type": "list", "items": [value_to_json(x, game) for x in value]}
    if isinstance(value, str):
        return {"type": "text", "value": value}
    return {"type": "number", **_num(value)}


def _game_json(game) -> dict:
    U = game.sympy_array()
    return {"players": list(game.players), "actions": [list(a) for a in game.actions],
            "shape": list(game.shape),
            "payoffs": [_nested(U[i]) for i in range(game.n_players)],
            "parameters": sorted(str(s) for s in game.free_symbols),
            "assumptions": [str(a) for a in game.assumptions]}


def _nested(arr):
    if getattr(arr, "ndim", 0) == 0:
        return str(arr)
    return [_nested(a) for a in arr]


def _profile_json(profile, game):
    if profile is None:
        return None
    from symalign.core.profiles import MixedProfile
    if isinstance(profile, MixedProfile):
        return {"type": "mixed_profile",
                "strategies": [_strategy_map(game, i, d) for i, d in
                               enumerate(profile.strategies)]}
    try:
        return {"type": "profiles", "profiles": [_pure_labels(game, game.pure_profile(profile))]}
    except SymalignError:
        return {"type": "text", "value": str(profile)}


def _json(report) -> str:
    game = report.game
    payload = {"schema": SCHEMA_ID, "title": report.title, "game": _game_json(game),
               "profile": _profile_json(report.profile, game),
               "sections": [dict(s) for s in report.sections],
               "metrics": {e.key: {"label": e.label, "section": e.section,
                                   "value": value_to_json(e.value, game)}
                           for e in report.entries}}
    return json.dumps(payload, indent=2, ensure_ascii=False)


def report_schema() -> dict:
    """The JSON Schema (draft 2020-12) of ``render(report, "json")``, shipped in the package.

    Examples
    ========

    >>> from symalign.io.rendering import report_schema
    >>> report_schema()["title"]
    'symalign analysis report'

    """
    from importlib import resources
    text = resources.files("symalign.io").joinpath("schema", "report.schema.json").read_text(
        encoding="utf-8")
    return json.loads(text)


# -- text and Markdown --------------------------------------------------------------------------

def _text_scalar(v) -> str:
    s = str(v)
    if _needs_decimal(v):
        s += f" (≈ {_short_decimal(v)})"
    return s


def text_lines(value, game) -> list[str]:
    """A value as one or more lines of text (a list is one item per line)."""
    reason = _undefined_reason(value)
    if reason is not None:
        return [f"undefined: {' '.join(reason.split())}"]
    if isinstance(value, bool) or value is sympy.true or value is sympy.false:
        return ["yes" if value else "no"]
    if isinstance(value, PureProfiles):
        return ["(" + ", ".join(_pure_labels(game, p)) + ")" for p in value] or ["none"]
    if isinstance(value, EquilibriumList):
        return [f"{_mixed_text(game, s)}  payoffs ({', '.join(_text_scalar(x) for x in pay)})"
                for s, pay in zip(value.strategies, value.payoffs)] or ["none"]
    if isinstance(value, ComponentList):
        return [f"{kind}: " + " ∪ ".join(
            _mixed_text(game, ex[0]) if len(ex) == 1 else
            "conv{" + ", ".join(_mixed_text(game, e) for e in ex) + "}"
            for ex in (_subset_extremes(r, c) for r, c in subsets))
            for kind, _, subsets in value.components] or ["none"]
    if _is_security(value):
        if value.mixed:
            strats = [_mixed_text(game, [d], [value.player])[1:-1] for d in value.strategies]
        else:
            strats = [game.actions[value.player][a] for a in value.strategies]
        if not strats:      # a symbolic game's mixed value: no maxmin strategy computed
            return [_text_scalar(value.value)]
        return [f"{_text_scalar(value.value)}  (maxmin: {' or '.join(strats)})"]
    if isinstance(value, sympy.MatrixBase):
        return ["[" + ", ".join(_text_scalar(x) for x in value.row(r)) + "]"
                for r in range(value.rows)]
    if isinstance(value, tuple):
        if _is_vectors(value):
            return ["(" + ", ".join(_text_scalar(x) for x in v) + ")" for v in value]
        if _is_vector(value):
            return ["(" + ", ".join(_text_scalar(x) for x in value) + ")"]
        lines = [ln for x in value for ln in text_lines(x, game)]
        return lines or ["none"]
    if isinstance(value, str):
        return [value]
    return [_text_scalar(value)]


def _text(report) -> str:
    game = report.game
    width = max([len(e.label) for e in report.entries] + [0])
    lines = [report.title, "=" * len(report.title), _game_summary(game)]
    section = None
    for e in report.entries:
        if e.section != section:
            section = e.section
            lines += ["", f"[{section}]"]
        values = text_lines(e.value, game)
        lines.append(f"  {e.label.ljust(width)}  {values[0]}")
        lines += [" " * (width + 4) + v for v in values[1:]]
    for s in report.sections:
        if s.get("note"):
            lines += ["", f"note: {s['note']}"]
    return "\n".join(lines)


def _player(name: str) -> str:
    return f"player {name}" if name.isdigit() else name


def _game_summary(game) -> str:
    players = "; ".join(f"{_player(p)}: {', '.join(a)}"
                        for p, a in zip(game.players, game.actions))
    shape = " x ".join(str(k) for k in game.shape)
    params = sorted(str(s) for s in game.free_symbols)
    extra = f"; parameters {', '.join(params)}" if params else ""
    plural = "s" if game.n_players != 1 else ""
    return f"{game.n_players} player{plural}, {shape} strategies ({players}){extra}"


def _markdown(report) -> str:
    game = report.game
    lines = [f"**{_md_escape(report.title)}**: {_md_escape(_game_summary(game))}", "",
             "| metric | value |", "|---|---|"]
    for e in report.entries:
        cells = "<br>".join(f"`{v}`" for v in text_lines(e.value, game))
        lines.append(f"| {_md_escape(e.label)} | {cells} |")
    return "\n".join(lines)


def _md_escape(s: str) -> str:
    return s.replace("|", r"\|")


# -- LaTeX -----------------------------------------------------------------------------------

#: Math-mode labels for the report keys (``{i}`` a player, ``{cls}`` an equilibrium class).
_LATEX_LABELS = {
    "max_welfare": r"max welfare $\mathrm{OPT}$",
    "min_welfare": r"min welfare $W_{\min}$",
    "utopia_welfare": r"utopia welfare $U^\star$",
    "alpha": r"$\alpha = \mathrm{OPT} - U^\star$",
    "alignment_gap": r"alignment gap $\mathrm{AG} = -\alpha$",
    "welfare_maximisers": r"welfare maximisers $\operatorname{arg\,max}_{\mathbf a} W$",
    "welfare_at_profile": r"welfare at the profile $W(\sigma)$",
    "coordination_gap": r"coordination gap $\mathrm{CG}(\sigma)$",
    "security_value_pure_{i}": r"pure security value $v_{{{i}}}^{{\mathrm{{pure}}}}$",
    "security_value_{i}": r"mixed security value $v_{{{i}}}$",
    "price_of_anarchy_{cls}": r"$\mathrm{{PoA}}$ ({cls} equilibria)",
    "price_of_stability_{cls}": r"$\mathrm{{PoS}}$ ({cls} equilibria)",
    "anarchy_gap_{cls}": r"anarchy gap $\mathrm{{OPT}} - W_{{\min}}$ ({cls})",
    "stability_gap_{cls}": r"stability gap $\mathrm{{OPT}} - W_{{\max}}$ ({cls})",
    "nash_bargaining_threat": r"threat point $d = v$",
    "nash_bargaining_solution": r"Nash bargaining solution on $\operatorname{conv} P$",
    "nash_bargaining_product": r"Nash product $\prod_i (u_i - d_i)$ at the solution",
    "nash_bargaining_tu": r"Nash bargaining solution, transferable utility",
    "convex_pareto_vertices": r"efficient vertices of $\operatorname{conv} P$",
    "pareto_frontier": r"Pareto-efficient pure payoffs",
    "correlation_uniform": r"payoff correlation $\rho$, uniform cells",
    "covariance": r"$\operatorname{Cov}(u_0, u_1)$",
    "correlation": r"correlation $\rho(u_0, u_1)$",
    "kosoy_1_0": r"Kosoy $a_{1/0}$ (1 serving 0)",
    "kosoy_0_1": r"Kosoy $a_{0/1}$ (0 serving 1)",
    "power": r"$\mathrm{POWER}_i$ per player",
    "power_shortfall": r"POWER shortfall $U^\star - \sum_i \mathrm{POWER}_i$",
    "surplus": r"surplus $u_i(\sigma) - v_i$",
    "nashconv": r"$\mathrm{NashConv}$ at the profile",
}
_LABEL_PATTERNS = [
    (re.compile("^" + re.escape(k).replace(r"\{i\}", r"(?P<i>\d+)")
                .replace(r"\{cls\}", r"(?P<cls>pure|mixed|correlated)") + "$"), v)
    for k, v in _LATEX_LABELS.items() if "{" in k]


def latex_label(key: str, label: str) -> str:
    """The LaTeX (text mode, math in ``$...$``) label of a report entry."""
    from symalign.core.printing import _escape
    if key in _LATEX_LABELS:
        return _LATEX_LABELS[key]
    for pattern, template in _LABEL_PATTERNS:
        m = pattern.match(key)
        if m:
            return template.format(**m.groupdict())
    return _escape(label)


def _printer():
    from symalign.core.printing import SymalignLatexPrinter

    class _ReportPrinter(SymalignLatexPrinter):
        def _print_Rational(self, expr):  # inline fractions: \tfrac, never a stacked \frac
            if expr.q == 1:
                return str(expr.p)
            sign = "-" if expr.p < 0 else ""
            return rf"{sign}\tfrac{{{abs(expr.p)}}}{{{expr.q}}}"

    return _ReportPrinter()


#: LaTeX longer than this many characters may be wider than the value column: it is set in a
#: box and scaled down to the column's width when (and only when) it is wider.
_LONG_TEX = 120


def _fit(math: str) -> str:
    """``math`` (``$...$``) as is when short; otherwise scaled down to the column width if it
    is wider (``graphicx``'s ``\\resizebox``), so that a long closed form never runs into the
    margin."""
    if len(math) <= _LONG_TEX:
        return math
    return (r"{\setbox0=\hbox{" + math + r"}\ifdim\wd0>\linewidth"
            r"\resizebox{\linewidth}{!}{\box0}\else\box0\fi}")


def _tex_math(v, printer) -> str:
    tex = printer.doprint(v).replace(r"\frac{", r"\tfrac{")
    if _needs_decimal(v):
        tex += r" \approx " + _short_decimal(v)
    return tex


def _tex_scalar(v, printer) -> str:
    return _fit("$" + _tex_math(v, printer) + "$")


def _tex_label(s: str) -> str:
    from symalign.core.printing import _escape
    return r"\text{" + _escape(s) + "}"


def _tex_mixed(game, strategies, printer, players=None) -> str:
    parts = []
    for i, dist in zip(players or range(len(strategies)), strategies):
        terms = _mixed_terms(game, i, dist)
        if len(terms) == 1 and terms[0][0] == 1:
            parts.append(_tex_label(terms[0][1]))
        elif _numeric_labels(game, i):
            parts.append(r",\ ".join(_tex_label(a) + r"\colon " + _tex_num(p, printer)
                                     for p, a in terms))
        else:
            parts.append(" + ".join(_tex_num(p, printer) + r"\," + _tex_label(a)
                                    for p, a in terms))
    return r"$\bigl(" + r";\ ".join(parts) + r"\bigr)$"


def _tex_num(v, printer) -> str:
    return printer.doprint(v).replace(r"\frac{", r"\tfrac{")


def _tex_vector(v, printer) -> str:
    if sum(len(_tex_math(x, printer)) for x in v) <= _LONG_TEX:
        return "$(" + ", ".join(_tex_math(x, printer) for x in v) + ")$"
    # long: one math item per component, so that lines break between components
    return "(" + ", ".join(_tex_scalar(x, printer) for x in v) + ")"


def _tex_value(value, game, printer) -> str:
    """A value as LaTeX text for a ``p`` column (math in ``$...$``; lists one item per line)."""
    from symalign.core.printing import _escape
    reason = _undefined_reason(value)
    if reason is not None:
        return r"\emph{undefined:} " + _escape(" ".join(reason.split()))
    if isinstance(value, bool) or value is sympy.true or value is sympy.false:
        return "yes" if value else "no"
    if isinstance(value, PureProfiles):
        return ", ".join("$(" + ", ".join(_tex_label(a) for a in _pure_labels(game, p)) + ")$"
                         for p in value) or "none"
    if isinstance(value, EquilibriumList):
        return r" \newline ".join(
            _tex_mixed(game, s, printer) + ", payoffs " + _tex_vector(pay, printer)
            for s, pay in zip(value.strategies, value.payoffs)) or "none"
    if isinstance(value, ComponentList):
        def hull(ex):
            points = [_tex_mixed(game, e, printer)[1:-1] for e in ex]
            if len(points) == 1:
                return points[0]
            return r"\operatorname{conv}\bigl\{" + r",\ ".join(points) + r"\bigr\}"
        return r" \newline ".join(
            kind + ": " + r" \newline ".join(
                ("$" if k == 0 else r"$\cup ") + hull(_subset_extremes(r, c)) + "$"
                for k, (r, c) in enumerate(subsets))
            for kind, _, subsets in value.components) or "none"
    if _is_security(value):
        if value.mixed:
            strats = [_tex_mixed(game, [d], printer, [value.player]) for d in value.strategies]
        else:
            strats = ["$" + _tex_label(game.actions[value.player][a]) + "$"
                      for a in value.strategies]
        if not strats:
            return _tex_scalar(value.value, printer)
        return _tex_scalar(value.value, printer) + " (maxmin: " + " or ".join(strats) + ")"
    if isinstance(value, sympy.MatrixBase):
        rows = [" & ".join(printer.doprint(x).replace(r"\frac{", r"\tfrac{")
                           for x in value.row(r)) for r in range(value.rows)]
        return r"$\begin{pmatrix}" + r" \\ ".join(rows) + r"\end{pmatrix}$"
    if isinstance(value, tuple):
        if _is_vectors(value):
            return ", ".join(_tex_vector(v, printer) for v in value)
        if _is_vector(value):
            return _tex_vector(value, printer)
        return ", ".join(_tex_value(x, game, printer) for x in value) or "none"
    if isinstance(value, str):
        return _escape(value)
    return _tex_scalar(value, printer)


_PREAMBLE = [r"\documentclass{article}", r"\usepackage{amsmath}",
             r"\usepackage{booktabs}", r"\usepackage{array}", r"\usepackage{longtable}",
             r"\usepackage{graphicx}",
             r"\usepackage[margin=2.5cm]{geometry}"]


def _latex(report, standalone: bool) -> str:
    from symalign.core.printing import _escape
    game = report.game
    printer = _printer()
    spec = r">{\raggedright\arraybackslash}p{0.38\linewidth}" \
           r">{\raggedright\arraybackslash}p{0.56\linewidth}"
    rows = []
    section = None
    for e in report.entries:
        if e.section != section:
            if section is not None:
                rows.append(r"\midrule")
            section = e.section
            rows.append(r"\multicolumn{2}{l}{\textit{" + _escape(section) + r"}} \\")
        rows.append(latex_label(e.key, e.label) + " & " + _tex_value(e.value, game, printer)
                    + r" \\")
    table = "\n".join([
        r"\begin{longtable}{" + spec + "}", r"\toprule", r"metric & value \\", r"\midrule",
        r"\endhead", *rows, r"\bottomrule", r"\end{longtable}"])
    if not standalone:
        return table
    game_tex = printer.doprint(game).replace(r"\frac{", r"\tfrac{")
    players = "; ".join(_escape(_player(p)) + ": " + ", ".join(_escape(a) for a in acts)
                        for p, acts in zip(game.players, game.actions))
    return "\n".join([
        *_PREAMBLE, r"\begin{document}",
        r"\section*{" + _escape(report.title) + "}",
        r"\noindent " + f"{game.n_players} players ({players}). "
        + "In each cell, the payoffs are listed in player order.",
        r"\[", game_tex, r"\]", table, r"\end{document}", ""])


# -- entry point ------------------------------------------------------------------------------

def render(report, fmt: str = "text", *, standalone: bool = False) -> str:
    """Render a `Report` as ``text``, ``json``, ``markdown`` or ``latex``.

    JSON follows the schema `report_schema` returns: every scalar is
    ``{"exact": ..., "decimal": ...}`` with the exact value as a string that
    ``sympy.sympify`` parses back; profiles and equilibria use the strategy labels.
    LaTeX is a ``longtable`` with ``booktabs`` rules (``standalone=True``: a whole document
    with the payoff table); it needs the packages ``amsmath``, ``booktabs``, ``array``,
    ``longtable`` and ``graphicx`` (a closed form wider than the value column is scaled down
    to it with ``\\resizebox``; long vectors break between their components).

    Examples
    ========

    >>> import json, symalign as sa
    >>> r = sa.analyze(sa.games.battle_of_the_sexes())
    >>> json.loads(sa.render(r, "json"))["metrics"]["alpha"]["value"]
    {'type': 'number', 'exact': '-1', 'decimal': -1.0}
    >>> print(sa.render(r, "markdown").splitlines()[4])
    | max welfare OPT | `3` |

    """
    if fmt == "json":
        return _json(report)
    if fmt == "markdown":
        return _markdown(report)
    if fmt == "latex":
        return _latex(report, standalone)
    if fmt == "text":
        return _text(report)
    raise SymalignError(f"Argument 'fmt' is {fmt!r}; choose text, json, markdown or latex.")


def report_html(report) -> str:
    """An HTML table of a report (Jupyter's ``_repr_html_``)."""
    game = report.game
    rows = []
    section = None
    for e in report.entries:
        if e.section != section:
            section = e.section
            rows.append(f'<tr><th colspan="2" style="text-align:left">{html.escape(section)}'
                        "</th></tr>")
        cell = "<br>".join(html.escape(v) for v in text_lines(e.value, game))
        rows.append(f"<tr><td>{html.escape(e.label)}</td><td>{cell}</td></tr>")
    return (f"<p><b>{html.escape(report.title)}</b>: {html.escape(_game_summary(game))}</p>"
            "<table>" + "".join(rows) + "</table>")
