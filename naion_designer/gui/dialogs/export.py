"""PDF export dialogs: the spec sheet of one design and the comparison of several.

Fields for customer, project, revision, author, company and logo (company, logo, author and
paper are remembered in the user's settings), paper size, the output file, and a preview of the
first page.  The PDF is built off the UI thread (reportlab takes ~0.5-1 s); previews are
debounced while the user types.

Preview: page 1 rendered with pdfium (`report/preview.py`); should that fail, the preview shows the
first page's content (title block and headline figures) drawn from the model, and says so.
"""

from __future__ import annotations

import logging
import os
import threading
from pathlib import Path

from PySide6.QtCore import QSettings, Qt, QTimer, Signal
from PySide6.QtGui import QPixmap
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QVBoxLayout,
)

from ...report.preview import page_count, render_first_page
from ..i18n import core_text, translate
from ..workers import Task
from .export_parts import esc, figures_html, language_combo, wrap

log = logging.getLogger(__name__)

# reportlab keeps some global state: one PDF build at a time
_PDF_LOCK = threading.Lock()
DEBOUNCE_MS = 450
PREVIEW_DPI = 72  # a page fits the preview pane at this resolution


def _report_settings() -> QSettings:
    from ..settings import settings_path

    return QSettings(str(settings_path()), QSettings.Format.IniFormat)


def _user_units() -> dict[str, str]:
    try:
        from ..settings import Settings

        return Settings().units()
    except Exception:
        return {}


class _ExportDialog(QDialog):
    """What both dialogs share: the option fields, the preview and the export worker."""

    exported = Signal(str)  # the path written
    preview_ready = Signal()  # a preview (image or text) is shown

    kind = "spec sheet"
    suffix = "spec-sheet"

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setModal(True)
        self._task: Task | None = None
        self._preview_task: Task | None = None
        self._preview_pending = False
        self.last_error = ""
        self.last_pdf: bytes | None = None
        self.preview_mode = ""  # "image" | "summary"

        self.customer = QLineEdit()
        self.project = QLineEdit()
        self.revision = QLineEdit()
        self.author = QLineEdit()
        self.company = QLineEdit()
        self.logo = QLineEdit()
        self.logo.setPlaceholderText(translate("ExportDialog", "PNG or JPEG (optional)"))
        logo_btn = QPushButton(translate("ExportDialog", "Browse…"))
        logo_btn.clicked.connect(self._browse_logo)
        self.paper = QComboBox()
        self.paper.addItem("A4", "A4")
        self.paper.addItem(translate("ExportDialog", "Letter"), "letter")
        self.output = QLineEdit()
        out_btn = QPushButton(translate("ExportDialog", "Browse…"))
        out_btn.clicked.connect(self._browse_output)
        for w, ph in ((self.customer, "e.g. 深圳某某储能科技有限公司"),
                      (self.project, translate("ExportDialog", "project name or number")),
                      (self.revision, translate("ExportDialog", "e.g. A")),
                      (self.author, translate("ExportDialog", "prepared by")),
                      (self.company, translate("ExportDialog", "your company (title block)"))):
            w.setPlaceholderText(ph)

        form = QFormLayout()
        form.addRow(translate("ExportDialog", "Customer"), self.customer)
        form.addRow(translate("ExportDialog", "Project"), self.project)
        form.addRow(translate("ExportDialog", "Revision"), self.revision)
        form.addRow(translate("ExportDialog", "Author"), self.author)
        form.addRow(translate("ExportDialog", "Company"), self.company)
        row = QHBoxLayout()
        row.addWidget(self.logo, 1)
        row.addWidget(logo_btn)
        form.addRow(translate("ExportDialog", "Logo"), wrap(row))
        form.addRow(translate("ExportDialog", "Paper"), self.paper)
        self.form = form
        row = QHBoxLayout()
        row.addWidget(self.output, 1)
        row.addWidget(out_btn)
        form.addRow(translate("ExportDialog", "Save as"), wrap(row))
        self.form = form

        self.preview = QLabel(translate("ExportDialog", "Preparing the preview…"))
        self.preview.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.preview.setWordWrap(True)
        self.preview.setMinimumSize(330, 460)
        self.preview.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.preview.setStyleSheet("QLabel { background: #e9edf1; border: 1px solid #c9d1da; }")
        scroll = QScrollArea()
        self._scroll = scroll
        scroll.setWidget(self.preview)
        scroll.setWidgetResizable(True)
        scroll.setMinimumWidth(360)
        self.preview_note = QLabel("")
        self.preview_note.setWordWrap(True)
        self.preview_note.setStyleSheet("color: #5b6673;")

        self.status = QLabel("")
        self.status.setWordWrap(True)
        self.buttons = QDialogButtonBox()
        self.export_button = self.buttons.addButton(translate("ExportDialog", "Export PDF"),
                                                    QDialogButtonBox.ButtonRole.AcceptRole)
        self.buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        self.export_button.clicked.connect(self.export)
        self.buttons.rejected.connect(self.reject)

        self.left = QVBoxLayout()
        self.left.addLayout(form)
        self.left.addStretch(1)
        self.left.addWidget(self.status)
        self.left.addWidget(self.buttons)
        right = QVBoxLayout()
        right.addWidget(QLabel(translate("ExportDialog", "Preview of the first page")))
        right.addWidget(scroll, 1)
        right.addWidget(self.preview_note)
        top = QHBoxLayout(self)
        top.addLayout(self.left, 1)
        top.addLayout(right, 1)

        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(DEBOUNCE_MS)
        self._timer.timeout.connect(self.refresh_preview)
        for w in (self.customer, self.project, self.revision, self.author, self.company,
                  self.logo):
            w.textChanged.connect(self._schedule_preview)
        self.paper.currentIndexChanged.connect(self._schedule_preview)
        self.resize(900, 620)

    # --- settings ------------------------------------------------------------------------
    def _load_settings(self, metadata: dict[str, str]) -> None:
        self._loading = True
        try:
            self._fill_fields(metadata)
        finally:
            self._loading = False

    def _fill_fields(self, metadata: dict[str, str]) -> None:
        qs = _report_settings()
        for field, widget in (("customer", self.customer), ("project", self.project),
                              ("revision", self.revision), ("author", self.author),
                              ("company", self.company), ("logo", self.logo)):
            value = metadata.get(field) or (str(qs.value(f"report/{field}", "") or "")
                                            if field in ("author", "company", "logo") else "")
            widget.setText(value)
        paper = str(qs.value("report/paper", "A4") or "A4")
        self.paper.setCurrentIndex(max(0, self.paper.findData(paper)))

    def _save_settings(self) -> None:
        qs = _report_settings()
        qs.setValue("report/author", self.author.text())
        qs.setValue("report/company", self.company.text())
        qs.setValue("report/logo", self.logo.text())
        qs.setValue("report/paper", self.paper.currentData())
        qs.sync()

    # --- options -----------------------------------------------------------------------
    def options(self):
        from ...report.common import ReportOptions

        return ReportOptions(customer=self.customer.text().strip(),
                             project=self.project.text().strip(),
                             revision=self.revision.text().strip(),
                             author=self.author.text().strip(),
                             company=self.company.text().strip(),
                             logo=self.logo.text().strip(),
                             paper=self.paper.currentData(), units=_user_units(),
                             lang=self.language.currentData())

    def _add_language(self) -> None:
        """The report's language, above "Save as": the app's language to begin with."""
        self.language = language_combo()
        self.form.insertRow(self.form.rowCount() - 1,
                            translate("PreferencesDialog", "Language"), self.language)
        self.language.currentIndexChanged.connect(self._schedule_preview)

    def _browse_logo(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, "Company logo", self.logo.text(),
                                              "Images (*.png *.jpg *.jpeg)")
        if path:
            self.logo.setText(path)

    def _browse_output(self) -> None:
        path, _ = QFileDialog.getSaveFileName(self, f"Save the {self.kind}",
                                              self.output.text(), "PDF (*.pdf)")
        if path:
            if not path.lower().endswith(".pdf"):
                path += ".pdf"
            self.output.setText(path)

    # --- building ------------------------------------------------------------------------
    def payload(self):  # pragma: no cover - overridden
        """What the PDF is made of, read on the UI thread (a design or a list of designs)."""
        raise NotImplementedError

    def build_bytes(self, payload, options) -> bytes:  # pragma: no cover - overridden
        """The PDF; runs on a worker thread, so it must not touch widgets."""
        raise NotImplementedError

    def summary_html(self) -> str:  # pragma: no cover - overridden
        raise NotImplementedError

    def _schedule_preview(self, *_args) -> None:
        if not getattr(self, "_loading", False):
            self._timer.start()

    def refresh_preview(self) -> None:
        """Build the PDF off the UI thread and show its first page."""
        if self._preview_task is not None and self._preview_task.isRunning():
            self._preview_pending = True
            return
        try:
            opts = self.options()
            from ...report.common import validate_options

            validate_options(opts)
        except Exception as exc:
            log.exception("shown to the user as one line")
            self.preview_note.setText(translate("ExportDialog", "Preview not updated: {0}").format(core_text(str(exc))))
            return

        payload = self.payload()

        def work(progress, cancelled):
            with _PDF_LOCK:
                pdf = self.build_bytes(payload, opts)
            return pdf, render_first_page(pdf, PREVIEW_DPI)

        task = Task(work, "pdf-preview", self)
        task.succeeded.connect(self._show_preview)
        task.failed.connect(lambda msg: self.preview_note.setText(translate("ExportDialog", "No preview: {0}").format(core_text(msg))))
        task.finished.connect(self._preview_finished)
        self._preview_task = task
        task.start()

    def _preview_finished(self) -> None:
        if self._preview_pending:
            self._preview_pending = False
            self.refresh_preview()

    def _show_preview(self, result) -> None:
        pdf, png = result
        self.last_pdf = pdf
        pages = page_count(pdf)
        if png:
            pix = QPixmap()
            pix.loadFromData(png, "PNG")
            self._pixmap = pix
            self._fit_preview()
            self.preview.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignHCenter)
            self.preview_mode = "image"
            self.preview_note.setText(translate("ExportDialog", "{0} pages, {1} kB.").format(pages, len(pdf) // 1024))
        else:
            self.preview.setTextFormat(Qt.TextFormat.RichText)
            self.preview.setText(self.summary_html())
            self.preview.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
            self.preview_mode = "summary"
            self.preview_note.setText(
                translate("ExportDialog", "{0} pages, {1} kB. The page could not be rendered: the content of the first page is shown instead.").format(pages, len(pdf) // 1024))
        self.preview_ready.emit()

    def _fit_preview(self) -> None:
        pix = getattr(self, "_pixmap", None)
        if pix is None or pix.isNull():
            return
        w = max(200, self._scroll.viewport().width() - 8)
        self.preview.setPixmap(pix.scaledToWidth(
            w, Qt.TransformationMode.SmoothTransformation) if pix.width() > w else pix)

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self._fit_preview()

    def export(self) -> None:
        """Write the PDF to the chosen file (off the UI thread) and close on success."""
        from ...core.units import InputError

        path = self.output.text().strip()
        if not path:
            self._browse_output()
            path = self.output.text().strip()
            if not path:
                return
        try:
            opts = self.options()
            from ...report.common import validate_options

            validate_options(opts)
            if not path.lower().endswith(".pdf"):
                raise InputError("Save as", f"the file must end in .pdf, got '{path}'")
        except InputError as exc:
            self._fail(str(exc))
            return

        payload = self.payload()

        def work(progress, cancelled):
            from ...report.common import write_pdf

            with _PDF_LOCK:
                pdf = self.build_bytes(payload, opts)
            write_pdf(pdf, path)
            return path

        self.export_button.setEnabled(False)
        self.status.setText(translate("ExportDialog", "Writing {0}…").format(os.path.basename(path)))
        task = Task(work, "pdf-export", self)
        task.succeeded.connect(self._done)
        task.failed.connect(self._fail)
        self._task = task
        task.start()

    def _done(self, path: str) -> None:
        self._save_settings()
        self.status.setText(translate("ExportDialog", "Wrote {0}").format(path))
        self.exported.emit(path)
        self.accept()

    def _fail(self, msg: str) -> None:
        self.last_error = msg
        self.export_button.setEnabled(True)
        self.status.setText(translate("ExportDialog", '<span style="color:#c62828">Not exported: {0}</span>').format(core_text(msg)))

    def wait_for_tasks(self, ms: int = 20000) -> None:
        """Block until the preview and export workers have finished (closing, tests)."""
        for t in (self._task, self._preview_task):
            if t is not None and t.isRunning():
                t.wait(ms)

    def done(self, r: int) -> None:  # QDialog API: also the end of close() and reject()
        self._timer.stop()
        self._preview_pending = False
        self.wait_for_tasks()
        super().done(r)

    def closeEvent(self, event) -> None:
        self._timer.stop()
        self._preview_pending = False
        self.wait_for_tasks()
        super().closeEvent(event)


class ExportDialog(_ExportDialog):
    """Export the spec sheet of one design."""

    def __init__(self, design, parent=None):
        super().__init__(parent)
        self.design = design
        self.setWindowTitle(translate("ExportDialog", "Export spec sheet — {0}").format(design.name))
        self._add_language()
        self._load_settings(dict(design.metadata))
        from ...report.common import safe_id

        self.output.setText(str(Path.home() / f"{safe_id(design.name)}-spec-sheet.pdf"))
        QTimer.singleShot(0, self.refresh_preview)

    def payload(self):
        return self.design

    def build_bytes(self, payload, options) -> bytes:
        from ...report.spec_sheet import spec_sheet_bytes

        return spec_sheet_bytes(payload, options)

    def summary_html(self) -> str:
        d, o = self.design, self.options()
        return (f"<div style='padding:10px'><span style='color:#e07a1f;font-size:8pt'><b>PRODUCT "
                f"SPECIFICATION · SODIUM-ION BATTERY PACK</b></span><br><span style='font-size:"
                f"15pt;color:#123b5d'><b>{esc(d.name)}</b></span><br>{d.series}S{d.parallel}P · "
                f"{d.cell_count} cells · {esc(d.cell.maker)} {esc(d.cell.model)}<br><br>"
                f"Customer: {esc(o.customer or '—')}<br>Project: {esc(o.project or '—')}<br>"
                f"Revision: {esc(o.revision or '—')}<br>Prepared by: "
                f"{esc(o.author or '—')}<br>Company: {esc(o.company or '—')}<br><br>"
                f"{figures_html(d, o.units)}</div>")


class ComparisonExportDialog(_ExportDialog):
    """Export the comparison report of several designs (choose which, in order)."""

    kind = "comparison"

    def __init__(self, designs, parent=None):
        super().__init__(parent)
        self.designs = list(designs)
        self.setWindowTitle(translate("ExportDialog", "Export comparison"))
        self.choice = QListWidget()
        self.choice.setMaximumHeight(130)
        for i, d in enumerate(self.designs):
            item = QListWidgetItem(d.name)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            from ...report.comparison import MAX_DESIGNS

            item.setCheckState(Qt.CheckState.Checked if i < MAX_DESIGNS
                               else Qt.CheckState.Unchecked)
            item.setData(Qt.ItemDataRole.UserRole, i)
            self.choice.addItem(item)
        # drag the names to set the order of the columns
        self.choice.setDragDropMode(QListWidget.DragDropMode.InternalMove)
        self.choice.setToolTip(translate("ExportDialog", "Tick the designs to compare; drag them to change the order"))
        self.choice.model().rowsMoved.connect(self._schedule_preview)
        self.choice.itemChanged.connect(self._schedule_preview)
        self.form.insertRow(0, "Designs", self.choice)
        self._add_language()
        self._load_settings({})
        self.output.setText(str(Path.home() / "comparison.pdf"))
        QTimer.singleShot(0, self.refresh_preview)

    def selected(self) -> list:
        """The ticked designs in the order of the list."""
        out = []
        for row in range(self.choice.count()):
            item = self.choice.item(row)
            if item.checkState() == Qt.CheckState.Checked:
                out.append(self.designs[int(item.data(Qt.ItemDataRole.UserRole))])
        return out

    def payload(self):
        return self.selected()

    def build_bytes(self, payload, options) -> bytes:
        from ...report.comparison import comparison_bytes

        return comparison_bytes(payload, options)

    def summary_html(self) -> str:
        from ...report.i18n import Text

        o = self.options()
        tr = Text(o.lang)
        names = "".join(f"<li>{esc(d.name)} ({d.series}S{d.parallel}P)</li>"
                        for d in self.selected())
        title = tr("Comparison of {n} designs").format(n=len(self.selected()))
        return (f"<div style='padding:10px'><span style='color:#e07a1f;font-size:8pt'><b>"
                f"{esc(tr('DESIGN COMPARISON · SODIUM-ION BATTERY PACKS'))}</b></span><br><span "
                f"style='font-size:15pt;color:#123b5d'><b>{esc(title)}</b></span><ul>{names}</ul>"
                f"{esc(tr('Customer', sep=' '))}: {esc(o.customer or '—')}<br>"
                f"{esc(tr('Revision', sep=' '))}: {esc(o.revision or '—')}</div>")
