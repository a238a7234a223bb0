# Deployment and observability checks. See docs/OPERATIONS.md.
#   make test-deploy   promtool rules + rule tests, kustomize render + strict
#                      offline validation, dashboards, compose, and the
#                      real-Prometheus test on the real broker (~2-3 min)
#   make deploy-tools  install kustomize, manifest-check and CRD schemas into build/tools
#   make deploy-render render the overlays into build/deploy/<overlay>.yaml
#   make image         docker build -t newswire:dev . (needs a Docker engine)

TEST_SUITES += test-deploy
DEPLOY_BINS := newswire newswire-ingest newswire-dedup newswire-enrich newswire-route

.PHONY: test-deploy deploy-tools deploy-render image

deploy-tools:
	@scripts/install-deploy-tools.sh

test-deploy: deploy-tools
	@cmake -S . -B $(BUILD_DIR) -G Ninja $(CMAKE_FLAGS) >/dev/null
	@ninja -C $(BUILD_DIR) $(DEPLOY_BINS) >/dev/null
	@NEWSWIRE_BIN_DIR=$${NEWSWIRE_BIN_DIR:-$(CURDIR)/$(BUILD_DIR)/bin} tests/observability/run.sh

deploy-render: deploy-tools
	@mkdir -p $(BUILD_DIR)/deploy
	@for o in dev prod; do \
	  build/tools/bin/kustomize build deploy/k8s/overlays/$$o > $(BUILD_DIR)/deploy/$$o.yaml && \
	  build/tools/bin/manifest-check -crds build/tools/crds $(BUILD_DIR)/deploy/$$o.yaml; done

image:
	docker build -t newswire:dev .
