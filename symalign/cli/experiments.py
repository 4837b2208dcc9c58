"""Command-line subcommands ``symalign experiment`` and ``symalign delegation`` (Sourbut, Hammond & Wood, IJCAI 2024).

`register_experiment` and `register_delegation` each add one subcommand to the parser of
`symalign.cli` (listed in ``symalign.cli.main._COMMANDS``). `delegation_report` builds the
report that ``symalign delegation FILE`` renders: every measure and every bound form of a
delegation game, exactly.
"""

from __future__ import annotations

import sys

import sympy

from symalign.core.errors import SymalignError

__all__ = ["register_experiment", "register_delegation", "delegation_report"]

_FORMATS = ("text", "json", "latex", "markdown")


# -- symalign experiment ----------------------------------------------------------------------

_WHICH = ("bounds", "grid", "estimation", "paper")


def _ints(text: str, name: str) -> tuple:
    try:
        out = tuple(int(k) for k in text.replace("x", ",").split(","))
    except ValueError:
        raise SymalignError(f"Argument '{name}' is {text!r}; pass action counts such as "
                            "3,3 or 5,5,4.") from None
    return out


def _shapes(text: str, name: str) -> list:
    return [_ints(part, name) for part in text.split(";") if part.strip()]


def _ratio_sets(text: str) -> list:
    return [tuple(x.strip() for x in part.split(",")) for part in text.split(";")
            if part.strip()]


def _sources(text: str) -> dict:
    out = {}
    for item in text.split(","):
        key, sep, value = item.partition("=")
        if not sep:
            raise SymalignError(f"Argument '--sources' holds {item!r}; write ESTIMATE=SET, "
                                "e.g. IC=eps_ne,CC=played.")
        out[key.strip()] = value.strip()
    return out


def register_experiment(sub) -> None:
    """Add ``symalign experiment bounds|grid|estimation|paper ...`` to the subparsers ``sub``."""
    from symalign.experiments.drivers import PAPER_SIZES
    paper_sizes = ";".join(",".join(map(str, s)) for s in PAPER_SIZES)
    p = sub.add_parser(
        "experiment", help="run the paper's experiments (Sourbut, Hammond & Wood 2024, Sec. 6)",
        description="Run an experiment of the delegation-games paper into --out: summary.json "
                    "and figures (PNG, PDF). The defaults are the paper's settings. A rerun "
                    "with the same arguments continues from the chunks already in --out. "
                    "Exit status 0, 1 if an exact check found a violation, 2 for a usage "
                    "error.")
    p.add_argument("which", choices=_WHICH,
                   help="bounds: 3-D bound validation; grid: principal welfare against IA, "
                        "IC, CA, CC; estimation: estimator error against samples; paper: "
                        "all of them at the paper's settings (body and appendix)")
    p.add_argument("--out", required=True, help="output folder (created if missing)")
    p.add_argument("--seed", type=int, default=None,
                   help="the seed (default: grid and estimation 1282, bounds 9622709)")
    p.add_argument("--quick", action="store_true",
                   help="paper: a small version of every part (seconds to a minute)")
    g = p.add_argument_group("grid and estimation")
    g.add_argument("--shape", default=None,
                   help="grid: actions per agent (default 3,3; the appendix: 5,5,4, 6,7,4,6 "
                        f"and 7,3,8,5,12); estimation: sizes separated by ';' (default "
                        f"{paper_sizes})")
    g.add_argument("--others", default=None,
                   help="grid: the value of the measures not swept, or several separated by "
                        "',' (default 9/10; the appendix: 0,1/4,1/2,3/4,1)")
    g.add_argument("--measures", default=None,
                   help="grid: the measures to sweep (default IA,IC,CA,CC)")
    g.add_argument("--increments", type=int, default=None,
                   help="grid: the swept measure takes increments + 1 values (default 25)")
    g.add_argument("--repetitions", type=int, default=None,
                   help="grid: games per point (default 25); estimation: games per size "
                        "(default 25)")
    e = p.add_argument_group("estimation")
    e.add_argument("--samples", type=int, default=None,
                   help="estimation: samples per game (default 1000)")
    e.add_argument("--sources", default=None,
                   help="estimation: the sampled set of each estimate, among all, ne, eps_ne "
                        "and played (default IA=all,CA=all,IC=eps_ne,CC=played)")
    b = p.add_argument_group("bounds")
    b.add_argument("--games", type=int, default=None,
                   help="bounds: games per welfare ratio (default 100000)")
    b.add_argument("--standardisation", choices=("MAX", "EPIC"), default=None,
                   help="bounds: the standardisation (default MAX)")
    b.add_argument("--players", type=int, default=None, help="bounds: pairs (default 4)")
    b.add_argument("--outcomes", type=int, default=None, help="bounds: outcomes (default 4)")
    b.add_argument("--welfare-ratios", default=None,
                   help="bounds: welfare ratios r_i = m_hat_i / m_i, one set per panel, sets "
                        "separated by ';', each one value or one per pair (default 1, the "
                        "calibrated agents; the paper run adds 1,1,2,2)")
    r = p.add_argument_group("running")
    r.add_argument("--workers", type=int, default=None,
                   help="worker processes (default: every core; 1 runs inline)")
    r.add_argument("--chunk-size", type=int, default=None, help="games per task")
    x = r.add_mutually_exclusive_group()
    x.add_argument("--scheduler", metavar="ADDRESS", help="run on this dask scheduler")
    x.add_argument("--local-cluster", action="store_true",
                   help="start a local dask cluster with --workers workers")
    r.add_argument("--restart", action="store_true",
                   help="ignore the chunk results of an earlier run in --out")
    r.add_argument("--no-figures", action="store_true", help="write only summary.json")
    bar = r.add_mutually_exclusive_group()
    bar.add_argument("--progress", dest="progress", action="store_const", const=True,
                     default=None, help="show progress bars even when stderr is not a "
                                        "terminal")
    bar.add_argument("--no-progress", dest="progress", action="store_const", const=False,
                     help="never show a progress bar")
    p.set_defaults(func=_cmd_experiment)


_APPLIES = {
    "bounds": {"games", "standardisation", "players", "outcomes", "welfare_ratios",
               "chunk_size"},
    "grid": {"shape", "others", "measures", "increments", "repetitions", "chunk_size"},
    "estimation": {"shape", "repetitions", "samples", "sources", "chunk_size"},
    "paper": {"quick"},
}
_OPTIONS = ("games", "standardisation", "players", "outcomes", "welfare_ratios", "shape",
            "others", "measures", "increments", "repetitions", "samples", "sources",
            "chunk_size", "quick")


def _cmd_experiment(args) -> int:
    from symalign import experiments as E
    given = {k for k in _OPTIONS if getattr(args, k) not in (None, False)}
    wrong = sorted(given - _APPLIES[args.which])
    if wrong:
        flags = ", ".join("--" + k.replace("_", "-") for k in wrong)
        raise SymalignError(f"Argument(s) {flags} do not apply to the {args.which} "
                            "experiment.")
    common = {"workers": args.workers, "scheduler": args.scheduler,
              "cluster": "local" if args.local_cluster else None, "progress": args.progress,
              "figures": not args.no_figures, "out": args.out, "resume": not args.restart}
    kw = {}
    if args.seed is not None and args.which != "paper":
        kw["seed"] = args.seed
    elif args.seed is not None:
        raise SymalignError("Argument '--seed' does not apply to the paper run (each part "
                            "uses the paper's seed).")
    if args.chunk_size is not None:
        kw["chunk_size"] = args.chunk_size
    if args.which == "bounds":
        for opt, name in (("games", "games"), ("players", "n"), ("outcomes", "n_outcomes"),
                          ("standardisation", "standardisation")):
            if getattr(args, opt) is not None:
                kw[name] = getattr(args, opt)
        if args.welfare_ratios is not None:
            kw["welfare_ratios"] = _ratio_sets(args.welfare_ratios)
        res = E.bound_validation(**kw, **common)
    elif args.which == "grid":
        if args.shape is not None:
            kw["shape"] = _ints(args.shape, "--shape")
        if args.others is not None:
            kw["others"] = [x.strip() for x in args.others.split(",")]
        if args.measures is not None:
            kw["measures"] = [x.strip() for x in args.measures.split(",")]
        for opt in ("increments", "repetitions"):
            if getattr(args, opt) is not None:
                kw[opt] = getattr(args, opt)
        res = E.grid_scan(**kw, **common)
    elif args.which == "estimation":
        if args.shape is not None:
            kw["sizes"] = _shapes(args.shape, "--shape")
        if args.repetitions is not None:
            kw["repetitions"] = args.repetitions
        if args.samples is not None:
            kw["max_samples"] = args.samples
        if args.sources is not None:
            kw["sources"] = _sources(args.sources)
        res = E.estimation_error(**kw, **common)
    else:
        res = E.paper_experiments(quick=args.quick, **common)
        for part in res.summary["parts"]:
            sys.stdout.write(f"{part['part']}: {part['games']} games, {part['violations']} "
                             f"violations, {part['wall_time_s']:.1f} s\n")
    s = res.summary
    rate = s["games"] / res.wall_time if res.wall_time > 0 else float("inf")
    tight = "n/a" if s["max_tightness"] is None else f"{s['max_tightness']:.6f}"
    sys.stdout.write(f"{res.name}: {s['games']} games, {s['violations']} violations, "
                     f"max tightness {tight}, {res.wall_time:.1f} s ({rate:.1f} games/s)\n")
    if s.get("figures_note"):
        sys.stdout.write(f"  note: {s['figures_note']}\n")
    for f in res.files:
        sys.stdout.write(f"  wrote {f}\n")
    return 1 if s["violations"] else 0


# -- symalign delegation ----------------------------------------------------------------------

def register_delegation(sub) -> None:
    """Add ``symalign delegation FILE [--format ...] [--profile P]`` to the subparsers ``sub``."""
    p = sub.add_parser("delegation", help="every measure and bound of a delegation-game JSON "
                                          "file (Sourbut, Hammond & Wood, IJCAI 2024)")
    p.add_argument("file", help="delegation-game JSON file (payoffs.agents and "
                                "payoffs.principals), or - for standard input")
    p.add_argument("--format", choices=_FORMATS, default="text",
                   help="text (default), json (the report schema, symalign/io/schema/"
                   "report.schema.json), latex or markdown")
    p.add_argument("--profile", help="the agents' profile: 'C,D' or '1/2,1/2;1,0' (default: "
                                     "the agents' welfare-worst pure Nash equilibrium)")
    p.add_argument("--standardisation", choices=("EPIC", "MAX"), default="EPIC",
                   help="EPIC (default: mean shift, L2 scale) or MAX (midrange shift, "
                   "L-infinity scale)")
    p.add_argument("--welfare", choices=("sum", "average"), default="sum",
                   help="sum (default) or average welfare (every welfare and regret term "
                   "divided by the number of players)")
    p.add_argument("--standalone", action="store_true",
                   help="with --format latex, write a complete document")
    p.add_argument("--output", "-o", help="write to this file (atomically) instead of stdout")
    p.set_defaults(func=_cmd_delegation)


def _cmd_delegation(args) -> int:
    from symalign.cli.common import emit, parse_profile
    from symalign.io.files import read_text
    from symalign.io.jsonfile import delegation_from_json
    from symalign.io.report import render
    from symalign.delegation.standardisation import EPIC, MAX
    text = read_text(args.file)
    name = "<stdin>" if args.file == "-" else args.file
    parsed = delegation_from_json(text, file=name)
    agents, principals = parsed.agents, parsed.principals
    profile = parse_profile(agents, args.profile) if args.profile else None
    std = {"EPIC": EPIC, "MAX": MAX}[args.standardisation]
    from symalign.delegation.model import DelegationGame
    dg = DelegationGame(agents, principals, welfare=args.welfare)
    report = delegation_report(dg, profile, standardisation=std, title=name)
    emit(render(report, args.format, standalone=args.standalone), args.output)
    return 0


def _worst_pure_ne(dg):
    """The agents' welfare-worst pure NE (first in row-major order among ties), or None."""
    from symalign.engines.algebraic import compare
    from symalign.delegation.capability import pure_epsilon_nash_equilibria
    from symalign.delegation.model import group_welfare
    best = None
    for a in pure_epsilon_nash_equilibria(dg.agents, 0, strict=True):
        w = group_welfare(dg, a, "agents")
        if best is None or compare(w, best[1], "the welfare-worst equilibrium") < 0:
            best = (a, w)
    return None if best is None else best[0]


def _profile_text(game, profile) -> str:
    if isinstance(profile, tuple):
        return "(" + ", ".join(game.actions[i][a] for i, a in enumerate(profile)) + ")"
    return str(profile)


def delegation_report(dg, profile=None, *, standardisation=None, title: str = "delegation game"):
    """Every measure and bound of a delegation game, as a `symalign.io.report.Report` (Sourbut, Hammond & Wood, IJCAI 2024).

    Sections: the game; standardisation per player; alignment: IA, distances, total
    misalignment, CA of both groups; calibration: welfare ratios; the profile
    (default: the agents' welfare-worst pure NE, stated in the report), WR of both groups,
    IC, CC and the regret decomposition; and Forms A, A1, C, P and Prop B with
    their terms, hypotheses, exact verdicts and tightness. Values that are undefined
    are kept with the reason. Render it with `symalign.io.report.render`.

    On a symbolic game "perfectly calibrated" is the condition (simplified under the
    assumptions) where every welfare ratio is equal. Where the welfare-worst pure NE depends
    on the parameters, the report splits into cases (NE ``a_k`` where it is the first
    welfare-minimal one; cases proved empty dropped), computes every profile-dependent entry
    per case under the case's condition and combines them key by key: a ``Piecewise`` for
    values (nan where undefined in a case), elementwise for tuples, a simplified condition for
    truth values, and "value if condition; ..." text otherwise.

    Examples
    ========

    >>> from symalign.delegation.constructions import calibration_example
    >>> from symalign.cli.experiments import delegation_report
    >>> r = delegation_report(calibration_example().game)          # the calibration-is-necessary example (symalign)
    >>> print(r["profile"])
    (0, 0) (the agents' welfare-worst pure Nash equilibrium)
    >>> r["principals_welfare_regret"], r["form_a.value"], r["form_a.holds"]
    (1, 4/3, True)
    >>> r["form_a1.holds_hypotheses"], r["form_c.value"]
    (False, 48*sqrt(2)/25)

    Parameters
    ==========

    dg : DelegationGame
    profile : pure, mixed or correlated profile of the agents, optional
    standardisation : Standardisation, optional
        Default `symalign.delegation.standardisation.EPIC`.
    title : str

    Returns
    =======

    symalign.io.report.Report

    """
    from symalign.delegation import alignment as AL
    from symalign.delegation import bounds as BO
    from symalign.delegation import capability as CAP
    from symalign.delegation.model import _require, ideal_regret, welfare_regret
    from symalign.io.report import Entry, Report, _safe, _Undefined
    from symalign.delegation.standardisation import EPIC, standardise
    std = EPIC if standardisation is None else standardisation
    _require(dg)
    entries: list = []

    def add(key, label, value, section):
        entries.append(Entry(key, label, value, section))

    s = "game"
    add("pairs", "principal-agent pairs n", sympy.Integer(dg.n), s)
    add("shape", "actions per agent", tuple(sympy.Integer(k) for k in dg.shape), s)
    add("welfare_form", "welfare form", dg.welfare_form, s)
    add("standardisation", "standardisation", std.name, s)
    add("K_m", "K_m", std.K_m, s)
    add("K_d", "K_d", std.K_d, s)

    s = "standardisation"
    for group, game in (("agent", dg.agents), ("principal", dg.principals)):
        for i in range(dg.n):
            st = _safe(lambda g=game, i=i: standardise(g.utility(i), std,
                                                       assumptions=dg.assumptions))
            pre = f"{group}_{i}"
            if isinstance(st, _Undefined):
                add(f"{pre}.magnitude", f"{group} {i} magnitude", st, s)
                continue
            add(f"{pre}.shift", f"{group} {i} shift c", st.shift, s)
            add(f"{pre}.magnitude", f"{group} {i} magnitude m", st.magnitude, s)
            add(f"{pre}.vector", f"{group} {i} standardised nu", tuple(st.vector), s)

    s = "alignment"
    add("individual_alignment", "individual alignment IA_i",
        _safe(lambda: AL.individual_alignments(dg, std)), s)
    add("alignment_distance", "alignment distances d_i",
        _safe(lambda: tuple(AL._pair_distance(dg, i, std) for i in range(dg.n))), s)
    add("total_misalignment", "total misalignment sum m_hat_i d_i",
        _safe(lambda: AL.total_misalignment(dg, std)), s)
    add("collective_alignment_agents", "collective alignment CA (agents)",
        _safe(lambda: AL.collective_alignment(dg, "agents", std)), s)
    add("collective_alignment_principals", "collective alignment CA_hat (principals)",
        _safe(lambda: AL.collective_alignment(dg, "principals", std)), s)

    s = "calibration"
    ratios = _safe(lambda: AL.calibration_ratios(dg, std))
    add("calibration_ratios", "welfare ratios r_i = m_hat_i / m_i", ratios, s)
    add("aggregate_ratio", "aggregate ratio r_bar", _safe(lambda: AL.aggregate_ratio(dg, std)),
        s)
    if isinstance(ratios, _Undefined):
        add("perfectly_calibrated", "perfectly calibrated", ratios, s)
    else:
        add("perfectly_calibrated", "perfectly calibrated",
            _safe(lambda: _calibrated(ratios, dg.assumptions)), s)

    s = "profile, regret and capability"
    cases = None
    if profile is None:
        ne = _safe(lambda: _worst_pure_ne(dg))
        if isinstance(ne, _Undefined) and dg.assumptions is not None and _free(dg):
            cases = _safe(lambda: _worst_ne_cases(dg))
            if isinstance(cases, _Undefined) or not cases:
                cases = None
        if cases is not None:
            add("profile", "profile", "; ".join(
                f"{_profile_text(dg.agents, a)} if {_cond_text(c)}" for a, c, _ in cases)
                + " (the agents' welfare-worst pure Nash equilibrium)", s)
        elif ne is None or isinstance(ne, _Undefined):
            reason = ("the agents' game has no pure Nash equilibrium; pass --profile"
                      if ne is None else ne.reason)
            add("profile", "profile", _Undefined(reason), s)
        else:
            profile = ne
            add("profile", "profile", f"{_profile_text(dg.agents, ne)} (the agents' "
                "welfare-worst pure Nash equilibrium)", s)
    else:
        from symalign.core.profiles import as_correlated
        as_correlated(dg.agents, profile)  # validate early, with a clear error
        add("profile", "profile", f"{_profile_text(dg.agents, profile)} (given)", s)
    add("principals_optimal_welfare", "principals' optimal welfare w_hat*", dg.w_hat_star, s)
    add("principals_utopia", "principals' utopia w_hat^+", dg.w_hat_plus, s)
    add("ideal_regret", "ideal regret w_hat^+ - w_hat*", _safe(lambda: ideal_regret(dg)), s)
    if cases is not None:
        from symalign.delegation.casesplit import with_assumptions
        per_case = [(c, _profile_entries(with_assumptions(dg, raw), a, std))
                    for a, c, raw in cases]
        entries += _combine_entries(per_case, dg.assumptions)
    elif profile is not None:
        entries += _profile_entries(dg, profile, std)
    s = "welfare-regret bounds (none is the paper's Theorem 1)"
    entries += _record_entries([("prop_b", _safe(lambda: BO.prop_b(dg, standardisation=std)))],
                               dg.assumptions)
    return Report(title, dg.agents, tuple(entries))


_REGRET = "profile, regret and capability"
_BOUNDS = "welfare-regret bounds (none is the paper's Theorem 1)"


def _profile_entries(dg, profile, std) -> list:
    """The report entries that depend on the agents' profile: regret, capability, Forms A-P."""
    from symalign.delegation import bounds as BO
    from symalign.delegation import capability as CAP
    from symalign.delegation.model import welfare_regret
    from symalign.io.report import Entry, _safe, _Undefined
    out: list = []

    def add(key, label, value, section=_REGRET):
        out.append(Entry(key, label, value, section))

    add("agents_welfare_regret", "agents' welfare regret WR",
        _safe(lambda: welfare_regret(dg, profile, "agents")))
    add("principals_welfare_regret", "principals' welfare regret WR_hat",
        _safe(lambda: welfare_regret(dg, profile, "principals")))
    add("individual_capability", "individual capability IC_i",
        _safe(lambda: CAP.individual_capabilities(dg, profile)))
    cc = _safe(lambda: CAP.collective_capability(dg, profile))
    add("collective_capability", "collective capability CC (eps = 0)", cc)
    dec = _safe(lambda: CAP.regret_decomposition(dg, profile))
    if isinstance(dec, _Undefined):
        add("regret_decomposition", "WR = (1 - CC)(w* - w_0) + (w_0 - w_eps)", dec)
    else:
        add("w_star", "agents' optimal welfare w*", dec.w_star)
        add("w_0", "worst pure-NE welfare w_0", dec.w_0)
        add("w_eps", "worst pure eps-NE welfare w_eps", dec.w_eps)
        add("regret_decomposition", "WR = (1 - CC)(w* - w_0) + (w_0 - w_eps) holds",
            dec.identity_holds)
    records = [("form_a", _safe(lambda: BO.form_a(dg, profile, standardisation=std))),
               ("form_a1", _safe(lambda: BO.form_a1(dg, profile, standardisation=std))),
               ("form_c", _safe(lambda: BO.form_c(dg, profile, standardisation=std)))]
    if isinstance(cc, sympy.Piecewise) and cc.has(sympy.nan):
        return out + _record_entries(records, dg.assumptions) + _form_p_where_defined(
            dg, profile, std, cc)
    if not isinstance(cc, _Undefined):
        records.append(("form_p", _safe(lambda: BO.form_p(dg, profile, cc=cc,
                                                           standardisation=std))))
    else:
        records.append(("form_p", _Undefined("needs a defined collective capability: "
                                              + cc.reason)))
    return out + _record_entries(records, dg.assumptions)


def _form_p_where_defined(dg, profile, std, cc) -> list:
    """Form P where the closed-form CC is defined (not nan), split by that condition."""
    from symalign.delegation import bounds as BO
    from symalign.delegation import capability as CAP
    from symalign.delegation.casesplit import with_assumptions
    from symalign.engines.conditions import simplify_condition
    from symalign.io.report import _safe, _Undefined
    A = dg.assumptions
    nan = _Undefined(f"needs a defined collective capability: CC = {cc}")
    D = _defined_where(cc, A)
    if not isinstance(D, sympy.core.relational.Relational):
        return _record_entries([("form_p", nan)], A)
    d2 = with_assumptions(dg, [D])
    cc2 = _safe(lambda: CAP.collective_capability(d2, profile))
    fp = (nan if isinstance(cc2, _Undefined) or (isinstance(cc2, sympy.Basic) and cc2.has(
        sympy.nan)) else _safe(lambda: BO.form_p(d2, profile, cc=cc2, standardisation=std)))
    return _combine_entries([(D, _record_entries([("form_p", fp)], d2.assumptions)),
                             (simplify_condition(sympy.Not(D), A),
                              _record_entries([("form_p", nan)], A))], A)


def _record_entries(records, A=()) -> list:
    """The entries of bound records ``[(key, record or _Undefined), ...]``.

    On a symbolic game a record whose hypotheses hold only on part of the parameter space
    (Form A1: perfect calibration) has a ``Piecewise`` value that is nan elsewhere; its
    "hypotheses hold" entry is then the condition where the value is defined.
    """
    from symalign.delegation import bounds as BO
    from symalign.io.report import Entry, _safe, _Undefined
    out: list = []

    def add(key, label, value):
        out.append(Entry(key, label, value, _BOUNDS))

    for key, rec in records:
        if isinstance(rec, _Undefined):
            add(f"{key}.value", f"{key}: bound", rec)
            continue
        name = rec.form
        add(f"{key}.hypotheses", f"{name}: hypotheses", "; ".join(rec.hypotheses))
        add(f"{key}.holds_hypotheses", f"{name}: hypotheses hold",
            _defined_where(rec.value, A) if rec.holds_hypotheses else False)
        if not rec.holds_hypotheses:
            add(f"{key}.reason", f"{name}: why not", rec.reason)
            continue
        add(f"{key}.regret", f"{name}: bounded regret", rec.regret)
        add(f"{key}.value", f"{name}: bound", rec.value)
        for term in ("cooperation", "alignment", "calibration"):
            v = getattr(rec, term)
            if v is not None:
                add(f"{key}.{term}", f"{name}: {term} term", v)
        if "R" in rec.details:
            add(f"{key}.R", f"{name}: optimal R", rec.details["R"])
            add(f"{key}.binding", f"{name}: binding (formula or cap)", rec.details["binding"])
        add(f"{key}.holds", f"{name}: regret <= bound (exact)", rec.holds)
        add(f"{key}.tightness", f"{name}: tightness regret / bound",
            _safe(lambda rec=rec: BO.tightness(rec)))
    return out


def _defined_where(value, A):
    """True, or the simplified condition where a ``Piecewise`` value is not nan."""
    if not isinstance(value, sympy.Piecewise) or not value.has(sympy.nan):
        return True
    from symalign.engines.conditions import simplify_condition
    parts, earlier = [], []
    for v, c in value.args:
        if v is not sympy.nan:
            parts.append(sympy.And(c, *(sympy.Not(e) for e in earlier)))
        earlier.append(c)
    return _as_bool(simplify_condition(sympy.Or(*parts), A))


def _free(dg) -> bool:
    return bool(dg.agents.free_symbols) if hasattr(dg.agents, "free_symbols") else True


def _calibrated(ratios, assumptions):
    """Whether every welfare ratio equals the first: a bool, or the simplified condition."""
    from symalign.engines.algebraic import compare
    from symalign.core.errors import UndecidableError
    try:
        return all(compare(r, ratios[0], "calibration") == 0 for r in ratios)
    except UndecidableError:
        from symalign.engines.conditions import simplify_condition
        cond = sympy.And(*(sympy.Eq(r, ratios[0]) for r in ratios[1:]))
        return _as_bool(simplify_condition(cond, assumptions))


def _as_bool(c):
    return True if c is sympy.true else False if c is sympy.false else c


def _cond_text(c) -> str:
    return str(c)


def _worst_ne_cases(dg) -> list:
    """``[(profile, simplified condition, raw condition)]``: where each pure NE is the worst.

    NE ``a_k`` is chosen where it is the first welfare-minimal one (welfare below every
    earlier NE's and at most every later one's, the tie rule of `_worst_pure_ne`); cases the
    engine proves empty are dropped.
    """
    from symalign.delegation.capability import pure_epsilon_nash_equilibria
    from symalign.delegation.model import group_welfare
    from symalign.engines.conditions import simplify_condition
    from symalign.engines.signs import is_satisfiable
    A = dg.assumptions
    nes = list(pure_epsilon_nash_equilibria(dg.agents, 0, strict=True))
    ws = [group_welfare(dg, a, "agents") for a in nes]
    out = []
    for k, a in enumerate(nes):
        rels = [ws[k] < ws[b] for b in range(k)] + [ws[k] <= ws[b]
                                                      for b in range(k + 1, len(nes))]
        rels = [r for r in rels if r is not sympy.true]
        if any(r is sympy.false for r in rels):
            continue
        raw = sympy.And(*rels)
        if rels and is_satisfiable(rels, A).value is False:
            continue
        out.append((a, simplify_condition(raw, A), rels))
    return out


def _combine_entries(per_case, A) -> list:
    """One entry per key from ``[(condition, entries)]``, the values combined by case."""
    from symalign.io.report import Entry
    order: list = []
    firsts: dict = {}
    for _, entries in per_case:
        at = 0
        for e in entries:
            if e.key in firsts:
                at = order.index(e.key) + 1
            else:
                firsts[e.key] = e
                order.insert(at, e.key)
                at += 1
    keys = {k: firsts[k] for k in order}
    out = []
    for key, first in keys.items():
        values = []
        for c, entries in per_case:
            v = next((e.value for e in entries if e.key == key), None)
            values.append((c, v))
        if key.endswith(".holds_hypotheses"):     # not computed: a hypothesis failed there
            values = [(c, False if v is None else v) for c, v in values]
        out.append(Entry(key, first.label, _combine(values, A), first.section))
    return out


def _combine(values, A):
    """Combine ``[(condition, value)]`` into one value (see `delegation_report`)."""
    from symalign.io.report import _Undefined
    defined = [(c, v) for c, v in values if v is not None and not isinstance(v, _Undefined)]
    if all(v is None for _, v in values):
        return None      # not given in any case (as on an undivided game)
    if not defined:
        reasons = [v.reason for _, v in values if isinstance(v, _Undefined)]
        return _Undefined(reasons[0] if len(set(reasons)) == 1 else "; ".join(
            f"{r} if {_cond_text(c)}" for (c, v), r in zip(values, reasons)))
    vs = [v for _, v in values]
    if len(defined) == len(values) and all(_equal(v, vs[0]) for v in vs[1:]):
        return vs[0]
    kinds = {_kind(v) for _, v in defined}
    if kinds == {"tuple"} and len({len(v) for _, v in defined}) == 1:
        n = len(defined[0][1])
        return tuple(_combine([(c, v[i] if isinstance(v, tuple) else v) for c, v in values], A)
                     for i in range(n))
    if kinds == {"bool"} and len(defined) == len(values):
        from symalign.engines.conditions import simplify_condition
        cond = sympy.Or(*(sympy.And(c, sympy.S(v)) for c, v in values))
        return _as_bool(simplify_condition(cond, A))
    if kinds == {"expr"}:
        from symalign.engines.piecewise import piecewise
        return piecewise([(sympy.nan if v is None or isinstance(v, _Undefined) else v, c)
                          for c, v in values], A)
    return "; ".join(f"{_bracket(_text(v))} if {_cond_text(c)}" for c, v in values)


def _bracket(t: str) -> str:
    return f"({t})" if "; " in t or " if " in t else t


def _kind(v) -> str:
    if isinstance(v, tuple):
        return "tuple"
    if isinstance(v, (bool, sympy.logic.boolalg.Boolean)) and not isinstance(v, sympy.Expr):
        return "bool"
    if isinstance(v, (int, sympy.Expr)):
        return "expr"
    return "other"


def _equal(a, b) -> bool:
    from symalign.io.report import _Undefined
    if isinstance(a, _Undefined) or isinstance(b, _Undefined) or a is None or b is None:
        return False
    if type(a) is not type(b) and not (isinstance(a, sympy.Basic) and isinstance(b, sympy.Basic)):
        return False
    try:
        return bool(a == b)
    except TypeError:
        return False


def _text(v) -> str:
    from symalign.io.report import _Undefined
    if v is None:
        return "not applicable"
    if isinstance(v, _Undefined):
        return f"undefined ({v.reason})"
    if v is True or v is False:
        return "yes" if v else "no"
    return str(v)
