"""Every string the wizard shows, in Chinese and English. Questionnaire text comes from the file."""

from __future__ import annotations

from diagnosis.model import Lang

TEXTS: dict[str, tuple[str, str]] = {
    "app": ("数字化水平自诊断", "Digital maturity self-diagnosis"),
    "menu.file": ("文件(&F)", "&File"),
    "menu.new": ("新建评估(&N)", "&New assessment"),
    "menu.import": ("导入评估包(&I)…", "&Import package…"),
    "menu.backup": ("备份数据库(&B)…", "&Back up database…"),
    "menu.restore": ("从备份恢复(&R)…", "&Restore from backup…"),
    "menu.quit": ("退出(&Q)", "&Quit"),
    "menu.lang": ("语言(&L)", "&Language"),
    "menu.help": ("帮助(&H)", "&Help"),
    "menu.about": ("关于(&A)", "&About"),
    "db": ("数据库：{path}", "Database: {path}"),
    "start.title": ("本机上的评估", "Assessments on this computer"),
    "start.search": ("按企业名称、信用代码或问卷搜索", "Search by enterprise, code or questionnaire"),
    "col.enterprise": ("企业", "Enterprise"),
    "col.questionnaire": ("问卷", "Questionnaire"),
    "col.status": ("状态", "Status"),
    "col.progress": ("进度", "Progress"),
    "col.updated": ("最后修改", "Last change"),
    "col.dimension": ("维度", "Dimension"),
    "col.score": ("得分", "Score"),
    "col.level": ("等级", "Level"),
    "status.draft": ("草稿", "Draft"),
    "status.finalized": ("已定稿", "Finalized"),
    "btn.new": ("新建评估", "New assessment"),
    "btn.resume": ("继续填写", "Resume"),
    "btn.reassess": ("再评估", "Re-assess"),
    "btn.import": ("导入…", "Import…"),
    "btn.export": ("导出评估包…", "Export package…"),
    "btn.delete": ("删除", "Delete"),
    "btn.back": ("上一步", "Back"),
    "btn.next": ("下一步", "Next"),
    "btn.prev_q": ("上一题", "Previous"),
    "btn.next_q": ("下一题", "Next"),
    "btn.review": ("查看结果", "Review"),
    "btn.home": ("返回首页", "Home"),
    "btn.attach": ("添加佐证材料…", "Attach evidence…"),
    "btn.finalize": ("定稿", "Finalize"),
    "btn.pdf": ("导出 PDF 报告…", "Export PDF report…"),
    "btn.xlsx": ("导出 Excel…", "Export Excel…"),
    "btn.finish": ("完成", "Finish"),
    "confirm.delete": (
        "确定删除“{name}”的这份评估吗？答卷、历史和佐证材料将一并删除。",
        "Delete this assessment of “{name}”? Its answers, history and evidence go with it.",
    ),
    "ent.title": ("企业信息", "Enterprise"),
    "ent.pick": ("选择已有企业", "Existing enterprise"),
    "ent.new": ("— 新企业 —", "— new enterprise —"),
    "ent.name": ("企业名称 *", "Enterprise name *"),
    "ent.uscc": ("统一社会信用代码", "Unified social credit code"),
    "ent.province": ("省", "Province"),
    "ent.city": ("市", "City"),
    "ent.county": ("区县", "County"),
    "ent.size": ("企业规模", "Size"),
    "ent.contact": ("联系人", "Contact person"),
    "ent.mode": ("评估方式", "Mode"),
    "ent.self": ("企业自评估", "Self-assessment"),
    "ent.onsite": ("服务机构现场评估", "On-site by a provider"),
    "ent.provider": ("诊断服务机构", "Service provider"),
    "ent.assessor": ("评估人员", "Assessor"),
    "ent.required": ("请填写企业名称", "Enter the enterprise name"),
    "ent.ok": ("✓ 代码有效", "✓ valid code"),
    "q.title": ("选择问卷", "Choose a questionnaire"),
    "q.minutes": ("约 {n} 分钟", "about {n} min"),
    "q.basis": ("依据：{basis}", "Basis: {basis}"),
    "q.version": ("版本 {version}", "version {version}"),
    "ask.help": ("说明", "Help"),
    "ask.evidence": ("佐证材料", "Evidence"),
    "ask.note": ("备注（Ctrl+M）", "Note (Ctrl+M)"),
    "ask.saved": ("✓ 已保存", "✓ Saved"),
    "ask.unsaved": ("未保存：{error}", "Not saved: {error}"),
    "ask.progress": ("第 {n} / {total} 题", "Question {n} of {total}"),
    "ask.required": ("必答", "required"),
    "ask.keys": (
        "数字键选择选项，回车下一题，Ctrl+PgUp/PgDn 切换维度",
        "Number keys choose, Enter goes on, Ctrl+PgUp/PgDn switch dimension",
    ),
    "ask.unit": ("单位：{unit}", "Unit: {unit}"),
    "ask.range": ("范围 {low} – {high}", "range {low} – {high}"),
    "ask.drop": ("可将文件拖放到此处", "or drop files here"),
    "ask.computed": ("由已填数据自动计算：{value}", "Computed from your figures: {value}"),
    "ask.not_computed": ("填写相关数据后自动计算", "Computed once the figures are entered"),
    "ask.finalized": ("此评估已定稿，只读。", "This assessment is finalized and read-only."),
    "rev.title": ("评估结果", "Result"),
    "rev.level": ("等级：{level}", "Level: {level}"),
    "rev.not_rated": ("未达到最低等级", "below the lowest level"),
    "rev.score": ("总分 {score} / {max}", "Score {score} / {max}"),
    "rev.missing": ("尚有 {n} 道必答题未回答：", "{n} required questions are unanswered:"),
    "rev.complete": ("必答题已全部回答。", "All required questions are answered."),
    "rev.next": ("距“{level}”还差：", "To reach “{level}”:"),
    "rev.top": ("已达到最高等级。", "The highest level is reached."),
    "fin.title": ("完成", "Finish"),
    "fin.done": ("已保存到 {path}", "Saved to {path}"),
    "fin.working": ("正在生成…", "Working…"),
    "fin.finalized": (
        "已定稿。如需修改，请在首页选择“再评估”或重新打开为新修订版。",
        "Finalized. To change it, start a re-assessment or reopen it as a new revision.",
    ),
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
