"""Benchmark: signing and strictly checking a large report (DCMM, every question answered), ECDSA
P-256 against RSA-2048, beside rendering that report in the same run; then the same as commands.
Run on demand: `python benchmarks/signing_bench.py`. Prints figures and ratios, asserts nothing."""

from __future__ import annotations

import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from diagnosis.loading.catalogue import default_catalogue
from diagnosis.report.inputs import from_answers_file
from diagnosis.report.pdf import build_pdf
from diagnosis.scoring.answers import parse_answers_file
from diagnosis.signing.cms import check_bytes_signature, sign_bytes
from diagnosis.signing.keys import load_key, new_keys
from diagnosis.signing.pdf import sign_pdf
from diagnosis.signing.pdf_check import check_pdf_signature
from diagnosis.signing.trust import load_trust

PASSWORD = "benchmark-password"
PROVIDER = "基准测试服务机构"  # names the key's holder: a key signs only its own provider's reports
MANIFEST = b'{"files": {}}' * 150  # about the size of a package manifest


def median_time(action: Callable[[], Any], repeat: int) -> float:
    samples = []
    for _ in range(repeat):
        start = time.perf_counter()
        action()
        samples.append(time.perf_counter() - start)
    return statistics.median(samples)


def command(*args: str, env: dict[str, str]) -> Callable[[], None]:
    def run() -> None:
        subprocess.run([sys.executable, "-m", "diagnosis", *args], check=True, capture_output=True, env=env)

    return run


def main() -> None:
    folder = Path(tempfile.mkdtemp(prefix="signing-bench-"))
    env = os.environ | {"DIAGNOSIS_HOME": str(folder / "home"), "DIAGNOSIS_KEY_PASSWORD": PASSWORD}
    answers, report = folder / "a.json", folder / "r.pdf"
    command("sample", "dcmm", "--strategy", "random", "--seed", "1", "-o", str(answers), env=env)()
    document = json.loads(answers.read_text(encoding="utf-8"))
    document["assessment"] = (document.get("assessment") or {}) | {"provider": PROVIDER}
    answers.write_text(json.dumps(document, ensure_ascii=False), encoding="utf-8")
    render_process = median_time(command("report", str(answers), "-o", str(report), env=env), 3)
    file = parse_answers_file(str(answers), answers.read_bytes())
    source = from_answers_file(file, default_catalogue().get(file.questionnaire.ref))
    render = median_time(lambda: build_pdf(source), 5)
    pdf = report.read_bytes()
    print(
        f"report: {len(pdf) / 1024:.0f} KB; render in-process {render * 1000:.0f} ms, "
        f"as a process {render_process:.2f} s"
    )
    print(
        f"{'key':8} {'make key':>9} {'sign':>8} {'check':>8} "
        f"{'sign/render':>12} {'check/render':>13} {'+size':>8}"
    )
    for kind in ("ecdsa", "rsa"):
        start = time.perf_counter()
        made = new_keys(PROVIDER, "91340100MA2NX8K5TH", folder / f"{kind}.p12", PASSWORD, kind)  # type: ignore[arg-type]
        make = time.perf_counter() - start
        key, trust = load_key(made.key_file, PASSWORD), load_trust(made.certificate_file)
        signed = sign_pdf(pdf, key)
        assert check_pdf_signature(signed, trust).ok
        sign = median_time(lambda key=key: sign_pdf(pdf, key), 10)  # type: ignore[misc]
        check = median_time(lambda signed=signed, trust=trust: check_pdf_signature(signed, trust), 10)  # type: ignore[misc]
        print(
            f"{kind:8} {make * 1000:7.0f}ms {sign * 1000:6.0f}ms {check * 1000:6.0f}ms "
            f"{sign / render:11.1%} {check / render:12.1%} {(len(signed) - len(pdf)) / 1024:6.1f}KB"
        )
        signature = sign_bytes(MANIFEST, key)
        cms_sign = median_time(lambda key=key: sign_bytes(MANIFEST, key), 10)  # type: ignore[misc]
        cms_check = median_time(
            lambda s=signature, t=trust: check_bytes_signature(MANIFEST, s, t),  # type: ignore[misc]
            10,
        )
        print(
            f"{'':8} detached CMS over 2 KB: sign {cms_sign * 1000:.0f} ms, "
            f"check {cms_check * 1000:.0f} ms, {len(signature)} bytes"
        )
    ecdsa = folder / "ecdsa.p12"
    signed_file = folder / "signed.pdf"
    sign_process = median_time(
        command("sign", str(report), "--key", str(ecdsa), "-o", str(signed_file), env=env), 3
    )
    verify_plain = median_time(command("verify", str(report), "--unsigned-ok", env=env), 3)
    verify_trust = median_time(
        command("verify", str(signed_file), "--trust", str(folder / "ecdsa.pem"), env=env), 3
    )
    print(
        f"as commands (ECDSA): sign {sign_process:.2f} s ({sign_process / render_process:.2f}x report), "
        f"verify {verify_plain:.2f} s unsigned, {verify_trust:.2f} s signed with --trust "
        f"(+{(verify_trust - verify_plain) * 1000:.0f} ms)"
    )


if __name__ == "__main__":
    main()
