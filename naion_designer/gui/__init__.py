"""The Qt desktop application (the only package that imports PySide6 and pyqtgraph).

PySide6 6.12.0 is excluded in pyproject.toml: on Python 3.11 it drops a reference to `True` or
`None` on every signal and the interpreter aborts after a few hundred signals ("bool_dealloc").
6.11.3 does not (checked with 20,000 emits of each kind), and constraints.txt pins it.
"""
