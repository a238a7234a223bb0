#!/usr/bin/env python3
"""Checks the kits' routing fixture against route's own library.

    check_routes.py --newswire=build/bin/newswire \
        --subscriptions=deploy/subscriptions.example.yaml \
        --subscriptions=clients/testdata/subscriptions.yaml \
        --merged=build/clients/subscriptions.yaml \
        --expected=clients/tests/expected-routes.tsv FILE...

Writes the subscriptions of every --subscriptions file, in order, to one file
(--merged; the file newswire-route then runs with), runs `newswire process
--subscriptions MERGED` (the Router newswire-route uses, with follow-ups) on
FILE... in order and derives, for every subscription, the stories it
receives; exits 1 with a diff when that differs from the fixture, so the
kits' tests compare Kafka against a verified expectation.

Fixture lines (tab-separated, `#` starts a comment):
    <subscription>  <kind>  <headline>
kind is `new` (UNIQUE), `update` (UPDATE) or `kill` (pub status CANCELED), in
the order route writes them. A subscription that receives nothing has the
single line `<subscription>  none  -`. Every subscription of the file
appears.
"""

import argparse
import json
import subprocess
import sys

import yaml


def kind(record):
    if record.get("article", {}).get("pubStatus") == "PUB_STATUS_CANCELED":
        return "kill"
    return {"UNIQUE": "new", "UPDATE": "update"}[record["dedup"]["verdict"]]


def merge(paths, out):
    """Writes the subscriptions of every file in paths to out; their names."""
    subs = []
    for path in paths:
        with open(path, encoding="utf-8") as f:
            subs += (yaml.safe_load(f) or {}).get("subscriptions") or []
    with open(out, "w", encoding="utf-8") as f:
        f.write("# Written by clients/tests/check_routes.py from "
                + ", ".join(paths) + "\n")
        yaml.safe_dump({"subscriptions": subs}, f, sort_keys=False,
                       allow_unicode=True)
    return [s["name"] for s in subs]


def derive(newswire, names, subscriptions, files):
    out = subprocess.run(
        [newswire, "process", "--subscriptions", subscriptions,
         "--allow_rejected", *files],
        check=True, capture_output=True, text=True).stdout
    routes = {name: [] for name in names}
    for line in out.splitlines():
        record = json.loads(line)
        for name in record.get("matchedSubscriptions", []):
            routes[name].append((kind(record), record["article"]["headline"]))
    rows = []
    for name in names:
        rows += [(name, k, h) for k, h in routes[name]] or [(name, "none", "-")]
    return rows


def read_fixture(path):
    rows = []
    with open(path, encoding="utf-8") as f:
        for n, line in enumerate(f, 1):
            line = line.rstrip("\n")
            if not line or line.startswith("#"):
                continue
            fields = line.split("\t")
            if len(fields) != 3:
                sys.exit(f"{path}:{n}: want 3 tab-separated fields, got {len(fields)}")
            rows.append(tuple(fields))
    return rows


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--newswire", required=True)
    p.add_argument("--subscriptions", action="append", required=True)
    p.add_argument("--merged", required=True)
    p.add_argument("--expected", required=True)
    p.add_argument("files", nargs="+")
    a = p.parse_args()
    want = read_fixture(a.expected)
    names = merge(a.subscriptions, a.merged)
    got = derive(a.newswire, names, a.merged, a.files)
    # Compare per subscription, order within each kept.
    if sorted(set(r[0] for r in want)) != sorted(set(r[0] for r in got)) or any(
            [r for r in want if r[0] == n] != [r for r in got if r[0] == n]
            for n in set(r[0] for r in got)):
        print(f"{a.expected} differs from `newswire process --subscriptions "
              f"{a.merged}`:", file=sys.stderr)
        for r in want:
            if r not in got:
                print("  only in the fixture: " + "\t".join(r), file=sys.stderr)
        for r in got:
            if r not in want:
                print("  only in newswire process: " + "\t".join(r), file=sys.stderr)
        print("  (or the same rows in another order)", file=sys.stderr)
        print("newswire process gives:", file=sys.stderr)
        for r in got:
            print("  " + "\t".join(r), file=sys.stderr)
        return 1
    print(f"check_routes: {a.expected} matches newswire process "
          f"({len(want)} rows)", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
