#!/usr/bin/env bash
# Fetches, starts and stops a single-node Apache Kafka broker (KRaft) on
# loopback for tests and the local demo. By default the newest Kafka 4.x
# release (pinned below); NEWSWIRE_KAFKA_VERSION selects another, e.g. a 3.9.x
# for `make test-compat`. docs/KAFKA_VERSIONS.md lists the versions measured.
#
#   scripts/kafka.sh install    jars from Maven Central into
#                               build/kafka/libs-<version> (once per version)
#   scripts/kafka.sh start      install if needed, start on a free port, wait
#                               until it answers (a no-op if already running)
#   scripts/kafka.sh bootstrap  print host:port of the running broker
#   scripts/kafka.sh stop       stop it and delete its data
#   scripts/kafka.sh status     exit 0 if running
#   scripts/kafka.sh kill       SIGKILL the broker, keep its data and config
#                               (a crash, for fault-injection tests)
#   scripts/kafka.sh resume     start again on the existing data, config and
#                               port (no format), wait until it answers
#   scripts/kafka.sh classpath  install if needed, print the class path of the
#                               selected version (libs-<version>/*) for running
#                               Kafka's Java tools, e.g.
#                               java -cp "$(scripts/kafka.sh classpath)" \
#                                 kafka.tools.StorageTool format ...
#   scripts/kafka.sh version    print the selected version
#
# Environment: NEWSWIRE_KAFKA_VERSION (default $DEFAULT_VERSION below),
# NEWSWIRE_KAFKA_DIR (default build/kafka), NEWSWIRE_KAFKA_PORT (default: a
# free port), NEWSWIRE_KAFKA_ABORT_CHECK_MS (how often the transaction
# coordinator aborts timed-out transactions; default 1000 so that tests which
# kill a service see its transaction aborted quickly; the broker's own
# default, which production clusters keep, is 10000). Data lives under
# $NEWSWIRE_KAFKA_DIR/data, the broker's log in $NEWSWIRE_KAFKA_DIR/logs/broker.log.
set -euo pipefail

# The newest Kafka release that Maven Central serves and that the integration
# tests pass on with Debian 12's librdkafka 2.0.2 (docs/KAFKA_VERSIONS.md).
DEFAULT_VERSION=4.4.0

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
DIR="${NEWSWIRE_KAFKA_DIR:-$ROOT/build/kafka}"
VERSION="${NEWSWIRE_KAFKA_VERSION:-$DEFAULT_VERSION}"
LIBS="$DIR/libs-$VERSION"
PIDFILE="$DIR/broker.pid"
BOOTFILE="$DIR/bootstrap"
VERSIONFILE="$DIR/broker.version"

log() { echo "kafka.sh: $*" >&2; }

# The release line decides the logging backend: 3.x logs through reload4j
# (log4j 1 configuration), 4.x through log4j2.
case "$VERSION" in
  3.[0-9]*.[0-9]*) LINE=kafka3 ;;
  4.[0-9]*.[0-9]*) LINE=kafka4 ;;
  *) log "NEWSWIRE_KAFKA_VERSION=$VERSION: expected a 3.x.y or 4.x.y release"
     exit 2 ;;
esac
[[ "$VERSION" =~ ^[0-9]+\.[0-9]+\.[0-9]+$ ]] \
  || { log "NEWSWIRE_KAFKA_VERSION=$VERSION: expected X.Y.Z"; exit 2; }

free_port() {
  python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'
}

running() {
  [[ -f "$PIDFILE" ]] && kill -0 "$(cat "$PIDFILE")" 2>/dev/null
}

install() {
  # .complete holds a hash of the pom the libs came from: an edited pom
  # (another dependency, another logging binding) fetches again.
  local want; want="$(sha256sum "$ROOT/scripts/kafka/pom.xml" | cut -d' ' -f1)"
  if [[ "$(cat "$LIBS/.complete" 2>/dev/null)" == "$want" ]]; then return 0; fi
  command -v java >/dev/null || { log "java not found (run scripts/install-deps.sh)"; exit 1; }
  command -v mvn >/dev/null || { log "mvn not found (run scripts/install-deps.sh)"; exit 1; }
  log "fetching Apache Kafka $VERSION from Maven Central into $LIBS"
  # Into a scratch folder first, so an interrupted or failed fetch never
  # leaves a half-filled libs folder that looks usable.
  local tmp="$LIBS.partial"
  rm -rf "$tmp"
  mkdir -p "$tmp"
  if ! mvn -q -B -f "$ROOT/scripts/kafka/pom.xml" -P "$LINE" \
      -Dkafka.version="$VERSION" dependency:copy-dependencies \
      -DoutputDirectory="$tmp" -DincludeScope=runtime >"$tmp.log" 2>&1; then
    # Maven's first error line names the missing artifact; drop its colours.
    sed 's/\x1b\[[0-9;]*m//g' "$tmp.log" | grep -m1 'ERROR' | cut -c1-400 >&2 || true
    log "could not fetch Apache Kafka $VERSION (is org.apache.kafka:kafka_2.13:$VERSION on Maven Central?); full output in $tmp.log"
    rm -rf "$tmp"
    exit 1
  fi
  rm -f "$tmp.log"
  rm -rf "$LIBS"
  mv "$tmp" "$LIBS"
  echo "$want" > "$LIBS/.complete"
}

wait_ready() {
  local addr="$1" deadline=$((SECONDS + 90))
  while (( SECONDS < deadline )); do
    if ! running; then
      log "broker exited during start; last log lines:"
      tail -20 "$DIR/logs/broker.log" >&2 || true
      tail -20 "$DIR/stdout.log" >&2 || true
      return 1
    fi
    # A metadata request that lists a broker means it is serving.
    if kcat -b "$addr" -L -m 2 2>/dev/null | grep -q "1 brokers"; then
      return 0
    fi
    sleep 0.5
  done
  log "broker did not answer on $addr within 90 s; see $DIR/logs/broker.log"
  return 1
}

# Sets the array named $1 to the broker JVM's options: heap, and the logging
# configuration of the selected release line (reload4j for 3.x, log4j2 for 4.x).
jvm_options() {
  local -n opts="$1"
  local logcfg
  if [[ "$LINE" == kafka3 ]]; then
    logcfg="-Dlog4j.configuration=file:$ROOT/scripts/kafka/log4j.properties"
  else
    logcfg="-Dlog4j2.configurationFile=$ROOT/scripts/kafka/log4j2.properties"
  fi
  opts=(-Xms256m -Xmx1g -XX:+UseG1GC "$logcfg" "-Dkafka.logs.dir=$DIR/logs")
}

start() {
  if running; then
    local have; have="$(cat "$VERSIONFILE" 2>/dev/null || echo unknown)"
    if [[ "$have" != "$VERSION" ]]; then
      log "a Kafka $have broker is running on $(cat "$BOOTFILE"), not $VERSION; run '$0 stop' first"
      exit 1
    fi
    log "already running on $(cat "$BOOTFILE") (Kafka $VERSION)"
    return 0
  fi
  install
  local port cport
  port="${NEWSWIRE_KAFKA_PORT:-$(free_port)}"
  cport="$(free_port)"
  rm -rf "$DIR/data" "$DIR/logs"
  mkdir -p "$DIR/data" "$DIR/logs"
  # The same file serves 3.9 and 4.x: a static controller quorum
  # (controller.quorum.voters) is still supported by 4.x and needs no
  # --standalone at format time. Replication factors of 1 (offsets,
  # transactions, share groups) because there is one node; without them
  # transactions and consumer groups never become available.
  cat > "$DIR/server.properties" <<PROPS
process.roles=broker,controller
node.id=1
controller.quorum.voters=1@127.0.0.1:$cport
listeners=PLAINTEXT://127.0.0.1:$port,CONTROLLER://127.0.0.1:$cport
advertised.listeners=PLAINTEXT://127.0.0.1:$port
controller.listener.names=CONTROLLER
listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT
inter.broker.listener.name=PLAINTEXT
log.dirs=$DIR/data
num.partitions=3
default.replication.factor=1
offsets.topic.replication.factor=1
offsets.topic.num.partitions=10
transaction.state.log.replication.factor=1
transaction.state.log.min.isr=1
transaction.state.log.num.partitions=10
share.coordinator.state.topic.replication.factor=1
share.coordinator.state.topic.min.isr=1
group.initial.rebalance.delay.ms=0
auto.create.topics.enable=false
log.cleaner.backoff.ms=1000
transaction.abort.timed.out.transaction.cleanup.interval.ms=${NEWSWIRE_KAFKA_ABORT_CHECK_MS:-1000}
PROPS
  local cp="$LIBS/*"
  local jvm; jvm_options jvm
  local cluster_id
  cluster_id="$(java "${jvm[@]}" -cp "$cp" kafka.tools.StorageTool random-uuid 2>"$DIR/format.log")" \
      || { log "StorageTool random-uuid failed:"; cat "$DIR/format.log" >&2; exit 1; }
  java "${jvm[@]}" -cp "$cp" kafka.tools.StorageTool format -t "$cluster_id" \
      -c "$DIR/server.properties" >"$DIR/format.log" 2>&1 \
      || { log "formatting the log dir failed:"; cat "$DIR/format.log" >&2; exit 1; }
  nohup java "${jvm[@]}" -cp "$cp" kafka.Kafka "$DIR/server.properties" \
      >"$DIR/stdout.log" 2>&1 &
  echo $! > "$PIDFILE"
  echo "127.0.0.1:$port" > "$BOOTFILE"
  echo "$VERSION" > "$VERSIONFILE"
  if ! wait_ready "127.0.0.1:$port"; then stop; exit 1; fi
  log "Kafka $VERSION up on 127.0.0.1:$port (pid $(cat "$PIDFILE"), data $DIR/data, log $DIR/logs/broker.log)"
}

# SIGKILL, as a crash would; data, config and port stay for `resume`.
kill_broker() {
  if running; then
    kill -9 "$(cat "$PIDFILE")" 2>/dev/null || true
    while running; do sleep 0.1; done
    log "broker killed (data kept in $DIR/data)"
  fi
  rm -f "$PIDFILE"
}

# Starts the broker of the last `start` again on its data, without formatting.
resume() {
  if running; then log "already running"; return 0; fi
  [[ -f "$DIR/server.properties" && -d "$DIR/data" && -f "$BOOTFILE" ]] \
    || { log "nothing to resume in $DIR (run start first)"; exit 1; }
  local cp="$LIBS/*"
  local jvm; jvm_options jvm
  nohup java "${jvm[@]}" -cp "$cp" kafka.Kafka "$DIR/server.properties" \
      >>"$DIR/stdout.log" 2>&1 &
  echo $! > "$PIDFILE"
  if ! wait_ready "$(cat "$BOOTFILE")"; then stop; exit 1; fi
  log "broker resumed on $(cat "$BOOTFILE") (pid $(cat "$PIDFILE"))"
}

stop() {
  if running; then
    local pid; pid="$(cat "$PIDFILE")"
    kill "$pid" 2>/dev/null || true
    for _ in $(seq 1 60); do kill -0 "$pid" 2>/dev/null || break; sleep 0.5; done
    kill -9 "$pid" 2>/dev/null || true
    log "broker stopped"
  fi
  rm -f "$PIDFILE" "$BOOTFILE" "$VERSIONFILE"
  rm -rf "$DIR/data"
}

case "${1:-}" in
  install) install ;;
  start) start ;;
  stop) stop ;;
  status) running ;;
  kill) kill_broker ;;
  resume) resume ;;
  bootstrap) running && cat "$BOOTFILE" || { log "not running"; exit 1; } ;;
  classpath) install; echo "$LIBS/*" ;;
  version) echo "$VERSION" ;;
  *) echo "usage: $0 install|start|stop|status|bootstrap|classpath|version|kill|resume" >&2; exit 2 ;;
esac
