<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name></name>
    <message>
        <source>Save the audit report (the CAP is saved beside it)</source>
        <translation>保存审核报告（CAP保存在同一文件夹）</translation>
    </message>
    <message>
        <source>Writing the report and CAP</source>
        <translation>正在生成报告和CAP</translation>
    </message>
    <message>
        <source>Report cancelled; no file was written</source>
        <translation>已取消报告，未写入任何文件</translation>
    </message>
    <message>
        <source>The report was not written</source>
        <translation>报告未能生成</translation>
    </message>
    <message>
        <source>Opening the audits…</source>
        <translation>正在打开审核…</translation>
    </message>
</context>
<context>
    <name>AboutBox</name>
    <message>
        <source>Version</source>
        <translation>版本</translation>
    </message>
    <message>
        <source>Data folder</source>
        <translation>数据文件夹</translation>
    </message>
    <message>
        <source>Log file</source>
        <translation>日志文件</translation>
    </message>
    <message>
        <source>ESCP Field Auditor</source>
        <translation>ESCP 现场审核</translation>
    </message>
    <message>
        <source>Audits for the Ethical Supply Chain Program, on site and offline.</source>
        <translation>道德供应链项目（ESCP）的现场审核工具，可离线使用。</translation>
    </message>
    <message>
        <source>About ESCP Field Auditor</source>
        <translation>关于 ESCP 现场审核</translation>
    </message>
</context>
<context>
    <name>AssignmentsPanel</name>
    <message>
        <source>Assigned factory</source>
        <translation>分配的工厂</translation>
    </message>
    <message>
        <source>Type</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>Window</source>
        <translation>时间窗口</translation>
    </message>
    <message>
        <source>Assigned to you on Connect</source>
        <translation>Connect平台上分配给您的审核</translation>
    </message>
    <message>
        <source>Download assignments</source>
        <translation>下载审核任务</translation>
    </message>
    <message>
        <source>Fetch the audits assigned to you, so they are here before going on site</source>
        <translation>下载分配给您的审核，出发去现场前就已在本机</translation>
    </message>
    <message>
        <source>Start audit</source>
        <translation>开始审核</translation>
    </message>
    <message>
        <source>Create the draft audit from this assignment</source>
        <translation>根据此任务创建审核草稿</translation>
    </message>
    <message numerus="yes">
        <source>Assigned to you on Connect (%n not started)</source>
        <translation>
            <numerusform>Connect平台上分配给您的审核（%n 个未开始）</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>AuditList</name>
    <message>
        <source>Search factory, address, Connect id…  (Ctrl+F)</source>
        <translation>搜索工厂、地址、Connect编号…（Ctrl+F）</translation>
    </message>
    <message>
        <source>Matches the factory name (English or local), address, Connect id or audit id</source>
        <translation>匹配工厂名称（英文或本地名称）、地址、Connect编号或审核编号</translation>
    </message>
    <message>
        <source>All states</source>
        <translation>全部状态</translation>
    </message>
    <message>
        <source>All types</source>
        <translation>全部类型</translation>
    </message>
    <message>
        <source>All factories</source>
        <translation>全部工厂</translation>
    </message>
    <message>
        <source>No audits yet.

Start one from a factory profile (Ctrl+N), bring in an audit someone sent you as an .escp package, or explore the demo audit first.</source>
        <translation>还没有审核。

可以根据工厂概况新建审核（Ctrl+N），导入别人发给您的 .escp 审核包，或先看看演示审核。</translation>
    </message>
    <message>
        <source>New audit…</source>
        <translation>新建审核…</translation>
    </message>
    <message>
        <source>Import a package…</source>
        <translation>导入审核包…</translation>
    </message>
    <message>
        <source>Add the demo audit</source>
        <translation>添加演示审核</translation>
    </message>
    <message>
        <source>No audit matches the search and filters.</source>
        <translation>没有符合搜索和筛选条件的审核。</translation>
    </message>
    <message>
        <source>Clear search and filters</source>
        <translation>清除搜索和筛选</translation>
    </message>
    <message numerus="yes">
        <source>{shown} of %n audit(s)</source>
        <translation>
            <numerusform>显示 {shown} 个，共 %n 个审核</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>AuditState</name>
    <message>
        <source>draft</source>
        <translation>草稿</translation>
    </message>
    <message>
        <source>finalized</source>
        <translation>已定稿</translation>
    </message>
    <message>
        <source>submitted</source>
        <translation>已提交</translation>
    </message>
    <message>
        <source>accepted</source>
        <translation>已接受</translation>
    </message>
    <message>
        <source>returned</source>
        <translation>已退回</translation>
    </message>
</context>
<context>
    <name>AuditTableModel</name>
    <message>
        <source>Factory</source>
        <translation>工厂</translation>
    </message>
    <message>
        <source>Type</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Sync</source>
        <translation>同步</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>日期</translation>
    </message>
    <message>
        <source>Open NCs</source>
        <translation>未关闭不符合项</translation>
    </message>
    <message>
        <source>Checklist</source>
        <translation>检查表</translation>
    </message>
    <message>
        <source>Rev.</source>
        <translation>版本</translation>
    </message>
    <message>
        <source>Review</source>
        <translation>审阅</translation>
    </message>
    <message>
        <source>Click for the sync panel.</source>
        <translation>点击打开同步面板。</translation>
    </message>
    <message>
        <source>Connect id {id}</source>
        <translation>Connect编号 {id}</translation>
    </message>
    <message numerus="yes">
        <source>%n comment(s), {open} not answered. Click to open the review.</source>
        <translation>
            <numerusform>%n 条意见，{open} 条未回复。点击打开审阅。</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>AuditView</name>
    <message>
        <source>The change was not saved</source>
        <translation>修改未能保存</translation>
    </message>
    <message>
        <source>{stage} (Ctrl+{key})</source>
        <translation>{stage}（Ctrl+{key}）</translation>
    </message>
    <message>
        <source>not rated</source>
        <translation>未评级</translation>
    </message>
    <message>
        <source>It failed to open: {error}</source>
        <translation>无法打开：{error}</translation>
    </message>
    <message>
        <source>◀ Audits</source>
        <translation>◀ 审核列表</translation>
    </message>
    <message>
        <source>Back to the audit list (Ctrl+L); everything is already saved</source>
        <translation>返回审核列表（Ctrl+L）；所有内容均已保存</translation>
    </message>
    <message>
        <source>Recommended status from the findings so far; ESCP&apos;s review team decides</source>
        <translation>根据目前的发现给出的建议状态；由ESCP评审组决定</translation>
    </message>
    <message>
        <source>Recommended:</source>
        <translation>建议状态：</translation>
    </message>
    <message>
        <source>Report PDF…</source>
        <translation>报告PDF…</translation>
    </message>
    <message>
        <source>Write the audit report and the CAP as PDF and open them (Ctrl+P). A draft carries a DRAFT watermark until the audit is finalized.</source>
        <translation>生成审核报告和CAP的PDF并打开（Ctrl+P）。审核定稿前，草稿带有“DRAFT”水印。</translation>
    </message>
    <message>
        <source>{done}/{total} done</source>
        <translation>已完成 {done}/{total}</translation>
    </message>
    <message>
        <source>announced</source>
        <translation>通知审核</translation>
    </message>
    <message>
        <source>unannounced</source>
        <translation>不通知审核</translation>
    </message>
    <message>
        <source> (revision {n})</source>
        <translation>（第{n}版）</translation>
    </message>
    <message>
        <source>checklist {version}</source>
        <translation>检查表 {version}</translation>
    </message>
    <message>
        <source>ESCP&apos;s review team decides the status.</source>
        <translation>状态由ESCP评审组决定。</translation>
    </message>
</context>
<context>
    <name>CallListExporter</name>
    <message>
        <source>Save the call list (a confidential working paper)</source>
        <translation>保存访谈名单（保密工作底稿）</translation>
    </message>
    <message>
        <source>PDF document (*.pdf)</source>
        <translation>PDF文件 (*.pdf)</translation>
    </message>
    <message>
        <source>Writing the call list</source>
        <translation>正在生成访谈名单</translation>
    </message>
    <message>
        <source>Could not write {name} in {folder}: {error}.</source>
        <translation>无法在{folder}中写入{name}：{error}。</translation>
    </message>
    <message>
        <source>Call list saved: {path} (%n page(s)).</source>
        <translation>联系名单已保存：{path}（共%n页）。</translation>
    </message>
    <message>
        <source>The call list was not saved</source>
        <translation>访谈名单未能保存</translation>
    </message>
</context>
<context>
    <name>CallListView</name>
    <message>
        <source>Code</source>
        <translation>编号</translation>
    </message>
    <message>
        <source>Worker id</source>
        <translation>工号</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <source>Department</source>
        <translation>部门</translation>
    </message>
    <message>
        <source>Shift</source>
        <translation>班次</translation>
    </message>
    <message>
        <source>Line</source>
        <translation>拉线</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Why drawn</source>
        <translation>抽中原因</translation>
    </message>
    <message>
        <source>{code} is marked absent.</source>
        <translation>{code} 已标记为缺勤。</translation>
    </message>
    <message>
        <source>{code} is marked as refusing.</source>
        <translation>{code} 已标记为拒绝访谈。</translation>
    </message>
    <message>
        <source>{code} is marked as not interviewed.</source>
        <translation>{code} 已标记为未访谈。</translation>
    </message>
    <message>
        <source>Absent or refused…</source>
        <translation>缺勤或拒绝…</translation>
    </message>
    <message>
        <source>Mark the selected worker and draw the next worker of the same stratum</source>
        <translation>标记所选工人，并从同一分层抽取下一名工人</translation>
    </message>
    <message>
        <source>Came after all</source>
        <translation>后来到了</translation>
    </message>
    <message>
        <source>Take back the mark; an untouched replacement form is removed</source>
        <translation>撤销标记；未填写的替补访谈表将被删除</translation>
    </message>
    <message>
        <source>Print call list (PDF)…</source>
        <translation>打印访谈名单（PDF）…</translation>
    </message>
    <message>
        <source>{code} replaces {other}</source>
        <translation>{code} 替补 {other}</translation>
    </message>
    <message>
        <source>no name given</source>
        <translation>未填姓名</translation>
    </message>
    <message>
        <source>Nobody is left in the roster to replace them: every worker is drawn already.</source>
        <translation>花名册中已无人可替补：所有工人均已被抽中。</translation>
    </message>
    <message>
        <source>{code} replaces them, drawn {match}{who}: call them next.</source>
        <translation>由 {code} 替补，抽样依据：{match}{who}；请接着访谈此人。</translation>
    </message>
    <message>
        <source>{code} is to be interviewed again.</source>
        <translation>{code} 需重新访谈。</translation>
    </message>
    <message>
        <source>Its replacement {code} was removed (nothing was recorded for it).</source>
        <translation>其替补 {code} 已删除（该替补尚无记录）。</translation>
    </message>
    <message>
        <source>Its replacement {code} stays: something was recorded for it.</source>
        <translation>其替补 {code} 保留：该替补已有记录。</translation>
    </message>
</context>
<context>
    <name>CapDetail</name>
    <message>
        <source>Selected NC</source>
        <translation>所选不符合项</translation>
    </message>
    <message>
        <source>The finding as recorded; edit it on the checklist page</source>
        <translation>记录的发现；请在检查表页面修改</translation>
    </message>
    <message>
        <source>Finding</source>
        <translation>发现</translation>
    </message>
    <message>
        <source>Name and position at the factory</source>
        <translation>工厂负责人的姓名和职务</translation>
    </message>
    <message>
        <source>From the CAP policy for this grade; change it if agreed with the factory</source>
        <translation>按此等级的CAP规定；如与工厂另有约定可修改</translation>
    </message>
    <message>
        <source>Agree</source>
        <translation>同意</translation>
    </message>
    <message>
        <source>Dispute</source>
        <translation>有异议</translation>
    </message>
    <message>
        <source>NC {cp} · {grade}: the whole CAP row</source>
        <translation>不符合项 {cp} · {grade}：整行CAP</translation>
    </message>
    <message>
        <source>(no description yet)</source>
        <translation>（尚无描述）</translation>
    </message>
</context>
<context>
    <name>CapTable</name>
    <message>
        <source>Root cause</source>
        <translation>根本原因</translation>
    </message>
    <message>
        <source>Corrective action</source>
        <translation>纠正措施</translation>
    </message>
    <message>
        <source>Preventive action</source>
        <translation>预防措施</translation>
    </message>
    <message>
        <source>Factory comment</source>
        <translation>工厂意见</translation>
    </message>
    <message>
        <source>Checkpoint</source>
        <translation>检查点</translation>
    </message>
    <message>
        <source>Grade</source>
        <translation>等级</translation>
    </message>
    <message>
        <source>Finding</source>
        <translation>发现</translation>
    </message>
    <message>
        <source>Responsible</source>
        <translation>负责人</translation>
    </message>
    <message>
        <source>Due</source>
        <translation>完成期限</translation>
    </message>
    <message>
        <source>Factory</source>
        <translation>工厂</translation>
    </message>
    <message>
        <source>From the CAP policy for this grade; change it if agreed with the factory</source>
        <translation>按此等级的CAP规定；如与工厂另有约定可修改</translation>
    </message>
    <message>
        <source>Agree</source>
        <translation>同意</translation>
    </message>
    <message>
        <source>Dispute</source>
        <translation>有异议</translation>
    </message>
</context>
<context>
    <name>ChecklistPage</name>
    <message>
        <source>Show all checkpoints, only those not answered yet, or only NCs</source>
        <translation>显示全部检查点、仅未回答的，或仅不符合项</translation>
    </message>
    <message>
        <source>Search number or words… (Ctrl+F)</source>
        <translation>搜索编号或文字…（Ctrl+F）</translation>
    </message>
    <message>
        <source>Whole checklist</source>
        <translation>完整检查表</translation>
    </message>
    <message>
        <source>This visit answers the checkpoints of the NCs carried from the previous audit. Tick to raise a new NC anywhere in the checklist.</source>
        <translation>本次访问只回答上次审核遗留不符合项的检查点。勾选后可在整个检查表中提出新的不符合项。</translation>
    </message>
    <message>
        <source>No checkpoint matches this filter.</source>
        <translation>没有符合此筛选条件的检查点。</translation>
    </message>
    <message>
        <source>&amp;Yes (Y)</source>
        <translation>是(&amp;Y)（Y）</translation>
    </message>
    <message>
        <source>Compliant</source>
        <translation>符合</translation>
    </message>
    <message>
        <source>N/&amp;A (A)</source>
        <translation>不适用(&amp;A)（A）</translation>
    </message>
    <message>
        <source>Not applicable here</source>
        <translation>此处不适用</translation>
    </message>
    <message>
        <source>&amp;NC (N)</source>
        <translation>不符合项(&amp;N)（N）</translation>
    </message>
    <message>
        <source>Non-compliance: opens the NC editor</source>
        <translation>不符合：打开不符合项编辑窗口</translation>
    </message>
    <message>
        <source>Clear (Backspace)</source>
        <translation>清除（Backspace）</translation>
    </message>
    <message>
        <source>Back to unanswered: a key pressed by mistake</source>
        <translation>恢复为未回答：用于误按的情况</translation>
    </message>
    <message>
        <source>Next unanswered (Ctrl+↓)</source>
        <translation>下一个未回答（Ctrl+↓）</translation>
    </message>
    <message>
        <source>Add NC…</source>
        <translation>添加不符合项…</translation>
    </message>
    <message>
        <source>Edit NC… (Enter)</source>
        <translation>编辑不符合项…（Enter）</translation>
    </message>
    <message>
        <source>Delete NC (Del)</source>
        <translation>删除不符合项（Del）</translation>
    </message>
    <message>
        <source>Non-compliances recorded here:</source>
        <translation>此处记录的不符合项：</translation>
    </message>
    <message numerus="yes">
        <source>{done} of {total} answered · %n NC(s)</source>
        <translation>
            <numerusform>已回答 {done}/{total} · 不符合项 %n 个</numerusform>
        </translation>
    </message>
    <message>
        <source> · finalized: read-only</source>
        <translation> · 已定稿：只读</translation>
    </message>
    <message>
        <source>Select a checkpoint on the left.</source>
        <translation>请在左侧选择一个检查点。</translation>
    </message>
    <message>
        <source>Discard the NC?</source>
        <translation>放弃不符合项？</translation>
    </message>
    <message numerus="yes">
        <source>Checkpoint {cp} has %n non-compliance(s). Answering {answer} deletes them. You can undo this right after.</source>
        <translation>
            <numerusform>检查点 {cp} 有 %n 个不符合项。回答“{answer}”会删除它们。删除后可立即撤销。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n NC(s) of {cp} deleted.</source>
        <translation>
            <numerusform>已删除 {cp} 的 %n 个不符合项。</numerusform>
        </translation>
    </message>
    <message>
        <source>{cp} has an NC: delete the NC (Delete) to clear its answer.</source>
        <translation>{cp} 有不符合项：删除该不符合项（Delete）即可清除回答。</translation>
    </message>
    <message>
        <source>Answer of {cp} cleared.</source>
        <translation>已清除 {cp} 的回答。</translation>
    </message>
    <message>
        <source>Delete this NC?</source>
        <translation>删除此不符合项？</translation>
    </message>
    <message>
        <source>Delete the non-compliance on checkpoint {cp}? Its CAP row goes with it. You can undo this right after.</source>
        <translation>删除检查点 {cp} 的不符合项？其CAP行也会一并删除。删除后可立即撤销。</translation>
    </message>
    <message>
        <source>NC on {cp} deleted.</source>
        <translation>已删除 {cp} 的不符合项。</translation>
    </message>
    <message>
        <source> in {area}</source>
        <translation>（{area}）</translation>
    </message>
    <message>
        <source> (showing checkpoints tagged &apos;{tag}&apos;)</source>
        <translation>（显示标记为“{tag}”的检查点）</translation>
    </message>
    <message>
        <source>Raising an NC{where}{shown}: choose the checkpoint and press N. &lt;a href=&apos;#&apos;&gt;Cancel&lt;/a&gt;</source>
        <translation>正在提出不符合项{where}{shown}：选择检查点后按 N。&lt;a href=&apos;#&apos;&gt;取消&lt;/a&gt;</translation>
    </message>
</context>
<context>
    <name>CheckpointTree</name>
    <message>
        <source>Yes</source>
        <translation>是</translation>
    </message>
    <message>
        <source>N/A</source>
        <translation>不适用</translation>
    </message>
    <message>
        <source>NC</source>
        <translation>不符合项</translation>
    </message>
    <message>
        <source>All checkpoints</source>
        <translation>全部检查点</translation>
    </message>
    <message>
        <source>Unanswered</source>
        <translation>未回答</translation>
    </message>
    <message>
        <source>NCs only</source>
        <translation>仅不符合项</translation>
    </message>
    <message>
        <source>Guidance</source>
        <translation>指引</translation>
    </message>
    <message>
        <source>Typical evidence</source>
        <translation>常见证据</translation>
    </message>
    <message>
        <source>If NC:</source>
        <translation>如不符合：</translation>
    </message>
    <message>
        <source>Documents</source>
        <translation>文件</translation>
    </message>
    <message>
        <source>Tour</source>
        <translation>巡查</translation>
    </message>
    <message>
        <source>Interviews</source>
        <translation>访谈</translation>
    </message>
    <message>
        <source>Section {id} {title} · answered mostly during: {stage}</source>
        <translation>第{id}部分 {title} · 主要在此环节回答：{stage}</translation>
    </message>
    <message>
        <source>Checkpoint</source>
        <translation>检查点</translation>
    </message>
    <message>
        <source>Answer</source>
        <translation>回答</translation>
    </message>
</context>
<context>
    <name>ClosingPage</name>
    <message>
        <source>Factory manager</source>
        <translation>工厂经理</translation>
    </message>
    <message>
        <source>Auditor</source>
        <translation>审核员</translation>
    </message>
    <message>
        <source>Factory manager signs the CAP</source>
        <translation>工厂经理签署CAP</translation>
    </message>
    <message>
        <source>Auditor signs the CAP</source>
        <translation>审核员签署CAP</translation>
    </message>
    <message>
        <source>Recommended status (ESCP&apos;s review team decides)</source>
        <translation>建议状态（由ESCP评审组决定）</translation>
    </message>
    <message>
        <source>Reasons</source>
        <translation>理由</translation>
    </message>
    <message>
        <source>Show or hide the reasons for the recommended status</source>
        <translation>显示或隐藏建议状态的理由</translation>
    </message>
    <message>
        <source>No non-compliances: the CAP is empty. NCs raised on the checklist appear here.</source>
        <translation>没有不符合项：CAP为空。在检查表中提出的不符合项会显示在这里。</translation>
    </message>
    <message>
        <source>The CAP is signed: what is shown is what was signed.</source>
        <translation>CAP已签署：此处显示的即为所签内容。</translation>
    </message>
    <message>
        <source>Edit the signed CAP…</source>
        <translation>修改已签署的CAP…</translation>
    </message>
    <message>
        <source>Editing clears both signatures: both sign again afterwards</source>
        <translation>修改会清除双方签名：修改后双方需重新签署</translation>
    </message>
    <message>
        <source>Finalize and seal…</source>
        <translation>定稿并封存…</translation>
    </message>
    <message>
        <source>Freeze the audit: its findings, CAP, evidence hashes and signatures are sealed</source>
        <translation>冻结审核：封存其发现、CAP、证据哈希值和签名</translation>
    </message>
    <message>
        <source>Start new revision…</source>
        <translation>开始新版本…</translation>
    </message>
    <message>
        <source>A corrected copy as a new draft that supersedes this sealed audit</source>
        <translation>以新草稿形式建立更正版本，取代此已封存的审核</translation>
    </message>
    <message>
        <source>&amp;CAP</source>
        <translation>CAP(&amp;C)</translation>
    </message>
    <message>
        <source>Meeting &amp;record</source>
        <translation>会议记录(&amp;R)</translation>
    </message>
    <message>
        <source>Si&amp;gnatures</source>
        <translation>签名(&amp;G)</translation>
    </message>
    <message>
        <source>Cannot rate: {error}</source>
        <translation>无法评级：{error}</translation>
    </message>
    <message>
        <source>Signed {time}</source>
        <translation>签署于 {time}</translation>
    </message>
    <message>
        <source>Not signed yet</source>
        <translation>尚未签署</translation>
    </message>
    <message>
        <source> on {time}</source>
        <translation>于 {time}</translation>
    </message>
    <message>
        <source>not signed with a device key (sealed by an earlier version)</source>
        <translation>未使用设备密钥签名（由旧版本封存）</translation>
    </message>
    <message>
        <source>&lt;b&gt;Finalized{sealed}&lt;/b&gt; (revision {revision}, {state}).&lt;br&gt;Seal (SHA-256): &lt;code&gt;{seal}&lt;/code&gt;&lt;br&gt;The seal is {signer}.&lt;br&gt;Edits are refused; start a new revision to correct it.</source>
        <translation>&lt;b&gt;已定稿{sealed}&lt;/b&gt;（第{revision}版，{state}）。&lt;br&gt;封存值（SHA-256）：&lt;code&gt;{seal}&lt;/code&gt;&lt;br&gt;封存签名：{signer}。&lt;br&gt;不能再修改；如需更正请开始新版本。</translation>
    </message>
    <message>
        <source>CAP signed by the {who}</source>
        <translation>CAP已由{who}签署</translation>
    </message>
    <message>
        <source>, </source>
        <translation>、</translation>
    </message>
    <message>
        <source>; </source>
        <translation>；</translation>
    </message>
    <message>
        <source>not signed yet by the {who} (tab Signatures)</source>
        <translation>{who}尚未签署（见“签名”标签页）</translation>
    </message>
    <message>
        <source> and the </source>
        <translation>和</translation>
    </message>
    <message>
        <source>Edit the signed CAP?</source>
        <translation>修改已签署的CAP？</translation>
    </message>
    <message>
        <source>Both the factory manager and the auditor signed this CAP as it is. Editing it clears both signatures; they sign the corrected CAP again.

Clear the signatures and edit?</source>
        <translation>工厂经理和审核员已就此CAP的当前内容签署。修改会清除双方签名，双方需就修改后的CAP重新签署。

清除签名并修改吗？</translation>
    </message>
    <message>
        <source>CAP of NC {checkpoint}, {field}</source>
        <translation>不符合项{checkpoint}的纠正措施计划（CAP）：{field}</translation>
    </message>
    <message>
        <source>{role}&apos;s name for the CAP</source>
        <translation>CAP上{role}的姓名</translation>
    </message>
    <message>
        <source>Not signed yet (name recovered from before the app stopped)</source>
        <translation>尚未签署（已恢复程序停止前输入的姓名）</translation>
    </message>
    <message>
        <source>Clear the signature?</source>
        <translation>清除签名？</translation>
    </message>
    <message>
        <source>Remove the stored signature of the {role}? They will have to sign again.</source>
        <translation>删除已保存的{role}签名？对方需要重新签署。</translation>
    </message>
    <message>
        <source>The audit was not checked</source>
        <translation>审核未能检查</translation>
    </message>
    <message>
        <source>Finalize the audit?</source>
        <translation>定稿此审核？</translation>
    </message>
    <message>
        <source>Finalizing seals the audit: findings, CAP, evidence hashes and signatures can no longer be changed. A correction will need a new revision.

Finalize now?</source>
        <translation>定稿会封存审核：发现、CAP、证据哈希值和签名将不能再修改。如需更正，须建立新版本。

现在定稿吗？</translation>
    </message>
    <message>
        <source>Start a new revision?</source>
        <translation>开始新版本？</translation>
    </message>
    <message>
        <source>This sealed audit stays as it is. A new draft revision is made from it, which supersedes it once finalized; the CAP must be signed again.</source>
        <translation>此已封存的审核保持不变。将据此建立新的草稿版本，定稿后取代原版本；CAP须重新签署。</translation>
    </message>
</context>
<context>
    <name>ClosingRecord</name>
    <message>
        <source>Agrees with all findings</source>
        <translation>同意全部发现</translation>
    </message>
    <message>
        <source>Agrees with some</source>
        <translation>同意部分发现</translation>
    </message>
    <message>
        <source>Disputes the findings</source>
        <translation>对发现有异议</translation>
    </message>
    <message>
        <source>Held at</source>
        <translation>召开时间</translation>
    </message>
    <message>
        <source>In the factory&apos;s time; the CAP&apos;s deadlines count from this day</source>
        <translation>按工厂当地时间；CAP完成期限从这一天起算</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>职务</translation>
    </message>
    <message>
        <source>Side</source>
        <translation>所属方</translation>
    </message>
    <message>
        <source>Same as the opening meeting</source>
        <translation>与首次会议相同</translation>
    </message>
    <message>
        <source>Copy the opening meeting&apos;s attendees, then correct them</source>
        <translation>复制首次会议的参会人员，再作修改</translation>
    </message>
    <message>
        <source>Add attendee</source>
        <translation>添加参会人员</translation>
    </message>
    <message>
        <source>Attendees</source>
        <translation>参会人员</translation>
    </message>
    <message>
        <source>What was presented and explained: the findings, the CAP process, 20 working days for the final CAP, the next audit…</source>
        <translation>介绍和说明的内容：发现、CAP流程、20个工作日内提交最终CAP、下次审核…</translation>
    </message>
    <message>
        <source>Explained</source>
        <translation>已说明内容</translation>
    </message>
    <message>
        <source>Factory&apos;s position</source>
        <translation>工厂的立场</translation>
    </message>
    <message>
        <source>What the factory disagrees with, in its words (also in the CAP&apos;s factory comments)</source>
        <translation>工厂不同意的内容，按工厂原话记录（也写入CAP的工厂意见）</translation>
    </message>
    <message>
        <source>Disagreements</source>
        <translation>异议</translation>
    </message>
    <message>
        <source>To whom (e.g. ESCP program office, by e-mail)</source>
        <translation>通知对象（如：ESCP项目办公室，电子邮件）</translation>
    </message>
    <message>
        <source>Sent at</source>
        <translation>发送时间</translation>
    </message>
    <message>
        <source>Zero Tolerance notice</source>
        <translation>零容忍通知</translation>
    </message>
</context>
<context>
    <name>CommentsPanel</name>
    <message>
        <source>{label} (no longer in this revision)</source>
        <translation>{label}（本版本中已不存在）</translation>
    </message>
    <message>
        <source> (on revision {n})</source>
        <translation>（针对第{n}版）</translation>
    </message>
    <message>
        <source>{author}, {at}{revision}:</source>
        <translation>{author}，{at}{revision}：</translation>
    </message>
    <message>
        <source>(not answered)</source>
        <translation>（未回复）</translation>
    </message>
    <message>
        <source>↳ {author}, {at}: {text}</source>
        <translation>↳ {author}，{at}：{text}</translation>
    </message>
</context>
<context>
    <name>ConnectActions</name>
    <message>
        <source>&amp;Connect…</source>
        <translation>Connect平台(&amp;C)…</translation>
    </message>
    <message>
        <source>The Connect platform: sign in, who is signed in, sign out</source>
        <translation>Connect平台：登录、当前登录用户、退出登录</translation>
    </message>
    <message>
        <source>&amp;Sync now</source>
        <translation>立即同步(&amp;S)</translation>
    </message>
    <message>
        <source>Send finalized audits and Zero Tolerance alerts to Connect</source>
        <translation>将已定稿的审核和零容忍警报发送到Connect平台</translation>
    </message>
    <message>
        <source>Sync &amp;panel</source>
        <translation>同步面板(&amp;P)</translation>
    </message>
    <message>
        <source>What waits to be sent, what was sent, and the platform&apos;s answers</source>
        <translation>待发送的内容、已发送的内容及平台的回复</translation>
    </message>
    <message>
        <source>&amp;Download assignments</source>
        <translation>下载审核任务(&amp;D)</translation>
    </message>
    <message>
        <source>Fetch the audits assigned to you on Connect</source>
        <translation>下载Connect平台上分配给您的审核</translation>
    </message>
    <message>
        <source>&amp;Settings</source>
        <translation>设置(&amp;S)</translation>
    </message>
    <message>
        <source>&amp;Connect</source>
        <translation>Connect平台(&amp;C)</translation>
    </message>
    <message>
        <source>Sign in to Connect first (Settings &gt; Connect).</source>
        <translation>请先登录Connect平台（设置 &gt; Connect平台）。</translation>
    </message>
    <message>
        <source>Downloading assignments</source>
        <translation>正在下载审核任务</translation>
    </message>
    <message>
        <source>The assignments were not downloaded</source>
        <translation>审核任务未能下载</translation>
    </message>
    <message numerus="yes">
        <source>Downloaded %n assignment(s); they are kept on this laptop.</source>
        <translation>
            <numerusform>已下载%n项审核任务，保存在本机。</numerusform>
        </translation>
    </message>
    <message>
        <source>New audit from a Connect assignment</source>
        <translation>根据Connect平台任务新建审核</translation>
    </message>
    <message>
        <source>The audit was not created</source>
        <translation>审核未能创建</translation>
    </message>
</context>
<context>
    <name>ConnectDialog</name>
    <message>
        <source>{name} ({login}, {role}, {firm})</source>
        <translation>{name}（{login}，{role}，{firm}）</translation>
    </message>
    <message>
        <source>{name} ({login}, {role})</source>
        <translation>{name}（{login}，{role}）</translation>
    </message>
    <message>
        <source>Connect</source>
        <translation>Connect平台</translation>
    </message>
    <message>
        <source>Connect sends finalized audits and Zero Tolerance alerts to the ESCP platform, and brings the audits assigned to you onto this laptop. Your platform administrator gives you its address and a one-time enrolment token.</source>
        <translation>Connect平台接收已定稿的审核和零容忍警报，并把分配给您的审核下载到本机。平台管理员会提供平台地址和一次性注册令牌。</translation>
    </message>
    <message>
        <source>https://connect.example.org</source>
        <translation>https://connect.example.org</translation>
    </message>
    <message>
        <source>the one-time enrolment token</source>
        <translation>一次性注册令牌</translation>
    </message>
    <message>
        <source>Sign in</source>
        <translation>登录</translation>
    </message>
    <message>
        <source>Platform address</source>
        <translation>平台地址</translation>
    </message>
    <message>
        <source>Enrolment token</source>
        <translation>注册令牌</translation>
    </message>
    <message>
        <source>Reading the sign-in…</source>
        <translation>正在读取登录信息…</translation>
    </message>
    <message>
        <source>Sign out</source>
        <translation>退出登录</translation>
    </message>
    <message>
        <source>Forget the session on this laptop; what waits to be sent stays</source>
        <translation>清除本机的登录会话；待发送的内容保留</translation>
    </message>
    <message>
        <source>This laptop is not signed in to a platform.</source>
        <translation>本机尚未登录任何平台。</translation>
    </message>
    <message>
        <source>Signed in to {url} as {who}.</source>
        <translation>已以 {who} 身份登录 {url}。</translation>
    </message>
    <message>
        <source>Platform key fingerprint: {key}. Every receipt is checked against this key.</source>
        <translation>平台密钥指纹：{key}。每份回执都以此密钥核验。</translation>
    </message>
    <message>
        <source>Enter the platform&apos;s address and your enrolment token.</source>
        <translation>请输入平台地址和您的注册令牌。</translation>
    </message>
    <message>
        <source>Signing in to {url}…</source>
        <translation>正在登录{url}…</translation>
    </message>
    <message>
        <source>Signing in to Connect</source>
        <translation>正在登录Connect平台</translation>
    </message>
    <message>
        <source>Signing out</source>
        <translation>正在退出登录</translation>
    </message>
</context>
<context>
    <name>Country</name>
    <message>
        <source>China</source>
        <translation>中国</translation>
    </message>
    <message>
        <source>Vietnam</source>
        <translation>越南</translation>
    </message>
    <message>
        <source>Indonesia</source>
        <translation>印度尼西亚</translation>
    </message>
    <message>
        <source>India</source>
        <translation>印度</translation>
    </message>
    <message>
        <source>Thailand</source>
        <translation>泰国</translation>
    </message>
    <message>
        <source>Malaysia</source>
        <translation>马来西亚</translation>
    </message>
    <message>
        <source>Cambodia</source>
        <translation>柬埔寨</translation>
    </message>
    <message>
        <source>Bangladesh</source>
        <translation>孟加拉国</translation>
    </message>
    <message>
        <source>Philippines</source>
        <translation>菲律宾</translation>
    </message>
    <message>
        <source>Mexico</source>
        <translation>墨西哥</translation>
    </message>
    <message>
        <source>Brazil</source>
        <translation>巴西</translation>
    </message>
    <message>
        <source>Türkiye</source>
        <translation>土耳其</translation>
    </message>
    <message>
        <source>Sri Lanka</source>
        <translation>斯里兰卡</translation>
    </message>
    <message>
        <source>United States</source>
        <translation>美国</translation>
    </message>
</context>
<context>
    <name>DecisionDialog</name>
    <message>
        <source>A word with the decision (it travels with it)</source>
        <translation>对此决定的说明（随决定一并发送）</translation>
    </message>
    <message>
        <source>Say in a few words why.</source>
        <translation>请简要说明原因。</translation>
    </message>
</context>
<context>
    <name>DiffPane</name>
    <message>
        <source>What</source>
        <translation>内容</translation>
    </message>
    <message>
        <source>Revision {n} (returned)</source>
        <translation>第{n}版（已退回）</translation>
    </message>
    <message>
        <source>Revision {n} (resubmitted)</source>
        <translation>第{n}版（已重新提交）</translation>
    </message>
    <message>
        <source>Finding {checkpoint}</source>
        <translation>不符合项 {checkpoint}</translation>
    </message>
    <message>
        <source>(not there)</source>
        <translation>（无）</translation>
    </message>
    <message>
        <source>(removed)</source>
        <translation>（已删除）</translation>
    </message>
    <message>
        <source>CAP row of finding {checkpoint}</source>
        <translation>不符合项 {checkpoint} 的纠正措施计划（CAP）条目</translation>
    </message>
    <message>
        <source>(present)</source>
        <translation>（有）</translation>
    </message>
    <message>
        <source>(added)</source>
        <translation>（已新增）</translation>
    </message>
    <message>
        <source>Photo {name}</source>
        <translation>照片 {name}</translation>
    </message>
    <message>
        <source>evidence of {findings}</source>
        <translation>作为 {findings} 的证据</translation>
    </message>
    <message>
        <source>Answer to {checkpoint}</source>
        <translation>检查点 {checkpoint} 的回答</translation>
    </message>
    <message>
        <source>Nothing changed in findings, CAP rows, photos or answers.</source>
        <translation>不符合项、纠正措施计划（CAP）条目、照片和回答均无变化。</translation>
    </message>
    <message numerus="yes">
        <source>%n change(s) from revision {old} to revision {new}</source>
        <translation>
            <numerusform>从第{old}版到第{new}版共 %n 处变化</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>DocumentsPage</name>
    <message>
        <source>Latest period</source>
        <translation>最近周期</translation>
    </message>
    <message>
        <source>Low season</source>
        <translation>淡季</translation>
    </message>
    <message>
        <source>Peak season</source>
        <translation>旺季</translation>
    </message>
    <message>
        <source>Document</source>
        <translation>文件</translation>
    </message>
    <message>
        <source>Area</source>
        <translation>类别</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Periods sampled</source>
        <translation>抽查周期</translation>
    </message>
    <message>
        <source>The checklist edition of this audit names no documents to request.</source>
        <translation>此审核所用的检查表版本没有列出需索取的文件。</translation>
    </message>
    <message>
        <source>12 months of time and pay records, including the latest period, the low and the peak season; cross-check output against capacity.</source>
        <translation>12个月的考勤和工资记录，包括最近周期、淡季和旺季；将产量与产能交叉核对。</translation>
    </message>
    <message>
        <source>&amp;Received</source>
        <translation>已收到(&amp;R)</translation>
    </message>
    <message>
        <source>Seen and consistent (Alt+R)</source>
        <translation>已查看且一致（Alt+R）</translation>
    </message>
    <message>
        <source>&amp;Missing</source>
        <translation>未提供(&amp;M)</translation>
    </message>
    <message>
        <source>Not provided (Alt+M)</source>
        <translation>工厂未提供（Alt+M）</translation>
    </message>
    <message>
        <source>&amp;Inconsistent</source>
        <translation>不一致(&amp;I)</translation>
    </message>
    <message>
        <source>Records contradict each other, worker testimony, gate or production records (Alt+I)</source>
        <translation>记录之间、与工人陈述、门卫记录或生产记录相互矛盾（Alt+I）</translation>
    </message>
    <message>
        <source>{period}, e.g. 2026-10</source>
        <translation>{period}，如 2026-10</translation>
    </message>
    <message>
        <source>{period}: the pay period you sampled</source>
        <translation>{period}：您抽查的工资周期</translation>
    </message>
    <message>
        <source>Periods</source>
        <translation>周期</translation>
    </message>
    <message>
        <source>What you found: e.g. two sets of time cards; Sunday work missing from the payroll</source>
        <translation>发现的情况：如两套考勤卡；工资表中没有周日工作</translation>
    </message>
    <message>
        <source>Notes</source>
        <translation>备注</translation>
    </message>
    <message>
        <source>Raise a record-inconsistency NC</source>
        <translation>提出记录不一致的不符合项</translation>
    </message>
    <message>
        <source>Record inconsistency is graded Critical (lower where the factory was transparent); opens the checklist with this document attached</source>
        <translation>记录不一致评为严重（工厂保持透明时等级较低）；打开检查表并附上此文件</translation>
    </message>
    <message>
        <source>{done} of {total} reviewed · {received} received · {missing} missing · {inconsistent} inconsistent</source>
        <translation>已审查 {done}/{total} · 已收到 {received} · 未提供 {missing} · 不一致 {inconsistent}</translation>
    </message>
</context>
<context>
    <name>DocumentsTabs</name>
    <message>
        <source>Requested documents</source>
        <translation>索取的文件</translation>
    </message>
    <message>
        <source>Hours and wages</source>
        <translation>工时和工资</translation>
    </message>
    <message>
        <source>Previous CAP (%1 of %2 verified)</source>
        <translation>上次CAP（已验证 %1/%2）</translation>
    </message>
</context>
<context>
    <name>EvidencePage</name>
    <message>
        <source>Import photos… (Ctrl+I)</source>
        <translation>导入照片…（Ctrl+I）</translation>
    </message>
    <message>
        <source>Import camera card folder…</source>
        <translation>导入存储卡文件夹…</translation>
    </message>
    <message>
        <source>Every photo under the folder (e.g. the card&apos;s DCIM); duplicates are skipped</source>
        <translation>导入该文件夹下的所有照片（如存储卡的DCIM文件夹）；跳过重复照片</translation>
    </message>
    <message>
        <source>Paste (Ctrl+V)</source>
        <translation>粘贴（Ctrl+V）</translation>
    </message>
    <message>
        <source>Import the image or files on the clipboard</source>
        <translation>导入剪贴板上的图片或文件</translation>
    </message>
    <message>
        <source>Webcam…</source>
        <translation>摄像头…</translation>
    </message>
    <message>
        <source>View (Enter)</source>
        <translation>查看（Enter）</translation>
    </message>
    <message>
        <source>Remove (Del)</source>
        <translation>删除（Del）</translation>
    </message>
    <message>
        <source>No photos yet.

Import them with Ctrl+I, drop files or a camera-card folder here, or paste a screenshot with Ctrl+V.</source>
        <translation>还没有照片。

可按 Ctrl+I 导入，把文件或存储卡文件夹拖到这里，或按 Ctrl+V 粘贴截图。</translation>
    </message>
    <message>
        <source>Select a photo.</source>
        <translation>请选择一张照片。</translation>
    </message>
    <message>
        <source>What the photo shows (appears in the report)</source>
        <translation>照片内容说明（会出现在报告中）</translation>
    </message>
    <message>
        <source>Caption</source>
        <translation>说明</translation>
    </message>
    <message>
        <source>Evidence for NCs:</source>
        <translation>作为以下不符合项的证据：</translation>
    </message>
    <message>
        <source>Taken in tour areas:</source>
        <translation>拍摄于以下巡查区域：</translation>
    </message>
    <message>
        <source>A page of these documents:</source>
        <translation>属于以下文件的一页：</translation>
    </message>
    <message>
        <source>⚠ DAMAGED — {name}</source>
        <translation>⚠ 已损坏 — {name}</translation>
    </message>
    <message numerus="yes">
        <source>Checking photos (%n to go)</source>
        <translation>
            <numerusform>正在检查照片（还剩 %n 张）</numerusform>
        </translation>
    </message>
    <message>
        <source>(no description)</source>
        <translation>（无描述）</translation>
    </message>
    <message>
        <source>None recorded yet.</source>
        <translation>尚无记录。</translation>
    </message>
    <message>
        <source>Remove this photo?</source>
        <translation>删除此照片？</translation>
    </message>
    <message>
        <source>Remove {name} from the audit&apos;s evidence? Its links to NCs and areas stay for if you undo. You can undo this right after.</source>
        <translation>从审核证据中移除{name}？它与不符合项和区域的关联会保留，以便撤销。移除后可立即撤销。</translation>
    </message>
    <message>
        <source>{name} removed.</source>
        <translation>已删除 {name}。</translation>
    </message>
    <message>
        <source>Import photos</source>
        <translation>导入照片</translation>
    </message>
    <message>
        <source>Import every photo under a folder (camera card)</source>
        <translation>导入文件夹（存储卡）下的所有照片</translation>
    </message>
    <message>
        <source>Importing photos</source>
        <translation>正在导入照片</translation>
    </message>
    <message>
        <source>Importing photos cancelled</source>
        <translation>已取消导入照片</translation>
    </message>
    <message>
        <source>The clipboard holds no image or photo file to paste.</source>
        <translation>剪贴板上没有可粘贴的图片或照片文件。</translation>
    </message>
    <message>
        <source>Pasting image</source>
        <translation>正在粘贴图片</translation>
    </message>
</context>
<context>
    <name>FlaggedWorkersView</name>
    <message>
        <source>Below the minimum working age: child labour</source>
        <translation>低于最低就业年龄：童工</translation>
    </message>
    <message>
        <source>Young workers (under 18, of working age)</source>
        <translation>未成年工（已达就业年龄、未满18周岁）</translation>
    </message>
    <message>
        <source>Hired under the minimum age inside the review period</source>
        <translation>审查期内入职时未达最低就业年龄</translation>
    </message>
    <message>
        <source>Worker</source>
        <translation>工人</translation>
    </message>
    <message>
        <source>Interview</source>
        <translation>访谈</translation>
    </message>
    <message>
        <source>Age</source>
        <translation>年龄</translation>
    </message>
    <message>
        <source>What the roster shows</source>
        <translation>花名册显示的情况</translation>
    </message>
    <message>
        <source>Raise NC for this worker…</source>
        <translation>为此工人提出不符合项…</translation>
    </message>
    <message>
        <source>not drawn: check documents</source>
        <translation>未被抽中：请核查文件</translation>
    </message>
    <message>
        <source>Import the roster: underage and young workers are listed here, all of them.</source>
        <translation>请导入花名册：所有童工和未成年工都会列在这里。</translation>
    </message>
    <message>
        <source>Import the roster to see who these workers are (names stay on this laptop).</source>
        <translation>导入花名册即可看到这些工人是谁（姓名只保存在本机）。</translation>
    </message>
    <message>
        <source>worker {code}</source>
        <translation>工人 {code}</translation>
    </message>
    <message>
        <source>a worker in the roster (not drawn)</source>
        <translation>花名册中的一名工人（未被抽中）</translation>
    </message>
</context>
<context>
    <name>GapReason</name>
    <message>
        <source>Not available</source>
        <translation>无法提供</translation>
    </message>
    <message>
        <source>Worker absent</source>
        <translation>工人缺勤</translation>
    </message>
    <message>
        <source>Refused</source>
        <translation>拒绝</translation>
    </message>
    <message>
        <source>Not applicable</source>
        <translation>不适用</translation>
    </message>
    <message>
        <source>Other</source>
        <translation>其他</translation>
    </message>
    <message>
        <source>not available</source>
        <translation>无法提供</translation>
    </message>
    <message>
        <source>absent</source>
        <translation>缺勤</translation>
    </message>
    <message>
        <source>refused</source>
        <translation>拒绝</translation>
    </message>
    <message>
        <source>not applicable</source>
        <translation>不适用</translation>
    </message>
    <message>
        <source>not interviewed</source>
        <translation>未访谈</translation>
    </message>
</context>
<context>
    <name>GapsDialog</name>
    <message>
        <source>Before the audit can be finalized</source>
        <translation>审核定稿前</translation>
    </message>
    <message>
        <source>Checking…</source>
        <translation>正在检查…</translation>
    </message>
    <message>
        <source>Why (printed in the report; needed for “Other”)</source>
        <translation>原因（打印在报告中；选择“其他”时必填）</translation>
    </message>
    <message>
        <source>Close ticked gaps with this reason</source>
        <translation>以此原因关闭勾选的缺项</translation>
    </message>
    <message>
        <source>Go to this stage</source>
        <translation>转到此环节</translation>
    </message>
    <message>
        <source>Complete the selected gap on its page instead</source>
        <translation>改为在所属页面补全所选缺项</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>原因</translation>
    </message>
    <message>
        <source>Open again</source>
        <translation>重新打开</translation>
    </message>
    <message>
        <source>Finalize and seal…</source>
        <translation>定稿并封存…</translation>
    </message>
    <message>
        <source>Closed with a reason (the report prints these):</source>
        <translation>已说明原因关闭（报告中会打印）：</translation>
    </message>
    <message>
        <source>{stage} ({count})</source>
        <translation>{stage}（{count}）</translation>
    </message>
    <message>
        <source>{gap}   (has to be done)</source>
        <translation>{gap}   （必须完成）</translation>
    </message>
    <message>
        <source>{gap} — {reason}</source>
        <translation>{gap} — {reason}</translation>
    </message>
    <message>
        <source>{line}: {note}</source>
        <translation>{line}：{note}</translation>
    </message>
    <message numerus="yes">
        <source>{answered} of %n checkpoint(s) answered.</source>
        <translation>
            <numerusform>%n个检查点中已回答{answered}个。</numerusform>
        </translation>
    </message>
    <message>
        <source>Nothing is left open: the audit can be finalized.</source>
        <translation>没有未完成的缺项：审核可以定稿。</translation>
    </message>
    <message numerus="yes">
        <source>%n gap(s) are open. Complete each one on its page, or tick it and close it with a reason.</source>
        <translation>
            <numerusform>有%n个缺项未完成。请在所属页面逐一补全，或勾选并说明原因后关闭。</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>HistoryPane</name>
    <message>
        <source>Only the changes after the factory signed</source>
        <translation>只显示工厂签字后的修改</translation>
    </message>
    <message>
        <source>When (UTC)</source>
        <translation>时间（UTC）</translation>
    </message>
    <message>
        <source>Who</source>
        <translation>修改人</translation>
    </message>
    <message>
        <source>What</source>
        <translation>内容</translation>
    </message>
    <message>
        <source>Fields changed</source>
        <translation>修改的字段</translation>
    </message>
    <message numerus="yes">
        <source>%n change(s) made after the factory signed the CAP</source>
        <translation>
            <numerusform>工厂签署纠正措施计划（CAP）后有 %n 处修改</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n of them to what it signed</source>
        <translation>
            <numerusform>其中 %n 处涉及已签署的内容</numerusform>
        </translation>
    </message>
    <message>
        <source>The factory manager signed the CAP at {at} UTC.</source>
        <translation>工厂经理于 {at} UTC 签署了纠正措施计划（CAP）。</translation>
    </message>
    <message>
        <source>The factory has not signed the CAP in this revision.</source>
        <translation>本版本中工厂尚未签署纠正措施计划（CAP）。</translation>
    </message>
    <message numerus="yes">
        <source>This revision started as a copy of the one before (%n row(s), not listed).</source>
        <translation>
            <numerusform>本版本由上一版本复制而来（%n 行，未列出）。</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>HoursCharts</name>
    <message>
        <source>Compute the hours to see this chart.</source>
        <translation>计算工时后即可看到此图。</translation>
    </message>
    <message>
        <source>Hours per week across the sample</source>
        <translation>样本每周工时</translation>
    </message>
    <message>
        <source>median</source>
        <translation>中位数</translation>
    </message>
    <message>
        <source>90th percentile</source>
        <translation>第90百分位</translation>
    </message>
    <message>
        <source>longest</source>
        <translation>最长</translation>
    </message>
    <message>
        <source>Overtime per month</source>
        <translation>每月加班</translation>
    </message>
    <message>
        <source>most</source>
        <translation>最多</translation>
    </message>
    <message>
        <source>over the limit</source>
        <translation>超出上限</translation>
    </message>
</context>
<context>
    <name>HoursInputs</name>
    <message>
        <source>Attendance or payroll (*.csv *.txt *.xlsx);;All files (*)</source>
        <translation>考勤或工资表 (*.csv *.txt *.xlsx);;所有文件 (*)</translation>
    </message>
    <message>
        <source>Standard (no approval)</source>
        <translation>标准工时制（无需审批）</translation>
    </message>
    <message>
        <source>Comprehensive (综合计算工时制)</source>
        <translation>综合计算工时工作制</translation>
    </message>
    <message>
        <source>Flexible (不定时工作制)</source>
        <translation>不定时工作制</translation>
    </message>
    <message>
        <source>per week</source>
        <translation>以周为周期</translation>
    </message>
    <message>
        <source>per month</source>
        <translation>以月为周期</translation>
    </message>
    <message>
        <source>per quarter</source>
        <translation>以季度为周期</translation>
    </message>
    <message>
        <source>per year</source>
        <translation>以年为周期</translation>
    </message>
    <message>
        <source>attendance</source>
        <translation>考勤</translation>
    </message>
    <message>
        <source>payroll</source>
        <translation>工资表</translation>
    </message>
    <message>
        <source>Attendance file…</source>
        <translation>考勤文件…</translation>
    </message>
    <message>
        <source>Payroll file…</source>
        <translation>工资表文件…</translation>
    </message>
    <message>
        <source>Choose the {kind} export the factory handed over (CSV or XLSX, English or Chinese headers). It is read, not copied into the audit: only its name and SHA-256 are kept.</source>
        <translation>选择工厂提供的{kind}导出文件（CSV或XLSX，英文或中文表头）。文件只读取、不复制到审核中：只保存文件名和SHA-256。</translation>
    </message>
    <message>
        <source>no file chosen</source>
        <translation>未选择文件</translation>
    </message>
    <message>
        <source>The city whose minimum wage applies (the factory&apos;s address)</source>
        <translation>适用其最低工资标准的城市（工厂地址）</translation>
    </message>
    <message>
        <source>YYYY-MM</source>
        <translation>年-月</translation>
    </message>
    <message>
        <source>Leave empty for the months the attendance file covers</source>
        <translation>留空则为考勤文件涵盖的月份</translation>
    </message>
    <message>
        <source>approval number</source>
        <translation>审批文号</translation>
    </message>
    <message>
        <source>YYYY-MM-DD</source>
        <translation>年-月-日</translation>
    </message>
    <message>
        <source>per {cycle}</source>
        <translation>每{cycle}</translation>
    </message>
    <message>
        <source>No.</source>
        <translation>文号</translation>
    </message>
    <message>
        <source>valid</source>
        <translation>有效期</translation>
    </message>
    <message>
        <source>to</source>
        <translation>至</translation>
    </message>
    <message>
        <source>Compute</source>
        <translation>计算</translation>
    </message>
    <message>
        <source>Read both files and compute every worker&apos;s months (runs in the background)</source>
        <translation>读取两个文件并计算每名工人各月的情况（在后台运行）</translation>
    </message>
    <message>
        <source>City</source>
        <translation>城市</translation>
    </message>
    <message>
        <source>Period</source>
        <translation>期间</translation>
    </message>
    <message>
        <source>System</source>
        <translation>工时制度</translation>
    </message>
    <message>
        <source>Choose the {kind} file</source>
        <translation>选择{kind}文件</translation>
    </message>
    <message>
        <source>Choose the {kind} file first.</source>
        <translation>请先选择{kind}文件。</translation>
    </message>
    <message>
        <source>The files are read again for each computation; they are not kept.</source>
        <translation>每次计算都会重新读取文件；文件不会保存。</translation>
    </message>
    <message>
        <source>The period is two months written YYYY-MM, the first not after the second.</source>
        <translation>期间为两个月份，格式为 YYYY-MM，前者不得晚于后者。</translation>
    </message>
    <message>
        <source>Leave both empty for the months the attendance file covers.</source>
        <translation>两者都留空则为考勤文件涵盖的月份。</translation>
    </message>
    <message>
        <source>An approved working-hour system needs the dates it is valid, written YYYY-MM-DD.</source>
        <translation>经批准的特殊工时制度需填写有效日期，格式为 YYYY-MM-DD。</translation>
    </message>
</context>
<context>
    <name>HoursPage</name>
    <message>
        <source>&lt;b&gt;Hours paid vs hours recorded:&lt;/b&gt; the payroll has no overtime hours column, so the two cannot be compared here: compare payslips with the time records by hand.</source>
        <translation>&lt;b&gt;计薪工时与记录工时：&lt;/b&gt;工资表没有加班工时一栏，此处无法比较：请人工核对工资条与考勤记录。</translation>
    </message>
    <message>
        <source>differences to follow up (gate logs, production records, interviews): a possible second set of records</source>
        <translation>存在差异需跟进（门卫记录、生产记录、访谈）：可能有两套记录</translation>
    </message>
    <message>
        <source>they agree</source>
        <translation>两者一致</translation>
    </message>
    <message>
        <source>&lt;b&gt;Hours paid vs hours recorded:&lt;/b&gt;</source>
        <translation>&lt;b&gt;计薪工时与记录工时：&lt;/b&gt;</translation>
    </message>
</context>
<context>
    <name>HoursPanel</name>
    <message>
        <source>Choose the attendance and payroll files the factory exported, then Compute.</source>
        <translation>选择工厂导出的考勤和工资表文件，然后点击“计算”。</translation>
    </message>
    <message>
        <source>Only worker-months with a breach</source>
        <translation>只显示有违规的工人月份</translation>
    </message>
    <message numerus="yes">
        <source> · %n note(s) to read (point at this summary)</source>
        <translation>
            <numerusform> · 有 %n 条说明待阅读（鼠标指向此摘要）</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n breach(es)</source>
        <translation>
            <numerusform>%n 项违规</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>in %n worker-month(s)</source>
        <translation>
            <numerusform>涉及 %n 个工人月份</numerusform>
        </translation>
    </message>
    <message>
        <source>Computed {when} from {names}</source>
        <translation>计算时间：{when}；依据：{names}</translation>
    </message>
    <message>
        <source>now</source>
        <translation>刚才</translation>
    </message>
    <message>
        <source>Notes:</source>
        <translation>说明：</translation>
    </message>
    <message>
        <source>Hours not computed</source>
        <translation>工时未能计算</translation>
    </message>
    <message>
        <source>Reading the files and computing…</source>
        <translation>正在读取文件并计算…</translation>
    </message>
    <message>
        <source>Computing hours and wages</source>
        <translation>正在计算工时和工资</translation>
    </message>
    <message>
        <source>Not computed. Choose the files again or correct them, then Compute.</source>
        <translation>未计算。请重新选择或更正文件，然后点击“计算”。</translation>
    </message>
    <message>
        <source>{start} to {end}</source>
        <translation>{start} 至 {end}</translation>
    </message>
    <message>
        <source>{occurrences} occurrences in the records of {sample} sampled workers, {period}</source>
        <translation>在 {sample} 名抽查工人的记录中出现 {occurrences} 次，{period}</translation>
    </message>
</context>
<context>
    <name>InterviewForm</name>
    <message>
        <source>Mandarin (普通话)</source>
        <translation>普通话</translation>
    </message>
    <message>
        <source>Cantonese (粤语)</source>
        <translation>粤语</translation>
    </message>
    <message>
        <source>Sichuanese (四川话)</source>
        <translation>四川话</translation>
    </message>
    <message>
        <source>Hakka (客家话)</source>
        <translation>客家话</translation>
    </message>
    <message>
        <source>English</source>
        <translation>英语</translation>
    </message>
    <message>
        <source>Private room on site, door closed</source>
        <translation>厂内独立房间，关门进行</translation>
    </message>
    <message>
        <source>Off site</source>
        <translation>厂外</translation>
    </message>
    <message>
        <source>Dormitory</source>
        <translation>宿舍</translation>
    </message>
    <message>
        <source>Canteen</source>
        <translation>食堂</translation>
    </message>
    <message>
        <source>By phone</source>
        <translation>电话访谈</translation>
    </message>
    <message>
        <source>None needed</source>
        <translation>不需要</translation>
    </message>
    <message>
        <source>Independent (audit team)</source>
        <translation>独立翻译（审核组）</translation>
    </message>
    <message>
        <source>Worker chosen by the interviewee</source>
        <translation>受访者自选的工人</translation>
    </message>
    <message>
        <source>Not recorded</source>
        <translation>未记录</translation>
    </message>
    <message>
        <source>No</source>
        <translation>否</translation>
    </message>
    <message>
        <source>Yes</source>
        <translation>是</translation>
    </message>
    <message>
        <source>Hours</source>
        <translation>工时</translation>
    </message>
    <message>
        <source>Pay and deductions</source>
        <translation>工资和扣款</translation>
    </message>
    <message>
        <source>Contracts</source>
        <translation>劳动合同</translation>
    </message>
    <message>
        <source>Fees</source>
        <translation>费用</translation>
    </message>
    <message>
        <source>Freedom to resign</source>
        <translation>辞职自由</translation>
    </message>
    <message>
        <source>Harassment</source>
        <translation>骚扰</translation>
    </message>
    <message>
        <source>Grievance</source>
        <translation>申诉</translation>
    </message>
    <message>
        <source>Health and safety</source>
        <translation>健康与安全</translation>
    </message>
    <message>
        <source>Interview</source>
        <translation>访谈</translation>
    </message>
    <message>
        <source>Individual</source>
        <translation>个别访谈</translation>
    </message>
    <message>
        <source>Group</source>
        <translation>小组访谈</translation>
    </message>
    <message>
        <source>Interview held</source>
        <translation>已进行访谈</translation>
    </message>
    <message>
        <source>Group size</source>
        <translation>小组人数</translation>
    </message>
    <message>
        <source>Who asked the questions</source>
        <translation>由谁提问</translation>
    </message>
    <message>
        <source>Language of the interview</source>
        <translation>访谈语言</translation>
    </message>
    <message>
        <source>Interpreter: none, or who</source>
        <translation>翻译：无，或由谁翻译</translation>
    </message>
    <message>
        <source>Where it took place</source>
        <translation>访谈地点</translation>
    </message>
    <message>
        <source>Confidential notes: never shown in lists or reports</source>
        <translation>保密记录：不会显示在列表或报告中</translation>
    </message>
    <message>
        <source>Quote (anonymised)</source>
        <translation>引述（匿名）</translation>
    </message>
    <message>
        <source>Quotable</source>
        <translation>可引用</translation>
    </message>
    <message>
        <source>Add quote</source>
        <translation>添加引述</translation>
    </message>
    <message>
        <source>Remove quote</source>
        <translation>删除引述</translation>
    </message>
    <message>
        <source>Code</source>
        <translation>编号</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>Topics covered</source>
        <translation>访谈话题</translation>
    </message>
    <message>
        <source>Interviewer</source>
        <translation>访谈人</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>语言</translation>
    </message>
    <message>
        <source>Interpreter</source>
        <translation>翻译</translation>
    </message>
    <message>
        <source>Place</source>
        <translation>地点</translation>
    </message>
    <message>
        <source>Management present</source>
        <translation>管理层在场</translation>
    </message>
    <message>
        <source>ID seen</source>
        <translation>已查看身份证</translation>
    </message>
    <message>
        <source>Notes (confidential)</source>
        <translation>记录（保密）</translation>
    </message>
    <message>
        <source>Quotes</source>
        <translation>引述</translation>
    </message>
    <message>
        <source>Select an interview.</source>
        <translation>请选择一个访谈。</translation>
    </message>
    <message>
        <source> · replaces {code}</source>
        <translation> · 替补 {code}</translation>
    </message>
    <message>
        <source>no stratum</source>
        <translation>无分层</translation>
    </message>
    <message>
        <source>Interview {code}, a quote</source>
        <translation>访谈 {code} 的一条引述</translation>
    </message>
</context>
<context>
    <name>InterviewsPage</name>
    <message>
        <source>No interviews yet. Import the roster and draw workers, or add a group interview.</source>
        <translation>还没有访谈。请导入花名册并抽取工人，或添加小组访谈。</translation>
    </message>
    <message>
        <source>Add group interview</source>
        <translation>添加小组访谈</translation>
    </message>
    <message>
        <source>Quotable quotes (anonymised, may appear in the report):</source>
        <translation>可引用的引述（匿名，可能出现在报告中）：</translation>
    </message>
    <message>
        <source>Interviews</source>
        <translation>访谈</translation>
    </message>
    <message>
        <source>Call list</source>
        <translation>访谈名单</translation>
    </message>
    <message>
        <source>Flagged workers</source>
        <translation>标记的工人</translation>
    </message>
    <message>
        <source>Worker survey</source>
        <translation>工人问卷调查</translation>
    </message>
    <message>
        <source>Interviews ({held}/{total} held)</source>
        <translation>访谈（已进行 {held}/{total}）</translation>
    </message>
    <message>
        <source>Worker survey ({done}/{target})</source>
        <translation>工人问卷调查（{done}/{target}）</translation>
    </message>
    <message numerus="yes">
        <source>group of %n</source>
        <translation>
            <numerusform>%n 人小组</numerusform>
        </translation>
    </message>
    <message>
        <source>individual</source>
        <translation>个别访谈</translation>
    </message>
    <message>
        <source>✓ held</source>
        <translation>✓ 已访谈</translation>
    </message>
    <message>
        <source>to do</source>
        <translation>待访谈</translation>
    </message>
    <message>
        <source> · replaces {code}</source>
        <translation> · 替补 {code}</translation>
    </message>
    <message>
        <source>Held {held} of {total} interviews ({workers} workers).</source>
        <translation>已进行 {held}/{total} 个访谈（{workers} 名工人）。</translation>
    </message>
    <message>
        <source>By {dimension}: {counts}.</source>
        <translation>按{dimension}：{counts}。</translation>
    </message>
    <message>
        <source>Call list ({n})</source>
        <translation>访谈名单（{n}）</translation>
    </message>
    <message>
        <source>Flagged workers ({n})</source>
        <translation>标记的工人（{n}）</translation>
    </message>
    <message>
        <source>No workers drawn yet: import the roster and draw workers; the call list appears here.</source>
        <translation>尚未抽取工人：请导入花名册并抽取工人，访谈名单会显示在这里。</translation>
    </message>
    <message>
        <source>The roster the workers were drawn from is not on this laptop: import it to see who is behind each code and to replace absent workers.</source>
        <translation>抽取工人所用的花名册不在本机：导入后才能看到每个编号对应的工人，并替补缺勤工人。</translation>
    </message>
    <message>
        <source>Working out who is behind each code…</source>
        <translation>正在确定每个编号对应的工人…</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>ESCP Field Auditor</source>
        <translation>ESCP 现场审核</translation>
    </message>
    <message>
        <source>The change was not saved</source>
        <translation>修改未能保存</translation>
    </message>
    <message>
        <source>All changes saved</source>
        <translation>所有修改已保存</translation>
    </message>
    <message>
        <source>Audits</source>
        <translation>审核</translation>
    </message>
    <message>
        <source>New audit…</source>
        <translation>新建审核…</translation>
    </message>
    <message>
        <source>Create an audit from a factory profile (Ctrl+N)</source>
        <translation>根据工厂概况新建审核（Ctrl+N）</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>打开</translation>
    </message>
    <message>
        <source>Continue the selected audit (Enter or double-click)</source>
        <translation>继续所选审核（Enter或双击）</translation>
    </message>
    <message>
        <source>Start follow-up</source>
        <translation>开始跟进审核</translation>
    </message>
    <message>
        <source>A new audit of the same factory: copies the factory profile and carries its open NCs over (Ctrl+Shift+F)</source>
        <translation>同一工厂的新审核：复制工厂概况并带入未关闭的不符合项（Ctrl+Shift+F）</translation>
    </message>
    <message>
        <source>&amp;New audit…</source>
        <translation>新建审核(&amp;N)…</translation>
    </message>
    <message>
        <source>Create an audit from a factory profile</source>
        <translation>根据工厂概况新建审核</translation>
    </message>
    <message>
        <source>&amp;Open audit</source>
        <translation>打开审核(&amp;O)</translation>
    </message>
    <message>
        <source>Continue the selected audit</source>
        <translation>继续所选审核</translation>
    </message>
    <message>
        <source>Start &amp;follow-up</source>
        <translation>开始跟进审核(&amp;F)</translation>
    </message>
    <message>
        <source>New audit of the same factory carrying its open NCs over</source>
        <translation>同一工厂的新审核，带入未关闭的不符合项</translation>
    </message>
    <message>
        <source>Audit &amp;list</source>
        <translation>审核列表(&amp;L)</translation>
    </message>
    <message>
        <source>Back to the list of audits</source>
        <translation>返回审核列表</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>退出(&amp;Q)</translation>
    </message>
    <message>
        <source>&amp;Report and CAP as PDF…</source>
        <translation>报告和CAP导出为PDF(&amp;R)…</translation>
    </message>
    <message>
        <source>Write the audit report and the CAP of the audit as PDF and open them</source>
        <translation>生成审核报告和CAP的PDF并打开</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <source>&amp;Import audit package (.escp)…</source>
        <translation>导入审核包(&amp;I)（.escp）…</translation>
    </message>
    <message>
        <source>Add an audit from an .escp file</source>
        <translation>从 .escp 文件添加审核</translation>
    </message>
    <message>
        <source>&amp;Export audit package (.escp)…</source>
        <translation>导出审核包(&amp;E)（.escp）…</translation>
    </message>
    <message>
        <source>Save the selected audit as an .escp file</source>
        <translation>将所选审核保存为 .escp 文件</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>视图(&amp;V)</translation>
    </message>
    <message>
        <source>&amp;Settings</source>
        <translation>设置(&amp;S)</translation>
    </message>
    <message>
        <source>&amp;Preferences…</source>
        <translation>偏好设置(&amp;P)…</translation>
    </message>
    <message>
        <source>Language, auditor, folders, report language</source>
        <translation>语言、审核员、文件夹、报告语言</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>帮助(&amp;H)</translation>
    </message>
    <message>
        <source>&amp;Keyboard shortcuts</source>
        <translation>快捷键(&amp;K)</translation>
    </message>
    <message>
        <source>&amp;About ESCP Field Auditor</source>
        <translation>关于 ESCP 现场审核(&amp;A)</translation>
    </message>
    <message>
        <source>Version, data folder and log file</source>
        <translation>版本、数据文件夹和日志文件</translation>
    </message>
    <message>
        <source>New audit (recovered from before the app stopped)</source>
        <translation>新建审核（已恢复程序停止前输入的内容）</translation>
    </message>
    <message>
        <source>New audit (not created yet)</source>
        <translation>新建审核（尚未创建）</translation>
    </message>
    <message>
        <source>The audit was not created</source>
        <translation>审核未能创建</translation>
    </message>
    <message>
        <source>The demo audit was not added</source>
        <translation>演示审核未能添加</translation>
    </message>
    <message>
        <source>Adding the demo audit</source>
        <translation>正在添加演示审核</translation>
    </message>
    <message>
        <source>The follow-up was not started</source>
        <translation>跟进审核未能开始</translation>
    </message>
    <message>
        <source>Keyboard shortcuts</source>
        <translation>快捷键</translation>
    </message>
    <message>
        <source>Ctrl+N  new audit
Enter  open the selected audit
Ctrl+Shift+F  start a follow-up
Ctrl+F  search the list
Ctrl+P  report and CAP as PDF
Ctrl+L  back to the audit list
Ctrl+Shift+O  import an audit package
Ctrl+E  export the selected audit
Ctrl+1 … Ctrl+7  go to a stage
Ctrl+PgDown / Ctrl+PgUp  next / previous stage
Ctrl+Q  quit

There is no Save: every change is saved as you make it.</source>
        <translation>Ctrl+N  新建审核
Enter  打开所选审核
Ctrl+Shift+F  开始跟进审核
Ctrl+F  搜索列表
Ctrl+P  报告和CAP导出为PDF
Ctrl+L  返回审核列表
Ctrl+Shift+O  导入审核包
Ctrl+E  导出所选审核
Ctrl+1 … Ctrl+7  转到某一环节
Ctrl+PgDown / Ctrl+PgUp  下一个 / 上一个环节
Ctrl+Q  退出

没有“保存”：每项修改都会即时保存。</translation>
    </message>
    <message>
        <source>Not reopened where you were when the app stopped: you had already asked for something else. Every saved change is kept.</source>
        <translation>未恢复到应用停止时的位置：您已选择了其他操作。所有已保存的更改均已保留。</translation>
    </message>
    <message>
        <source>Reopened where you were when the app stopped; every saved change is here</source>
        <translation>已回到程序停止时的位置；所有已保存的修改都在</translation>
    </message>
    <message>
        <source>Export audit package</source>
        <translation>导出审核包</translation>
    </message>
    <message>
        <source>ESCP audit package (*.escp)</source>
        <translation>ESCP审核包 (*.escp)</translation>
    </message>
    <message>
        <source>Exporting audit package</source>
        <translation>正在导出审核包</translation>
    </message>
    <message>
        <source>Exported to {path}</source>
        <translation>已导出到 {path}</translation>
    </message>
    <message>
        <source>Import audit package</source>
        <translation>导入审核包</translation>
    </message>
    <message>
        <source>Importing audit package</source>
        <translation>正在导入审核包</translation>
    </message>
    <message>
        <source>the factory</source>
        <translation>该工厂</translation>
    </message>
    <message>
        <source>The audit of {factory} was already here</source>
        <translation>{factory}的审核已在本机</translation>
    </message>
    <message>
        <source>Audit of {factory} imported</source>
        <translation>已导入{factory}的审核</translation>
    </message>
    <message>
        <source>Checking evidence</source>
        <translation>正在检查证据</translation>
    </message>
    <message>
        <source>Evidence check</source>
        <translation>证据检查</translation>
    </message>
</context>
<context>
    <name>MonthlyOvertimeChart</name>
    <message>
        <source>Each month: the most overtime any sampled worker did (bar, red above the legal limit) and the median worker&apos;s (dark mark).</source>
        <translation>每月：抽查工人中加班最多者的加班工时（柱形，超出法定上限为红色）及中位数工人的加班工时（深色标记）。</translation>
    </message>
</context>
<context>
    <name>NcEditor</name>
    <message>
        <source>the factory was transparent</source>
        <translation>工厂保持透明</translation>
    </message>
    <message>
        <source>the case is isolated</source>
        <translation>属于个别情况</translation>
    </message>
    <message>
        <source>individual</source>
        <translation>个别访谈</translation>
    </message>
    <message>
        <source>held</source>
        <translation>已访谈</translation>
    </message>
    <message>
        <source>not held yet</source>
        <translation>尚未访谈</translation>
    </message>
    <message>
        <source>Grade {grade} (no conditional grade for this checkpoint).</source>
        <translation>等级为{grade}（此检查点没有条件等级）。</translation>
    </message>
    <message>
        <source>Grade {grade}; {other} when {condition}.</source>
        <translation>等级为{grade}；{condition}时为{other}。</translation>
    </message>
    <message>
        <source>Edit non-compliance – {cp}</source>
        <translation>编辑不符合项 – {cp}</translation>
    </message>
    <message>
        <source>New non-compliance – {cp}</source>
        <translation>新不符合项 – {cp}</translation>
    </message>
    <message>
        <source>Grade</source>
        <translation>等级</translation>
    </message>
    <message>
        <source>{grade} (key {key} while the grade group has focus)</source>
        <translation>{grade}（焦点在等级组时按 {key}）</translation>
    </message>
    <message>
        <source>— choose why —</source>
        <translation>— 选择原因 —</translation>
    </message>
    <message>
        <source>Raised to Zero Tolerance because</source>
        <translation>提升为零容忍的原因</translation>
    </message>
    <message>
        <source>What was found, where, and the objective evidence (required to finalize)</source>
        <translation>发现了什么、在哪里，以及客观证据（定稿前必填）</translation>
    </message>
    <message>
        <source>e.g. 3 of 12 sampled months; every night shift</source>
        <translation>如：抽查的12个月中有3个月；每个夜班</translation>
    </message>
    <message>
        <source>Isolated</source>
        <translation>个别情况</translation>
    </message>
    <message>
        <source>Systemic</source>
        <translation>系统性</translation>
    </message>
    <message>
        <source>The factory was transparent about it on site</source>
        <translation>工厂在现场对此保持透明</translation>
    </message>
    <message>
        <source>Record inconsistency (double books, falsified records)</source>
        <translation>记录不一致（两套账、伪造记录）</translation>
    </message>
    <message>
        <source>— not tied to one area —</source>
        <translation>— 不限于某一区域 —</translation>
    </message>
    <message>
        <source>Description</source>
        <translation>描述</translation>
    </message>
    <message>
        <source>Frequency</source>
        <translation>发生频率</translation>
    </message>
    <message>
        <source>Workers affected</source>
        <translation>受影响工人人数</translation>
    </message>
    <message>
        <source>Scope</source>
        <translation>范围</translation>
    </message>
    <message>
        <source>Tour area</source>
        <translation>巡查区域</translation>
    </message>
    <message>
        <source>Evidence photos (tick to link)</source>
        <translation>证据照片（勾选以关联）</translation>
    </message>
    <message>
        <source>Space ticks the photo; Enter or a double-click enlarges it</source>
        <translation>空格键勾选照片；Enter或双击放大</translation>
    </message>
    <message>
        <source>Interviews cited (tick to link)</source>
        <translation>引用的访谈（勾选以关联）</translation>
    </message>
    <message>
        <source>Save (Ctrl+Enter or Ctrl+S)</source>
        <translation>保存（Ctrl+Enter 或 Ctrl+S）</translation>
    </message>
    <message>
        <source>Recovered: this NC was being written when the app stopped ({time}). Save it, or Cancel to discard it.</source>
        <translation>已恢复：程序停止时（{time}）正在填写此不符合项。请保存，或点“取消”放弃。</translation>
    </message>
    <message>
        <source>No photos in this audit yet. Import them on the Evidence page.</source>
        <translation>此审核还没有照片。请在“证据”页面导入。</translation>
    </message>
    <message>
        <source>No interviews in this audit yet. Record them on the Interviews page.</source>
        <translation>此审核还没有访谈。请在“工人访谈”页面记录。</translation>
    </message>
    <message>
        <source>Grade chosen by hand; the checklist rule gives {grade}.</source>
        <translation>等级为手动选择；按检查表规则应为{grade}。</translation>
    </message>
    <message>
        <source>Conditional grade applied: {condition}.</source>
        <translation>已采用条件等级：{condition}。</translation>
    </message>
    <message>
        <source>Default grade of the checklist.</source>
        <translation>检查表的默认等级。</translation>
    </message>
    <message>
        <source>Choose isolated or systemic: the grade depends on it.</source>
        <translation>请选择个别情况或系统性：等级取决于此。</translation>
    </message>
    <message>
        <source>Choose why this NC is raised to Zero Tolerance, or pick the checklist&apos;s grade.</source>
        <translation>请选择将此不符合项提升为零容忍的原因，或选择检查表规定的等级。</translation>
    </message>
    <message>
        <source>NC on checkpoint {cp}</source>
        <translation>检查点 {cp} 的不符合项</translation>
    </message>
    <message>
        <source>Discard this NC?</source>
        <translation>放弃此不符合项？</translation>
    </message>
    <message>
        <source>What you typed in this NC is not saved. Discard it?</source>
        <translation>您在此不符合项中输入的内容尚未保存。要放弃吗？</translation>
    </message>
</context>
<context>
    <name>NewAuditDialog</name>
    <message>
        <source>New audit</source>
        <translation>新建审核</translation>
    </message>
    <message>
        <source>&amp;Factory</source>
        <translation>工厂(&amp;F)</translation>
    </message>
    <message>
        <source>&amp;Audit</source>
        <translation>审核(&amp;A)</translation>
    </message>
    <message>
        <source>Create audit</source>
        <translation>创建审核</translation>
    </message>
    <message>
        <source>A factory not audited on this laptop</source>
        <translation>本机上未审核过的工厂</translation>
    </message>
    <message>
        <source>Not certified / first audit</source>
        <translation>未认证 / 首次审核</translation>
    </message>
    <message>
        <source>{date}, {audit_type}</source>
        <translation>{date}，{audit_type}</translation>
    </message>
    <message>
        <source>{factory}: last audit {date}</source>
        <translation>{factory}：上次审核 {date}</translation>
    </message>
    <message>
        <source>&amp;Start from</source>
        <translation>起始资料(&amp;S)</translation>
    </message>
    <message>
        <source>A factory audited before: its profile is copied from its latest audit; correct what changed</source>
        <translation>曾审核过的工厂：从其最近一次审核复制工厂资料；请更正有变化的内容</translation>
    </message>
    <message>
        <source>Factory &amp;name*</source>
        <translation>工厂名称(&amp;N)*</translation>
    </message>
    <message>
        <source>The registered English name</source>
        <translation>注册的英文名称</translation>
    </message>
    <message>
        <source>Local name</source>
        <translation>当地名称</translation>
    </message>
    <message>
        <source>As on the business licence, e.g. 东莞市…玩具有限公司</source>
        <translation>与营业执照一致，例如 东莞市…玩具有限公司</translation>
    </message>
    <message>
        <source>Address</source>
        <translation>地址</translation>
    </message>
    <message>
        <source>Local address</source>
        <translation>当地地址</translation>
    </message>
    <message>
        <source>Connect id</source>
        <translation>Connect编号</translation>
    </message>
    <message>
        <source>The factory&apos;s id on the ESCP Connect platform, if registered</source>
        <translation>工厂在ESCP Connect平台上的编号（如已注册）</translation>
    </message>
    <message>
        <source>Country</source>
        <translation>国家</translation>
    </message>
    <message>
        <source>Two-letter ISO code; type another if missing</source>
        <translation>两个字母的ISO代码；列表中没有的可直接输入</translation>
    </message>
    <message>
        <source> men</source>
        <translation> 男</translation>
    </message>
    <message>
        <source> women</source>
        <translation> 女</translation>
    </message>
    <message>
        <source>total {count}</source>
        <translation>共{count}人</translation>
    </message>
    <message>
        <source>&amp;Headcount*</source>
        <translation>员工人数(&amp;H)*</translation>
    </message>
    <message>
        <source>Workers on the payroll today, by gender; sets the interview sample size</source>
        <translation>目前工资表上的工人人数（按性别）；决定访谈抽样人数</translation>
    </message>
    <message>
        <source>Departments</source>
        <translation>部门</translation>
    </message>
    <message>
        <source>Comma separated, e.g. injection moulding, assembly, packing, warehouse</source>
        <translation>用逗号分隔，例如 注塑, 装配, 包装, 仓库</translation>
    </message>
    <message>
        <source>Dormitory</source>
        <translation>宿舍</translation>
    </message>
    <message>
        <source>Canteen</source>
        <translation>食堂</translation>
    </message>
    <message>
        <source>Facilities</source>
        <translation>设施</translation>
    </message>
    <message>
        <source>Both are toured and checked (section Safety)</source>
        <translation>两者都要巡查和检查（安全部分）</translation>
    </message>
    <message>
        <source>One site per line: name; address; activity</source>
        <translation>每行一个场所：名称；地址；业务</translation>
    </message>
    <message>
        <source>Other sites</source>
        <translation>其他场所</translation>
    </message>
    <message>
        <source>Other production sites that could be relevant (subcontractors, a second building)</source>
        <translation>可能相关的其他生产场所（分包商、另一栋厂房）</translation>
    </message>
    <message>
        <source>Audit &amp;type</source>
        <translation>审核类型(&amp;T)</translation>
    </message>
    <message>
        <source>Announced visit</source>
        <translation>通知审核</translation>
    </message>
    <message>
        <source>Announcement</source>
        <translation>通知方式</translation>
    </message>
    <message>
        <source>Progress Visits are announced; every other audit is unannounced unless agreed otherwise</source>
        <translation>进展访问为预先通知；其他审核除另有约定外均不预先通知</translation>
    </message>
    <message>
        <source>Planned &amp;dates</source>
        <translation>计划日期(&amp;D)</translation>
    </message>
    <message>
        <source>First and last audit day on site</source>
        <translation>现场审核的第一天和最后一天</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <source>Role</source>
        <translation>角色</translation>
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
        <source>Audit t&amp;eam*</source>
        <translation>审核组(&amp;E)*</translation>
    </message>
    <message>
        <source>The first row is normally the lead auditor</source>
        <translation>第一行通常是主审核员</translation>
    </message>
    <message>
        <source>Audit firm</source>
        <translation>审核机构</translation>
    </message>
    <message>
        <source>{title} {version} (from {date})</source>
        <translation>{title} {version}（自{date}起）</translation>
    </message>
    <message>
        <source>Checklist &amp;edition</source>
        <translation>检查表版本(&amp;E)</translation>
    </message>
    <message>
        <source>The audit is pinned to this edition for good; the newest is the default</source>
        <translation>审核将始终使用此版本；默认为最新版本</translation>
    </message>
    <message>
        <source>Previously certified</source>
        <translation>曾获认证</translation>
    </message>
    <message>
        <source>History</source>
        <translation>认证历史</translation>
    </message>
    <message>
        <source>Probation and Remediation are only open to previously certified factories</source>
        <translation>观察期和整改期仅适用于此前已获认证的工厂</translation>
    </message>
    <message>
        <source>Current status</source>
        <translation>当前状态</translation>
    </message>
    <message>
        <source>No checklist edition is installed (resources/checklists).</source>
        <translation>未安装任何检查表版本（resources/checklists）。</translation>
    </message>
    <message>
        <source>Discard new audit?</source>
        <translation>放弃新建审核？</translation>
    </message>
    <message>
        <source>The factory profile you typed will be lost.</source>
        <translation>您输入的工厂概况将会丢失。</translation>
    </message>
</context>
<context>
    <name>OpenForReviewDialog</name>
    <message>
        <source>Open for review</source>
        <translation>打开审阅</translation>
    </message>
    <message>
        <source>The .escp file the auditor or the lead sent</source>
        <translation>审核员或主任审核员发来的 .escp 文件</translation>
    </message>
    <message>
        <source>Optional: the firm&apos;s private key file, to read the confidential part</source>
        <translation>可选：审核机构的私钥文件，用于读取保密部分</translation>
    </message>
    <message>
        <source>Your name, as it signs comments and decisions</source>
        <translation>您的姓名，用于签署意见和决定</translation>
    </message>
    <message>
        <source>Choose…</source>
        <translation>选择…</translation>
    </message>
    <message>
        <source>&amp;Package</source>
        <translation>文件包(&amp;P)</translation>
    </message>
    <message>
        <source>Firm &amp;key</source>
        <translation>机构密钥(&amp;K)</translation>
    </message>
    <message>
        <source>Your &amp;name</source>
        <translation>您的姓名(&amp;N)</translation>
    </message>
    <message>
        <source>Audit &amp;firm</source>
        <translation>审核机构(&amp;F)</translation>
    </message>
    <message>
        <source>The audit opens read-only. Comments and decisions are signed with this laptop&apos;s device key and your name.</source>
        <translation>审核以只读方式打开。意见和决定以本电脑的设备密钥和您的姓名签署。</translation>
    </message>
    <message>
        <source>ESCP audit package (*.escp)</source>
        <translation>ESCP 审核文件包 (*.escp)</translation>
    </message>
    <message>
        <source>The firm&apos;s private key</source>
        <translation>审核机构的私钥</translation>
    </message>
    <message>
        <source>Choose the .escp file to open.</source>
        <translation>请选择要打开的 .escp 文件。</translation>
    </message>
    <message>
        <source>The key file is not there.</source>
        <translation>找不到密钥文件。</translation>
    </message>
    <message>
        <source>Your name signs what you write: fill it in.</source>
        <translation>您写的内容以您的姓名签署：请填写姓名。</translation>
    </message>
</context>
<context>
    <name>OpeningPage</name>
    <message>
        <source>factory</source>
        <translation>工厂方</translation>
    </message>
    <message>
        <source>audit team</source>
        <translation>审核组</translation>
    </message>
    <message>
        <source>The factory declares it will not offer anything to the auditors; bribery is Zero Tolerance</source>
        <translation>工厂声明不向审核员提供任何好处；行贿属于零容忍</translation>
    </message>
    <message>
        <source>The audit team keeps what it sees confidential</source>
        <translation>审核组对所见内容保密</translation>
    </message>
    <message>
        <source>Transparency explained: e.g. overtime must not be hidden by inconsistent records</source>
        <translation>说明透明的要求：如不得以不一致的记录隐瞒加班</translation>
    </message>
    <message>
        <source>Management consents to the visit</source>
        <translation>管理层同意审核访问</translation>
    </message>
    <message>
        <source>Management consents to photos</source>
        <translation>管理层同意拍照</translation>
    </message>
    <message>
        <source>Management consents to worker interviews</source>
        <translation>管理层同意工人访谈</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <source>Local name</source>
        <translation>本地名称</translation>
    </message>
    <message>
        <source>Address</source>
        <translation>地址</translation>
    </message>
    <message>
        <source>Local address</source>
        <translation>本地地址</translation>
    </message>
    <message>
        <source>Connect id</source>
        <translation>Connect编号</translation>
    </message>
    <message>
        <source>Country</source>
        <translation>国家</translation>
    </message>
    <message>
        <source>Contact</source>
        <translation>联系人</translation>
    </message>
    <message>
        <source>Contact title</source>
        <translation>联系人职务</translation>
    </message>
    <message>
        <source>Men</source>
        <translation>男</translation>
    </message>
    <message>
        <source>Women</source>
        <translation>女</translation>
    </message>
    <message>
        <source>Migrant</source>
        <translation>外地工人</translation>
    </message>
    <message>
        <source>Young workers</source>
        <translation>未成年工</translation>
    </message>
    <message>
        <source>Shifts</source>
        <translation>班次</translation>
    </message>
    <message>
        <source>Opening meeting – purpose and scope, forms, consents, documents list, profile. The audit is sample-based: say so.</source>
        <translation>首次会议 – 目的和范围、表格、同意事项、文件清单、工厂概况。审核以抽样为基础：请向工厂说明。</translation>
    </message>
    <message>
        <source>Attendees</source>
        <translation>参会人员</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>职务</translation>
    </message>
    <message>
        <source>Side</source>
        <translation>所属方</translation>
    </message>
    <message>
        <source>Everyone at the opening meeting: factory management and the audit team</source>
        <translation>首次会议的全部参会人员：工厂管理层和审核组</translation>
    </message>
    <message>
        <source>Add attendee</source>
        <translation>添加参会人员</translation>
    </message>
    <message>
        <source>Add a row and start typing the name (Ctrl+Shift+A)</source>
        <translation>添加一行并输入姓名（Ctrl+Shift+A）</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>删除</translation>
    </message>
    <message>
        <source>Forms, consents and confirmations</source>
        <translation>表格、同意事项和确认</translation>
    </message>
    <message>
        <source>{form} signed</source>
        <translation>{form}已签署</translation>
    </message>
    <message>
        <source>When the form was signed (factory&apos;s local time); correct it if it was signed earlier</source>
        <translation>表格签署时间（工厂当地时间）；如较早签署请更正</translation>
    </message>
    <message>
        <source>Without it, take no photos: record what you see in words</source>
        <translation>未经同意不得拍照：请用文字记录所见</translation>
    </message>
    <message>
        <source>Documents list confirmed with management</source>
        <translation>已与管理层确认文件清单</translation>
    </message>
    <message>
        <source>The request list is on the Document review page</source>
        <translation>索取清单在“文件审查”页面</translation>
    </message>
    <message>
        <source>Factory profile re-confirmed</source>
        <translation>已重新确认工厂概况</translation>
    </message>
    <message>
        <source>Correct the profile on the right first; every edit is logged</source>
        <translation>请先在右侧更正工厂概况；每次修改都会记录</translation>
    </message>
    <message>
        <source>Notes from the meeting (scope, who explained what)…</source>
        <translation>会议记录（范围、由谁说明了什么）…</translation>
    </message>
    <message>
        <source>Factory profile (re-confirm; edits are logged)</source>
        <translation>工厂概况（重新确认；修改会被记录）</translation>
    </message>
    <message>
        <source>Comma separated</source>
        <translation>用逗号分隔</translation>
    </message>
    <message>
        <source>Departments</source>
        <translation>部门</translation>
    </message>
    <message>
        <source>Dormitory</source>
        <translation>宿舍</translation>
    </message>
    <message>
        <source>Canteen</source>
        <translation>食堂</translation>
    </message>
    <message>
        <source>Facilities</source>
        <translation>设施</translation>
    </message>
    <message>
        <source>at ({time})</source>
        <translation>（{time}）</translation>
    </message>
    <message>
        <source>Attendees of the opening meeting</source>
        <translation>首次会议出席人员</translation>
    </message>
</context>
<context>
    <name>PhotoViewer</name>
    <message>
        <source>Loading…</source>
        <translation>正在加载…</translation>
    </message>
    <message>
        <source>Original name</source>
        <translation>原文件名</translation>
    </message>
    <message>
        <source>SHA-256</source>
        <translation>SHA-256</translation>
    </message>
    <message>
        <source>Taken</source>
        <translation>拍摄时间</translation>
    </message>
    <message>
        <source>Size</source>
        <translation>尺寸</translation>
    </message>
    <message>
        <source>Caption</source>
        <translation>说明</translation>
    </message>
    <message>
        <source>◀ Previous</source>
        <translation>◀ 上一张</translation>
    </message>
    <message>
        <source>Next ▶</source>
        <translation>下一张 ▶</translation>
    </message>
    <message>
        <source>Fit (F)</source>
        <translation>适合窗口（F）</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <source>Photo {number} of {count} – {name}</source>
        <translation>照片 {number}/{count} – {name}</translation>
    </message>
    <message>
        <source>{width} × {height} px, {size} MB original</source>
        <translation>{width} × {height} 像素，原件 {size} MB</translation>
    </message>
    <message>
        <source>The display copy of this photo could not be made.</source>
        <translation>无法生成此照片的显示副本。</translation>
    </message>
</context>
<context>
    <name>PlaceholderPage</name>
    <message>
        <source>The {stage} stage could not be shown.</source>
        <translation>无法显示“{stage}”环节。</translation>
    </message>
</context>
<context>
    <name>PlatformStrip</name>
    <message>
        <source>Signed in to Connect: comments and decisions are sent as soon as they are written.</source>
        <translation>已登录Connect平台：意见和决定一经写下即发送。</translation>
    </message>
    <message>
        <source>Send again</source>
        <translation>重新发送</translation>
    </message>
    <message>
        <source>Send to Connect the entries the platform does not have yet</source>
        <translation>将平台尚未收到的条目发送到Connect平台</translation>
    </message>
    <message>
        <source>Get updates</source>
        <translation>获取更新</translation>
    </message>
    <message>
        <source>Take in what the other side wrote on Connect (and a new revision)</source>
        <translation>接收对方在Connect平台上写下的内容（以及新的修订版）</translation>
    </message>
    <message>
        <source>Sending the review to Connect</source>
        <translation>正在将审阅发送到Connect平台</translation>
    </message>
    <message>
        <source>Getting the review from Connect</source>
        <translation>正在从Connect平台获取审阅</translation>
    </message>
    <message>
        <source>This review travels by files (its first revision is not on Connect): save the review file for the other side.</source>
        <translation>此审阅通过文件传递（其第一个修订版不在Connect平台上）：请保存审阅文件交给对方。</translation>
    </message>
    <message numerus="yes">
        <source>Sent to Connect: %n new entry(ies).</source>
        <translation>
            <numerusform>已发送到Connect平台：%n 条新条目。</numerusform>
        </translation>
    </message>
    <message>
        <source>Connect has every entry of this review.</source>
        <translation>Connect平台已有此审阅的全部条目。</translation>
    </message>
    <message numerus="yes">
        <source>%n entry(ies) from the other side taken in.</source>
        <translation>
            <numerusform>已接收对方的 %n 条条目。</numerusform>
        </translation>
    </message>
    <message>
        <source>Nothing new on Connect.</source>
        <translation>Connect平台上没有新内容。</translation>
    </message>
    <message numerus="yes">
        <source>%n new entry(ies) from Connect.</source>
        <translation>
            <numerusform>来自Connect平台的 %n 条新条目。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n revision(s) downloaded.</source>
        <translation>
            <numerusform>已下载 %n 个修订版。</numerusform>
        </translation>
    </message>
    <message>
        <source>Not sent or not received: {reason} What was written stays on this laptop.</source>
        <translation>未发送或未接收：{reason} 已写下的内容保留在本电脑上。</translation>
    </message>
</context>
<context>
    <name>PreviousCapPanel</name>
    <message>
        <source>Every item of the previous CAP gets a result: closed with evidence, progress made, still open or not verifiable, with what was seen. Link photos and documents to the NC on the Evidence page. Nothing is deleted.</source>
        <translation>上次CAP的每一项都要有结果：凭证据关闭、有进展、仍未关闭或无法验证，并写明所见情况。请在“证据”页面将照片和文件关联到不符合项。不会删除任何内容。</translation>
    </message>
    <message>
        <source> (overdue)</source>
        <translation>（已逾期）</translation>
    </message>
    <message>
        <source>Not verified yet</source>
        <translation>尚未验证</translation>
    </message>
    <message>
        <source>Say what was seen in the last column: “%s” needs a note.</source>
        <translation>请在最后一栏写明所见情况：“%s”需要说明。</translation>
    </message>
</context>
<context>
    <name>ProposalCard</name>
    <message>
        <source>To verify</source>
        <translation>待核实</translation>
    </message>
    <message>
        <source>Breach</source>
        <translation>违规</translation>
    </message>
    <message numerus="yes">
        <source>{affected} of %n worker(s)</source>
        <translation>
            <numerusform>%n 名工人中有 {affected} 名</numerusform>
        </translation>
    </message>
    <message>
        <source>Accept…</source>
        <translation>接受…</translation>
    </message>
    <message>
        <source>Open the NC editor on this checkpoint with the description and the number of workers filled in</source>
        <translation>打开此检查点的不符合项编辑窗口，并填入描述和工人人数</translation>
    </message>
    <message>
        <source>Reject</source>
        <translation>不采纳</translation>
    </message>
    <message>
        <source>Do not raise it; the decision is kept with the review and in the report</source>
        <translation>不提出；此决定与审查结果一起保存并写入报告</translation>
    </message>
    <message>
        <source>Undecide</source>
        <translation>撤销决定</translation>
    </message>
    <message>
        <source>not decided</source>
        <translation>未决定</translation>
    </message>
    <message>
        <source>rejected</source>
        <translation>不采纳</translation>
    </message>
    <message>
        <source>accepted: NC on the checklist</source>
        <translation>已接受：已记入检查表的不符合项</translation>
    </message>
    <message>
        <source>accepted: NC not saved yet</source>
        <translation>已接受：不符合项尚未保存</translation>
    </message>
</context>
<context>
    <name>ProposalList</name>
    <message>
        <source>Proposed findings appear here once the hours are computed.</source>
        <translation>计算工时后，建议的发现会显示在这里。</translation>
    </message>
    <message>
        <source>No breach found: nothing to propose.</source>
        <translation>未发现违规：没有建议。</translation>
    </message>
</context>
<context>
    <name>QuestionnairePanel</name>
    <message>
        <source>Pre-visit questionnaire: the factory&apos;s answers, and your advice on each</source>
        <translation>访问前问卷：工厂的回答，以及您对每项的建议</translation>
    </message>
    <message>
        <source>Save blank questionnaire…</source>
        <translation>保存空白问卷…</translation>
    </message>
    <message>
        <source>A CSV file in English and Chinese to send to the factory before the visit</source>
        <translation>中英文CSV文件，在访问前发给工厂</translation>
    </message>
    <message>
        <source>Import filled questionnaire…</source>
        <translation>导入填好的问卷…</translation>
    </message>
    <message>
        <source>Question</source>
        <translation>问题</translation>
    </message>
    <message>
        <source>Factory&apos;s answer</source>
        <translation>工厂的回答</translation>
    </message>
    <message>
        <source>Advice given</source>
        <translation>给出的建议</translation>
    </message>
    <message numerus="yes">
        <source>From {file}: %n question(s) answered.</source>
        <translation>
            <numerusform>来自{file}：已回答%n个问题。</numerusform>
        </translation>
    </message>
    <message>
        <source>Not received yet: send the blank questionnaire to the factory before the visit and import the file it returns.</source>
        <translation>尚未收到：请在访问前把空白问卷发给工厂，并导入工厂交回的文件。</translation>
    </message>
    <message>
        <source>Advice on pre-visit question {question}</source>
        <translation>对访前问卷问题 {question} 的建议</translation>
    </message>
    <message>
        <source>Import the factory&apos;s questionnaire</source>
        <translation>导入工厂的问卷</translation>
    </message>
    <message>
        <source>Questionnaire (*.csv *.xlsx *.xls *.ods *.txt);;All files (*)</source>
        <translation>问卷 (*.csv *.xlsx *.xls *.ods *.txt);;所有文件 (*)</translation>
    </message>
    <message>
        <source>Questionnaire imported from {file}</source>
        <translation>已从{file}导入问卷</translation>
    </message>
    <message>
        <source>Save the blank questionnaire</source>
        <translation>保存空白问卷</translation>
    </message>
    <message>
        <source>CSV (*.csv)</source>
        <translation>CSV (*.csv)</translation>
    </message>
    <message>
        <source>Saved {file}</source>
        <translation>已保存{file}</translation>
    </message>
    <message>
        <source>Saving the questionnaire</source>
        <translation>正在保存问卷</translation>
    </message>
</context>
<context>
    <name>Recovery</name>
    <message>
        <source>{label}: the dialog is open again with what you typed.</source>
        <translation>{label}：对话框已重新打开，保留了您输入的内容。</translation>
    </message>
    <message>
        <source>{label}, not saved yet: it reopens in its editor when you open its audit{open_now}.</source>
        <translation>{label}，尚未保存：打开其审核时会在编辑器中重新打开{open_now}。</translation>
    </message>
    <message>
        <source>{label}: back in the closing meeting&apos;s signature box{open_now}.</source>
        <translation>{label}：已放回末次会议的签名框{open_now}。</translation>
    </message>
    <message>
        <source> (open now)</source>
        <translation>（当前已打开）</translation>
    </message>
    <message>
        <source>{label}: saved.</source>
        <translation>{label}：已保存。</translation>
    </message>
    <message>
        <source>{label}: could not be saved ({error}); the text is kept in {folder}.</source>
        <translation>{label}：无法保存（{error}）；文字保留在{folder}中。</translation>
    </message>
    <message>
        <source>Typing recovered</source>
        <translation>已恢复输入内容</translation>
    </message>
    <message>
        <source>The app stopped while you were typing. This is what came back:</source>
        <translation>程序在您输入时意外停止。以下内容已恢复：</translation>
    </message>
</context>
<context>
    <name>ReplaceDialog</name>
    <message>
        <source>Absent today</source>
        <translation>今天缺勤</translation>
    </message>
    <message>
        <source>Refused the interview</source>
        <translation>拒绝访谈</translation>
    </message>
    <message>
        <source>Another reason (say which below)</source>
        <translation>其他原因（请在下方说明）</translation>
    </message>
    <message>
        <source>{code} not interviewed</source>
        <translation>{code}未访谈</translation>
    </message>
    <message>
        <source>{who}

Why is {code} not interviewed?</source>
        <translation>{who}

{code}为什么未访谈？</translation>
    </message>
    <message>
        <source>Note (needed for another reason): e.g. on sick leave since Monday</source>
        <translation>说明（原因为其他时必填）：如周一起请病假</translation>
    </message>
    <message>
        <source>The next worker drawn from the same stratum replaces {code}, reproducibly from the draw&apos;s seed, and gets an interview form of their own.</source>
        <translation>将按抽样种子从同一分层可重现地抽取下一名工人替补{code}，并为其建立单独的访谈表。</translation>
    </message>
    <message>
        <source>Mark and draw a replacement</source>
        <translation>标记并抽取替补</translation>
    </message>
</context>
<context>
    <name>ReportLanguageDialog</name>
    <message>
        <source>Languages of the report and the CAP</source>
        <translation>报告和CAP的语言</translation>
    </message>
    <message>
        <source>Headings and fixed text are printed in the chosen language; what was typed in the audit is printed as typed.</source>
        <translation>标题和固定文字按所选语言打印；审核中输入的内容按原样打印。</translation>
    </message>
    <message>
        <source>&amp;Report</source>
        <translation>报告(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;CAP</source>
        <translation>CAP(&amp;C)</translation>
    </message>
    <message>
        <source>Write the PDFs</source>
        <translation>生成PDF</translation>
    </message>
    <message>
        <source>English</source>
        <translation>英语</translation>
    </message>
    <message>
        <source>Chinese</source>
        <translation>中文</translation>
    </message>
    <message>
        <source>Both (English and Chinese)</source>
        <translation>中英双语</translation>
    </message>
</context>
<context>
    <name>ReviewActions</name>
    <message>
        <source>Open for &amp;review…</source>
        <translation>打开审阅(&amp;R)…</translation>
    </message>
    <message>
        <source>Open an audit&apos;s .escp file to review it, or a returned one to answer the lead&apos;s comments</source>
        <translation>打开审核的 .escp 文件进行审阅，或打开退回的文件回复主任审核员的意见</translation>
    </message>
    <message>
        <source>Re&amp;view of the selected audit</source>
        <translation>所选审核的审阅(&amp;V)</translation>
    </message>
    <message>
        <source>Opening for review</source>
        <translation>正在打开审阅</translation>
    </message>
    <message>
        <source>you review it</source>
        <translation>您是审阅人</translation>
    </message>
    <message>
        <source>you are its auditor</source>
        <translation>您是该审核的审核员</translation>
    </message>
    <message>
        <source>Opened for review: {state}; {side}</source>
        <translation>已打开审阅：{state}；{side}</translation>
    </message>
    <message>
        <source>Reading the review comments</source>
        <translation>正在读取审阅意见</translation>
    </message>
</context>
<context>
    <name>ReviewCommentsBar</name>
    <message>
        <source>Comments and answers…</source>
        <translation>意见与回复…</translation>
    </message>
    <message>
        <source>The review: every comment on its item, answers, Resubmit</source>
        <translation>审阅：各项目的意见、回复、重新提交</translation>
    </message>
    <message numerus="yes">
        <source>The lead&apos;s review: %n comment(s)</source>
        <translation>
            <numerusform>主任审核员的审阅：%n 条意见</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n not answered</source>
        <translation>
            <numerusform>%n 条未回复</numerusform>
        </translation>
    </message>
    <message>
        <source>(not answered)</source>
        <translation>（未回复）</translation>
    </message>
    <message numerus="yes">
        <source>… and %n more</source>
        <translation>
            <numerusform>… 另有 %n 条</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ReviewField</name>
    <message>
        <source>checkpoint</source>
        <translation>检查点</translation>
    </message>
    <message>
        <source>grade</source>
        <translation>等级</translation>
    </message>
    <message>
        <source>description</source>
        <translation>描述</translation>
    </message>
    <message>
        <source>frequency</source>
        <translation>频率</translation>
    </message>
    <message>
        <source>workers affected</source>
        <translation>受影响工人</translation>
    </message>
    <message>
        <source>systemic</source>
        <translation>系统性</translation>
    </message>
    <message>
        <source>transparent</source>
        <translation>透明</translation>
    </message>
    <message>
        <source>record inconsistency</source>
        <translation>记录不一致</translation>
    </message>
    <message>
        <source>status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>reason for the raised grade</source>
        <translation>提高等级的理由</translation>
    </message>
    <message>
        <source>root cause</source>
        <translation>根本原因</translation>
    </message>
    <message>
        <source>corrective action</source>
        <translation>纠正措施</translation>
    </message>
    <message>
        <source>preventive action</source>
        <translation>预防措施</translation>
    </message>
    <message>
        <source>responsible person</source>
        <translation>负责人</translation>
    </message>
    <message>
        <source>due date</source>
        <translation>完成期限</translation>
    </message>
    <message>
        <source>factory position</source>
        <translation>工厂立场</translation>
    </message>
    <message>
        <source>factory comment</source>
        <translation>工厂意见</translation>
    </message>
    <message>
        <source>verification method</source>
        <translation>验证方法</translation>
    </message>
    <message>
        <source>auditor verification</source>
        <translation>审核员验证</translation>
    </message>
    <message>
        <source>verification result</source>
        <translation>验证结果</translation>
    </message>
    <message>
        <source>headcount male</source>
        <translation>男性人数</translation>
    </message>
    <message>
        <source>headcount female</source>
        <translation>女性人数</translation>
    </message>
    <message>
        <source>address</source>
        <translation>地址</translation>
    </message>
    <message>
        <source>notes</source>
        <translation>备注</translation>
    </message>
</context>
<context>
    <name>ReviewInboxDialog</name>
    <message>
        <source>Reviews on Connect</source>
        <translation>Connect平台上的审阅</translation>
    </message>
    <message>
        <source>Reading the platform&apos;s list…</source>
        <translation>正在读取平台列表…</translation>
    </message>
    <message>
        <source>Factory</source>
        <translation>工厂</translation>
    </message>
    <message>
        <source>Type</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>Revision</source>
        <translation>修订版</translation>
    </message>
    <message>
        <source>On Connect</source>
        <translation>Connect平台上</translation>
    </message>
    <message>
        <source>Here</source>
        <translation>本机</translation>
    </message>
    <message>
        <source>Your name, as it signs comments and decisions</source>
        <translation>您的姓名，用于签署意见和决定</translation>
    </message>
    <message>
        <source>Your &amp;name</source>
        <translation>您的姓名(&amp;N)</translation>
    </message>
    <message>
        <source>Audit &amp;firm</source>
        <translation>审核机构(&amp;F)</translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation>刷新</translation>
    </message>
    <message>
        <source>Reading the reviews on Connect</source>
        <translation>正在读取Connect平台上的审阅</translation>
    </message>
    <message>
        <source>submitted, waiting for review</source>
        <translation>已提交，等待审阅</translation>
    </message>
    <message>
        <source>not here yet</source>
        <translation>本机尚无</translation>
    </message>
    <message>
        <source>Submitted by {who}</source>
        <translation>提交人：{who}</translation>
    </message>
    <message numerus="yes">
        <source>%n audit(s) in review or waiting for review on Connect.</source>
        <translation>
            <numerusform>Connect平台上有 %n 个审核正在审阅或等待审阅。</numerusform>
        </translation>
    </message>
    <message>
        <source>Connect holds no audit for your review.</source>
        <translation>Connect平台上没有需要您审阅的审核。</translation>
    </message>
    <message>
        <source>Type your name first: it signs your comments and decisions.</source>
        <translation>请先输入您的姓名：用于签署您的意见和决定。</translation>
    </message>
</context>
<context>
    <name>ReviewItems</name>
    <message>
        <source>Item</source>
        <translation>项目</translation>
    </message>
    <message>
        <source>What it says</source>
        <translation>内容</translation>
    </message>
    <message>
        <source>Comments</source>
        <translation>意见</translation>
    </message>
    <message>
        <source>The audit as a whole</source>
        <translation>整个审核</translation>
    </message>
    <message>
        <source>Finding {checkpoint} ({grade})</source>
        <translation>不符合项 {checkpoint}（{grade}）</translation>
    </message>
    <message>
        <source>CAP row of finding {checkpoint}</source>
        <translation>不符合项 {checkpoint} 的纠正措施计划（CAP）条目</translation>
    </message>
    <message>
        <source>Interview {code}</source>
        <translation>访谈 {code}</translation>
    </message>
    <message>
        <source>Photo {name}</source>
        <translation>照片 {name}</translation>
    </message>
    <message>
        <source>Factory profile: {field}</source>
        <translation>工厂概况：{field}</translation>
    </message>
    <message>
        <source>individual interview</source>
        <translation>个别访谈</translation>
    </message>
    <message>
        <source>group interview</source>
        <translation>小组访谈</translation>
    </message>
    <message numerus="yes">
        <source>%n comment(s)</source>
        <translation>
            <numerusform>%n 条意见</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n not answered</source>
        <translation>
            <numerusform>%n 条未回复</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ReviewPlatform</name>
    <message>
        <source>Reviews on &amp;Connect…</source>
        <translation>Connect平台上的审阅(&amp;C)…</translation>
    </message>
    <message>
        <source>The audits waiting for your review on Connect, or your audits the lead commented on: open one in the review mode</source>
        <translation>Connect平台上等待您审阅的审核，或主管已提出意见的您的审核：在审阅模式中打开</translation>
    </message>
    <message>
        <source>Opened from Connect: {state}</source>
        <translation>已从Connect平台打开：{state}</translation>
    </message>
    <message>
        <source>Opening the review from Connect</source>
        <translation>正在从Connect平台打开审阅</translation>
    </message>
    <message>
        <source>The review was not opened from Connect</source>
        <translation>未能从Connect平台打开审阅</translation>
    </message>
    <message>
        <source>Send the finalized new revision back to the lead through Connect</source>
        <translation>通过Connect平台将已定稿的新修订版发回主管</translation>
    </message>
</context>
<context>
    <name>ReviewState</name>
    <message>
        <source>not in review</source>
        <translation>未在审阅中</translation>
    </message>
    <message>
        <source>received for review</source>
        <translation>已接收待审阅</translation>
    </message>
    <message>
        <source>returned for rework</source>
        <translation>已退回修改</translation>
    </message>
    <message>
        <source>resubmitted</source>
        <translation>已重新提交</translation>
    </message>
    <message>
        <source>approved for submission</source>
        <translation>已批准提交</translation>
    </message>
    <message>
        <source>submitted to the program</source>
        <translation>已提交项目方</translation>
    </message>
</context>
<context>
    <name>ReviewView</name>
    <message>
        <source>◀ Audits</source>
        <translation>◀ 审核列表</translation>
    </message>
    <message>
        <source>Open the audit</source>
        <translation>打开审核</translation>
    </message>
    <message>
        <source>Every page of the audit, read-only: evidence, signatures, completeness</source>
        <translation>审核的所有页面（只读）：证据、签名、完整性</translation>
    </message>
    <message>
        <source>Save review file…</source>
        <translation>保存审阅文件…</translation>
    </message>
    <message>
        <source>Write the audit with its review (comments, answers, decisions) to an .escp file to hand over</source>
        <translation>将审核连同审阅（意见、回复、决定）写入 .escp 文件以便交接</translation>
    </message>
    <message>
        <source>Your comment on the selected item, or your answer to the selected comment</source>
        <translation>对所选项目的意见，或对所选意见的回复</translation>
    </message>
    <message>
        <source>Comment on the item</source>
        <translation>对该项目提意见</translation>
    </message>
    <message>
        <source>Answer the comment</source>
        <translation>回复该意见</translation>
    </message>
    <message>
        <source>Comments, by item</source>
        <translation>意见（按项目）</translation>
    </message>
    <message>
        <source>Items and comments</source>
        <translation>项目与意见</translation>
    </message>
    <message>
        <source>History</source>
        <translation>修改记录</translation>
    </message>
    <message>
        <source>What changed</source>
        <translation>变化内容</translation>
    </message>
    <message>
        <source>Return for rework…</source>
        <translation>退回修改…</translation>
    </message>
    <message>
        <source>Approve…</source>
        <translation>批准…</translation>
    </message>
    <message>
        <source>Mark submitted</source>
        <translation>标记为已提交</translation>
    </message>
    <message>
        <source>Record that the approved audit went to the program</source>
        <translation>记录已批准的审核已提交项目方</translation>
    </message>
    <message>
        <source>Start the new revision</source>
        <translation>开始新版本</translation>
    </message>
    <message>
        <source>A corrected copy as a new draft; the comments follow its items</source>
        <translation>以更正副本作为新草稿；意见随对应项目保留</translation>
    </message>
    <message>
        <source>Open the new revision</source>
        <translation>打开新版本</translation>
    </message>
    <message>
        <source>Resubmit…</source>
        <translation>重新提交…</translation>
    </message>
    <message>
        <source>Hand the finalized new revision back to the lead as an .escp file</source>
        <translation>将已定稿的新版本以 .escp 文件交回主任审核员</translation>
    </message>
    <message>
        <source>Reading the review</source>
        <translation>正在读取审阅</translation>
    </message>
    <message>
        <source>This audit is not in review here</source>
        <translation>该审核在本机未处于审阅中</translation>
    </message>
    <message>
        <source> · revision {n}</source>
        <translation> · 第{n}版</translation>
    </message>
    <message>
        <source>Review: {factory}{revision}</source>
        <translation>审阅：{factory}{revision}</translation>
    </message>
    <message numerus="yes">
        <source>History ⚠ %n</source>
        <translation>
            <numerusform>修改记录 ⚠ %n</numerusform>
        </translation>
    </message>
    <message>
        <source>You review this audit.</source>
        <translation>您是该审核的审阅人。</translation>
    </message>
    <message>
        <source>You are the auditor of this audit.</source>
        <translation>您是该审核的审核员。</translation>
    </message>
    <message>
        <source>{comments}, {unanswered}.</source>
        <translation>{comments}，{unanswered}。</translation>
    </message>
    <message numerus="yes">
        <source>%n comment(s)</source>
        <translation>
            <numerusform>%n 条意见</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n not answered</source>
        <translation>
            <numerusform>%n 条未回复</numerusform>
        </translation>
    </message>
    <message>
        <source>Comment on the items, then return the audit for rework or approve it.</source>
        <translation>对各项目提出意见，然后退回修改或批准。</translation>
    </message>
    <message>
        <source>Returned: the auditor answers and resubmits a new revision.</source>
        <translation>已退回：由审核员回复并重新提交新版本。</translation>
    </message>
    <message>
        <source>Approved: mark it submitted once it went to the program.</source>
        <translation>已批准：提交项目方后标记为已提交。</translation>
    </message>
    <message>
        <source>Answer the comments and start the new revision to correct the audit.</source>
        <translation>回复意见，并开始新版本以更正审核。</translation>
    </message>
    <message>
        <source>Correct and finalize revision {n}, then resubmit it.</source>
        <translation>更正并定稿第{n}版，然后重新提交。</translation>
    </message>
    <message>
        <source>Revision {n} is finalized: resubmit it.</source>
        <translation>第{n}版已定稿：请重新提交。</translation>
    </message>
    <message>
        <source>Resubmitted: the lead reviews the new revision.</source>
        <translation>已重新提交：由主任审核员审阅新版本。</translation>
    </message>
    <message>
        <source>Type the words first.</source>
        <translation>请先输入内容。</translation>
    </message>
    <message>
        <source>ESCP audit package (*.escp)</source>
        <translation>ESCP 审核文件包 (*.escp)</translation>
    </message>
    <message>
        <source>Writing the review file</source>
        <translation>正在写入审阅文件</translation>
    </message>
    <message>
        <source>Wrote {path}</source>
        <translation>已写入 {path}</translation>
    </message>
    <message>
        <source>The audit goes back to the auditor with your comments, signed with this laptop&apos;s key and sent through Connect.</source>
        <translation>审核连同您的意见退回审核员，以本电脑的密钥签署并通过Connect平台发送。</translation>
    </message>
    <message>
        <source>Return</source>
        <translation>退回</translation>
    </message>
    <message>
        <source>Save the returned audit for the auditor</source>
        <translation>为审核员保存退回的审核</translation>
    </message>
    <message>
        <source>Return for rework</source>
        <translation>退回修改</translation>
    </message>
    <message>
        <source>The audit goes back to the auditor with your comments, signed with this laptop&apos;s key. Then save the file for the auditor.</source>
        <translation>审核连同您的意见退回给审核员，以本电脑的密钥签署。然后为审核员保存文件。</translation>
    </message>
    <message>
        <source>Return…</source>
        <translation>退回…</translation>
    </message>
    <message>
        <source>Approve</source>
        <translation>批准</translation>
    </message>
    <message>
        <source>You approve the audit for submission to the program, signed with this laptop&apos;s key. The auditor who sealed it cannot approve it.</source>
        <translation>您批准该审核提交项目方，以本电脑的密钥签署。封存该审核的审核员不能批准。</translation>
    </message>
    <message>
        <source>Revision {n} goes back to the lead for review, signed with this laptop&apos;s key and sent through Connect (the revision itself first).</source>
        <translation>修订版 {n} 发回主管审阅，以本电脑的密钥签署并通过Connect平台发送（先发送修订版本身）。</translation>
    </message>
    <message>
        <source>Save the resubmitted audit for the lead</source>
        <translation>为主任审核员保存重新提交的审核</translation>
    </message>
    <message>
        <source>Resubmit</source>
        <translation>重新提交</translation>
    </message>
    <message>
        <source>Revision {n} goes back to the lead for review, signed with this laptop&apos;s key. Then save the file for the lead.</source>
        <translation>第{n}版交回主任审核员审阅，以本电脑的密钥签署。然后为主任审核员保存文件。</translation>
    </message>
    <message>
        <source>Save the review file</source>
        <translation>保存审阅文件</translation>
    </message>
</context>
<context>
    <name>RosterDrawBox</name>
    <message>
        <source>{low}-{high} workers</source>
        <translation>{low}-{high}名工人</translation>
    </message>
    <message>
        <source>{low}+ workers</source>
        <translation>{low}名以上工人</translation>
    </message>
    <message>
        <source>Roster and random draw</source>
        <translation>花名册和随机抽样</translation>
    </message>
    <message>
        <source>Import roster…</source>
        <translation>导入花名册…</translation>
    </message>
    <message>
        <source>The factory&apos;s worker roster as CSV; it is kept on this laptop with the audit&apos;s confidential data, never in the audit record or the report</source>
        <translation>工厂的员工花名册（CSV）；与审核的保密数据一起保存在本机，不会进入审核记录或报告</translation>
    </message>
    <message>
        <source>No roster loaded.</source>
        <translation>尚未导入花名册。</translation>
    </message>
    <message>
        <source>Plan</source>
        <translation>计划</translation>
    </message>
    <message>
        <source>Headcount</source>
        <translation>员工人数</translation>
    </message>
    <message>
        <source>Random by default; recorded with the draw so a reviewer can repeat it</source>
        <translation>默认随机；与抽样结果一起记录，以便评审人员重现</translation>
    </message>
    <message>
        <source>Draw workers</source>
        <translation>抽取工人</translation>
    </message>
    <message>
        <source>Seed</source>
        <translation>随机种子</translation>
    </message>
    <message>
        <source>Workers</source>
        <translation>工人人数</translation>
    </message>
    <message>
        <source>Enter the headcount in the factory profile (opening meeting), or import the roster.</source>
        <translation>请在工厂概况（首次会议）中填写员工人数，或导入花名册。</translation>
    </message>
    <message numerus="yes">
        <source> + %n group(s) of {size}</source>
        <translation>
            <numerusform> + %n 个 {size} 人小组</numerusform>
        </translation>
    </message>
    <message>
        <source>{headcount} workers ({band}): interview {interview} — {individual} individual{groups}; review {records} workers&apos; records; {days} man-days.</source>
        <translation>{headcount} 名工人（{band}）：访谈 {interview} 人 — 个别访谈 {individual} 人{groups}；审查 {records} 名工人的记录；{days} 人日。</translation>
    </message>
    <message>
        <source>The roster of the recorded draw is kept on this laptop.</source>
        <translation>已记录的抽样所用花名册保存在本机。</translation>
    </message>
    <message>
        <source>The roster the workers were drawn from is not on this laptop: import it (SHA-256 {sha}…) to see the call list and replace absent workers.</source>
        <translation>抽取工人所用的花名册不在本机：导入（SHA-256 {sha}…）后即可查看访谈名单并替补缺勤工人。</translation>
    </message>
    <message>
        <source>No workers drawn yet.</source>
        <translation>尚未抽取工人。</translation>
    </message>
    <message numerus="yes">
        <source>Drawn {when}: %n worker(s) with seed {seed} from a roster of {roster} (SHA-256 {sha}…). </source>
        <translation>
            <numerusform>抽样时间 {when}：以随机种子 {seed} 从 {roster} 人的花名册（SHA-256 {sha}…）中抽取 %n 名工人。</numerusform>
        </translation>
    </message>
    <message>
        <source>Opening the roster kept on this laptop</source>
        <translation>正在打开本机保存的花名册</translation>
    </message>
    <message numerus="yes">
        <source>{name}: %n worker(s), kept on this laptop since {day} (SHA-256 {sha}…).</source>
        <translation>
            <numerusform>{name}：%n 名工人，自 {day} 起保存在本机（SHA-256 {sha}…）。</numerusform>
        </translation>
    </message>
    <message>
        <source>Import the worker roster</source>
        <translation>导入员工花名册</translation>
    </message>
    <message>
        <source>Roster (*.csv *.txt);;All files (*)</source>
        <translation>花名册 (*.csv *.txt);;所有文件 (*)</translation>
    </message>
    <message>
        <source>Reading the roster</source>
        <translation>正在读取花名册</translation>
    </message>
    <message>
        <source>It could not be kept on this laptop ({problem}): import it again after a restart.</source>
        <translation>无法保存在本机（{problem}）：重新启动后请再次导入。</translation>
    </message>
    <message numerus="yes">
        <source>{name}: %n worker(s) ({encoding}); kept on this laptop with the audit&apos;s confidential data, so it is not asked for again (SHA-256 {sha}…).</source>
        <translation>
            <numerusform>{name}：%n 名工人（{encoding}）；已与审核的保密数据一起保存在本机，无需再次索取（SHA-256 {sha}…）。</numerusform>
        </translation>
    </message>
    <message>
        <source>The roster cannot be used: </source>
        <translation>花名册无法使用：</translation>
    </message>
    <message>
        <source>The roster could not be read: </source>
        <translation>花名册无法读取：</translation>
    </message>
    <message>
        <source>The roster cannot be checked for this audit: {error}</source>
        <translation>无法为此审核核查花名册：{error}</translation>
    </message>
    <message>
        <source>Drawing workers</source>
        <translation>正在抽取工人</translation>
    </message>
</context>
<context>
    <name>SaveMark</name>
    <message>
        <source>Saving…</source>
        <translation>正在保存…</translation>
    </message>
    <message>
        <source>Changes are being written to the audit database</source>
        <translation>正在将修改写入审核数据库</translation>
    </message>
    <message>
        <source>Not saved</source>
        <translation>未保存</translation>
    </message>
    <message>
        <source>✓ Saved {time}</source>
        <translation>✓ 已保存 {time}</translation>
    </message>
    <message>
        <source>Every change is in the audit database (there is no Save button)</source>
        <translation>所有修改都已写入审核数据库（无需点“保存”）</translation>
    </message>
    <message>
        <source>The last change was not saved: {error}</source>
        <translation>最近的修改未能保存：{error}</translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <source>Photos</source>
        <translation>照片</translation>
    </message>
    <message>
        <source>Worker rosters</source>
        <translation>员工花名册</translation>
    </message>
    <message>
        <source>Printed call lists</source>
        <translation>打印的访谈名单</translation>
    </message>
    <message>
        <source>Audit packages (.escp)</source>
        <translation>审核包（.escp）</translation>
    </message>
    <message>
        <source>Reports (PDF)</source>
        <translation>报告（PDF）</translation>
    </message>
    <message>
        <source>Settings</source>
        <translation>设置</translation>
    </message>
    <message>
        <source>As the system (%1)</source>
        <translation>跟随系统（%1）</translation>
    </message>
    <message>
        <source>A new language shows the next time the app starts.</source>
        <translation>新的语言将在下次启动程序时生效。</translation>
    </message>
    <message>
        <source>This start follows AUDITOR_APP_LANG={value}.</source>
        <translation>本次启动按 AUDITOR_APP_LANG={value} 设置。</translation>
    </message>
    <message>
        <source>English</source>
        <translation>英语</translation>
    </message>
    <message>
        <source>Chinese</source>
        <translation>中文</translation>
    </message>
    <message>
        <source>Both (English and Chinese)</source>
        <translation>中英双语</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>语言</translation>
    </message>
    <message>
        <source>&amp;Window</source>
        <translation>界面(&amp;W)</translation>
    </message>
    <message>
        <source>&amp;Reports</source>
        <translation>报告(&amp;R)</translation>
    </message>
    <message>
        <source>The lead auditor a new audit starts with</source>
        <translation>新建审核时默认的主审核员</translation>
    </message>
    <message>
        <source>The audit firm a new audit starts with</source>
        <translation>新建审核时默认的审核机构</translation>
    </message>
    <message>
        <source>Auditor</source>
        <translation>审核员</translation>
    </message>
    <message>
        <source>&amp;Name</source>
        <translation>姓名(&amp;N)</translation>
    </message>
    <message>
        <source>Audit &amp;firm</source>
        <translation>审核机构(&amp;F)</translation>
    </message>
    <message>
        <source>Folders file dialogs open in</source>
        <translation>文件对话框打开的文件夹</translation>
    </message>
    <message>
        <source>Choose…</source>
        <translation>选择…</translation>
    </message>
    <message>
        <source>Choose a folder</source>
        <translation>选择文件夹</translation>
    </message>
</context>
<context>
    <name>SignatureBox</name>
    <message>
        <source>Full name</source>
        <translation>全名</translation>
    </message>
    <message>
        <source>Has the authority to implement this CAP</source>
        <translation>有权执行此CAP</translation>
    </message>
    <message>
        <source>e.g. General Manager</source>
        <translation>如：总经理</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>职务</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <source>Clear</source>
        <translation>清除</translation>
    </message>
</context>
<context>
    <name>SignaturePad</name>
    <message>
        <source>Sign here with the mouse or a pen</source>
        <translation>用鼠标或手写笔在此签名</translation>
    </message>
    <message>
        <source>Sign here</source>
        <translation>在此签名</translation>
    </message>
    <message>
        <source>Not signed</source>
        <translation>未签名</translation>
    </message>
</context>
<context>
    <name>StartVisitDialog</name>
    <message>
        <source>Start a visit from a previous audit</source>
        <translation>根据以往审核开始访问</translation>
    </message>
    <message>
        <source>%1: a new visit after %2. Its open NCs and their CAP come along, to be verified item by item.</source>
        <translation>%1：%2之后的新访问。未关闭的不符合项及其CAP会一并带入，逐项验证。</translation>
    </message>
    <message>
        <source>Announced to the factory</source>
        <translation>已通知工厂</translation>
    </message>
    <message>
        <source>Full name</source>
        <translation>全名</translation>
    </message>
    <message>
        <source>&amp;Visit</source>
        <translation>访问(&amp;V)</translation>
    </message>
    <message>
        <source>First &amp;day</source>
        <translation>第一天(&amp;D)</translation>
    </message>
    <message>
        <source>&amp;Last day</source>
        <translation>最后一天(&amp;L)</translation>
    </message>
    <message>
        <source>Lead (auditor or PV specialist)</source>
        <translation>负责人（审核员或进展访问专员）</translation>
    </message>
    <message>
        <source>Start visit</source>
        <translation>开始访问</translation>
    </message>
    <message>
        <source>Name who leads the visit.</source>
        <translation>请填写访问负责人。</translation>
    </message>
</context>
<context>
    <name>StatusIndicator</name>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Stop this task; what is already done is kept</source>
        <translation>停止此任务；已完成的部分会保留</translation>
    </message>
</context>
<context>
    <name>SyncBadge</name>
    <message>
        <source>not queued</source>
        <translation>未排队</translation>
    </message>
    <message>
        <source>waiting</source>
        <translation>等待中</translation>
    </message>
    <message>
        <source>sending</source>
        <translation>发送中</translation>
    </message>
    <message>
        <source>sent</source>
        <translation>已发送</translation>
    </message>
    <message>
        <source>failed</source>
        <translation>失败</translation>
    </message>
</context>
<context>
    <name>SyncPanel</name>
    <message>
        <source>Factory</source>
        <translation>工厂</translation>
    </message>
    <message>
        <source>What</source>
        <translation>内容</translation>
    </message>
    <message>
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Progress</source>
        <translation>进度</translation>
    </message>
    <message>
        <source>Platform&apos;s answer</source>
        <translation>平台答复</translation>
    </message>
    <message>
        <source>waiting</source>
        <translation>等待中</translation>
    </message>
    <message>
        <source>sent</source>
        <translation>已发送</translation>
    </message>
    <message>
        <source>failed</source>
        <translation>被拒绝</translation>
    </message>
    <message>
        <source>sending the alert</source>
        <translation>正在发送警报</translation>
    </message>
    <message>
        <source>sending the package list</source>
        <translation>正在发送文件包清单</translation>
    </message>
    <message>
        <source>uploading</source>
        <translation>正在上传</translation>
    </message>
    <message>
        <source>being verified</source>
        <translation>正在核验</translation>
    </message>
    <message>
        <source>Audit package</source>
        <translation>审核文件包</translation>
    </message>
    <message>
        <source>Zero Tolerance alert ({checkpoint})</source>
        <translation>零容忍警报（{checkpoint}）</translation>
    </message>
    <message>
        <source>Zero Tolerance alert</source>
        <translation>零容忍警报</translation>
    </message>
    <message>
        <source>Sync with Connect</source>
        <translation>与Connect平台同步</translation>
    </message>
    <message>
        <source>Sync now</source>
        <translation>立即同步</translation>
    </message>
    <message>
        <source>Send every waiting alert and audit package now</source>
        <translation>立即发送所有等待中的警报和审核包</translation>
    </message>
    <message>
        <source>Retry</source>
        <translation>重试</translation>
    </message>
    <message>
        <source>Send again what the platform refused or could not be reached for</source>
        <translation>重新发送被平台拒绝或无法连接时未发出的内容</translation>
    </message>
    <message>
        <source>Stop</source>
        <translation>停止</translation>
    </message>
    <message>
        <source>Stop after the chunk being sent; the upload resumes from there next time</source>
        <translation>发送完当前数据块后停止；下次从此处继续上传</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <source>sent {when} UTC</source>
        <translation>已于 {when} UTC 发送</translation>
    </message>
    <message>
        <source>Receipt verified with the platform&apos;s key.</source>
        <translation>回执已用平台密钥核验。</translation>
    </message>
    <message>
        <source>done</source>
        <translation>完成</translation>
    </message>
    <message>
        <source>Nothing to send: finalized audits and Zero Tolerance alerts appear here.</source>
        <translation>没有要发送的内容：已定稿的审核和零容忍警报会显示在这里。</translation>
    </message>
    <message>
        <source>{waiting} waiting, {failed} refused by the platform, {sent} sent.</source>
        <translation>等待中{waiting}项，被平台拒绝{failed}项，已发送{sent}项。</translation>
    </message>
    <message>
        <source>Sending…</source>
        <translation>正在发送…</translation>
    </message>
    <message>
        <source>Syncing with Connect</source>
        <translation>正在与Connect平台同步</translation>
    </message>
    <message>
        <source>Retrying</source>
        <translation>正在重试</translation>
    </message>
    <message>
        <source>Stopping after the piece being sent…</source>
        <translation>发送完当前部分后停止…</translation>
    </message>
    <message>
        <source>{done} of {total} MB</source>
        <translation>{done} / {total} MB</translation>
    </message>
    <message>
        <source>Sent {sent}, waiting {waiting}, refused {failed}.</source>
        <translation>已发送{sent}项，等待中{waiting}项，被拒绝{failed}项。</translation>
    </message>
    <message>
        <source>Read the platform&apos;s answer, fix what it names, then press Retry.</source>
        <translation>请阅读平台答复，更正其指出的问题，然后点击“重试”。</translation>
    </message>
    <message>
        <source>The platform could not be reached; press Sync now to try again.</source>
        <translation>无法连接平台；请点击“立即同步”重试。</translation>
    </message>
</context>
<context>
    <name>TourPage</name>
    <message>
        <source>Production</source>
        <translation>生产</translation>
    </message>
    <message>
        <source>Warehouse</source>
        <translation>仓库</translation>
    </message>
    <message>
        <source>Dormitory</source>
        <translation>宿舍</translation>
    </message>
    <message>
        <source>Canteen</source>
        <translation>食堂</translation>
    </message>
    <message>
        <source>Office</source>
        <translation>办公室</translation>
    </message>
    <message>
        <source>Other site</source>
        <translation>其他场所</translation>
    </message>
    <message>
        <source>Photos (*.jpg *.jpeg *.png *.heic *.tif *.tiff);;All files (*)</source>
        <translation>照片 (*.jpg *.jpeg *.png *.heic *.tif *.tiff);;所有文件 (*)</translation>
    </message>
    <message>
        <source>Areas of the tour; select one to record what you see there</source>
        <translation>巡查区域；选择一个区域记录所见情况</translation>
    </message>
    <message>
        <source>Add area ▾</source>
        <translation>添加区域 ▾</translation>
    </message>
    <message>
        <source>Add an area of the given kind (Ctrl+Shift+A)</source>
        <translation>添加指定类型的区域（Ctrl+Shift+A）</translation>
    </message>
    <message>
        <source>Add the usual areas</source>
        <translation>添加常规区域</translation>
    </message>
    <message>
        <source>Production per department, warehouse, and the dormitory, canteen and other sites the profile lists</source>
        <translation>各部门的生产区、仓库，以及工厂概况中列出的宿舍、食堂和其他场所</translation>
    </message>
    <message>
        <source>No areas yet.

Press “Add the usual areas” to list production, warehouse, dormitory, canteen and other sites from the factory profile, or add areas one by one.</source>
        <translation>还没有区域。

点击“添加常规区域”，根据工厂概况列出生产区、仓库、宿舍、食堂和其他场所，或逐个添加区域。</translation>
    </message>
    <message>
        <source>Visited</source>
        <translation>已巡查</translation>
    </message>
    <message>
        <source>Ticked with the time when you walk the area</source>
        <translation>巡查该区域时勾选，并记录时间</translation>
    </message>
    <message>
        <source>What you see: exits, PPE, machine guards, chemicals, crowding, workers who look under age, locked doors…</source>
        <translation>所见情况：出口、个人防护用品、防护装置、化学品、拥挤、疑似未成年的工人、上锁的门…</translation>
    </message>
    <message>
        <source>Add photos…</source>
        <translation>添加照片…</translation>
    </message>
    <message>
        <source>Import photos of this area (they are kept unaltered, by hash)</source>
        <translation>导入此区域的照片（按哈希值原样保存）</translation>
    </message>
    <message>
        <source>Raise an NC here</source>
        <translation>在此提出不符合项</translation>
    </message>
    <message>
        <source>Open the checklist to record a non-compliance seen in this area (Ctrl+Shift+N)</source>
        <translation>打开检查表，记录在此区域发现的不符合项（Ctrl+Shift+N）</translation>
    </message>
    <message>
        <source>Remove area</source>
        <translation>删除区域</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <source>Observations</source>
        <translation>观察记录</translation>
    </message>
    <message>
        <source>at {time}</source>
        <translation>{time}</translation>
    </message>
    <message numerus="yes">
        <source>%n photo(s)</source>
        <translation>
            <numerusform>%n 张照片</numerusform>
        </translation>
    </message>
    <message>
        <source>Remove area?</source>
        <translation>删除区域？</translation>
    </message>
    <message>
        <source>Remove “{name}” and its observations from the tour? Photos stay in the evidence list. You can undo this right after.</source>
        <translation>从巡查中删除“{name}”及其观察记录？照片仍保留在证据列表中。删除后可立即撤销。</translation>
    </message>
    <message>
        <source>Area “{name}” removed.</source>
        <translation>已删除区域“{name}”。</translation>
    </message>
    <message>
        <source>Seen in {area}: </source>
        <translation>在{area}发现：</translation>
    </message>
    <message>
        <source>Photos of this area</source>
        <translation>此区域的照片</translation>
    </message>
    <message>
        <source>Importing photos</source>
        <translation>正在导入照片</translation>
    </message>
</context>
<context>
    <name>UndoBar</name>
    <message>
        <source>&amp;Undo</source>
        <translation>撤销(&amp;U)</translation>
    </message>
    <message>
        <source>Bring back what was just removed (Ctrl+Z)</source>
        <translation>恢复刚刚删除的内容（Ctrl+Z）</translation>
    </message>
    <message>
        <source>Hide</source>
        <translation>隐藏</translation>
    </message>
</context>
<context>
    <name>UnlockDialog</name>
    <message>
        <source>Choose a passphrase</source>
        <translation>设置密码短语</translation>
    </message>
    <message>
        <source>Unlock the audits</source>
        <translation>解锁审核数据</translation>
    </message>
    <message>
        <source>This computer has no keyring to keep the key of the data folder {folder}. Choose a passphrase to protect the audits in it: it is asked each time the app starts, and without it nobody, you included, can read them.</source>
        <translation>这台电脑没有可保存数据文件夹 {folder} 密钥的系统钥匙串。请设置一个密码短语来保护其中的审核：每次启动应用时都会询问；没有它，任何人（包括您自己）都无法读取这些审核。</translation>
    </message>
    <message>
        <source>The audits in the data folder {folder} are encrypted. Type the passphrase chosen for it to open them.</source>
        <translation>数据文件夹 {folder} 中的审核已加密。请输入为它设置的密码短语以打开。</translation>
    </message>
    <message>
        <source>Wrong passphrase: the data folder stays locked. Type it again (letters and case count).</source>
        <translation>密码短语错误：数据文件夹仍处于锁定状态。请重新输入（注意字母和大小写）。</translation>
    </message>
    <message>
        <source>Passphrase</source>
        <translation>密码短语</translation>
    </message>
    <message>
        <source>The same again</source>
        <translation>再次输入</translation>
    </message>
    <message>
        <source>Protect</source>
        <translation>保护</translation>
    </message>
    <message>
        <source>Unlock</source>
        <translation>解锁</translation>
    </message>
    <message>
        <source>Quit</source>
        <translation>退出</translation>
    </message>
    <message>
        <source>Type the passphrase first.</source>
        <translation>请先输入密码短语。</translation>
    </message>
    <message numerus="yes">
        <source>A passphrase needs at least %n characters.</source>
        <translation>
            <numerusform>密码短语至少需要 %n 个字符。</numerusform>
        </translation>
    </message>
    <message>
        <source>The two passphrases differ: type the same one twice.</source>
        <translation>两次输入的密码短语不一致：请输入两次相同的密码短语。</translation>
    </message>
    <message>
        <source>The audits stay locked</source>
        <translation>审核数据仍处于锁定状态</translation>
    </message>
    <message>
        <source>The data folder could not be unlocked, so nothing was opened and nothing was changed.</source>
        <translation>无法解锁数据文件夹，因此未打开任何内容，也未做任何更改。</translation>
    </message>
</context>
<context>
    <name>WeeklyHoursChart</name>
    <message>
        <source>Each week from Monday: the median sampled worker, the 90th percentile and the longest week of any sampled worker. Points above the 60 h line are red.</source>
        <translation>从周一起算的每一周：抽查工人的中位数、第90百分位，以及抽查工人中最长的一周。高于60小时线的点为红色。</translation>
    </message>
</context>
<context>
    <name>WorkerMonthTable</name>
    <message>
        <source>Worker</source>
        <translation>工人</translation>
    </message>
    <message>
        <source>Month</source>
        <translation>月份</translation>
    </message>
    <message>
        <source>Days</source>
        <translation>天数</translation>
    </message>
    <message>
        <source>Hours</source>
        <translation>工时</translation>
    </message>
    <message>
        <source>OT wkday</source>
        <translation>工作日加班</translation>
    </message>
    <message>
        <source>OT rest</source>
        <translation>休息日加班</translation>
    </message>
    <message>
        <source>OT hol.</source>
        <translation>节假日加班</translation>
    </message>
    <message>
        <source>Run</source>
        <translation>连续工作</translation>
    </message>
    <message>
        <source>&gt; 11 h</source>
        <translation>&gt; 11 小时</translation>
    </message>
    <message>
        <source>Max week</source>
        <translation>最长周</translation>
    </message>
    <message>
        <source>OT paid</source>
        <translation>计薪加班</translation>
    </message>
    <message>
        <source>Breaches</source>
        <translation>违规</translation>
    </message>
    <message>
        <source>Roster id</source>
        <translation>花名册编号</translation>
    </message>
    <message>
        <source>The month</source>
        <translation>月份</translation>
    </message>
    <message>
        <source>Days worked</source>
        <translation>工作天数</translation>
    </message>
    <message>
        <source>Hours worked</source>
        <translation>工作工时</translation>
    </message>
    <message>
        <source>Overtime on working days (150 %)</source>
        <translation>工作日加班（150%）</translation>
    </message>
    <message>
        <source>Overtime on rest days (200 %)</source>
        <translation>休息日加班（200%）</translation>
    </message>
    <message>
        <source>Hours on statutory holidays (300 %)</source>
        <translation>法定节假日工时（300%）</translation>
    </message>
    <message>
        <source>Longest run of days without a day off touching this month</source>
        <translation>涉及本月的最长连续工作天数（无休息日）</translation>
    </message>
    <message>
        <source>Days over 11 hours</source>
        <translation>超过11小时的天数</translation>
    </message>
    <message>
        <source>Longest Monday-to-Sunday week counted in this month</source>
        <translation>本月计入的最长一周（周一至周日）</translation>
    </message>
    <message>
        <source>Overtime hours in the payroll (if it has them)</source>
        <translation>工资表中的加班工时（如有）</translation>
    </message>
    <message>
        <source>The breaches of this worker-month</source>
        <translation>该工人当月的违规情况</translation>
    </message>
    <message>
        <source>Overtime hours paid differ from the hours recorded by more than 1 h: a signal to triangulate (possible second set of records).</source>
        <translation>计薪加班工时与记录工时相差超过1小时：需交叉核实的信号（可能有两套记录）。</translation>
    </message>
</context>
<context>
    <name>WorkerSurveyPanel</name>
    <message>
        <source>New response</source>
        <translation>新建答卷</translation>
    </message>
    <message>
        <source>Remove response</source>
        <translation>删除答卷</translation>
    </message>
    <message>
        <source>Worker:</source>
        <translation>工人：</translation>
    </message>
    <message>
        <source>What the worker added in their own words (confidential)</source>
        <translation>工人用自己的话补充的内容（保密）</translation>
    </message>
    <message>
        <source>Comment:</source>
        <translation>补充：</translation>
    </message>
    <message>
        <source>Save response</source>
        <translation>保存答卷</translation>
    </message>
    <message>
        <source>Question</source>
        <translation>问题</translation>
    </message>
    <message>
        <source>Answers</source>
        <translation>回答</translation>
    </message>
    <message>
        <source>Concerns</source>
        <translation>关注事项</translation>
    </message>
    <message>
        <source>Survey {target} workers chosen at random by you, never by management (the draw above can pick them). Anonymous: a code names each worker. Surveyed so far: {done}.</source>
        <translation>调查{target}名由您随机挑选（绝不由管理层挑选）的工人（可用上方的抽样挑选）。匿名：每名工人只以编号标识。已调查：{done}名。</translation>
    </message>
    <message numerus="yes">
        <source>{code} · %n concern(s)</source>
        <translation>
            <numerusform>{code} · %n项关注事项</numerusform>
        </translation>
    </message>
    <message>
        <source>{code} (chosen on the floor)</source>
        <translation>{code}（在车间挑选）</translation>
    </message>
    <message>
        <source>Drawn worker {code}</source>
        <translation>抽中的工人{code}</translation>
    </message>
    <message>
        <source>Worker survey response {code}</source>
        <translation>工人调查答卷 {code}</translation>
    </message>
    <message>
        <source>A new worker survey response</source>
        <translation>一份新的工人调查答卷</translation>
    </message>
    <message>
        <source>Choose at least one answer before saving.</source>
        <translation>保存前请至少选择一个回答。</translation>
    </message>
</context>
<context>
    <name>ZtAlertBar</name>
    <message>
        <source>Zero Tolerance alert</source>
        <translation>零容忍警报</translation>
    </message>
    <message>
        <source>Send alert now</source>
        <translation>立即发送警报</translation>
    </message>
    <message>
        <source>Send the Zero Tolerance alert to the ESCP program now; its receipt is recorded as the 24-hour notice of the closing meeting</source>
        <translation>立即向ESCP项目方发送零容忍警报；其回执记为末次会议的24小时通知</translation>
    </message>
    <message>
        <source>Later</source>
        <translation>稍后</translation>
    </message>
    <message>
        <source>Sync now (or auditor-app sync) sends it later</source>
        <translation>稍后由“立即同步”（或 auditor-app sync）发送</translation>
    </message>
    <message>
        <source>, </source>
        <translation>、</translation>
    </message>
    <message>
        <source>A Zero Tolerance finding ({checkpoints}) was saved. The ESCP program must hear of it within 24 hours: send the alert now?</source>
        <translation>已保存一项零容忍发现（{checkpoints}）。必须在24小时内通报ESCP项目方：现在发送警报吗？</translation>
    </message>
    <message>
        <source>Sending the Zero Tolerance alert… the sync panel shows the platform&apos;s answer.</source>
        <translation>正在发送零容忍警报… 同步面板会显示平台的回复。</translation>
    </message>
</context>
<context>
    <name>app</name>
    <message>
        <source>The audits could not be opened</source>
        <translation>无法打开审核</translation>
    </message>
</context>
<context>
    <name>crash_handler</name>
    <message>
        <source>The details are in {path}.</source>
        <translation>详细信息见{path}。</translation>
    </message>
    <message>
        <source>No log file could be written.</source>
        <translation>无法写入日志文件。</translation>
    </message>
    <message>
        <source>Something went wrong inside the app ({error}). What you had saved is safe.</source>
        <translation>程序内部出错（{error}）。已保存的内容不受影响。</translation>
    </message>
    <message>
        <source>{where} If it happens again, send that file to whoever supports ESCP Field Auditor for you.</source>
        <translation>{where}如果再次发生，请将该文件发送给为您提供ESCP Field Auditor支持的人员。</translation>
    </message>
    <message>
        <source>Unexpected error</source>
        <translation>意外错误</translation>
    </message>
</context>
<context>
    <name>import_summary</name>
    <message>
        <source>%n photo(s) imported</source>
        <translation>已导入%n张照片</translation>
    </message>
    <message>
        <source>%n duplicate(s) skipped</source>
        <translation>跳过%n张重复照片</translation>
    </message>
    <message>
        <source>%n could not be imported</source>
        <translation>%n张无法导入</translation>
    </message>
    <message>
        <source>, </source>
        <translation>、</translation>
    </message>
    <message>
        <source> (cancelled)</source>
        <translation>（已取消）</translation>
    </message>
    <message>
        <source>.</source>
        <translation>。</translation>
    </message>
</context>
<context>
    <name>operations</name>
    <message>
        <source>Working…</source>
        <translation>处理中…</translation>
    </message>
    <message>
        <source>{task} cancelled</source>
        <translation>{task}已取消</translation>
    </message>
    <message>
        <source>Task</source>
        <translation>任务</translation>
    </message>
    <message>
        <source>The task failed</source>
        <translation>任务失败</translation>
    </message>
    <message>
        <source>An unexpected error stopped this task ({error}). Nothing already saved was lost.</source>
        <translation>意外错误中止了此任务（{error}）。已保存的内容没有丢失。</translation>
    </message>
    <message>
        <source>The details are in the log file (Help &gt; About shows where).</source>
        <translation>详细信息见日志文件（“帮助 &gt; 关于”显示其位置）。</translation>
    </message>
</context>
<context>
    <name>photo_viewer</name>
    <message>
        <source>Making thumbnails</source>
        <translation>正在生成缩略图</translation>
    </message>
    <message>
        <source>Loading photos</source>
        <translation>正在加载照片</translation>
    </message>
    <message>
        <source>The pixels of this photo are damaged: {reason}. The original file is kept exactly as imported (its SHA-256 is unchanged); copy it again from the camera card if you still can.</source>
        <translation>此照片的像素已损坏：{reason}。原始文件按导入时原样保存（SHA-256不变）；如可能，请从存储卡重新复制。</translation>
    </message>
    <message>
        <source>taken {time}</source>
        <translation>拍摄于 {time}</translation>
    </message>
</context>
<context>
    <name>single_instance</name>
    <message>
        <source>ESCP Field Auditor</source>
        <translation>ESCP 现场审核</translation>
    </message>
    <message>
        <source>Show the other window</source>
        <translation>显示另一个窗口</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
</context>
</TS>
