"""Messages of the assessments database: what a write was doing when it failed, why it failed,
and what the stored assessments, enterprises and evidence refuse."""

from __future__ import annotations

MESSAGES: dict[str, tuple[str, str]] = {
    # -- what a write was doing (the {what} of storage.cannot) --
    "storage.act.store_questionnaire": ("保存问卷", "store the questionnaire"),
    "storage.act.create_assessment": ("新建评估", "create the assessment"),
    "storage.act.finalize": ("定稿评估", "finalize the assessment"),
    "storage.act.copy": ("复制评估", "copy the assessment"),
    "storage.act.delete": ("删除评估", "delete the assessment"),
    "storage.act.save_answer": ("保存题目 {question} 的答案", "save the answer to {question}"),
    "storage.act.save_answers": ("保存答案", "save the answers"),
    "storage.act.mark_review": ("标记题目 {question} 待复核", "mark {question} for review"),
    "storage.act.add_enterprise": ("添加企业", "add the enterprise"),
    "storage.act.attach": ("附加 {name}", "attach {name}"),
    "storage.act.remove_evidence": ("删除佐证", "remove the evidence"),
    "storage.act.import_package": ("导入评估包", "import the package"),
    "storage.act.save_plan": ("保存诊断方案", "save the plan"),
    # -- why a write or an open failed --
    "storage.finalized": (
        "无法{what}：评估已定稿；请将其重新打开为新修订版",
        "cannot {what}: the assessment is finalized; reopen it as a new revision",
    ),
    "storage.cannot_open": ("无法打开数据库 {path}：{why}", "cannot open the database {path}: {why}"),
    "storage.cannot_read": ("无法读取数据库：{why}", "cannot read the database: {why}"),
    "storage.read_only": (
        "数据库文件或其所在文件夹是只读的（{path}）",
        "the database file or its folder is read-only ({path})",
    ),
    "storage.disk_full": (
        "磁盘已满或出现故障；请腾出空间后重试（未保存任何内容）",
        "the disk is full or failing; free some space and try again (nothing was saved)",
    ),
    "storage.busy": (
        "数据库正被另一个程序使用；请关闭该程序后重试",
        "the database is in use by another program; close it and try again",
    ),
    "storage.folder_not_writable": ("文件夹 {folder} 无法写入", "the folder {folder} cannot be written"),
    "storage.damaged": (
        "{path} 已损坏，或不是诊断数据库；请从备份恢复（在应用中：帮助 → 从备份恢复）",
        "{path} is damaged or not a diagnosis database; restore it from a backup "
        "(in the app: Help → Restore from backup)",
    ),
    "storage.sqlite": ("数据库报告错误：{error}", "{error}"),
    # -- assessments --
    "storage.no_assessment": ("没有评估 #{id}", "no assessment #{id}"),
    "storage.stored_copy_changed": (
        "评估 #{id} 保存的问卷与其 sha256 不符",
        "the stored questionnaire of assessment #{id} does not match its sha256",
    ),
    "storage.stored_copy_source": ("评估 #{id} 的问卷", "assessment #{id} questionnaire"),
    "storage.is_finalized": (
        "评估 #{id} 已定稿；如需修改，请将其重新打开为新修订版",
        "assessment #{id} is finalized; reopen it as a new revision to change it",
    ),
    "storage.still_draft": (
        "评估 #{id} 仍是草稿；可直接修改",
        "assessment #{id} is still a draft; change it directly",
    ),
    "storage.other_questionnaires": (
        "#{before} 使用 {first}，#{after} 使用 {second}：只能比较同一问卷的评估",
        "#{before} uses {first} and #{after} uses {second}: only the same questionnaire can be compared",
    ),
    # -- answers --
    "storage.no_question": (
        "{questionnaire} {version} 中没有题目“{question}”",
        "no question '{question}' in {questionnaire} {version}",
    ),
    "storage.answer_problem": ("{question}：{problem}", "{question}: {problem}"),
    "storage.answers_other_questionnaire": (
        "{name} 针对的是 {ref}；评估 {id} 使用的是 {pinned}",
        "{name} is for {ref}; assessment {id} is answered against {pinned}",
    ),
    "storage.note_for_unknown": (
        "{name}：备注所属的题目 {question} 不在 {ref} 中",
        "{name}: a note for {question}, which is no question of {ref}",
    ),
    # -- enterprises --
    "storage.name_required": ("企业名称必填", "the enterprise name is required"),
    "storage.uscc_exists": (
        "信用代码为 {code} 的企业已存在：#{id} {name}",
        "an enterprise with code {code} already exists: #{id} {name}",
    ),
    "storage.size_class": ("企业规模须为以下之一：{classes}", "size class must be one of {classes}"),
    # -- evidence --
    "storage.evidence_question": (
        "本评估的问卷中没有题目“{question}”",
        "no question '{question}' in this assessment's questionnaire",
    ),
    "storage.evidence_too_large": (
        "{name} 超过佐证文件 {limit} MB 的上限",
        "{name} is larger than the {limit} MB evidence limit",
    ),
    "storage.no_evidence_sha": ("没有 sha256 为 {sha}… 的佐证文件", "no evidence file with sha256 {sha}…"),
    "storage.no_evidence": ("没有佐证 #{id}", "no evidence #{id}"),
    "storage.evidence_elsewhere": (
        "佐证 #{id} 不属于本评估",
        "evidence #{id} is not part of this assessment",
    ),
    # -- plans --
    "storage.plan_problem": ("{source}：{where}：{problem}", "{source}: {where}: {problem}"),
    "storage.top_level": ("顶层", "top level"),
}
