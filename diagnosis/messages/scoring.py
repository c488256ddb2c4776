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
}
