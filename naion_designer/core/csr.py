"""Sparse matrix-vector products for the time loops (simulation, thermal): y = M @ x through
SciPy's CSR kernel without the per-call checks of the public operator (~10 µs a call)."""

from __future__ import annotations

from collections.abc import Callable

import numpy as np


def csr_matvec(m) -> Callable[[np.ndarray], np.ndarray]:
    """A function x -> m @ x for a CSR matrix `m` (checked once here, not inside the loop)."""
    try:
        from scipy.sparse._sparsetools import csr_matvec as kernel
    except ImportError:  # pragma: no cover - SciPy moved its private kernel: the public operator
        return lambda x: m @ x
    nr, nc = m.shape
    indptr, indices, data = m.indptr, m.indices, m.data

    def mv(x: np.ndarray) -> np.ndarray:
        y = np.zeros(nr)
        kernel(nr, nc, indptr, indices, data, x, y)
        return y

    mv(np.zeros(nc))  # fail early, not inside the time loop
    return mv
