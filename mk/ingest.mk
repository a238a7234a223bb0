# Ingest stage targets; the root Makefile includes mk/*.mk.
#   make test-ingest    unit tests of services/ingest, ctest label "ingest" (< 5 s)
#   make bench-ingest   Google Benchmark per wire format (docs/benchmarks/ingest.md)
#   make fuzz           build the libFuzzer targets with clang in build-fuzz/ and
#                       run them all for FUZZ_SECONDS in total; fails on a crash
.PHONY: test-ingest bench-ingest fuzz fuzz-ingest

FUZZ_SECONDS ?= 60
# `make test` (scripts/test.sh) runs the bounded fuzz run after ctest.
TEST_SUITES += fuzz-ingest

test-ingest:
	cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE=Release
	ninja -C build services/ingest/all
	cd build && ctest -L '^ingest$$' --output-on-failure

bench-ingest:
	cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE=Release
	ninja -C build ingest_benchmark
	build/bin/ingest_benchmark --benchmark_min_time=1

fuzz: fuzz-ingest

fuzz-ingest:
	cmake -S . -B build-fuzz -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo \
	  -DCMAKE_C_COMPILER=clang -DCMAKE_CXX_COMPILER=clang++ \
	  -DNEWSWIRE_BUILD_FUZZERS=ON -DNEWSWIRE_BUILD_TESTS=OFF \
	  -DNEWSWIRE_BUILD_BENCHMARKS=OFF
	ninja -C build-fuzz ingest_fuzzers
	services/ingest/fuzz/run_fuzzers.sh build-fuzz $(FUZZ_SECONDS)
