# The one way to run the whole pipeline locally, sourced by scripts/demo.sh
# and clients/tests/run.sh: a broker, the four services as separate processes
# under one topic prefix, a feed published to wire.raw, and waits until every
# record has landed (and has been routed). Not executable on its own.
#
#   source scripts/pipeline.sh
#   PIPELINE_TAG=demo                       # prefix of the messages on stderr
#   trap pipeline_stop EXIT                 # services, then the broker if started here
#   pipeline_broker ""                      # or an address to use instead
#   pipeline_start "demo-123." build/demo-logs deploy/subscriptions.example.yaml 9464
#   pipeline_publish demo testdata/sample_feed/*
#   pipeline_wait_landed 120                # PIPELINE_ENRICHED/_DUPLICATES/_DEAD
#   pipeline_wait_routed 60                 # route has committed every enriched record
#
# Binaries come from PIPELINE_BIN (default build/bin). Every function returns
# non-zero after printing why when something does not come up in time; the
# caller decides whether to exit. One partition per topic, as the feed is a
# sequence (a story, its re-sends, update and kill) and Kafka keeps order
# only within a partition; production topics have several (README, "Run
# exactly one active dedup").

PIPELINE_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
PIPELINE_BIN="${PIPELINE_BIN:-$PIPELINE_ROOT/build/bin}"
PIPELINE_TAG="${PIPELINE_TAG:-pipeline}"
PIPELINE_STAGES=(ingest dedup enrich route)
PIPELINE_PIDS=()
PIPELINE_BROKER_STARTED=0
PIPELINE_BROKERS=""
PIPELINE_PREFIX=""
PIPELINE_PUBLISHED=0
PIPELINE_ENRICHED=0
PIPELINE_DUPLICATES=0
PIPELINE_DEAD=0
declare -A PIPELINE_PORT=()

pipeline_log() { echo "$PIPELINE_TAG: $*" >&2; }

# Adds a process of the caller's (a tail, a printer) to those pipeline_stop ends.
pipeline_track() { PIPELINE_PIDS+=("$1"); }

# Ends the tracked processes (SIGTERM, then waits) and stops the broker if
# pipeline_broker started it. Safe to call twice.
pipeline_stop() {
  local pid
  for pid in "${PIPELINE_PIDS[@]}"; do kill -TERM "$pid" 2>/dev/null || true; done
  for pid in "${PIPELINE_PIDS[@]}"; do wait "$pid" 2>/dev/null || true; done
  PIPELINE_PIDS=()
  if (( PIPELINE_BROKER_STARTED )); then
    "$PIPELINE_ROOT/scripts/kafka.sh" stop
    PIPELINE_BROKER_STARTED=0
  fi
}

# pipeline_broker [ADDRESS]: uses ADDRESS when given, else the worktree's
# broker (scripts/kafka.sh), started here when it is not running. Sets
# PIPELINE_BROKERS.
pipeline_broker() {
  if [[ -n "${1:-}" ]]; then
    PIPELINE_BROKERS="$1"
    return 0
  fi
  if ! "$PIPELINE_ROOT/scripts/kafka.sh" status; then
    "$PIPELINE_ROOT/scripts/kafka.sh" start || return 1
    PIPELINE_BROKER_STARTED=1
  fi
  PIPELINE_BROKERS="$("$PIPELINE_ROOT/scripts/kafka.sh" bootstrap)"
}

# pipeline_start PREFIX LOGDIR SUBSCRIPTIONS METRICS_PORT: starts the four
# services (route with the SUBSCRIPTIONS file), each logging to
# LOGDIR/<stage>.log, and waits until each is ready (topics created,
# transactions initialised, consumer subscribed). METRICS_PORT 0 lets the OS
# choose each service's port; N gives ingest N, dedup N+1, enrich N+2,
# route N+3. Sets PIPELINE_PORT[<stage>].
pipeline_start() {
  local prefix="$1" logs="$2" subscriptions="$3" port="$4" stage
  PIPELINE_PREFIX="$prefix"
  mkdir -p "$logs"
  for stage in "${PIPELINE_STAGES[@]}"; do
    [[ -x "$PIPELINE_BIN/newswire-$stage" ]] ||
      { pipeline_log "FAILED: $PIPELINE_BIN/newswire-$stage missing (make build)"; return 1; }
  done
  [[ -x "$PIPELINE_BIN/newswire" ]] ||
    { pipeline_log "FAILED: $PIPELINE_BIN/newswire missing (make build)"; return 1; }
  for stage in "${PIPELINE_STAGES[@]}"; do
    local extra=()
    [[ $stage == route ]] && extra=(--subscriptions="$subscriptions")
    "$PIPELINE_BIN/newswire-$stage" --brokers="$PIPELINE_BROKERS" --topic_prefix="$prefix" \
        --transactional_id="${prefix}$stage" --metrics_address="127.0.0.1:$port" \
        --commit_interval=200ms --topic_partitions=1 "${extra[@]}" \
        >"$logs/$stage.log" 2>&1 &
    PIPELINE_PIDS+=($!)
    (( port )) && port=$((port + 1))
  done
  # Each service logs the port it serves /readyz on (the OS's choice for 0).
  for stage in "${PIPELINE_STAGES[@]}"; do
    local deadline=$((SECONDS + 90)) p=""
    until p=$(grep -oE 'on port [0-9]+' "$logs/$stage.log" 2>/dev/null | grep -oE '[0-9]+$') &&
          curl -sf "http://127.0.0.1:$p/readyz" >/dev/null; do
      if (( SECONDS > deadline )); then
        pipeline_log "FAILED: newswire-$stage not ready within 90 s:"
        tail -20 "$logs/$stage.log" >&2
        return 1
      fi
      sleep 0.2
    done
    PIPELINE_PORT[$stage]=$p
  done
}

# pipeline_publish SOURCE FILE...: publishes the files to wire.raw in order.
pipeline_publish() {
  local source="$1"; shift
  "$PIPELINE_BIN/newswire" publish --brokers="$PIPELINE_BROKERS" \
      --topic_prefix="$PIPELINE_PREFIX" --source="$source" "$@" || return 1
  PIPELINE_PUBLISHED=$#
}

# pipeline_count TOPIC: committed records on PREFIX+TOPIC now.
pipeline_count() {
  "$PIPELINE_BIN/newswire" tail "${PIPELINE_PREFIX}$1" --brokers="$PIPELINE_BROKERS" \
      --from_beginning --to_end 2>/dev/null | wc -l
}

# pipeline_wait_landed TIMEOUT_S: waits until every published record is in
# exactly one of wire.enriched, wire.duplicates and wire.dlq. Sets
# PIPELINE_ENRICHED, PIPELINE_DUPLICATES and PIPELINE_DEAD.
pipeline_wait_landed() {
  local deadline=$((SECONDS + $1)) done_count
  while :; do
    PIPELINE_ENRICHED=$(pipeline_count wire.enriched)
    PIPELINE_DUPLICATES=$(pipeline_count wire.duplicates)
    PIPELINE_DEAD=$(pipeline_count wire.dlq)
    done_count=$((PIPELINE_ENRICHED + PIPELINE_DUPLICATES + PIPELINE_DEAD))
    (( done_count >= PIPELINE_PUBLISHED )) && return 0
    if (( SECONDS > deadline )); then
      pipeline_log "FAILED: $done_count of $PIPELINE_PUBLISHED records arrived within $1 s"
      return 1
    fi
    sleep 0.5
  done
}

# pipeline_stage_consumed STAGE: input records of STAGE whose transaction has
# committed (newswire_records_consumed_total, summed over topics).
pipeline_stage_consumed() {
  curl -sf "http://127.0.0.1:${PIPELINE_PORT[$1]}/metrics" |
    awk -v stage="stage=\"$1\"" \
        '/^newswire_records_consumed_total\{/ && index($0, stage) { n += $NF }
         END { printf "%d\n", n }'
}

# pipeline_wait_routed TIMEOUT_S: after pipeline_wait_landed, waits until
# route has committed every enriched record, so every wire.sub.<name> is
# complete.
pipeline_wait_routed() {
  local deadline=$((SECONDS + $1)) n
  until n=$(pipeline_stage_consumed route) && (( n >= PIPELINE_ENRICHED )); do
    if (( SECONDS > deadline )); then
      pipeline_log "FAILED: route committed ${n:-?} of $PIPELINE_ENRICHED enriched records within $1 s"
      return 1
    fi
    sleep 0.2
  done
}
