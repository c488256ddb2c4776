"""The intake's flags, by code: `flag.CODE` is the flag's name, `flag.CODE.about` says in one line
what it means for the claim. The code is what holds are declared on (intake.flags.KINDS)."""

from __future__ import annotations

MESSAGES: dict[str, tuple[str, str]] = {
    "flag.shared_evidence": (
        "不同企业的评估使用了同一佐证文件",
        "the same evidence file in different enterprises' assessments",
    ),
    "flag.shared_evidence.about": (
        "同一文件（按 SHA-256）出现在不同企业的评估中：佐证可能是复制的",
        "one file (by SHA-256) backs assessments of different enterprises: the evidence may be copied",
    ),
    "flag.identical_answers": (
        "不同企业的评估答案完全相同",
        "identical answer sets in different enterprises' assessments",
    ),
    "flag.identical_answers.about": (
        "不同企业的答案逐题相同（全选最低项的除外）：可能是照抄",
        "different enterprises answered every question alike (all-lowest sets aside): perhaps copied",
    ),
    "flag.fast_pace": ("答题节奏不合常理", "an implausible pace in the answer history"),
    "flag.fast_pace.about": (
        "5 分钟内录入的答案过多：可能并非现场逐题评估",
        "too many answers within 5 minutes: perhaps not assessed question by question on site",
    ),
    "flag.assessor_two_cities": (
        "同一评估人员同一天在两个城市现场评估",
        "one assessor on site in two different cities on the same day",
    ),
    "flag.assessor_two_cities.about": (
        "同一评估人员同一天出现在不同城市的现场记录中：至少一次现场评估存疑",
        "one assessor's site visits on one day are in different cities: at least one visit is doubtful",
    ),
    "flag.repeated_report_number": ("报告编号重复", "a report number seen twice"),
    "flag.repeated_report_number.about": (
        "两份不同的评估使用同一报告编号：其中一份可能是复制的",
        "two different assessments carry one report number: one of them may be a copy",
    ),
    "flag.unofficial_questionnaire": (
        "问卷不是官方版本",
        "a questionnaire that is not an official version",
    ),
    "flag.unofficial_questionnaire.about": (
        "所用问卷不是本应用发布的版本或已被修改：得分与等级不能按官方口径计",
        "the questionnaire is not a version this app ships, or was altered: its level is not the "
        "official one",
    ),
    "flag.unsigned": ("未签名", "not signed"),
    "flag.unsigned.about": (
        "收到的文件均未经服务机构签名：无法确认出自哪家机构",
        "no document received was signed by a provider: who made it cannot be confirmed",
    ),
    "flag.untrusted": ("签名机构不在信任列表", "signed by a signer not on the trust list"),
    "flag.untrusted.about": (
        "签名完好，但签名证书不在本局的信任列表中",
        "the signature holds, but its certificate is not on this bureau's trust list",
    ),
    "flag.budget_outlier": ("改造计划预算异常", "a plan whose budget is an outlier"),
    "flag.budget_outlier.about": (
        "计划预算远离同一问卷其他计划的中位数",
        "the plan's budget is far from the median of the other plans of the same questionnaire",
    ),
    "flag.no_credit_code": (
        "无有效统一社会信用代码",
        "no valid unified social credit code",
    ),
    "flag.no_credit_code.about": (
        "企业没有有效的统一社会信用代码：无法确认是哪家企业，不得据此拨付",
        "the enterprise has no valid unified social credit code: it cannot be identified, so the "
        "claim is never payable",
    ),
    "flag.possible_duplicate": ("疑似重复企业", "possible duplicate enterprise"),
    "flag.possible_duplicate.about": (
        "同一地区同名企业（按规范化名称比较）的信用代码不同或缺失：可能是一家企业被计为多家，或多家被计为一家",
        "enterprise names match (compared normalised) in one region while their credit codes differ "
        "or are missing: one enterprise may be counted twice, or two as one",
    ),
    "flag.different_signer": ("修订版本签名机构不同", "revisions signed by different providers"),
    "flag.different_signer.about": (
        "同一评估的不同版本由不同机构签名（两处同时收件时可能漏过检查）：由哪一版计数须人工判定",
        "revisions of one assessment were signed by different providers (two clerks received them "
        "at once): which one counts must be decided by hand",
    ),
    "flag.many_not_applicable": ("不适用比例异常", "an unusual share of criteria answered not applicable"),
    "flag.many_not_applicable.about": (
        "答为“不适用”的条款比例偏高：等级可能建立在被排除的条款之上，须核对附录中的理由",
        "many criteria were answered not applicable: the level may rest on what was left out; check "
        "the reasons in the report's appendix",
    ),
    "flag.identical_findings": (
        "不同企业的问题与需求文字相同",
        "identical findings text across enterprises",
    ),
    "flag.identical_findings.about": (
        "不同企业的“问题与需求”文字相同（不计空白；未经修改的自动起草文字也计入）：可能是照搬",
        "different enterprises' problems and needs read the same (spacing aside; drafted text never "
        "edited counts too): perhaps pasted",
    ),
    "flag.superseded_questionnaire": ("问卷版本已被取代", "a superseded questionnaire version"),
    "flag.superseded_questionnaire.about": (
        "所用问卷是官方版本，但已有更新的版本：请核对政策认可哪些版本",
        "the questionnaire is an official version, but a newer one exists: check which versions the "
        "policy accepts",
    ),
    "flag.unresolved_warnings": ("数据核查提示未说明", "unresolved data warnings"),
    "flag.unresolved_warnings.about": (
        "数据核查提示（如比例超过 100%、基准年份在未来）既未更正也未说明：等级可能建立在不可信的数据上",
        "data warnings (a share over 100 %, a base year in the future) were neither corrected nor "
        "explained: the level may rest on figures that cannot be true",
    ),
    "flag.evidence_below": ("佐证比例低于要求", "evidence below the minimum share"),
    "flag.evidence_below.about": (
        "应附佐证的题目中，附有佐证的比例低于政策规定的最低比例",
        "of the questions that call for evidence, fewer have some attached than the policy's minimum",
    ),
    "flag.self_supplier": (
        "诊断机构被列为其推荐项目的供应商",
        "the diagnosing provider named as the supplier of a project it recommended",
    ),
    "flag.self_supplier.about": (
        "出具诊断的服务机构把自己列为所推荐改造项目的供应商：存在利益冲突",
        "the provider that made the diagnosis names itself the supplier of a project it recommended: a "
        "conflict of interest",
    ),
    "flag.figures_not_updated": ("成效数据未更新", "figures not updated"),
    "flag.figures_not_updated.about": (
        "复评的成效指标数据与基线完全相同：成效并未重新测量，不计为成效",
        "the re-assessment's effect figures are exactly the baseline's: the effect was not measured "
        "again and does not count",
    ),
    "flag.too_early": ("复评过早，尚不能体现成效", "too early to show effect"),
    "flag.too_early.about": (
        "复评早于改造方案中最早项目的结束月份（或不晚于基线）：改造尚未完成，不计为成效",
        "the re-assessment comes before the plan's earliest project ends (or not after the baseline): "
        "the projects cannot show yet, so it does not count as effect",
    ),
    # -- the facts behind each flag --
    "flag.evidence.shared_file": ("文件 sha256 {sha}…（{names}）", "file sha256 {sha}… ({names})"),
    "flag.evidence.identical_answers": (
        "{count} 个答案完全相同（摘要 {digest}…）",
        "{count} answers, all the same (digest {digest}…)",
    ),
    "flag.evidence.findings": (
        "{count} 条问题与需求，{enterprises} 家企业文字相同",
        "{count} findings, the same text in {enterprises} enterprises",
    ),
    "flag.evidence.findings_drafted": (
        "{count} 条问题与需求，{enterprises} 家企业文字相同（其中 {drafted} 条仍为自动起草的原文）",
        "{count} findings, the same text in {enterprises} enterprises ({drafted} still as drafted)",
    ),
    "flag.evidence.pace": (
        "5 分钟内录入 {peak} 个答案（答案历史共 {changes} 次修改）",
        "{peak} answers given within 5 minutes ({changes} changes in the history)",
    ),
    "flag.evidence.pace_file": (
        "5 分钟内录入 {peak} 个答案（答案历史共 {changes} 次修改，其中 {loaded} 个从答案文件读入）",
        "{peak} answers given within 5 minutes ({changes} changes in the history, {loaded} loaded "
        "from a file)",
    ),
    "flag.evidence.assessor": ("{name} {day} 在：{cities}", "{name} on {day}: {cities}"),
    "flag.evidence.report_number": ("报告编号 {number}", "report number {number}"),
    "flag.evidence.altered": (
        "官方问卷 {id} {version} 被修改过的副本（sha256 {sha}…）",
        "an altered copy of the official {id} {version} (sha256 {sha}…)",
    ),
    "flag.evidence.unofficial": (
        "不是官方版本：{id} {version}（sha256 {sha}…）",
        "not an official version: {id} {version} (sha256 {sha}…)",
    ),
    "flag.evidence.superseded": (
        "{id} {version}，已有更新的版本 {newest}",
        "{id} {version}, superseded by {newest}",
    ),
    "flag.evidence.signed_by": ("签名机构：{signer}", "signed by {signer}"),
    "flag.evidence.not_signed": ("收到的文件均未签名", "no signature on any document received"),
    "flag.evidence.budget": (
        "预算 {budget} 万元，同问卷 {count} 份 {questionnaire} 计划的中位数为 {median} 万元（稳健 z 值 {z}）",
        "budget {budget} 万元 against a median of {median} 万元 in {count} {questionnaire} plans "
        "(robust z {z})",
    ),
    "flag.evidence.open_warnings": (
        "{count} 条数据核查提示既未更正也未说明",
        "{count} data warnings neither corrected nor explained",
    ),
    "flag.evidence.evidence_share": (
        "附有佐证的比例为 {share}，低于 {minimum}",
        "evidence for {share} of what calls for it, below {minimum}",
    ),
    "flag.evidence.self_supplier": (
        "{provider} 既出具诊断，又是项目“{projects}”的供应商",
        "{provider} made the diagnosis and is the supplier of {projects}",
    ),
    "flag.evidence.effect": ("{reason}（基线：{baseline}）", "{reason} (baseline: {baseline})"),
    "flag.evidence.na_share": (
        "{share} 的条款答为“不适用”（超过 {limit}）",
        "{share} answered not applicable (more than {limit})",
    ),
    "flag.evidence.no_credit_code": ("未填写统一社会信用代码", "no unified social credit code given"),
    "flag.evidence.duplicate": (
        "{region}“{name}”：信用代码 {codes}",
        "{name} in {region}: credit codes {codes}",
    ),
    "flag.evidence.no_code": ("（无）", "(none)"),
    "flag.evidence.signers": ("签名机构：{signers}", "signed by {signers}"),
}
