#!/usr/bin/env bash
# Regenerates newswire_client/wire_pb2.py from proto/ (git ignores it), so the
# kit always matches the schema it is built with.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
protoc -I"$ROOT/proto" --python_out="$tmp" "$ROOT/proto/newswire/v1/wire.proto"
mv "$tmp/newswire/v1/wire_pb2.py" "$ROOT/clients/python/newswire_client/wire_pb2.py"
