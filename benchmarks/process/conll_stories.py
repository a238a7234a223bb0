#!/usr/bin/env python3
"""Writes each document of a CoNLL-2003 file as a plain-text story file.

    benchmarks/process/conll_stories.py ../shared/data/conll2003/dev.txt OUTDIR

Real news text for `newswire process` (benchmarks/process/callgrind.sh):
the first sentence of a document becomes the headline, the rest its body,
three sentences a paragraph. Tokens are joined with spaces, then the spaces
English typesetting does not put before closing punctuation, contractions
and possessives, or after opening brackets, are removed. The data itself is
never committed (../shared/data).
"""
import os
import re
import sys

CLOSE = re.compile(r" ([,.;:!?)\]}%]|'s|'S|n't|N'T|'re|'ve|'ll|'d|'m)(?= |$)")
OPEN = re.compile(r"([(\[{$]) ")


def detokenize(tokens):
    text = " ".join(tokens)
    text = CLOSE.sub(r"\1", text)
    return OPEN.sub(r"\1", text)


def documents(path):
    doc, sentence = [], []
    with open(path, encoding="utf-8") as f:
        for line in f:
            line = line.rstrip("\n")
            if line.startswith("-DOCSTART-"):
                if sentence:
                    doc.append(sentence)
                if doc:
                    yield doc
                doc, sentence = [], []
            elif not line.strip():
                if sentence:
                    doc.append(sentence)
                sentence = []
            else:
                sentence.append(line.split(" ")[0])
    if sentence:
        doc.append(sentence)
    if doc:
        yield doc


def main():
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    out = sys.argv[2]
    os.makedirs(out, exist_ok=True)
    count = 0
    for count, doc in enumerate(documents(sys.argv[1]), start=1):
        sentences = [detokenize(s) for s in doc]
        headline, rest = sentences[0], sentences[1:]
        paragraphs = [" ".join(rest[i:i + 3]) for i in range(0, len(rest), 3)]
        with open(os.path.join(out, "%03d.txt" % count), "w",
                  encoding="utf-8") as f:
            f.write(headline + "\n\n" + "\n\n".join(paragraphs) + "\n")
    print("%d stories in %s" % (count, out), file=sys.stderr)


if __name__ == "__main__":
    main()
