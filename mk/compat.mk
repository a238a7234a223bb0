# Kafka compatibility: the integration tests against several broker versions,
# one after another (scripts/compat.sh). A long run of its own, so not part of
# TEST_SUITES / make test. Default versions: the newest 3.9.x that Maven
# Central serves and the 4.x that scripts/kafka.sh pins; override with e.g.
#   make test-compat KAFKA_VERSIONS="4.0.0 4.1.1"
# Results measured so far: docs/KAFKA_VERSIONS.md.
KAFKA_VERSIONS ?= 3.9.2 $(shell NEWSWIRE_KAFKA_VERSION= scripts/kafka.sh version)

.PHONY: test-compat

test-compat: build
	@scripts/compat.sh $(KAFKA_VERSIONS)
