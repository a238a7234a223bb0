#!/usr/bin/env python3
"""The datasketch MinHashLSH peer of the dedup benchmark.

Reads the labelled corpus (and optionally filler stories to prefill the index)
written by dedup_bench, streams it through datasketch's MinHashLSH the usual
way (word 3-shingles, 128 permutations; a query hit links the article to the
most similar candidate's story), and scores it exactly like dedup_bench: pair
precision/recall/F1 of the same-story decision, recall per edit kind, template
look-alikes marked duplicate, and documents/second (process CPU time).

With --ours it also prints a side-by-side table with dedup_bench's JSON.

  datasketch_peer.py --corpus corpus.jsonl --filler filler.jsonl \
      --ours ours.json --json_out peer.json
"""
import argparse
import collections
import html
import json
import re
import sys
import time

from datasketch import MinHash, MinHashLSH

_TAG = re.compile(r"<[A-Za-z/!][^>]{0,510}>")
_APOS = re.compile("['\u2018\u2019]")
_THOUSANDS = re.compile(r"(?<=\d),(?=\d)")
_TOKEN = re.compile(r"[0-9a-z\u00c0-\uffff]+(?:\.[0-9]+)*")


def shingles(doc):
    text = "%s\n%s" % (doc["headline"], doc["body"])
    text = html.unescape(_TAG.sub(" ", text)).lower()
    text = _THOUSANDS.sub("", _APOS.sub("", text))
    words = _TOKEN.findall(text)
    if len(words) < 3:
        return {" ".join(words).encode()}
    return {" ".join(words[i:i + 3]).encode() for i in range(len(words) - 2)}


def run(docs, filler, threshold, num_perm):
    lsh = MinHashLSH(threshold=threshold, num_perm=num_perm)
    sketches = {}
    story = {}
    t0 = time.process_time()

    def process(doc):
        m = MinHash(num_perm=num_perm)
        m.update_batch(list(shingles(doc)))
        best, best_j = None, -1.0
        for key in lsh.query(m):
            j = m.jaccard(sketches[key])
            if j > best_j:
                best, best_j = key, j
        story[doc["id"]] = story[best] if best is not None else doc["id"]
        lsh.insert(doc["id"], m)
        sketches[doc["id"]] = m
        return best is not None

    for doc in filler:
        process(doc)
    t1 = time.process_time()
    linked = [process(doc) for doc in docs]
    t2 = time.process_time()
    n = len(filler) + len(docs)
    return story, linked, {"docs_per_s": n / max(t2 - t0, 1e-9),
                           "corpus_docs_per_s": len(docs) / max(t2 - t1, 1e-9)}


def evaluate(docs, story, linked):
    own = {d["id"] for d in docs}
    pairs = lambda n: n * (n - 1) // 2
    cells = collections.Counter()
    pred = collections.Counter()
    truth = collections.Counter()
    q = {"linked_to_filler": 0, "template_fp": 0, "templates": 0,
         "bases_linked": 0, "bases": 0}
    hits = collections.defaultdict(lambda: [0, 0])
    for d, was_linked in zip(docs, linked):
        s = story[d["id"]]
        if s not in own:
            q["linked_to_filler"] += 1
        cells[(d["story"], s)] += 1
        pred[s] += 1
        truth[d["story"]] += 1
        if d["kind"] == "base":
            q["bases"] += 1
            q["bases_linked"] += was_linked
        elif d["kind"] == "template_lookalike":
            q["templates"] += 1
            q["template_fp"] += was_linked
        else:
            h = hits[d["kind"]]
            h[1] += 1
            h[0] += s == story[docs[d["base"]]["id"]]
    q["tp"] = sum(pairs(n) for n in cells.values())
    q["pred_pairs"] = sum(pairs(n) for n in pred.values()) + \
        q["linked_to_filler"]
    q["true_pairs"] = sum(pairs(n) for n in truth.values())
    q["kind_recall"] = {k: h[0] / h[1] for k, h in sorted(hits.items())}
    return q


def prf(r):
    p = r["tp"] / r["pred_pairs"] if r["pred_pairs"] else 0.0
    rec = r["tp"] / r["true_pairs"] if r["true_pairs"] else 0.0
    return p, rec, (2 * p * rec / (p + rec) if p + rec else 0.0)


def side_by_side(columns):
    """columns: list of (name, result dict). Prints a markdown table."""
    names = [c[0] for c in columns]
    print("| metric | " + " | ".join(names) + " |")
    print("|---|" + "---|" * len(names))

    def row(label, fn):
        print("| %s | %s |" % (label, " | ".join(fn(r) for _, r in columns)))

    row("pair precision", lambda r: "%.4f" % prf(r)[0])
    row("pair recall", lambda r: "%.4f" % prf(r)[1])
    row("pair F1", lambda r: "%.4f" % prf(r)[2])
    row("template look-alikes marked duplicate",
        lambda r: "%d / %d (%.2f%%)" % (r["template_fp"], r["templates"],
                                        100.0 * r["template_fp"] /
                                        max(1, r["templates"])))
    row("unrelated base stories marked duplicate",
        lambda r: "%d / %d" % (r["bases_linked"], r["bases"]))
    kinds = sorted({k for _, r in columns for k in r["kind_recall"]})
    for k in kinds:
        row("recall: " + k,
            lambda r, k=k: "%.4f" % r["kind_recall"].get(k, float("nan")))
    row("docs/s (one core)", lambda r: "%.0f" % r.get("docs_per_s", 0))


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--corpus", required=True)
    ap.add_argument("--filler", default="")
    ap.add_argument("--thresholds", default="0.9,0.5")
    ap.add_argument("--num_perm", type=int, default=128)
    ap.add_argument("--ours", default="", help="dedup_bench --json_out file")
    ap.add_argument("--json_out", default="")
    args = ap.parse_args()
    docs = [json.loads(line) for line in open(args.corpus)]
    filler = [json.loads(line) for line in open(args.filler)] \
        if args.filler else []
    columns = []
    if args.ours:
        for r in json.load(open(args.ours)):
            if r["window"] == len(filler):
                r = dict(r, docs_per_s=r["stream_docs_per_s"])
                columns.append(("newswire dedup", r))
    results = {}
    for t in [float(x) for x in args.thresholds.split(",")]:
        story, linked, speed = run(docs, filler, t, args.num_perm)
        r = evaluate(docs, story, linked)
        r.update(speed)
        results["threshold_%.2f" % t] = r
        columns.append(("datasketch MinHashLSH t=%.2f, %d perm" %
                        (t, args.num_perm), r))
        print("datasketch threshold %.2f: P/R/F1 %.4f %.4f %.4f, %.0f docs/s"
              % ((t,) + prf(r) + (r["docs_per_s"],)), file=sys.stderr)
    print("\nWindow: %d filler documents + %d labelled documents.\n" %
          (len(filler), len(docs)))
    side_by_side(columns)
    if args.json_out:
        json.dump(results, open(args.json_out, "w"), indent=1)


if __name__ == "__main__":
    main()
