"""Messages about answers a new assessment took from another assessment (a question's `prefill`)."""

from __future__ import annotations

MESSAGES: dict[str, tuple[str, str]] = {
    "prefill.taken": ("取自评估 #{number}（{source}）", "taken from assessment #{number} ({source})"),
    "prefill.taken_gone": ("取自评估 #{number}（已删除）", "taken from assessment #{number} (since deleted)"),
    "prefill.line": ("{question}：{value}，{taken}", "{question}: {value}, {taken}"),
}
