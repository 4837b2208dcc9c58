"""Piecewise-linear claims (maxima and minima of payoffs), proved by splitting into the argmax cases."""

from __future__ import annotations

import itertools
import time
from collections.abc import Sequence

import sympy

from symalign.parametric.closedforms import (
    raw_maxima,  # re-exported: the case-split prover works on maxima
)
from symalign.proving.certificates import find_certificate, find_counterexample
from symalign.proving.records import (
    Step,
    Verification,
    _abs_to_max,
    _as_nonneg,
    _relation,
    generic_game,
)

# -- piecewise-linear claims -------------------------------------------------------------------

def _maxmin_nodes(expr) -> list:
    nodes = sorted(expr.atoms(sympy.Max, sympy.Min), key=lambda e: e.sort_key())
    return nodes


def _split_plan(g: sympy.Expr, split: str):
    """Classify each Max/Min of ``g >= 0`` as a bounded variable or a case split."""
    nodes = _maxmin_nodes(g)
    for n in nodes:
        if any(a.has(sympy.Max, sympy.Min) for a in n.args):
            raise ValueError(f"nested maxima are not supported: {n}")
    plan = []
    z = {n: sympy.Dummy(f"M{k}", real=True) for k, n in enumerate(nodes)}
    h = sympy.expand(g.xreplace(z))
    for n in nodes:
        zn = z[n]
        coeff = sympy.expand(h).coeff(zn)
        linear = not sympy.expand(h - coeff * zn).has(zn) and coeff.is_Rational
        is_max = isinstance(n, sympy.Max)
        if split != "all" and linear and ((is_max and coeff > 0) or (not is_max and coeff < 0)):
            plan.append((n, zn, "bound"))
        else:
            plan.append((n, zn, "split"))
    return h, plan


def prove_piecewise_linear(claim, shape: Sequence[int] | None = None, *,
                           assumptions: Sequence = (), split: str = "needed",
                           products: bool | int = False, name: str = "",
                           claim_latex: str | None = None,
                           expected: bool = True, source: str = "",
                           refute: bool = True) -> Verification:
    """Prove ``claim`` (a relation built from maxima and minima of polynomials) case by case.

    Each ``Max``/``Min`` is replaced by a variable ``M``. When ``M`` occurs on the *large*
    side of the inequality with a constant coefficient, it only needs its defining lower
    bounds (``M >= f_l`` for a maximum), so it stays a variable; otherwise (or with
    ``split="all"``) the claim is split into the cases ``M = f_j`` with ``f_j >= f_l`` for every
    ``l`` — the argmax cases. Each case is proved by an exact certificate (`find_certificate`,
    with degree-two products when ``products=True``). A case without a certificate is searched
    for an exact counterexample (linear cases only); if none is found the claim is undecided.

    Examples
    ========

    >>> import sympy, symalign as sa
    >>> from symalign.proving.claims import prove_piecewise_linear
    >>> from symalign.proving.claims import raw_maxima
    >>> g = sa.games.symbolic_game((2, 2))
    >>> with raw_maxima():
    ...     claim = sa.alpha(g) <= 0
    >>> v = prove_piecewise_linear(claim, split="all")
    >>> v.holds, v.method, v.steps[0].detail["cases"]
    (True, 'certificate', 64)
    >>> prove_piecewise_linear(lambda g: sa.max_welfare(g) <= sa.utopia_welfare(g), (2, 3)).holds
    True
    >>> a, b = sympy.symbols("a b", real=True)
    >>> prove_piecewise_linear(sympy.Max(a, b) <= a).counterexample
    {a: -10, b: 10}

    Parameters
    ==========

    claim : sympy relation, or callable
        A callable is a claim builder ``game -> relation``, applied to the generic symbolic
        game of ``shape`` (with metrics returning maxima, see `raw_maxima`).
    shape : tuple of int, optional
        Needed when ``claim`` is a builder.
    assumptions : sequence of relations
        Hypotheses added to every case (``Eq`` allowed).
    split : {"needed", "all"}
        Split only the maxima that need it, or every maximum (full argmax case analysis).
    products : bool
        Allow products of two hypotheses in the certificates (bilinear claims).

    Returns
    =======

    Verification
        ``method="certificate"``; ``steps[0].detail`` holds ``cases`` and the certificates.

    """
    t0 = time.perf_counter()
    if callable(claim) and not isinstance(claim, sympy.Basic):
        if shape is None:
            raise TypeError("prove_piecewise_linear: a claim builder needs 'shape'.")
        with raw_maxima():
            claim = claim(generic_game(shape))
    rel = sympy.sympify(claim)
    if rel is sympy.true or rel is sympy.false:
        return Verification(claim=claim_latex or sympy.latex(rel), name=name, method="certificate",
                            steps=(Step(rel, "evaluated", bool(rel)),),
                            assumptions=tuple(assumptions),
                            expected=expected, holds=bool(rel),
                            seconds=time.perf_counter() - t0, source=source)
    g, gstrict, geq = _as_nonneg(rel)
    if geq:
        raise TypeError("prove_piecewise_linear proves inequalities; split an equality into two.")
    g = sympy.expand(_abs_to_max(g))
    base = [sympy.sympify(a) for a in assumptions]
    h, plan = _split_plan(g, split)
    bound_hyps = []
    split_nodes = []
    for n, zn, kind in plan:
        if kind == "bound":
            if isinstance(n, sympy.Max):
                bound_hyps += [sympy.Ge(zn, f) for f in n.args]
            else:
                bound_hyps += [sympy.Le(zn, f) for f in n.args]
        else:
            split_nodes.append((n, zn))
    certs = []
    ncases = 0
    holds = True
    counterexample = None
    failed_case = None
    from symalign.core.config import Deadline
    deadline = Deadline("the piecewise-linear proof")
    for choice in itertools.product(*(range(len(n.args)) for n, _ in split_nodes)):
        deadline.check()
        ncases += 1
        case_hyps = []
        subs = {}
        for (n, zn), j in zip(split_nodes, choice):
            fj = n.args[j]
            subs[zn] = fj
            for k, f in enumerate(n.args):
                if k != j:
                    case_hyps.append(sympy.Ge(fj, f) if isinstance(n, sympy.Max)
                                     else sympy.Le(fj, f))
        goal_case = sympy.expand(h.xreplace(subs))
        hyps = [*base, *case_hyps, *bound_hyps]
        cert = find_certificate(_relation(goal_case, gstrict), hyps, products=products)
        if cert is not None:
            certs.append((choice, cert))
            continue
        holds = None
        failed_case = choice
        if refute:
            pt = find_counterexample(_relation(goal_case, gstrict), hyps)
            if pt is not None:
                pt = {k: v for k, v in pt.items() if not isinstance(k, sympy.Dummy)}
                val = rel.subs(pt)
                if val is sympy.false:
                    holds = False
                    counterexample = pt
        break
    how = (f"split into {ncases} argmax case(s) ({len(split_nodes)} maxima split, "
           f"{len(plan) - len(split_nodes)} kept as bounded variables); "
           + ("an exact certificate in every case" if holds else
              f"no certificate in case {failed_case}" + (", exact counterexample found"
                                                         if holds is False else "")))
    step = Step(rel, how, holds, detail={"cases": ncases, "certificates": tuple(certs),
                                         "failed_case": failed_case})
    return Verification(claim=claim_latex or sympy.latex(rel), name=name, method="certificate",
                        steps=(step,), assumptions=tuple(assumptions), expected=expected,
                        holds=holds, counterexample=counterexample,
                        seconds=time.perf_counter() - t0, source=source)
