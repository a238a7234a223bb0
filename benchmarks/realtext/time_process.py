#!/usr/bin/env python3
"""Times `newswire process` over a directory of documents, and over its first
document alone (start-up: flag parsing, model and gazetteer loading, plus one
document), median of RUNS runs each. Prints JSON: wall and CPU seconds
(user + system of the child, from wait4), documents/s with start-up
included, and documents/s of the steady part (whole run minus the one-
document run, over N - 1 documents). Output records go to /dev/null.

Usage: time_process.py NEWSWIRE_BINARY CORPUS_DIR [RUNS]
"""
import json
import os
import statistics
import subprocess
import sys
import time


def timed(cmd):
    w0 = time.perf_counter()
    p = subprocess.Popen(cmd, stdout=subprocess.DEVNULL,
                         stderr=subprocess.PIPE)
    stderr = p.stderr.read().decode()
    _, status, usage = os.wait4(p.pid, 0)
    wall = time.perf_counter() - w0
    return {"wall_s": wall, "cpu_s": usage.ru_utime + usage.ru_stime,
            "exit": os.waitstatus_to_exitcode(status),
            "stderr_tail": stderr.strip().splitlines()[-1:]}


def median_run(cmd, runs):
    rs = [timed(cmd) for _ in range(runs)]
    out = {k: statistics.median(r[k] for r in rs) for k in ("wall_s", "cpu_s")}
    out["exit"] = rs[-1]["exit"]
    out["stderr_tail"] = rs[-1]["stderr_tail"]
    return out


def main():
    binary, corpus = sys.argv[1], sys.argv[2]
    runs = int(sys.argv[3]) if len(sys.argv) > 3 else 3
    files = sorted(f for f in os.listdir(corpus)
                   if not f.startswith(".") and f != "README")
    n = len(files)
    whole = median_run([binary, "process", corpus], runs)
    one = median_run([binary, "process", os.path.join(corpus, files[0])], runs)
    res = {"command": "%s process %s > /dev/null" % (binary, corpus),
           "docs": n, "runs": runs, "whole": whole, "startup_plus_one": one}
    for k in ("wall_s", "cpu_s"):
        res["docs_per_s_" + k[:-2]] = n / whole[k]
        steady = whole[k] - one[k]
        res["steady_docs_per_s_" + k[:-2]] = \
            (n - 1) / steady if steady > 0 else None
    print(json.dumps(res, indent=1))


if __name__ == "__main__":
    main()
