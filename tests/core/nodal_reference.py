"""Textbook nodal analysis for the reference circuits the tests build by hand (independent of
`core.nodal` and `core.network`, which they check)."""

from __future__ import annotations

import numpy as np


def stamp(G: np.ndarray, a: int, b: int, g) -> None:
    """Add a conductance g between nodes a and b to the nodal matrix G."""
    G[a, a] += g
    G[b, b] += g
    G[a, b] -= g
    G[b, a] -= g


def potentials(G: np.ndarray, tap: int) -> np.ndarray:
    """Node potentials for 1 A into `tap`, node 0 grounded."""
    n = G.shape[0]
    rhs = np.zeros(n)
    rhs[tap] = 1.0
    v = np.zeros(n)
    v[1:] = np.linalg.solve(G[1:, 1:], rhs[1:])
    return v
