"""The first-order recursion x[k+1] = a[k]·x[k] + b[k] (x[0] = 0) of an RC pair under a
piecewise-constant current, solved with numpy in blocks instead of a Python loop over samples.

Inside a block of B steps the solution is exp(L_k)·(x0 + Σ_{m≤k} b_m·exp(−L_m)) with
L_k = Σ_{j≤k} ln a_j; ln a is clipped at −700/B so that exp(−L) cannot overflow (a decay factor
below e^−10 per step is zero for every practical purpose).  The block start values follow from
a short Python loop over the blocks (exact, no clipping).
"""

from __future__ import annotations

import numpy as np

BLOCK = 64
_LOG_MIN = -700.0 / BLOCK


def solve(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """x of length len(a) + 1 with x[0] = 0 and x[k+1] = a[k] x[k] + b[k]."""
    m = len(a)
    x = np.zeros(m + 1)
    if m == 0:
        return x
    if m <= BLOCK:
        out = _block(np.log(np.maximum(a, 1e-300)).clip(_LOG_MIN)[None, :], b[None, :], None)
        x[1:] = out[0]
        return x
    nb = -(-m // BLOCK)
    pad = nb * BLOCK - m
    la = np.concatenate([np.log(np.maximum(a, 1e-300)).clip(_LOG_MIN), np.zeros(pad)])
    bb = np.concatenate([b, np.zeros(pad)])
    la = la.reshape(nb, BLOCK)
    bb = bb.reshape(nb, BLOCK)
    L = np.cumsum(la, axis=1)
    y = np.exp(L) * np.cumsum(bb * np.exp(-L), axis=1)
    # block starts: X[j+1] = exp(L[j,-1]) X[j] + y[j,-1]
    decay, last = np.exp(L[:, -1]).tolist(), y[:, -1].tolist()
    starts = np.empty(nb)
    x0 = 0.0
    for j in range(nb):
        starts[j] = x0
        x0 = decay[j] * x0 + last[j]
    full = y + np.exp(L) * starts[:, None]
    x[1:] = full.ravel()[:m]
    return x


def _block(la: np.ndarray, b: np.ndarray, x0) -> np.ndarray:
    L = np.cumsum(la, axis=1)
    y = np.exp(L) * np.cumsum(b * np.exp(-L), axis=1)
    return y if x0 is None else y + np.exp(L) * x0
