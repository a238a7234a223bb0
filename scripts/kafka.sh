#!/usr/bin/env bash
# Fetches, starts and stops a single-node Apache Kafka 3.9 broker (KRaft) on
# loopback for tests and the local demo.
#
#   scripts/kafka.sh install    jars from Maven Central into build/kafka/libs
#   scripts/kafka.sh start      install if needed, start on a free port, wait
#                               until it answers (a no-op if already running)
#   scripts/kafka.sh bootstrap  print host:port of the running broker
#   scripts/kafka.sh stop       stop it and delete its data
#   scripts/kafka.sh status     exit 0 if running
#   scripts/kafka.sh kill       SIGKILL the broker, keep its data and config
#                               (a crash, for fault-injection tests)
#   scripts/kafka.sh resume     start again on the existing data, config and
#                               port (no format), wait until it answers
#
# Environment: NEWSWIRE_KAFKA_DIR (default build/kafka), NEWSWIRE_KAFKA_PORT
# (default: a free port). Data lives under $NEWSWIRE_KAFKA_DIR/data.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
DIR="${NEWSWIRE_KAFKA_DIR:-$ROOT/build/kafka}"
LIBS="$DIR/libs"
PIDFILE="$DIR/broker.pid"
BOOTFILE="$DIR/bootstrap"

log() { echo "kafka.sh: $*" >&2; }

free_port() {
  python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'
}

running() {
  [[ -f "$PIDFILE" ]] && kill -0 "$(cat "$PIDFILE")" 2>/dev/null
}

install() {
  if [[ -f "$LIBS/.complete" ]]; then return 0; fi
  command -v java >/dev/null || { log "java not found (run scripts/install-deps.sh)"; exit 1; }
  command -v mvn >/dev/null || { log "mvn not found (run scripts/install-deps.sh)"; exit 1; }
  log "fetching Apache Kafka 3.9 from Maven Central into $LIBS"
  mkdir -p "$LIBS"
  mvn -q -B -f "$ROOT/scripts/kafka/pom.xml" dependency:copy-dependencies \
      -DoutputDirectory="$LIBS" -DincludeScope=runtime >&2
  touch "$LIBS/.complete"
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
  log "broker did not answer on $addr within 90 s"
  return 1
}

start() {
  if running; then
    log "already running on $(cat "$BOOTFILE")"
    return 0
  fi
  install
  local port cport
  port="${NEWSWIRE_KAFKA_PORT:-$(free_port)}"
  cport="$(free_port)"
  rm -rf "$DIR/data" "$DIR/logs"
  mkdir -p "$DIR/data" "$DIR/logs"
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
group.initial.rebalance.delay.ms=0
auto.create.topics.enable=false
log.cleaner.backoff.ms=1000
transaction.abort.timed.out.transaction.cleanup.interval.ms=1000
PROPS
  local cp="$LIBS/*"
  local jvm=(-Xms256m -Xmx1g -XX:+UseG1GC "-Dlog4j.configuration=file:$ROOT/scripts/kafka/log4j.properties" "-Dkafka.logs.dir=$DIR/logs")
  java "${jvm[@]}" -cp "$cp" kafka.tools.StorageTool format \
      -t "$(java -cp "$cp" kafka.tools.StorageTool random-uuid 2>/dev/null)" \
      -c "$DIR/server.properties" >"$DIR/format.log" 2>&1 \
      || { log "formatting the log dir failed:"; cat "$DIR/format.log" >&2; exit 1; }
  nohup java "${jvm[@]}" -cp "$cp" kafka.Kafka "$DIR/server.properties" \
      >"$DIR/stdout.log" 2>&1 &
  echo $! > "$PIDFILE"
  echo "127.0.0.1:$port" > "$BOOTFILE"
  if ! wait_ready "127.0.0.1:$port"; then stop; exit 1; fi
  log "broker up on 127.0.0.1:$port (pid $(cat "$PIDFILE"), data $DIR/data)"
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
  local jvm=(-Xms256m -Xmx1g -XX:+UseG1GC "-Dlog4j.configuration=file:$ROOT/scripts/kafka/log4j.properties" "-Dkafka.logs.dir=$DIR/logs")
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
  rm -f "$PIDFILE" "$BOOTFILE"
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
  *) echo "usage: $0 install|start|stop|status|bootstrap|kill|resume" >&2; exit 2 ;;
esac
