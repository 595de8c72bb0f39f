"""Import speed: ``xiaobian sync`` on a generated comment export vs. a bare csv reader + sqlite3
executemany into the same schema, and peak memory at two file sizes.

    python bench/import.py [--rows 1000000]

Both run as fresh processes on a fresh database. The baseline does only what any importer must
(read the CSV, insert in 2,000-row transactions into the same tables, indexes and FTS triggers);
xiaobian also validates the whole file first, scores sentiment and priority, and counts
new/updated/unchanged. Target: ratio ≤ 2; peak RSS flat in file size.
"""

from __future__ import annotations

import argparse
import csv
import os
import random
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from common import RESULTS  # noqa: E402

PHRASES = ["雪嶺配方好好喝！什麼時候會再補貨？", "Shipping took 9 days. Not happy.", "請問門市週末有營業嗎",
           "上次買的豆子有異味，想退款", "拿鐵超讚 ☕☕", "price is too high for 250g", "包裝很漂亮，送禮很適合",
           "冷萃喝起來有點酸，是正常的嗎？", "店員很親切 👍", "瓶蓋破了，咖啡漏一整箱"]
HEADER = ["Comment ID", "Name", "Profile ID", "Date", "Likes", "Comment", "Post URL"]


def export_file(rows: int) -> Path:
    RESULTS.mkdir(exist_ok=True)
    path = RESULTS / f"comments-{rows}.csv"
    if not path.exists():
        rng = random.Random(7)
        with path.open("w", newline="", encoding="utf-8") as f:
            out = csv.writer(f)
            out.writerow(HEADER)
            for i in range(rows):
                out.writerow([f"c{i}", f"用戶{i % 50_000}", str(100_000 + i % 50_000),
                              f"2026-{1 + i % 11:02d}-{1 + i % 28:02d} {i % 24:02d}:{i % 60:02d}:00", i % 7,
                              f"{rng.choice(PHRASES)} #{i}", f"https://www.facebook.com/shanlan/posts/{i % 900}"])
    return path


def baseline(csv_path: str, db_path: str) -> None:
    """Runs in its own process: the schema from xiaobian, then nothing but csv + executemany."""
    from xiaobian.store import open_store

    open_store(db_path, actor="bench").close()
    conn = sqlite3.connect(db_path)
    conn.execute("PRAGMA synchronous = FULL")
    sql = ("INSERT INTO comments (platform, external_id, author_id, author_name, text, created_at)"
           " VALUES ('facebook', ?, ?, ?, ?, ?)")
    with open(csv_path, newline="", encoding="utf-8") as f:
        reader = csv.reader(f)
        next(reader)
        batch = []
        for row in reader:
            batch.append((row[0], row[2], row[1], row[5], row[3]))
            if len(batch) == 2000:
                conn.executemany(sql, batch)
                conn.commit()
                batch = []
        conn.executemany(sql, batch)
        conn.commit()
    conn.close()


def timed(cmd: list[str]) -> tuple[float, float]:
    """Seconds and peak RSS (MiB) of a child process."""
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL)
    _, status, usage = os.wait4(proc.pid, 0)
    if status != 0:
        raise SystemExit(f"{cmd} failed with status {status}")
    return time.perf_counter() - start, usage.ru_maxrss / 1024


def run(rows: int) -> dict[str, tuple[float, float]]:
    path = export_file(rows)
    out = {}
    for name, db, cmd in (
        ("xiaobian sync", RESULTS / f"import-{rows}.db",
         [sys.executable, "-m", "xiaobian", "--db", "{db}", "sync", str(path), "--open-days", "0"]),
        ("csv + executemany", RESULTS / f"baseline-{rows}.db",
         [sys.executable, __file__, "--baseline", str(path), "{db}"]),
    ):
        for suffix in ("", "-wal", "-shm"):
            Path(f"{db}{suffix}").unlink(missing_ok=True)
        out[name] = timed([part.replace("{db}", str(db)) for part in cmd])
    return out


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--baseline", nargs=2, metavar=("CSV", "DB"))
    args = parser.parse_args()
    if args.baseline:
        baseline(*args.baseline)
        return
    small = run(args.rows // 10)
    big = run(args.rows)
    print(f"| import | rows/s ({args.rows:,}) | peak RSS {args.rows // 10:,} | peak RSS {args.rows:,} |")
    print("|---|---:|---:|---:|")
    for name in big:
        print(f"| {name} | {args.rows / big[name][0]:,.0f} | {small[name][1]:.0f} MiB | {big[name][1]:.0f} MiB |")
    ratio = big["xiaobian sync"][0] / big["csv + executemany"][0]
    print(f"\ntime ratio xiaobian/baseline: {ratio:.2f} (target ≤ 2)")


if __name__ == "__main__":
    main()
