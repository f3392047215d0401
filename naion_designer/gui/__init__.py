"""The Qt desktop application (the only package that imports PySide6 and pyqtgraph).

Importing this package first applies `_pin_singletons()`: PySide6 6.12 drops a reference to
`True` on every Python `Signal.emit()` and to `None` on every native signal delivered to a Python
slot.  From CPython 3.12 on these objects are immortal and nothing happens; on 3.11 their
reference counts run down and the interpreter aborts ("bool_dealloc"/"none_dealloc") after a
few hundred signals.  Pinning them with a very large reference count makes them effectively
immortal on 3.11 too.
"""

import sys


def _pin_singletons() -> None:
    if sys.implementation.name != "cpython" or sys.version_info >= (3, 12):
        return
    import ctypes

    for obj in (True, False, None):
        refcnt = ctypes.c_ssize_t.from_address(id(obj))  # ob_refcnt is the first field
        if refcnt.value < 1 << 40:
            refcnt.value += 1 << 50


_pin_singletons()
