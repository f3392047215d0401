<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>CellEditorDialog</name>
    <message>
        <source>Id</source>
        <translation>编号</translation>
    </message>
    <message>
        <source>Maker</source>
        <translation>制造商</translation>
    </message>
    <message>
        <source>Model</source>
        <translation>型号</translation>
    </message>
    <message>
        <source>Cathode</source>
        <translation>正极</translation>
    </message>
    <message>
        <source>Anode</source>
        <translation>负极</translation>
    </message>
    <message>
        <source>Source</source>
        <translation>来源</translation>
    </message>
    <message>
        <source>Nominal voltage</source>
        <translation>标称电压</translation>
    </message>
    <message>
        <source>Capacity</source>
        <translation>额定容量</translation>
    </message>
    <message>
        <source>Maximum voltage</source>
        <translation>最高电压</translation>
    </message>
    <message>
        <source>Minimum voltage</source>
        <translation>最低电压</translation>
    </message>
    <message>
        <source>R0 (DC resistance)</source>
        <translation>R0（直流内阻）</translation>
    </message>
    <message>
        <source>Max. continuous discharge</source>
        <translation>最大持续放电</translation>
    </message>
    <message>
        <source>Max. continuous charge</source>
        <translation>最大持续充电</translation>
    </message>
    <message>
        <source>Mass</source>
        <translation>质量</translation>
    </message>
    <message>
        <source>Diameter (cylindrical)</source>
        <translation>直径（圆柱）</translation>
    </message>
    <message>
        <source>Length (prismatic/pouch)</source>
        <translation>长度（方形/软包）</translation>
    </message>
    <message>
        <source>Width (prismatic/pouch)</source>
        <translation>宽度（方形/软包）</translation>
    </message>
    <message>
        <source>Height</source>
        <translation>高度</translation>
    </message>
    <message>
        <source>Specific heat</source>
        <translation>比热容</translation>
    </message>
    <message>
        <source>User cell</source>
        <translation>用户电池单体</translation>
    </message>
    <message>
        <source>Values accept units (e.g. &apos;12 Ah&apos;, &apos;2 mΩ&apos;, &apos;380 g&apos;). The cell is saved to your own library folder.</source>
        <translation>数值可带单位（如 &apos;12 Ah&apos;、&apos;2 mΩ&apos;、&apos;380 g&apos;）。电池单体保存在您自己的电池单体库文件夹中。</translation>
    </message>
    <message>
        <source>Format</source>
        <translation>封装形式</translation>
    </message>
    <message>
        <source>Chemistry</source>
        <translation>化学体系</translation>
    </message>
    <message>
        <source>keys whose values are estimates</source>
        <translation>数值为估算的字段</translation>
    </message>
    <message>
        <source>Estimated keys</source>
        <translation>估算字段</translation>
    </message>
</context>
<context>
    <name>CellLibraryPanel</name>
    <message>
        <source>Id</source>
        <translation>编号</translation>
    </message>
    <message>
        <source>Maker</source>
        <translation>制造商</translation>
    </message>
    <message>
        <source>Format</source>
        <translation>封装形式</translation>
    </message>
    <message>
        <source>Chemistry</source>
        <translation>化学体系</translation>
    </message>
    <message>
        <source>Capacity (Ah)</source>
        <translation>容量 (Ah)</translation>
    </message>
    <message>
        <source>Nominal (V)</source>
        <translation>标称 (V)</translation>
    </message>
    <message>
        <source>Energy (Wh)</source>
        <translation>能量 (Wh)</translation>
    </message>
    <message>
        <source>Max. disch. (A)</source>
        <translation>最大放电 (A)</translation>
    </message>
    <message>
        <source>Mass (g)</source>
        <translation>质量 (g)</translation>
    </message>
    <message>
        <source>Wh/kg</source>
        <translation>Wh/kg</translation>
    </message>
    <message>
        <source>Source</source>
        <translation>来源</translation>
    </message>
    <message>
        <source>Nominal voltage</source>
        <translation>标称电压</translation>
    </message>
    <message>
        <source>Capacity</source>
        <translation>额定容量</translation>
    </message>
    <message>
        <source>Voltage window</source>
        <translation>电压范围</translation>
    </message>
    <message>
        <source>R0 (DC resistance)</source>
        <translation>R0（直流内阻）</translation>
    </message>
    <message>
        <source>Max. continuous discharge</source>
        <translation>最大持续放电</translation>
    </message>
    <message>
        <source>Max. continuous charge</source>
        <translation>最大持续充电</translation>
    </message>
    <message>
        <source>Peak discharge</source>
        <translation>峰值放电</translation>
    </message>
    <message>
        <source>Mass</source>
        <translation>质量</translation>
    </message>
    <message>
        <source>Dimensions</source>
        <translation>外形尺寸</translation>
    </message>
    <message>
        <source>Specific heat</source>
        <translation>比热容</translation>
    </message>
    <message>
        <source>Charge temperature</source>
        <translation>充电温度</translation>
    </message>
    <message>
        <source>Discharge temperature</source>
        <translation>放电温度</translation>
    </message>
    <message>
        <source>Cycle life</source>
        <translation>循环寿命</translation>
    </message>
    <message>
        <source>Search cells (id, maker, model, chemistry…)</source>
        <translation>搜索电池单体（编号、制造商、型号、化学体系…）</translation>
    </message>
    <message>
        <source>Filter by {0}</source>
        <translation>按{0}筛选</translation>
    </message>
    <message>
        <source>Use in design</source>
        <translation>用于设计</translation>
    </message>
    <message>
        <source>Put the selected cell into the current design (Enter)</source>
        <translation>将所选电池单体用于当前设计（Enter）</translation>
    </message>
    <message>
        <source>Import…</source>
        <translation>导入…</translation>
    </message>
    <message>
        <source>Import a cell file (.toml) into your library</source>
        <translation>将电池单体文件（.toml）导入您的电池单体库</translation>
    </message>
    <message>
        <source>New / edit user cell…</source>
        <translation>新建/编辑用户电池单体…</translation>
    </message>
    <message>
        <source>Create a user cell starting from the selected one</source>
        <translation>以所选电池单体为基础创建用户电池单体</translation>
    </message>
    <message>
        <source>New cell from test data…</source>
        <translation>由测试数据新建电池单体…</translation>
    </message>
    <message>
        <source>Fit a cell model to your cycler logs</source>
        <translation>用充放电测试记录拟合电池单体模型</translation>
    </message>
    <message>
        <source>Cell library</source>
        <translation>电池单体库</translation>
    </message>
    <message>
        <source>{0} {1}
estimated: {2}</source>
        <translation>{0} {1}
估算：{2}</translation>
    </message>
    <message>
        <source>All formats</source>
        <translation>全部封装形式</translation>
    </message>
    <message>
        <source>All chemistries</source>
        <translation>全部化学体系</translation>
    </message>
    <message>
        <source>All makers</source>
        <translation>全部制造商</translation>
    </message>
</context>
<context>
    <name>ComparisonView</name>
    <message>
        <source>(no layout: {0})</source>
        <translation>（无布局：{0}）</translation>
    </message>
    <message>
        <source>Differences against</source>
        <translation>差异参照</translation>
    </message>
    <message>
        <source>Check against</source>
        <translation>校核目标</translation>
    </message>
    <message>
        <source>Figures</source>
        <translation>指标</translation>
    </message>
    <message>
        <source>Discharge at {0:g}C</source>
        <translation>{0:g}C 放电</translation>
    </message>
    <message>
        <source>Capacity discharged</source>
        <translation>放电容量</translation>
    </message>
    <message>
        <source>Pack voltage</source>
        <translation>电池包电压</translation>
    </message>
    <message>
        <source>Power capability</source>
        <translation>功率能力</translation>
    </message>
    <message>
        <source>State of charge</source>
        <translation>荷电状态</translation>
    </message>
    <message>
        <source>Power</source>
        <translation>功率</translation>
    </message>
    <message>
        <source>Curves</source>
        <translation>曲线</translation>
    </message>
    <message>
        <source>Layouts</source>
        <translation>布局</translation>
    </message>
    <message>
        <source>(no target)</source>
        <translation>（无目标）</translation>
    </message>
    <message>
        <source>Cannot check against the target: {0}</source>
        <translation>无法按目标校核：{0}</translation>
    </message>
    <message>
        <source>Computing the curves…</source>
        <translation>正在计算曲线…</translation>
    </message>
</context>
<context>
    <name>Crash</name>
    <message>
        <source>NaIon Designer: unexpected error</source>
        <translation>NaIon Designer：意外错误</translation>
    </message>
    <message>
        <source>Something went wrong: {0}</source>
        <translation>出现错误：{0}</translation>
    </message>
    <message>
        <source>The details are in the log file:
{0}
Your open designs are autosaved.</source>
        <translation>详细信息见日志文件：
{0}
已打开的设计已自动保存。</translation>
    </message>
</context>
<context>
    <name>DesignEditor</name>
    <message>
        <source>Pack</source>
        <translation>电池包</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <source>Change…</source>
        <translation>更换…</translation>
    </message>
    <message>
        <source>Pick a cell in the cell library and press &apos;Use in design&apos;</source>
        <translation>在电池单体库中选择电池单体，然后点击“用于设计”</translation>
    </message>
    <message>
        <source>Cell</source>
        <translation>电池单体</translation>
    </message>
    <message>
        <source>Series (S)</source>
        <translation>串联数 (S)</translation>
    </message>
    <message>
        <source>Parallel (P)</source>
        <translation>并联数 (P)</translation>
    </message>
    <message>
        <source>Parallel groups in series</source>
        <translation>先并后串</translation>
    </message>
    <message>
        <source>Series strings in parallel</source>
        <translation>先串后并</translation>
    </message>
    <message>
        <source>Topology</source>
        <translation>连接方式</translation>
    </message>
    <message>
        <source>Interconnect</source>
        <translation>连接件</translation>
    </message>
    <message>
        <source>Same side</source>
        <translation>同侧</translation>
    </message>
    <message>
        <source>Opposite sides</source>
        <translation>两侧</translation>
    </message>
    <message>
        <source>Pack terminals</source>
        <translation>总正负极</translation>
    </message>
    <message>
        <source>Overheads (busbars, BMS, enclosure…)</source>
        <translation>附件（汇流排、BMS、箱体…）</translation>
    </message>
    <message>
        <source>Mass</source>
        <translation>质量</translation>
    </message>
    <message>
        <source>Mass frac.</source>
        <translation>质量比</translation>
    </message>
    <message>
        <source>Volume</source>
        <translation>体积</translation>
    </message>
    <message>
        <source>Cell connection</source>
        <translation>电池单体连接</translation>
    </message>
    <message>
        <source>Busbar segment</source>
        <translation>汇流排段</translation>
    </message>
    <message>
        <source>Terminal</source>
        <translation>极柱</translation>
    </message>
    <message>
        <source>Cell gap</source>
        <translation>电池单体间距</translation>
    </message>
    <message>
        <source>Module gap</source>
        <translation>模块间距</translation>
    </message>
    <message>
        <source>Margin to wall</source>
        <translation>距箱壁余量</translation>
    </message>
    <message>
        <source>Top clearance</source>
        <translation>顶部间隙</translation>
    </message>
    <message>
        <source>Ambient temperature</source>
        <translation>环境温度</translation>
    </message>
    <message>
        <source>Heat transfer coefficient</source>
        <translation>换热系数</translation>
    </message>
    <message>
        <source>Cell-to-cell conductance</source>
        <translation>电池单体间热导</translation>
    </message>
    <message>
        <source>Coolant temperature</source>
        <translation>冷却液温度</translation>
    </message>
    <message>
        <source>Cooling conductance per cell</source>
        <translation>单体冷却热导</translation>
    </message>
    <message>
        <source>Runtime power</source>
        <translation>运行功率</translation>
    </message>
    <message>
        <source>Layout</source>
        <translation>布局</translation>
    </message>
    <message>
        <source>Packing</source>
        <translation>排列方式</translation>
    </message>
    <message>
        <source>Square</source>
        <translation>矩形排列</translation>
    </message>
    <message>
        <source>Hexagonal (staggered)</source>
        <translation>六边形（错位）排列</translation>
    </message>
    <message>
        <source>Groups per row</source>
        <translation>每排并联组数</translation>
    </message>
    <message>
        <source>auto</source>
        <translation>自动</translation>
    </message>
    <message>
        <source>Rotation</source>
        <translation>旋转</translation>
    </message>
    <message>
        <source>Modules</source>
        <translation>模块数</translation>
    </message>
    <message>
        <source>Modules per row</source>
        <translation>每排模块数</translation>
    </message>
    <message>
        <source>Mass fraction</source>
        <translation>质量比例</translation>
    </message>
    <message>
        <source>Volume fraction</source>
        <translation>体积比例</translation>
    </message>
    <message>
        <source>Parallel count %1</source>
        <translation>并联数 %1</translation>
    </message>
    <message>
        <source>Terminal side</source>
        <translation>输出极柱位置</translation>
    </message>
    <message>
        <source>Vol. frac.</source>
        <translation>体积比</translation>
    </message>
    <message>
        <source>Mass and volume with units (e.g. &apos;0.8 kg&apos;, &apos;1.5 L&apos;); fractions of the cell mass / layout volume (0.12)</source>
        <translation>质量和体积带单位（如 &apos;0.8 kg&apos;、&apos;1.5 L&apos;）；比例相对电池单体质量/布局体积（0.12）</translation>
    </message>
    <message>
        <source>Add</source>
        <translation>添加</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>删除</translation>
    </message>
    <message>
        <source>Thermal</source>
        <translation>热特性</translation>
    </message>
    <message>
        <source>Analysis and target</source>
        <translation>分析与目标</translation>
    </message>
    <message>
        <source>to</source>
        <translation>至</translation>
    </message>
    <message>
        <source>Usable SOC window</source>
        <translation>可用 SOC 区间</translation>
    </message>
    <message>
        <source>Load C-rate</source>
        <translation>负载倍率</translation>
    </message>
    <message>
        <source>none (a preset id or a target file)</source>
        <translation>无（预设编号或目标文件）</translation>
    </message>
    <message>
        <source>Target</source>
        <translation>目标</translation>
    </message>
    <message>
        <source>{0} {1}: {2}, {3:.4g} Ah, {4:.3g} V</source>
        <translation>{0} {1}：{2}，{3:.4g} Ah，{4:.3g} V</translation>
    </message>
    <message>
        <source>Modules reduced from %1 to %2: a pack of %2 series groups has at most %2 modules.</source>
        <translation>模块数已由 %1 减为 %2：%2 个串联组最多分为 %2 个模块。</translation>
    </message>
    <message>
        <source>Series count %1</source>
        <translation>串联数 %1</translation>
    </message>
    <message>
        <source>Name: a design needs a name</source>
        <translation>名称：设计必须有名称</translation>
    </message>
    <message>
        <source>Rename</source>
        <translation>重命名</translation>
    </message>
    <message>
        <source>SOC window</source>
        <translation>SOC 区间</translation>
    </message>
    <message>
        <source>Overhead {0}</source>
        <translation>附件 {0}</translation>
    </message>
    <message>
        <source>Add overhead</source>
        <translation>添加附件</translation>
    </message>
    <message>
        <source>Remove overhead {0}</source>
        <translation>删除附件 {0}</translation>
    </message>
    <message>
        <source>Edit overhead {0}</source>
        <translation>编辑附件 {0}</translation>
    </message>
</context>
<context>
    <name>DocumentTab</name>
    <message>
        <source>Series groups</source>
        <translation>串联组</translation>
    </message>
    <message>
        <source>DC current share</source>
        <translation>直流电流分配</translation>
    </message>
    <message>
        <source>× mean</source>
        <translation>× 平均</translation>
    </message>
    <message>
        <source>Temperature</source>
        <translation>温度</translation>
    </message>
    <message>
        <source>Cell current</source>
        <translation>电池单体电流</translation>
    </message>
    <message>
        <source>Cell SOC</source>
        <translation>电池单体 SOC</translation>
    </message>
    <message>
        <source>Fit</source>
        <translation>适应窗口</translation>
    </message>
    <message>
        <source>Fit the pack in the view (F)</source>
        <translation>使电池包适应视图（F）</translation>
    </message>
    <message>
        <source>Busbars</source>
        <translation>汇流排</translation>
    </message>
    <message>
        <source>Series path</source>
        <translation>串联路径</translation>
    </message>
    <message>
        <source>Colour by</source>
        <translation>着色依据</translation>
    </message>
    <message>
        <source>Time in the last simulation</source>
        <translation>上次仿真中的时刻</translation>
    </message>
    <message>
        <source>Fixed scale</source>
        <translation>固定色标</translation>
    </message>
    <message>
        <source>One colour scale over the whole run (unchecked: the scale spans the cells at the chosen time)</source>
        <translation>整个仿真使用同一色标（不勾选：色标覆盖所选时刻的电池单体）</translation>
    </message>
    <message>
        <source>steady state</source>
        <translation>稳态</translation>
    </message>
    <message>
        <source>run a simulation</source>
        <translation>请先运行仿真</translation>
    </message>
    <message>
        <source>no per-cell data</source>
        <translation>无单体数据</translation>
    </message>
    <message>
        <source>t = {0:.1f} min</source>
        <translation>t = {0:.1f} min</translation>
    </message>
    <message>
        <source>DC current share {0:.3f}× mean</source>
        <translation>直流电流分配 {0:.3f}× 平均值</translation>
    </message>
    <message>
        <source>at t = {0:.1f} min: </source>
        <translation>t = {0:.1f} min 时：</translation>
    </message>
    <message>
        <source>Envelope L × W × H = {0:.0f} × {1:.0f} × {2:.0f} mm · {3}S{4}P = {5} cells · drag a group onto another to swap them in the series path</source>
        <translation>外形尺寸 {0:.0f} × {1:.0f} × {2:.0f} mm · {3}S{4}P · {5} 只单体 · 拖动并联组可交换串联位置</translation>
    </message>
</context>
<context>
    <name>ExportDialog</name>
    <message>
        <source>PNG or JPEG (optional)</source>
        <translation>PNG 或 JPEG（可选）</translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation>浏览…</translation>
    </message>
    <message>
        <source>Letter</source>
        <translation>Letter</translation>
    </message>
    <message>
        <source>project name or number</source>
        <translation>项目名称或编号</translation>
    </message>
    <message>
        <source>e.g. A</source>
        <translation>如 A</translation>
    </message>
    <message>
        <source>prepared by</source>
        <translation>编制人</translation>
    </message>
    <message>
        <source>your company (title block)</source>
        <translation>贵公司（标题栏）</translation>
    </message>
    <message>
        <source>Customer</source>
        <translation>客户</translation>
    </message>
    <message>
        <source>Project</source>
        <translation>项目</translation>
    </message>
    <message>
        <source>Revision</source>
        <translation>版本</translation>
    </message>
    <message>
        <source>Author</source>
        <translation>编制</translation>
    </message>
    <message>
        <source>Company</source>
        <translation>公司</translation>
    </message>
    <message>
        <source>Logo</source>
        <translation>标志</translation>
    </message>
    <message>
        <source>Paper</source>
        <translation>纸张</translation>
    </message>
    <message>
        <source>Save as</source>
        <translation>另存为</translation>
    </message>
    <message>
        <source>Preparing the preview…</source>
        <translation>正在生成预览…</translation>
    </message>
    <message>
        <source>Export PDF</source>
        <translation>导出 PDF</translation>
    </message>
    <message>
        <source>Preview of the first page</source>
        <translation>第一页预览</translation>
    </message>
    <message>
        <source>Preview not updated: {0}</source>
        <translation>预览未更新：{0}</translation>
    </message>
    <message>
        <source>No preview: {0}</source>
        <translation>无预览：{0}</translation>
    </message>
    <message>
        <source>{0} pages, {1} kB.</source>
        <translation>{0} 页，{1} kB。</translation>
    </message>
    <message>
        <source>{0} pages, {1} kB. The page could not be rendered: the content of the first page is shown instead.</source>
        <translation>{0} 页，{1} kB。页面无法渲染：改为显示第一页的内容。</translation>
    </message>
    <message>
        <source>Writing {0}…</source>
        <translation>正在写入 {0}…</translation>
    </message>
    <message>
        <source>Wrote {0}</source>
        <translation>已写入 {0}</translation>
    </message>
    <message>
        <source>&lt;span style=&quot;color:#c62828&quot;&gt;Not exported: {0}&lt;/span&gt;</source>
        <translation>&lt;span style=&quot;color:#c62828&quot;&gt;未导出：{0}&lt;/span&gt;</translation>
    </message>
    <message>
        <source>Export spec sheet — {0}</source>
        <translation>导出规格书 — {0}</translation>
    </message>
    <message>
        <source>Export comparison</source>
        <translation>导出对比</translation>
    </message>
    <message>
        <source>Tick the designs to compare; drag them to change the order</source>
        <translation>勾选要对比的设计；拖动以调整顺序</translation>
    </message>
</context>
<context>
    <name>FieldLabels</name>
    <message>
        <source>Series (S)</source>
        <translation>串联数 (S)</translation>
    </message>
    <message>
        <source>Parallel (P)</source>
        <translation>并联数 (P)</translation>
    </message>
    <message>
        <source>Topology</source>
        <translation>连接方式</translation>
    </message>
    <message>
        <source>Cell connection</source>
        <translation>电池单体连接</translation>
    </message>
    <message>
        <source>Busbar segment</source>
        <translation>汇流排段</translation>
    </message>
    <message>
        <source>Terminal</source>
        <translation>极柱</translation>
    </message>
    <message>
        <source>Pack terminals</source>
        <translation>总正负极</translation>
    </message>
    <message>
        <source>Busbar material</source>
        <translation>汇流排材料</translation>
    </message>
    <message>
        <source>Busbar thickness</source>
        <translation>汇流排厚度</translation>
    </message>
    <message>
        <source>Busbar width</source>
        <translation>汇流排宽度</translation>
    </message>
    <message>
        <source>Packing</source>
        <translation>排列方式</translation>
    </message>
    <message>
        <source>Cell gap</source>
        <translation>电池单体间距</translation>
    </message>
    <message>
        <source>Module gap</source>
        <translation>模块间距</translation>
    </message>
    <message>
        <source>Margin to wall</source>
        <translation>距箱壁余量</translation>
    </message>
    <message>
        <source>Top clearance</source>
        <translation>顶部间隙</translation>
    </message>
    <message>
        <source>Groups per row</source>
        <translation>每排并联组数</translation>
    </message>
    <message>
        <source>Rotation</source>
        <translation>旋转</translation>
    </message>
    <message>
        <source>Modules</source>
        <translation>模块数</translation>
    </message>
    <message>
        <source>Modules per row</source>
        <translation>每排模块数</translation>
    </message>
    <message>
        <source>Series order of the groups</source>
        <translation>并联组的串联顺序</translation>
    </message>
    <message>
        <source>Block shape</source>
        <translation>并联组排布形状</translation>
    </message>
    <message>
        <source>Gap between blocks</source>
        <translation>并联组间距</translation>
    </message>
    <message>
        <source>Largest envelope</source>
        <translation>最大外形尺寸</translation>
    </message>
    <message>
        <source>Largest envelope length</source>
        <translation>最大外形长度</translation>
    </message>
    <message>
        <source>Largest envelope width</source>
        <translation>最大外形宽度</translation>
    </message>
    <message>
        <source>Largest envelope height</source>
        <translation>最大外形高度</translation>
    </message>
    <message>
        <source>Per-cell override (series position)</source>
        <translation>单体参数覆盖（串联位置）</translation>
    </message>
    <message>
        <source>Per-cell override (parallel position)</source>
        <translation>单体参数覆盖（并联位置）</translation>
    </message>
    <message>
        <source>Ambient temperature</source>
        <translation>环境温度</translation>
    </message>
    <message>
        <source>Heat transfer coefficient</source>
        <translation>换热系数</translation>
    </message>
    <message>
        <source>Usable SOC window</source>
        <translation>可用 SOC 区间</translation>
    </message>
</context>
<context>
    <name>FileDialogs</name>
    <message>
        <source>NaIon designs (*.naion);;All files (*)</source>
        <translation>NaIon 设计 (*.naion);;所有文件 (*)</translation>
    </message>
</context>
<context>
    <name>FitDialog</name>
    <message>
        <source>none</source>
        <translation>无</translation>
    </message>
    <message>
        <source>Also hold out</source>
        <translation>另外留出</translation>
    </message>
    <message>
        <source>Also hold out this share of the training files: whole files spread over the list, or of a single log its tail from the end of a rest</source>
        <translation>另外留出这一比例的训练文件：在列表中均匀选取整个文件；若只有一个记录，则从某次静置结束处起留出其尾段</translation>
    </message>
    <message>
        <source>train</source>
        <translation>训练</translation>
    </message>
    <message>
        <source>hold-out</source>
        <translation>验证</translation>
    </message>
    <message>
        <source>New cell from test data</source>
        <translation>由测试数据新建电池单体</translation>
    </message>
    <message>
        <source>Training files (drop cycler logs here)</source>
        <translation>训练文件（将充放电测试记录拖放到此处）</translation>
    </message>
    <message>
        <source>Held-out files (never seen by the fit)</source>
        <translation>验证文件（不参与拟合）</translation>
    </message>
    <message>
        <source>Add…</source>
        <translation>添加…</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>删除</translation>
    </message>
    <message>
        <source>none (other fields estimated)</source>
        <translation>无（其他参数按估算）</translation>
    </message>
    <message>
        <source>from the lowest-rate full discharge</source>
        <translation>取最低倍率完全放电的容量</translation>
    </message>
    <message>
        <source>positive = discharge</source>
        <translation>正值 = 放电</translation>
    </message>
    <message>
        <source>negative = discharge</source>
        <translation>负值 = 放电</translation>
    </message>
    <message>
        <source>keep the template&apos;s OCV table</source>
        <translation>保留模板单体的 OCV 表</translation>
    </message>
    <message>
        <source>Template cell</source>
        <translation>模板电池单体</translation>
    </message>
    <message>
        <source>New cell id</source>
        <translation>新电池单体编号</translation>
    </message>
    <message>
        <source>Capacity</source>
        <translation>容量</translation>
    </message>
    <message>
        <source>RC pairs</source>
        <translation>RC 环节数</translation>
    </message>
    <message>
        <source>Current sign in CSV</source>
        <translation>CSV 中的电流符号</translation>
    </message>
    <message>
        <source>Fit</source>
        <translation>拟合</translation>
    </message>
    <message>
        <source>Cancel fit</source>
        <translation>取消拟合</translation>
    </message>
    <message>
        <source>Save to my library</source>
        <translation>保存到我的单体库</translation>
    </message>
    <message>
        <source>Add training files, then Fit.</source>
        <translation>请添加训练文件，然后点击“拟合”。</translation>
    </message>
    <message>
        <source>Cycler logs</source>
        <translation>充放电测试记录</translation>
    </message>
    <message>
        <source>Cycler logs (*.csv *.txt *.mpr *.nda *.ndax);;All files (*)</source>
        <translation>充放电测试记录 (*.csv *.txt *.mpr *.nda *.ndax);;所有文件 (*)</translation>
    </message>
    <message>
        <source>Curve</source>
        <translation>曲线</translation>
    </message>
    <message>
        <source>voltage</source>
        <translation>电压</translation>
    </message>
    <message>
        <source>time</source>
        <translation>时间</translation>
    </message>
    <message>
        <source>model − measured</source>
        <translation>模型 − 实测</translation>
    </message>
    <message>
        <source>parameter</source>
        <translation>参数</translation>
    </message>
    <message>
        <source>value</source>
        <translation>数值</translation>
    </message>
    <message>
        <source>file</source>
        <translation>文件</translation>
    </message>
    <message>
        <source>role</source>
        <translation>用途</translation>
    </message>
    <message>
        <source>RMS (mV)</source>
        <translation>均方根误差 (mV)</translation>
    </message>
    <message>
        <source>max (mV)</source>
        <translation>最大误差 (mV)</translation>
    </message>
    <message>
        <source>capacity error</source>
        <translation>容量误差</translation>
    </message>
    <message>
        <source>keeping the OCV needs a template cell</source>
        <translation>保留 OCV 表需要选择模板电池单体</translation>
    </message>
    <message>
        <source>Add at least one training file.</source>
        <translation>请至少添加一个训练文件。</translation>
    </message>
    <message>
        <source>The fit failed: </source>
        <translation>拟合失败：</translation>
    </message>
    <message>
        <source>Fit cancelled.</source>
        <translation>拟合已取消。</translation>
    </message>
    <message>
        <source>Fitting…</source>
        <translation>正在拟合…</translation>
    </message>
    <message>
        <source>Cancelling…</source>
        <translation>正在取消…</translation>
    </message>
    <message>
        <source>capacity</source>
        <translation>容量</translation>
    </message>
    <message>
        <source>R0 (50 % SOC, 1C)</source>
        <translation>R0（50 % SOC，1C）</translation>
    </message>
    <message>
        <source>RC %1: R</source>
        <translation>RC %1：R</translation>
    </message>
    <message>
        <source>RC %1: C</source>
        <translation>RC %1：C</translation>
    </message>
    <message>
        <source>RC %1: τ</source>
        <translation>RC %1：τ</translation>
    </message>
    <message>
        <source>OCV source</source>
        <translation>OCV 来源</translation>
    </message>
    <message>
        <source>capacity source</source>
        <translation>容量来源</translation>
    </message>
    <message>
        <source>fit residual</source>
        <translation>拟合残差</translation>
    </message>
    <message>
        <source>Fitted %1.</source>
        <translation>已拟合 %1。</translation>
    </message>
    <message>
        <source>Worst held-out RMS: %1 mV (%2).</source>
        <translation>验证集最大均方根误差：%1 mV（%2）。</translation>
    </message>
    <message>
        <source>measured</source>
        <translation>实测</translation>
    </message>
    <message>
        <source>model</source>
        <translation>模型</translation>
    </message>
    <message>
        <source>Cannot save: </source>
        <translation>无法保存：</translation>
    </message>
    <message>
        <source>Saved %1 to your library.</source>
        <translation>已将 %1 保存到您的单体库。</translation>
    </message>
</context>
<context>
    <name>FitToBoxDialog</name>
    <message>
        <source>Block</source>
        <translation>排布</translation>
    </message>
    <message>
        <source>Per row</source>
        <translation>每排</translation>
    </message>
    <message>
        <source>Modules</source>
        <translation>模块数</translation>
    </message>
    <message>
        <source>Turned</source>
        <translation>旋转</translation>
    </message>
    <message>
        <source>L × W × H (mm)</source>
        <translation>长 × 宽 × 高 (mm)</translation>
    </message>
    <message>
        <source>Volume (L)</source>
        <translation>体积 (L)</translation>
    </message>
    <message>
        <source>Fits</source>
        <translation>是否放得下</translation>
    </message>
    <message>
        <source>Box length</source>
        <translation>箱体长度</translation>
    </message>
    <message>
        <source>Largest length</source>
        <translation>最大长度</translation>
    </message>
    <message>
        <source>Box width</source>
        <translation>箱体宽度</translation>
    </message>
    <message>
        <source>Largest width</source>
        <translation>最大宽度</translation>
    </message>
    <message>
        <source>Box height</source>
        <translation>箱体高度</translation>
    </message>
    <message>
        <source>Largest height</source>
        <translation>最大高度</translation>
    </message>
    <message>
        <source>Fit to box</source>
        <translation>适配箱体</translation>
    </message>
    <message>
        <source>Try up to … modules</source>
        <translation>最多尝试的模块数</translation>
    </message>
    <message>
        <source>Search arrangements</source>
        <translation>搜索排布方案</translation>
    </message>
    <message>
        <source>Apply</source>
        <translation>应用</translation>
    </message>
    <message>
        <source>{0}: give a positive length</source>
        <translation>{0}：请输入正的长度</translation>
    </message>
    <message>
        <source>yes</source>
        <translation>是</translation>
    </message>
    <message>
        <source>misses {0}</source>
        <translation>超出 {0}</translation>
    </message>
    <message>
        <source> ({0} empty)</source>
        <translation>（{0} 个空位）</translation>
    </message>
    <message>
        <source>{0} arrangement(s) fit; the most compact first.</source>
        <translation>{0} 种排布方案放得下；最紧凑的排在最前。</translation>
    </message>
    <message>
        <source>length</source>
        <translation>长度</translation>
    </message>
    <message>
        <source>width</source>
        <translation>宽度</translation>
    </message>
    <message>
        <source>height</source>
        <translation>高度</translation>
    </message>
    <message>
        <source>{0} by {1:.0f} mm</source>
        <translation>{0}超出 {1:.0f} mm</translation>
    </message>
    <message>
        <source>Nothing fits: the best misses {0}.</source>
        <translation>没有放得下的方案：最佳方案{0}。</translation>
    </message>
    <message>
        <source>Applied: the design now has this arrangement and the box as its largest envelope.</source>
        <translation>已应用：设计现采用此排布，并以该箱体作为最大外形尺寸。</translation>
    </message>
</context>
<context>
    <name>LayoutControls</name>
    <message>
        <source>Copper</source>
        <translation>铜</translation>
    </message>
    <message>
        <source>Aluminium</source>
        <translation>铝</translation>
    </message>
    <message>
        <source>Nickel strip</source>
        <translation>镍带</translation>
    </message>
    <message>
        <source>Nickel-plated steel</source>
        <translation>镀镍钢</translation>
    </message>
    <message>
        <source>Largest envelope length</source>
        <translation>最大外形长度</translation>
    </message>
    <message>
        <source>Box length</source>
        <translation>箱体长度</translation>
    </message>
    <message>
        <source>Largest envelope width</source>
        <translation>最大外形宽度</translation>
    </message>
    <message>
        <source>Box width</source>
        <translation>箱体宽度</translation>
    </message>
    <message>
        <source>Largest envelope height</source>
        <translation>最大外形高度</translation>
    </message>
    <message>
        <source>Box height</source>
        <translation>箱体高度</translation>
    </message>
    <message>
        <source>Group block</source>
        <translation>并联组排布</translation>
    </message>
    <message>
        <source>Gap between blocks</source>
        <translation>并联组间距</translation>
    </message>
    <message>
        <source>no limit</source>
        <translation>不限</translation>
    </message>
    <message>
        <source>None (busbar segment as typed)</source>
        <translation>无（按输入的汇流排段电阻）</translation>
    </message>
    <message>
        <source>Busbar material</source>
        <translation>汇流排材料</translation>
    </message>
    <message>
        <source>Busbar thickness</source>
        <translation>汇流排厚度</translation>
    </message>
    <message>
        <source>Busbar width</source>
        <translation>汇流排宽度</translation>
    </message>
    <message>
        <source>Automatic ({0} × {1})</source>
        <translation>自动（{0} × {1}）</translation>
    </message>
    <message>
        <source>{0} rows × {1} columns</source>
        <translation>{0} 行 × {1} 列</translation>
    </message>
    <message>
        <source>Group block shape</source>
        <translation>并联组排布形状</translation>
    </message>
    <message>
        <source>Largest envelope</source>
        <translation>最大外形尺寸</translation>
    </message>
    <message>
        <source>Largest envelope: give its length, width and height (or clear all three for no limit)</source>
        <translation>最大外形尺寸：请给出长度、宽度和高度（或全部清空表示不限）</translation>
    </message>
    <message>
        <source>Busbar</source>
        <translation>汇流排</translation>
    </message>
</context>
<context>
    <name>LayoutView</name>
    <message>
        <source>Module {0}</source>
        <translation>模块 {0}</translation>
    </message>
    <message>
        <source>Swap groups {0} and {1}</source>
        <translation>交换并联组 {0} 与 {1}</translation>
    </message>
    <message>
        <source>Modules {0} and {1} hold different numbers of groups ({2} and {3}): they cannot trade places.</source>
        <translation>模块 {0} 与 {1} 的并联组数不同（{2} 与 {3}）：不能互换位置。</translation>
    </message>
    <message>
        <source>Swap modules {0} and {1}</source>
        <translation>交换模块 {0} 与 {1}</translation>
    </message>
    <message>
        <source>Block shape automatic</source>
        <translation>并联组排布形状：自动</translation>
    </message>
    <message>
        <source>Block shape {0} × {1}</source>
        <translation>并联组排布形状 {0} × {1}</translation>
    </message>
    <message>
        <source>Block shape</source>
        <translation>并联组排布形状</translation>
    </message>
    <message>
        <source>Automatic ({0} × {1})</source>
        <translation>自动（{0} × {1}）</translation>
    </message>
    <message>
        <source>{0} rows × {1} columns</source>
        <translation>{0} 行 × {1} 列</translation>
    </message>
    <message>
        <source>Group {0} in series order, slot {1} · cell s{2} p{3} (as in the CSV columns) · x {4:.1f} mm, y {5:.1f} mm</source>
        <translation>串联顺序第 {0} 组，槽位 {1} · 单体 s{2} p{3}（同 CSV 列名）· x {4:.1f} mm，y {5:.1f} mm</translation>
    </message>
</context>
<context>
    <name>LifetimeView</name>
    <message>
        <source>A built-in duty cycle or the path of a profile CSV</source>
        <translation>内置运行工况，或工况 CSV 文件的路径</translation>
    </message>
    <message>
        <source> years</source>
        <translation> 年</translation>
    </message>
    <message>
        <source>none</source>
        <translation>无</translation>
    </message>
    <message>
        <source>Run</source>
        <translation>运行</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Set the duty cycle and press Run.</source>
        <translation>请设置运行工况，然后点击“运行”。</translation>
    </message>
    <message>
        <source>Duty cycle</source>
        <translation>运行工况</translation>
    </message>
    <message>
        <source>Years</source>
        <translation>年限</translation>
    </message>
    <message>
        <source>Ambient</source>
        <translation>环境温度</translation>
    </message>
    <message>
        <source>Monte Carlo packs</source>
        <translation>蒙特卡洛抽样电池包数</translation>
    </message>
    <message>
        <source>Seed</source>
        <translation>随机种子</translation>
    </message>
    <message>
        <source>Limiting cells</source>
        <translation>限制寿命的单体</translation>
    </message>
    <message>
        <source>Year</source>
        <translation>年</translation>
    </message>
    <message>
        <source>State of health (% of rated capacity)</source>
        <translation>健康状态（额定容量的 %）</translation>
    </message>
    <message>
        <source>Each cell&apos;s state of health at end of life (or at the end of the run), from green (best cell) to red (worst); the limiting cells outlined in red</source>
        <translation>各电池单体在寿命终止时（或运行结束时）的健康状态，由绿（最好）到红（最差）；限制寿命的单体以红框标出</translation>
    </message>
    <message>
        <source>The design&apos;s lifetime request is not valid: {0}</source>
        <translation>设计的寿命计算设置无效：{0}</translation>
    </message>
    <message>
        <source>choose a duty cycle</source>
        <translation>请选择运行工况</translation>
    </message>
    <message>
        <source>Running {0} for {1:g} years ({2} Monte Carlo packs)…</source>
        <translation>正在运行 {0}，共 {1:g} 年（{2} 个蒙特卡洛电池包）…</translation>
    </message>
    <message>
        <source>Lifetime run failed: {0}</source>
        <translation>寿命计算失败：{0}</translation>
    </message>
    <message>
        <source>Lifetime run cancelled.</source>
        <translation>寿命计算已取消。</translation>
    </message>
    <message>
        <source>P50 of {0} packs (band: P5–P95)</source>
        <translation>{0} 个电池包的 P50（带：P5–P95）</translation>
    </message>
    <message>
        <source>Nominal cells</source>
        <translation>标称单体</translation>
    </message>
    <message>
        <source>year {0:.1f}</source>
        <translation>第 {0:.1f} 年</translation>
    </message>
    <message>
        <source>beyond year {0:g}</source>
        <translation>超过第 {0:g} 年</translation>
    </message>
    <message>
        <source>End of life ({0:.0%} of rated capacity): {1}; {2} simulated cycles.</source>
        <translation>寿命终止（额定容量的 {0:.0%}）：{1}；共仿真 {2} 次循环。</translation>
    </message>
    <message>
        <source>{0:.1f}</source>
        <translation>{0:.1f}</translation>
    </message>
    <message>
        <source>&gt; {0:g}</source>
        <translation>&gt; {0:g}</translation>
    </message>
    <message>
        <source>End-of-life year P5 {0}, P50 {1}, P95 {2}.</source>
        <translation>寿命终止年份 P5 {0}，P50 {1}，P95 {2}。</translation>
    </message>
    <message>
        <source>Ageing model estimated.</source>
        <translation>老化模型为估算值。</translation>
    </message>
    <message>
        <source>s{0} p{1}: {2:.1%} of rated capacity</source>
        <translation>s{0} p{1}：额定容量的 {2:.1%}</translation>
    </message>
    <message>
        <source>Lifetime</source>
        <translation>寿命</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>&amp;New design</source>
        <translation>新建设计(&amp;N)</translation>
    </message>
    <message>
        <source>A new design with the cell selected in the library</source>
        <translation>使用电池单体库中所选电池单体新建设计</translation>
    </message>
    <message>
        <source>&amp;Open…</source>
        <translation>打开(&amp;O)…</translation>
    </message>
    <message>
        <source>Open &amp;example</source>
        <translation>打开示例(&amp;E)</translation>
    </message>
    <message>
        <source>&amp;Save</source>
        <translation>保存(&amp;S)</translation>
    </message>
    <message>
        <source>Save &amp;as…</source>
        <translation>另存为(&amp;A)…</translation>
    </message>
    <message>
        <source>&amp;Close design</source>
        <translation>关闭设计(&amp;C)</translation>
    </message>
    <message>
        <source>&amp;Export spec sheet…</source>
        <translation>导出规格书(&amp;E)…</translation>
    </message>
    <message>
        <source>Export &amp;comparison…</source>
        <translation>导出对比(&amp;C)…</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>退出(&amp;Q)</translation>
    </message>
    <message>
        <source>&amp;Undo</source>
        <translation>撤销(&amp;U)</translation>
    </message>
    <message>
        <source>&amp;Redo</source>
        <translation>重做(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;Preferences…</source>
        <translation>首选项(&amp;P)…</translation>
    </message>
    <message>
        <source>&amp;Fit pack in view</source>
        <translation>电池包适应视图(&amp;F)</translation>
    </message>
    <message>
        <source>Zoom &amp;in</source>
        <translation>放大(&amp;I)</translation>
    </message>
    <message>
        <source>Zoom &amp;out</source>
        <translation>缩小(&amp;O)</translation>
    </message>
    <message>
        <source>&amp;Run simulation</source>
        <translation>运行仿真(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;Cancel simulation</source>
        <translation>取消仿真(&amp;C)</translation>
    </message>
    <message>
        <source>&amp;Size for target…</source>
        <translation>按目标选型(&amp;S)…</translation>
    </message>
    <message>
        <source>&amp;Lifetime…</source>
        <translation>寿命(&amp;L)…</translation>
    </message>
    <message>
        <source>&amp;Compare open designs</source>
        <translation>对比已打开的设计(&amp;C)</translation>
    </message>
    <message>
        <source>Next design</source>
        <translation>下一个设计</translation>
    </message>
    <message>
        <source>Previous design</source>
        <translation>上一个设计</translation>
    </message>
    <message>
        <source>&amp;Keyboard shortcuts</source>
        <translation>键盘快捷键(&amp;K)</translation>
    </message>
    <message>
        <source>Open &amp;log folder</source>
        <translation>打开日志文件夹(&amp;L)</translation>
    </message>
    <message>
        <source>&amp;About NaIon Designer</source>
        <translation>关于 NaIon Designer(&amp;A)</translation>
    </message>
    <message>
        <source>Colour by {0}</source>
        <translation>按{0}着色</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <source>Open &amp;recent</source>
        <translation>最近打开(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;Edit</source>
        <translation>编辑(&amp;E)</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>视图(&amp;V)</translation>
    </message>
    <message>
        <source>&amp;Simulate</source>
        <translation>仿真(&amp;S)</translation>
    </message>
    <message>
        <source>&amp;Tools</source>
        <translation>工具(&amp;T)</translation>
    </message>
    <message>
        <source>Fit to &amp;box…</source>
        <translation>适配箱体(&amp;B)…</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>帮助(&amp;H)</translation>
    </message>
    <message>
        <source>Untitled {0}</source>
        <translation>未命名 {0}</translation>
    </message>
    <message>
        <source>Cannot create a design</source>
        <translation>无法新建设计</translation>
    </message>
    <message>
        <source>the cell library is empty</source>
        <translation>电池单体库为空</translation>
    </message>
    <message>
        <source>New design with {0} {1} ({2}): pick another cell in the cell library and press &apos;Use in design&apos;</source>
        <translation>新设计使用 {0} {1}（{2}）：可在电池单体库中选择其他电池单体并点击“用于设计”</translation>
    </message>
    <message>
        <source>Open designs</source>
        <translation>打开设计</translation>
    </message>
    <message>
        <source>(none)</source>
        <translation>（无）</translation>
    </message>
    <message>
        <source>Clear list</source>
        <translation>清空列表</translation>
    </message>
    <message>
        <source>Saved {0}</source>
        <translation>已保存 {0}</translation>
    </message>
    <message>
        <source>Autosave failed: {0}</source>
        <translation>自动保存失败：{0}</translation>
    </message>
    <message>
        <source>Design</source>
        <translation>设计</translation>
    </message>
    <message>
        <source>Cell library</source>
        <translation>电池单体库</translation>
    </message>
    <message>
        <source>Results</source>
        <translation>计算结果</translation>
    </message>
    <message>
        <source>Target</source>
        <translation>目标</translation>
    </message>
    <message>
        <source>Plots</source>
        <translation>曲线图</translation>
    </message>
    <message>
        <source>Use cell %1</source>
        <translation>使用电池单体 %1</translation>
    </message>
    <message>
        <source>Cannot use this cell</source>
        <translation>无法使用该电池单体</translation>
    </message>
    <message>
        <source>Design now uses %1 %2</source>
        <translation>设计现使用 %1 %2</translation>
    </message>
    <message>
        <source> (packing set to square: hexagonal packing needs round cells)</source>
        <translation>（排列方式已设为矩形：六边形排列需要圆柱电池单体）</translation>
    </message>
    <message>
        <source>Target panel: {0}</source>
        <translation>目标面板：{0}</translation>
    </message>
    <message>
        <source>Simulation finished</source>
        <translation>仿真完成</translation>
    </message>
    <message>
        <source>Your changes are lost if you don&apos;t save them.</source>
        <translation>如不保存，您的修改将丢失。</translation>
    </message>
    <message>
        <source>Restore unsaved work</source>
        <translation>恢复未保存的工作</translation>
    </message>
    <message>
        <source>NaIon Designer did not close properly last time. Restore the unsaved designs?

{0}</source>
        <translation>NaIon Designer 上次未正常关闭。是否恢复未保存的设计？

{0}</translation>
    </message>
    <message>
        <source>Save design as</source>
        <translation>设计另存为</translation>
    </message>
    <message>
        <source>Size for target</source>
        <translation>按目标选型</translation>
    </message>
    <message>
        <source>Compare designs</source>
        <translation>设计对比</translation>
    </message>
    <message>
        <source>Keyboard shortcuts</source>
        <translation>键盘快捷键</translation>
    </message>
    <message>
        <source>&lt;table cellspacing=&apos;4&apos;&gt;{0}&lt;/table&gt;&lt;p&gt;Layout editor: wheel to zoom, drag the background to pan, drag a group onto another to swap them.&lt;/p&gt;</source>
        <translation>&lt;table cellspacing=&apos;4&apos;&gt;{0}&lt;/table&gt;&lt;p&gt;布局编辑器：滚轮缩放，拖动背景平移，将一个并联组拖到另一个上可交换它们。&lt;/p&gt;</translation>
    </message>
    <message>
        <source>About {0}</source>
        <translation>关于 {0}</translation>
    </message>
    <message>
        <source>&lt;b&gt;{0}&lt;/b&gt; {1}&lt;br&gt;Sodium-ion battery pack design: cell library, layout, estimates, simulation, sizing and spec sheets.</source>
        <translation>&lt;b&gt;{0}&lt;/b&gt; {1}&lt;br&gt;钠离子电池包设计：电池单体库、布局、估算、仿真、选型与规格书。</translation>
    </message>
</context>
<context>
    <name>PlotsPanel</name>
    <message>
        <source>time (h)</source>
        <translation>时间 (h)</translation>
    </message>
    <message>
        <source>Discharge at 0.5C to cut-off</source>
        <translation>0.5C 放电至截止</translation>
    </message>
    <message>
        <source>Discharge at 1C to cut-off</source>
        <translation>1C 放电至截止</translation>
    </message>
    <message>
        <source>Discharge at 2C to cut-off</source>
        <translation>2C 放电至截止</translation>
    </message>
    <message>
        <source>Constant power 0.5 W/Wh to cut-off</source>
        <translation>0.5 W/Wh 恒功率放电至截止</translation>
    </message>
    <message>
        <source>&lt;span style=&apos;color:{0}&apos;&gt;Hottest&lt;/span&gt; / &lt;span style=&apos;color:{1}&apos;&gt;coldest&lt;/span&gt; cell</source>
        <translation>&lt;span style=&apos;color:{0}&apos;&gt;最热&lt;/span&gt; / &lt;span style=&apos;color:{1}&apos;&gt;最冷&lt;/span&gt;电池单体</translation>
    </message>
    <message>
        <source>Cell current spread</source>
        <translation>电池单体电流离散</translation>
    </message>
    <message>
        <source>Duty cycle</source>
        <translation>工况</translation>
    </message>
    <message>
        <source>Run simulation</source>
        <translation>运行仿真</translation>
    </message>
    <message>
        <source>Simulate the current design over the duty cycle (F5)</source>
        <translation>按工况仿真当前设计（F5）</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>No simulation yet: pick a duty cycle and press &lt;b&gt;Run simulation&lt;/b&gt; (F5).&lt;br&gt;The run goes on in the background; the layout editor can then paint every cell by temperature, current or SOC.</source>
        <translation>尚无仿真：选择工况并点击&lt;b&gt;运行仿真&lt;/b&gt;（F5）。&lt;br&gt;仿真在后台进行；之后布局编辑器可按温度、电流或 SOC 为每只电池单体着色。</translation>
    </message>
    <message>
        <source>Pack voltage</source>
        <translation>电池包电压</translation>
    </message>
    <message>
        <source>time (min)</source>
        <translation>时间 (min)</translation>
    </message>
    <message>
        <source>voltage (V)</source>
        <translation>电压 (V)</translation>
    </message>
    <message>
        <source>Pack current</source>
        <translation>电池包电流</translation>
    </message>
    <message>
        <source>current (A)</source>
        <translation>电流 (A)</translation>
    </message>
    <message>
        <source>State of charge</source>
        <translation>荷电状态</translation>
    </message>
    <message>
        <source>SOC (%)</source>
        <translation>SOC (%)</translation>
    </message>
    <message>
        <source>temperature (°C)</source>
        <translation>温度 (°C)</translation>
    </message>
    <message>
        <source>max − min in a group (A)</source>
        <translation>组内最大 − 最小 (A)</translation>
    </message>
    <message>
        <source>The widest spread of cell currents inside any parallel group: what uneven current sharing costs</source>
        <translation>任一并联组内电池单体电流的最大离散：电流分配不均的代价</translation>
    </message>
    <message>
        <source>Simulation</source>
        <translation>仿真</translation>
    </message>
    <message>
        <source>Discharge curves</source>
        <translation>放电曲线</translation>
    </message>
    <message>
        <source>capacity (Ah)</source>
        <translation>容量 (Ah)</translation>
    </message>
    <message>
        <source>pack voltage (V)</source>
        <translation>电池包电压 (V)</translation>
    </message>
    <message>
        <source>Power capability</source>
        <translation>功率能力</translation>
    </message>
    <message>
        <source>power (kW)</source>
        <translation>功率 (kW)</translation>
    </message>
    <message>
        <source>Power vs SOC</source>
        <translation>功率-SOC</translation>
    </message>
    <message>
        <source>Last run: {0}{1} — design edited since; run again to update</source>
        <translation>上次运行：{0}{1} — 设计已修改；请重新运行以更新</translation>
    </message>
    <message>
        <source>Duty cycles unavailable: {0}</source>
        <translation>工况不可用：{0}</translation>
    </message>
    <message>
        <source>Cannot build the duty cycle: {0}</source>
        <translation>无法生成工况：{0}</translation>
    </message>
    <message>
        <source>Simulating {0} on {1} cells…</source>
        <translation>正在对 {1} 只电池单体仿真 {0}…</translation>
    </message>
    <message>
        <source>Cancelling…</source>
        <translation>正在取消…</translation>
    </message>
    <message>
        <source>Discharge curves unavailable: {0}</source>
        <translation>放电曲线不可用：{0}</translation>
    </message>
    <message>
        <source>Power capability unavailable: {0}</source>
        <translation>功率能力不可用：{0}</translation>
    </message>
    <message>
        <source>Discharge curves — {0}S{1}P</source>
        <translation>放电曲线 — {0}S{1}P</translation>
    </message>
    <message>
        <source>Power capability vs SOC</source>
        <translation>功率能力-SOC</translation>
    </message>
    <message>
        <source>available</source>
        <translation>可用</translation>
    </message>
    <message>
        <source>at min. voltage</source>
        <translation>最低电压下</translation>
    </message>
    <message>
        <source>at current limit</source>
        <translation>电流限值下</translation>
    </message>
</context>
<context>
    <name>PreferencesDialog</name>
    <message>
        <source>Energy</source>
        <translation>能量</translation>
    </message>
    <message>
        <source>Power</source>
        <translation>功率</translation>
    </message>
    <message>
        <source>Voltage</source>
        <translation>电压</translation>
    </message>
    <message>
        <source>Charge</source>
        <translation>电量</translation>
    </message>
    <message>
        <source>Resistance</source>
        <translation>电阻</translation>
    </message>
    <message>
        <source>Current</source>
        <translation>电流</translation>
    </message>
    <message>
        <source>Mass</source>
        <translation>质量</translation>
    </message>
    <message>
        <source>Length</source>
        <translation>长度</translation>
    </message>
    <message>
        <source>Volume</source>
        <translation>体积</translation>
    </message>
    <message>
        <source>Temperature</source>
        <translation>温度</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>时间</translation>
    </message>
    <message>
        <source>Preferences</source>
        <translation>首选项</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>语言</translation>
    </message>
    <message>
        <source>as the system</source>
        <translation>跟随系统</translation>
    </message>
    <message>
        <source>Applies the next time the app starts</source>
        <translation>下次启动时生效</translation>
    </message>
    <message>
        <source>Display units</source>
        <translation>显示单位</translation>
    </message>
    <message>
        <source>per figure (default)</source>
        <translation>按指标（默认）</translation>
    </message>
    <message>
        <source>New designs and documents</source>
        <translation>新设计与文档</translation>
    </message>
    <message>
        <source>Default ambient temperature</source>
        <translation>默认环境温度</translation>
    </message>
    <message>
        <source>off</source>
        <translation>关闭</translation>
    </message>
    <message>
        <source>Autosave every</source>
        <translation>自动保存间隔</translation>
    </message>
</context>
<context>
    <name>QuantityEdit</name>
    <message>
        <source>a resistance</source>
        <translation>电阻值</translation>
    </message>
    <message>
        <source>a length</source>
        <translation>长度值</translation>
    </message>
    <message>
        <source>a temperature</source>
        <translation>温度值</translation>
    </message>
    <message>
        <source>a heat transfer coefficient</source>
        <translation>换热系数值</translation>
    </message>
    <message>
        <source>a thermal conductance</source>
        <translation>热导值</translation>
    </message>
    <message>
        <source>a power</source>
        <translation>功率值</translation>
    </message>
    <message>
        <source>a mass</source>
        <translation>质量值</translation>
    </message>
    <message>
        <source>a volume</source>
        <translation>体积值</translation>
    </message>
    <message>
        <source>none</source>
        <translation>无</translation>
    </message>
    <message>
        <source>%1: type a value in any unit of its kind, from %2 to %3</source>
        <translation>%1：输入该类任意单位的数值，范围 %2 至 %3</translation>
    </message>
    <message>
        <source>a value</source>
        <translation>数值</translation>
    </message>
</context>
<context>
    <name>ResultsPanel</name>
    <message>
        <source>Electrical</source>
        <translation>电性能</translation>
    </message>
    <message>
        <source>Thermal</source>
        <translation>热特性</translation>
    </message>
    <message>
        <source>Mechanical</source>
        <translation>机械</translation>
    </message>
    <message>
        <source>Cost</source>
        <translation>成本</translation>
    </message>
    <message>
        <source>Duty cycle</source>
        <translation>工况</translation>
    </message>
    <message>
        <source>Hottest cell</source>
        <translation>最热电池单体</translation>
    </message>
    <message>
        <source>Coldest cell</source>
        <translation>最冷电池单体</translation>
    </message>
    <message>
        <source>Lowest pack voltage</source>
        <translation>最低电池包电压</translation>
    </message>
    <message>
        <source>Energy delivered</source>
        <translation>输出能量</translation>
    </message>
    <message>
        <source>End</source>
        <translation>结束</translation>
    </message>
    <message>
        <source>Figure</source>
        <translation>指标</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>数值</translation>
    </message>
    <message>
        <source>Unit</source>
        <translation>单位</translation>
    </message>
    <message>
        <source>Computing…</source>
        <translation>正在计算…</translation>
    </message>
    <message>
        <source>No design open</source>
        <translation>未打开设计</translation>
    </message>
    <message>
        <source>&lt;b&gt;Cannot compute this design:&lt;/b&gt; {0}</source>
        <translation>&lt;b&gt;无法计算该设计：&lt;/b&gt;{0}</translation>
    </message>
    <message>
        <source>{0} cell figure(s) estimated (not published)</source>
        <translation>{0} 项电池单体参数为估算值（未公开）</translation>
    </message>
    <message>
        <source>Estimated cell figures: {0}</source>
        <translation>估算的电池单体参数：{0}</translation>
    </message>
    <message>
        <source>fails the target</source>
        <translation>未满足目标</translation>
    </message>
    <message>
        <source>{0} limit(s) exceeded</source>
        <translation>{0} 项超限</translation>
    </message>
    <message>
        <source>&lt;b&gt;{0}S{1}P&lt;/b&gt; of {2} {3} · {4} cells{5}{6}</source>
        <translation>&lt;b&gt;{0}S{1}P&lt;/b&gt; · {2} {3} · {4} 只电池单体{5}{6}</translation>
    </message>
    <message>
        <source>Target: {0}</source>
        <translation>目标：{0}</translation>
    </message>
    <message>
        <source>Unit for every {0} figure</source>
        <translation>所有{0}指标的单位</translation>
    </message>
</context>
<context>
    <name>SizingView</name>
    <message>
        <source>{0}: searched {1} S × P combinations of {2} cells in {3} ms; {4} cells give a passing design</source>
        <translation>{0}：已搜索 {2} 种电池单体的 {1} 个 S × P 组合，用时 {3} ms；{4} 种电池单体可给出通过的方案</translation>
    </message>
    <message>
        <source> — no design meets every requirement (the table shows the closest)</source>
        <translation>——没有方案满足全部要求（表中列出最接近的方案）</translation>
    </message>
    <message>
        <source>Target</source>
        <translation>目标</translation>
    </message>
    <message>
        <source>Objective</source>
        <translation>优化目标</translation>
    </message>
    <message>
        <source>Designs</source>
        <translation>方案数</translation>
    </message>
    <message>
        <source>Size</source>
        <translation>选型</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Pick a target and press Size.</source>
        <translation>选择目标并点击“选型”。</translation>
    </message>
    <message>
        <source>Pack mass</source>
        <translation>电池包质量</translation>
    </message>
    <message>
        <source>Cell cost</source>
        <translation>电池单体成本</translation>
    </message>
    <message>
        <source>Cell</source>
        <translation>电池单体</translation>
    </message>
    <message>
        <source>Nominal</source>
        <translation>标称</translation>
    </message>
    <message>
        <source>Usable</source>
        <translation>可用</translation>
    </message>
    <message>
        <source>Cont. power</source>
        <translation>持续功率</translation>
    </message>
    <message>
        <source>Mass</source>
        <translation>质量</translation>
    </message>
    <message>
        <source>Volume</source>
        <translation>体积</translation>
    </message>
    <message>
        <source>Why</source>
        <translation>原因</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <source>Close the sizing window (Esc)</source>
        <translation>关闭选型窗口（Esc）</translation>
    </message>
    <message>
        <source>Pareto front</source>
        <translation>帕累托前沿</translation>
    </message>
    <message>
        <source>Reasons</source>
        <translation>原因</translation>
    </message>
    <message>
        <source>Rejected cells</source>
        <translation>未通过的电池单体</translation>
    </message>
    <message>
        <source>Open target file…</source>
        <translation>打开目标文件…</translation>
    </message>
    <message>
        <source>Pick a target first.</source>
        <translation>请先选择目标。</translation>
    </message>
    <message>
        <source>Cannot size: {0}</source>
        <translation>无法选型：{0}</translation>
    </message>
    <message>
        <source>The cell library is empty.</source>
        <translation>电池单体库为空。</translation>
    </message>
    <message>
        <source>Sizing {0} cells for {1}…</source>
        <translation>正在为 {1} 对 {0} 种电池单体选型…</translation>
    </message>
    <message>
        <source>Cancelling…</source>
        <translation>正在取消…</translation>
    </message>
    <message>
        <source>Sizing failed: {0}</source>
        <translation>选型失败：{0}</translation>
    </message>
    <message>
        <source>Sizing cancelled.</source>
        <translation>选型已取消。</translation>
    </message>
</context>
<context>
    <name>TargetPanel</name>
    <message>
        <source>Save as…</source>
        <translation>另存为…</translation>
    </message>
    <message>
        <source>Save the edited target as your own target and use it</source>
        <translation>将编辑后的目标另存为您自己的目标并使用</translation>
    </message>
    <message>
        <source>Revert</source>
        <translation>还原</translation>
    </message>
    <message>
        <source>Simulate duty cycle</source>
        <translation>仿真工况</translation>
    </message>
    <message>
        <source>Run the target&apos;s duty cycle through the time-domain simulation and add the result to the checks</source>
        <translation>用时域仿真运行目标工况，并将结果加入校核</translation>
    </message>
    <message>
        <source>Requirement</source>
        <translation>要求</translation>
    </message>
    <message>
        <source>Design</source>
        <translation>设计</translation>
    </message>
    <message>
        <source>Required</source>
        <translation>要求值</translation>
    </message>
    <message>
        <source>Margin</source>
        <translation>裕量</translation>
    </message>
    <message>
        <source>(no target)</source>
        <translation>（无目标）</translation>
    </message>
    <message>
        <source>Open target file…</source>
        <translation>打开目标文件…</translation>
    </message>
    <message>
        <source>Cannot load the target: {0}</source>
        <translation>无法加载目标：{0}</translation>
    </message>
    <message>
        <source>Cannot save the target: {0}</source>
        <translation>无法保存目标：{0}</translation>
    </message>
    <message>
        <source>Simulating &apos;{0}&apos;…</source>
        <translation>正在仿真“{0}”…</translation>
    </message>
    <message>
        <source>Duty cycle not simulated: {0}</source>
        <translation>工况未仿真：{0}</translation>
    </message>
    <message>
        <source>No design open.</source>
        <translation>未打开设计。</translation>
    </message>
    <message>
        <source>{0}: open a design to check it.</source>
        <translation>{0}：请打开设计以进行校核。</translation>
    </message>
    <message>
        <source>No target: pick an application to check the design against.</source>
        <translation>无目标：请选择一个应用以校核设计。</translation>
    </message>
    <message>
        <source>The edited target is not valid (see below).</source>
        <translation>编辑后的目标无效（见下方）。</translation>
    </message>
    <message>
        <source>Cannot check the design: {0}</source>
        <translation>无法校核设计：{0}</translation>
    </message>
    <message>
        <source>{0}: {1} of {2} requirements met</source>
        <translation>{0}：满足 {1}/{2} 项要求</translation>
    </message>
    <message>
        <source> ({0} not verified)</source>
        <translation>（{0} 项未验证）</translation>
    </message>
    <message>
        <source>PASS</source>
        <translation>通过</translation>
    </message>
    <message>
        <source>FAIL</source>
        <translation>不通过</translation>
    </message>
    <message>
        <source>n/v</source>
        <translation>未验证</translation>
    </message>
    <message>
        <source>Id</source>
        <translation>编号</translation>
    </message>
    <message>
        <source>lowercase letters, digits and &apos;-&apos;</source>
        <translation>小写字母、数字和 &apos;-&apos;</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <source>Application</source>
        <translation>应用</translation>
    </message>
    <message>
        <source>Description</source>
        <translation>说明</translation>
    </message>
    <message>
        <source>Source of the figures</source>
        <translation>数据来源</translation>
    </message>
    <message>
        <source>Window min</source>
        <translation>电压下限</translation>
    </message>
    <message>
        <source>Window max</source>
        <translation>电压上限</translation>
    </message>
    <message>
        <source>Nominal min</source>
        <translation>标称下限</translation>
    </message>
    <message>
        <source>optional</source>
        <translation>可选</translation>
    </message>
    <message>
        <source>Nominal max</source>
        <translation>标称上限</translation>
    </message>
    <message>
        <source>Drop-in for</source>
        <translation>替代对象</translation>
    </message>
    <message>
        <source>e.g. LFP 16S 51.2 V (optional)</source>
        <translation>如 LFP 16S 51.2 V（可选）</translation>
    </message>
    <message>
        <source>Min. energy inside window</source>
        <translation>范围内最低能量比例</translation>
    </message>
    <message>
        <source>Usable energy</source>
        <translation>可用能量</translation>
    </message>
    <message>
        <source>e.g. 5 kWh</source>
        <translation>如 5 kWh</translation>
    </message>
    <message>
        <source>Continuous power</source>
        <translation>持续功率</translation>
    </message>
    <message>
        <source>at the lowest voltage</source>
        <translation>在最低电压下</translation>
    </message>
    <message>
        <source>Peak power</source>
        <translation>峰值功率</translation>
    </message>
    <message>
        <source>Peak duration</source>
        <translation>峰值持续时间</translation>
    </message>
    <message>
        <source>Charge power</source>
        <translation>充电功率</translation>
    </message>
    <message>
        <source>Coldest ambient</source>
        <translation>最低环境温度</translation>
    </message>
    <message>
        <source>e.g. -20 degC</source>
        <translation>如 -20 degC</translation>
    </message>
    <message>
        <source>Hottest ambient</source>
        <translation>最高环境温度</translation>
    </message>
    <message>
        <source>e.g. 45 degC</source>
        <translation>如 45 degC</translation>
    </message>
    <message>
        <source>Energy at the coldest</source>
        <translation>最低温下能量</translation>
    </message>
    <message>
        <source>Power at the coldest</source>
        <translation>最低温下功率</translation>
    </message>
    <message>
        <source>Charging from</source>
        <translation>充电温度下限</translation>
    </message>
    <message>
        <source>default: max(coldest, 0 °C)</source>
        <translation>默认：max(最低温度, 0 °C)</translation>
    </message>
    <message>
        <source>Charging up to</source>
        <translation>充电温度上限</translation>
    </message>
    <message>
        <source>default: hottest ambient</source>
        <translation>默认：最高环境温度</translation>
    </message>
    <message>
        <source>Max. mass</source>
        <translation>最大质量</translation>
    </message>
    <message>
        <source>Max. length</source>
        <translation>最大长度</translation>
    </message>
    <message>
        <source>Max. width</source>
        <translation>最大宽度</translation>
    </message>
    <message>
        <source>Max. height</source>
        <translation>最大高度</translation>
    </message>
    <message>
        <source>Max. volume</source>
        <translation>最大体积</translation>
    </message>
    <message>
        <source>Overhead mass fraction</source>
        <translation>附件质量比例</translation>
    </message>
    <message>
        <source>of the cell mass</source>
        <translation>相对电池单体质量</translation>
    </message>
    <message>
        <source>Overhead volume fraction</source>
        <translation>附件体积比例</translation>
    </message>
    <message>
        <source>of the envelope</source>
        <translation>相对外形体积</translation>
    </message>
    <message>
        <source>Cycle life</source>
        <translation>循环寿命</translation>
    </message>
    <message>
        <source>cycles</source>
        <translation>次</translation>
    </message>
    <message>
        <source>Budget (cells)</source>
        <translation>预算（电池单体）</translation>
    </message>
    <message>
        <source>e.g. 4500 CNY; several: 4500 CNY, 600 EUR</source>
        <translation>如 4500 CNY；多个：4500 CNY, 600 EUR</translation>
    </message>
    <message>
        <source>Duty cycle</source>
        <translation>工况</translation>
    </message>
    <message>
        <source>a built-in profile id or a CSV path (optional)</source>
        <translation>内置工况编号或 CSV 路径（可选）</translation>
    </message>
    <message>
        <source>Target</source>
        <translation>目标</translation>
    </message>
    <message>
        <source>Voltage</source>
        <translation>电压</translation>
    </message>
    <message>
        <source>Energy</source>
        <translation>能量</translation>
    </message>
    <message>
        <source>Power</source>
        <translation>功率</translation>
    </message>
    <message>
        <source>Temperature</source>
        <translation>温度</translation>
    </message>
    <message>
        <source>Mechanical</source>
        <translation>机械</translation>
    </message>
    <message>
        <source>Life</source>
        <translation>寿命</translation>
    </message>
    <message>
        <source>Cost</source>
        <translation>成本</translation>
    </message>
</context>
</TS>
