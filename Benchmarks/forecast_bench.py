"""make bench (forecast part): channelshift forecast against statsforecast AutoETS and seasonal naive.

The same weekly series per service line, the same rolling origins (channelshift's backtest: 4 origins 13 weeks
apart, each needing two years of history) and the same MASE scale (in-sample mean absolute error of the
seasonal naive forecast, lag 52 weeks; Hyndman & Koehler 2006). Times are wall-clock for whole processes,
including process start, best of --repeat runs.
Usage: forecast_bench.py --bin .build/release/channelshift --peer-python VENV/bin/python --data FILE [--repeat 3]
"""
import argparse
import csv
import io
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

H = 13


def timed(cmd, repeat):
    best, out = None, None
    for _ in range(repeat):
        t = time.perf_counter()
        p = subprocess.run(cmd, capture_output=True, text=True)
        dt = time.perf_counter() - t
        if p.returncode != 0:
            sys.exit(f"error: {' '.join(cmd)} failed:\n{p.stderr}")
        best = dt if best is None else min(best, dt)
        out = p.stdout
    return best, out


def table(report, table_id):
    if table_id not in report["tables"]:
        sys.exit(f"error: table {table_id} not in channelshift's JSON")
    return report["tables"][table_id]["rows"]


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--bin", required=True)
    ap.add_argument("--peer-python", required=True)
    ap.add_argument("--data", required=True)
    ap.add_argument("--repeat", type=int, default=3)
    a = ap.parse_args()

    cmd = [a.bin, "forecast", "--quiet", "--by", "line", "--horizon-weeks", str(H), "--suppress", "0", "--format", "json", a.data]
    ours_s, text = timed(cmd, a.repeat)
    report = json.loads(text)
    history = table(report, "history_weekly")
    origins = table(report, "backtest_origins")

    here = Path(tempfile.mkdtemp(prefix="cs-forecast-bench-"))
    weekly_csv, origins_csv, out_csv = here / "weekly.csv", here / "origins.csv", here / "peer.csv"
    with open(weekly_csv, "w", newline="") as f:
        w = csv.writer(f)
        w.writerow(["unique_id", "ds", "y"])
        for r in history:
            w.writerow([r["line"], r["week_start"], r["contacts"]])
    with open(origins_csv, "w", newline="") as f:
        w = csv.writer(f)
        w.writerow(["unique_id", "origin"])
        for r in origins:
            w.writerow([r["line"], r["origin"]])
    peer_s, _ = timed([a.peer_python, str(Path(__file__).with_name("forecast_peer.py")), str(weekly_csv), str(origins_csv), str(H), str(out_csv)], a.repeat)

    # Score the peer's forecasts exactly as channelshift scores its own.
    series = {}
    for r in history:
        series.setdefault(r["line"], []).append((r["week_start"], float(r["contacts"])))
    peer = {}
    with open(out_csv) as f:
        for r in csv.DictReader(f):
            peer.setdefault((r["unique_id"], r["origin"][:10]), []).append((r["ds"][:10], r))
    scores = {"channelshift": [], "AutoETS": [], "SeasonalNaive": []}
    by_line = {}
    for o in origins:
        line, origin = o["line"], o["origin"]
        ys = series[line]
        idx = [i for i, (d, _) in enumerate(ys) if d == origin][0]
        y = [v for _, v in ys]
        scale = sum(abs(y[i] - y[i - 52]) for i in range(52, idx)) / (idx - 52)
        fc = sorted(peer[(line, origin)])
        actual = y[idx:idx + H]
        for model in ("AutoETS", "SeasonalNaive"):
            mae = sum(abs(actual[k] - float(fc[k][1][model])) for k in range(H)) / H
            scores[model].append(mae / scale)
            by_line.setdefault(line, {}).setdefault(model, []).append(mae / scale)
        scores["channelshift"].append(float(o["mase"]))
        by_line.setdefault(line, {}).setdefault("channelshift", []).append(float(o["mase"]))
        if abs(float(o["scale"]) - scale) > 0.006:
            sys.exit(f"error: MASE scale differs for {line} {origin}: ours {o['scale']} vs {scale}")

    mean = lambda v: sum(v) / len(v)
    print(f"data: {a.data}; {len(series)} weekly series (service lines), {len(origins)} line x origin backtests, h = {H} weeks")
    print(f"| Method | mean MASE | time (s, incl. process start) |")
    print(f"|---|---:|---:|")
    print(f"| channelshift forecast (quasi-Poisson daily regression) | {mean(scores['channelshift']):.3f} | {ours_s:.2f} |")
    print(f"| statsforecast AutoETS (season_length=52) | {mean(scores['AutoETS']):.3f} | {peer_s:.2f} (both peer models) |")
    print(f"| statsforecast SeasonalNaive (52) | {mean(scores['SeasonalNaive']):.3f} | |")
    print()
    print("| Service line | channelshift | AutoETS | SeasonalNaive |")
    print("|---|---:|---:|---:|")
    for line in sorted(by_line):
        m = by_line[line]
        print(f"| {line} | {mean(m['channelshift']):.3f} | {mean(m['AutoETS']):.3f} | {mean(m['SeasonalNaive']):.3f} |")
    print()
    print(f"speed: {peer_s / ours_s:.1f}x (peer time / channelshift time; channelshift also reads the raw contact CSV)")


if __name__ == "__main__":
    main()
