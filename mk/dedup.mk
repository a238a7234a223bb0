# Dedup: unit tests and the benchmark (ours vs datasketch
# MinHashLSH in build/venv-dedup). Each target configures and builds build/.
DEDUP_CMAKE = cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE=Release

.PHONY: test-dedup bench-dedup bench-dedup-peers

# Every test of services/dedup (ctest label "dedup").
test-dedup:
	$(DEDUP_CMAKE)
	ninja -C build services/dedup/all
	cd build && ctest -L '^dedup$$' --output-on-failure

# Windows of 10k, 100k and 1M documents; about 5 minutes on 2 cores.
# DEDUP_WINDOWS=10000 for a quick run.
DEDUP_WINDOWS ?= 10000,100000,1000000
bench-dedup:
	$(DEDUP_CMAKE)
	ninja -C build dedup_bench
	sh benchmarks/dedup/run_bench.sh build $(DEDUP_WINDOWS)

# datasketch MinHashLSH at its best: threshold sweep 0.3..0.9 (128
# permutations), plain and with our metadata (provider ids, time window),
# beside ours on the same 10k-window corpus. Writes
# build/bench-dedup-peers/results.md.
DEDUP_PEER_THRESHOLDS ?= 0.3,0.4,0.5,0.6,0.7,0.8,0.9
bench-dedup-peers:
	$(DEDUP_CMAKE)
	ninja -C build dedup_bench
	sh benchmarks/dedup/run_peers.sh build $(DEDUP_PEER_THRESHOLDS)
