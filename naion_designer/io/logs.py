"""The application log: a rotating file in the user's state folder (`io.paths.log_dir`).

    from naion_designer.io.logs import setup_logging
    log_file = setup_logging()          # once, at start-up; returns the file's path
    logging.getLogger(__name__).exception("while exporting")   # anywhere

The handler goes on the `naion_designer` logger, so third-party libraries stay out of the file
unless they log warnings.  Calling it again returns the same file and adds no second handler.
"""

from __future__ import annotations

import logging
import logging.handlers
from pathlib import Path

from .paths import APP_NAME, log_dir

LOGGER = "naion_designer"
MAX_BYTES = 1_000_000
BACKUPS = 3
FORMAT = "%(asctime)s %(levelname)-7s %(name)s: %(message)s"


class _AppHandler(logging.handlers.RotatingFileHandler):
    """Marks the handler this module installed (found again on a second call)."""


def setup_logging(level: int = logging.INFO, folder: Path | None = None) -> Path:
    """Log `naion_designer.*` at `level` (and warnings of every library) to a rotating file
    (1 MB × 4) in the user's state folder; returns the log file's path."""
    folder = Path(folder) if folder is not None else log_dir()
    path = folder / f"{APP_NAME}.log"
    app = logging.getLogger(LOGGER)
    for h in app.handlers:
        if isinstance(h, _AppHandler):
            if Path(h.baseFilename) == path.resolve():
                return path
            app.removeHandler(h)
            h.close()
    folder.mkdir(parents=True, exist_ok=True)
    handler = _AppHandler(path, maxBytes=MAX_BYTES, backupCount=BACKUPS, encoding="utf-8",
                          delay=True)
    handler.setFormatter(logging.Formatter(FORMAT))
    app.addHandler(handler)
    app.setLevel(level)
    logging.captureWarnings(True)
    warn = logging.getLogger("py.warnings")
    if not any(isinstance(h, _AppHandler) for h in warn.handlers):
        warn.addHandler(handler)
    return path


def log_file() -> Path | None:
    """The file `setup_logging` writes to, or None before it was called."""
    for h in logging.getLogger(LOGGER).handlers:
        if isinstance(h, _AppHandler):
            return Path(h.baseFilename)
    return None
