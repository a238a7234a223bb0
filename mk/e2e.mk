# End-to-end benchmarks (the whole pipeline).
.PHONY: bench-e2e bench-pipeline

# The three services on the local broker, N generated stories end to end.
# PASSTHROUGH=1 runs them with --passthrough: the Kafka-only baseline.
bench-e2e: build
	benchmarks/e2e/run.sh $(or $(E2E_COUNT),20000) $(or $(E2E_WORDS),400) $(or $(E2E_RATE),0)

# The same chain in-process (Google Benchmark).
bench-pipeline: build
	build/bin/pipeline_benchmark --benchmark_counters_tabular=true
