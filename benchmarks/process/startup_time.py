#!/usr/bin/env python3
"""CPU and wall time of a short command, lowest and median of N runs.

    benchmarks/process/startup_time.py [--runs 15] -- COMMAND...

Meant for the start-up of `newswire process` on one story:

    benchmarks/process/startup_time.py -- \\
        build/bin/newswire process testdata/sample_feed/01-ferry-strike.txt

CPU time is the child's user + system time from getrusage(RUSAGE_CHILDREN),
which resolves microseconds (/usr/bin/time prints 10 ms steps). The
command's output is discarded; a failing run is an error.
"""
import argparse
import resource
import statistics
import subprocess
import sys
import time


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--runs", type=int, default=15)
    ap.add_argument("command", nargs=argparse.REMAINDER)
    args = ap.parse_args()
    cmd = args.command[1:] if args.command[:1] == ["--"] else args.command
    if not cmd:
        ap.error("no command given")
    cpu, wall = [], []
    for _ in range(args.runs):
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        t0 = time.monotonic()
        proc = subprocess.run(cmd, stdout=subprocess.DEVNULL,
                              stderr=subprocess.PIPE)
        wall.append(time.monotonic() - t0)
        if proc.returncode != 0:
            sys.exit("exit %d: %s\n%s" % (proc.returncode, " ".join(cmd),
                                          proc.stderr.decode(errors="replace")))
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpu.append(after.ru_utime - before.ru_utime +
                   after.ru_stime - before.ru_stime)
    print("%d runs: CPU lowest %.1f ms, median %.1f ms; wall lowest %.1f ms, "
          "median %.1f ms" % (args.runs, min(cpu) * 1e3,
                              statistics.median(cpu) * 1e3, min(wall) * 1e3,
                              statistics.median(wall) * 1e3))


if __name__ == "__main__":
    main()
