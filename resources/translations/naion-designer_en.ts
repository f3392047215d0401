<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en" sourcelanguage="en">
<context>
    <name>CellEditorDialog</name>
    <message>
        <source>Id</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Maker</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Model</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cathode</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Anode</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Source</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nominal voltage</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Capacity</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Maximum voltage</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Minimum voltage</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>R0 (DC resistance)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Max. continuous discharge</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Max. continuous charge</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Mass</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Diameter (cylindrical)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Length (prismatic/pouch)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Width (prismatic/pouch)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Height</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Specific heat</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>User cell</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Values accept units (e.g. &apos;12 Ah&apos;, &apos;2 mΩ&apos;, &apos;380 g&apos;). The cell is saved to your own library folder.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Format</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Chemistry</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>keys whose values are estimates</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Estimated keys</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>CellLibraryPanel</name>
    <message>
        <source>Id</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Maker</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Format</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Chemistry</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Capacity (Ah)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nominal (V)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Energy (Wh)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Max. disch. (A)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Mass (g)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Wh/kg</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Source</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nominal voltage</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Capacity</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Voltage window</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>R0 (DC resistance)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Max. continuous discharge</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Max. continuous charge</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Peak discharge</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Mass</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Dimensions</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Specific heat</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Charge temperature</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Discharge temperature</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cycle life</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Search cells (id, maker, model, chemistry…)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Filter by {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Use in design</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Put the selected cell into the current design (Enter)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Import…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Import a cell file (.toml) into your library</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New / edit user cell…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Create a user cell starting from the selected one</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New cell from test data…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Fit a cell model to your cycler logs</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cell library</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{0} {1}
estimated: {2}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>All formats</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>All chemistries</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>All makers</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ComparisonView</name>
    <message>
        <source>(no layout: {0})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Differences against</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Check against</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Figures</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Discharge at {0:g}C</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Capacity discharged</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pack voltage</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Power capability</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>State of charge</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Power</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Curves</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Layouts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>(no target)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot check against the target: {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Computing the curves…</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Crash</name>
    <message>
        <source>NaIon Designer: unexpected error</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Something went wrong: {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The details are in the log file:
{0}
Your open designs are autosaved.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>DesignEditor</name>
    <message>
        <source>Cell connection</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Busbar segment</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Terminal</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cell gap</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Module gap</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Margin to wall</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Top clearance</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ambient temperature</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Heat transfer coefficient</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cell-to-cell conductance</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Coolant temperature</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cooling conductance per cell</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Runtime power</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Layout</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Packing</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Square</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Hexagonal (staggered)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Groups per row</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>auto</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rotation</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Modules</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Modules per row</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Mass</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Mass fraction</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Volume</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Volume fraction</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pack</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Change…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pick a cell in the cell library and press &apos;Use in design&apos;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cell</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Series (S)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Parallel count %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Parallel (P)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Parallel groups in series</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Series strings in parallel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Topology</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Interconnect</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Same side</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Opposite sides</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Terminal side</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pack terminals</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Overheads (busbars, BMS, enclosure…)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Mass frac.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Vol. frac.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Mass and volume with units (e.g. &apos;0.8 kg&apos;, &apos;1.5 L&apos;); fractions of the cell mass / layout volume (0.12)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remove</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Thermal</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Analysis and target</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>to</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Usable SOC window</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Load C-rate</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>none (a preset id or a target file)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Target</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{0} {1}: {2}, {3:.4g} Ah, {4:.3g} V</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Modules reduced from %1 to %2: a pack of %2 series groups has at most %2 modules.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Series count %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Name: a design needs a name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rename</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>SOC window</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Overhead {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add overhead</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remove overhead {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Edit overhead {0}</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>DocumentTab</name>
    <message>
        <source>Series groups</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>DC current share</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>× mean</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Temperature</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cell current</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cell SOC</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Fit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Fit the pack in the view (F)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Busbars</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Series path</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Colour by</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Time in the last simulation</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Fixed scale</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>One colour scale over the whole run (unchecked: the scale spans the cells at the chosen time)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>steady state</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>run a simulation</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no per-cell data</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>t = {0:.1f} min</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>DC current share {0:.3f}× mean</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>at t = {0:.1f} min: </source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Envelope L × W × H = {0:.0f} × {1:.0f} × {2:.0f} mm · {3}S{4}P = {5} cells · drag a group onto another to swap them in the series path</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ExportDialog</name>
    <message>
        <source>PNG or JPEG (optional)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Letter</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>project name or number</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>e.g. A</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>prepared by</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>your company (title block)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Customer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Project</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Revision</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Author</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Company</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Logo</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Paper</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save as</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Preparing the preview…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export PDF</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Preview of the first page</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Preview not updated: {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No preview: {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{0} pages, {1} kB.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{0} pages, {1} kB. The page could not be rendered: the content of the first page is shown instead.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Writing {0}…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Wrote {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;span style=&quot;color:#c62828&quot;&gt;Not exported: {0}&lt;/span&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export spec sheet — {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export comparison</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tick the designs to compare; drag them to change the order</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>FieldLabels</name>
    <message>
        <source>Series (S)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Parallel (P)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Topology</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cell connection</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Busbar segment</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Terminal</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pack terminals</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Busbar material</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Busbar thickness</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Busbar width</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Packing</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cell gap</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Module gap</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Margin to wall</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Top clearance</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Groups per row</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rotation</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Modules</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Modules per row</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Series order of the groups</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Block shape</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Gap between blocks</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Largest envelope</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Largest envelope length</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Largest envelope width</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Largest envelope height</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Per-cell override (series position)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Per-cell override (parallel position)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ambient temperature</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Heat transfer coefficient</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Usable SOC window</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>FileDialogs</name>
    <message>
        <source>NaIon designs (*.naion);;All files (*)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>FitDialog</name>
    <message>
        <source>none</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Also hold out</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Also hold out this share of the training files: whole files spread over the list, or of a single log its tail from the end of a rest</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>train</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>hold-out</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New cell from test data</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Training files (drop cycler logs here)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Held-out files (never seen by the fit)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remove</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>none (other fields estimated)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>from the lowest-rate full discharge</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>positive = discharge</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>negative = discharge</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>keep the template&apos;s OCV table</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Template cell</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New cell id</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Capacity</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>RC pairs</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Current sign in CSV</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Fit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancel fit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save to my library</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add training files, then Fit.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cycler logs</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cycler logs (*.csv *.txt *.mpr *.nda *.ndax);;All files (*)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Curve</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>voltage</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>time</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>model − measured</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>parameter</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>value</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>role</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>RMS (mV)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>max (mV)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>capacity error</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>keeping the OCV needs a template cell</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add at least one training file.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The fit failed: </source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Fit cancelled.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Fitting…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancelling…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>capacity</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>R0 (50 % SOC, 1C)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>RC %1: R</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>RC %1: C</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>RC %1: τ</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>OCV source</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>capacity source</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>fit residual</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Fitted %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Worst held-out RMS: %1 mV (%2).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>measured</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>model</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot save: </source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Saved %1 to your library.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>FitToBoxDialog</name>
    <message>
        <source>Block</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Per row</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Modules</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Turned</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>L × W × H (mm)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Volume (L)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Fits</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Box length</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Largest length</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Box width</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Largest width</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Box height</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Largest height</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Fit to box</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Try up to … modules</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Search arrangements</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Apply</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{0}: give a positive length</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>yes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>misses {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> ({0} empty)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{0} arrangement(s) fit; the most compact first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>length</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>width</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>height</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{0} by {1:.0f} mm</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nothing fits: the best misses {0}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Applied: the design now has this arrangement and the box as its largest envelope.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>LayoutControls</name>
    <message>
        <source>Copper</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Aluminium</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nickel strip</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nickel-plated steel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Largest envelope length</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Box length</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Largest envelope width</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Box width</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Largest envelope height</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Box height</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Group block</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Gap between blocks</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no limit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>None (busbar segment as typed)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Busbar material</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Busbar thickness</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Busbar width</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Automatic ({0} × {1})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{0} rows × {1} columns</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Group block shape</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Largest envelope</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Largest envelope: give its length, width and height (or clear all three for no limit)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Busbar</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>LayoutView</name>
    <message>
        <source>Module {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Swap groups {0} and {1}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Modules {0} and {1} hold different numbers of groups ({2} and {3}): they cannot trade places.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Swap modules {0} and {1}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Block shape automatic</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Block shape {0} × {1}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Block shape</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Automatic ({0} × {1})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{0} rows × {1} columns</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Group {0} in series order, slot {1} · cell s{2} p{3} (as in the CSV columns) · x {4:.1f} mm, y {5:.1f} mm</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>LifetimeView</name>
    <message>
        <source>A built-in duty cycle or the path of a profile CSV</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> years</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>none</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Run</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Set the duty cycle and press Run.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Duty cycle</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Years</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ambient</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Monte Carlo packs</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Seed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Limiting cells</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Year</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>State of health (% of rated capacity)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Each cell&apos;s state of health at end of life (or at the end of the run), from green (best cell) to red (worst); the limiting cells outlined in red</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The design&apos;s lifetime request is not valid: {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>choose a duty cycle</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Running {0} for {1:g} years ({2} Monte Carlo packs)…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Lifetime run failed: {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Lifetime run cancelled.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>P50 of {0} packs (band: P5–P95)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nominal cells</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>year {0:.1f}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>beyond year {0:g}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>End of life ({0:.0%} of rated capacity): {1}; {2} simulated cycles.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{0:.1f}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&gt; {0:g}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>End-of-life year P5 {0}, P50 {1}, P95 {2}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ageing model estimated.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>s{0} p{1}: {2:.1%} of rated capacity</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Lifetime</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>&amp;New design</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A new design with the cell selected in the library</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Open…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open &amp;example</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Save</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save &amp;as…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Close design</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Export spec sheet…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export &amp;comparison…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Undo</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Redo</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Preferences…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Fit pack in view</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Zoom &amp;in</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Zoom &amp;out</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Run simulation</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Cancel simulation</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Size for target…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Lifetime…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Compare open designs</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Next design</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Previous design</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Keyboard shortcuts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open &amp;log folder</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;About NaIon Designer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Colour by {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open &amp;recent</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Edit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Simulate</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Tools</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Fit to &amp;box…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Untitled {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot create a design</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the cell library is empty</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New design with {0} {1} ({2}): pick another cell in the cell library and press &apos;Use in design&apos;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open designs</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>(none)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Clear list</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Saved {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Autosave failed: {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Design</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cell library</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Results</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Target</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Plots</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Use cell %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot use this cell</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Design now uses %1 %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> (packing set to square: hexagonal packing needs round cells)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Target panel: {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Simulation finished</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Your changes are lost if you don&apos;t save them.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Restore unsaved work</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>NaIon Designer did not close properly last time. Restore the unsaved designs?

{0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save design as</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Size for target</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Compare designs</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Keyboard shortcuts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;table cellspacing=&apos;4&apos;&gt;{0}&lt;/table&gt;&lt;p&gt;Layout editor: wheel to zoom, drag the background to pan, drag a group onto another to swap them.&lt;/p&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>About {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;b&gt;{0}&lt;/b&gt; {1}&lt;br&gt;Sodium-ion battery pack design: cell library, layout, estimates, simulation, sizing and spec sheets.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>PlotsPanel</name>
    <message>
        <source>time (h)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Discharge at 0.5C to cut-off</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Discharge at 1C to cut-off</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Discharge at 2C to cut-off</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Constant power 0.5 W/Wh to cut-off</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;span style=&apos;color:{0}&apos;&gt;Hottest&lt;/span&gt; / &lt;span style=&apos;color:{1}&apos;&gt;coldest&lt;/span&gt; cell</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cell current spread</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Duty cycle</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Run simulation</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Simulate the current design over the duty cycle (F5)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No simulation yet: pick a duty cycle and press &lt;b&gt;Run simulation&lt;/b&gt; (F5).&lt;br&gt;The run goes on in the background; the layout editor can then paint every cell by temperature, current or SOC.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pack voltage</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>time (min)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>voltage (V)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pack current</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>current (A)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>State of charge</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>SOC (%)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>temperature (°C)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>max − min in a group (A)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The widest spread of cell currents inside any parallel group: what uneven current sharing costs</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Simulation</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Discharge curves</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>capacity (Ah)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>pack voltage (V)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Power capability</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>power (kW)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Power vs SOC</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Last run: {0}{1} — design edited since; run again to update</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Duty cycles unavailable: {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot build the duty cycle: {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Simulating {0} on {1} cells…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancelling…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Discharge curves unavailable: {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Power capability unavailable: {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Discharge curves — {0}S{1}P</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Power capability vs SOC</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>available</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>at min. voltage</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>at current limit</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>PreferencesDialog</name>
    <message>
        <source>Energy</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Power</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Voltage</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Charge</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Resistance</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Current</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Mass</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Length</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Volume</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Temperature</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Time</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Preferences</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Language</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>as the system</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Applies the next time the app starts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Display units</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>per figure (default)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New designs and documents</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Default ambient temperature</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>off</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Autosave every</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>QuantityEdit</name>
    <message>
        <source>a resistance</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>a length</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>a temperature</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>a heat transfer coefficient</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>a thermal conductance</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>a power</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>a mass</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>a volume</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>none</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: type a value in any unit of its kind, from %2 to %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>a value</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ResultsPanel</name>
    <message>
        <source>Electrical</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Thermal</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Mechanical</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cost</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Duty cycle</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Hottest cell</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Coldest cell</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Lowest pack voltage</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Energy delivered</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>End</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Figure</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Value</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Computing…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No design open</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;b&gt;Cannot compute this design:&lt;/b&gt; {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{0} cell figure(s) estimated (not published)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Estimated cell figures: {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>fails the target</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{0} limit(s) exceeded</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;b&gt;{0}S{1}P&lt;/b&gt; of {2} {3} · {4} cells{5}{6}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Target: {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unit for every {0} figure</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SizingView</name>
    <message>
        <source>{0}: searched {1} S × P combinations of {2} cells in {3} ms; {4} cells give a passing design</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> — no design meets every requirement (the table shows the closest)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cell</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nominal</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Usable</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cont. power</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Mass</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Volume</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cell cost</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Why</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Target</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Objective</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Designs</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Size</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Close</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Close the sizing window (Esc)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pick a target and press Size.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pack mass</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pareto front</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reasons</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rejected cells</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open target file…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pick a target first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot size: {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The cell library is empty.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sizing {0} cells for {1}…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancelling…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sizing failed: {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sizing cancelled.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>TargetPanel</name>
    <message>
        <source>Id</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>lowercase letters, digits and &apos;-&apos;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Application</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Description</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Source of the figures</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Window min</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Window max</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nominal min</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>optional</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nominal max</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Drop-in for</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>e.g. LFP 16S 51.2 V (optional)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Min. energy inside window</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Usable energy</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>e.g. 5 kWh</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Continuous power</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>at the lowest voltage</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Peak power</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Peak duration</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Charge power</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Coldest ambient</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>e.g. -20 degC</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Hottest ambient</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>e.g. 45 degC</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Energy at the coldest</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Power at the coldest</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Charging from</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>default: max(coldest, 0 °C)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Charging up to</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>default: hottest ambient</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Max. mass</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Max. length</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Max. width</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Max. height</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Max. volume</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Overhead mass fraction</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>of the cell mass</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Overhead volume fraction</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>of the envelope</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cycle life</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>cycles</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Budget (cells)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>e.g. 4500 CNY; several: 4500 CNY, 600 EUR</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Duty cycle</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>a built-in profile id or a CSV path (optional)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Target</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Voltage</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Energy</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Power</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Temperature</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Mechanical</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Life</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cost</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save as…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save the edited target as your own target and use it</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Revert</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Simulate duty cycle</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Run the target&apos;s duty cycle through the time-domain simulation and add the result to the checks</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Requirement</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Design</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Required</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Margin</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>(no target)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open target file…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot load the target: {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot save the target: {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Simulating &apos;{0}&apos;…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Duty cycle not simulated: {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No design open.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{0}: open a design to check it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No target: pick an application to check the design against.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The edited target is not valid (see below).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot check the design: {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{0}: {1} of {2} requirements met</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> ({0} not verified)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>PASS</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>FAIL</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>n/v</source>
        <translation type="unfinished"></translation>
    </message>
</context>
</TS>
