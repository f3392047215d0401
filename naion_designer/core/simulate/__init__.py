"""Time-domain pack simulation: every cell individually inside the design's real circuit.

- `model`: the cell and pack equations and their factorisations; `iterate`: one exact step of
  them (fully coupled nodal analysis, chord-Newton on the nonlinear cell model); `params`: the
  per-cell parameters;
  `terms`: the step's terms at the cells' temperatures; `diagnose`: what the circuit solve can
  resolve, and the InputError naming the input when it cannot;
- `stepping`: segments, step control, output rows and cut-offs (`limits`: what the cut-offs are);
- `record`: the rows in their final arrays, or streamed to a sink in blocks;
- `batch`: N packs at once (Monte Carlo of the cells' spread).

`simulate(design, profile, ...)` runs one pack; `simulate_batch(design, profile, packs=N, seed=S)`
N packs drawn from the cells' spread, all at once (see `batch`).
"""

from .batch import BatchResult, pack_seeds, simulate_batch
from .params import Spread
from .record import RunSummary, SimulationResult
from .stepping import SimulationCancelled, simulate

__all__ = ["BatchResult", "RunSummary", "SimulationCancelled", "SimulationResult", "Spread",
           "pack_seeds", "simulate", "simulate_batch"]
