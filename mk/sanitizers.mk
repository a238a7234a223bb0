# Sanitizers: the tests again under ASan+UBSan (build-asan/: every unit and
# integration test, with the services they start sanitized too) and TSan
# (build-tsan/: the stream processor integration test, common/kafka and
# common/metrics unit tests). Suppressions: tests/sanitizers/*.supp.
#   make test-sanitizers                  both (starts a broker if
#                                         NEWSWIRE_TEST_BROKERS is unset)
#   make test-sanitizers SANITIZERS=tsan  only one
TEST_SUITES += test-sanitizers

.PHONY: test-sanitizers

test-sanitizers:
	@SANITIZERS="$(or $(SANITIZERS),asan tsan)" scripts/test-sanitizers.sh
