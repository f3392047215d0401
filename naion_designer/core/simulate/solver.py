"""The factorised nodal matrix of the time loop.

The network's node order (busbar by busbar, position p fastest) gives a symmetric positive
definite matrix whose band is about P wide.  A banded Cholesky (LAPACK dpbtrf once, dpbtrs per
step: O(n·P) a solve) is the fastest up to a band of 64; beyond it a sparse LU with a minimum
degree ordering fills less than the band does.  Measured on this machine for 100S100P (10,100
nodes, band 100): dpbtrf 0.79 s and dpbtrs 0.81 ms, SuperLU (MMD on AᵀA + A, symmetric mode)
0.05 s and 0.69 ms (377,682 entries in L and U against 1,019,999 in the band).
"""

from __future__ import annotations

import numpy as np
import scipy.sparse as sp

BANDED_MAX = 64


class NodalSolver:
    """solve(rhs) for the reduced nodal matrix `lap` (SPD, sparse)."""

    def __init__(self, lap: sp.spmatrix):
        coo = lap.tocoo()
        n = lap.shape[0]
        self.n = n
        keep = coo.row >= coo.col
        i, j, v = coo.row[keep], coo.col[keep], coo.data[keep]
        bw = int((i - j).max()) if i.size else 0
        self.bandwidth = bw
        if bw <= BANDED_MAX:
            from scipy.linalg import lapack

            ab = np.zeros((bw + 1) * n)
            np.add.at(ab, (i - j) * n + j, v)
            c, info = lapack.dpbtrf(ab.reshape(bw + 1, n), lower=1)
            if info != 0:
                raise ArithmeticError(f"nodal matrix not positive definite (info {info})")
            self._c = c
            self._trs = lapack.dpbtrs
            self.method = "banded"
        else:
            import scipy.sparse.linalg as spla

            self._lu = spla.splu(lap.tocsc(), permc_spec="MMD_AT_PLUS_A",
                                 options={"SymmetricMode": True})
            self.method = "splu"

    def solve(self, rhs: np.ndarray) -> np.ndarray:
        if self.method == "banded":
            return self._trs(self._c, rhs, lower=1)[0]
        return self._lu.solve(rhs)
