"""Benchmark: process start to the first painted window (`diagnosis gui --smoke`) against a bare
PySide6 QWizard with three pages in the same run. Run on demand (offscreen):
`QT_QPA_PLATFORM=offscreen python benchmarks/gui_bench.py`. Targets: ≤ 1.5× the bare wizard, ≤ 1 s."""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import time

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


def timed(command: list[str], env: dict[str, str], repeat: int = 7) -> float:
    samples = []
    for _ in range(repeat):
        start = time.perf_counter()
        subprocess.run(command, check=True, capture_output=True, env=env)
        samples.append(time.perf_counter() - start)
    return statistics.median(samples)


def main() -> None:
    home = tempfile.mkdtemp(prefix="gui-bench-")
    env = os.environ | {"QT_QPA_PLATFORM": "offscreen", "DIAGNOSIS_HOME": home}
    # Warm the questionnaire cache first, as any second start finds it.
    subprocess.run([sys.executable, "-m", "diagnosis", "list"], check=True, capture_output=True, env=env)
    bare = timed([sys.executable, "-c", BARE], env)
    app = timed([sys.executable, "-m", "diagnosis", "gui", "--smoke"], env)
    print(f"bare QWizard, 3 pages, to first paint: {bare:5.2f} s")
    print(f"diagnosis gui --smoke, to first paint: {app:5.2f} s   ({app / bare:.2f}x the bare wizard)")


if __name__ == "__main__":
    main()
