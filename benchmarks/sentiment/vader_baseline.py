#!/usr/bin/env python3
"""Plain VADER baseline on NewsMTSC dev, for `make bench-sentiment`.

VADER has no notion of a target, so each target gets the label of its whole
sentence: compound >= 0.05 positive, <= -0.05 negative, else neutral (the
thresholds VADER's authors recommend). Prints, per dev set:
  <set> <macro-F1> <accuracy> <F1 neg> <F1 neu> <F1 pos> <n>
and with --speed the words/s of polarity_scores over the train sentences.
"""
import argparse
import json
import time

from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer


def label_of(compound):
    if compound >= 0.05:
        return 2
    if compound <= -0.05:
        return 0
    return 1


def scores(gold, pred):
    f1 = []
    for c in range(3):
        tp = sum(1 for g, p in zip(gold, pred) if g == c and p == c)
        fp = sum(1 for g, p in zip(gold, pred) if g != c and p == c)
        fn = sum(1 for g, p in zip(gold, pred) if g == c and p != c)
        denom = 2 * tp + fp + fn
        f1.append(2 * tp / denom if denom else 0.0)
    acc = sum(1 for g, p in zip(gold, pred) if g == p) / len(gold)
    return sum(f1) / 3, acc, f1


def polarity_class(p):
    return 0 if p < 3 else (2 if p > 5 else 1)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--data", default="../shared/data")
    ap.add_argument("--speed", action="store_true")
    args = ap.parse_args()
    analyzer = SentimentIntensityAnalyzer()
    for name in ("rw", "mt"):
        gold, pred = [], []
        with open(f"{args.data}/newsmtsc/{name}/dev.jsonl", encoding="utf-8") as f:
            for line in f:
                rec = json.loads(line)
                label = label_of(
                    analyzer.polarity_scores(rec["sentence_normalized"])["compound"])
                for t in rec["targets"]:
                    gold.append(polarity_class(t["polarity"]))
                    pred.append(label)
        macro, acc, f1 = scores(gold, pred)
        print(f"{name} {macro:.4f} {acc:.4f} {f1[0]:.3f} {f1[1]:.3f} {f1[2]:.3f} {len(gold)}")
    if args.speed:
        with open(f"{args.data}/newsmtsc/rw/train.jsonl", encoding="utf-8") as f:
            sentences = [json.loads(l)["sentence_normalized"] for l in f]
        words = sum(len(s.split()) for s in sentences)
        start = time.process_time()
        for s in sentences:
            analyzer.polarity_scores(s)
        elapsed = time.process_time() - start
        print(f"speed {words / elapsed:.0f} words/s ({words} words, {elapsed:.2f} s CPU)")


if __name__ == "__main__":
    main()
