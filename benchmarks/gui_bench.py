"""Benchmark: process start to the first painted window, against a bare PySide6 QWizard with three
pages in the same run, and to a window that is fully loaded (`diagnosis gui --smoke`: database
open, every page built). Run on demand (offscreen):
`QT_QPA_PLATFORM=offscreen python benchmarks/gui_bench.py`. Target: first paint ≤ 1.5× the bare
wizard."""

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
ui.run = lambda *a, **k: real(*a, **k, first_paint=lambda: QApplication.instance().quit())
from diagnosis.cli.main import main
sys.exit(main(["gui"]))
"""


def timed(command: list[str], env: dict[str, str], repeat: int = 9) -> float:
    samples = []
    for _ in range(repeat):
        start = time.perf_counter()
        subprocess.run(command, check=True, capture_output=True, env=env)
        samples.append(time.perf_counter() - start)
    return statistics.median(samples)


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
    bare = timed([sys.executable, "-c", BARE], env)
    paint = timed([sys.executable, "-c", FIRST_PAINT], env)
    ready = timed([sys.executable, "-m", "diagnosis", "gui", "--smoke"], env)
    print(f"bare QWizard, 3 pages, to first paint:     {bare:5.2f} s")
    print(f"diagnosis gui, to first paint:             {paint:5.2f} s   ({paint / bare:.2f}x bare)")
    print(f"diagnosis gui --smoke, loaded and painted: {ready:5.2f} s   ({ready / bare:.2f}x)")


if __name__ == "__main__":
    main()
