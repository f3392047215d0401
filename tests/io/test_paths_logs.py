"""User folders by platform convention and the rotating application log."""

from __future__ import annotations

import logging
from pathlib import Path

from naion_designer.io import logs, paths


def test_application_name_has_no_space_in_user_paths(monkeypatch, tmp_path):
    monkeypatch.delenv("NAION_USER_DIR", raising=False)
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path / "state"))
    for p in (paths.user_data_dir(), paths.user_config_dir(), paths.user_state_dir(),
              paths.recovery_dir(), paths.log_dir()):
        assert " " not in str(p.relative_to(tmp_path))
        assert "naion-designer" in p.parts
    assert paths.user_data_dir() == tmp_path / "data" / "naion-designer"
    assert paths.recovery_dir() == tmp_path / "state" / "naion-designer" / "recovery"
    assert paths.log_dir().parent == paths.user_state_dir()


def test_legacy_user_folder_is_renamed_once(monkeypatch, tmp_path):
    monkeypatch.delenv("NAION_USER_DIR", raising=False)
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path))
    old = tmp_path / "NaIon Designer" / "cells"
    old.mkdir(parents=True)
    (old / "mine.toml").write_text("x = 1\n", encoding="utf-8")
    assert paths.user_cell_dir() == tmp_path / "naion-designer" / "cells"
    assert (tmp_path / "naion-designer" / "cells" / "mine.toml").is_file()
    assert not (tmp_path / "NaIon Designer").exists()


def test_user_dir_override_redirects_every_root(monkeypatch, tmp_path):
    monkeypatch.setenv("NAION_USER_DIR", str(tmp_path))
    assert paths.user_data_dir() == tmp_path
    assert paths.user_state_dir() == tmp_path / "state"
    assert paths.user_config_dir() == tmp_path / "config"


def test_setup_logging_writes_a_rotating_file_once(tmp_path):
    app = logging.getLogger("naion_designer")
    before = list(app.handlers)
    try:
        path = logs.setup_logging()
        assert path == paths.log_dir() / "naion-designer.log"
        assert logs.setup_logging() == path  # idempotent
        ours = [h for h in app.handlers if isinstance(h, logging.handlers.RotatingFileHandler)]
        assert len(ours) == 1 and ours[0].maxBytes > 0 and ours[0].backupCount > 0
        try:
            raise ValueError("boom")
        except ValueError:
            logging.getLogger("naion_designer.gui.test").exception("while testing")
        for h in ours:
            h.flush()
        text = Path(path).read_text(encoding="utf-8")
        assert "while testing" in text and "ValueError: boom" in text
        assert logs.log_file() == path.resolve()
    finally:
        for h in list(app.handlers):
            if h not in before:
                app.removeHandler(h)
                h.close()
        for h in list(logging.getLogger("py.warnings").handlers):
            if isinstance(h, logs._AppHandler):
                logging.getLogger("py.warnings").removeHandler(h)
        logging.captureWarnings(False)
