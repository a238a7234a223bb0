#!/usr/bin/env python3
"""Turns the CoNLL-2003 English documents into raw wire text, one file each.

CoNLL gives tokens ("Leicestershire beat Somerset by an innings and 39 runs
."); the benchmarks want text as an agency sends it. Each document
(separated by -DOCSTART-) becomes one plain-text file: the first sentence
(the Reuters headline) on the first line, a blank line, then every further
sentence as its own paragraph (Reuters copy has one sentence a paragraph;
the second is the dateline, "LONDON 1996-08-30"). Tokens are joined with
sensible spacing: no space before , . ; : ? ! ) ] % 's n't 're ... or a
closing quote, none after ( [ $ or an opening quote. A double quote opens
at the start of a sentence and closes at its end, after , . ? ! or before
closing punctuation; elsewhere quotes alternate within the sentence
(Reuters quotations often run over several paragraphs).

Beside the documents it writes the dot file .manifest.tsv (dot files are
skipped by `newswire process` and the benchmarks' directory walkers), one
line per document:

  FILE <TAB> CoNLL tokens <TAB> gold entities as start:end:TYPE,...

with byte offsets into the file (the CoNLL text is ASCII) and TYPE one of
PER ORG LOC MISC, so that systems can be scored on the raw text.

The output is derived from licensed data (Reuters RCV1, research use): it
goes under build/ and is never committed.

Usage: benchmarks/realtext/make_corpus.py [CONLL] [OUT_DIR]
  defaults ../shared/data/conll2003/dev.txt and build/realtext
"""
import os
import sys

NO_SPACE_BEFORE = {",", ".", ";", ":", "?", "!", ")", "]", "}", "%", "...",
                   "..", "'s", "'S", "n't", "N'T", "'m", "'M", "'ve", "'re",
                   "'ll", "'d", "'"}
NO_SPACE_AFTER = {"(", "[", "{", "$"}


def read_documents(path):
    """[[sentence]], sentence = [(token, tag)]."""
    docs, sent = [], []
    with open(path, encoding="utf-8") as f:
        for line in f:
            cols = line.split()
            if not cols or cols[0] == "-DOCSTART-":
                if sent:
                    docs[-1].append(sent)
                    sent = []
                if cols and cols[0] == "-DOCSTART-":
                    docs.append([])
                continue
            sent.append((cols[0], cols[-1]))
    if sent:
        docs[-1].append(sent)
    return [d for d in docs if d]


def detokenize(tokens):
    """Joins tokens; returns (text, [(start, end)] per token)."""
    text, offsets = "", []
    glue_next = True  # no space before the first token
    quote_open = False
    for i, tok in enumerate(tokens):
        closing = False
        if tok == '"':
            prev = tokens[i - 1] if i else ""
            after = tokens[i + 1] if i + 1 < len(tokens) else ""
            if i == 0:
                closing = False  # a quote opens the paragraph
            elif not after or prev in (",", ".", "?", "!") or \
                    after in NO_SPACE_BEFORE:
                closing = True
            else:
                closing = quote_open
            quote_open = not closing
        if not glue_next and not closing and tok not in NO_SPACE_BEFORE:
            text += " "
        offsets.append((len(text), len(text) + len(tok)))
        text += tok
        glue_next = tok in NO_SPACE_AFTER or (tok == '"' and not closing)
    return text, offsets


def spans(tags):
    """Typed token spans [begin, end) from IOB1/IOB2 tags (conlleval)."""
    out, start, cur = [], None, None
    for i, t in enumerate(tags + ["O"]):
        prefix, typ = t.split("-", 1) if t != "O" else ("O", None)
        if start is not None and (typ != cur or prefix == "B"):
            out.append((start, i, cur))
            start, cur = None, None
        if typ is not None and start is None:
            start, cur = i, typ
    return out


def render(doc):
    """(text, gold [(start, end, type)], token count) of one document."""
    text, gold, tokens = "", [], 0
    for k, sent in enumerate(doc):
        line, offsets = detokenize([w for w, _ in sent])
        base = len(text)
        for b, e, typ in spans([t for _, t in sent]):
            gold.append((base + offsets[b][0], base + offsets[e - 1][1], typ))
        text += line + ("\n\n" if k + 1 < len(doc) else "\n")
        tokens += len(sent)
    return text, gold, tokens


def main():
    conll = sys.argv[1] if len(sys.argv) > 1 else \
        "../shared/data/conll2003/dev.txt"
    out = sys.argv[2] if len(sys.argv) > 2 else "build/realtext"
    os.makedirs(out, exist_ok=True)
    docs = read_documents(conll)
    manifest, total = [], 0
    for n, doc in enumerate(docs):
        name = "doc%04d.txt" % n
        text, gold, tokens = render(doc)
        with open(os.path.join(out, name), "w", encoding="utf-8") as f:
            f.write(text)
        manifest.append("%s\t%d\t%s\n" % (
            name, tokens, ",".join("%d:%d:%s" % g for g in gold)))
        total += tokens
    with open(os.path.join(out, ".manifest.tsv"), "w") as f:
        f.writelines(manifest)
    print("%s: %d documents, %d tokens -> %s" % (conll, len(docs), total, out))


if __name__ == "__main__":
    main()
