"""Benchmarks (not timed tests).  `python -m bench` runs every bench_*.py module's main();
`python -m bench calc simulate` runs only those."""
