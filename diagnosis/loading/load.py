"""Load one questionnaire file: decode, parse, validate, check, hash — all problems at once."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Any

from diagnosis.errors import Problem, QuestionnaireError
from diagnosis.files import read_regular
from diagnosis.loading import cache
from diagnosis.messages import msg

if TYPE_CHECKING:  # the models (pydantic) load when a questionnaire is first read, not before
    from diagnosis.model import Questionnaire

MAX_FILE = 16 * 2**20  # the largest bundled questionnaire is about 0.5 MB
_CONDITION_TAGS = {"all", "any", "not", "answer", "score", "count"}
_KIND_TAGS = {"single", "multiple", "yesno", "level", "number", "percentage", "derived", "text"}


@dataclass(frozen=True, eq=False)
class Loaded:
    """A validated questionnaire with its canonical sha256 and where it came from.

    A file that passed every check before (it is in the cache) is read as its model only when
    `questionnaire` is first used: listing the catalogue validates nothing, a command validates
    the one questionnaire it uses.
    """

    sha256: str
    source: str
    raw: bytes  # the exact file, stored with every assessment answered against it
    key: tuple[str, str]  # (id, version)
    read: Callable[[], Questionnaire] = field(repr=False)

    @cached_property
    def questionnaire(self) -> Questionnaire:
        return self.read()

    @classmethod
    def of(cls, questionnaire: Questionnaire, sha256: str, source: str, raw: bytes) -> Loaded:
        """A questionnaire already validated."""
        return cls(sha256, source, raw, (questionnaire.id, questionnaire.version), lambda: questionnaire)


def canonical_json(questionnaire: Questionnaire) -> str:
    """The canonical form: defaults left out, keys sorted, compact, UTF-8 kept."""
    data = questionnaire.model_dump(mode="json", by_alias=True, exclude_defaults=True)
    return json.dumps(data, sort_keys=True, ensure_ascii=False, separators=(",", ":"))


def load_file(path: Path, *, use_cache: bool = True) -> Loaded:
    """Load and fully check a questionnaire file; raises QuestionnaireError listing every problem."""
    raw = read_regular(path, MAX_FILE, "questionnaire file")
    return load_bytes(str(path), raw, use_cache=use_cache)


def load_bytes(file: str, raw: bytes, *, use_cache: bool = True) -> Loaded:
    """As `load_file`, for bytes already in hand (e.g. a copy stored with an assessment)."""
    if len(raw) > MAX_FILE:
        raise QuestionnaireError([Problem(file, 1, 1, msg("loading.too_large", mb=MAX_FILE // 2**20))])
    known = cache.peek(raw) if use_cache else None
    if known is not None:
        return Loaded(known.sha256, file, raw, (known.id, known.version), lambda: _cached(file, raw))
    questionnaire, canonical = _settled(validate_text(file, raw))
    sha256 = hashlib.sha256(canonical.encode("utf-8")).hexdigest()  # formatting and comments aside
    loaded = Loaded.of(questionnaire, sha256, file, raw)
    if use_cache:
        cache.put(raw, cache.Header(sha256, questionnaire.id, questionnaire.version), questionnaire)
    return loaded


def _cached(file: str, raw: bytes) -> Questionnaire:
    """The questionnaire of a cache entry; a damaged entry falls back to the file itself."""
    hit = cache.get(raw)
    return hit[1] if hit is not None else _settled(validate_text(file, raw))[0]


def _settled(questionnaire: Questionnaire) -> tuple[Questionnaire, str]:
    """The questionnaire as its canonical form reads back, with that form. A cache entry leaves
    defaults out, so `scale: 100` written in a file (validated to 100.0) comes back as the
    default (100): reading every load this way scores, and renders, alike cold or cached."""
    canonical = canonical_json(questionnaire)
    return type(questionnaire).model_validate_json(canonical), canonical


def validate_text(file: str, raw: bytes) -> Questionnaire:
    # YAML and the semantic checks load only here: a cached questionnaire needs neither.
    from pydantic import ValidationError

    from diagnosis.loading.checks import check
    from diagnosis.loading.yamlsource import Locator, decode, parse
    from diagnosis.model import Questionnaire

    text, problems = decode(file, raw)
    if text is None:
        raise QuestionnaireError(problems)
    data, problems = parse(file, text)
    if not isinstance(data, dict):
        raise QuestionnaireError(problems)
    try:
        questionnaire = Questionnaire.model_validate(data)
    except ValidationError as error:
        locator = Locator(file, text)
        problems += [locator.problem(_data_path(e["loc"], data), _message(e)) for e in error.errors()]
        raise QuestionnaireError(_unique(problems)) from None
    found = check(questionnaire)
    if found or problems:
        locator = Locator(file, text)
        problems += [locator.problem(path, message) for path, message in found]
        raise QuestionnaireError(_unique(problems))
    return questionnaire


def _data_path(loc: Sequence[str | int], data: Any) -> tuple[str | int, ...]:
    """Drop the union tags pydantic puts in error locations, keeping real keys and indexes."""
    path: list[str | int] = []
    parts = list(loc)
    for i, part in enumerate(parts):
        nxt = parts[i + 1] if i + 1 < len(parts) else None
        if isinstance(data, dict):
            if (
                part in _CONDITION_TAGS
                and nxt == part
                and isinstance(data.get(part), dict)
                and part not in data[part]
            ):
                continue
            if part not in data:
                if part in _KIND_TAGS or (part in _CONDITION_TAGS and nxt is not None):
                    continue
                path.append(part)
                data = None
                continue
            data = data[part]
        elif isinstance(data, list) and isinstance(part, int) and part < len(data):
            data = data[part]
        else:
            data = None
        path.append(part)
    return tuple(path)


def _message(error: Any) -> str:
    from diagnosis.validation import field_problem

    return field_problem(error)


def _unique(problems: list[Problem]) -> list[Problem]:
    return sorted(dict.fromkeys(problems), key=lambda p: (p.line, p.col, p.message))
