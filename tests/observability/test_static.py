#!/usr/bin/python3
"""Offline checks of deploy/: no cluster, no broker.

  * promtool check rules / test rules on deploy/prometheus, and the
    PrometheusRule in deploy/k8s is the rules file, unchanged; every
    aggregation keeps `namespace`; an absent-stage alert per job; the rule
    tests feed histograms exactly the buckets the C++ source exports;
  * kustomize build of every overlay, validated strictly by manifest-check
    (Kubernetes types + CRD schemas, unknown fields fail), which must also
    reject a fixture of broken manifests;
  * deployment invariants (grace period > transaction timeout, stable
    transactional ids inside the KafkaUser ACL prefix, one dedup replica,
    KEDA capped at partitions, compacted state topic, config keys that are
    real service flags, references that resolve, Strimzi resources on the
    v1 API, a Kafka cluster whose listener, node pools and replication fit
    the services, topics and KEDA, mutual TLS: each stage mounts only its own
    KafkaUser's certificate and key, KEDA has its own Describe-only user);
  * Grafana dashboards: generated file up to date, datasource, namespace
    and pod variables, every selector scoped by namespace and pod, units and
    thresholds on every panel, ConfigMaps for the sidecar;
  * PodMonitor and PrometheusRule carry the same `release` label, and an
    overlay can change it;
  * docker-compose.yml / Dockerfile / compose Prometheus config.

    tests/observability/test_static.py

Environment: NEWSWIRE_TOOLS_DIR (default build/tools, filled by
scripts/install-deploy-tools.sh), NEWSWIRE_BIN_DIR (default build/bin).
"""
import json
import os
import re
import shutil
import subprocess
import sys

import yaml

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from buckets import promtool_test_buckets, source_buckets  # noqa: E402
from checks import Checks  # noqa: E402
from dashboards import load_dashboards, panels  # noqa: E402

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
TOOLS = os.environ.get("NEWSWIRE_TOOLS_DIR", os.path.join(ROOT, "build", "tools"))
BIN = os.environ.get("NEWSWIRE_BIN_DIR", os.path.join(ROOT, "build", "bin"))
OVERLAYS = ("dev", "prod")
STAGES = ("ingest", "dedup", "enrich", "route")


def run(argv, **kw):
    return subprocess.run(argv, capture_output=True, text=True, cwd=ROOT, **kw)


def rules_checks(c):
    rules = "deploy/prometheus/rules/newswire.rules.yml"
    r = run(["promtool", "check", "rules", rules])
    c.check("promtool check rules", r.returncode == 0, r.stdout + r.stderr)
    r = run(["promtool", "test", "rules", "deploy/prometheus/tests/newswire.rules.test.yml"])
    c.check("promtool test rules (our rule unit tests)", r.returncode == 0 and "SUCCESS" in r.stdout,
            r.stdout + r.stderr)
    r = run([sys.executable, "deploy/prometheus/render_prometheusrule.py", "--check"])
    c.check("deploy/prometheus/prometheusrule.yaml is rendered from the rules file", r.returncode == 0, r.stdout)
    with open(os.path.join(ROOT, rules)) as f:
        groups = yaml.safe_load(f)["groups"]
    names = {rule.get("alert") for g in groups for rule in g["rules"]}
    wanted = {"NewswireScrapeDown", "NewswireConsumerLagGrowing", "NewswireDeadLetterRateHigh",
              "NewswireNoProgress", "NewswireTransactionAborts", "NewswireHighEndToEndLatency",
              "NewswireStageMissing"}
    c.check("alerts cover scrape down, lag, DLQ rate, no progress, aborts, latency, missing stage",
            wanted <= names, f"missing {wanted - names}")
    all_rules = [rule for g in groups for rule in g["rules"]]
    missing_jobs = [s for s in STAGES if not any(
        rule.get("alert") == "NewswireStageMissing" and f'job="newswire-{s}"' in rule["expr"]
        and "absent" in rule["expr"] for rule in all_rules)]
    c.check("an absent-stage alert (NewswireStageMissing) for every job", not missing_jobs, str(missing_jobs))
    # Every sum/count/max/min/avg ... keeps namespace: dev and prod in one
    # Prometheus must never add up.
    agg = re.compile(r"\b(sum|count|max|min|avg|topk|bottomk|quantile|stddev|group)\s*(by\s*\(([^)]*)\))?\s*\(")
    bad = []
    for rule in all_rules:
        for m in agg.finditer(rule["expr"]):
            if m.group(1) in ("max", "min") and m.group(2) is None and m.group(0).endswith("_over_time("):
                continue
            by = [x.strip() for x in (m.group(3) or "").split(",")]
            if "namespace" not in by:
                bad.append(f'{rule.get("record") or rule.get("alert")}: {m.group(0)}')
    c.check("every rule aggregation keeps namespace (sum by (namespace, ...))", not bad, "; ".join(bad))
    bucket_checks(c)
    with open(os.path.join(ROOT, "docs", "OPERATIONS.md")) as f:
        ops = f.read().lower()
    undocumented = sorted(n for n in names if n and f"#### {n.lower()}" not in ops)
    c.check("every alert has a runbook section in docs/OPERATIONS.md", not undocumented, str(undocumented))
    return groups


def bucket_checks(c):
    """The rule tests feed each histogram exactly the exported boundaries."""
    exported = source_buckets(ROOT)
    c.check("bucket boundaries read from common/metrics/stream_metrics.cc", len(exported) == 2
            and all(exported.values()), str(exported))
    for metric, bounds in exported.items():
        c.check(f"{metric}: finite buckets reach at least 60 s", bounds and bounds[-1] >= 60, str(bounds))
    fed = promtool_test_buckets(ROOT)
    c.check("the promtool rule tests feed both latency histograms",
            {m for m, _ in fed} == set(exported), str(sorted({m for m, _ in fed})))
    wrong = []
    for (metric, labels), les in sorted(fed.items()):
        want = set(exported.get(metric, [])) | {float("inf")}
        if les != want:
            wrong.append(f"{metric}{dict(labels)}: extra {sorted(les - want)} missing {sorted(want - les)}")
    c.check("promtool test histograms use exactly the exported buckets (+Inf)", not wrong, "; ".join(wrong))


def release_override(c):
    """An overlay that renames the release label changes it on both objects."""
    kustomize = os.path.join(TOOLS, "bin", "kustomize")
    tmp = os.path.join(ROOT, "build", "deploy-release-check")
    os.makedirs(tmp, exist_ok=True)
    with open(os.path.join(tmp, "kustomization.yaml"), "w") as f:
        f.write(yaml.safe_dump({
            "apiVersion": "kustomize.config.k8s.io/v1beta1", "kind": "Kustomization",
            "resources": [os.path.relpath(os.path.join(ROOT, "deploy", "k8s", "overlays", "dev"), tmp)],
            "patches": [{"target": {"kind": "PodMonitor|PrometheusRule"},
                         "patch": "- op: replace\n  path: /metadata/labels/release\n  value: monitoring\n"}]}))
    r = run([kustomize, "build", tmp])
    docs = [d for d in yaml.safe_load_all(r.stdout) if d] if r.returncode == 0 else []
    releases = {d["kind"]: d["metadata"].get("labels", {}).get("release") for d in docs
                if d["kind"] in ("PodMonitor", "PrometheusRule")}
    c.check("an overlay patch sets the release label of PodMonitor and PrometheusRule",
            releases == {"PodMonitor": "monitoring", "PrometheusRule": "monitoring"}, f"{releases} {r.stderr[-500:]}")


def render(c, overlay):
    kustomize = os.path.join(TOOLS, "bin", "kustomize")
    r = run([kustomize, "build", f"deploy/k8s/overlays/{overlay}"])
    c.check(f"{overlay}: kustomize build", r.returncode == 0, r.stderr[-2000:])
    return r.stdout if r.returncode == 0 else ""


def validate(c, name, text, expect_ok=True):
    checker = os.path.join(TOOLS, "bin", "manifest-check")
    r = subprocess.run([checker, "-crds", os.path.join(TOOLS, "crds"), "-"], input=text,
                       capture_output=True, text=True)
    if expect_ok:
        c.check(f"{name}: strict schema validation (k8s types + CRDs)", r.returncode == 0 and "valid" in r.stdout,
                (r.stdout + r.stderr)[-3000:])
    return r


def negative_validation(c):
    with open(os.path.join(ROOT, "tests", "observability", "fixtures", "invalid-manifests.yaml")) as f:
        r = validate(c, "fixture", f.read(), expect_ok=False)
    out = r.stdout
    expected = ['unknown field "spec.template.spec.containers[0].imagePullPolcy"',
                'unknown field "spec.template.spec.containers[0].Image"',
                'KafkaTopic/t: .spec.partitons: unknown field',
                'KafkaTopic/t: .spec.replicas: want an integer',
                'KafkaTopic/t: metadata: unknown field "labls"',
                'KafkaUser/u: apiVersion kafka.strimzi.io/v1beta2: the CRD of KafkaUser serves v1, not v1beta2',
                'Kafka/k: .spec.kafka.listeners[0].tls: want a boolean',
                'Kafka/k: .spec.kafka.listeners[0].authentication.type: mtls is not one of',
                'Kafka/k: .spec.kafka.authorization.type: acl is not one of',
                'KafkaNodePool/pool: .spec.roles[0]: dual is not one of',
                'ScaledObject/s: .spec.scaleTargetRef.kindd: unknown field',
                'PodMonitor/p: .spec.podMetricsEndpoints[0].intervall: unknown field',
                'unknown kind v1 Widget',
                'an HTTP livenessProbe is required']
    missing = [e for e in expected if e not in out]
    c.check("manifest-check rejects the broken fixture and names every problem",
            r.returncode == 1 and not missing, f"rc={r.returncode} missing={missing}\n{out}")


def service_flags():
    """Flags each service accepts, from its own --helpfull."""
    flags = {}
    for s in STAGES:
        binary = os.path.join(BIN, f"newswire-{s}")
        r = run([binary, "--helpfull"]) if os.access(binary, os.X_OK) else None
        flags[s] = set(re.findall(r"^\s+--([a-z0-9_]+) ", (r.stdout + r.stderr) if r else "", re.M))
    return flags


def seconds(duration):
    m = re.fullmatch(r"(\d+)(ms|s|m)", duration)
    return int(m.group(1)) * {"ms": 0.001, "s": 1, "m": 60}[m.group(2)] if m else None


def invariants(c, overlay, docs, groups, flags):
    by_kind = {}
    for d in docs:
        by_kind.setdefault(d["kind"], []).append(d)
    find = lambda kind, name: next((d for d in by_kind.get(kind, []) if d["metadata"]["name"] == name), None)  # noqa
    sts = {d["metadata"]["name"]: d for d in by_kind.get("StatefulSet", [])}
    c.check(f"{overlay}: a StatefulSet per service", set(sts) == {f"newswire-{s}" for s in STAGES}, str(sorted(sts)))
    config = find("ConfigMap", "newswire-config") or {"data": {}}
    timeout = seconds(config["data"].get("NEWSWIRE_TRANSACTION_TIMEOUT", ""))
    c.check(f"{overlay}: ConfigMap sets NEWSWIRE_TRANSACTION_TIMEOUT", timeout is not None)
    unknown = sorted(k for k in config["data"] if not k.startswith("NEWSWIRE_") or
                     any(k[9:].lower() not in f for f in flags.values()))
    c.check(f"{overlay}: every NEWSWIRE_* key in newswire-config is a flag of every service",
            all(flags.values()) and not unknown, f"unknown {unknown}; flags found: {[len(f) for f in flags.values()]}")
    users = {d["metadata"]["name"]: d for d in by_kind.get("KafkaUser", [])}
    topics = {d["spec"].get("topicName", d["metadata"]["name"]): d for d in by_kind.get("KafkaTopic", [])}
    ca_secret = "kafka-cluster-ca-cert"
    for name, s in sorted(sts.items()):
        stage = name.split("-", 1)[1]
        pod = s["spec"]["template"]["spec"]
        c.check(f"{overlay}: {name} grace period {pod.get('terminationGracePeriodSeconds')}s > transaction timeout",
                timeout is not None and pod.get("terminationGracePeriodSeconds", 30) > timeout)
        ctr = pod["containers"][0]
        env = {e["name"]: e for e in ctr.get("env", [])}
        txn = env.get("NEWSWIRE_TRANSACTIONAL_ID", {}).get("valueFrom", {}).get("fieldRef", {}).get("fieldPath")
        c.check(f"{overlay}: {name} transactional id is the stable pod name", txn == "metadata.name")
        env_flags_bad = sorted(k for k in env if k[9:].lower() not in flags.get(stage, set()))
        c.check(f"{overlay}: {name} env vars are flags of newswire-{stage}", not env_flags_bad, str(env_flags_bad))
        user = users.get(name)
        acls = user["spec"]["authorization"]["acls"] if user else []
        prefix_ok = any(a["resource"]["type"] == "transactionalId" and a["resource"].get("patternType") == "prefix"
                        and f"{name}-0".startswith(a["resource"]["name"]) for a in acls)
        c.check(f"{overlay}: KafkaUser {name} allows transactional ids {name}-N by prefix", prefix_ok)
        env_secrets = [e["name"] for e in env.values() if "secretKeyRef" in e.get("valueFrom", {})]
        c.check(f"{overlay}: {name} takes no Secret through an environment variable",
                not env_secrets and "NEWSWIRE_SSL_KEY_PASSWORD" not in env, str(env_secrets))
        # mTLS only: SCRAM cannot log in from librdkafka 2.0.2 to Kafka 4.x.
        sasl = sorted(k for k in set(env) | set(config["data"]) if k.startswith("NEWSWIRE_SASL_"))
        c.check(f"{overlay}: {name} has no SASL settings (mutual TLS only)", not sasl, str(sasl))
        refs = sorted(v["secret"]["secretName"] for v in pod.get("volumes", []) if "secret" in v)
        c.check(f"{overlay}: {name} mounts only the Secrets of its own KafkaUser and the Strimzi CA",
                refs == sorted({name, ca_secret}) and name in users, str(refs))
        setting = lambda k: env.get(k, {}).get("value") or config["data"].get(k, "")  # noqa: E731
        for var, key in (("NEWSWIRE_SSL_CERTIFICATE_LOCATION", "user.crt"), ("NEWSWIRE_SSL_KEY_LOCATION", "user.key")):
            c.check(f"{overlay}: {name} {var} is key {key} of Secret {name}",
                    secret_file(pod, ctr, setting(var)) == (name, key), setting(var))
        user_keys = sorted(i["key"] for v in pod.get("volumes", [])
                           if v.get("secret", {}).get("secretName") == name
                           for i in v["secret"].get("items", [{"key": "<whole Secret>"}]))
        c.check(f"{overlay}: {name} mounts only user.crt and user.key of Secret {name}",
                user_keys == ["user.crt", "user.key"], str(user_keys))
        ca_file = setting("NEWSWIRE_SSL_CA_LOCATION")
        c.check(f"{overlay}: {name} NEWSWIRE_SSL_CA_LOCATION is key ca.crt of Secret {ca_secret}",
                secret_file(pod, ctr, ca_file) == (ca_secret, "ca.crt"), ca_file)
        cms = [e["valueFrom"]["configMapKeyRef"]["name"] for e in env.values() if "configMapKeyRef" in e.get("valueFrom", {})]
        cms += [e["configMapRef"]["name"] for e in ctr.get("envFrom", []) if "configMapRef" in e]
        c.check(f"{overlay}: {name} ConfigMap references resolve", all(find("ConfigMap", m) for m in cms), str(cms))
        probes = (ctr["livenessProbe"]["httpGet"]["path"], ctr["readinessProbe"]["httpGet"]["path"])
        c.check(f"{overlay}: {name} probes /healthz and /readyz", probes == ("/healthz", "/readyz"), str(probes))
    dedup = sts.get("newswire-dedup", {"spec": {}})
    scaled = [d["spec"]["scaleTargetRef"]["name"] for d in by_kind.get("ScaledObject", [])]
    c.check(f"{overlay}: dedup runs exactly one replica and nothing autoscales it",
            dedup["spec"].get("replicas") == 1 and "newswire-dedup" not in scaled)
    for so in by_kind.get("ScaledObject", []):
        trig = so["spec"]["triggers"][0]["metadata"]
        parts = topics.get(trig["topic"], {}).get("spec", {}).get("partitions", 0)
        c.check(f"{overlay}: ScaledObject {so['metadata']['name']} maxReplicaCount "
                f"{so['spec']['maxReplicaCount']} <= {parts} partitions of {trig['topic']}",
                0 < so["spec"]["maxReplicaCount"] <= parts)
    state = topics.get("wire.dedup-state", {}).get("spec", {})
    c.check(f"{overlay}: wire.dedup-state is compacted", state.get("config", {}).get("cleanup.policy") == "compact")
    route_state = topics.get("wire.route-state", {}).get("spec", {}).get("partitions", 0)
    enriched = topics.get("wire.enriched", {}).get("spec", {}).get("partitions", 0)
    c.check(f"{overlay}: wire.route-state has a partition for each of wire.enriched's "
            f"({route_state} >= {enriched}; state partition i belongs to input partition i)",
            0 < enriched <= route_state)
    c.check(f"{overlay}: a KafkaTopic for every pipeline topic", set(topics) == {
        "wire.raw", "wire.articles", "wire.dedup-state", "wire.unique", "wire.duplicates", "wire.enriched",
        "wire.dlq", "wire.route-state"}, str(sorted(topics)))
    auth = {u["spec"]["authentication"]["type"] for u in users.values()}
    c.check(f"{overlay}: KafkaUsers (the stages and KEDA) authenticate by TLS client certificate",
            auth == {"tls"} and set(users) == {f"newswire-{s}" for s in STAGES} | {"newswire-keda"},
            f"{auth} {sorted(users)}")
    strimzi_checks(c, overlay, by_kind, config, topics, users)
    pm = (by_kind.get("PodMonitor") or [{}])[0]
    sel = pm.get("spec", {}).get("selector", {}).get("matchLabels", {})
    c.check(f"{overlay}: PodMonitor selects every service pod", sel and all(
        all(s["spec"]["template"]["metadata"]["labels"].get(k) == v for k, v in sel.items()) for s in sts.values()))
    pr = find("PrometheusRule", "newswire")
    c.check(f"{overlay}: PrometheusRule carries exactly the rules file", pr is not None and pr["spec"]["groups"] == groups)
    releases = [d.get("metadata", {}).get("labels", {}).get("release") for d in (pm, pr or {})]
    c.check(f"{overlay}: PodMonitor and PrometheusRule carry the same release label (kube-prometheus-stack)",
            releases[0] and releases[0] == releases[1], str(releases))
    dashboards = load_dashboards(ROOT)
    cms = {json.loads(v)["uid"]: d for d in by_kind.get("ConfigMap", [])
           if d["metadata"].get("labels", {}).get("grafana_dashboard") == "1" for v in d["data"].values()}
    c.check(f"{overlay}: every dashboard ships as a ConfigMap labelled grafana_dashboard=1",
            set(cms) == {d["uid"] for d in dashboards.values()}, str(sorted(cms)))


def secret_file(pod, ctr, path):
    """(Secret name, key) that the container sees at path, or None."""
    volumes = {v["name"]: v for v in pod.get("volumes", [])}
    for m in ctr.get("volumeMounts", []):
        prefix = m["mountPath"].rstrip("/") + "/"
        secret = volumes.get(m["name"], {}).get("secret")
        if secret is None or not path.startswith(prefix) or "subPath" in m:
            continue
        rel = path[len(prefix):]
        items = secret.get("items")
        if items is None:
            return secret["secretName"], rel
        return next(((secret["secretName"], i["key"]) for i in items if i["path"] == rel), None)
    return None


def strimzi_checks(c, overlay, by_kind, config, topics, users):
    """The Strimzi resources: v1 API, and a cluster that fits the services,
    the topics, the users and KEDA."""
    strimzi = [d for k in ("Kafka", "KafkaNodePool", "KafkaTopic", "KafkaUser") for d in by_kind.get(k, [])]
    old = sorted(f"{d['kind']}/{d['metadata']['name']}" for d in strimzi if d["apiVersion"] != "kafka.strimzi.io/v1")
    c.check(f"{overlay}: every Strimzi resource is on kafka.strimzi.io/v1 (Strimzi 1.x)", not old, str(old))
    clusters = by_kind.get("Kafka", [])
    c.check(f"{overlay}: one Kafka cluster named kafka", [k["metadata"]["name"] for k in clusters] == ["kafka"],
            str([k["metadata"]["name"] for k in clusters]))
    if not clusters:
        return
    kafka = clusters[0]["spec"]
    unlabelled = sorted(f"{d['kind']}/{d['metadata']['name']}" for d in strimzi if d["kind"] != "Kafka"
                        and d["metadata"].get("labels", {}).get("strimzi.io/cluster") != "kafka")
    c.check(f"{overlay}: node pools, topics and users belong to cluster kafka", not unlabelled, str(unlabelled))
    version = str(kafka["kafka"].get("version", ""))
    c.check(f"{overlay}: Kafka version is 4.x ({version})", version.startswith("4."))
    c.check(f"{overlay}: simple ACL authorization", kafka["kafka"].get("authorization", {}).get("type") == "simple")
    eo = kafka.get("entityOperator", {})
    c.check(f"{overlay}: Topic and User Operators enabled", "topicOperator" in eo and "userOperator" in eo)
    listeners = {int(l["port"]): l for l in kafka["kafka"].get("listeners", [])}
    mtls = lambda l: l.get("authentication", {}).get("type") == "tls" and l.get("tls") is True  # noqa: E731

    def listener_for(host_port, what):
        host, _, port = host_port.rpartition(":")
        l = listeners.get(int(port)) if port.isdigit() else None
        c.check(f"{overlay}: {what} {host_port} is a TLS listener with client-certificate authentication",
                host.split(".")[0] == "kafka-kafka-bootstrap" and l is not None and mtls(l), str(l))
        return host
    protocol = config["data"].get("NEWSWIRE_SECURITY_PROTOCOL")
    c.check(f"{overlay}: services speak TLS without SASL (security protocol ssl)", protocol == "ssl", str(protocol))
    brokers = config["data"].get("NEWSWIRE_BROKERS", "")
    listener_for(brokers, "NEWSWIRE_BROKERS")
    scram = sorted(l["name"] for l in listeners.values() if l.get("authentication", {}).get("type") != "tls")
    c.check(f"{overlay}: no listener without client-certificate authentication (nothing uses one)", not scram,
            str(scram))
    service_users = {f"newswire-{s}" for s in STAGES}
    keda_users, lag_queries = set(), set()
    for so in by_kind.get("ScaledObject", []):
        trig = so["spec"]["triggers"][0]["metadata"]
        host = listener_for(trig["bootstrapServers"], f"ScaledObject {so['metadata']['name']} bootstrapServers")
        ns = so["metadata"].get("namespace")
        c.check(f"{overlay}: KEDA reaches the bootstrap Service in namespace {ns} from its own namespace",
                ns and host == f"kafka-kafka-bootstrap.{ns}.svc", host)
        ta = next((t for t in by_kind.get("TriggerAuthentication", [])
                   if t["metadata"]["name"] == so["spec"]["triggers"][0].get("authenticationRef", {}).get("name")), None)
        ta_spec = (ta or {}).get("spec", {})
        refs = {r["parameter"]: (r["name"], r["key"]) for r in ta_spec.get("secretTargetRef", [])}
        keda_user = refs.get("cert", ("",))[0]
        c.check(f"{overlay}: KEDA authenticates with TLS, the certificate and key of its own KafkaUser "
                f"{keda_user} and the cluster CA, without SASL",
                trig.get("tls") == "enable" and "sasl" not in trig and keda_user in users
                and keda_user not in service_users and refs == {
                    "cert": (keda_user, "user.crt"), "key": (keda_user, "user.key"),
                    "ca": ("kafka-cluster-ca-cert", "ca.crt")} and not ta_spec.get("configMapTargetRef"),
                str(refs))
        keda_users.add(keda_user)
        lag_queries.update({("group", trig["consumerGroup"], "literal", ("Describe",)),
                            ("topic", trig["topic"], "literal", ("Describe",))})
    # KEDA's user may describe exactly the groups and topics whose lag the
    # ScaledObjects query, and do nothing else.
    for keda_user in sorted(keda_users):
        acls = users.get(keda_user, {}).get("spec", {}).get("authorization", {}).get("acls", [])
        granted = sorted((a["resource"]["type"], a["resource"].get("name"), a["resource"].get("patternType"),
                          tuple(sorted(a["operations"]))) for a in acls)
        c.check(f"{overlay}: KafkaUser {keda_user} may only Describe the topics and groups of the "
                "ScaledObjects' lag queries", granted == sorted(lag_queries),
                f"granted {granted}, queried {sorted(lag_queries)}")
    pools = by_kind.get("KafkaNodePool", [])
    count = lambda role: sum(p["spec"]["replicas"] for p in pools if role in p["spec"]["roles"])  # noqa: E731
    controllers, broker_count = count("controller"), count("broker")
    c.check(f"{overlay}: an odd number of KRaft controllers ({controllers})", controllers % 2 == 1)
    cfg = kafka["kafka"].get("config", {})
    need = max([t["spec"].get("replicas", 0) for t in topics.values()] +
               [cfg.get(k, 0) for k in ("default.replication.factor", "offsets.topic.replication.factor",
                                         "transaction.state.log.replication.factor")])
    c.check(f"{overlay}: {broker_count} brokers hold every replication factor (up to {need})",
            0 < need <= broker_count)
    bad = sorted(name for name, t in topics.items() if not (
        t["spec"]["config"].get("min.insync.replicas", 1) < t["spec"]["replicas"] or t["spec"]["replicas"] == 1))
    bad += [k for k, r in (("min.insync.replicas", "default.replication.factor"),
                           ("transaction.state.log.min.isr", "transaction.state.log.replication.factor"))
            if not (cfg.get(k, 1) < cfg.get(r, 1) or cfg.get(r, 1) == 1)]
    c.check(f"{overlay}: min.insync.replicas below the replication factor (one broker may fail)", not bad, str(bad))


def dashboard_checks(c):
    r = run([sys.executable, "deploy/grafana/build_dashboards.py", "--check"])
    c.check("dashboards are generated from deploy/grafana/build_dashboards.py", r.returncode == 0, r.stdout)
    dashboards = load_dashboards(ROOT)
    c.check("an overview and one dashboard per service", {d["uid"] for d in dashboards.values()} ==
            {"newswire-overview", "newswire-ingest", "newswire-dedup", "newswire-enrich", "newswire-route"})
    for name, d in dashboards.items():
        variables = d.get("templating", {}).get("list", [])
        var = [v for v in variables if v.get("type") == "datasource"]
        c.check(f"{name}: has a Prometheus datasource variable", len(var) == 1 and var[0]["query"] == "prometheus")
        names = {v.get("name"): v for v in variables}
        c.check(f"{name}: has namespace and pod variables from label_values",
                all(n in names and "label_values" in names[n].get("definition", "") for n in ("namespace", "pod")),
                str(sorted(names)))
        # Every series selector (a metric name followed by {...}, or bare)
        # is scoped to $namespace and $pod.
        unscoped = []
        for p in panels(d):
            for t in p["targets"]:
                for m in re.finditer(r"\b(newswire_[a-z_]+|up)\b(\{[^}]*\})?", t["expr"]):
                    if 'namespace=~"$namespace"' not in (m.group(2) or "") or \
                            'pod=~"$pod"' not in (m.group(2) or ""):
                        unscoped.append(f'{p.get("title")}: {m.group(0)}')
        c.check(f"{name}: every selector is scoped by namespace and pod", not unscoped, "; ".join(unscoped[:5]))
        bad = []
        for p in panels(d):
            ds = {p.get("datasource", {}).get("uid")} | {t.get("datasource", {}).get("uid") for t in p["targets"]}
            defaults = p.get("fieldConfig", {}).get("defaults", {})
            if ds != {"${datasource}"} or not defaults.get("unit") or not defaults.get("thresholds", {}).get("steps") \
                    or not p.get("description") or not p["targets"]:
                bad.append(p.get("title"))
        c.check(f"{name}: every panel uses $datasource and has a unit, thresholds and a description", not bad, str(bad))
        with open(os.path.join(ROOT, "docs", "OPERATIONS.md")) as f:
            ops = f.read()
        missing = [p["title"] for p in panels(d) if f"**{p['title']}**" not in ops]
        c.check(f"{name}: every panel is explained in docs/OPERATIONS.md", not missing, str(missing))


def compose_checks(c):
    with open(os.path.join(ROOT, "docker-compose.yml")) as f:
        compose = yaml.safe_load(f)
    services = compose.get("services", {})
    c.check("docker-compose.yml has kafka, the three services, prometheus and grafana",
            {"kafka", "newswire-ingest", "newswire-dedup", "newswire-enrich", "prometheus", "grafana"} <= set(services),
            str(sorted(services)))
    for name, svc in services.items():
        for vol in svc.get("volumes", []):
            src = vol.split(":")[0] if isinstance(vol, str) else vol.get("source", "")
            if src.startswith("./"):
                c.check(f"compose {name}: mounted {src} exists", os.path.exists(os.path.join(ROOT, src)))
    kafka_image = services.get("kafka", {}).get("image", "")
    # The same broker line as the tests (scripts/kafka.sh): 3.9.x or 4.x, but
    # not 4.0.0, against which librdkafka 2.0.2 turns feature flags off
    # (docs/KAFKA_VERSIONS.md).
    tag = kafka_image.split(":", 1)[1] if kafka_image.startswith("apache/kafka:") else ""
    c.check("compose runs Apache Kafka 3.9.x or 4.x other than 4.0.0",
            (tag.startswith("3.9.") or tag.startswith("4.")) and tag != "4.0.0", kafka_image)
    r = run(["promtool", "check", "config", "deploy/compose/prometheus.yml"])
    c.check("promtool check config deploy/compose/prometheus.yml", r.returncode == 0, r.stdout + r.stderr)
    with open(os.path.join(ROOT, "Dockerfile")) as f:
        dockerfile = f.read()
    froms = re.findall(r"^FROM\s+(\S+)", dockerfile, re.M)
    users = re.findall(r"^USER\s+(\S+)", dockerfile, re.M)
    c.check("Dockerfile: multi-stage on debian:12", len(froms) >= 2 and all(f.startswith("debian:12") for f in froms),
            str(froms))
    c.check("Dockerfile: runtime runs as a numeric non-root user", users and users[-1].split(":")[0].isdigit()
            and users[-1].split(":")[0] != "0", str(users))
    docker = shutil.which("docker")
    if docker and run([docker, "compose", "version"]).returncode == 0:
        r = run([docker, "compose", "-f", "docker-compose.yml", "config", "-q"])
        c.check("docker compose config", r.returncode == 0, r.stderr)


def main():
    c = Checks("deploy-static")
    for tool in ("promtool", os.path.join(TOOLS, "bin", "kustomize"), os.path.join(TOOLS, "bin", "manifest-check")):
        c.check(f"tool present: {tool}", shutil.which(tool) is not None,
                "run scripts/install-deploy-tools.sh and scripts/install-deps.sh")
    groups = rules_checks(c)
    negative_validation(c)
    flags = service_flags()
    c.check("service binaries list their flags (--helpfull)", all(len(f) > 10 for f in flags.values()),
            f"NEWSWIRE_BIN_DIR={BIN}")
    for overlay in OVERLAYS:
        text = render(c, overlay)
        if text:
            validate(c, overlay, text)
            invariants(c, overlay, [d for d in yaml.safe_load_all(text) if d], groups, flags)
    release_override(c)
    dashboard_checks(c)
    compose_checks(c)
    return c.finish()


if __name__ == "__main__":
    sys.exit(main())
