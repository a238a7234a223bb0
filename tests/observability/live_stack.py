"""Starts the four newswire services (route with deploy/subscriptions.example.yaml) and a real Prometheus on loopback.

Used by test_live_prometheus.py. Each service gets its own metrics port and
a unique topic prefix on the broker, Prometheus gets a temporary data dir and
a scrape config for the four jobs (job="newswire-<stage>", as the k8s
PodMonitor labels them) plus deploy/prometheus/rules/newswire.rules.yml, or
the rules file given (a test's copy with shorter `for` durations).

    with LiveStack(brokers, bin_dir, root) as stack:
        stack.publish(files)
        stack.query('up')

Everything started is stopped on exit (SIGTERM, then SIGKILL after 15 s);
logs stay in the temp dir and are printed when a process dies early.
"""
import json
import os
import shutil
import signal
import socket
import subprocess
import tempfile
import time
import urllib.error
import urllib.parse
import urllib.request

STAGES = ("ingest", "dedup", "enrich", "route")


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def http_get(url, timeout=5):
    with urllib.request.urlopen(url, timeout=timeout) as r:
        return r.status, r.read().decode()


class LiveStack:
    def __init__(self, brokers, bin_dir, root, rules=None):
        self.brokers = brokers
        self.rules = rules or os.path.join(root, "deploy", "prometheus", "rules", "newswire.rules.yml")
        self.bin_dir = bin_dir
        self.root = root
        self.tmp = tempfile.mkdtemp(prefix="newswire-obs-")
        self.prefix = f"obs{os.getpid()}x{int(time.time())}."
        self.ports = {s: free_port() for s in STAGES}
        self.prom_port = free_port()
        self.procs = {}

    # -- lifecycle ----------------------------------------------------------
    def __enter__(self):
        try:
            for stage in STAGES:
                self._start_service(stage)
            self._start_prometheus()
            self.wait_ready()
        except BaseException:
            self.stop()
            raise
        return self

    def __exit__(self, *exc):
        self.stop()
        return False

    def _spawn(self, name, argv):
        log = open(os.path.join(self.tmp, f"{name}.log"), "w")
        # From the repository root: services find models/ relative to it.
        self.procs[name] = (subprocess.Popen(argv, stdout=log, stderr=subprocess.STDOUT, cwd=self.root,
                                             stdin=subprocess.DEVNULL, start_new_session=True), log)

    def _start_service(self, stage):
        binary = os.path.join(self.bin_dir, f"newswire-{stage}")
        if not os.access(binary, os.X_OK):
            raise RuntimeError(f"{binary} is missing: build the services first")
        self._spawn(stage, [
            binary,
            f"--brokers={self.brokers}",
            f"--topic_prefix={self.prefix}",
            f"--metrics_address=127.0.0.1:{self.ports[stage]}",
            f"--transactional_id={self.prefix}{stage}-0",
            "--create_topics=true",
            "--commit_interval=200ms",
        ] + ([f"--subscriptions={os.path.join(self.root, 'deploy', 'subscriptions.example.yaml')}"]
             if stage == "route" else []))

    def _start_prometheus(self):
        prom = shutil.which("prometheus")
        if prom is None:
            raise RuntimeError("prometheus is not installed (apt-get install prometheus)")
        rules = self.rules
        jobs = "".join(f"""
  - job_name: newswire-{s}
    static_configs:
      - targets: ["127.0.0.1:{self.ports[s]}"]
""" for s in STAGES)
        config = os.path.join(self.tmp, "prometheus.yml")
        with open(config, "w") as f:
            f.write(f"""global:
  scrape_interval: 1s
  evaluation_interval: 1s
rule_files:
  - {rules}
scrape_configs:{jobs}""")
        self._spawn("prometheus", [
            prom, f"--config.file={config}",
            f"--storage.tsdb.path={os.path.join(self.tmp, 'tsdb')}",
            f"--web.listen-address=127.0.0.1:{self.prom_port}",
        ])

    def stop(self):
        for name, (p, _) in self.procs.items():
            if p.poll() is None:
                os.killpg(p.pid, signal.SIGTERM)
        deadline = time.time() + 15
        for name, (p, log) in self.procs.items():
            try:
                p.wait(timeout=max(0.1, deadline - time.time()))
            except subprocess.TimeoutExpired:
                os.killpg(p.pid, signal.SIGKILL)
                p.wait()
            log.close()
        self.procs = {}

    def check_alive(self):
        for name, (p, _) in self.procs.items():
            if p.poll() is not None:
                raise RuntimeError(f"{name} exited with {p.returncode}:\n{self.log_tail(name)}")

    def log_tail(self, name, lines=30):
        try:
            with open(os.path.join(self.tmp, f"{name}.log"), errors="replace") as f:
                return "".join(f.readlines()[-lines:])
        except OSError:
            return ""

    def wait_ready(self, timeout=90):
        urls = [f"http://127.0.0.1:{self.ports[s]}/readyz" for s in STAGES]
        urls.append(f"http://127.0.0.1:{self.prom_port}/-/ready")
        deadline = time.time() + timeout
        pending = list(urls)
        while pending and time.time() < deadline:
            self.check_alive()
            for u in list(pending):
                try:
                    if http_get(u, timeout=2)[0] == 200:
                        pending.remove(u)
                except (urllib.error.URLError, OSError):
                    pass
            time.sleep(0.3)
        if pending:
            raise RuntimeError(f"not ready after {timeout}s: {pending}")

    # -- traffic and queries ------------------------------------------------
    def publish(self, files, format_hint=""):
        argv = [os.path.join(self.bin_dir, "newswire"), "publish",
                f"--brokers={self.brokers}", f"--topic_prefix={self.prefix}"]
        if format_hint:
            argv.append(f"--format={format_hint}")
        subprocess.run(argv + list(files), check=True, timeout=60,
                       stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)

    def api(self, path, **params):
        url = f"http://127.0.0.1:{self.prom_port}/api/v1/{path}"
        if params:
            url += "?" + urllib.parse.urlencode(params)
        try:
            _, body = http_get(url, timeout=10)
        except urllib.error.HTTPError as e:
            body = e.read().decode()
        return json.loads(body)

    def query(self, expr):
        """Instant query; returns (ok, result list or error text)."""
        r = self.api("query", query=expr)
        if r.get("status") != "success":
            return False, r.get("error", "unknown error")
        return True, r["data"]["result"]

    def scalar(self, expr):
        """Sum of an instant vector (0.0 when empty)."""
        ok, res = self.query(expr)
        if not ok:
            raise RuntimeError(f"query {expr!r} failed: {res}")
        return sum(float(x["value"][1]) for x in res)

    def wait_for(self, expr, predicate, timeout=90):
        deadline = time.time() + timeout
        value = None
        while time.time() < deadline:
            self.check_alive()
            value = self.scalar(expr)
            if predicate(value):
                return value
            time.sleep(1)
        return value
