"""What a report is, said once and alike on every page: who made it (the enterprise itself, or a
provider on site) and how far its level reaches (indicative where the level follows this tool's
own reading of a standard whose official scoring is not public)."""

from __future__ import annotations

import re

from diagnosis.model import Lang, Questionnaire
from diagnosis.report.labels import label

# The questionnaires whose method says their level is this tool's indicative reading of the
# standard (DCMM, DSMM, 两化融合 and its upgraded management system). Their released files cannot
# change, so the list lives here; the SME indicators follow the ministry's published scoring.
INDICATIVE = frozenset({"dcmm", "dsmm", "lianghua", "lianghua-upgrade"})

_SELF_ZH = (("自评估", "评估"), ("自诊断", "诊断"))
_SELF_EN = re.compile(r"\b([Ss])elf-(\w)")


def titled(text: str, onsite: bool, lang: Lang) -> str:
    """A questionnaire's title as a report names it: a provider's on-site diagnosis is no
    self-assessment, so 自评估 / self-assessment become 评估 / assessment there."""
    if not onsite:
        return text
    if lang == "zh":
        for own, plain in _SELF_ZH:
            text = text.replace(own, plain)
        return text
    return _SELF_EN.sub(lambda m: m[2].upper() if m[1] == "S" else m[2], text)


def caveat(q: Questionnaire, lang: Lang) -> str:
    """The sentence printed next to an indicative level ('' where the level is not)."""
    if q.id not in INDICATIVE:
        return ""
    return label("indicative", lang).format(standard=q.standard.name.get(lang))


def statement(q: Questionnaire, onsite: bool, lang: Lang) -> list[str]:
    """The report's own word on what it is: one kind (on-site or self), and the caveat."""
    lines = [label("result_kind.onsite" if onsite else "result_kind.self", lang)]
    said = caveat(q, lang)
    return [*lines, said] if said else lines
