# newswire — the three commands a user needs first:
#   make demo    install what is missing, build, run the pipeline on a local
#                Kafka broker with the bundled sample feed, print the results
#   make test    install what is missing, build, run every test (unit and
#                integration against a real broker)
#   make build   build into build/ (Release), binaries in build/bin/
#
# Area-specific targets (benchmarks, fuzzing, training, deploy checks) live in
# mk/*.mk; `make help` lists them.

SHELL := /bin/bash
BUILD_DIR ?= build
CMAKE_FLAGS ?= -DCMAKE_BUILD_TYPE=Release
ARGS ?=
# WERROR=ON|OFF sets NEWSWIRE_WERROR (warnings are errors) in $(BUILD_DIR);
# unset, the build directory keeps what it had. `make test`, the CI path,
# builds with WERROR=ON.
WERROR ?=

.PHONY: all build deps demo test unit-test broker-start broker-stop lint \
        format help clean

all: build

deps:
	@scripts/install-deps.sh

build: deps
	@cmake -S . -B $(BUILD_DIR) -G Ninja $(CMAKE_FLAGS) \
	  $(if $(WERROR),-DNEWSWIRE_WERROR=$(WERROR)) >/dev/null
	@ninja -C $(BUILD_DIR)

demo: build
	@scripts/demo.sh $(ARGS)

test: WERROR = ON
test: build
	@scripts/test.sh

unit-test: build
	@cd $(BUILD_DIR) && ctest -L unit --output-on-failure

broker-start: deps
	@scripts/kafka.sh start

broker-stop:
	@scripts/kafka.sh stop

lint: build
	@scripts/lint.sh

format:
	@git ls-files '*.cc' '*.h' | xargs clang-format -i

clean:
	rm -rf $(BUILD_DIR)

help:
	@grep -hE '^[a-z][a-zA-Z0-9_-]*:' Makefile mk/*.mk | cut -d: -f1 | sort -u

-include mk/*.mk

# Area makefiles append their suites to TEST_SUITES (e.g. TEST_SUITES += fuzz);
# scripts/test.sh runs each after ctest.
TEST_SUITES += lint
print-test-suites:
	@echo $(TEST_SUITES)
