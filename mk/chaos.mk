# Fault injection (docs/RELIABILITY.md): the three services as processes on a
# broker of their own (build/chaos-kafka), a mixed storygen feed, random
# SIGKILLs with restarts, a broker SIGKILL + resume, enrich scaled out and
# back; then every input must be accounted for exactly once and dedup's
# grouping must equal the undisturbed reference.
#   make chaos         50,000 stories (about 12 minutes on 2 cores)
#   make chaos-short   3,000 stories, >= 4 kills, 1 broker bounce, enrich
#                      1 -> 2 -> 1 (about 3 minutes; part of `make test`)
#   make chaos-scale   enrich 1 -> 3 -> 1 at 300 stories/s, no faults: p99
#                      publish -> wire.enriched latency must stay <= 5 s
#   make chaos-crash   two enrich instances, one SIGKILLed for good: how long
#                      its partitions stall (bound 25 s)
# CHAOS_ARGS adds options of tests/chaos/chaos.py (e.g. --seed=7).
# CHAOS_KAFKA_VERSION: the broker the chaos runs use. 4.0.2, the newest 4.x
# release without KAFKA-20734: from 4.1 on, a transaction completed while its
# partitions have no live leader (a single broker starting up) loses its
# markers, so a broker bounce can double records (docs/RELIABILITY.md, "Kafka
# 4.x under faults"); `make chaos-short CHAOS_KAFKA_VERSION=4.4.0` shows it in
# some runs. CHAOS_KAFKA_VERSION=3.9.2 is the 3.x compatibility run.
CHAOS_KAFKA_VERSION ?= 4.0.2
TEST_SUITES += chaos-short
CHAOS_BINS := newswire newswire-ingest newswire-dedup newswire-enrich \
              newswire-chaos-feed
CHAOS_ARGS ?=
CHAOS = @cmake -S . -B $(BUILD_DIR) -G Ninja $(CMAKE_FLAGS) >/dev/null && \
  ninja -C $(BUILD_DIR) $(CHAOS_BINS) >/dev/null && \
  $(if $(CHAOS_KAFKA_VERSION),export NEWSWIRE_KAFKA_VERSION=$(CHAOS_KAFKA_VERSION) &&) \
  scripts/kafka.sh install && \
  nice python3 tests/chaos/chaos.py --build=$(CURDIR)/$(BUILD_DIR) \
  --bin_dir=$(CURDIR)/$(BUILD_DIR)/bin

.PHONY: chaos chaos-short chaos-scale chaos-crash

chaos:
	$(CHAOS) --count=50000 --rate=100 --kill_every=5 --scale_to=3 \
	  --drain_timeout=600 $(CHAOS_ARGS)

chaos-short:
	$(CHAOS) --count=3000 --rate=40 --kill_every=8 --scale_to=2 $(CHAOS_ARGS)

chaos-scale:
	$(CHAOS) --scenario=scale --count=27000 --rate=300 --scale_to=3 \
	  --max_p99=5 $(CHAOS_ARGS)

chaos-crash:
	$(CHAOS) --scenario=crash --count=6000 --rate=100 --max_stall=25 \
	  $(CHAOS_ARGS)
