#!/usr/bin/env python3
"""Sums up a latency CSV of newswire-e2e-bench per window of publication time.

newswire-e2e-bench --latency_csv (benchmarks/e2e/run.sh writes
build/bench-e2e/latency.csv) has one line per story; this prints, for each
window, how many stories were published in it and their p50, p99 and maximum
latency after the commit, so that a start-up transient or a backlog building
up shows. With --skip, also the percentiles of the stories published after
the first SKIP seconds. With --target T, only one line: how many windows
after the first have p99 <= T seconds, and the worst window's p99 (the
steadiness of a latency target, which one run-wide p99 hides).

    benchmarks/e2e/latency_by_window.py [CSV] [--window 5] [--skip 0]
                                        [--target SECONDS]
"""
import argparse
import csv


def percentile(sorted_values, p):
    if not sorted_values:
        return 0.0
    return sorted_values[int(p * (len(sorted_values) - 1))]


def line(label, values):
    v = sorted(values)
    return "%-14s %6d stories  p50 %.3f s  p99 %.3f s  max %.3f s" % (
        label, len(v), percentile(v, 0.5), percentile(v, 0.99),
        percentile(v, 1.0))


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("csv", nargs="?", default="build/bench-e2e/latency.csv")
    parser.add_argument("--window", type=float, default=5.0)
    parser.add_argument("--skip", type=float, default=0.0)
    parser.add_argument("--target", type=float, default=None)
    args = parser.parse_args()
    windows = {}
    after_skip = []
    with open(args.csv, newline="") as f:
        for row in csv.DictReader(f):
            published = float(row["published_s"])
            latency = float(row["committed_latency_s"])
            windows.setdefault(int(published // args.window), []).append(latency)
            if published >= args.skip:
                after_skip.append(latency)
    if args.target is not None:
        later = [percentile(sorted(windows[w]), 0.99)
                 for w in sorted(windows)[1:]]
        met = sum(1 for p99 in later if p99 <= args.target)
        print("%.0f-s windows after the first with p99 <= %.3f s: %d of %d "
              "(worst p99 %.3f s)" % (args.window, args.target, met,
                                       len(later), max(later, default=0.0)))
        return
    for w in sorted(windows):
        label = "%.0f-%.0f s" % (w * args.window, (w + 1) * args.window)
        print(line(label, windows[w]))
    if args.skip > 0:
        print(line("after %.0f s" % args.skip, after_skip))


if __name__ == "__main__":
    main()
