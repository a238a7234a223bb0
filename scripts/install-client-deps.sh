#!/usr/bin/env bash
# Installs what the subscriber kits (clients/) need to build and test, into
# build/clients/ (Python venv, protoc-gen-go) and clients/typescript/node_modules,
# from PyPI, the Go module proxy, npm and Maven Central. Idempotent: each part
# is skipped while its stamp (named after a hash of its pinned versions) exists.
# A missing toolchain is an error, never a skip.
#
#   scripts/install-client-deps.sh [python|go|java|typescript|all]   (default all)
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
OUT="$ROOT/build/clients"
STAMPS="$OUT/stamps"
PROTOC_GEN_GO_VERSION=v1.36.12   # = google.golang.org/protobuf in clients/go/go.mod
export PATH="$PATH:/usr/local/go/bin"
mkdir -p "$STAMPS"

log() { echo "install-client-deps: $*" >&2; }
need() {
  command -v "$1" >/dev/null || { log "$1 not found: $2"; exit 1; }
}
stamp_of() { cat "$@" | sha256sum | cut -c1-16; }

python_deps() {
  need python3 "install python3"
  need protoc "run scripts/install-deps.sh (protobuf-compiler)"
  local req="$ROOT/clients/python/requirements.txt" s
  s="$STAMPS/python-$(stamp_of "$req")"
  [[ -f "$s" && -x "$OUT/venv/bin/python" ]] && return 0
  log "Python venv in $OUT/venv"
  python3 -m venv "$OUT/venv"
  "$OUT/venv/bin/pip" install -q --disable-pip-version-check -r "$req"
  touch "$s"
}

go_deps() {
  need go "install Go (expected in /usr/local/go/bin)"
  need protoc "run scripts/install-deps.sh (protobuf-compiler)"
  local s="$STAMPS/go-$(stamp_of "$ROOT/clients/go/go.sum" <(echo "$PROTOC_GEN_GO_VERSION"))"
  [[ -f "$s" && -x "$OUT/gobin/protoc-gen-go" ]] && return 0
  log "protoc-gen-go $PROTOC_GEN_GO_VERSION into $OUT/gobin, Go modules of clients/go"
  GOBIN="$OUT/gobin" go install "google.golang.org/protobuf/cmd/protoc-gen-go@$PROTOC_GEN_GO_VERSION"
  (cd "$ROOT/clients/go" && go mod download)
  touch "$s"
}

java_deps() {
  need java "run scripts/install-deps.sh"
  need mvn "run scripts/install-deps.sh"
  need protoc "run scripts/install-deps.sh (protobuf-compiler)"
  local s="$STAMPS/java-$(stamp_of "$ROOT/clients/java/pom.xml")"
  [[ -f "$s" ]] && return 0
  log "Maven dependencies and plugins of clients/java (into ~/.m2)"
  mvn -B -q -f "$ROOT/clients/java/pom.xml" -DskipTests package >&2
  touch "$s"
}

typescript_deps() {
  need node "install Node.js"
  need npm "install npm"
  need protoc "run scripts/install-deps.sh (protobuf-compiler)"
  local dir="$ROOT/clients/typescript" s
  s="$STAMPS/typescript-$(stamp_of "$dir/package-lock.json")"
  [[ -f "$s" && -d "$dir/node_modules" ]] && return 0
  log "npm ci in clients/typescript"
  (cd "$dir" && npm ci --no-audit --no-fund --loglevel=error >&2)
  touch "$s"
}

case "${1:-all}" in
  python) python_deps ;;
  go) go_deps ;;
  java) java_deps ;;
  typescript) typescript_deps ;;
  all) python_deps; go_deps; java_deps; typescript_deps ;;
  *) log "unknown part $1"; exit 2 ;;
esac
