"""Fixed report wording in both languages (questionnaire text comes from the questionnaire).
English uses ASCII punctuation throughout; section numbers are added by the layout."""

from __future__ import annotations

from diagnosis.model import Lang

LABELS: dict[str, tuple[str, str]] = {
    "report": ("数字化诊断报告", "Digital diagnosis report"),
    "report.self": ("数字化水平自评估报告", "Digital self-assessment report"),
    "enterprise": ("企业名称", "Enterprise"),
    "uscc": ("统一社会信用代码", "Unified social credit code"),
    "industry": ("所属行业", "Industry"),
    "region": ("所在地区", "Region"),
    "size": ("企业规模", "Size class"),
    "contact": ("联系人", "Contact"),
    "provider": ("诊断服务机构", "Service provider"),
    "provider_with_uscc": ("{name}（统一社会信用代码 {uscc}）", "{name} (USCC {uscc})"),
    "assessor": ("评估人员", "Assessors"),
    "mode": ("评估方式", "Assessment mode"),
    "mode.self": ("企业自评估", "Self-assessment"),
    "mode.onsite": ("服务机构现场诊断", "On-site diagnosis by a provider"),
    "date": ("报告日期", "Report date"),
    "number": ("报告编号", "Report number"),
    "questionnaire": ("评估问卷", "Questionnaire"),
    "basis": ("依据", "Basis"),
    "status": ("状态", "Status"),
    "status.draft": ("草稿（未定稿）", "Draft (not finalized)"),
    "status.finalized": ("已定稿", "Finalized"),
    "signed_by": ("签署", "Signed by"),
    "cover.warnings": ("数据核查提示", "Plausibility warnings"),
    "cover.warnings.open": ("{n} 项尚未说明", "{n} not explained"),
    "cover.warnings.none": ("无未说明的提示", "none open"),
    "cover.evidence": ("佐证材料", "Evidence"),
    "cover.visits": ("现场诊断日期", "Site visits"),
    "size.大型": ("大型", "Large"),
    "size.中型": ("中型", "Medium"),
    "size.小型": ("小型", "Small"),
    "size.微型": ("微型", "Micro"),
    "cover.evidence.share": (
        "{with_} / {expected} 道题已附（{share}）",
        "attached to {with_} of {expected} questions ({share})",
    ),
    "section.missing": ("本节尚缺：", "Still missing here:"),
    "no_project_reason": ("本次诊断不提出改造项目，原因：", "No improvement project is proposed, because: "),
    "no_effect.explained": (
        "投入未带来等级、得分或成效指标变化的说明：",
        "Why the spending changes neither the level, the score nor any KPI: ",
    ),
    "draft_text": ("（由差距分析草拟，尚未修改）", " (drafted from the gaps, not edited)"),
    "baseline_cited": ("改造前基线：报告编号 {number}，{date}", "Baseline: report {number} of {date}"),
    "effect.counts": ("成效核查：通过", "Effect checks: passed"),
    "effect.fails": ("成效核查：不计为改造成效", "Effect checks: not counted as effect"),
    "actual": ("实际值", "Actual"),
    "kpi_met": ("是否达成", "Met"),
    "met.yes": ("达成", "met"),
    "met.no": ("未达成", "not met"),
    "met.unknown": ("无法计算", "not measured"),
    "kpi_actuals": ("成效指标：基准、目标与实际", "KPIs: baseline, target and actual"),
    # sections, in the order a reviewer reads
    "process": ("评测过程", "Assessment process"),
    "summary": ("评估结论", "Result"),
    "analysis": ("现状分析", "Current state"),
    "findings": ("问题与需求", "Problems and needs"),
    "plan": ("改造方案", "Improvement plan"),
    "effects": ("预期成效", "Expected results"),
    "compare": ("改造前后对比", "Before and after"),
    "appendix": ("答卷明细", "Answers"),
    "evidence": ("佐证材料清单", "Evidence register"),
    "method": ("评估方法与声明", "Method and declarations"),
    # process
    "visits": ("现场评测", "Site visits"),
    "visit_date": ("日期", "Date"),
    "hours": ("时长（小时）", "Hours"),
    "methods": ("评测方法", "Methods"),
    "method.document_review": ("资料审阅", "document review"),
    "method.site_inspection": ("现场查看", "site inspection"),
    "method.interview": ("人员访谈", "interviews"),
    "method.system_demo": ("系统演示", "system demonstration"),
    "participants": ("企业参与人员", "Enterprise participants"),
    "assessors": ("评估人员", "Assessors"),
    "name": ("姓名", "Name"),
    "role": ("职务 / 角色", "Role"),
    "qualification": ("资质", "Qualification"),
    "remarks": ("说明", "Remarks"),
    "no_process.self": (
        "本报告为企业自评估结果，未经服务机构现场评测，不包含服务机构的诊断结论和改造方案。",
        "This report is the enterprise's self-assessment, without an on-site assessment by a provider; "
        "it holds no provider's diagnosis or improvement plan.",
    ),
    "no_process.onsite": ("评测过程尚未记录。", "The assessment process has not been recorded."),
    # result
    "level": ("评估等级", "Level"),
    "not_rated": ("未达到最低等级", "Below the lowest level"),
    "total": ("总分", "Total score"),
    "decided": ("判定依据", "How the level was decided"),
    "met": ("满足", "met"),
    "unmet": ("未满足", "not met"),
    "now": ("当前", "now"),
    "now_of": ("当前 {now} 个，共 {of} 个", "now {now} of {of}"),
    "radar": ("各维度得分率", "Score rate by dimension"),
    "radar.levels": ("各维度得分（等级）", "Score by dimension (levels)"),
    "scenes": ("场景等级", "Scene levels"),
    "scene": ("场景", "Scene"),
    "scene_level": ("等级", "Level"),
    "mandatory": ("约束性", "Mandatory"),
    "part_levels": ("分项结论", "Part results"),
    "level_rule": ("等级判定规则：", "The level rule: "),
    "weakest_members": ("最薄弱的{name}：", "The weakest of {name}: "),
    "indicative": (
        "指示性结论：等级按本问卷对{standard}的解读判定，不是授权评估机构的正式评级。",
        "Indicative: the level follows this questionnaire's reading of {standard}; "
        "it is not a formal rating by an accredited body.",
    ),
    "target_level": ("目标等级：{level}，{value} 级", "target level: {level}, level {value}"),
    "level_scale": (
        "得分即等级（{scale}）；高于目标等级的条款不计分，故最高 {most} 分。",
        "Scores are levels ({scale}); criteria above the target level are not scored, so {most} is the most.",
    ),
    # analysis
    "results": ("分维度结果", "Results by dimension"),
    "dimension": ("维度", "Dimension"),
    "score": ("得分", "Score"),
    "max": ("满分", "Max"),
    "rate": ("得分率", "Rate"),
    "strongest": ("优势项", "Strongest"),
    "strong_rule": (
        "优势项为得分率最高且不低于 {bar} 的一项，薄弱项为得分率最低且低于 {bar} 的一项；没有则记“—”。",
        "Strongest: the part with the highest rate, if at least {bar}; weakest: the lowest, if below "
        "{bar}; otherwise —.",
    ),
    "strong_rule.levels": (
        "优势项为得分最高且不低于 {bar}（目标等级的 60%）的一项，薄弱项为得分最低且低于 {bar} 的一项；"
        "没有则记“—”。",
        "Strongest: the part scoring highest, if at least {bar} (60 % of the target level); weakest: "
        "the lowest, if below {bar}; otherwise —.",
    ),
    "target_col": ("目标", "Target"),
    "weakest": ("薄弱项", "Weakest"),
    "na_count": ("不适用", "N/A"),
    "na_note": (
        "“不适用”列为各项中答“不适用”的条款数，理由见附录“不适用的条款及理由”。",
        "The N/A column counts each item's criteria answered not applicable; the reasons are in the "
        'appendix under "Criteria not applicable and why".',
    ),
    "gaps": ("差距与提升路径", "Gaps and the path to the next level"),
    "next": ("下一等级", "Next level"),
    "top": ("已达到最高等级。", "The highest level has been reached."),
    "top.target": ("已达到本次评估的目标等级。", "The target level of this assessment has been reached."),
    "conditions": ("尚未满足的条件", "Conditions not yet met"),
    "closest": ("可优先提升：", "Closest to passing: "),
    "held_back": ("尚未达到的：", "Still short of it: "),
    "held_back.listed": ("尚未达到的 {n} 项见下表。", "The {n} still short of it are listed below."),
    "closest.listed": ("可优先提升的 {n} 项见下表。", "The {n} closest to passing are listed below."),
    "weakest_of": ("最弱的：", "Weakest: "),
    "part_next": ("{part}：距“{level}”尚缺", '{part}: still missing for "{level}"'),
    "part_now": ("当前：{level}", "Now: {level}"),
    "prepare": ("需补齐的条款和应准备的佐证材料", "Criteria still to close and the evidence to prepare"),
    "where": ("所属", "Where"),
    "criterion": ("条款", "Criterion"),
    "more_rows": ("另有 {n} 条未列出，见答卷明细。", "{n} more not listed here; see the answers."),
    "current": ("当前回答", "Now"),
    "improvements": ("最有价值的改进", "Most valuable improvements"),
    "gain": ("可增加总分", "Adds to the total"),
    "advice": ("改进建议", "Recommendations"),
    "alerts": ("数据核查提示", "Plausibility notes"),
    "alerts.none": ("未发现需要核查的数据。", "No entries look implausible."),
    "alert.resolved": ("已说明", "explained"),
    "alert.open": ("待核实", "to check"),
    "evidence_share": (
        "佐证材料：要求提供佐证的 {expected} 道题中，{with_} 道已附材料（{share}）。",
        "Evidence: {with_} of the {expected} questions that call for evidence have it attached ({share}).",
    ),
    # findings and plan
    "kind": ("类别", "Kind"),
    "pain_point": ("痛点问题", "Pain point"),
    "need": ("转型需求", "Need"),
    "concerns": ("涉及指标", "Concerns"),
    "no_findings": ("服务机构尚未填写问题与需求。", "The provider has not recorded problems and needs."),
    "project": ("项目", "Project"),
    "changes": ("改造内容（现状 → 目标）", "What it changes (now -> target)"),
    "solution": ("方案类型", "Kind of solution"),
    "solution.cloud_saas": ("云服务 / SaaS", "cloud / SaaS"),
    "solution.software_package": ("数字化软件服务包", "digital software service package"),
    "solution.equipment_retrofit": ("设备改造", "equipment retrofit"),
    "solution.networking": ("网络建设", "networking"),
    "solution.data_platform": ("数据平台", "data platform"),
    "solution.training_management": ("培训与管理提升", "training and management"),
    "solution.other": ("其他", "other"),
    "period": ("周期", "Period"),
    "budget": ("预算（万元）", "Budget (10k CNY)"),
    "funding": ("资金来源", "Funding"),
    "funding.enterprise": ("企业自筹", "enterprise"),
    "funding.subsidy": ("补贴", "subsidy"),
    "funding.other": ("其他", "other"),
    "supplier": ("供应商", "Supplier"),
    "totals": ("合计", "Total"),
    "timeline": ("实施进度", "Timeline"),
    "no_plan": ("本报告不包含改造方案。", "This report holds no improvement plan."),
    "planned_level": ("方案实施后的预计等级", "Level once the plan is done"),
    "planned_score": ("预计总分", "Expected total score"),
    "planned_conditions": ("等级条件", "Conditions of that level"),
    "planned_parts": ("方案实施后的分项结论", "Part results once the plan is done"),
    "kpis": ("效益指标", "Effect indicators"),
    "kpi": ("指标", "Indicator"),
    "unit": ("单位", "Unit"),
    "baseline": ("基准值", "Baseline"),
    "target": ("目标值", "Target"),
    "change": ("变化", "Change"),
    # comparison
    "before": ("改造前", "Before"),
    "after": ("改造后", "After"),
    "level_change": ("等级变化", "Level change"),
    "why_change": ("等级变化的原因", "Why the level changed"),
    "why_same": ("等级未变：下一等级尚缺", "Why the level stayed: the next level still needs"),
    # appendix and evidence
    "question": ("题目", "Question"),
    "answer": ("回答", "Answer"),
    "points": ("得分", "Points"),
    "note": ("备注", "Note"),
    "unanswered": ("未作答", "not answered"),
    "na_reasons": ("不适用的条款及理由", "Criteria not applicable and why"),
    "reason": ("理由", "Reason"),
    "no_reason": ("（未写理由，按未作答计）", "(no reason given: counted as unanswered)"),
    "deviation": ("口径说明：", "Note on the bands: "),
    "voided": ("（待更正或说明，不计分）", " (scores nothing until corrected or explained)"),
    "file": ("文件名", "File"),
    "file_size": ("大小", "Size"),
    "no_evidence": ("未上传佐证材料。", "No evidence attached."),
    "missing_evidence": ("尚缺的佐证材料", "Evidence still missing"),
    "expected": ("应提供", "Expected"),
    # method and declarations
    "method_text": (
        "本报告由离线诊断工具根据所附问卷版本和答卷计算，计分和定级规则由问卷文件声明，下列说明来自问卷。",
        "This report was computed offline from the answers and the questionnaire version named "
        "below; the scoring and level rules are declared in the questionnaire file, and the method "
        "below comes from it.",
    ),
    "result_kind.self": (
        "本报告是企业的自评估结果，未经诊断服务机构现场诊断。",
        "This report is the enterprise's self-assessment; no service provider assessed it on site.",
    ),
    "result_kind.onsite": (
        "本报告是诊断服务机构现场诊断的结论，不是企业自评估。",
        "This report is a service provider's on-site diagnosis, not a self-assessment.",
    ),
    "quoted": (
        "以下为问卷原文（同一问卷用于企业自评估和服务机构诊断）：",
        "From the questionnaire, in its own words (it serves self-assessments and providers' "
        "diagnoses alike):",
    ),
    "carried": (
        "本次评估从问卷 {version} 版的评估结果出发，答案按新版问卷声明的对应关系迁移，"
        "无法对应的题目已重新作答。{note}",
        "This assessment started from an assessment against version {version} of the questionnaire; "
        "answers moved by the mapping the new version declares, and questions without a counterpart "
        "were answered afresh. {note}",
    ),
    "qsha": ("问卷 sha256", "Questionnaire sha256"),
    "generator": ("生成工具：diagnosis {version}", "Generated by diagnosis {version}"),
    "renderer": (
        "排版：reportlab {reportlab}，pypdf {pypdf}",
        "Typeset with reportlab {reportlab}, pypdf {pypdf}",
    ),
    "digest": ("报告数据摘要 sha256", "Report data digest sha256"),
    "signer_line": (
        "签署人：{name}（证书指纹 {fingerprint}）",
        "Signed by {name} (certificate fingerprint {fingerprint})",
    ),
    "verify_howto": (
        "核验方法：在任意电脑上运行 diagnosis verify 本报告.pdf，将核对签名、重新计算得分并逐页比对。",
        "To verify: run `diagnosis verify this-report.pdf` on any computer; it checks the signature, "
        "re-scores the embedded answers and compares every page.",
    ),
    "declarations": ("承诺与签章", "Declarations and signatures"),
    "signature": ("电子签名", "Digital signature"),
    "signature.by": ("签署人", "Signed by"),
    "signature.at": ("签署时间", "Signed at"),
    "signature.fingerprint": ("证书指纹（SHA-256）", "Certificate fingerprint (SHA-256)"),
    "signature.note": (
        "本报告已由上述服务机构以数字证书签署，可用 diagnosis verify 核验签名和内容。",
        "Signed with the provider's certificate above; diagnosis verify checks the signature and "
        "the content.",
    ),
    "qr.fingerprint": ("证书指纹", "Certificate"),
    "qr.verify": ("核验：diagnosis verify 报告.pdf", "Verify: diagnosis verify report.pdf"),
    "subject": ("核验码 {code}", "Verification code {code}"),
    "chosen": ("{now} 项 → {after} 项", "{now} -> {after} chosen"),
    "added": ("新增 {n} 项：{names}", "{n} added: {names}"),
    "criteria": ("{n} 条条款", "{n} criteria"),
    "goal.raised": ("逐条达标", "each met"),
    "pledge": (
        "企业承诺：所填报的信息和提供的佐证材料真实、准确、完整，如有虚假，愿承担相应责任。",
        "The enterprise declares that the information and evidence provided are true, accurate and "
        "complete, and accepts responsibility for any false statement.",
    ),
    "provider_pledge": (
        "服务机构承诺：本次诊断依据上述指标和方法独立、客观开展，报告内容与现场评测情况一致，"
        "未虚报、代填或夸大诊断结果和预期成效。",
        "The service provider declares that this diagnosis was carried out independently and "
        "objectively by the indicators and method above, that the report agrees with what was "
        "found on site, and that no result or expected benefit was invented, filled in for the "
        "enterprise or overstated.",
    ),
    "confirmation": ("企业确认", "Enterprise confirmation"),
    "opinion": ("对诊断结论的意见", "Opinion on the diagnosis"),
    "opinion.agree": ("同意", "agree"),
    "opinion.agree_with_remarks": ("基本同意，有补充意见", "agree, with remarks"),
    "opinion.disagree": ("不同意", "disagree"),
    "opinion.none": ("（未填写）", "(not given)"),
    "satisfaction": ("对本次服务的满意度（1–5）", "Satisfaction with the service (1-5)"),
    "confirmed_by": ("确认人", "Confirmed by"),
    "sign_enterprise": (
        "企业（盖章）　法定代表人或授权人（签字）：",
        "Enterprise (seal), legal representative or authorised person (signature):",
    ),
    "sign_provider": (
        "诊断服务机构（盖章）　评估人员（签字）：",
        "Service provider (seal), assessors (signature):",
    ),
    "sign_date": ("日期：________ 年 ____ 月 ____ 日", "Date: ____________"),
    "page": ("第 {page} 页 共 {pages} 页", "Page {page} of {pages}"),
    "code": ("核验码", "Verification code"),
    "draft_mark": ("草稿 · 未定稿", "DRAFT - not finalized"),
}

NUMERALS = "一二三四五六七八九十"


def label(key: str, lang: Lang) -> str:
    zh, en = LABELS[key]
    return zh if lang == "zh" else en


def numbered(n: int, text: str, lang: Lang) -> str:
    """'三、现状分析' / '3. Current state' (n from 1)."""
    if lang == "zh":
        numeral = NUMERALS[n - 1] if n <= 10 else f"十{NUMERALS[n - 11]}"
        return f"{numeral}、{text}"
    return f"{n}. {text}"
