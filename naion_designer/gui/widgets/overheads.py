"""The design editor's overhead table (busbars, BMS, enclosure…): rows of name, mass, mass
fraction, volume and volume fraction; each edit is one undo step through `DesignEditor._commit`."""

from __future__ import annotations

from PySide6.QtWidgets import QTableWidgetItem

from ...core.pack import Overhead
from ...core.units import InputError, parse_fraction, parse_quantity
from ..i18n import core_text, translate
from .quantity_edit import format_value


class OverheadsMixin:
    """Methods of DesignEditor (`self.doc`, `self.overhead_table`, `self._commit`)."""

    def _fill_overheads(self, overheads) -> None:
        t = self.overhead_table
        t.blockSignals(True)
        t.setRowCount(len(overheads))
        for row, o in enumerate(overheads):
            values = [o.name, format_value(o.mass, "mass", "kg") if o.mass else "",
                      f"{o.mass_fraction:g}" if o.mass_fraction else "",
                      format_value(o.volume, "volume", "L") if o.volume else "",
                      f"{o.volume_fraction:g}" if o.volume_fraction else ""]
            for col, text in enumerate(values):
                t.setItem(row, col, QTableWidgetItem(text))
        t.blockSignals(False)

    def _add_overhead(self) -> None:
        if self.doc is None:
            return
        d = self.doc.design
        name = translate("DesignEditor", "Overhead {0}").format(len(d.overheads) + 1)
        self._commit(translate("DesignEditor", "Add overhead"), overheads=d.overheads + (Overhead(name=name),))

    def _remove_overhead(self) -> None:
        if self.doc is None:
            return
        row = self.overhead_table.currentRow()
        d = self.doc.design
        if 0 <= row < len(d.overheads):
            ovs = d.overheads[:row] + d.overheads[row + 1:]
            self._commit(translate("DesignEditor", "Remove overhead {0}").format(d.overheads[row].name), overheads=ovs)

    def _overhead_changed(self, item: QTableWidgetItem) -> None:
        if self._refreshing or self.doc is None:
            return
        row = item.row()
        d = self.doc.design
        if row >= len(d.overheads):
            return
        cells = [(self.overhead_table.item(row, c).text().strip()
                  if self.overhead_table.item(row, c) else "") for c in range(5)]
        try:
            name = cells[0] or d.overheads[row].name
            kw = {"name": name}
            for col, key, kind in ((1, "mass", "mass"), (3, "volume", "volume")):
                text = cells[col]
                if text:
                    try:
                        float(text)
                        text += " kg" if kind == "mass" else " L"
                    except ValueError:
                        pass
                    kw[key] = parse_quantity(text, kind, f"Overhead '{name}' {key}")
            for col, key in ((2, "mass_fraction"), (4, "volume_fraction")):
                if cells[col]:
                    try:
                        v = float(cells[col].rstrip("%")) / (100 if "%" in cells[col] else 1)
                    except ValueError:
                        raise InputError(f"Overhead '{name}' {key.replace('_', ' ')}",
                                         f"expected a number such as 0.12, got '{cells[col]}'")\
                            from None
                    kw[key] = parse_fraction(v, f"Overhead '{name}' {key.replace('_', ' ')}",
                                             0, 10)
        except InputError as exc:
            self.show_error(core_text(str(exc)))
            self.refresh()
            return
        ovs = list(d.overheads)
        ovs[row] = Overhead(**kw)
        self._commit(translate("DesignEditor", "Edit overhead {0}").format(name), overheads=tuple(ovs))
