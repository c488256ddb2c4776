"""Every string the wizard shows, in Chinese and English. Questionnaire text comes from the file."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from diagnosis.model.base import Lang  # not at run time: the first paint needs no pydantic

TEXTS: dict[str, tuple[str, str]] = {
    "app": ("数字化水平自诊断", "Digital maturity self-diagnosis"),
    # -- menus (every action has a shortcut: see actions.py) --
    "menu.file": ("文件(&F)", "&File"),
    "menu.new": ("新建评估(&N)", "&New assessment"),
    "menu.import": ("导入评估包(&I)…", "&Import package…"),
    "menu.export": ("导出评估包(&E)…", "&Export package…"),
    "menu.summary": ("诊断汇总表(&S)…", "Provider &summary…"),
    "menu.backup": ("备份数据库(&B)…", "&Back up database…"),
    "menu.restore": ("从备份恢复(&R)…", "&Restore from backup…"),
    "menu.quit": ("退出(&Q)", "&Quit"),
    "menu.assessment": ("评估(&A)", "&Assessment"),
    "act.resume": ("继续填写(&C)", "&Continue"),
    "act.reassess": ("再评估(&R)", "&Re-assess"),
    "act.reopen": ("重新打开为新修订版(&O)", "Re&open as a new revision"),
    "act.compare": ("与其他评估对比(&D)…", "Compare with another assessment…"),
    "act.delete": ("删除(&L)…", "De&lete…"),
    "act.finalize": ("定稿(&F)…", "&Finalize…"),
    "act.pdf": ("导出 PDF 报告(&P)…", "Export &PDF report…"),
    "act.xlsx": ("导出 Excel(&X)…", "Export E&xcel…"),
    "act.home": ("返回首页(&H)", "&Home"),
    "menu.question": ("题目(&Q)", "&Questions"),
    "q.prev": ("上一页(&P)", "&Previous page"),
    "q.next": ("下一页(&N)", "&Next page"),
    "q.prev_dim": ("上一维度", "Previous dimension"),
    "q.next_dim": ("下一维度", "Next dimension"),
    "q.review": ("查看结果(&V)", "&View the result"),
    "q.note": ("备注(&M)", "Note (&M)"),
    "q.flag": ("标记／取消待复核(&R)", "Mark or unmark for &review"),
    "q.attach": ("添加佐证材料(&I)…", "Attach evidence (&I)…"),
    "q.detach": ("移除选中的佐证材料…", "Remove the selected evidence…"),
    "q.search": ("搜索题目(&F)", "&Find a question"),
    "q.next_match": ("下一个匹配", "Next match"),
    "q.prev_match": ("上一个匹配", "Previous match"),
    "q.filter.all": ("显示：全部题目", "Show: all questions"),
    "q.filter.unanswered": ("显示：未答", "Show: unanswered"),
    "q.filter.review": ("显示：待复核", "Show: marked for review"),
    "q.filter.notes": ("显示：有备注", "Show: with a note"),
    "q.jump": ("跳转到维度／能力项(&J)", "&Jump to a dimension"),
    "q.target": ("目标等级(&T)", "&Target level"),
    "q.rest_not_met": ("本级其余未答条款标为“不符合”", 'Mark the rest of this level "not met"'),
    "q.rest_na": ("本级其余未答条款标为“不适用”", 'Mark the rest of this level "not applicable"'),
    "q.rating": ("同一答案集的条款按评分表作答(&G)", "Rate criteria on one &grid page"),
    "menu.lang": ("语言(&L)", "&Language"),
    "lang.zh": ("中文", "中文 (Chinese)"),
    "lang.en": ("English（英文）", "English"),
    "menu.help": ("帮助(&H)", "&Help"),
    "menu.about": ("关于(&A)", "&About"),
    "db": ("数据库：{path}", "Database: {path}"),
    # -- start page --
    "start.title": ("本机上的评估", "Assessments on this computer"),
    "start.search": ("按企业名称、信用代码或问卷搜索", "Search by enterprise, code or questionnaire"),
    "start.loading": ("正在打开数据库…", "Opening the database…"),
    "start.empty": (
        "还没有评估。按 Ctrl+N 新建，或 Ctrl+O 导入评估包。",
        "No assessments yet. Ctrl+N starts one, Ctrl+O imports a package.",
    ),
    "start.based_on": ("基于 #{n}", "based on #{n}"),
    "col.number": ("编号", "No."),
    "col.enterprise": ("企业", "Enterprise"),
    "col.questionnaire": ("问卷", "Questionnaire"),
    "col.revision": ("修订", "Rev."),
    "col.status": ("状态", "Status"),
    "col.score": ("得分", "Score"),
    "col.level": ("等级", "Level"),
    "col.completeness": ("完成度", "Done"),
    "col.progress": ("进度", "Progress"),
    "col.updated": ("最后修改", "Last change"),
    "col.based_on": ("来源", "Started from"),
    "col.dimension": ("维度", "Dimension"),
    "status.draft": ("草稿", "Draft"),
    "status.finalized": ("已定稿", "Finalized"),
    "btn.new": ("新建评估", "New"),
    "btn.resume": ("继续填写", "Continue"),
    "btn.reassess": ("再评估", "Re-assess"),
    "btn.reopen": ("重新打开为新修订版", "Reopen as new revision"),
    "btn.compare": ("对比…", "Compare…"),
    "btn.import": ("导入…", "Import…"),
    "btn.export": ("导出评估包…", "Export package…"),
    "btn.summary": ("诊断汇总表…", "Summary…"),
    "btn.delete": ("删除…", "Delete…"),
    "btn.back": ("上一步", "Back"),
    "btn.next": ("下一步", "Next"),
    "btn.prev_q": ("上一页", "Previous"),
    "btn.next_q": ("下一页", "Next"),
    "btn.review": ("查看结果", "Result"),
    "btn.home": ("返回首页", "Home"),
    "btn.attach": ("添加佐证材料…", "Attach evidence…"),
    "btn.detach": ("移除佐证材料…", "Remove evidence…"),
    "btn.finalize": ("定稿…", "Finalize…"),
    "btn.pdf": ("导出 PDF 报告…", "Export PDF report…"),
    "btn.xlsx": ("导出 Excel…", "Export Excel…"),
    "btn.finish": ("完成", "Finish"),
    "confirm.delete": (
        "确定删除这份评估吗？\n\n企业：{name}\n问卷：{questionnaire}\n编号：#{number}（第 {revision} 版）\n"
        "状态：{status}\n\n答卷、修改历史和佐证材料将一并删除，无法恢复。",
        "Delete this assessment?\n\nEnterprise: {name}\nQuestionnaire: {questionnaire}\n"
        "Number: #{number} (revision {revision})\nStatus: {status}\n\n"
        "Its answers, history and evidence go with it; this cannot be undone.",
    ),
    "confirm.finalize": (
        "定稿后这份评估将锁定为只读：答案和佐证材料都不能再修改（可重新打开为新修订版）。确定定稿吗？",
        "Finalizing locks this assessment: answers and evidence become read-only (it can be "
        "reopened as a new revision). Finalize now?",
    ),
    "confirm.finalize_missing": (
        "\n\n注意：还有 {n} 道必答题未回答。",
        "\n\nNote: {n} required questions are still unanswered.",
    ),
    "confirm.detach": ("从这道题移除佐证材料“{name}”？", 'Remove the evidence "{name}" from this question?'),
    "reopen.draft": (
        "这份评估还是草稿，可以直接修改；只有已定稿的评估需要重新打开。",
        "This assessment is still a draft and can be changed directly; only finalized ones are reopened.",
    ),
    # -- enterprise page --
    "ent.title": ("企业信息", "Enterprise"),
    "ent.pick": ("选择已有企业", "Existing enterprise"),
    "ent.new": ("— 新企业 —", "— new enterprise —"),
    "ent.name": ("企业名称 *", "Enterprise name *"),
    "ent.uscc": ("统一社会信用代码", "Unified social credit code"),
    "ent.industry": ("所属行业（国民经济行业分类代码，如 C34）", "Industry (GB/T 4754 code, e.g. C34)"),
    "ent.province": ("省", "Province"),
    "ent.city": ("市", "City"),
    "ent.county": ("区县", "County"),
    "ent.size": ("企业规模", "Size class"),
    "ent.contact": ("联系人", "Contact person"),
    "ent.phone": ("联系电话", "Contact phone"),
    "ent.mode": ("评估方式", "Mode"),
    "ent.self": ("企业自评估", "Self-assessment"),
    "ent.onsite": ("服务机构现场评估", "On-site by a provider"),
    "ent.provider": ("诊断服务机构", "Service provider"),
    "ent.assessor": ("评估人员", "Assessor"),
    "ent.required": ("请填写企业名称", "Enter the enterprise name"),
    "ent.ok": ("✓ 代码有效", "✓ valid code"),
    # -- questionnaire page --
    "q.title": ("选择问卷", "Choose a questionnaire"),
    "q.minutes": ("约 {n} 分钟", "about {n} min"),
    "q.basis": ("依据：{basis}", "Basis: {basis}"),
    "q.version": ("版本 {version}", "version {version}"),
    # -- question page --
    "ask.help": ("说明", "Help"),
    "ask.evidence": ("佐证材料", "Evidence"),
    "ask.note": ("备注（Ctrl+M，停笔即保存）", "Note (Ctrl+M, saved as you pause)"),
    "ask.saved": ("✓ 已保存", "✓ Saved"),
    "ask.unsaved": ("未保存：{error}", "Not saved: {error}"),
    "ask.progress": ("第 {n} / {total} 页", "Page {n} of {total}"),
    "ask.required": ("必答", "required"),
    "ask.flagged": ("⚑ 待复核", "⚑ marked for review"),
    "ask.flag_set": ("✓ 已标记为待复核", "✓ Marked for review"),
    "ask.flag_cleared": ("✓ 已取消待复核标记", "✓ Review mark removed"),
    "ask.detached": ("✓ 已移除：{name}", "✓ Removed: {name}"),
    "ask.keys": ("回车下一页，Alt+← 上一页", "Enter: next page, Alt+←: previous"),
    "ask.keys.choice": ("数字键 {low}–{high} 选择", "Number keys {low}–{high} choose"),
    "ask.keys.ladder": (
        "数字键 {low}–{high} 即等级（0 = 未开展）",
        "Number keys {low}–{high} are the levels (0 = not started)",
    ),
    "ask.keys.more": ("，↑/↓ 移到其余选项、空格选中", ", ↑/↓ reach the other options, Space chooses"),
    "ask.keys.go": ("，回车下一页，Alt+← 上一页", "; Enter: next page, Alt+←: previous"),
    "ask.keys.number": (
        "填写后回车下一页（可填 1,200、98.5%、全角数字）",
        "Type and press Enter (1,200, 98.5% and full-width digits are fine)",
    ),
    "ask.keys.computed": ("自动计算，回车下一页", "Computed; Enter: next page"),
    "ask.accepts": ("可填：{rule}", "Accepts: {rule}"),
    "ask.unit": ("单位：{unit}", "Unit: {unit}"),
    "ask.range": ("范围 {low} – {high}", "range {low} – {high}"),
    "ask.drop": ("可将文件拖放到此处", "or drop files here"),
    "ask.computed": ("由已填数据自动计算：{value}", "Computed from your figures: {value}"),
    "ask.not_computed": ("填写相关数据后自动计算", "Computed once the figures are entered"),
    "ask.finalized": ("此评估已定稿，只读。", "This assessment is finalized and read-only."),
    "side.search": ("搜索题目或能力项（Ctrl+F）", "Find a question or item (Ctrl+F)"),
    "side.filter": ("筛选", "Filter"),
    "side.count": ("{n} 道题（F3 下一个）", "{n} questions (F3: next)"),
    # -- rating page --
    "rate.position": (
        "{name}    第 {n} / {total} 页    本页已答 {done} / {count}",
        "{name}    page {n} of {total}    {done} of {count} answered here",
    ),
    "rate.level": ("{level} 级  {name}", "Level {level}  {name}"),
    "rate.keys": (
        "↑/↓ 选条款，数字键 1–{high} 作答并到下一条；回车下一页；Ctrl+R 待复核；"
        "Ctrl+Shift+U / Ctrl+Shift+A 本级其余“不符合”／“不适用”",
        "↑/↓ choose a criterion, number keys 1–{high} answer it and move on; Enter: next page; "
        'Ctrl+R: review mark; Ctrl+Shift+U / Ctrl+Shift+A: rest of this level "not met" / "n/a"',
    ),
    "rate.target": ("目标等级（Ctrl+T）：", "Target level (Ctrl+T):"),
    "rate.all_levels": ("未选择：评估全部等级", "None: assess every level"),
    "rate.rest_none": ("本级没有未答的条款。", "No unanswered criteria left at this level."),
    "rate.rest_done.not_met": ("✓ 已保存：{n} 条标为“不符合”", '✓ Saved: {n} criteria marked "not met"'),
    "rate.rest_done.not_applicable": (
        "✓ 已保存：{n} 条标为“不适用”",
        '✓ Saved: {n} criteria marked "not applicable"',
    ),
    # -- review page --
    "rev.title": ("评估结果", "Result"),
    "rev.level": ("等级：{level}", "Level: {level}"),
    "rev.not_rated": ("未达到最低等级", "below the lowest level"),
    "rev.score": ("总分 {score} / {max}", "Score {score} / {max}"),
    "rev.answered": ("    已答 {done} / {total} 题", "    {done} of {total} questions answered"),
    "rev.decided": ("决定等级的条件：", "What decided the level:"),
    "rev.missing": (
        "尚有 {n} 道必答题未回答（回车打开）：",
        "{n} required questions are unanswered (Enter opens):",
    ),
    "rev.complete": ("必答题已全部回答。", "All required questions are answered."),
    "rev.next": ("距“{level}”还差：", 'To reach "{level}":'),
    "rev.top": ("已达到最高等级。", "The highest level is reached."),
    "rev.scene": ("场景", "Scene"),
    "rev.mandatory": ("约束性", "Mandatory"),
    "rev.marker": ("★ = {sets}", "★ = {sets}"),
    "rev.unanswered": ("未答", "unanswered"),
    # -- finish page --
    "fin.title": ("完成", "Finish"),
    "fin.done": ("已保存到 {path}", "Saved to {path}"),
    "fin.working": ("正在生成…", "Working…"),
    "fin.finalized": (
        "已定稿。如需修改，请“重新打开为新修订版”，或在首页选择“再评估”。",
        "Finalized. To change it, reopen it as a new revision or start a re-assessment.",
    ),
    # -- dialogs --
    "cmp.title": ("对比两份评估", "Compare two assessments"),
    "cmp.with": ("与此评估对比(&W)：", "Compare &with:"),
    "cmp.item": ("#{n} r{revision}  {name}  {time}  {status}", "#{n} r{revision}  {name}  {time}  {status}"),
    "cmp.none": (
        "没有同一问卷的其他评估可以对比。",
        "There is no other assessment of this questionnaire to compare with.",
    ),
    "cmp.levels": (
        "改造前 #{before}：{old}（{old_score} 分）    改造后 #{after}：{new}（{new_score} 分）",
        "Before #{before}: {old} ({old_score})    After #{after}: {new} ({new_score})",
    ),
    "cmp.before": ("改造前", "Before"),
    "cmp.after": ("改造后", "After"),
    "cmp.delta": ("变化", "Change"),
    "cmp.report": ("导出含对比的 PDF 报告(&R)…", "Export the PDF &report with the comparison…"),
    "sum.title": ("诊断汇总表", "Provider summary"),
    "sum.provider": ("诊断服务机构(&P)：", "Service &provider:"),
    "sum.any": ("留空：全部机构", "empty: every provider"),
    "sum.from": ("起始日期(&F)：", "&From:"),
    "sum.to": ("截止日期(&T)：", "&To:"),
    "sum.drafts": (
        "包括草稿(&D)（默认只含已定稿的评估）",
        "Include &drafts (finalized assessments only by default)",
    ),
    "sum.export": ("导出 Excel(&E)…", "&Export Excel…"),
    "sum.empty": ("这段时间内没有符合条件的评估。", "No assessment matches in this period."),
    "sum.bad_range": ("起始日期晚于截止日期。", "The start date is after the end date."),
    "sum.done": ("已导出 {n} 份评估到 {path}", "{n} assessments written to {path}"),
    "err.title": ("出错了", "Something went wrong"),
    "err.unexpected": (
        "发生意外错误，详情已记录在：\n{path}",
        "An unexpected error occurred. Details are in:\n{path}",
    ),
    "about": (
        "数字化水平自诊断 {version}\n\n问卷：\n{questionnaires}\n\n"
        "随附字体 Noto Sans SC，SIL Open Font License 1.1。",
        "Digital maturity self-diagnosis {version}\n\nQuestionnaires:\n{questionnaires}\n\n"
        "Bundled font Noto Sans SC, SIL Open Font License 1.1.",
    ),
    "backup.done": ("备份已保存：{path}", "Backup saved: {path}"),
    "restore.confirm": (
        "用备份替换当前数据库？当前数据库会先另存为 .before-restore 文件。",
        "Replace the current database with the backup? The current one is kept as .before-restore.",
    ),
}


class Texts:
    """The current language; `t(key, **values)` gives the string in it."""

    def __init__(self, lang: Lang = "zh") -> None:
        self.lang: Lang = lang

    def t(self, key: str, **values: object) -> str:
        zh, en = TEXTS[key]
        text = zh if self.lang == "zh" else en
        return text.format(**values) if values else text
