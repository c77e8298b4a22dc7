"""The exact median of a wait that is piecewise flat or falling (see `cxaudit.clock.worstcase`).

Flat pieces are point masses at their value; falling pieces are uniform densities over the
values they pass through. The median is read off their sum.
"""

from __future__ import annotations


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
