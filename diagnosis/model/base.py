"""Building blocks shared by every questionnaire model: strict base, ids, bilingual text."""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, StringConstraints

Lang = Literal["zh", "en"]
LANGS: tuple[Lang, ...] = ("zh", "en")

Id = Annotated[str, StringConstraints(pattern=r"^[A-Za-z][A-Za-z0-9_.-]*$", max_length=80)]
SemVer = Annotated[str, StringConstraints(pattern=r"^\d+\.\d+\.\d+$")]


class Strict(BaseModel):
    """Unknown fields are errors: a typo in a questionnaire must not be silently ignored.

    Models build their validators when first used (`defer_build`): a command that uses one
    questionnaire model pays for that one, not for every model defined (issue 23 §6)."""

    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True, defer_build=True)


class Text(Strict):
    """A bilingual string; Chinese is always present, English when the file declares it."""

    zh: str = Field(min_length=1)
    en: str | None = Field(default=None, min_length=1)

    def get(self, lang: Lang) -> str:
        """The text in `lang`, falling back to Chinese."""
        return (self.en if lang == "en" else self.zh) or self.zh


def semver_key(version: str) -> tuple[int, ...]:
    """Sort key for `MAJOR.MINOR.PATCH` versions."""
    return tuple(int(part) for part in version.split("."))
