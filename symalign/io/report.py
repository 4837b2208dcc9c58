"""The analysis report behind ``symalign analyze``: ordered exact entries, rendered as text, JSON, Markdown or LaTeX."""

from __future__ import annotations

import signal
import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

import sympy

from symalign.core.errors import SymalignError
from symalign.core.game import Game

__all__ = ["Entry", "Report", "analyze", "render", "SECTIONS", "section_names"]


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
    entries: tuple[Entry, ...] = field(repr=False)
    profile: object = field(default=None, repr=False)
    #: One record per section that ran: ``name``, ``title``, ``seconds`` and ``status``
    #: (``"complete"`` or ``"over budget"``), with a ``note`` when over budget.
    sections: tuple[dict, ...] = field(default=(), repr=False)

    def __repr__(self):
        over = [s["name"] for s in self.sections if s.get("status") != "complete"]
        tail = f"; over budget: {', '.join(over)}" if over else ""
        k = len({e.section for e in self.entries})
        return (f"Report({self.title!r}: {len(self.entries)} entries in {k} "
                f"section{'s' if k != 1 else ''}{tail})")

    def __str__(self):
        return render(self, "text")

    def __getitem__(self, key: str):
        for e in self.entries:
            if e.key == key:
                return e.value
        raise KeyError(key)

    def keys(self) -> list[str]:
        """The entry keys, in order."""
        return [e.key for e in self.entries]

    def _latex(self, printer):
        return render(self, "latex")

    def _repr_latex_(self):
        return render(self, "latex")

    def _repr_html_(self):
        from symalign.io.rendering import report_html
        return report_html(self)


class _Undefined:
    """A value that could not be computed, with the reason (never NaN, never a silent 0)."""

    def __init__(self, reason: str):
        self.reason = reason

    def __repr__(self):
        return f"undefined ({self.reason})"


class _OverBudget(BaseException):
    """Raised (by a timer signal) inside a section's computation once its budget is spent."""


class _Budget:
    """The running section's time budget (``settings.report_section_seconds``)."""

    name: str | None = None
    deadline: float | None = None
    seconds: float | None = None
    spent = False
    interrupted = False
    caught = False

    @classmethod
    def reason(cls) -> str:
        return (f"over budget: the section '{cls.name}' took more than {cls.seconds} s; raise "
                "symalign.settings.report_section_seconds (None: no limit) or choose sections "
                "with --sections")


def _safe(f: Callable):
    if _Budget.spent or (_Budget.deadline is not None and time.monotonic() >= _Budget.deadline):
        _Budget.spent = _Budget.deadline is not None
        return _Undefined(_Budget.reason())
    try:
        return f()
    except _OverBudget:
        _Budget.caught = _Budget.spent = True
        return _Undefined(_Budget.reason())
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
              _safe(lambda: _welfare_maximisers(game)), s),
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
        if isinstance(value, sympy.Basic) and value.free_symbols:   # simplified, exactly
            from symalign.engines.piecewise import canonical_condition
            value = _safe(lambda v=value: canonical_condition(v, game.assumptions))
        if value is sympy.true or value is sympy.false:
            value = bool(value)
        out.append(Entry(key, label, value, s))
    return out


def _welfare_maximisers(game: Game):
    """The welfare maximisers; on a symbolic game whose assumptions do not decide them, each
    profile that can be a maximiser with the (simplified) condition under which it is one."""
    from symalign.core.errors import UndecidableError
    from symalign.normalform import ca
    try:
        return _profiles(game, ca.welfare_maximisers(game))
    except UndecidableError:
        if game.is_numeric:
            raise
    from symalign.engines.conditions import simplify_condition
    from symalign.engines.signs import is_satisfiable
    A = tuple(game.assumptions)
    W = ca._values(ca._welfare_array(game, None))
    out = []
    for a, v in zip(game.outcomes(), W):
        cond = sympy.And(*[sympy.Ge(v, o) for o in W if o is not v])
        if is_satisfiable([cond], A).value is False:
            continue
        cond = simplify_condition(cond, A)
        label = "(" + ", ".join(game.actions[i][k] for i, k in enumerate(a)) + ")"
        out.append(label if cond is sympy.true else f"{label} if {cond}")
    return tuple(out)


def _profiles(game: Game, profiles):
    from symalign.io.rendering import PureProfiles
    return PureProfiles(tuple(tuple(p) for p in profiles))


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
        pure = skip or _safe(lambda i=i: security.security_value(game, i, mixed=False))
        mixed = skip or _safe(lambda i=i: security.security_value(game, i, mixed=True))
        out.append(Entry(f"security_value_pure_{i}", f"pure security value v_{i}^pure", pure, s))
        out.append(Entry(f"security_value_{i}", f"mixed security value v_{i}", mixed, s))
    return out


#: Reports give the closed-form security values of symbolic games up to this many outcomes
#: (the pure value of a symbolic 3x3 game: about 10 s per player on a loaded machine).
_REPORT_MAX_SYMBOLIC_SECURITY_OUTCOMES = 9


#: Reports enumerate all mixed equilibria only for two-player games up to this many outcomes.
_REPORT_MAX_OUTCOMES = 400
#: games of three or more players: exact support enumeration (3x3x3 takes seconds)
_REPORT_MAX_NPLAYER_OUTCOMES = 27

#: Reports solve correlated-equilibrium LPs only up to this many outcomes (the welfare range
#: of a random 30x30 game: 1-2 s; 40x40: about 16 s, most of it HiGHS).
_REPORT_MAX_CE_OUTCOMES = 900


def _small_bimatrix(game: Game) -> bool:
    """Numeric games whose mixed equilibria a report enumerates: bimatrix games up to
    `_REPORT_MAX_OUTCOMES` outcomes, games of 3+ players up to `_REPORT_MAX_NPLAYER_OUTCOMES`."""
    if not game.is_numeric:
        return False
    if game.n_players == 2:
        return game.n_outcomes <= _REPORT_MAX_OUTCOMES
    return game.n_outcomes <= _REPORT_MAX_NPLAYER_OUTCOMES


def _mixed_skip(game: Game) -> str:
    """Why the report does not enumerate every mixed equilibrium of ``game``."""
    if not game.is_numeric:
        return "symbolic games (complete mixed-equilibrium enumeration needs numbers)"
    if game.n_players != 2:
        return (f"games of {game.n_players} players over {_REPORT_MAX_NPLAYER_OUTCOMES} "
                "outcomes (complete mixed-equilibrium enumeration)")
    return (f"games over {_REPORT_MAX_OUTCOMES} outcomes (complete mixed-equilibrium "
            "enumeration)")


def _anarchy_section(game: Game, profile) -> list[Entry]:
    from symalign.normalform import anarchy
    s = "price of anarchy and stability (CS convention OPT / W; gaps OPT - W)"
    out = []
    for cls in ("pure", "mixed", "correlated"):
        skip = None
        if cls == "correlated" and game.n_outcomes > _REPORT_MAX_CE_OUTCOMES:
            skip = f"games over {_REPORT_MAX_CE_OUTCOMES} outcomes (correlated-equilibrium LPs)"
        elif cls == "mixed" and not _small_bimatrix(game):
            skip = _mixed_skip(game)
        if skip is not None:
            reason = _Undefined(f"skipped in reports for {skip}; call "
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
              _safe(lambda: tuple(tuple(p.payoff) for p in pareto.pareto_frontier(game))), s),
        Entry("convex_pareto_vertices", "efficient vertices of conv P",
              _safe(lambda: tuple(tuple(v) for v in
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
    if game.n_players >= 3 and _small_bimatrix(game):
        # every equilibrium of 3+ players, exactly (symalign.normalform.nplayer)
        ne = _safe(lambda: eq.nash_equilibria(game))
        out.append(Entry("nash_equilibria", "Nash equilibria (mixed, exact)",
                         ne if isinstance(ne, _Undefined) else _equilibria(ne), s))
    elif _small_bimatrix(game):
        from symalign.normalform.components import equilibrium_components
        comps = _safe(lambda: equilibrium_components(game))
        out.append(Entry("nash_equilibria", "extreme Nash equilibria (mixed)",
                         comps if isinstance(comps, _Undefined) else
                         _equilibria(comps.extreme), s))
        # the same equilibria grouped by connected component (maximal Nash subsets)
        out.append(Entry("nash_equilibrium_components", "equilibrium components",
                         comps if isinstance(comps, _Undefined) else
                         _components(comps), s))
    elif (game.n_players == 2 and game.is_numeric
          and game.n_outcomes <= _REPORT_MAX_LEMKE_HOWSON_OUTCOMES):
        from symalign.normalform.lemke_howson import lemke_howson
        out.append(Entry("lemke_howson_equilibrium", "one Nash equilibrium (Lemke-Howson)",
                         _safe(lambda: _one_equilibrium(lemke_howson(game))), s))
    elif not game.is_numeric and game.n_players == 2 and game.shape == (2, 2):
        # symbolic: each extreme equilibrium with its condition (issue 14)
        out.append(Entry("nash_equilibria", "extreme Nash equilibria (mixed)",
                         _safe(lambda: tuple(_strategies_text(e.profile) + (
                             "" if e.condition is sympy.true else f" if {e.condition}")
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


def _equilibria(ne):
    from symalign.io.rendering import EquilibriumList
    return EquilibriumList.from_record(ne)


def _components(comps):
    from symalign.io.rendering import ComponentList
    return ComponentList.from_record(comps)


def _one_equilibrium(result):
    """One equilibrium (a record with ``profile`` and ``payoffs``) as an `EquilibriumList`."""
    from symalign.io.rendering import EquilibriumList
    return EquilibriumList((tuple(tuple(d) for d in result.profile.strategies),),
                           (tuple(result.payoffs),), complete=False)


def _strategies_text(sigma) -> str:
    """A symbolic mixed profile as text: ``(p, 1 - p); (q, 1 - q)``."""
    return "; ".join("(" + ", ".join(str(v) for v in s) + ")" for s in sigma.strategies)


#: Report sections in order: each maps (game, profile) to entries. Later modules append here.
SECTIONS: list[Callable[[Game, object], list[Entry]]] = [
    _ca_section, _class_section, _security_section, _equilibria_section, _dominance_section,
    _anarchy_section,
    _bargaining_section, _pareto_section, _local_section]


def section_names() -> list[str]:
    """The names of the report sections, in order (for ``analyze(..., sections=...)``).

    Examples
    ========

    >>> from symalign.io.report import section_names
    >>> section_names()[:3]
    ['ca', 'class', 'security']

    """
    return [_section_name(f) for f in SECTIONS]


def _section_name(f) -> str:
    return f.__name__.strip("_").removesuffix("_section")


def _timer_available() -> bool:
    return hasattr(signal, "setitimer") and threading.current_thread() is threading.main_thread()


#: Seconds between repeated timer signals once a section's budget is spent: a signal whose
#: exception is swallowed (raised inside a gc callback or a ``__del__``, where Python only
#: prints "Exception ignored") is followed by another until one interrupts the section.
_REPEAT = 0.05


def _alarm(signum, frame):
    if _Budget.caught:      # already interrupted and handled: the rest of the section is cheap
        return
    _Budget.interrupted = True
    raise _OverBudget()


def _forget_interrupted_work() -> None:
    """After the timer has interrupted a computation at an arbitrary point, drop what sympy
    may have kept half-done: its expression cache (shared objects whose assumption queries
    were cut short) and the root-isolation intervals of `CRootOf`, so that later values are
    computed afresh."""
    import sympy
    from sympy.core.cache import clear_cache
    clear_cache()
    sympy.CRootOf.clear_cache()


def _run_section(section, game, profile, budget):
    """Run one section under its time budget; returns (entries, status)."""
    _Budget.name, _Budget.seconds, _Budget.spent = _section_name(section), budget, False
    _Budget.interrupted = _Budget.caught = False
    _Budget.deadline = None if budget is None else time.monotonic() + budget
    timer = budget is not None and _timer_available()
    if timer:
        old = signal.signal(signal.SIGALRM, _alarm)
        signal.setitimer(signal.ITIMER_REAL, max(budget, 1e-3), _REPEAT)
    try:
        try:
            try:
                entries = section(game, profile)
            finally:
                if timer:
                    signal.setitimer(signal.ITIMER_REAL, 0)
        except _OverBudget:  # outside any entry: the section's own set-up ran out of time
            _Budget.spent = True
            entries = []
    finally:
        if timer:
            signal.setitimer(signal.ITIMER_REAL, 0)
            signal.signal(signal.SIGALRM, old)
        spent = _Budget.spent
        if _Budget.interrupted:
            _forget_interrupted_work()
        _Budget.name = _Budget.deadline = _Budget.seconds = None
        _Budget.interrupted = _Budget.caught = False
        _Budget.spent = False
    return entries, spent


def analyze(game: Game, *, profile=None, title: str | None = None,
            sections: Sequence[str] | None = None, progress: Callable | None = None) -> Report:
    """Compute every metric symalign knows for ``game`` (and local metrics at ``profile``).

    Values that are undefined for this game are kept in the report with the reason. Each
    section runs under the time budget ``symalign.settings.report_section_seconds``; the
    values a section had not computed when its budget ran out are undefined, with a reason
    that names the setting (in the main thread a timer interrupts the computation; in other
    threads the budget is checked between values).

    Examples
    ========

    >>> import symalign as sa
    >>> r = sa.analyze(sa.games.matching_pennies())
    >>> r["alpha"], r["is_zero_sum"]
    (-2, True)
    >>> sa.analyze(sa.games.chicken(), sections=["ca"]).keys()[:2]
    ['max_welfare', 'min_welfare']

    Parameters
    ==========

    game : Game
    profile : optional
        A pure, mixed or correlated profile at which local metrics are evaluated.
    title : str, optional
    sections : sequence of str, optional
        The sections to compute (`section_names` lists them), in report order; default all.
    progress : callable, optional
        Called as ``progress(name, k, total, seconds_so_far)`` before each section.

    Returns
    =======

    Report

    """
    if not isinstance(game, Game):
        from symalign.core.errors import InvalidGameError
        raise InvalidGameError(f"Argument 'game' must be a Game, not {type(game).__name__} "
                               "(build one with symalign.Game.from_arrays(...)).")
    if profile is not None:
        from symalign.core.profiles import as_correlated
        as_correlated(game, profile)  # validate early, with a clear error
    chosen = list(SECTIONS)
    if sections is not None:
        known = section_names()
        if isinstance(sections, str):
            sections = [t for t in sections.split(",") if t.strip()]
        wanted = [str(t).strip() for t in sections]
        unknown = [t for t in wanted if t not in known]
        if unknown or not wanted:
            raise SymalignError(f"Argument 'sections' is {list(sections)!r}; choose among "
                                f"{', '.join(known)}.")
        chosen = [f for f in SECTIONS if _section_name(f) in wanted]
    from symalign.core.config import settings
    budget = settings.report_section_seconds
    entries: list[Entry] = []
    records = []
    t0 = time.monotonic()
    for k, section in enumerate(chosen):
        if progress is not None:
            progress(_section_name(section), k, len(chosen), time.monotonic() - t0)
        t = time.monotonic()
        part, spent = _run_section(section, game, profile, budget)
        entries.extend(part)
        record = {"name": _section_name(section),
                  "title": part[0].section if part else _section_name(section),
                  "seconds": round(time.monotonic() - t, 3),
                  "status": "over budget" if spent else "complete"}
        if spent:
            record["note"] = (f"the section '{record['name']}' ran out of its time budget of "
                              f"{budget} s; raise symalign.settings.report_section_seconds "
                              "(None: no limit)")
        records.append(record)
    return Report(title or "game", game, tuple(entries), profile, tuple(records))


def render(report: Report, fmt: str = "text", *, standalone: bool = False) -> str:
    """Render a `Report` as ``text``, ``json``, ``markdown`` or ``latex``; see `symalign.io.rendering`.

    Examples
    ========

    >>> import symalign as sa
    >>> r = sa.analyze(sa.games.chicken(), title="Chicken", sections=["ca"])
    >>> sa.render(r).splitlines()[0], sa.render(r, "json").count('"exact": "-2"')
    ('Chicken', 1)

    """
    from symalign.io.rendering import render as _render
    return _render(report, fmt, standalone=standalone)
