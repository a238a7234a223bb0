# End-to-end benchmarks (the whole pipeline).
.PHONY: bench-e2e bench-memory bench-pipeline

# The three services on the local broker, N generated stories end to end.
# PASSTHROUGH=1 runs them with --passthrough: the Kafka-only baseline.
bench-e2e: build
	benchmarks/e2e/run.sh $(or $(E2E_COUNT),20000) $(or $(E2E_WORDS),400) $(or $(E2E_RATE),0)

# Peak RSS of the four services draining a backlog published before they
# start (docs/RELIABILITY.md, Bounded memory). MEMORY_SERVICE_ARGS passes
# flags to all four, e.g. --kafka_property=... to compare client settings.
bench-memory: build
	benchmarks/e2e/memory.sh $(or $(MEMORY_COUNT),200000) $(or $(MEMORY_WORDS),150)

# The same chain in-process (Google Benchmark).
bench-pipeline: build
	build/bin/pipeline_benchmark --benchmark_counters_tabular=true
