#!/usr/bin/env python3
"""K-fold cross-validation of the NER and sentiment models beside their dev
scores, so that choices are not judged on dev alone.

  scripts/crossval.py ner       [--folds 5] [--seed 1] [--only 0,3]
  scripts/crossval.py sentiment [--folds 5] [--seed 1] [--only 0,3]
  scripts/crossval.py sentiment-subsets   (train.jsonl minus one article fold,
                                           scored on dev: the data-size control)
  (make cv-ner / make cv-sentiment run these with the defaults)

NER: CoNLL-2003 train.txt + dev.txt are pooled and split by DOCUMENT
(-DOCSTART-). Sentiment: NewsMTSC train.jsonl + rw/dev.jsonl + mt/dev.jsonl
are pooled and split by ARTICLE (the article id inside primary_gid:
allsides_<article>_..., polusa_v1_<article>_...), so sentences of one article
never sit on both sides (--group sentence splits by sentence instead, as the
official train/dev split does). Folds are deterministic: the sorted unit ids are
shuffled by Python's random.Random(seed) and dealt round-robin.

Every fold is trained with the committed model's settings and a FIXED number
of epochs (the count the committed model's dev selection chose), so the
held-out fold chooses nothing: NER 17 epochs, three orders, seed 1, min count 2, the same
gazetteer, cue words, unlabeled cluster text and GloVe word classes
(scripts/ner_embeddings.sh fetches the vectors into build/ first); sentiment
L2 0.3, 13 epochs, AdaGrad rate 0.003, averaged weights, seed 20210419, the
same GloVe vectors for its context-vector features, class offsets tuned on 5
contiguous folds of the fold's own training part. Scoring is the trainers'
own: `newswire tag --ner_eval` (exact-span micro P/R/F1) and train-sentiment's
macro-F1. Fold files, models and results go to build/cv/<task>/k<folds>-seed<seed>/fold<k>/
(never committed: they hold the data). A fold whose result.json exists was
made by the same recipe (the trainer binary's bytes, the settings and the
vectors file) is not rerun; one made by another recipe is run again, so a
rebuilt or retuned trainer never reports stale folds. The summary reports
only folds that finished and says how many.

Run from the repository root after building build/bin/newswire.
"""

import argparse
import collections
import functools
import hashlib
import json
import os
import random
import re
import statistics
import subprocess
import sys

DATA = os.environ.get("NEWSWIRE_DATA", "../shared/data")
BIN = os.environ.get("NEWSWIRE_BIN", "build/bin/newswire")
OUT = os.environ.get("NEWSWIRE_CV_DIR", "build/cv")

NER_EPOCHS = 17       # committed model: best epoch 17 of at most 25
NER_EMBEDDINGS = "build/ner-embeddings/glove-6b-100d.txt"
SENT_L2 = "0.3"       # committed model: chosen L2
SENT_EPOCHS = 13      # committed model: chosen epoch count
# To cross-validate other sentiment settings (give each its own
# NEWSWIRE_CV_DIR): NEWSWIRE_SENT_L2, NEWSWIRE_SENT_EPOCHS, and
# NEWSWIRE_SENT_FLAGS (extra train-sentiment flags, space-separated).
SENT_L2 = os.environ.get("NEWSWIRE_SENT_L2", SENT_L2)
SENT_EPOCHS = int(os.environ.get("NEWSWIRE_SENT_EPOCHS", SENT_EPOCHS))
SENT_FLAGS = ["--sentiment_vectors=" + NER_EMBEDDINGS] + os.environ.get(
    "NEWSWIRE_SENT_FLAGS", "").split()
# Likewise for NER: NEWSWIRE_NER_EPOCHS and NEWSWIRE_NER_FLAGS (extra
# train-ner flags, space-separated).
NER_EPOCHS = int(os.environ.get("NEWSWIRE_NER_EPOCHS", NER_EPOCHS))
NER_FLAGS = os.environ.get("NEWSWIRE_NER_FLAGS", "").split()


def assign_folds(units, folds, seed):
    """Maps each unit id to a fold: sorted ids, seeded shuffle, round-robin."""
    ids = sorted(units)
    random.Random(seed).shuffle(ids)
    return {u: k % folds for k, u in enumerate(ids)}


def fold_dir(task, args, k):
    group = "" if args.group == "article" else "-by-" + args.group
    return os.path.join(OUT, task, "k%d-seed%d%s" % (args.folds, args.seed,
                                                     group), "fold%d" % k)


@functools.lru_cache(maxsize=None)
def recipe(task):
    """What a fold's result depends on besides its documents: the trainer
    binary, the settings and the vectors file. Hashed once per run."""
    with open(BIN, "rb") as f:
        binary = hashlib.sha256(f.read()).hexdigest()
    if task == "ner":
        settings = {"epochs": NER_EPOCHS, "flags": NER_FLAGS}
    else:
        settings = {"l2": SENT_L2, "epochs": SENT_EPOCHS, "flags": SENT_FLAGS}
    return dict(binary_sha256=binary, vectors=NER_EMBEDDINGS, **settings)


def folds_to_run(task, args, results):
    """Yields (k, directory) of each fold to run now; a fold finished by the
    same recipe has its result.json loaded into results[k] instead. Each
    result written must carry recipe(task) under "recipe"."""
    want = recipe(task)
    for k in range(args.folds):
        d = fold_dir(task, args, k)
        res_path = os.path.join(d, "result.json")
        stored = None
        if os.path.exists(res_path):
            with open(res_path) as f:
                stored = json.load(f)
            if stored.get("recipe") == want:
                results[k] = stored
                continue
        run_now = args.only is None or k in args.only
        if stored is not None:
            print("fold %d: the stored result was made by another binary or "
                  "other settings; %s" % (k, "running it again" if run_now
                                          else "not counted"), flush=True)
        if run_now:
            os.makedirs(d, exist_ok=True)
            yield k, d


def mean_sd(xs):
    if not xs:
        return "n/a"
    if len(xs) == 1:
        return "%.4f (1 fold, no sd)" % xs[0]
    return "%.4f +- %.4f (sample sd, %d folds)" % (
        statistics.mean(xs), statistics.stdev(xs), len(xs))


def run(cmd, log_path):
    with open(log_path, "w") as log:
        proc = subprocess.run(["nice", "-n", "19"] + cmd, stdout=log,
                              stderr=subprocess.STDOUT)
    if proc.returncode != 0:
        sys.exit("failed (%d): %s; see %s" % (proc.returncode, " ".join(cmd),
                                              log_path))


# ---------------------------------------------------------------- NER

def read_conll_docs(path, origin):
    """Splits a CoNLL file into (origin, text) documents at -DOCSTART-."""
    docs, cur = [], []
    with open(path, encoding="utf-8") as f:
        for line in f:
            if line.startswith("-DOCSTART-") and cur:
                docs.append((origin, "".join(cur)))
                cur = []
            cur.append(line)
    if cur:
        docs.append((origin, "".join(cur)))
    return docs


def parse_ner_report(text):
    """Counts from the 'overall' line of SpanScorer::Report."""
    m = re.search(r"^overall .*F1\s+([\d.]+)\s+\(gold (\d+), predicted (\d+), "
                  r"correct (\d+)\)", text, re.M)
    if not m:
        sys.exit("no 'overall' line in tagger report:\n" + text)
    return {"f1": float(m.group(1)) / 100, "gold": int(m.group(2)),
            "predicted": int(m.group(3)), "correct": int(m.group(4))}


def micro_f1(parts):
    g = sum(p["gold"] for p in parts)
    pr = sum(p["predicted"] for p in parts)
    c = sum(p["correct"] for p in parts)
    return 0.0 if g + pr == 0 else 2.0 * c / (g + pr)


def ner(args):
    conll = os.path.join(DATA, "conll2003")
    docs = (read_conll_docs(os.path.join(conll, "train.txt"), "train") +
            read_conll_docs(os.path.join(conll, "dev.txt"), "dev"))
    fold_of = assign_folds(range(len(docs)), args.folds, args.seed)
    subprocess.run(["scripts/ner_embeddings.sh", NER_EMBEDDINGS], check=True)
    print("pool: %d documents (%d train, %d dev), %d folds by document, "
          "seed %d" % (len(docs), sum(o == "train" for o, _ in docs),
                       sum(o == "dev" for o, _ in docs), args.folds, args.seed))
    results = {}
    for k, d in folds_to_run("ner", args, results):
        res_path = os.path.join(d, "result.json")
        files = {name: os.path.join(d, name + ".txt")
                 for name in ("train", "test", "test_dev")}
        with open(files["train"], "w", encoding="utf-8") as tr, \
                open(files["test"], "w", encoding="utf-8") as te, \
                open(files["test_dev"], "w", encoding="utf-8") as td:
            for i, (origin, text) in enumerate(docs):
                if fold_of[i] != k:
                    tr.write(text)
                    continue
                te.write(text)
                if origin == "dev":
                    td.write(text)
        model = os.path.join(d, "ner.model")
        run([BIN, "train-ner", "--ner_train", files["train"], "--ner_dev",
             "none", "--ner_epochs", str(NER_EPOCHS), "--ner_seed", "1",
             "--ner_embeddings", NER_EMBEDDINGS, "--ner_out", model] + NER_FLAGS,
            os.path.join(d, "train.log"))
        res = {"recipe": recipe("ner"),
               "docs": sum(1 for i in fold_of if fold_of[i] == k),
               "dev_docs": sum(1 for i, (o, _) in enumerate(docs)
                               if fold_of[i] == k and o == "dev")}
        for name in ("test", "test_dev"):
            proc = subprocess.run(
                ["nice", "-n", "19", BIN, "tag", "--conll", files[name],
                 "--ner_model", model, "--ner_eval"],
                stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
            if proc.returncode != 0:
                sys.exit("tag failed on %s:\n%s" % (files[name], proc.stderr))
            res[name] = parse_ner_report(proc.stderr)
        with open(res_path, "w") as f:
            json.dump(res, f, indent=1)
        results[k] = res
        print("fold %d done: F1 %.4f" % (k, res["test"]["f1"]), flush=True)

    print("\nfold  docs (dev)  entity F1 held-out  F1 on held-out dev docs")
    for k in sorted(results):
        r = results[k]
        print("%4d  %4d (%3d)  %.4f              %.4f" % (
            k, r["docs"], r["dev_docs"], r["test"]["f1"],
            r["test_dev"]["f1"]))
    done = sorted(results)
    print("\nfolds finished: %d of %d" % (len(done), args.folds))
    print("entity F1, mean of folds:          %s" %
          mean_sd([results[k]["test"]["f1"] for k in done]))
    print("entity F1, pooled out-of-fold:     %.4f" %
          micro_f1([results[k]["test"] for k in done]))
    print("dev documents only, pooled OOF:    %.4f" %
          micro_f1([results[k]["test_dev"] for k in done]))
    train_only = [{c: results[k]["test"][c] - results[k]["test_dev"][c]
                   for c in ("gold", "predicted", "correct")} for k in done]
    print("train documents only, pooled OOF:  %.4f" % micro_f1(train_only))


# ---------------------------------------------------------- sentiment

def article_id(gid):
    parts = gid.split("_")
    if parts[0] == "allsides":
        return "_".join(parts[:2])
    if parts[0] == "polusa":
        return "_".join(parts[:3])
    sys.exit("unknown primary_gid form: " + gid)


def macro_f1(pairs):
    """Same formula as ScorePredictions: mean over the 3 classes of
    2tp / (2tp + fp + fn), 0 for a class that never occurs."""
    f1 = 0.0
    for c in range(3):
        tp = sum(1 for g, p in pairs if g == c and p == c)
        fp = sum(1 for g, p in pairs if g != c and p == c)
        fn = sum(1 for g, p in pairs if g == c and p != c)
        f1 += 0.0 if 2 * tp + fp + fn == 0 else 2.0 * tp / (2 * tp + fp + fn)
    return f1 / 3


def read_pairs(path):
    with open(path) as f:
        return [tuple(int(x) for x in line.split()) for line in f]


def sentiment(args):
    base = os.path.join(DATA, "newsmtsc")
    lines = []  # (origin, article, raw line)
    for origin, rel in (("train", "rw/train.jsonl"), ("rw", "rw/dev.jsonl"),
                        ("mt", "mt/dev.jsonl")):
        with open(os.path.join(base, rel), encoding="utf-8") as f:
            for line in f:
                if line.strip():
                    gid = json.loads(line)["primary_gid"]
                    unit = (article_id(gid) if args.group == "article" else
                            "%s:%d" % (origin, len(lines)))
                    lines.append((origin, unit, line))
    articles = {a for _, a, _ in lines}
    fold_of = assign_folds(articles, args.folds, args.seed)
    subprocess.run(["scripts/ner_embeddings.sh", NER_EMBEDDINGS], check=True)
    split = {o: {a for oo, a, _ in lines if oo == o}
             for o in ("train", "rw", "mt")}
    print("pool: %d sentences (%d train, %d rw dev, %d mt dev), %d "
          "folds by %s (%d units), seed %d" % (
              len(lines), sum(o == "train" for o, _, _ in lines),
              sum(o == "rw" for o, _, _ in lines),
              sum(o == "mt" for o, _, _ in lines), args.folds, args.group,
              len(articles), args.seed))
    if args.group == "article":
        print("articles shared by train and dev in the official split: rw "
              "%d, mt %d" % (len(split["train"] & split["rw"]),
                             len(split["train"] & split["mt"])))
    results = {}
    for k, d in folds_to_run("sentiment", args, results):
        res_path = os.path.join(d, "result.json")
        files = {n: os.path.join(d, n + ".jsonl")
                 for n in ("train", "all", "rw", "mt")}
        outs = {n: open(p, "w", encoding="utf-8") for n, p in files.items()}
        for origin, art, line in lines:
            if fold_of[art] != k:
                outs["train"].write(line)
                continue
            outs["all"].write(line)
            if origin != "train":
                outs[origin].write(line)
        for f in outs.values():
            f.close()
        pred = os.path.join(d, "pred")
        log = os.path.join(d, "train.log")
        run([BIN, "train-sentiment", "--sentiment_data=" + DATA,
             "--sentiment_train=" + files["train"],
             "--sentiment_eval=" + ",".join(
                 "%s=%s" % (n, files[n]) for n in ("all", "rw", "mt")),
             "--sentiment_l2=" + SENT_L2,
             "--sentiment_epochs=%d" % SENT_EPOCHS,
             "--sentiment_predictions=" + pred,
             "--sentiment_out=" + os.path.join(d, "model.nwsm")] + SENT_FLAGS,
            log)
        res = {"recipe": recipe("sentiment")}
        with open(log) as f:
            for m in re.finditer(r"^trained model\s+(\w+)\s+macro-F1 ([\d.]+)"
                                 r".*\(n=(\d+)\)", f.read(), re.M):
                res[m.group(1)] = {"macro_f1": float(m.group(2)),
                                   "n": int(m.group(3))}
        for n in ("all", "rw", "mt"):
            res[n]["pairs"] = read_pairs(pred + "." + n)
        with open(res_path, "w") as f:
            json.dump(res, f)
        results[k] = res
        print("fold %d done: macro-F1 %.4f" % (k, res["all"]["macro_f1"]),
              flush=True)

    print("\nfold  targets  macro-F1 all  rw-dev targets (n)  mt-dev (n)")
    for k in sorted(results):
        r = results[k]
        print("%4d  %7d  %.4f        %.4f (%3d)        %.4f (%3d)" % (
            k, r["all"]["n"], r["all"]["macro_f1"], r["rw"]["macro_f1"],
            r["rw"]["n"], r["mt"]["macro_f1"], r["mt"]["n"]))
    done = sorted(results)
    print("\nfolds finished: %d of %d" % (len(done), args.folds))
    for n, what in (("all", "all held-out targets"),
                    ("rw", "rw dev targets"), ("mt", "mt dev targets")):
        print("%-22s mean of folds %s" % (
            what, mean_sd([results[k][n]["macro_f1"] for k in done])))
        pooled = [tuple(p) for k in done for p in results[k][n]["pairs"]]
        print("%-22s pooled out-of-fold macro-F1 %.4f (n=%d)" % (
            what, macro_f1(pooled), len(pooled)))
    # Targets of train.jsonl: all held-out pairs minus the dev-origin ones.
    rest = collections.Counter(tuple(p) for k in done
                               for p in results[k]["all"]["pairs"])
    rest.subtract(tuple(p) for k in done for n in ("rw", "mt")
                  for p in results[k][n]["pairs"])
    pooled = list(rest.elements())
    print("%-22s pooled out-of-fold macro-F1 %.4f (n=%d)" % (
        "train.jsonl targets", macro_f1(pooled), len(pooled)))


def sentiment_subsets(args):
    """Control for training-set size: the committed settings trained on
    train.jsonl minus one article fold (the folds' share of data), scored on
    the official rw and mt dev sets."""
    with open(os.path.join(DATA, "newsmtsc", "rw", "train.jsonl"),
              encoding="utf-8") as f:
        lines = [(article_id(json.loads(l)["primary_gid"]), l) for l in f
                 if l.strip()]
    fold_of = assign_folds({a for a, _ in lines}, args.folds, args.seed)
    subprocess.run(["scripts/ner_embeddings.sh", NER_EMBEDDINGS], check=True)
    scores = {"rw": [], "mt": []}
    for k in range(args.folds):
        d = fold_dir("sentiment-subsets", args, k)
        os.makedirs(d, exist_ok=True)
        train = os.path.join(d, "train.jsonl")
        with open(train, "w", encoding="utf-8") as f:
            f.writelines(l for a, l in lines if fold_of[a] != k)
        log = os.path.join(d, "train.log")
        run([BIN, "train-sentiment", "--sentiment_data=" + DATA,
             "--sentiment_train=" + train, "--sentiment_l2=" + SENT_L2,
             "--sentiment_epochs=%d" % SENT_EPOCHS,
             "--sentiment_out=" + os.path.join(d, "model.nwsm")] + SENT_FLAGS,
            log)
        with open(log) as f:
            text = f.read()
        n = re.search(r"^train: (\d+) targets", text, re.M).group(1)
        line = "without fold %d: %s training targets;" % (k, n)
        for m in re.finditer(r"^trained model\s+(\w+)\s+macro-F1 ([\d.]+)",
                             text, re.M):
            scores[m.group(1)].append(float(m.group(2)))
            line += " %s dev %s" % (m.group(1), m.group(2))
        print(line, flush=True)
    for name in ("rw", "mt"):
        print("%s dev macro-F1: %s" % (name, mean_sd(scores[name])))


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("task", choices=("ner", "sentiment", "sentiment-subsets"))
    ap.add_argument("--folds", type=int, default=5)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--group", choices=("article", "sentence"),
                    default="article",
                    help="sentiment: fold unit (sentence ignores articles, "
                    "to measure what grouping by article changes)")
    ap.add_argument("--only", default=None,
                    help="comma-separated fold numbers to run now")
    args = ap.parse_args()
    if args.only is not None:
        args.only = {int(x) for x in args.only.split(",")}
    {"ner": ner, "sentiment": sentiment,
     "sentiment-subsets": sentiment_subsets}[args.task](args)


if __name__ == "__main__":
    main()
