#!/bin/sh
# Creates build/venv-vader with the PyPI vaderSentiment package (the baseline
# of `make bench-sentiment`). Idempotent.
set -e
VENV=${1:-build/venv-vader}
if [ ! -x "$VENV/bin/python" ]; then
  python3 -m venv "$VENV"
fi
if ! "$VENV/bin/python" -c "import vaderSentiment" 2>/dev/null; then
  "$VENV/bin/pip" install --quiet "vaderSentiment==3.3.2"
fi
