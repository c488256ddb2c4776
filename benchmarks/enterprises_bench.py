"""Benchmark: counting each enterprise once — folding a name (NFKC, spacing, traditional →
simplified) and deciding which enterprise each claim counts for, at 10,000 to 1,000,000 claims
(a third without a credit code, half of those spelled otherwise). The second must grow linearly.

Run on demand: `python benchmarks/enterprises_bench.py`.
"""

from __future__ import annotations

import random
import time

from stdnum.cn import uscc as uscc_number

from diagnosis.intake.enterprises import enterprise_key, identities, name_key, normalised

ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"


def claims(count: int, rng: random.Random) -> list[dict[str, object]]:
    rows: list[dict[str, object]] = []
    for n in range(count):
        firm = n // 3  # three claims per enterprise, two with its code
        own = random.Random(firm)
        body = "913401" + "".join(own.choice(ALPHABET) for _ in range(11))
        name = f"合肥第{firm}精密机械有限公司"
        coded = n % 3 != 2
        if not coded and rng.random() < 0.5:
            name = name.replace("机", "機").replace("精密", "精\u200b密")
        code = body + uscc_number.calc_check_digit(body) if coded else None
        key = name_key(name, "安徽省", "合肥市")
        rows.append({"id": n, "uscc": code, "name_key": key, "enterprise_key": enterprise_key(code, key)})
    return rows


def main() -> None:
    rng = random.Random(0)
    names = [f"合肥第{n}精密機械有限公司" for n in range(100_000)]
    started = time.perf_counter()
    for name in names:
        normalised(name)
    print(f"folding a name: {1e6 * (time.perf_counter() - started) / len(names):.2f} µs")
    for count in (10_000, 100_000, 1_000_000):
        rows = claims(count, rng)
        started = time.perf_counter()
        found = identities(rows)
        seconds = time.perf_counter() - started
        print(f"{count:>9,} claims: {1000 * seconds:8.1f} ms, {len(set(found.values())):,} enterprises")


if __name__ == "__main__":
    main()
