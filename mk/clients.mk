# Subscriber kits (clients/: Python, Go, Java, TypeScript) and the schema
# compatibility check. See clients/README.md.
#   make test-clients       proto-compat, then every kit's tests against the
#                           pipeline (scripts/pipeline.sh, four services) on
#                           the local broker (started here when
#                           NEWSWIRE_TEST_BROKERS is not set)
#   make test-clients KITS="python go"   only some kits
#   make client-deps        install what the kits need (stamped, idempotent)
#   make proto-compat       proto/ against proto/released (and the checker's tests)
#   make proto-release      record proto/ as the released schema
TEST_SUITES += test-clients
KITS ?= python go java typescript
CLIENT_BINS := newswire newswire-ingest newswire-dedup newswire-enrich newswire-route
RELEASED_PROTO := proto/released/newswire.v1.binpb

.PHONY: test-clients client-deps proto-compat proto-release

client-deps:
	@scripts/install-client-deps.sh all

proto-compat:
	@scripts/install-client-deps.sh python
	@build/clients/venv/bin/python -m pytest -q proto/compat
	@protoc -Iproto --include_imports --descriptor_set_out=build/clients/current.binpb \
	  proto/newswire/v1/wire.proto
	@build/clients/venv/bin/python proto/compat/check.py $(RELEASED_PROTO) build/clients/current.binpb

proto-release:
	protoc -Iproto --include_imports --descriptor_set_out=$(RELEASED_PROTO) \
	  proto/newswire/v1/wire.proto

test-clients: proto-compat
	@cmake -S . -B $(BUILD_DIR) -G Ninja $(CMAKE_FLAGS) >/dev/null
	@ninja -C $(BUILD_DIR) $(CLIENT_BINS) >/dev/null
	@clients/tests/run.sh $(KITS)
