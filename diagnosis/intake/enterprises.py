"""Counting each enterprise once: names compared as people mean them, and a claim without a credit
code matched to the enterprise of the same name and region.

A unified social credit code names an enterprise exactly; a name does not. The same enterprise
arrives as "合肥某精密机械有限公司", with a zero-width space inside, with full-width letters, with
spaces, or typed in traditional characters (機 for 机). `name_key` folds all of these to one key:
Unicode NFKC (full-width → ASCII, compatibility forms), format characters (zero-width spaces and
joiners, the BOM, soft hyphens) and all spacing removed, case folded, traditional characters
folded to simplified with OpenCC's t2s tables — the province and city folded the same way.

Which enterprise a claim counts for is derived when querying (`identities`), like which revision
counts: claims arriving in any order, from any number of clerks, always count the same.
"""

from __future__ import annotations

import unicodedata
from collections import defaultdict
from collections.abc import Iterable, Mapping
from functools import cache
from typing import Any

from stdnum.cn import uscc as uscc_number

KEY_LENGTH = 300  # the column's width; names this long do not occur (a name is at most ~60 characters)
NAME_PREFIX = "name:"  # an enterprise known by its name alone (no credit code)


@cache
def _converter() -> Any:
    import opencc  # the compiled tables load once per process, on first use

    return opencc.OpenCC("t2s.json")


def normalised(text: str | None) -> str:
    """`text` folded for matching: NFKC, no format characters or spacing, case folded,
    traditional → simplified."""
    if not text:
        return ""
    folded = unicodedata.normalize("NFKC", text)
    kept = "".join(
        ch for ch in folded if not ch.isspace() and unicodedata.category(ch) not in ("Cf", "Zs", "Zl", "Zp")
    )
    return str(_converter().convert(kept.casefold()))


def name_key(name: str | None, province: str | None, city: str | None) -> str:
    """The enterprise's normalised region and name, the key claims without a code match on."""
    return "/".join(normalised(part) for part in (province, city, name))[:KEY_LENGTH]


def valid_code(code: str | None) -> bool:
    """Whether `code` is a valid unified social credit code (the only kind of claim payable)."""
    return code is not None and bool(uscc_number.is_valid(code))


def enterprise_key(code: str | None, key: str) -> str:
    """The enterprise as one document names it: its credit code, else its normalised name."""
    return code if code is not None and valid_code(code) else f"{NAME_PREFIX}{key}"[:KEY_LENGTH]


def same_enterprise(one: tuple[str | None, str], other: tuple[str | None, str]) -> bool:
    """Whether two documents, each (credit code, name key), name the same enterprise: the same
    code, or — when either has none — the same normalised name and region."""
    (code, key), (other_code, other_key) = one, other
    if valid_code(code) and valid_code(other_code):
        return code == other_code
    return key == other_key


def identities(rows: Iterable[Mapping[str, Any]]) -> dict[int, str]:
    """The enterprise each stored row counts for, by row id: its code; without one, the code of
    the one enterprise with a code known under the same name and region; else its name key. Two
    passes over the rows: linear in their number. A stored code passed the records' check-digit
    test on the way in (EnterpriseRecord), so it is not tested again here (13 µs a code)."""
    rows = list(rows)
    codes: dict[str, set[str]] = defaultdict(set)
    for row in rows:
        if row["uscc"]:
            codes[row["name_key"]].add(row["uscc"])
    found = {}
    for row in rows:
        known = codes.get(row["name_key"], set())
        if row["uscc"]:
            found[row["id"]] = row["uscc"]
        elif len(known) == 1:
            found[row["id"]] = next(iter(known))
        else:
            found[row["id"]] = row["enterprise_key"]
    return found
