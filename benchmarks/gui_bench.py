"""Benchmark: process start to the first painted window and to a usable start list (the database
open, the list filled and painted: keys work), against a bare PySide6 QWizard with three pages
in the same run; and to a window with every page built (`diagnosis gui --smoke`). Run on demand
(offscreen): `QT_QPA_PLATFORM=offscreen python benchmarks/gui_bench.py`. Targets: first paint
≤ 1.5×, a usable start list ≤ 4× the bare wizard.

The commands take turns, round after round, and each is timed by its fastest run: other work
on a shared machine only ever adds time."""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

BARE = """
from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import QApplication, QWizard, QWizardPage
app = QApplication([])
wizard = QWizard()
for n in range(3):
    page = QWizardPage(); page.setTitle(f"Page {n}"); wizard.addPage(page)
class Quit(QObject):
    def eventFilter(self, obj, event):
        if event.type() == QEvent.Type.Paint:
            print("ready", flush=True)
            app.quit()
        return False
quit_ = Quit(); wizard.installEventFilter(quit_)
wizard.show(); app.exec()
"""

# The real entry point (`diagnosis` → cli.main → gui), quitting at the window's first paint, the
# moment the bare wizard above quits at: `run` takes a hook for it.
FIRST_PAINT = """
import sys
import diagnosis.ui.app as ui
from PySide6.QtWidgets import QApplication
real = ui.run
def ready():
    print("ready", flush=True)
    QApplication.instance().quit()
ui.run = lambda *a, **k: real(*a, **k, first_paint=ready)
from diagnosis.cli.main import main
sys.exit(main(["gui"]))
"""


# The same, quitting when the start list is usable (`run` calls `usable` then).
USABLE = FIRST_PAINT.replace("first_paint=", "usable=")
ROUNDS = 9


def timed(command: list[str], env: dict[str, str]) -> float:
    """Seconds from starting the process to its "ready" line (or, without one, to its end):
    what happens after the moment measured (a worker finishing, Python's exit) is not counted."""
    start = time.perf_counter()
    with subprocess.Popen(
        command, env=env, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True
    ) as child:
        assert child.stdout is not None
        said = child.stdout.readline()
        moment = time.perf_counter()
        child.stdout.read()
    if child.returncode:
        raise subprocess.CalledProcessError(child.returncode, command)
    return (moment if said.strip() == "ready" else time.perf_counter()) - start


def main() -> None:
    home = tempfile.mkdtemp(prefix="gui-bench-")
    # Compiled modules are kept (in a folder of this run), as an installed app has them.
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"} | {
        "QT_QPA_PLATFORM": "offscreen",
        "DIAGNOSIS_HOME": home,
        "PYTHONPYCACHEPREFIX": str(Path(home) / "pycache"),
    }
    # Warm the questionnaire cache, the compiled modules and the database, as a second start has them.
    subprocess.run([sys.executable, "-m", "diagnosis", "gui", "--smoke"], check=True, env=env)
    subprocess.run([sys.executable, "-c", BARE], check=True, env=env, capture_output=True)
    commands = {
        "bare QWizard, 3 pages, to first paint": [sys.executable, "-c", BARE],
        "diagnosis gui, to first paint": [sys.executable, "-c", FIRST_PAINT],
        "diagnosis gui, start list usable": [sys.executable, "-c", USABLE],
        "diagnosis gui --smoke, every page built": [sys.executable, "-m", "diagnosis", "gui", "--smoke"],
    }
    samples: dict[str, list[float]] = {name: [] for name in commands}
    for _ in range(ROUNDS):
        for name, command in commands.items():
            samples[name].append(timed(command, env))
    bare = min(samples["bare QWizard, 3 pages, to first paint"])
    for name, runs in samples.items():
        fastest, median = min(runs), statistics.median(runs)
        print(f"{name:40} {fastest:5.2f} s  ({fastest / bare:4.2f}x bare; median {median:5.2f} s)")


if __name__ == "__main__":
    main()
