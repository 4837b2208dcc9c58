"""Private: sign certificates for one parameter by real roots, and interval boxes (issue 14).

Used by `symalign.engines.signs`. `real_roots_signs` eliminates square roots by resultants into
a polynomial whose real roots contain every zero and every discontinuity of the expression in
the parameter's interval; the sign on each interval between the isolated roots is constant and
is evaluated exactly at one rational witness point (`symalign.engines.algebraic.sign`), and at
the roots themselves. `box_signs` evaluates the expression in interval arithmetic over a box
of bounded parameters. Both return ``(signs, method, certificate)`` or None.
"""

from __future__ import annotations

import functools

import sympy
from sympy import Integer, Rational

from symalign.core.errors import UndecidableError
from symalign.engines import symbolic as _symbolic
from symalign.engines.algebraic import sign as _number_sign
from symalign.engines.linearforms import _params

__all__ = ["real_roots_signs", "box_signs"]



def _interval(x, ctx):
    """``(lo, hi, lo_open, hi_open)`` for ``x`` from its sympy assumptions and the linear
    assumptions in ``x`` alone (other assumptions are ignored: the interval may be larger)."""
    return _symbolic._univariate_bounds(x, ctx.relations)


@functools.lru_cache(maxsize=2048)     # depends on e only: reused under every assumption set
def _zero_polynomial(e, x):
    """A non-zero polynomial in ``x`` vanishing at every zero and every pole of ``e`` and of
    its radicands (radicals eliminated by resultants), or None."""
    radicals = []
    for node in sympy.postorder_traversal(e):
        if node.is_Pow and node.exp.is_Rational and not node.exp.is_Integer:
            base = node.base
            if node.exp.q != 2:
                return None
            if base not in [b for b, _ in radicals]:
                radicals.append((base, sympy.Dummy("y")))
                if len(radicals) > 3:
                    return None
    f = e
    repl = {}
    extra = []
    for base, y in radicals:
        b = base.xreplace(repl)
        repl[sympy.sqrt(base)] = y
        repl[1 / sympy.sqrt(base)] = 1 / y
        extra.append((y, b))
    f = e.xreplace(repl)
    # powers sqrt(b)**k left over
    def sub(node):
        if node.is_Pow and node.exp.is_Rational and node.exp.q == 2:
            for base, y in radicals:
                if node.base == base:
                    return y ** int(2 * node.exp)
        return node
    f = f.replace(lambda n: n.is_Pow and n.exp.is_Rational and n.exp.q == 2, sub)
    if any(n.is_Pow and not n.exp.is_Integer for n in sympy.preorder_traversal(f)):
        return None
    num, den = sympy.fraction(sympy.together(f))
    polys = [sympy.expand(num), sympy.expand(den)]
    out = []
    for p in polys:
        for y, b in reversed(extra):
            bn, bd = sympy.fraction(sympy.together(b))
            p = sympy.expand(p)
            if p.has(y):
                p = sympy.resultant(sympy.Poly(p, y), sympy.Poly(bd * y**2 - bn, y)).as_expr()
        p = sympy.expand(p)
        if p.free_symbols - {x}:
            return None
        out.append(p)
    for _, b in extra:
        bn, bd = sympy.fraction(sympy.together(b))
        for q in (bn, bd):
            q = sympy.expand(q)
            if q.free_symbols - {x}:
                return None
            out.append(q)
    prod = Integer(1)
    for p in out:
        if p != 0 and p.free_symbols:
            prod *= p
    if any(p == 0 for p in out[:1]):
        return None
    return sympy.Poly(prod, x) if prod != 1 else sympy.Poly(x - x + 1, x)


def real_roots_signs(e, ctx, S=None):
    syms = _params(e)
    if len(syms) != 1:
        return None
    (x,) = syms
    if not x.is_real:
        return None
    try:
        N = _zero_polynomial(e, x)
    except (sympy.PolynomialError, ValueError, NotImplementedError):
        return None
    if N is None or N.degree() > 16:
        return None
    lo, hi, lo_open, hi_open = _interval(x, ctx)
    if lo > hi:
        return None
    try:
        roots = [] if N.degree() < 1 else sorted(set(sympy.real_roots(N)),
                                                  key=lambda r: sympy.default_sort_key(r))
    except (NotImplementedError, sympy.PolynomialError):
        return None
    roots = sorted(roots, key=lambda r: float(r.evalf(30)))

    def inside(r):
        a = (r > lo) if lo_open else (r >= lo)
        b = (r < hi) if hi_open else (r <= hi)
        return bool(a) and bool(b)

    pts = [r for r in roots if inside(r)]
    # a rational sample in each open interval between consecutive points (and the ends)
    cuts = [lo] + pts + [hi]
    samples = []
    for a, b in zip(cuts, cuts[1:]):
        if a == -sympy.oo and b == sympy.oo:
            samples.append(Integer(0))
        elif a == -sympy.oo:
            samples.append(sympy.floor(b) - 1)
        elif b == sympy.oo:
            samples.append(sympy.ceiling(a) + 1)
        else:
            samples.append(_rational_between(a, b))
    closed_ends = [r for r, op in ((lo, lo_open), (hi, hi_open)) if r.is_finite and not op]
    signs = set()
    cert = []
    for pt in samples + pts + closed_ends:
        v = e.subs(x, pt)
        if v.has(sympy.zoo, sympy.nan) or v.is_real is False:
            if pt in pts:
                continue       # a pole or the end of a radicand's domain: not in the region
            return None
        try:
            s = _number_sign(v)
        except (UndecidableError, ArithmeticError, TypeError, ValueError, AttributeError,
                NotImplementedError, sympy.polys.polyerrors.PolynomialError):
            return None
        signs.add(s)
        cert.append((pt, s))
    if not signs:
        return None
    return frozenset(signs), "real roots", {"polynomial": N.as_expr(), "points": cert}


def _rational_between(a, b):
    a, b = sympy.nsimplify(a) if a.is_Rational else a, b
    lo = Rational(sympy.floor(a * 2**20), 2**20) if not a.is_Rational else a
    hi = Rational(sympy.ceiling(b * 2**20), 2**20) if not b.is_Rational else b
    # refine by bisection on exact comparisons
    for k in range(20, 200, 20):
        m = Rational(sympy.floor((a + b) / 2 * 2**k), 2**k) if not (a + b).is_Rational else (a + b) / 2
        if bool(m > a) and bool(m < b):
            return m
    return (lo + hi) / 2


def box_signs(e, ctx, S=None):
    """Interval arithmetic over a bounded box of parameters (every parameter bounded)."""
    syms = _params(e)
    box = {}
    for s in syms:
        lo, hi, _, _ = _interval(s, ctx)
        if not (lo.is_finite and hi.is_finite):
            return None
        box[s] = (lo, hi)
    from mpmath import iv
    from symalign.engines.algebraic import _Unsupported
    old = iv.prec
    iv.prec = 80
    try:
        ivs = {s: iv.mpf([iv.mpf(int(lo.p)) / int(lo.q), iv.mpf(int(hi.p)) / int(hi.q)])
               for s, (lo, hi) in box.items()}
        val = _iv_box(e, ivs)
    except (_Unsupported, ZeroDivisionError, ValueError, TypeError):
        return None
    finally:
        iv.prec = old
    if val.a > 0:
        return frozenset((1,)), "interval box", box
    if val.b < 0:
        return frozenset((-1,)), "interval box", box
    return None


def _iv_box(e, ivs):
    from mpmath import iv
    from symalign.engines.algebraic import _iv_eval, _Unsupported
    if e in ivs:
        return ivs[e]
    if not e.free_symbols:
        return _iv_eval(e)
    if e.is_Add:
        out = iv.mpf(0)
        for a in e.args:
            out = out + _iv_box(a, ivs)
        return out
    if e.is_Mul:
        out = iv.mpf(1)
        for a in e.args:
            out = out * _iv_box(a, ivs)
        return out
    if e.is_Pow and e.exp.is_Integer:
        b = _iv_box(e.base, ivs)
        k = int(e.exp)
        return b ** k if k >= 0 else iv.mpf(1) / b ** (-k)
    if e.is_Pow and e.exp == sympy.S.Half:
        return iv.sqrt(_iv_box(e.base, ivs))
    if isinstance(e, sympy.Abs):
        return abs(_iv_box(e.args[0], ivs))
    raise _Unsupported(e)


