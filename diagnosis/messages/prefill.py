"""Messages about answers a new assessment took from another assessment (a question's `prefill`)."""

from __future__ import annotations

MESSAGES: dict[str, tuple[str, str]] = {
    "prefill.taken": ("取自评估 #{number}（{source}）", "taken from assessment #{number} ({source})"),
    "prefill.taken_gone": ("取自评估 #{number}（已删除）", "taken from assessment #{number} (since deleted)"),
    "prefill.line": ("{question}：{value}，{taken}", "{question}: {value}, {taken}"),
    # -- a questionnaire's prefills checked against the questionnaire they take from --
    "prefill.where": ("“{id}”从 {source} {version} 预填", "prefill of '{id}' from {source} {version}"),
    "prefill.no_question": (
        "{where}：{source} 中没有题目“{key}”",
        "{where}: {source} has no question '{key}'",
    ),
    "prefill.no_level": ("{where}：{source} 中没有等级“{key}”", "{where}: {source} has no level '{key}'"),
    "prefill.no_option": ("{where}：{source} 中没有选项“{key}”", "{where}: {source} has no option '{key}'"),
}
