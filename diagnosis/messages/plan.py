"""Messages of the diagnosis plan: money, dates, targets, and what finalizing an on-site
diagnosis needs."""

from __future__ import annotations

MESSAGES: dict[str, tuple[str, str]] = {
    # -- money (万元; a yuan is 0.0001) --
    "plan.funding.enterprise": ("企业自筹", "the enterprise's own funds"),
    "plan.funding.subsidy": ("申请补贴", "the subsidy"),
    "plan.funding.other": ("其他资金", "other funds"),
    "plan.funding_without_budget": (
        "改造项目 {n}（{name}）：填写了资金来源 {total} 万元，但没有预算",
        "project {n} ({name}): funding of {total} (10k CNY) is given but no budget",
    ),
    "plan.part_over_budget": (
        "改造项目 {n}（{name}）：{part} {value} 万元超过预算 {budget} 万元",
        "project {n} ({name}): {part} ({value}, 10k CNY) are more than the budget of {budget}",
    ),
    "plan.funding_over_budget": (
        "改造项目 {n}（{name}）：资金来源合计 {total} 万元，超过预算 {budget} 万元",
        "project {n} ({name}): the funding adds up to {total} (10k CNY), more than the budget of {budget}",
    ),
    "plan.funding_short": (
        "改造项目 {n}（{name}）：资金来源合计 {total} 万元，少于预算 {budget} 万元，"
        "尚有 {gap} 万元未落实来源",
        "project {n} ({name}): the funding adds up to {total} (10k CNY) of the budget of {budget}; "
        "{gap} has no source yet",
    ),
    "plan.funding_missing": (
        "改造项目 {n}（{name}）：预算 {budget} 万元尚未填写资金来源（企业自筹、申请补贴、其他）",
        "project {n} ({name}): the budget of {budget} (10k CNY) has no funding split yet "
        "(the enterprise's own funds, subsidy, other)",
    ),
    # -- dates --
    "plan.visit_after": (
        "第 {n} 次现场诊断的日期 {date} 晚于 {last}：只能记录已经进行的诊断",
        "visit {n} is dated {date}, after {last}: record visits that have taken place",
    ),
    "plan.confirmed_before_visit": (
        "企业确认日期 {date} 早于最后一次现场诊断（{visit}）",
        "the enterprise's confirmation ({date}) is dated before the last visit ({visit})",
    ),
    "plan.confirmed_in_future": (
        "企业确认日期 {date} 还没有到",
        "the enterprise's confirmation is dated {date}, which has not come yet",
    ),
    "plan.project_before_diagnosis": (
        "改造项目 {n}（{name}）：开始月份 {start} 早于诊断（{began}）",
        "project {n} ({name}) starts in {start}, before the diagnosis ({began})",
    ),
    # -- targets --
    "plan.kpi_no_direction": (
        "成效指标 {n}（{name}）：请说明数值越高越好还是越低越好",
        "KPI {n} ({name}): say whether higher or lower is better",
    ),
    "plan.kpi_worse_higher": (
        "成效指标 {n}（{name}）：越高越好，目标 {target} 却低于基准 {baseline}",
        "KPI {n} ({name}): higher is better, yet the target {target} is below the baseline {baseline}",
    ),
    "plan.kpi_worse_lower": (
        "成效指标 {n}（{name}）：越低越好，目标 {target} 却高于基准 {baseline}",
        "KPI {n} ({name}): lower is better, yet the target {target} is above the baseline {baseline}",
    ),
    "plan.no_effect": (
        "改造方案投入 {budget} 万元，但规划等级、得分和各项成效指标都没有变化：请说明原因",
        "the plan spends {budget} (10k CNY) but changes neither the planned level, the score nor any "
        "KPI: explain why",
    ),
    "plan.kpi_not_projects": (
        "成效指标 {n}（{name}）：目标 {target} 与改造项目完成后的数值 {planned} 不一致",
        "KPI {n} ({name}): the target {target} does not match what the plan's projects give ({planned})",
    ),
    # -- what finalizing an on-site diagnosis needs --
    "ready.blocked": (
        "评估 #{id} 还不能定稿：",
        "assessment #{id} cannot be finalized yet:",
    ),
    "ready.item": ("  - {item}", "  - {item}"),
    "ready.no_visit": (
        "评测过程：至少记录一次现场诊断（日期、地点、评估人员）",
        "the assessment process: record at least one visit (date, place, assessors)",
    ),
    "ready.visit": ("第 {n} 次现场诊断（{date}）缺少{parts}", "visit {n} ({date}) has no {parts}"),
    "ready.visit.place": ("地点", "place"),
    "ready.visit.assessors": ("评估人员", "assessors"),
    "ready.findings": ("问题与需求：尚未填写", "the problems and needs are not written yet"),
    "ready.projects": (
        "改造方案：至少一个改造项目，或说明不提出项目的原因",
        "the plan: at least one project, or the reason why no project is proposed",
    ),
    "ready.kpis": (
        "预期成效：至少一项成效指标及其目标值",
        "the expected results: at least one KPI with its target",
    ),
    "ready.confirmation": ("企业确认：缺少{parts}", "the enterprise's confirmation lacks {parts}"),
    "ready.confirmation.opinion": ("确认意见", "its opinion"),
    "ready.confirmation.by": ("确认人", "who confirmed"),
    "ready.confirmation.date": ("确认日期", "the date"),
    "ready.required": (
        "{count} 道必答题尚未回答（第一道：{first}）；请作答，或用 --force 在缺答的情况下定稿",
        "{count} required questions are unanswered (first: {first}); answer them or finalize with --force",
    ),
    # -- effect: a re-assessment against its baseline --
    "effect.backwards": (
        "#{before}（{first}）晚于 #{after}（{second}）：对比须以较早的评估为改造前基线",
        "#{before} ({first}) is later than #{after} ({second}): the baseline of a comparison is the "
        "older assessment",
    ),
    "effect.same_day": (
        "复评（{second}）不晚于基线评估（{first}），尚不能体现改造成效",
        "the re-assessment ({second}) is not later than the baseline ({first}): too early to show effect",
    ),
    "effect.too_early": (
        "复评日期 {day} 早于改造方案中最早一个项目的结束月份 {end}，尚不能体现改造成效",
        "the re-assessment on {day} comes before the plan's earliest project ends ({end}): too early "
        "to show effect",
    ),
    "effect.not_updated": (
        "成效数据未更新：{figures} 的数据与基线完全相同",
        "figures not updated: {figures} are exactly as in the baseline",
    ),
    # -- drafting from the gaps --
    "draft.score": (
        "要达到“{goal}”，{what}须达到 {need} 分，目前为 {now} 分，还差 {short} 分。",
        "To reach {goal}, {what} must reach {need}; it is {now} now, {short} short.",
    ),
    "draft.count": (
        "要达到“{goal}”，{set}中须有 {need} 项{bar}，目前只有 {now} 项。",
        "To reach {goal}, {need} of {set} must be {bar}; {now} are now.",
    ),
    "draft.condition": (
        "要达到“{goal}”，还需满足：{condition}。",
        "To reach {goal}, this must hold: {condition}.",
    ),
    "draft.closest": ("最接近的有：{names}。", " The closest are: {names}."),
    "draft.every": (
        "要达到“{goal}”，{set}中的每一项都须{bar}，目前 {need} 项中有 {now} 项做到。",
        "To reach {goal}, every one of {set} must be {bar}; {now} of {need} are now.",
    ),
    "draft.bar_score": ("得分不低于 {least}", "scoring at least {least}"),
    "draft.short_of": ("尚未达到的：{names}。", " Still short of it: {names}."),
    "draft.part": ("{part}：{sentence}", "{part}: {sentence}"),
    "draft.weak": (
        "“{part}”是目前最薄弱的部分之一，得分 {score} / {max}。",
        "{part} is among the weakest parts, at {score} of {max}.",
    ),
    "draft.weak_questions": ("差距主要在：{names}。", " The gaps are mostly in: {names}."),
    "draft.weak_count": ("其中有 {n} 项要求尚未做到。", " {n} of its requirements are not met yet."),
    "draft.project": ("{part}提升", "Improve {part}"),
    "plan.ends_before_start": (
        "改造项目“{name}”的结束月份（{end}）早于开始月份（{start}）",
        "project '{name}' ends ({end}) before it starts ({start})",
    ),
    "plan.field_problem": ("{where}：{problem}", "{where}: {problem}"),
    # -- a plan that does not fit its questionnaire ({indicator}: a question or dimension) --
    "projection.finding": (
        "问题与需求第 {n} 条：问卷中没有指标“{ref}”",
        "finding {n}: unknown indicator '{ref}'",
    ),
    "projection.kpi": ("成效指标“{name}”：问卷中没有题目“{ref}”", "KPI '{name}': unknown question '{ref}'"),
    "projection.project": ("改造项目 {n}（{name}）：{problem}", "project {n} ({name}): {problem}"),
    "projection.of_project": ("改造项目“{name}”：{problem}", "project '{name}': {problem}"),
    "projection.resolution": (
        "已说明的核查提示“{ref}”在问卷中不存在",
        "resolution for unknown check '{ref}'",
    ),
    "projection.not_an_answer": (
        "“{goal}”不是“{indicator}”的有效答案",
        "'{goal}' is not an answer to {indicator}",
    ),
    "projection.unknown": ("问卷中没有指标“{ref}”", "unknown indicator '{ref}'"),
    "projection.level_range": (
        "“{indicator}”的目标须为 1 到 {top} 级",
        "the goal of {indicator} must be a level from 1 to {top}",
    ),
    "projection.no_levels": (
        "“{indicator}”没有可设定的等级，请改为选择它下面的题目",
        "{indicator} has no levels to aim for; choose its questions instead",
    ),
}
