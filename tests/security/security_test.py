#!/usr/bin/env python3
"""The services on a secured Kafka broker: TLS, SCRAM-SHA-512, mTLS and ACLs.

Starts its own single-node KRaft broker (the jars scripts/kafka.sh installs)
with
  - a SASL_SSL listener (SCRAM-SHA-512) and an mTLS listener (client
    certificates required, principal = the certificate's CN);
  - KRaft's StandardAuthorizer, allow.everyone.if.no.acl.found=false, and
    two super users: `admin` (used only by this test's administration) and
    the broker's own certificate (inter-broker and controller traffic);
  - a CA, broker and client certificates made here with openssl, plus a
    second CA that the broker does not trust.
Topics come from deploy/k8s/base/kafka-topics.yaml and principals and ACLs
from deploy/k8s/base/kafka-users.yaml, so the test proves that exactly the
ACLs we deploy suffice: ingest and dedup log in with SCRAM, enrich with its
client certificate, and the three carry the sample feed end to end, then
dedup restarts and restores its state.

Then it asserts that each misconfiguration is refused with a clear one-line
error and a non-zero exit within 30 s, that no password appears in logs,
/metrics, /readyz or --helpfull, and prints a summary line
"security: N passed, N failed".

Usage: tests/security/security_test.py  (NEWSWIRE_BIN_DIR: the binaries,
default build/bin; NEWSWIRE_KAFKA_CLASSPATH: the broker's jars, default from
scripts/kafka.sh classpath).
"""

import json
import os
import re
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request

import yaml

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
BIN = os.environ.get("NEWSWIRE_BIN_DIR", os.path.join(ROOT, "build", "bin"))
WORK = os.path.join(ROOT, "build", "security")
USERS_YAML = os.path.join(ROOT, "deploy", "k8s", "base", "kafka-users.yaml")
TOPICS_YAML = os.path.join(ROOT, "deploy", "k8s", "base", "kafka-topics.yaml")
FEED = os.path.join(ROOT, "testdata", "sample_feed")
REFUSAL_DEADLINE = 30.0

results = []  # (name, ok, detail)


def check(name, ok, detail=""):
    results.append((name, bool(ok), detail))
    print(f"security: {'PASS' if ok else 'FAIL'} {name}{': ' + detail if detail else ''}",
          flush=True)
    return ok


def log(msg):
    print(f"security: {msg}", flush=True)


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def run(cmd, **kw):
    return subprocess.run(cmd, check=True, capture_output=True, text=True, **kw)


# --- PKI ---------------------------------------------------------------------

def make_ca(name):
    key, pem = f"{WORK}/{name}.key", f"{WORK}/{name}.pem"
    run(["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", key,
         "-out", pem, "-days", "2", "-subj", f"/CN={name}"])
    return key, pem


def make_leaf(name, cn, ca):
    """A certificate for `cn` signed by `ca`, valid for 127.0.0.1/localhost."""
    key, csr, pem = (f"{WORK}/{name}.key", f"{WORK}/{name}.csr", f"{WORK}/{name}.pem")
    ext = f"{WORK}/{name}.ext"
    with open(ext, "w") as f:
        f.write("subjectAltName=IP:127.0.0.1,DNS:localhost\n"
                "extendedKeyUsage=serverAuth,clientAuth\n")
    run(["openssl", "req", "-newkey", "rsa:2048", "-nodes", "-keyout", key, "-out", csr,
         "-subj", f"/CN={cn}"])
    run(["openssl", "x509", "-req", "-in", csr, "-CA", ca[1], "-CAkey", ca[0],
         "-CAcreateserial", "-out", pem, "-days", "2", "-extfile", ext])
    return key, pem


# --- manifests -----------------------------------------------------------------

def load_users():
    """{user name: [(type, name, pattern, [operations])]} from the KafkaUsers."""
    users = {}
    with open(USERS_YAML) as f:
        for doc in yaml.safe_load_all(f):
            if not doc or doc.get("kind") != "KafkaUser":
                continue
            acls = []
            for acl in doc["spec"]["authorization"]["acls"]:
                r = acl["resource"]
                ops = acl.get("operations") or [acl["operation"]]
                acls.append((r["type"], r.get("name", "kafka-cluster"),
                             r.get("patternType", "literal"), list(ops)))
            users[doc["metadata"]["name"]] = acls
    return users


def load_topics():
    """[(topic name, {config})] from the KafkaTopics, sized for one broker."""
    topics = []
    with open(TOPICS_YAML) as f:
        for doc in yaml.safe_load_all(f):
            if not doc or doc.get("kind") != "KafkaTopic":
                continue
            spec = doc["spec"]
            config = {k: str(v) for k, v in (spec.get("config") or {}).items()}
            config["min.insync.replicas"] = "1"  # one broker here
            topics.append((spec.get("topicName", doc["metadata"]["name"]), config))
    return topics


def readme_acls():
    """{user: {(type, name, pattern, operation)}} from README.md's ACL table.

    A row is `| \`user\` | topics | group | transactional ids |`, each cell a
    list of "\`name\` (Op, Op)"; a name ending in * is a prefix."""
    kinds = ("topic", "group", "transactionalId")
    table = {}
    with open(os.path.join(ROOT, "README.md")) as f:
        for line in f:
            cells = [c.strip() for c in line.strip().strip("|").split("|")]
            if len(cells) != 4 or not re.fullmatch(r"`newswire-[a-z]+`", cells[0]):
                continue
            acls = set()
            for kind, cell in zip(kinds, cells[1:]):
                for name, ops in re.findall(r"`([^`]+)` \(([^)]+)\)", cell):
                    pattern = "prefix" if name.endswith("*") else "literal"
                    for op in ops.split(","):
                        acls.add((kind, name.rstrip("*"), pattern, op.strip()))
            table[cells[0].strip("`")] = acls
    return table


def manifest_acls(acls):
    """The same shape from a KafkaUser's ACLs, less the cluster-wide ones."""
    return {(t, n, p, op) for t, n, p, ops in acls if t != "cluster" for op in ops}


def acl_lines(principal, acls):
    return [f"acl\t{principal}\t{t}\t{n}\t{p}\t{op}"
            for t, n, p, ops in acls for op in ops]


# --- broker --------------------------------------------------------------------

class Broker:
    def __init__(self, classpath, users):
        self.classpath = classpath
        self.users = users  # name -> password
        self.ports = {k: free_port() for k in ("sasl", "mtls", "broker", "controller")}
        self.proc = None

    @property
    def sasl(self):
        return f"127.0.0.1:{self.ports['sasl']}"

    @property
    def mtls(self):
        return f"127.0.0.1:{self.ports['mtls']}"

    def start(self):
        p = self.ports
        data = f"{WORK}/data"
        props = f"""process.roles=broker,controller
node.id=1
controller.quorum.voters=1@127.0.0.1:{p['controller']}
listeners=SASL_SSL://127.0.0.1:{p['sasl']},SSL://127.0.0.1:{p['mtls']},BROKER://127.0.0.1:{p['broker']},CONTROLLER://127.0.0.1:{p['controller']}
advertised.listeners=SASL_SSL://127.0.0.1:{p['sasl']},SSL://127.0.0.1:{p['mtls']},BROKER://127.0.0.1:{p['broker']}
listener.security.protocol.map=SASL_SSL:SASL_SSL,SSL:SSL,BROKER:SSL,CONTROLLER:SSL
inter.broker.listener.name=BROKER
controller.listener.names=CONTROLLER
sasl.enabled.mechanisms=SCRAM-SHA-512
listener.name.sasl_ssl.scram-sha-512.sasl.jaas.config=org.apache.kafka.common.security.scram.ScramLoginModule required;
ssl.keystore.type=PEM
ssl.keystore.location={WORK}/broker.keystore.pem
ssl.truststore.type=PEM
ssl.truststore.location={WORK}/ca.pem
ssl.client.auth=required
listener.name.sasl_ssl.ssl.client.auth=none
ssl.principal.mapping.rules=RULE:^CN=([^,]+).*$/$1/,DEFAULT
authorizer.class.name=org.apache.kafka.metadata.authorizer.StandardAuthorizer
super.users=User:admin;User:newswire-test-broker
allow.everyone.if.no.acl.found=false
log.dirs={data}
num.partitions=1
default.replication.factor=1
offsets.topic.replication.factor=1
offsets.topic.num.partitions=3
transaction.state.log.replication.factor=1
transaction.state.log.min.isr=1
transaction.state.log.num.partitions=3
group.initial.rebalance.delay.ms=0
auto.create.topics.enable=false
"""
        with open(f"{WORK}/server.properties", "w") as f:
            f.write(props)
        # The broker logs to WORK/logs/broker.log with the configuration
        # scripts/kafka.sh uses (reload4j for 3.x, log4j2 for 4.x; each line
        # ignores the other's property).
        cp = ["java", "-Xms256m", "-Xmx768m",
              f"-Dlog4j.configuration=file:{ROOT}/scripts/kafka/log4j.properties",
              f"-Dlog4j2.configurationFile={ROOT}/scripts/kafka/log4j2.properties",
              f"-Dkafka.logs.dir={WORK}/logs", "-cp", self.classpath]
        uuid = run(cp + ["kafka.tools.StorageTool", "random-uuid"]).stdout.strip().splitlines()[-1]
        fmt = cp + ["kafka.tools.StorageTool", "format", "-t", uuid, "-c",
                    f"{WORK}/server.properties"]
        for name, password in self.users.items():
            fmt += ["--add-scram", f"SCRAM-SHA-512=[name={name},password={password}]"]
        out = subprocess.run(fmt, capture_output=True, text=True)
        if out.returncode != 0:
            raise RuntimeError(f"formatting the broker failed: {out.stdout}{out.stderr}")
        self.log = open(f"{WORK}/broker.log", "w")
        self.proc = subprocess.Popen(cp + ["kafka.Kafka", f"{WORK}/server.properties"],
                                     stdout=self.log, stderr=subprocess.STDOUT)

    def stop(self):
        if self.proc and self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(30)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()


# --- clients -------------------------------------------------------------------

class Identity:
    """Connection flags for one principal."""

    def __init__(self, name, flags):
        self.name, self.flags = name, flags


def scram(broker, user, password_file):
    return Identity(user, [f"--brokers={broker.sasl}", "--security_protocol=sasl_ssl",
                           "--sasl_mechanism=SCRAM-SHA-512", f"--sasl_username={user}",
                           f"--sasl_password_file={password_file}",
                           f"--ssl_ca_location={WORK}/ca.pem"])


def mtls(broker, name, cert):
    return Identity(name, [f"--brokers={broker.mtls}", "--security_protocol=ssl",
                           f"--ssl_ca_location={WORK}/ca.pem",
                           f"--ssl_certificate_location={cert[1]}",
                           f"--ssl_key_location={cert[0]}"])


def count_topic(admin, topic):
    out = subprocess.run([f"{BIN}/newswire", "tail", topic, "--from_beginning", "--to_end",
                          "--idle_timeout=5s"] + admin.flags,
                         capture_output=True, text=True, errors="replace", timeout=60)
    if out.returncode != 0:
        raise RuntimeError(f"tail {topic}: {out.stderr.strip()}")
    return [line for line in out.stdout.splitlines() if line.strip()]


def wait_counts(admin, want, timeout):
    deadline = time.time() + timeout
    got = {}
    while time.time() < deadline:
        got = {t: len(count_topic(admin, t)) for t in want}
        if all(got[t] >= n for t, n in want.items()):
            break
        time.sleep(2)
    return got


def http(port, path):
    try:
        with urllib.request.urlopen(f"http://127.0.0.1:{port}{path}", timeout=5) as r:
            return r.status, r.read().decode("utf-8", "replace")
    except urllib.error.HTTPError as e:
        return e.code, e.read().decode("utf-8", "replace")
    except OSError as e:
        return 0, str(e)


class Service:
    def __init__(self, stage, identity, extra=(), tag=""):
        self.stage = stage
        self.port = free_port()
        self.logpath = f"{WORK}/{stage}{tag}.log"
        self.log = open(self.logpath, "w")
        self.proc = subprocess.Popen(
            [f"{BIN}/newswire-{stage}", "--create_topics=false",
             f"--metrics_address=127.0.0.1:{self.port}", "--commit_interval=200ms",
             *identity.flags, *extra],
            stdout=self.log, stderr=subprocess.STDOUT, env=clean_env())

    def wait_ready(self, timeout=60):
        deadline = time.time() + timeout
        while time.time() < deadline:
            if self.proc.poll() is not None:
                return False
            if http(self.port, "/readyz")[0] == 200:
                return True
            time.sleep(0.5)
        return False

    def stop(self):
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
            try:
                return self.proc.wait(60)
            except subprocess.TimeoutExpired:
                self.proc.kill()
        return self.proc.wait()

    def output(self):
        with open(self.logpath, errors="replace") as f:
            return f.read()


def clean_env():
    env = {k: v for k, v in os.environ.items() if not k.startswith("NEWSWIRE_")}
    env["NEWSWIRE_LOG_LEVEL"] = "info"
    return env


def last_error_line(text):
    lines = [l for l in text.splitlines() if " ERROR " in l or l.startswith("newswire")]
    return lines[-1] if lines else (text.strip().splitlines() or ["<no output>"])[-1]


def refused(name, argv, expect, refusals):
    """Runs argv; it must exit non-zero within the deadline printing `expect`."""
    start = time.time()
    try:
        out = subprocess.run(argv, capture_output=True, text=True, env=clean_env(),
                             timeout=REFUSAL_DEADLINE + 30)
        rc, text = out.returncode, out.stdout + out.stderr
    except subprocess.TimeoutExpired as e:
        rc, text = None, (e.stdout or b"").decode() + (e.stderr or b"").decode()
    took = time.time() - start
    line = last_error_line(text)
    refusals.append((name, rc, took, line))
    with open(f"{WORK}/refused-{re.sub(r'[^a-z0-9]+', '-', name.lower())}.log", "w") as f:
        f.write(text)
    ok = rc not in (None, 0) and took < REFUSAL_DEADLINE and re.search(expect, text, re.I)
    return check(f"refused: {name}", ok,
                 f"exit {rc} after {took:.1f} s: {line}")


def main():
    shutil.rmtree(WORK, ignore_errors=True)
    os.makedirs(WORK)
    classpath = os.environ.get("NEWSWIRE_KAFKA_CLASSPATH") or run(
        [os.path.join(ROOT, "scripts", "kafka.sh"), "classpath"]).stdout.strip()

    version = os.environ.get("NEWSWIRE_KAFKA_VERSION") or run(
        [os.path.join(ROOT, "scripts", "kafka.sh"), "version"]).stdout.strip()
    # librdkafka before 2.6.1 (Debian 12 ships 2.0.2) repeats the client
    # nonce in SCRAM's client-final-message; Kafka 4.x checks it strictly
    # and refuses the login. On 4.x every service logs in with its client
    # certificate, and the test asserts that SCRAM is refused clearly.
    scram_works = version.startswith("3.")
    log(f"broker: Apache Kafka {version} "
        f"({'SCRAM and mTLS' if scram_works else 'mTLS; SCRAM refused by librdkafka 2.0.2'})")

    users_acls = load_users()
    stages = {"ingest": "newswire-ingest", "dedup": "newswire-dedup",
              "enrich": "newswire-enrich", "route": "newswire-route"}
    for user in stages.values():
        if user not in users_acls:
            check(f"manifest has KafkaUser {user}", False)
            return
    documented = readme_acls()
    check("README's ACL table matches deploy/k8s/base/kafka-users.yaml",
          documented == {u: manifest_acls(a) for u, a in users_acls.items()},
          f"README lists {sorted(documented)}, manifests {sorted(users_acls)}")
    # Users that lack exactly one of ingest's ACLs (client certificates).
    ingest_acls = users_acls["newswire-ingest"]
    variants = {
        "ingest-no-output": [a for a in ingest_acls if not (a[0] == "topic" and a[1] == "wire.articles")],
        "ingest-no-group": [a for a in ingest_acls if a[0] != "group"],
        "ingest-no-txn": [a for a in ingest_acls if a[0] != "transactionalId"],
    }
    for v, acls in variants.items():
        assert len(acls) == len(ingest_acls) - 1, f"{v}: manifest ACLs changed shape"

    passwords = {name: secrets.token_urlsafe(18)
                 for name in ["admin", "newswire-ingest", "newswire-dedup"]}
    for name, pw in passwords.items():
        with open(f"{WORK}/{name}.password", "w") as f:
            f.write(pw + "\n")

    ca = make_ca("ca")
    rogue_ca = make_ca("rogue-ca")
    broker_cert = make_leaf("broker", "newswire-test-broker", ca)
    with open(f"{WORK}/broker.keystore.pem", "w") as out:
        for part in (broker_cert[0], broker_cert[1]):
            out.write(open(part).read())
    certs = {name: make_leaf(name, name, ca)
             for name in ["admin", *stages.values(), *variants]}
    rogue_cert = make_leaf("rogue", "newswire-enrich", rogue_ca)

    broker = Broker(classpath, passwords)
    broker.start()
    services = []
    try:
        # The super user: its certificate for our binaries (librdkafka), its
        # SCRAM password for Kafka's Java admin client below.
        admin = mtls(broker, "admin", certs["admin"])
        # Wait for the broker: the admin's metadata request answers once it serves.
        deadline = time.time() + 90
        while True:
            probe = subprocess.run([f"{BIN}/newswire", "tail", "wire.none", "--to_end",
                                    "--connect_timeout=3s"] + admin.flags,
                                   capture_output=True, text=True, env=clean_env())
            if "not found" in probe.stderr or "nknown topic" in probe.stderr:
                break
            if broker.proc.poll() is not None or time.time() > deadline:
                log("broker did not start; its log:")
                print(open(f"{WORK}/broker.log").read()[-2000:])
                if os.path.exists(f"{WORK}/logs/broker.log"):
                    print(open(f"{WORK}/logs/broker.log").read()[-6000:])
                check("broker starts with TLS, SCRAM and ACLs", False, probe.stderr.strip())
                return
            time.sleep(1)
        check("broker starts with TLS, SCRAM and ACLs", True, f"SASL_SSL {broker.sasl}, mTLS {broker.mtls}")

        spec = [f"topic\t{name}\t1\t{';'.join(f'{k}={v}' for k, v in cfg.items())}"
                for name, cfg in load_topics()]
        for user in stages.values():
            spec += acl_lines(f"User:{user}", users_acls[user])
        for v, acls in variants.items():
            spec += acl_lines(f"User:{v}", acls)
        with open(f"{WORK}/admin.spec", "w") as f:
            f.write("\n".join(spec) + "\n")
        with open(f"{WORK}/admin.properties", "w") as f:
            f.write(f"bootstrap.servers={broker.sasl}\nsecurity.protocol=SASL_SSL\n"
                    "sasl.mechanism=SCRAM-SHA-512\n"
                    "sasl.jaas.config=org.apache.kafka.common.security.scram.ScramLoginModule "
                    f"required username=\"admin\" password=\"{passwords['admin']}\";\n"
                    f"ssl.truststore.type=PEM\nssl.truststore.location={WORK}/ca.pem\n")
        out = subprocess.run(["java", "-cp", classpath,
                              os.path.join(ROOT, "tests", "security", "KafkaAdmin.java"),
                              f"{WORK}/admin.properties", f"{WORK}/admin.spec"],
                             capture_output=True, text=True)
        if not check("topics and ACLs from deploy/k8s applied", out.returncode == 0,
                     (out.stderr.strip().splitlines() or [""])[-1]):
            return

        feed = sorted(os.path.join(FEED, f) for f in os.listdir(FEED)
                      if not f.startswith(".") and not f.startswith("README"))
        pub = subprocess.run([f"{BIN}/newswire", "publish", *admin.flags, *feed],
                             capture_output=True, text=True, env=clean_env())
        check("admin publishes the sample feed", pub.returncode == 0, pub.stderr.strip())

        # --- refusals, before the real services run ---------------------------
        refusals = []
        ingest_bin = f"{BIN}/newswire-ingest"
        neg = ["--create_topics=false", "--metrics_address=127.0.0.1:0",
               "--static_membership=false"]
        refused("no credentials", [ingest_bin, *neg, f"--brokers={broker.sasl}",
                                   "--security_protocol=sasl_ssl", "--sasl_mechanism=SCRAM-SHA-512",
                                   f"--ssl_ca_location={WORK}/ca.pem"],
                r"no SASL credentials", refusals)
        refused("no client certificate on the mTLS listener",
                [ingest_bin, *neg, f"--brokers={broker.mtls}", "--security_protocol=ssl",
                 f"--ssl_ca_location={WORK}/ca.pem"],
                r"ssl|handshake|certificate|no answer", refusals)
        bad_pw = f"{WORK}/wrong.password"
        with open(bad_pw, "w") as f:
            f.write("not-the-password\n")
        refused("wrong password", [ingest_bin, *neg, *scram(broker, "newswire-ingest", bad_pw).flags],
                r"authentication", refusals)
        if not scram_works:
            refused(f"SCRAM with the right password on Kafka {version} (librdkafka 2.0.2)",
                    [ingest_bin, *neg, *scram(broker, "newswire-ingest",
                                              f"{WORK}/newswire-ingest.password").flags],
                    r"authentication", refusals)
        refused("client certificate from another CA",
                [ingest_bin, *neg, *mtls(broker, "rogue", rogue_cert).flags],
                r"ssl|handshake|certificate|alert", refusals)
        refused("server certificate not matching the CA (client side)",
                [ingest_bin, *neg, f"--brokers={broker.sasl}", "--security_protocol=sasl_ssl",
                 "--sasl_mechanism=SCRAM-SHA-512", "--sasl_username=newswire-ingest",
                 f"--sasl_password_file={WORK}/newswire-ingest.password",
                 f"--ssl_ca_location={WORK}/rogue-ca.pem"],
                r"certificate verify failed|ssl", refusals)
        for variant, what, expect in [
                ("ingest-no-output", "ACL for its output topic", r"authoriz"),
                ("ingest-no-group", "ACL for its consumer group", r"group authoriz"),
                ("ingest-no-txn", "ACL for its transactional id", r"transactional.id authoriz|transactional id authoriz")]:
            refused(f"a user lacking the {what}",
                    [ingest_bin, *neg, f"--transactional_id=newswire-ingest-{variant}",
                     *mtls(broker, variant, certs[variant]).flags],
                    expect, refusals)

        # --- the pipeline under exactly the deployed ACLs ----------------------
        ids = {stage: mtls(broker, user, certs[user]) for stage, user in stages.items()}
        if scram_works:
            for stage in ("ingest", "dedup"):
                ids[stage] = scram(broker, stages[stage], f"{WORK}/{stages[stage]}.password")
        log("identities: " + ", ".join(
            f"{stage} {'SCRAM' if '--security_protocol=sasl_ssl' in i.flags else 'mTLS'}"
            for stage, i in ids.items()))
        subscriptions = os.path.join(ROOT, "deploy", "subscriptions.example.yaml")
        # The sample feed's dated stories are from November 2026: a window of
        # ten years keeps them all in the index whatever day the test runs.
        extra = {"dedup": ["--window_hours=87600"],
                 "route": [f"--subscriptions={subscriptions}"]}
        svc = {stage: Service(stage, ids[stage], extra.get(stage, ()))
               for stage in stages}
        services.extend(svc.values())
        for stage, s in svc.items():
            check(f"{stage} ready under its ACLs", s.wait_ready(),
                  last_error_line(s.output()) if s.proc.poll() is not None else "")
        got = wait_counts(admin, {"wire.enriched": 8, "wire.duplicates": 2, "wire.dlq": 1}, 120)
        check("sample feed end to end: 8 enriched, 2 duplicates, 1 dead-lettered",
              got == {"wire.enriched": 8, "wire.duplicates": 2, "wire.dlq": 1}, str(got))
        # route under its ACLs: what each subscription received equals what
        # the same code decides offline.
        offline = subprocess.run([f"{BIN}/newswire", "process", "--allow_rejected",
                                  "--window_hours=87600", f"--subscriptions={subscriptions}", *feed],
                                 capture_output=True, text=True, env=clean_env())
        want = {}
        for line in offline.stdout.splitlines():
            for name in json.loads(line).get("matchedSubscriptions", []):
                want[name] = want.get(name, 0) + 1
        routed = wait_counts(admin, {f"wire.sub.{n}": c for n, c in want.items()}, 60)
        check(f"route delivers under its ACLs what newswire process decides ({sum(want.values())} copies)",
              want and routed == {f"wire.sub.{n}": c for n, c in want.items()},
              f"routed {routed}, offline {want}")

        # --- secrets never shown ------------------------------------------------
        exposed = []
        texts = {}
        for stage, s in svc.items():
            for path in ("/metrics", "/readyz", "/healthz"):
                texts[f"{stage}{path}"] = http(s.port, path)[1]
        for stage in stages:
            env = clean_env()
            env["NEWSWIRE_SASL_PASSWORD"] = passwords["newswire-ingest"]
            env["NEWSWIRE_SSL_KEY_PASSWORD"] = passwords["admin"]
            h = subprocess.run([f"{BIN}/newswire-{stage}", "--helpfull"],
                               capture_output=True, text=True, env=env)
            texts[f"{stage} --helpfull"] = h.stdout + h.stderr

        # --- dedup restarts and restores its state under its ACLs --------------
        state_records = len(count_topic(admin, "wire.dedup-state"))
        log(f"wire.dedup-state holds {state_records} records before the restart")
        rc = svc["dedup"].stop()
        check("dedup stops cleanly on SIGTERM", rc == 0, f"exit {rc}")
        dedup2 = Service("dedup", ids["dedup"], extra["dedup"], tag="-restart")
        services.append(dedup2)
        ready = dedup2.wait_ready()
        restored = re.search(r"restored (\d+) state records", dedup2.output())
        check("dedup restarts and restores its whole state",
              ready and restored and int(restored.group(1)) == state_records > 0,
              (restored.group(0) if restored else last_error_line(dedup2.output()))
              + f" of {state_records}")
        pub = subprocess.run([f"{BIN}/newswire", "publish", *admin.flags, *feed],
                             capture_output=True, text=True, env=clean_env())
        got = wait_counts(admin, {"wire.duplicates": 12, "wire.dlq": 2}, 120)
        got["wire.enriched"] = len(count_topic(admin, "wire.enriched"))
        check("after the restart every re-sent story is a duplicate",
              got == {"wire.enriched": 8, "wire.duplicates": 12, "wire.dlq": 2}, str(got))

        for s in services:
            s.stop()
        for s in services:
            texts[os.path.basename(s.logpath)] = s.output()
        for name in os.listdir(WORK):
            if name.startswith("refused-"):
                texts[name] = open(os.path.join(WORK, name)).read()
        for where, text in texts.items():
            for user, pw in passwords.items():
                if pw in text:
                    exposed.append(f"{user}'s password in {where}")
        check(f"no password in logs, /metrics, /readyz, /healthz or --helpfull ({len(texts)} texts)",
              not exposed, "; ".join(exposed))

        print("\nsecurity: refused cases (exit code, time, error line):")
        for name, rc, took, line in refusals:
            print(f"  {name}: exit {rc} in {took:.1f} s\n      {line}")
    finally:
        for s in services:
            if s.proc.poll() is None:
                s.proc.kill()
        broker.stop()


if __name__ == "__main__":
    try:
        main()
    except Exception as e:  # a crash of the test itself is a failure, not a pass
        check("security test ran to completion", False, repr(e))
    passed = sum(1 for _, ok, _ in results if ok)
    failed = len(results) - passed
    print(f"security: {passed} passed, {failed} failed")
    sys.exit(1 if failed or not results else 0)
