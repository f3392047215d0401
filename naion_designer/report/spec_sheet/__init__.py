"""The PDF spec sheet of one design: what an integrator hands to a customer.

Every figure comes from the model (`core.electrical.calculate`, `core.curves`,
`core.targets`) and is typeset through `core.results.display`, so the sheet shows the same
numbers as `naion calc`.  A dagger (†) marks every figure that is, or derives from, an estimated
cell figure.  Output is deterministic: the same design and options give the same bytes.
`ReportOptions.lang` sets the language: "en", "zh_CN" or "bilingual" (中文 / English).

    from naion_designer.report.spec_sheet import ReportOptions, write_spec_sheet
    write_spec_sheet(design, "pack.pdf", ReportOptions(customer="...", lang="zh_CN"))

The sheet is the title block followed by SECTIONS in order; each section is a function
`section(ctx: Context) -> list` of flowables (an empty list leaves it out) that numbers itself
with `ctx.heading(title)`.  A new section is one module and one entry in SECTIONS.
"""

from __future__ import annotations

from ... import __version__
from ..common import (
    DAGGER,
    ReportOptions,
    frame_width,
    report_date,
    styles,
    validate_options,
    write_pdf,
)
from ..i18n import Text
from ..pages import PageInfo, build_pdf
from . import construction, figures, layout_section, notes, performance, spread, target, transport
from .blocks import Context
from .data import C_RATES, SpecSheetData, collect, duty_cycle_series, min_typ_max
from .title import head

__all__ = ["ReportOptions", "write_spec_sheet", "spec_sheet_bytes", "SpecSheetData", "collect",
           "min_typ_max", "build_story", "SECTIONS", "Context", "C_RATES", "duty_cycle_series"]

SECTIONS = [
    construction.section,  # cell and pack construction
    figures.electrical,  # electrical characteristics
    figures.mechanical_thermal,  # mechanical and thermal (and cost)
    layout_section.section,  # the layout drawing
    performance.section,  # curves, power capability, duty cycle
    spread.section,  # typical and worst case
    target.section,  # application target
    transport.section,  # transport, shipping and standards
    notes.section,  # notes and assumptions
]


COMPACT_LEVELS = 2
STUB = 0.5  # a last page filled less than this is worth trying a tighter layout


def build_story(data: SpecSheetData, opts: ReportOptions, date_text: str,
                sections=None, compact: int = 0, tr: Text | None = None) -> list:
    """The flowables of the sheet: the title block, then every section of `sections`
    (default SECTIONS).  `tr` may pass the translator (to see what it could not translate)."""
    ctx = Context(data=data, opts=opts, st=styles((1.0, 0.92)[compact]),
                  width=frame_width(opts), tr=tr or Text(opts.lang), date_text=date_text,
                  compact=compact)
    story = head(ctx)
    for section in SECTIONS if sections is None else sections:
        story += section(ctx)
    return story


def spec_sheet_bytes(design, options: ReportOptions | None = None,
                     data: SpecSheetData | None = None) -> bytes:
    """The spec sheet PDF as bytes."""
    opts = (options or ReportOptions()).resolved(design)
    validate_options(opts)
    data = data or collect(design)
    tr = Text(opts.lang)
    date = report_date(opts)
    date_text = date.isoformat()
    title = opts.title or design.name
    rev = f"{tr('Rev.', sep=' ')} {opts.revision or '—'}"
    header_right = " · ".join(x for x in (opts.customer, opts.project, rev) if x)
    info = PageInfo(
        doc_title=f"{title} — {tr('product specification')}",
        header_right=header_right,
        footer_left=" · ".join(x for x in (opts.company, title, rev, date_text,
                                           f"NaIon Designer {__version__}") if x),
        footer_note=f"{DAGGER} " + tr("estimated figure. Model estimates, subject to "
                                      "verification on prototypes; not a warranty."),
        date=date, page_text=tr("Page {n} of {total}"))
    subject = (f"Sodium-ion battery pack specification: {design.series}S{design.parallel}P "
               f"{design.cell.maker} {design.cell.model}"
               + (f" for {opts.customer}" if opts.customer else ""))
    meta = dict(title=title, subject=subject,
                author=opts.author or opts.company or "NaIon Designer",
                keywords=f"sodium-ion, battery pack, spec sheet, {design.cell.id}, {rev}",
                lang=tr.pdf_lang)
    # Pagination: where the last page would be half empty, smaller drawings and charts and
    # tighter lines often pull it back; keep the denser layout when it has a page fewer.
    first, pages = None, None
    for compact in range(COMPACT_LEVELS):
        measure: list = []
        pdf = build_pdf(build_story(data, opts, date_text, compact=compact), opts, info,
                        measure=measure, **meta)
        if first is None:
            first, pages = pdf, measure[0]
            if pages == 1 or measure[1] >= STUB:
                return pdf
        elif measure[0] < pages:
            return pdf
    return first


def write_spec_sheet(design, path, options: ReportOptions | None = None) -> None:
    """Write the spec sheet of `design` to `path` (atomically)."""
    write_pdf(spec_sheet_bytes(design, options), path)
