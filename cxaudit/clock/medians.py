"""The exact median wait over a window (see `cxaudit.clock.worstcase`).

The wait of an arrival is piecewise flat or falling (`Pieces`). Flat pieces are point masses
at their value; falling pieces are uniform densities over the values they pass through. The
median is read off their sum.
"""

from __future__ import annotations

import bisect

from cxaudit.clock.timeline import Timeline


def spread(mass: dict[float, float], slope: dict[float, float], flat: bool, x: float,
           y: float, count: int, weight: float) -> None:
    """Add `count` pieces of total length `weight`: flat ones at x, falling ones from y to x."""
    if flat:
        mass[x] = mass.get(x, 0.0) + weight
    else:  # `count` uniform densities of 1 over [x, y]
        slope[x] = slope.get(x, 0.0) + count
        slope[y] = slope.get(y, 0.0) - count


def median_of(mass: dict[float, float], slope: dict[float, float], half: float) -> float:
    """Smallest x with at least `half` of the mass at or below x."""
    acc, density, prev = 0.0, 0.0, 0.0
    half -= 1e-9 * half + 1e-6  # rounding noise must not push an exact half to the next value
    for x in sorted(mass.keys() | slope.keys()):
        if density > 0 and acc + density * (x - prev) >= half:
            return prev + max(0.0, half - acc) / density
        acc += density * (x - prev)
        acc += mass.get(x, 0.0)
        if acc >= half:
            return x
        density += slope.get(x, 0.0)
        prev = x
    return prev


class Pieces:
    """The wait of every arrival in [lo, hi] as time-ordered flat or falling pieces, from
    which the median is read (the worst case needs no pieces: see `_worst_arrival`).

    Piece p covers arrivals ta[p]..tb[p]; a flat piece waits `val`, a falling one `val - t`
    (val is then the fixed due instant).
    """

    def __init__(self, tl: Timeline, lo: float, hi: float, secs: float | None,
                 n: int | None) -> None:
        self.tl, self.secs, self.n = tl, secs, n
        self.ta: list[float] = []
        self.tb: list[float] = []
        self.val: list[float] = []
        self.flat: list[bool] = []
        if n is not None:
            self._days(lo, hi, n)
        else:
            assert secs is not None
            self._minutes(lo, hi, secs)
        # instants are whole seconds; only a fractional target needs rounding to compare waits
        self.exact = n is not None or float(secs or 0).is_integer()
        self._shapes: dict[tuple[bool, float, float], tuple[list[int], list[float]]] | None = None

    def _r(self, x: float) -> float:
        return x if self.exact else round(x, 3)

    def _minutes(self, lo: float, hi: float, secs: float) -> None:
        opens, closes, cum = self.tl.opens, self.tl.closes, self.tl.cum
        add_a, add_b, add_v, add_f = (self.ta.append, self.tb.append, self.val.append,
                                      self.flat.append)
        j = bisect.bisect_right(opens, lo) - 1
        inside = j >= 0 and lo < closes[j]
        k = bisect.bisect_left(cum, self.tl.open_before(lo) + secs, 1) - 1  # due interval
        t = lo
        while t < hi:
            if inside:  # flat: the wait is secs plus the closed time between t and its due
                shift = opens[j] - cum[j]
                end = min(closes[j], hi)
                while True:
                    expiry = cum[k + 1] + shift - secs  # arrival whose target ends at close k
                    right = min(expiry, end)
                    if right > t:
                        add_a(t)
                        add_b(right)
                        add_v(secs + ((opens[k] - cum[k]) - shift))
                        add_f(True)
                    t = right
                    if expiry >= end:
                        break
                    k += 1
                inside = False
            else:  # closed until opens[j + 1]: the due time stands still
                level = cum[j + 1] + secs
                while cum[k + 1] < level:
                    k += 1
                end = min(opens[j + 1], hi)
                add_a(t)
                add_b(end)
                add_v((opens[k] - cum[k] + cum[j + 1]) + secs)
                add_f(False)
                t = end
                j += 1
                inside = True

    def _days(self, lo: float, hi: float, n: int) -> None:
        cob = self.tl.cob
        i = self.tl.receipt(lo)
        t = lo
        while t < hi:
            end = min(cob[i], hi)
            if end > t:
                self.ta.append(t)
                self.tb.append(end)
                self.val.append(cob[i + n])
                self.flat.append(False)
            t = max(t, end)
            i += 1

    def window(self, lo: float, hi: float) -> tuple[int, int, list[tuple[float, float, float, bool]]]:
        """Interior piece range [i0, i1) and the two clipped edge pieces of [lo, hi]."""
        i0 = bisect.bisect_right(self.tb, lo)
        i1 = bisect.bisect_left(self.ta, hi) - 1
        edges = []
        for p in sorted({i0, i1}):
            a, b = max(self.ta[p], lo), min(self.tb[p], hi)
            edges.append((a, b, self.val[p], self.flat[p]))
        return i0 + 1, max(i0 + 1, i1), edges

    def median(self, lo: float, hi: float) -> float:
        """Exact median wait (the lower one if two values split the mass) over [lo, hi]."""
        i0, i1, edges = self.window(lo, hi)
        mass: dict[float, float] = {}  # value -> point mass of flat pieces
        slope: dict[float, float] = {}  # value -> change of density of falling pieces
        for (flat, x, y), (idx, cw) in self.shapes().items():
            first, stop = bisect.bisect_left(idx, i0), bisect.bisect_left(idx, i1)
            if stop > first:
                spread(mass, slope, flat, x, y, stop - first, cw[stop] - cw[first])
        for a, b, v, flat in edges:
            if b > a:
                spread(mass, slope, flat, self._r(v if flat else v - b), self._r(v - a), 1,
                        b - a)
        return median_of(mass, slope, (hi - lo) / 2)

    def shapes(self) -> dict[tuple[bool, float, float], tuple[list[int], list[float]]]:
        """Pieces grouped by the values they take, with positions and running weights."""
        if self._shapes is None:
            keys = [(True, v, 0.0) if flat else (False, v - b, v - a)
                    for a, b, v, flat in zip(self.ta, self.tb, self.val, self.flat, strict=False)]
            if not self.exact:
                keys = [(f, round(x, 3), round(y, 3)) for f, x, y in keys]
            shapes: dict[tuple[bool, float, float], tuple[list[int], list[float]]] = {}
            for p, (key, a, b) in enumerate(zip(keys, self.ta, self.tb, strict=False)):
                if key not in shapes:
                    shapes[key] = ([], [0.0])
                idx, cw = shapes[key]
                idx.append(p)
                cw.append(cw[-1] + (b - a))
            self._shapes = shapes
        return self._shapes
