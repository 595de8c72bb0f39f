"""Start-up in a real terminal: process start to the first full frame, and peak memory, of
xiaobian on the 1M-comment demo database beside a bare Textual app (Header, DataTable, Footer).

    python bench/startup.py [--runs 7] [--verbose]

Each run starts the program in a fresh tmux session (120x40) and polls the pane until its
first full frame is there: the footer and the first page of the queue (xiaobian) or of the
table (the bare app). For xiaobian it then waits for the thread pane of the selected comment,
which fills in from a worker after the first frame. Runs alternate app / baseline so machine
drift cancels in the paired ratio. Peak RSS is VmHWM of the process at the end of the run.
Target: first-frame time ratio ≤ 1.5.
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from common import demo_db  # noqa: E402

SOCKET = "xiaobian-bench"


def tmux(*args: str) -> str:
    return subprocess.run(["tmux", "-L", SOCKET, *args], capture_output=True, text=True).stdout


def first_frame(command: str, markers: tuple[str, ...], pending: str | None = None,
                timeout: float = 30) -> tuple[float, float, float]:
    """Seconds until all ``markers`` show, seconds until ``pending`` (a placeholder the screen
    fills in after its first frame) is gone, and the process's peak RSS in MiB by then."""
    tmux("kill-server")
    start = time.perf_counter()
    tmux("new-session", "-d", "-s", "b", "-x", "120", "-y", "40", f"exec {command}")
    shown = None
    while time.perf_counter() - start < timeout:
        pane = tmux("capture-pane", "-p", "-t", "b")
        if shown is None and all(marker in pane for marker in markers):
            shown = time.perf_counter() - start
        if shown is not None and (pending is None or pending not in pane):
            ready = time.perf_counter() - start
            pid = tmux("display-message", "-p", "-t", "b", "#{pane_pid}").strip()
            rss = _peak_rss(pid)
            tmux("kill-server")
            return shown, ready, rss
        time.sleep(0.01)  # each poll spawns tmux: polling harder would steal the CPU being measured
    tmux("kill-server")
    raise SystemExit(f"{command!r} never showed {markers!r}")


def _peak_rss(pid: str) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return 0.0


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--verbose", action="store_true", help="print every pair")
    args = parser.parse_args()
    if not shutil.which("tmux"):
        raise SystemExit("bench/startup.py needs tmux")
    db = demo_db(1_000_000)
    # First frame: the footer and the first page's "1–100" line (the rows are drawn with it);
    # the thread pane of the selected comment fills in after it.
    config = Path(tempfile.mkdtemp()) / "config.toml"  # an empty config: the defaults, not the user's
    config.write_text("", encoding="utf-8")
    app = (f"env XIAOBIAN_CONFIG={config} LANG=C.UTF-8 TZ=Asia/Taipei {sys.executable} -m xiaobian "
           f"--db {db}", ("Help", "1–100"), "Select a comment to see its thread.")
    bare = (f"env LANG=C.UTF-8 {sys.executable} {Path(__file__).with_name('min_app.py')}", ("Quit", "10h"))
    first_frame(*app), first_frame(*bare)  # warm the page cache
    pairs = [(first_frame(*app), first_frame(*bare)) for _ in range(args.runs)]
    if args.verbose:
        for a, b in pairs:
            print(f"app {a[0] * 1000:.0f} ms (pane {a[1] * 1000:.0f})  bare {b[0] * 1000:.0f} ms  ratio {a[0] / b[0]:.2f}")
    app_s, ready_s = (statistics.median(a[i] for a, _ in pairs) for i in (0, 1))
    bare_s = statistics.median(b[0] for _, b in pairs)
    ratio = statistics.median(a[0] / b[0] for a, b in pairs)
    print("| start-up (tmux 120x40) | first frame ms | thread pane filled ms | peak RSS MiB |")
    print("|---|---:|---:|---:|")
    print(f"| xiaobian, 1M-comment demo | {app_s * 1000:.0f} | {ready_s * 1000:.0f} | {max(a[2] for a, _ in pairs):.0f} |")
    print(f"| bare Textual app | {bare_s * 1000:.0f} | | {max(b[2] for _, b in pairs):.0f} |")
    print(f"\npaired time ratio, first frame: {ratio:.2f} (target ≤ 1.5); "
          f"thread pane filled / bare first frame: {ready_s / bare_s:.2f}")


if __name__ == "__main__":
    main()
