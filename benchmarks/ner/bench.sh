#!/bin/bash
# Runs the NER benchmark and its spaCy peer on the same CoNLL-2003 dev text
# and prints them side by side. Run from the repository root:
#   benchmarks/ner/bench.sh [BUILD_DIR]      (default build)
# Needs ../shared/data/conll2003/dev.txt; creates build/venv-spacy if absent.
set -euo pipefail
BUILD="${1:-build}"
DEV="${NEWSWIRE_CONLL_DEV:-../shared/data/conll2003/dev.txt}"
OUT="$BUILD/bench-ner"
mkdir -p "$OUT"
[ -x build/venv-spacy/bin/python ] || benchmarks/ner/setup_spacy_venv.sh build/venv-spacy
"$BUILD/bin/ner_benchmark" --conll="$DEV" --benchmark_format=json \
  --benchmark_out="$OUT/newswire.json" --benchmark_out_format=json \
  > "$OUT/newswire.txt"
build/venv-spacy/bin/python benchmarks/ner/spacy_peer.py "$DEV" > "$OUT/spacy.json"
python3 - "$OUT" <<'PY'
import json, re, sys
out = sys.argv[1]
txt = open(f"{out}/newswire.txt").read()
raw_part, gold_part = txt.split("newswire NER on", 1)
def f1s(part):
    return {m.group(1): float(m.group(2)) / 100 for m in
            re.finditer(r"^(\w+)\s+precision.*?F1\s+([\d.]+)", part, re.M)}
raw, ours = f1s(raw_part), f1s(gold_part)
rss = float(re.search(r"peak_rss_mb ([\d.]+)", txt).group(1))
bench = json.load(open(f"{out}/newswire.json"))["benchmarks"]
speed = {b["name"].split("/")[0]: b["tokens_per_s"] for b in bench}
sp = json.load(open(f"{out}/spacy.json"))
rows = [("system", "tokens/s (1 core, CPU time)", "dev F1", "PER", "ORG", "LOC", "MISC")]
rows.append(("newswire tag+link, raw text", f"{speed['BM_TagAndLinkText']:,.0f}",
             *(f"{raw[k]:.4f}" for k in ["overall", "PER", "ORG", "LOC", "MISC"])))
rows.append(("newswire tagger, gold tokens", f"{speed['BM_TagTokens']:,.0f}",
             *(f"{ours[k]:.4f}" for k in ["overall", "PER", "ORG", "LOC", "MISC"])))
s = sp["scores"]
rows.append((f"{sp['system']} full, gold tokens (F1) / raw text (speed)", f"{sp['tokens_per_s_full_pipeline']:,.0f}",
             *(f"{s[k]['f1']:.4f}" for k in ["overall", "PER", "ORG", "LOC", "MISC"])))
rows.append((f"{sp['system']} (tok2vec+ner)", f"{sp['tokens_per_s_ner_only']:,.0f}", "", "", "", "", ""))
w = [max(len(r[i]) for r in rows) for i in range(len(rows[0]))]
for r in rows:
    print("  ".join(c.ljust(w[i]) for i, c in enumerate(r)))
print(f"speed-up, text path vs spaCy full pipeline: "
      f"{speed['BM_TagAndLinkText'] / sp['tokens_per_s_full_pipeline']:.0f}x; "
      f"newswire peak RSS {rss:.1f} MB")
PY
