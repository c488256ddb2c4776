"""Paying claims: the policy file's problems, why a claim is held, its status and kind."""

from __future__ import annotations

MESSAGES: dict[str, tuple[str, str]] = {
    # -- the policy file --
    "policy.problem": ("{file}:{line}:{col}: {problem}", "{file}:{line}:{col}: {problem}"),
    "policy.no_period": (
        "政策须写明申领期间（period：start 与 end）",
        "a policy names its claim period (period: start and end)",
    ),
    "policy.period_order": (
        "申领期间的结束日期 {end} 早于开始日期 {start}",
        "the claim period ends on {end}, before it starts on {start}",
    ),
    "policy.unknown_flag": (
        "“{kind}”不是疑点类别（可用：{known}）",
        "'{kind}' is not a flag (known: {known})",
    ),
    "policy.flag_twice": (
        "疑点“{kind}”同时列在 hold 与 inform 中：只能选其一",
        "the flag '{kind}' is listed under both hold and inform: choose one",
    ),
    "policy.always_holds": (
        "疑点“{kind}”总是暂缓拨付，不能只作提示",
        "the flag '{kind}' always holds a claim; it cannot only inform",
    ),
    "policy.valid": ("{file}：政策有效", "{file}: the policy is valid"),
    "policy.says.name": ("政策：{name}", "policy: {name}"),
    "policy.says.period": ("申领期间：{start} 至 {end}", "claim period: {start} to {end}"),
    "policy.says.where": ("适用地区：{where}", "applies to: {where}"),
    "policy.says.everywhere": ("适用地区：不限", "applies to: anywhere"),
    "policy.says.amounts": (
        "每户诊断 {diagnosis} 元，每份复评成效 {effect} 元，每户最多 {maximum}",
        "{diagnosis} yuan per diagnosis, {effect} per re-assessment with effect, at most {maximum} per "
        "enterprise",
    ),
    "policy.says.region": (
        "{name}（{places} 处）：诊断 {diagnosis} 元，复评成效 {effect} 元，每户最多 {maximum}",
        "{name} ({places} places): {diagnosis} yuan per diagnosis, {effect} per re-assessment with effect, "
        "at most {maximum} per enterprise",
    ),
    "policy.says.yuan": ("{amount} 元", "{amount} yuan"),
    "policy.says.no_maximum": ("不设上限", "no maximum"),
    "policy.says.reward": (
        "服务机构奖励：每户诊断 {per_diagnosis} 元，每份复评成效 {per_effect} 元，最多 {maximum}，"
        "诊断不足 {minimum} 户不奖",
        "providers' reward: {per_diagnosis} yuan per enterprise diagnosed, {per_effect} per re-assessment "
        "with effect, at most {maximum}, none below {minimum} enterprises",
    ),
    "policy.says.no_reward": ("服务机构奖励：无", "providers' reward: none"),
    "policy.says.holds": ("暂缓拨付的疑点：{flags}", "flags that hold a claim: {flags}"),
    "policy.says.informs": ("仅作提示的疑点：{flags}", "flags that only inform: {flags}"),
    "policy.says.evidence": ("佐证比例不低于 {share}", "evidence share at least {share}"),
    "policy.says.onsite": (
        "只计服务机构的现场诊断（不计自评）",
        "on-site diagnoses by providers only (no self-assessments)",
    ),
    "policy.says.questionnaires": ("认可的问卷：{list}", "questionnaires that count: {list}"),
    "policy.says.all_questionnaires": (
        "认可的问卷：全部官方问卷",
        "questionnaires that count: every official one",
    ),
    "policy.says.every_version": ("{id}（全部官方版本）", "{id} (every official version)"),
    # -- the report on the command line --
    "pay.summary": (
        "{claims} 份申领：可拨付 {payable} 份，{payable_amount} 元；暂缓 {held} 份，{held_amount} 元；"
        "申请合计 {requested} 元",
        "{claims} claims: {payable} payable, {payable_amount} yuan; {held} held, {held_amount} yuan; "
        "{requested} yuan requested",
    ),
    "pay.summary_unpaid": (
        "{claims} 份申领：可拨付 {payable} 份，暂缓 {held} 份（未指定政策：不计金额）",
        "{claims} claims: {payable} payable, {held} held (no policy given: no amounts)",
    ),
    "pay.held_for": ("暂缓原因（按申领数）：", "held for (claims held):"),
    "pay.refused_count": ("不予受理的文件：{count} 份", "documents refused: {count}"),
    "flags.summary": ("{count} 个疑点：{kinds}", "{count} flags: {kinds}"),
    "flags.none": ("无", "none"),
    "flags.evidence": ("依据：{evidence}", "evidence: {evidence}"),
    # -- why a claim is held (besides the flags, which are held by their names) --
    "pay.hold.outside": ("不在本政策适用的地区（{where}）", "outside the policy's region ({where})"),
    "pay.hold.questionnaire": (
        "问卷 {ref} 不在本政策认可的问卷与版本之列",
        "{ref} is not among the questionnaires and versions the policy counts",
    ),
    "pay.hold.not_onsite": (
        "自评不是服务机构的现场诊断",
        "a self-assessment is no provider's on-site diagnosis",
    ),
    "pay.hold.counted": (
        "该企业已按报告 {report} 计为一次诊断",
        "the enterprise's diagnosis is already claimed (report {report})",
    ),
    "pay.capped": ("已达每户上限 {maximum} 元", "the enterprise's maximum of {maximum} yuan is reached"),
    # -- a claim's status and kind --
    "pay.status.payable": ("可拨付", "payable"),
    "pay.status.held": ("暂缓", "held"),
    "pay.status.refused": ("不予受理", "refused"),
    "pay.kind.diagnosis": ("诊断", "diagnosis"),
    "pay.kind.effect": ("复评成效", "re-assessment with effect"),
    "pay.kind.repeat": ("重复诊断", "repeat diagnosis"),
    # -- releasing a held claim --
    "release.none": ("没有报告编号为 {number} 的申领", "no claim has the report number {number}"),
    "release.several": (
        "报告编号 {number} 对应 {count} 份申领（{claims}）：请改为给出其中一份的评估包或报告文件",
        "the report number {number} names {count} claims ({claims}): give the package or report file "
        "of the one to release instead",
    ),
    "release.no_document": (
        "{name} 不是已受理的文件（按 SHA-256 查找）",
        "{name} is no document the intake received (looked up by its SHA-256)",
    ),
    "release.not_held": ("{claim} 未被暂缓：无需放行", "{claim} is not held: there is nothing to release"),
    "release.not_releasable": (
        "{claim} 不能以说明放行：{reasons}（须由服务机构重新提交）",
        "{claim} cannot be released with a note: {reasons} (the provider must hand in what is missing)",
    ),
    "release.no_note": ("放行须附说明（--note）", "a release needs a note (--note)"),
    "release.note_long": (
        "说明过长（{length} 字，最多 {limit} 字）",
        "the note is too long ({length} characters, at most {limit})",
    ),
    "release.done": ("已放行 {claim}：{reasons}", "released {claim}: {reasons}"),
    "release.shown": ("{at} {by} 放行：{note}", "released {at} by {by}: {note}"),
}
