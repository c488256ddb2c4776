"""The core runs without Qt; the wheel carries the bundled data."""

from __future__ import annotations

import pkgutil
import subprocess
import sys
import zipfile
from pathlib import Path

import diagnosis

ROOT = Path(__file__).parent.parent

BLOCK_QT = """
import sys, importlib, pkgutil
class Block:
    def find_spec(self, name, path=None, target=None):
        if name == "PySide6" or name.startswith("PySide6."):
            raise ImportError("Qt is blocked in the core")
sys.meta_path.insert(0, Block())
import diagnosis
for module in pkgutil.walk_packages(diagnosis.__path__, "diagnosis."):
    if not module.name.startswith("diagnosis.ui") and not module.name.endswith("__main__"):
        importlib.import_module(module.name)
print("ok")
"""


def test_every_core_module_imports_with_qt_blocked() -> None:
    done = subprocess.run([sys.executable, "-c", BLOCK_QT], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert done.stdout == "ok\n"
    assert len(list(pkgutil.walk_packages(diagnosis.__path__, "diagnosis."))) > 10


def test_wheel_carries_the_questionnaires_and_runs_from_them(tmp_path: Path) -> None:
    subprocess.run(
        [sys.executable, "-m", "build", "--wheel", "--no-isolation", "--outdir", str(tmp_path), str(ROOT)],
        check=True,
        capture_output=True,
    )
    wheel = next(tmp_path.glob("diagnosis-*.whl"))
    names = zipfile.ZipFile(wheel).namelist()
    bundled = {
        Path(name).parent.name for name in names if name.startswith("diagnosis/_bundled/questionnaires/")
    }
    assert {"dcmm", "sme-digital-2024", "lianghua", "lianghua-upgrade"} <= bundled
    # Run the unpacked wheel from an unrelated folder: it must find its own copy of the data.
    unpacked = tmp_path / "site"
    zipfile.ZipFile(wheel).extractall(unpacked)
    done = subprocess.run(
        [sys.executable, "-c", "import diagnosis.paths as p; print(p.bundle_root())"],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        env={"PYTHONPATH": str(unpacked)},
    )
    assert done.stdout.strip() == str(unpacked / "diagnosis" / "_bundled")
    listed = subprocess.run(
        [sys.executable, "-m", "diagnosis", "list"],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        env={"PYTHONPATH": str(unpacked), "DIAGNOSIS_HOME": str(tmp_path / "h")},
    )
    assert "sme-digital-2024" in listed.stdout, listed.stderr
