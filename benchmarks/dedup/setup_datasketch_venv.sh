#!/bin/sh
# Creates (once) the venv with datasketch from PyPI, the dedup benchmark's
# peer. Usage: benchmarks/dedup/setup_datasketch_venv.sh [VENV_DIR]
set -eu
VENV="${1:-build/venv-dedup}"
if [ ! -x "$VENV/bin/python" ]; then
  python3 -m venv "$VENV"
fi
"$VENV/bin/python" -c 'import datasketch' 2>/dev/null ||
  "$VENV/bin/pip" install --quiet 'datasketch==2.0.0'
