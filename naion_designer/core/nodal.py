"""The nodal conductance matrix of a resistor network, built one way for every solver: branches
(a[k], b[k]) of conductance g[k] between n nodes, each adding g on both diagonals and −g off them.
The dense form is numpy alone (small networks never import scipy); the sparse one is scipy's."""

from __future__ import annotations

import numpy as np


def _entries(a: np.ndarray, b: np.ndarray, g: np.ndarray):
    return (np.concatenate([a, b, a, b]), np.concatenate([a, b, b, a]),
            np.concatenate([g, g, -g, -g]))


def dense_laplacian(n: int, a: np.ndarray, b: np.ndarray, g: np.ndarray) -> np.ndarray:
    rows, cols, vals = _entries(a, b, g)
    return np.bincount(rows * n + cols, weights=vals, minlength=n * n).reshape(n, n)


def sparse_laplacian(n: int, a: np.ndarray, b: np.ndarray, g: np.ndarray, fmt: str = "csc"):
    import scipy.sparse as sp

    rows, cols, vals = _entries(a, b, g)
    return sp.coo_matrix((vals, (rows, cols)), shape=(n, n)).asformat(fmt)
