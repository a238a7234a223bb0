#!/usr/bin/env bash
# Regenerates wirepb/wire.pb.go from proto/ (git ignores it) with the
# protoc-gen-go that scripts/install-client-deps.sh put in build/clients/gobin.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
export PATH="$ROOT/build/clients/gobin:$PATH"
command -v protoc-gen-go >/dev/null ||
  { echo "protoc-gen-go missing: run scripts/install-client-deps.sh go" >&2; exit 1; }
rm -rf "$ROOT/clients/go/wirepb"
mkdir -p "$ROOT/clients/go/wirepb"
protoc -I"$ROOT/proto" --go_out="$ROOT/clients/go" \
  --go_opt=module=newswire/clients/go \
  --go_opt=Mnewswire/v1/wire.proto=newswire/clients/go/wirepb \
  "$ROOT/proto/newswire/v1/wire.proto"
