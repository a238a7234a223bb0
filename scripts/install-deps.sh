#!/usr/bin/env bash
# Installs what building, testing and the demo need on Debian 12, as root.
# Idempotent: installs only packages that are missing, runs apt-get update
# only when something is. Set NEWSWIRE_SKIP_APT=1 to skip (e.g. non-root).
set -euo pipefail

PACKAGES=(
  # toolchain
  build-essential cmake ninja-build pkg-config git python3
  clang clang-format clang-tidy libclang-rt-14-dev
  # libraries (all from Debian 12; nothing vendored)
  librdkafka-dev libprotobuf-dev protobuf-compiler libabsl-dev
  prometheus-cpp-dev libcivetweb-dev libgtest-dev libgmock-dev libbenchmark-dev
  libyaml-cpp-dev
  # the test broker (Apache Kafka from Maven Central) and its client tools
  default-jre-headless maven kafkacat
  # the security test: certificates, and the JDK that runs its Kafka admin
  # program (a single Java source file) with the broker's jars
  openssl default-jdk-headless
  # observability tests
  prometheus curl python3-yaml bc
  # benchmark peers' virtualenvs
  python3-venv
)

if [[ "${NEWSWIRE_SKIP_APT:-0}" == "1" ]]; then exit 0; fi

missing=()
for p in "${PACKAGES[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$p")
  fi
done
if (( ${#missing[@]} == 0 )); then
  exit 0
fi
if [[ $(id -u) -ne 0 ]]; then
  echo "install-deps.sh: missing packages: ${missing[*]} (run as root)" >&2
  exit 1
fi
echo "install-deps.sh: installing ${missing[*]}" >&2
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
