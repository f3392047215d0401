"""Fitting an equivalent-circuit cell model to cycler data: steps, OCV, impedance, validation.

`fit_cell(runs, options)` is the one entry point; `Run` is one measured file (SI arrays).
"""

from .data import Run
from .fitting import FitOptions, FitResult, RunReport, fit_cell

__all__ = ["FitOptions", "FitResult", "Run", "RunReport", "fit_cell"]
