# Sanitizers: the tests again under ASan+UBSan (build-asan/: every unit and
# integration test, with the services they start sanitized too) and TSan
# (build-tsan/: the stream processor integration test, common/kafka and
# common/metrics unit tests). Suppressions: tests/sanitizers/*.supp.
#   make test-sanitizers                  both (starts a broker if
#                                         NEWSWIRE_TEST_BROKERS is unset)
#   make test-sanitizers SANITIZERS=tsan  only one
# Time on 2 cores: about 3.5 min with a warm ccache (builds ~45 s, ASan unit
# tests ~20 s, ASan integration ~2 min, TSan tests ~35 s); a cold build adds
# about 15 min of compiler CPU time, most of it build-asan/.
TEST_SUITES += test-sanitizers

.PHONY: test-sanitizers

test-sanitizers:
	@SANITIZERS="$(or $(SANITIZERS),asan tsan)" scripts/test-sanitizers.sh
