#!/usr/bin/env bash
# Build the frozen Linux app (PyInstaller one-folder) in a clean venv, then prove it works with
# no Python on the PATH: version, questionnaire list, sample + score, demo report, GUI start.
# Usage: installer/build_linux.sh [OUTDIR]   (default: build/)   Prints build time and sizes.
set -euo pipefail
cd "$(dirname "$0")/.."
OUT=$(realpath -m "${1:-build}")
mkdir -p "$OUT"
SECONDS=0

python3 -m venv "$OUT/venv"
"$OUT/venv/bin/pip" install --quiet --upgrade pip
# The versions tested with (installer/constraints.txt), so a release is reproducible.
"$OUT/venv/bin/pip" install --quiet -c installer/constraints.txt . pyinstaller
"$OUT/venv/bin/pyinstaller" --noconfirm --clean --log-level WARN \
    --distpath "$OUT/dist" --workpath "$OUT/work" installer/diagnosis.spec
built=$SECONDS

APP="$OUT/dist/diagnosis/diagnosis"
CHECK="$OUT/check"
rm -rf "$CHECK" && mkdir -p "$CHECK"
# A clean environment whose PATH holds nothing at all: no Python, no venv, no system tools.
mkdir -p "$CHECK/empty-bin"
run() { env -i PATH="$CHECK/empty-bin" HOME="$CHECK" LANG=C.UTF-8 DIAGNOSIS_HOME="$CHECK/home" QT_QPA_PLATFORM=offscreen "$@"; }
# The key password travels in the environment, never on the command line.
run_key() { run DIAGNOSIS_KEY_PASSWORD="frozen-check-password" "$@"; }

version=$(run "$APP" --version)
echo "$version" | grep -q "diagnosis $(sed -n 's/^__version__ = "\(.*\)"/\1/p' diagnosis/__init__.py)"
run "$APP" list | grep -q "sme-digital-2024"
run "$APP" list | grep -q "数据管理能力成熟度"
run "$APP" sample sme-digital-2024 --strategy max -o "$CHECK/answers.json"
run "$APP" score "$CHECK/answers.json" --json > "$CHECK/score.json"
grep -q '"id": "L4"' "$CHECK/score.json"
run "$APP" demo -o "$CHECK/demo.pdf" >/dev/null
run "$APP" verify "$CHECK/demo.pdf" --unsigned-ok | grep -q "^OK "
# Signing: a provider key, a signed report, a strict check against the provider's certificate,
# and a copy changed after signing that must fail.
# The key is the demo's provider's: a report is only ever signed by the provider it names.
run_key "$APP" keys new --provider "示例数字化转型服务有限公司" --uscc 91340100MA2NX8K5TH -o "$CHECK/provider.p12" \
    | grep -q "fingerprint: SHA-256"
run_key "$APP" sign "$CHECK/demo.pdf" --key "$CHECK/provider.p12" -o "$CHECK/signed.pdf" >/dev/null
run "$APP" verify "$CHECK/signed.pdf" --trust "$CHECK/provider.pem" | grep -q "signed by 示例数字化转型服务有限公司"
{ cat "$CHECK/signed.pdf"; printf '\n%% appended\n'; } > "$CHECK/changed.pdf"
if run "$APP" verify "$CHECK/changed.pdf" --trust "$CHECK/provider.pem" 2>"$CHECK/changed.txt"; then
    echo "a report changed after signing passed verify" >&2; exit 1
fi
grep -q "changed after it was signed" "$CHECK/changed.txt"
run "$APP" gui --smoke --db "$CHECK/smoke.db"
# The claims intake on SQLite: fictitious packages and signed reports taken in (every one verified,
# OpenCC folding the names, two worker processes of the frozen program), the claim tables under a
# shipped policy, the 受理 window started.
run "$APP" intake sample 40 --reports 0.1 -o "$CHECK/inbox" >/dev/null
run "$APP" intake add "$CHECK/inbox" --trust "$CHECK/inbox/trust" --db "$CHECK/intake.db" --workers 2 \
    >"$CHECK/intake-add.txt" 2>/dev/null
grep -q "^40 documents: 37 received, 3 added to a revision already here, 0 already received, 0 refused" \
    "$CHECK/intake-add.txt"
run "$APP" intake report --db "$CHECK/intake.db" --policy resources/policies/anhui-2023.yaml --by city \
    | grep -q "^37 claims: "
run "$APP" intake report --db "$CHECK/intake.db" --policy resources/policies/anhui-2023.yaml \
    -o "$CHECK/claims.xlsx" | grep -q "34 enterprises, 37 claims"
run "$APP" intake report --db "$CHECK/intake.db" -o "$CHECK/claims.pdf" | grep -q "34 enterprises, 37 claims"
run "$APP" intake gui --smoke --db "$CHECK/intake.db"
echo "frozen app: $version; list, sample, score, demo, verify, keys new, sign, verify --trust, gui --smoke," \
    "intake sample, add, report (text, Excel, PDF) and intake gui --smoke all passed"

size=$(du -sm "$OUT/dist/diagnosis" | cut -f1)
tar -C "$OUT/dist" -czf "$OUT/diagnosis-linux.tar.gz" diagnosis
packed=$(du -sm "$OUT/diagnosis-linux.tar.gz" | cut -f1)
TIMEFORMAT=%R
frozen=$( { time run "$APP" --version >/dev/null; } 2>&1 )
venv=$( { time "$OUT/venv/bin/diagnosis" --version >/dev/null; } 2>&1 )
echo "build ${built} s; folder ${size} MB; tar.gz ${packed} MB; --version cold start: frozen ${frozen} s, venv ${venv} s"
