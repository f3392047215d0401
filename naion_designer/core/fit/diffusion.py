"""Rate capability in the fit: the surface depletion x of the simulator's diffusion term,

    x' = −x/τ_d + f_R(T)·I/Q,

exactly integrated under each sample's held current (the recursion of an RC pair whose
"resistance" is τ_d/Q).  With τ_d given, the OCV of every sample is read at SOC − x, as the
simulator reads it, and R0 and the RC pairs are fitted to what is left.
"""

from __future__ import annotations

import numpy as np

from . import recursion

TAU_RANGE = (1.0, 3600.0)  # s, the diffusion time constants a fit tries


def depletion(time: np.ndarray, current: np.ndarray, factor: np.ndarray, tau: float | None,
              q_cell: float) -> np.ndarray:
    """x at every sample (0 without τ_d); x[0] = 0: a run starts from rest."""
    if not tau:
        return np.zeros(len(time))
    a = np.exp(-np.diff(time) / tau)
    return recursion.solve(a, (1 - a) * (tau / q_cell) * factor[1:] * current[1:])
