"""Messages of scoring and answering: not applicable without a reason, figures above the figure
they are part of, indicators voided by a hard plausibility check."""

from __future__ import annotations

MESSAGES: dict[str, tuple[str, str]] = {
    "answers.at_most": (
        "answers: {question} 为 {value}，多于 {other}（{limit}）",
        "answers: {question} is {value}, more than {other} ({limit})",
    ),
    "answers.na_reason": (
        "{question}：选择“不适用”须写明理由（备注）",
        "{question}: not applicable needs a reason (a note)",
    ),
    "answers.na_reasons": (
        "选择“不适用”须写明理由（备注），以下题目没有：{questions}",
        "not applicable needs a reason (a note); these have none: {questions}",
    ),
    "score.unexplained": (
        "不适用但未写理由（按未作答计）：{count}",
        "not applicable without a reason (counted as unanswered): {count}",
    ),
    "score.voided": (
        "{question} 不计分：{check} 未更正或说明",
        "{question} scores nothing: {check} is neither corrected nor explained",
    ),
    "score.na_share": (
        "不适用占比：{share}（{count} / {total}）",
        "Not applicable: {share} ({count} of {total})",
    ),
    # -- an answer that does not fit its question --
    "answers.located": ("{name}：{where}：{problem}", "{name}: {where}: {problem}"),
    "answers.top_level": ("顶层", "top level"),
    "answers.missing": ("缺少", "missing"),
    "answers.no_question": (
        "answers.{id}：{questionnaire} {version} 中没有这道题",
        "answers.{id}: no such question in {questionnaire} {version}",
    ),
    "answers.problem": ("answers.{id}：{problem}", "answers.{id}: {problem}"),
    "answers.computed": (
        "由其他答案计算得出；请填写它所用的数字",
        "is computed from other answers; give the figures it uses instead",
    ),
    "answers.expected_text": ("应为文本", "expected text"),
    "answers.expected_option": ("应为一个选项编号（{choices}）", "expected one option id ({choices})"),
    "answers.expected_options": (
        "应为选项编号的列表（{choices}）",
        "expected a list of option ids ({choices})",
    ),
    "answers.not_option": ("“{value}”不是选项（{choices}）", "'{value}' is not an option ({choices})"),
    "answers.twice": ("有选项重复列出", "an option is listed twice"),
    "answers.exclusive": (
        "“{value}”不能与其他选项同时选择",
        "'{value}' cannot be combined with other options",
    ),
    "answers.expected_number": ("应为数字", "expected a number"),
    "answers.expected_finite": ("应为有限的数字", "expected a finite number"),
    "answers.below": ("{value} 低于最小值 {low}", "{value} is below the minimum {low}"),
    "answers.above": ("{value} 高于最大值 {high}", "{value} is above the maximum {high}"),
    "answers.not_whole": ("{value} 不是整数", "{value} is not a whole number"),
    "answers.out_of_range": (
        "answers：{id} 计算结果为 {result}，超出 {span}；请核对数字 {inputs}",
        "answers: {id} computes to {result}, outside {span}; check the figures {inputs}",
    ),
    # -- answers carried to a newer version of the questionnaire --
    "carry.other_questionnaire": (
        "{old} 的答案不能转到另一份问卷（{new}）",
        "answers to {old} cannot move to another questionnaire ({new})",
    ),
    "carry.no_longer_asked": ("新版本不再询问", "no longer asked"),
    "carry.fresh": ("{id} 需要重新作答", "{id} needs a fresh answer"),
    "carry.no_counterpart": ("其答案在 {id} 中没有对应项", "its answer has no counterpart in {id}"),
    "carry.misfit": ("与 {id} 不符：{problem}", "does not fit {id}: {problem}"),
    "carry.na_reason": (
        "在 {version} 中 {id} 选择“不适用”须写明理由",
        "{id} is not applicable only with a reason in {version}",
    ),
    "carry.check_question": (
        "carry_over（来自 {version}）：{version} 中没有题目“{id}”",
        "carry_over from {version}: {version} has no question '{id}'",
    ),
    "carry.check_option": (
        "carry_over（来自 {version}）：{version} 中映射到“{id}”的题目都没有选项“{option}”",
        "carry_over from {version}: no question of {version} that maps to '{id}' has an option '{option}'",
    ),
}
