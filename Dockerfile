# newswire services in one small image (ingest, dedup, enrich, route and the
# CLI).
#
#   docker build -t newswire:dev .
#   docker run --rm newswire:dev newswire-dedup --helpfull
#
# Stage 1 builds with Debian 12's toolchain and libraries (the same packages
# as scripts/install-deps.sh); stage 2 carries only the binaries and their
# shared libraries, and runs as an unprivileged numeric user so that
# Kubernetes' runAsNonRoot can verify it. The root filesystem may be
# read-only: the services write nothing but logs to stderr.
FROM debian:12 AS build
RUN apt-get update \
 && apt-get install -y --no-install-recommends \
      build-essential cmake ninja-build pkg-config git \
      librdkafka-dev libprotobuf-dev protobuf-compiler libabsl-dev \
      prometheus-cpp-dev libcivetweb-dev libyaml-cpp-dev \
 && rm -rf /var/lib/apt/lists/*
WORKDIR /src
COPY . .
RUN cmake -S . -B /build -G Ninja -DCMAKE_BUILD_TYPE=Release \
      -DNEWSWIRE_BUILD_TESTS=OFF -DNEWSWIRE_BUILD_BENCHMARKS=OFF \
 && ninja -C /build newswire newswire-ingest newswire-dedup newswire-enrich \
      newswire-route \
 && strip /build/bin/newswire /build/bin/newswire-ingest /build/bin/newswire-dedup /build/bin/newswire-enrich \
      /build/bin/newswire-route

FROM debian:12-slim AS runtime
RUN apt-get update \
 && apt-get install -y --no-install-recommends \
      librdkafka1 librdkafka++1 libprotobuf32 libabsl20220623 \
      libprometheus-cpp-core1.0 libprometheus-cpp-pull1.0 libcivetweb1 \
      libyaml-cpp0.7 \
      ca-certificates \
 && rm -rf /var/lib/apt/lists/*
COPY --from=build /build/bin/newswire /build/bin/newswire-ingest \
     /build/bin/newswire-dedup /build/bin/newswire-enrich \
     /build/bin/newswire-route /usr/local/bin/
# The trained models ship in the image, in the share directory beside the
# binaries' bin/, where newswire-enrich and the CLI look by default
# (common/io/data_path.h; --ner_model / --sentiment_model override).
COPY models/ /usr/local/share/newswire/models/
WORKDIR /usr/local/share/newswire
USER 65532:65532
EXPOSE 9464
# No ENTRYPOINT: the workload names the service (command: newswire-ingest ...).
CMD ["newswire", "--help"]
