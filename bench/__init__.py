"""Benchmarks (not timed tests).  `python -m bench` runs every bench_*.py module's main();
`python -m bench calc simulate` runs only those."""

import time


def best_of(fn, repeat: int = 7) -> float:
    """The fastest of `repeat` runs of fn(), in seconds (the least disturbed by other load)."""
    times = []
    for _ in range(repeat):
        t = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t)
    return min(times)
