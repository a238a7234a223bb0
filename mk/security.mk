# Security: the services on a broker with TLS, SCRAM-SHA-512, mTLS and ACLs
# taken from deploy/k8s (tests/security/security_test.py, about 2 minutes).
#   make test-security   build, fetch the broker's jars, run the test

TEST_SUITES += test-security
SECURITY_BINS := newswire newswire-ingest newswire-dedup newswire-enrich

.PHONY: test-security

test-security:
	@cmake -S . -B $(BUILD_DIR) -G Ninja $(CMAKE_FLAGS) >/dev/null
	@ninja -C $(BUILD_DIR) $(SECURITY_BINS) >/dev/null
	@scripts/kafka.sh install
	@NEWSWIRE_BIN_DIR=$${NEWSWIRE_BIN_DIR:-$(CURDIR)/$(BUILD_DIR)/bin} python3 tests/security/security_test.py
