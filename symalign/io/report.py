"""The analysis report behind ``symalign analyze``: ordered exact entries, rendered as text, JSON, Markdown or LaTeX."""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass, field

import sympy

from symalign.core.errors import SymalignError
from symalign.core.game import Game

__all__ = ["Entry", "Report", "analyze", "render", "SECTIONS"]


@dataclass(frozen=True)
class Entry:
    """One line of a report: a machine key, a human label and an exact value (or a reason)."""

    key: str
    label: str
    value: object
    section: str


@dataclass(frozen=True)
class Report:
    """An ordered collection of exact results about one game, with how they were computed.

    Examples
    ========

    >>> import symalign as sa
    >>> r = sa.analyze(sa.games.prisoners_dilemma())
    >>> r["alpha"], r["max_welfare"], r["is_common_payoff"]
    (-2, 4, False)

    """

    title: str
    game: Game = field(repr=False)
    entries: tuple[Entry, ...]

    def __getitem__(self, key: str):
        for e in self.entries:
            if e.key == key:
                return e.value
        raise KeyError(key)

    def keys(self) -> list[str]:
        """The entry keys, in order."""
        return [e.key for e in self.entries]

    def _latex(self, printer):
        rows = [r"\text{" + e.label + "} & " + _latex_value(e.value, printer)
                for e in self.entries]
        return r"\begin{array}{ll}" + "\n" + " \\\\\n".join(rows) + "\n" + r"\end{array}"


class _Undefined:
    """A value that could not be computed, with the reason (never NaN, never a silent 0)."""

    def __init__(self, reason: str):
        self.reason = reason

    def __repr__(self):
        return f"undefined ({self.reason})"


def _safe(f: Callable):
    try:
        return f()
    except SymalignError as exc:
        return _Undefined(str(exc))


def _ca_section(game: Game, profile) -> list[Entry]:
    from symalign.normalform import ca
    s = "Coordination-Alignment"
    out = [
        Entry("max_welfare", "max welfare OPT", _safe(lambda: ca.max_welfare(game)), s),
        Entry("min_welfare", "min welfare", _safe(lambda: ca.min_welfare(game)), s),
        Entry("utopia_welfare", "utopia welfare U*", _safe(lambda: ca.utopia_welfare(game)), s),
        Entry("alpha", "alpha = OPT - U*", _safe(lambda: ca.alpha(game)), s),
        Entry("alignment_gap", "alignment gap AG = -alpha",
              _safe(lambda: ca.alignment_gap(game)), s),
        Entry("welfare_maximisers", "welfare maximisers",
              _safe(lambda: _profiles(game, ca.welfare_maximisers(game))), s),
    ]
    if profile is not None:
        out += [
            Entry("welfare_at_profile", "welfare at the profile",
                  _safe(lambda: ca.welfare(game, profile)), s),
            Entry("coordination_gap", "coordination gap CG",
                  _safe(lambda: ca.coordination_gap(game, profile)), s),
        ]
    return out


def _class_section(game: Game, profile) -> list[Entry]:
    from symalign.normalform import ca
    s = "classes"
    out = []
    for key, label, f in [
        ("is_common_payoff", "common-payoff", ca.is_common_payoff),
        ("is_common_interest", "common-interest", ca.is_common_interest),
        ("is_constant_sum", "constant-sum", ca.is_constant_sum),
        ("is_zero_sum", "zero-sum", ca.is_zero_sum),
        ("has_unique_pareto_payoff", "unique Pareto-efficient payoff",
         ca.has_unique_pareto_payoff),
    ]:
        value = _safe(lambda f=f: f(game, as_condition=True))
        if value is sympy.true or value is sympy.false:
            value = bool(value)
        out.append(Entry(key, label, value, s))
    return out


def _profiles(game: Game, profiles) -> tuple[str, ...]:
    return tuple("(" + ", ".join(game.actions[i][a] for i, a in enumerate(p)) + ")"
                 for p in profiles)


def _security_section(game: Game, profile) -> list[Entry]:
    from symalign.normalform import security
    s = "security values"
    out = []
    skip = None
    if not game.is_numeric and game.n_outcomes > _REPORT_MAX_SYMBOLIC_SECURITY_OUTCOMES:
        skip = _Undefined(f"skipped in reports for symbolic games over "
                          f"{_REPORT_MAX_SYMBOLIC_SECURITY_OUTCOMES} outcomes (closed forms by "
                          "case analysis); call security_value directly")
    for i in range(game.n_players):
        # symbolic games: closed forms with their conditions (mixed: 2xm and mx2 games)
        pure = skip or _safe(lambda i=i: security.security_value(game, i, mixed=False).value)
        mixed = skip or _safe(lambda i=i: security.security_value(game, i, mixed=True).value)
        out.append(Entry(f"security_value_pure_{i}", f"pure security value v_{i}^pure", pure, s))
        out.append(Entry(f"security_value_{i}", f"mixed security value v_{i}", mixed, s))
    return out


#: Reports give the closed-form security values of symbolic games up to this many outcomes
#: (the pure value of a symbolic 3x3 game: about 10 s per player on a loaded machine).
_REPORT_MAX_SYMBOLIC_SECURITY_OUTCOMES = 9


#: Reports enumerate all mixed equilibria only for two-player games up to this many outcomes.
_REPORT_MAX_OUTCOMES = 400

#: Reports solve correlated-equilibrium LPs only up to this many outcomes (the welfare range
#: of a random 30x30 game: 1-2 s; 40x40: about 16 s, most of it HiGHS).
_REPORT_MAX_CE_OUTCOMES = 900


def _small_bimatrix(game: Game) -> bool:
    return game.n_players == 2 and game.is_numeric and game.n_outcomes <= _REPORT_MAX_OUTCOMES


def _anarchy_section(game: Game, profile) -> list[Entry]:
    from symalign.normalform import anarchy
    s = "price of anarchy and stability (CS convention OPT / W; gaps OPT - W)"
    out = []
    for cls in ("pure", "mixed", "correlated"):
        skip = None
        if cls == "correlated" and game.n_outcomes > _REPORT_MAX_CE_OUTCOMES:
            skip = f"{_REPORT_MAX_CE_OUTCOMES} outcomes (correlated-equilibrium LPs)"
        elif cls == "mixed" and not _small_bimatrix(game):
            skip = f"{_REPORT_MAX_OUTCOMES} outcomes or with more than two players " \
                   "(complete mixed-equilibrium enumeration)"
        if skip is not None:
            reason = _Undefined(f"skipped in reports for games over {skip}; call "
                                "price_of_anarchy directly")
            out += [Entry(f"{k}_{cls}", f"{label} ({cls})", reason, s)
                    for k, label in (("price_of_anarchy", "PoA"), ("price_of_stability", "PoS"),
                                     ("anarchy_gap", "anarchy gap"),
                                     ("stability_gap", "stability gap"))]
            continue
        out += [
            Entry(f"price_of_anarchy_{cls}", f"PoA ({cls} equilibria)",
                  _safe(lambda c=cls: anarchy.price_of_anarchy(game, c)), s),
            Entry(f"price_of_stability_{cls}", f"PoS ({cls} equilibria)",
                  _safe(lambda c=cls: anarchy.price_of_stability(game, c)), s),
            Entry(f"anarchy_gap_{cls}", f"anarchy gap OPT - W_min ({cls})",
                  _safe(lambda c=cls: anarchy.anarchy_gap(game, c)), s),
            Entry(f"stability_gap_{cls}", f"stability gap OPT - W_max ({cls})",
                  _safe(lambda c=cls: anarchy.stability_gap(game, c)), s),
        ]
    return out


def _bargaining_section(game: Game, profile) -> list[Entry]:
    from symalign.normalform import bargaining
    from symalign.normalform.kalai_smorodinsky import kalai_smorodinsky
    from symalign.normalform.nash_bargaining import nash_bargaining_solution
    s = "bargaining (threat point d = mixed security values v)"
    out = [
        Entry("nash_bargaining_threat", "threat point d = v",
              _safe(lambda: bargaining.threat_point(game, "security")), s),
        Entry("nash_bargaining_solution", "Nash bargaining solution on conv P",
              _safe(lambda: nash_bargaining_solution(game, "security").point), s),
        Entry("nash_bargaining_product", "Nash product at the solution",
              _safe(lambda: nash_bargaining_solution(game, "security").product), s),
        Entry("nash_bargaining_tu", "Nash bargaining solution, transferable utility",
              _safe(lambda: nash_bargaining_solution(game, "security",
                                                                feasible="tu").point), s),
        Entry("kalai_smorodinsky", "Kalai-Smorodinsky solution",
              _safe(lambda: kalai_smorodinsky(game, "security").point), s),
    ]
    if game.n_players == 2:
        out.append(Entry("coco_value", "coco value",
                         _safe(lambda: bargaining.coco_value(game).value), s))
    return out


def _pareto_section(game: Game, profile) -> list[Entry]:
    from symalign.normalform import local_metrics as local
    from symalign.normalform import pareto
    s = "Pareto frontier and ordinal alignment"
    return [
        Entry("pareto_frontier", "Pareto-efficient pure payoffs",
              _safe(lambda: tuple(str(p.payoff) for p in pareto.pareto_frontier(game))), s),
        Entry("convex_pareto_vertices", "efficient vertices of conv P",
              _safe(lambda: tuple(str(v) for v in
                                  pareto.convex_pareto_frontier(game).vertices)), s),
        Entry("templarrr_alignment", "Templarrr shared-best-response fraction",
              _safe(lambda: local.templarrr_alignment(game)), s),
        Entry("correlation_uniform", "payoff correlation, uniform cells",
              _safe(lambda: local.correlation(game, "uniform")), s),
    ]


def _local_section(game: Game, profile) -> list[Entry]:
    if profile is None:
        return []
    from symalign.normalform import bargaining
    from symalign.normalform import local_metrics as local
    from symalign.normalform.power import power_shortfall, powers
    s = "local metrics at the profile"
    out = []
    if game.n_players == 2:
        out += [
            Entry("covariance", "Cov(u_0, u_1)", _safe(lambda: local.covariance(game, profile)),
                  s),
            Entry("correlation", "correlation rho(u_0, u_1)",
                  _safe(lambda: local.correlation(game, profile)), s),
            Entry("kosoy_1_0", "Kosoy a_{1/0} (1 serving 0)",
                  _safe(lambda: local.kosoy_alignment(game, 1, 0, profile)), s),
            Entry("kosoy_0_1", "Kosoy a_{0/1} (0 serving 1)",
                  _safe(lambda: local.kosoy_alignment(game, 0, 1, profile)), s),
        ]
    else:
        out.append(Entry("covariance", "covariance matrix",
                         _safe(lambda: local.covariance(game, profile)), s))
    out += [
        Entry("moss_alignment", "Moss alignment coefficient",
              _safe(lambda: local.moss_alignment(game, profile)), s),
        Entry("power", "POWER per player", _safe(lambda: powers(game, profile)), s),
        Entry("power_shortfall", "POWER shortfall U* - sum POWER",
              _safe(lambda: power_shortfall(game, profile).shortfall), s),
        Entry("surplus", "surplus over the security values",
              _safe(lambda: bargaining.surplus(game, profile)), s),
    ]
    return out


def _equilibria_section(game: Game, profile) -> list[Entry]:
    from symalign.normalform import equilibria as eq
    s = "equilibria"
    out = [Entry("pure_nash_equilibria", "pure Nash equilibria",
                 _safe(lambda: _profiles(game, eq.pure_nash_equilibria(game))), s)]
    if _small_bimatrix(game):
        from symalign.normalform.components import equilibrium_components
        comps = _safe(lambda: equilibrium_components(game))
        out.append(Entry("nash_equilibria", "extreme Nash equilibria (mixed)",
                         comps if isinstance(comps, _Undefined) else
                         tuple(_mixed(p) for p in comps.extreme), s))
        # the same equilibria grouped by connected component (maximal Nash subsets)
        out.append(Entry("nash_equilibrium_components", "equilibrium components",
                         comps if isinstance(comps, _Undefined) else
                         tuple(c.describe() for c in comps), s))
    elif (game.n_players == 2 and game.is_numeric
          and game.n_outcomes <= _REPORT_MAX_LEMKE_HOWSON_OUTCOMES):
        from symalign.normalform.lemke_howson import lemke_howson
        out.append(Entry("lemke_howson_equilibrium", "one Nash equilibrium (Lemke-Howson)",
                         _safe(lambda: _mixed(lemke_howson(game).profile)), s))
    elif not game.is_numeric and game.n_players == 2 and game.shape == (2, 2):
        # symbolic: each extreme equilibrium with its condition (issue 14)
        out.append(Entry("nash_equilibria", "extreme Nash equilibria (mixed)",
                         _safe(lambda: tuple(f"{_mixed(e.profile)} if {e.condition}"
                                             for e in eq.nash_equilibria(game))), s))
    if game.is_numeric and game.n_outcomes <= _REPORT_MAX_CE_OUTCOMES:
        from symalign.normalform import correlated
        out.append(Entry("ce_welfare_range", "correlated-equilibrium welfare range",
                         _safe(lambda: correlated.correlated_welfare_range(game)), s))
    if profile is not None:
        out.append(Entry("nashconv", "NashConv at the profile",
                         _safe(lambda: eq.nashconv(game, profile)), s))
    return out


#: Reports find one equilibrium by Lemke-Howson for two-player games above
#: _REPORT_MAX_OUTCOMES and up to this many outcomes (a random 200x200 game: well under 1 s).
_REPORT_MAX_LEMKE_HOWSON_OUTCOMES = 40_000

#: Reports eliminate dominated strategies (one exact LP per action and round) up to this
#: many outcomes.
_REPORT_MAX_DOMINANCE_OUTCOMES = 900


def _dominance_section(game: Game, profile) -> list[Entry]:
    s = "dominance (iterated elimination of strictly dominated strategies, pure or mixed)"
    if not game.is_numeric or game.n_outcomes > _REPORT_MAX_DOMINANCE_OUTCOMES:
        why = ("symbolic payoffs" if not game.is_numeric else
               f"over {_REPORT_MAX_DOMINANCE_OUTCOMES} outcomes")
        reason = _Undefined(f"skipped in reports for games with {why}; call "
                            "iterated_elimination directly")
        return [Entry("dominance_eliminated", "eliminated (in order)", reason, s),
                Entry("dominance_surviving", "surviving actions", reason, s)]
    from symalign.normalform.dominance import iterated_elimination
    r = _safe(lambda: iterated_elimination(game))
    if isinstance(r, _Undefined):
        return [Entry("dominance_eliminated", "eliminated (in order)", r, s),
                Entry("dominance_surviving", "surviving actions", r, s)]
    return [
        Entry("dominance_eliminated", "eliminated (in order)",
              tuple(f"{game.players[d.player]}: {d.label} (round {d.round})"
                    for d in r.eliminated), s),
        Entry("dominance_surviving", "surviving actions",
              tuple(f"{name}: " + ", ".join(acts)
                    for name, acts in zip(game.players, r.game.actions)), s),
    ]


def _mixed(sigma) -> str:
    return "; ".join("(" + ", ".join(str(v) for v in s) + ")" for s in sigma.strategies)


#: Report sections in order: each maps (game, profile) to entries. Later modules append here.
SECTIONS: list[Callable[[Game, object], list[Entry]]] = [
    _ca_section, _class_section, _security_section, _equilibria_section, _dominance_section,
    _anarchy_section,
    _bargaining_section, _pareto_section, _local_section]


def analyze(game: Game, *, profile=None, title: str | None = None) -> Report:
    """Compute every metric symalign knows for ``game`` (and local metrics at ``profile``).

    Values that are undefined for this game are kept in the report with the reason.

    Examples
    ========

    >>> import symalign as sa
    >>> r = sa.analyze(sa.games.matching_pennies())
    >>> r["alpha"], r["is_zero_sum"]
    (-2, True)

    Parameters
    ==========

    game : Game
    profile : optional
        A pure, mixed or correlated profile at which local metrics are evaluated.
    title : str, optional

    Returns
    =======

    Report

    """
    if profile is not None:
        from symalign.core.profiles import as_correlated
        as_correlated(game, profile)  # validate early, with a clear error
    entries: list[Entry] = []
    for section in SECTIONS:
        entries.extend(section(game, profile))
    return Report(title or "game", game, tuple(entries))


# -- rendering ------------------------------------------------------------------------------

def _text_value(v) -> str:
    if isinstance(v, bool):
        return "yes" if v else "no"
    if isinstance(v, tuple):
        return ", ".join(_text_value(x) for x in v) or "none"
    if isinstance(v, _Undefined):
        return f"undefined: {v.reason}"
    return str(v)


def _json_value(v):
    if isinstance(v, bool):
        return v
    if isinstance(v, tuple):
        return [_json_value(x) for x in v]
    if isinstance(v, _Undefined):
        return {"undefined": v.reason}
    if isinstance(v, str):
        return v
    return str(v)


def _latex_value(v, printer) -> str:
    if isinstance(v, bool):
        return r"\text{yes}" if v else r"\text{no}"
    if isinstance(v, tuple):
        return ", ".join(_latex_value(x, printer) for x in v) or r"\text{none}"
    if isinstance(v, _Undefined):
        return r"\text{undefined}"
    if isinstance(v, str):
        from symalign.core.printing import _escape
        return r"\text{" + _escape(v) + "}"
    return printer._print(v)


def _game_info(game: Game) -> dict:
    return {"players": list(game.players), "actions": [list(a) for a in game.actions],
            "shape": list(game.shape),
            "parameters": sorted(str(s) for s in game.free_symbols)}


def render(report: Report, fmt: str = "text", *, standalone: bool = False) -> str:
    """Render a `Report` as ``text``, ``json``, ``markdown`` or ``latex``.

    JSON values are strings of exact expressions that ``sympy.sympify`` parses back; booleans
    are JSON booleans; undefined values are ``{"undefined": reason}``.

    Examples
    ========

    >>> import json, symalign as sa
    >>> r = sa.analyze(sa.games.battle_of_the_sexes())
    >>> json.loads(sa.render(r, "json"))["alpha"]
    '-1'
    >>> print(sa.render(r, "markdown").splitlines()[2])
    | max welfare OPT | `3` |

    """
    from symalign.core.printing import SymalignLatexPrinter, _escape
    if fmt == "json":
        payload = {"title": report.title, "game": _game_info(report.game)}
        for e in report.entries:
            payload[e.key] = _json_value(e.value)
        return json.dumps(payload, indent=2, ensure_ascii=False)
    if fmt == "markdown":
        lines = ["| metric | value |", "|---|---|"]
        lines += [f"| {e.label} | `{_text_value(e.value)}` |" for e in report.entries]
        return "\n".join(lines)
    if fmt == "latex":
        printer = SymalignLatexPrinter()
        rows = []
        section = None
        for e in report.entries:
            if e.section != section:
                if section is not None:
                    rows.append(r"\midrule")
                section = e.section
            rows.append(_escape(e.label) + " & $" + _latex_value(e.value, printer) + r"$ \\")
        table = "\n".join([r"\begin{tabular}{ll}", r"\toprule", r"metric & value \\",
                           r"\midrule", *rows, r"\bottomrule", r"\end{tabular}"])
        if not standalone:
            return table
        game_tex = printer.doprint(report.game)
        return "\n".join([
            r"\documentclass{article}", r"\usepackage{amsmath}", r"\usepackage{booktabs}",
            r"\usepackage[margin=2cm]{geometry}", r"\begin{document}",
            r"\section*{" + _escape(report.title) + "}", r"\[", game_tex, r"\]",
            r"\begin{center}", table, r"\end{center}", r"\end{document}", ""])
    if fmt == "text":
        width = max(len(e.label) for e in report.entries)
        lines = [report.title, "=" * len(report.title)]
        section = None
        for e in report.entries:
            if e.section != section:
                section = e.section
                lines += ["", f"[{section}]"]
            lines.append(f"  {e.label.ljust(width)}  {_text_value(e.value)}")
        return "\n".join(lines)
    raise SymalignError(f"Argument 'fmt' is {fmt!r}; choose text, json, markdown or latex.")
