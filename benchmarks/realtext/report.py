#!/usr/bin/env python3
"""Prints the real-text benchmark's tables (markdown) from the files
benchmarks/realtext/bench.sh writes into OUT_DIR."""
import json
import re
import sys


def f1s(part):
    return {m.group(1): float(m.group(2)) / 100 for m in
            re.finditer(r"^(\w+)\s+precision.*?F1\s+([\d.]+)", part, re.M)}


def bench(path):
    out = {}
    for b in json.load(open(path))["benchmarks"]:
        out[b["name"].split("/min_time")[0]] = b
    return out


def main():
    out = sys.argv[1]
    txt = open(f"{out}/ner.txt").read()
    conll_part = txt.split("raw-text path", 1)[1].split("newswire NER on")[0]
    real_part = txt.split("real text ", 1)[1].split("rss_after_load_mb")[0]
    ner = bench(f"{out}/ner.json")
    pipe = bench(f"{out}/pipeline.json")
    proc = json.load(open(f"{out}/process.json"))
    sp = json.load(open(f"{out}/spacy.json"))
    best = sp["best"]

    print("## NER tag + link and whole chain, per core (CPU time)\n")
    print("| benchmark | corpus | docs/s | tokens/s | F1 (raw text) |")
    print("|---|---|---:|---:|---:|")
    rows = [
        ("NER `BM_TagAndLinkText`", "CoNLL dev, tokens joined by spaces",
         ner["BM_TagAndLinkText"], "tokens_per_s",
         f"{f1s(conll_part)['overall']:.4f}"),
        ("NER `BM_TagAndLinkRealText`", "CoNLL dev, detokenized wire text",
         ner["BM_TagAndLinkRealText"], "tokens_per_s",
         f"{f1s(real_part)['overall']:.4f}"),
    ]
    for words in (150, 400, 1200):
        rows.append((f"pipeline `BM_PipelineProcess/{words}`",
                     f"generated, {words} words", pipe[f"BM_PipelineProcess/{words}"],
                     "words_per_s", ""))
    rows.append(("pipeline `BM_PipelineRealText`",
                 "CoNLL dev, detokenized wire text",
                 pipe["BM_PipelineRealText"], "tokens_per_s", ""))
    for name, corpus, b, unit, f1 in rows:
        print(f"| {name} | {corpus} | {b['docs_per_s']:,.0f} | "
              f"{b[unit]:,.0f} {'words' if unit == 'words_per_s' else ''}| {f1} |")
    dup = pipe["BM_PipelineRealText"].get("duplicates_per_pass")
    print(f"\n(real text through the chain: {dup:.0f} of {sp['docs']} documents "
          f"judged duplicates per pass and not enriched)\n")

    print("## `newswire process` on the real documents\n")
    w, o = proc["whole"], proc["startup_plus_one"]
    print(f"{proc['docs']} documents, median of {proc['runs']} runs: "
          f"wall {w['wall_s']:.3f} s, CPU {w['cpu_s']:.3f} s (exit {w['exit']}); "
          f"start-up + 1 document: wall {o['wall_s']:.3f} s, CPU {o['cpu_s']:.3f} s.")
    print(f"docs/s with start-up: {proc['docs_per_s_wall']:,.0f} (wall), "
          f"{proc['docs_per_s_cpu']:,.0f} (CPU); without start-up: "
          f"{proc['steady_docs_per_s_wall'] or 0:,.0f} (wall), "
          f"{proc['steady_docs_per_s_cpu'] or 0:,.0f} (CPU)\n")

    print(f"## {sp['system']}, pipes {sp['pipes']} "
          f"(ner tok2vec: {sp['ner_tok2vec_architecture']}, listener: "
          f"{sp['ner_listens_to_shared_tok2vec']})\n")
    print("| batch_size | CPU s | wall s | docs/s (CPU) | tokens/s (CPU) |")
    print("|---:|---:|---:|---:|---:|")
    for r in sp["sweep"]:
        print(f"| {r['batch_size']} | {r['cpu_s']:.2f} | {r['wall_s']:.2f} | "
              f"{r['docs_per_s']:.1f} | {r['tokens_per_s']:,.0f} |")
    print(f"\nspaCy ner-only F1: real text {sp['f1_realtext']['overall']['f1']:.4f}, "
          f"gold tokens {sp['f1_gold_tokens']['overall']['f1']:.4f}")
    print(f"\nratio, newswire process docs/s (CPU, start-up included) / spaCy "
          f"ner-only best docs/s (CPU, batch {best['batch_size']}): "
          f"{proc['docs_per_s_cpu'] / best['docs_per_s']:.0f}x; "
          f"without start-up {(proc['steady_docs_per_s_cpu'] or 0) / best['docs_per_s']:.0f}x; "
          f"wall, start-up included: "
          f"{proc['docs_per_s_wall'] / (sp['docs'] / min(r['wall_s'] for r in sp['sweep'])):.0f}x")


if __name__ == "__main__":
    main()
