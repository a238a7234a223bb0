#!/usr/bin/env python3
"""The datasketch MinHashLSH peer of the dedup benchmark.

Reads the labelled corpus (and optionally filler stories to prefill the index)
written by dedup_bench, streams it through datasketch's MinHashLSH the usual
way (word 3-shingles, 128 permutations; a query hit links the article to the
most similar candidate's story), and scores it exactly like dedup_bench: pair
precision/recall/F1 of the same-story decision, recall per edit kind, template
look-alikes marked duplicate, and documents/second (process CPU time). The
MinHash sketches are computed once per run and their CPU time is added to
every threshold's time (they do not depend on the threshold).

With --ours it also prints a side-by-side table with dedup_bench's JSON.

--variants plain,metadata also runs datasketch "with our metadata": the
signals newswire's dedup uses beyond the text (services/dedup/README.md),
applied around the LSH lookup the way ours applies them: a provider id
already seen within the window links the article to that id's story
whatever its text (the version only decides UPDATE against duplicate, not
the story), and LSH candidates older than the window (--window_hours, 72,
behind the newest article seen) are dropped before picking the most
similar. (Language is not among them: ours does not read it; the headline
is part of the shingled text in both.) --sweep prints one row per variant
and threshold, then each variant's best F1.

  datasketch_peer.py --corpus corpus.jsonl --filler filler.jsonl \
      --ours ours.json --json_out peer.json
  datasketch_peer.py ... --thresholds 0.3,0.4,0.5,0.6,0.7,0.8,0.9 \
      --variants plain,metadata --sweep
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


def sketch_all(docs, num_perm):
    """MinHash of every document and the CPU seconds it took. The sketches
    do not depend on the threshold, so a sweep computes them once and adds
    their cost to every threshold's time."""
    t0 = time.process_time()
    out = []
    for doc in docs:
        m = MinHash(num_perm=num_perm)
        m.update_batch(list(shingles(doc)))
        out.append(m)
    return out, time.process_time() - t0


def run(docs, filler, sketched, threshold, num_perm, metadata=False,
        window_seconds=72 * 3600):
    """sketched: (sketches of filler + docs, their CPU seconds), from
    sketch_all."""
    lsh = MinHashLSH(threshold=threshold, num_perm=num_perm)
    sketch_of, hash_seconds = sketched
    sketches = {}
    story = {}
    doc_time = {}
    provider_story = {}  # provider id -> (story, time last seen)
    newest = [None]
    t0 = time.process_time()

    def process(doc, m):
        t = doc["time"]
        newest[0] = t if newest[0] is None else max(newest[0], t)
        horizon = newest[0] - window_seconds
        known = provider_story.get(doc["provider_id"]) \
            if metadata and doc["provider_id"] else None
        if known is not None and known[1] < horizon:
            known = None
        best, best_j = None, -1.0
        if known is None:
            for key in lsh.query(m):
                if metadata and doc_time[key] < horizon:
                    continue
                j = m.jaccard(sketches[key])
                if j > best_j:
                    best, best_j = key, j
        if known is not None:
            story[doc["id"]] = known[0]
        else:
            story[doc["id"]] = story[best] if best is not None else doc["id"]
        if metadata and doc["provider_id"]:
            provider_story[doc["provider_id"]] = (story[doc["id"]], t)
        lsh.insert(doc["id"], m)
        sketches[doc["id"]] = m
        doc_time[doc["id"]] = t
        return known is not None or best is not None

    for doc, m in zip(filler, sketch_of):
        process(doc, m)
    t1 = time.process_time()
    linked = [process(doc, m)
              for doc, m in zip(docs, sketch_of[len(filler):])]
    t2 = time.process_time()
    n = len(filler) + len(docs)
    corpus_hash = hash_seconds * len(docs) / max(n, 1)
    return story, linked, {
        "docs_per_s": n / max(t2 - t0 + hash_seconds, 1e-9),
        "corpus_docs_per_s": len(docs) / max(t2 - t1 + corpus_hash, 1e-9)}


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


def sweep_table(rows):
    """rows: list of (variant, threshold, result). Prints markdown tables."""
    print("| variant | threshold | pair P | pair R | pair F1 | "
          "template look-alikes linked | docs/s (one core) |")
    print("|---|---|---|---|---|---|---|")
    for variant, t, r in rows:
        p, rec, f1 = prf(r)
        print("| %s | %.1f | %.4f | %.4f | %.4f | %d / %d | %.0f |" % (
            variant, t, p, rec, f1, r["template_fp"], r["templates"],
            r["docs_per_s"]))
    print()
    for variant in dict.fromkeys(v for v, _, _ in rows):
        v, t, r = max((x for x in rows if x[0] == variant),
                      key=lambda x: prf(x[2])[2])
        print("best F1, %s: %.4f at threshold %.1f (P %.4f, R %.4f), "
              "%.0f docs/s" % ((v, prf(r)[2], t) + prf(r)[:2] +
                               (r["docs_per_s"],)))


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--corpus", required=True)
    ap.add_argument("--filler", default="")
    ap.add_argument("--thresholds", default="0.9,0.5")
    ap.add_argument("--num_perm", type=int, default=128)
    ap.add_argument("--ours", default="", help="dedup_bench --json_out file")
    ap.add_argument("--json_out", default="")
    ap.add_argument("--variants", default="plain",
                    help="plain, metadata or both (comma-separated)")
    ap.add_argument("--window_hours", type=float, default=72)
    ap.add_argument("--sweep", action="store_true",
                    help="print the threshold sweep table instead of the "
                    "side-by-side one")
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
    results, rows = {}, []
    sketched = sketch_all(filler + docs, args.num_perm)
    for variant in args.variants.split(","):
        for t in [float(x) for x in args.thresholds.split(",")]:
            story, linked, speed = run(docs, filler, sketched, t,
                                       args.num_perm,
                                       metadata=variant == "metadata",
                                       window_seconds=args.window_hours * 3600)
            r = evaluate(docs, story, linked)
            r.update(speed)
            suffix = "" if variant == "plain" else "_" + variant
            results["threshold_%.2f%s" % (t, suffix)] = r
            rows.append((variant, t, r))
            columns.append(("datasketch MinHashLSH%s t=%.2f, %d perm" %
                            ("" if variant == "plain" else
                             " + our metadata", t, args.num_perm), r))
            print("datasketch %s threshold %.2f: P/R/F1 %.4f %.4f %.4f, "
                  "%.0f docs/s" % ((variant, t) + prf(r) +
                                   (r["docs_per_s"],)), file=sys.stderr)
    print("\nWindow: %d filler documents + %d labelled documents; "
          "num_perm %d.\n" % (len(filler), len(docs), args.num_perm))
    if args.sweep:
        if args.ours:
            r = columns[0][1]
            print("newswire dedup, same corpus: P %.4f, R %.4f, F1 %.4f, "
                  "template look-alikes linked %d / %d, %.0f docs/s\n" % (
                      prf(r) + (r["template_fp"], r["templates"],
                                r["docs_per_s"])))
        sweep_table(rows)
    else:
        side_by_side(columns)
    if args.json_out:
        json.dump(results, open(args.json_out, "w"), indent=1)


if __name__ == "__main__":
    main()
