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
    # -- the facts behind the new flags --
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
