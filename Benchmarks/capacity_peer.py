#!/usr/bin/env python3
# Times interval sizing: pyworkforce's ErlangC against `channelshift capacity --bench-intervals N`, same inputs, one run.
# Inputs (identical on both sides): N 30-minute intervals, calls 1 + (i * 7919) mod 400 (1-400; pyworkforce refuses 0), AHT 300 s,
# target 80% answered within 20 s, Erlang C, no shrinkage, no occupancy cap.
# Usage: $HOME/.cache/channelshift-bench-venv/bin/python Benchmarks/capacity_peer.py [--intervals 100000] [--bin .build/release/channelshift]
# (bash /work/shared/bench/setup.sh installs pyworkforce==0.5.1 in that venv.)
import argparse
import json
import subprocess
import time

from pyworkforce.queuing import ErlangC


def pyworkforce_agents(n):
    total = 0
    for i in range(n):
        calls = 1 + (i * 7919) % 400
        # pyworkforce works in one time unit throughout: minutes here.
        erlang = ErlangC(transactions=calls, aht=5.0, asa=20 / 60, interval=30)
        total += erlang.required_positions(service_level=0.8)["raw_positions"]
    return total


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--intervals", type=int, default=100_000)
    ap.add_argument("--bin", default=".build/release/channelshift")
    a = ap.parse_args()

    start = time.perf_counter()
    py_total = pyworkforce_agents(a.intervals)
    py_seconds = time.perf_counter() - start

    start = time.perf_counter()
    out = subprocess.run([a.bin, "capacity", "--bench-intervals", str(a.intervals), "--format", "json"],
                         check=True, capture_output=True, text=True).stdout
    wall = time.perf_counter() - start
    values = json.loads(out)["values"]
    cs_seconds = values["bench_seconds_erlang_c"]["value"]
    cs_total = values["bench_agents_sum_erlang_c"]["value"]

    print(f"intervals: {a.intervals}")
    print(f"pyworkforce 0.5.1 ErlangC: {py_seconds:.3f} s  (sum of agents {py_total})")
    print(f"channelshift Erlang C:     {cs_seconds:.4f} s sizing, {wall:.3f} s wall incl. process start  (sum of agents {cs_total:.0f})")
    print(f"  sums of agents {'agree' if py_total == round(cs_total) else 'DIFFER'}")
    print(f"ratio (pyworkforce / channelshift sizing): {py_seconds / cs_seconds:.1f}x;  wall: {py_seconds / wall:.1f}x")
    print(f"channelshift Erlang A: {values['bench_microseconds_per_interval_erlang_a']['value']:.2f} us per interval (patience 120 s)")


if __name__ == "__main__":
    main()
