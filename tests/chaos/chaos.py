#!/usr/bin/env python3
"""Chaos test: nothing lost, nothing doubled, same grouping, under faults.

Starts its own single-node broker (scripts/kafka.sh with NEWSWIRE_KAFKA_DIR
set to a directory of its own), runs newswire-ingest, -dedup and -enrich as
processes, publishes a mixed feed with newswire-chaos-feed (which also writes
the undisturbed reference grouping), and meanwhile injects faults:

  * SIGKILLs a random service instance every --kill_every seconds and
    restarts it with the same --transactional_id (as a StatefulSet would);
  * SIGKILLs the broker --bounces times and resumes it on the same data;
  * scales enrich 1 -> --scale_to -> 1 (instances enrich-0.., each with its
    own stable transactional id; scale-in by SIGTERM, as KEDA does).

Any instance that exits on its own (a fatal error such as being fenced) is
restarted too, as a supervisor would. Then every service is stopped with
SIGTERM and the three outputs are read read_committed from the beginning
(`newswire tail TOPIC --from_beginning --to_end`) and checked:

  * every input exactly once across wire.enriched, wire.duplicates, wire.dlq
    (matched by RawWire.source, which ingest carries into Article.source; a
    dead letter by the SHA-256 of its original bytes);
  * the dead-lettered inputs are the reference's;
  * dedup's grouping equals the reference's: the same stories (as sets of
    inputs), each with exactly one UNIQUE whose article id is the story id.

Delivery latency is the time from publishing a record to its arrival at a
live read_committed reader of wire.enriched.

Scenarios: `chaos` (the above), `scale` (no kills: enrich 1 -> 3 -> 1 at a
steady rate; fails if p99 latency exceeds --max_p99), `crash` (two enrich
instances, one SIGKILLed and never restarted; reports how long delivery
stalled; fails above --max_stall).

Prints the figures and a closing line `chaos: N passed, M failed`; exits
non-zero on any failure. Python 3 standard library only.
"""

import argparse
import base64
import hashlib
import json
import os
import random
import shutil
import signal
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


def log(msg):
    print(f"chaos: [{time.strftime('%H:%M:%S')}] {msg}", flush=True)


class Broker:
    def __init__(self, kafka_dir, abort_check_ms):
        self.env = dict(os.environ, NEWSWIRE_KAFKA_DIR=kafka_dir,
                        NEWSWIRE_KAFKA_ABORT_CHECK_MS=str(abort_check_ms))

    def run(self, cmd):
        out = subprocess.run([os.path.join(ROOT, "scripts/kafka.sh"), cmd], env=self.env,
                             capture_output=True, text=True)
        if out.returncode != 0:
            raise RuntimeError(f"kafka.sh {cmd} failed: {out.stderr.strip()[-2000:]}")
        return out.stdout.strip()

    def start(self):
        self.run("stop")  # data left by an earlier run
        self.run("start")
        return self.run("bootstrap")


class Instance:
    """One service process with a fixed identity."""

    def __init__(self, args, stage, index):
        self.stage, self.index = stage, index
        self.name = f"{stage}-{index}"
        self.cmd = [os.path.join(args.bin_dir, f"newswire-{stage}"), f"--brokers={args.brokers}",
                    f"--topic_prefix={args.prefix}", "--metrics_address=127.0.0.1:0",
                    f"--transactional_id={args.prefix}{self.name}", "--topic_partitions=3"]
        if args.stall_timeout > 0:
            self.cmd.append(f"--stall_timeout={args.stall_timeout}s")
        self.cmd += args.service_arg
        self.log_path = os.path.join(args.work, f"{self.name}.log")
        self.proc = None
        self.failed_probes = 0
        self.next_probe = 0.0
        self.port = None
        self.log_start = 0
        self.wanted = False  # should be running (the supervisor restarts it)
        self.starts = 0

    def start(self):
        self.wanted = True
        self.starts += 1
        self.failed_probes = 0
        self.next_probe = 0.0
        self.port = None
        with open(self.log_path, "a") as f:
            self.log_start = f.tell()
            f.write(f"--- start {self.starts} at {time.time():.3f}\n")
            self.proc = subprocess.Popen(self.cmd, stdout=f, stderr=subprocess.STDOUT)

    def alive(self):
        return self.proc is not None and self.proc.poll() is None

    def metrics_port(self):
        """The running process's metrics port, from its log line; read once
        per start (the log grows, with librdkafka debug a lot)."""
        if self.port is None:
            try:
                with open(self.log_path, errors="replace") as f:
                    f.seek(self.log_start)
                    for line in f:
                        if "serving /metrics, /healthz" in line:
                            self.port = int(line.rsplit("port ", 1)[1].split()[0])
                            break
            except (OSError, ValueError, IndexError):
                return None
        return self.port

    def healthy(self):
        """/healthz of the running process as Kubernetes' liveness probe sees
        it: None while its port is not known yet (still starting)."""
        port = self.metrics_port()
        if port is None:
            return None
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=2) as r:
                return r.status == 200
        except urllib.error.HTTPError:
            return False
        except OSError:
            return None

    def kill(self):
        if self.alive():
            self.proc.send_signal(signal.SIGKILL)
            self.proc.wait()

    def stop(self, timeout=60):
        self.wanted = False
        if self.alive():
            self.proc.send_signal(signal.SIGTERM)
            try:
                self.proc.wait(timeout)
            except subprocess.TimeoutExpired:
                log(f"{self.name} ignored SIGTERM for {timeout}s, killing")
                self.kill()


class LiveReader:
    """`newswire tail` of one topic, kept running; first arrival per input."""

    def __init__(self, args, topic, key_of):
        self.args, self.topic, self.key_of = args, topic, key_of
        self.first_seen = {}
        self.lock = threading.Lock()
        self.proc = None
        self.stopping = False
        self.thread = threading.Thread(target=self._loop, daemon=True)
        self.thread.start()

    def _loop(self):
        while not self.stopping:
            self.proc = subprocess.Popen(
                [os.path.join(self.args.bin_dir, "newswire"), "tail", self.args.prefix + self.topic,
                 "--from_beginning", f"--brokers={self.args.brokers}"],
                stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
            for line in self.proc.stdout:
                now = time.time()
                try:
                    key = self.key_of(json.loads(line))
                except (ValueError, KeyError):
                    continue
                with self.lock:
                    self.first_seen.setdefault(key, now)
            self.proc.wait()
            time.sleep(0.5)  # the broker was away: read again from the start

    def seen(self):
        with self.lock:
            return dict(self.first_seen)

    def stop(self):
        self.stopping = True
        if self.proc and self.proc.poll() is None:
            self.proc.terminate()


def source_of_raw(original):
    """RawWire.source (field 2) from serialized RawWire bytes."""
    i = 0
    while i < len(original):
        tag, i = varint(original, i)
        field, wire = tag >> 3, tag & 7
        if wire == 0:
            _, i = varint(original, i)
        elif wire == 2:
            n, i = varint(original, i)
            if field == 2:
                return original[i:i + n].decode("utf-8", "replace")
            i += n
        elif wire == 1:
            i += 8
        elif wire == 5:
            i += 4
        else:
            return None
    return ""


def varint(b, i):
    shift = value = 0
    while True:
        c = b[i]
        i += 1
        value |= (c & 0x7F) << shift
        if c < 0x80:
            return value, i
        shift += 7


def dlq_key(record):
    original = base64.b64decode(record.get("original", ""))
    return "dlq:" + hashlib.sha256(original).hexdigest()


def read_all(args, topic):
    out = subprocess.run([os.path.join(args.bin_dir, "newswire"), "tail", args.prefix + topic,
                          "--from_beginning", "--to_end", f"--brokers={args.brokers}"],
                         capture_output=True, text=True, timeout=600)
    if out.returncode != 0:
        raise RuntimeError(f"tail {topic}: {out.stderr.strip()}")
    return [json.loads(line) for line in out.stdout.splitlines() if line.strip()]


def percentile(values, p):
    if not values:
        return 0.0
    values = sorted(values)
    return values[min(len(values) - 1, int(p * (len(values) - 1) + 0.5))]


class Chaos:
    def __init__(self, args):
        self.args = args
        self.rng = random.Random(args.seed)
        self.instances = {}
        self.kills = 0
        self.bounces = 0
        self.scalings = []
        self.restarts_on_exit = 0
        self.restarts_on_liveness = 0
        self.crash_time = None
        self.lock = threading.RLock()
        self.broker_down = False

    def instance(self, stage, index):
        key = (stage, index)
        if key not in self.instances:
            self.instances[key] = Instance(self.args, stage, index)
        return self.instances[key]

    def running(self):
        return [i for i in self.instances.values() if i.wanted]

    def supervise(self):
        """What Kubernetes does for the Deployments in deploy/k8s: restart a
        process that exited, and one whose liveness probe (/healthz, which
        fails once the loop has stalled for --stall_timeout) failed three
        times in a row, probed every 2 s."""
        with self.lock:
            now = time.time()
            for inst in self.instances.values():
                if inst.wanted and not inst.alive():
                    rc = inst.proc.returncode if inst.proc else None
                    log(f"{inst.name} exited (rc {rc}); restarting")
                    self.restarts_on_exit += 1
                    inst.start()
                    continue
                if not inst.wanted or self.args.stall_timeout <= 0 or now < inst.next_probe:
                    continue
                inst.next_probe = now + 2
                if inst.healthy() is False:
                    inst.failed_probes += 1
                else:
                    inst.failed_probes = 0
                if inst.failed_probes >= 3:
                    log(f"{inst.name} failed its liveness probe 3 times (stalled); restarting")
                    self.restarts_on_liveness += 1
                    inst.kill()
                    inst.start()

    def kill_random(self):
        with self.lock:
            victim = self.rng.choice(self.running())
            log(f"SIGKILL {victim.name}")
            victim.kill()
            self.kills += 1
            time.sleep(self.rng.uniform(0.2, 2.0))
            victim.start()

    def bounce(self):
        broker = Broker(self.args.kafka_dir, self.args.abort_check_ms)
        log("SIGKILL broker")
        broker.run("kill")
        self.broker_down = True
        time.sleep(self.args.broker_down)
        broker.run("resume")
        self.broker_down = False
        self.bounces += 1
        log("broker resumed on its data")

    def scale_enrich(self, n):
        with self.lock:
            current = [i for i in self.running() if i.stage == "enrich"]
            log(f"scale enrich {len(current)} -> {n}")
            for k in range(len(current), n):
                self.instance("enrich", k).start()
            for inst in sorted(current, key=lambda i: -i.index)[: max(0, len(current) - n)]:
                inst.stop()
            self.scalings.append((time.time(), n))


def schedule(args, duration):
    """(time offset, action, argument), sorted."""
    events = []
    if args.scenario == "chaos":
        t = args.kill_every
        while t < duration:
            events.append((t, "kill", None))
            t += args.kill_every
        for b in range(args.bounces):
            events.append((duration * (b + 1) / (args.bounces + 1) + 1.5, "bounce", None))
    if args.scenario in ("chaos", "scale"):
        first = 0.4 if args.scenario == "scale" else 0.2  # scale: once warm
        events.append((duration * first, "scale", args.scale_to))
        events.append((duration * 0.7, "scale", 1))
    if args.scenario == "crash":
        events.append((duration * 0.4, "crash", None))
    return sorted(events, key=lambda e: e[0])


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--scenario", choices=["chaos", "scale", "crash"], default="chaos")
    p.add_argument("--count", type=int, default=3000)
    p.add_argument("--rate", type=float, default=40, help="stories published per second")
    p.add_argument("--seed", type=int, default=1)
    p.add_argument("--kill_every", type=float, default=8)
    p.add_argument("--bounces", type=int, default=1)
    p.add_argument("--broker_down", type=float, default=3, help="seconds the broker stays down")
    p.add_argument("--scale_to", type=int, default=2)
    p.add_argument("--min_kills", type=int, default=4)
    p.add_argument("--max_p99", type=float, default=5.0, help="scale: p99 latency bound, s")
    p.add_argument("--max_stall", type=float, default=25.0, help="crash: delivery stall bound, s")
    p.add_argument("--drain_timeout", type=float, default=180)
    p.add_argument("--build", default=os.path.join(ROOT, "build"))
    p.add_argument("--bin_dir", default=os.environ.get("NEWSWIRE_BIN_DIR"))
    p.add_argument("--kafka_dir", default=None)
    p.add_argument("--abort_check_ms", type=int, default=10000,
                   help="the broker's transaction.abort.timed.out.transaction.cleanup.interval.ms; "
                        "its default, as production clusters run. Kafka 4.x can complete a "
                        "transaction that times out while the broker is starting without writing "
                        "its abort markers (docs/RELIABILITY.md), and a short interval makes "
                        "that likely")
    p.add_argument("--stall_timeout", type=float, default=60,
                   help="services' --stall_timeout, s; the supervisor restarts an instance whose "
                   "/healthz fails 3 probes in a row, as Kubernetes' liveness probe does (0: off)")
    p.add_argument("--feed_arg", action="append", default=[],
                   help="extra flag for newswire-chaos-feed, repeatable")
    p.add_argument("--service_arg", action="append", default=[],
                   help="extra flag for every service, repeatable (e.g. "
                   "--service_arg=--kafka_property=debug=consumer to trace a failure)")
    args = p.parse_args()
    args.bin_dir = args.bin_dir or os.path.join(args.build, "bin")
    args.kafka_dir = args.kafka_dir or os.path.join(args.build, "chaos-kafka")
    args.work = os.path.join(args.build, "chaos", f"{args.scenario}-{int(time.time())}")
    os.makedirs(args.work, exist_ok=True)
    args.prefix = f"chaos{int(time.time())}."
    results = []

    def check(name, ok, detail=""):
        results.append(ok)
        print(f"chaos: {'PASS' if ok else 'FAIL'} {name}{': ' + detail if detail else ''}", flush=True)

    began = time.time()
    broker = Broker(args.kafka_dir, args.abort_check_ms)
    try:
        args.brokers = broker.start()
    except RuntimeError as e:  # a loaded machine: one more try
        log(f"{e}; trying again")
        args.brokers = broker.start()
    log(f"broker {args.brokers}, work dir {args.work}, scenario {args.scenario}")
    chaos = Chaos(args)
    readers = []
    feed = None
    try:
        for stage in ("ingest", "dedup", "enrich"):
            chaos.instance(stage, 0).start()
        if args.scenario == "crash":
            chaos.instance("enrich", 1).start()
        time.sleep(3)
        manifest = os.path.join(args.work, "manifest.jsonl")
        feed = subprocess.Popen(
            [os.path.join(args.bin_dir, "newswire-chaos-feed"), f"--brokers={args.brokers}",
             f"--topic_prefix={args.prefix}", f"--count={args.count}", f"--seed={args.seed}",
             f"--rate={args.rate}", f"--manifest={manifest}"] + args.feed_arg,
            stdout=subprocess.PIPE, text=True,
            stderr=open(os.path.join(args.work, "feed.log"), "w"))
        # (our clock - the feed's clock) samples, to put its send times on
        # our clock: separate processes' clocks need not agree.
        offsets = []

        def read_clock():
            for line in feed.stdout:
                if line.startswith("clock "):
                    offsets.append(time.time() - float(line.split()[1]))
        threading.Thread(target=read_clock, daemon=True).start()
        key_src = lambda r: r["article"]["source"]  # noqa: E731
        readers = [LiveReader(args, "wire.enriched", key_src),
                   LiveReader(args, "wire.duplicates", key_src),
                   LiveReader(args, "wire.dlq", dlq_key)]
        duration = args.count / args.rate if args.rate > 0 else 60
        t0 = time.time()
        events = schedule(args, duration)
        while events or feed.poll() is None:
            now = time.time() - t0
            while events and events[0][0] <= now:
                _, action, arg = events.pop(0)
                if action == "kill":
                    chaos.kill_random()
                elif action == "bounce":
                    chaos.bounce()
                elif action == "scale":
                    chaos.scale_enrich(arg)
                elif action == "crash":
                    victim = chaos.instance("enrich", 1)
                    log("SIGKILL enrich-1, not restarted")
                    victim.wanted = False
                    victim.kill()
                    chaos.crash_time = time.time()
            chaos.supervise()
            time.sleep(0.2)
        if feed.returncode != 0:
            raise RuntimeError(f"newswire-chaos-feed failed (rc {feed.returncode}), see feed.log")
        published = time.time()
        log(f"feed done in {published - t0:.0f}s; draining")

        ref = {}
        sent = {}
        for line in open(manifest):
            r = json.loads(line)
            if "ref" in r:
                ref[r["source"]] = r
            elif "sent" in r:
                sent[r["sent"]] = r
        sha_to_source = {"dlq:" + s["sha256"]: src for src, s in sent.items()}

        def accounted():
            n = 0
            for reader in readers:
                n += len(reader.seen())
            return n

        deadline = time.time() + args.drain_timeout
        while accounted() < len(ref) and time.time() < deadline:
            chaos.supervise()
            time.sleep(1)
        time.sleep(3)  # anything doubled late
        log(f"drained {accounted()}/{len(ref)} in {time.time() - published:.0f}s; stopping services")
        for inst in list(chaos.instances.values()):
            inst.stop()
        for reader in readers:
            reader.stop()

        # The authoritative read: everything committed, from the beginning.
        counts = {src: 0 for src in ref}
        unknown = 0
        enriched = read_all(args, "wire.enriched")
        duplicates = read_all(args, "wire.duplicates")
        dead = read_all(args, "wire.dlq")
        groups = {}
        unique_of = {}
        id_to_source = {}
        for rec in enriched + duplicates:
            src = rec["article"]["source"]
            id_to_source[rec["article"]["id"]] = src
            if src not in counts:
                unknown += 1
                continue
            counts[src] += 1
            story = rec.get("dedup", {}).get("storyId", "")
            groups.setdefault(story, set()).add(src)
            if rec.get("dedup", {}).get("verdict") == "UNIQUE":
                unique_of.setdefault(story, []).append(rec["article"]["id"])
        dlq_sources = set()
        for rec in dead:
            src = sha_to_source.get(dlq_key(rec))
            if src is None:
                unknown += 1
                continue
            counts[src] += 1
            dlq_sources.add(src)
        lost = sorted(s for s, n in counts.items() if n == 0)
        doubled = sum(n - 1 for n in counts.values() if n > 1)
        # What was read, for finding out where a failure came from.
        for name, records in (("enriched", enriched), ("duplicates", duplicates), ("dlq", dead)):
            with open(os.path.join(args.work, f"{name}.jsonl"), "w") as f:
                for rec in records:
                    f.write(json.dumps(rec) + "\n")
        twice = [s for s, n in counts.items() if n > 1]
        if twice:
            # A copy the feed's producer wrote twice is the publisher's
            # failure, not the pipeline's: tell them apart.
            raw_copies = {}
            for rec in read_all(args, "wire.raw"):
                raw_copies[rec.get("source", "")] = raw_copies.get(rec.get("source", ""), 0) + 1
            in_raw = sum(1 for src in twice if raw_copies.get(src, 0) > 1)
            log(f"{len(twice)} inputs doubled, {in_raw} of them already twice in wire.raw")
        for src in twice[:5]:
            where = [f"{topic}:{rec['article']['id']}:{rec.get('dedup', {}).get('verdict', '')}"
                     for topic, records in (("enriched", enriched), ("duplicates", duplicates))
                     for rec in records if rec["article"]["source"] == src]
            log(f"doubled {src}: {', '.join(where) or 'dead-lettered twice'}")
        ref_dlq = {s for s, r in ref.items() if r["ref"] == "dlq"}
        ref_groups = {}
        for s, r in ref.items():
            if r["ref"] != "dlq":
                ref_groups.setdefault(r["ref_story"], set()).add(s)
        got = {frozenset(v) for v in groups.values()}
        want = {frozenset(v) for v in ref_groups.values()}
        bad_unique = [st for st in groups if len(unique_of.get(st, [])) != 1 or unique_of[st][0] != st]

        # Latency: publish -> first arrival at the live reader of wire.enriched.
        seen = readers[0].seen()
        offset = min(offsets) if offsets else 0.0  # the least-delayed sample
        lat = [seen[s] - sent[s]["t"] - offset for s in seen if s in sent]
        # Per-record latency by send time, for finding where a stall came
        # from (event times are in the log above).
        with open(os.path.join(args.work, "latency.tsv"), "w") as f:
            for src in sorted(seen, key=lambda x: sent.get(x, {}).get("t", 0)):
                if src in sent:
                    t = sent[src]["t"] + offset
                    f.write(f"{time.strftime('%H:%M:%S', time.localtime(t))}{t % 1:.3f}\t"
                            f"{src}\t{seen[src] - t:.3f}\n")
        buckets = {}
        for src in seen:
            if src in sent:
                t = sent[src]["t"] + offset
                b = int(t // 5) * 5
                buckets[b] = max(buckets.get(b, 0), seen[src] - t)
        slow = [f"{time.strftime('%H:%M:%S', time.localtime(b))} {v:.1f}s"
                for b, v in sorted(buckets.items()) if v > 2]
        if slow:
            print("chaos: max latency by 5 s of send time, where above 2 s: " + ", ".join(slow))
        kinds = {}
        for r in ref.values():
            kinds[r["kind"]] = kinds.get(r["kind"], 0) + 1
        formats = len({r["format"] for r in ref.values() if r["kind"] != "malformed"})
        print(f"chaos: stories {len(ref)} ({', '.join(f'{k} {v}' for k, v in sorted(kinds.items()))}; "
              f"{formats} formats), published at {args.rate:.0f}/s", flush=True)
        print(f"chaos: kills {chaos.kills}, broker bounces {chaos.bounces}, enrich scaling "
              f"{' -> '.join(['1'] + [str(n) for _, n in chaos.scalings])}, restarts after exit "
              f"{chaos.restarts_on_exit}, restarts after a failed liveness probe "
              f"{chaos.restarts_on_liveness}", flush=True)
        print(f"chaos: enriched {len(enriched)}, duplicates {len(duplicates)}, dead-lettered {len(dead)}, "
              f"stories {len(groups)} (reference {len(ref_groups)})", flush=True)
        print(f"chaos: lost {len(lost)}, doubled {doubled}, unknown {unknown}", flush=True)
        print(f"chaos: delivery latency to wire.enriched: p50 {percentile(lat, 0.5):.2f}s "
              f"p99 {percentile(lat, 0.99):.2f}s max {max(lat, default=0):.2f}s over {len(lat)} records",
              flush=True)
        check("nothing lost", not lost, f"{len(lost)} lost, e.g. {lost[:5]}" if lost else "")
        check("nothing doubled", doubled == 0 and unknown == 0, f"{doubled} doubled, {unknown} unknown")
        check("dead letters are the reference's", dlq_sources == ref_dlq,
              f"{len(dlq_sources)} vs {len(ref_dlq)}")
        check("grouping equals the undisturbed reference", got == want,
              f"{len(got - want)} stories differ of {len(want)}")
        check("one UNIQUE per story, named by the story id", not bad_unique,
              f"{len(bad_unique)} stories" if bad_unique else "")
        if args.scenario == "chaos":
            check(f"at least {args.min_kills} kills", chaos.kills >= args.min_kills, str(chaos.kills))
            check(f"{args.bounces} broker bounce(s)", chaos.bounces == args.bounces, str(chaos.bounces))
            check("enrich scaled out and back", [n for _, n in chaos.scalings] == [args.scale_to, 1])
        if args.scenario == "scale":
            # Records sent from 2 s before the scale-out to 10 s after the
            # scale-in: the hand-overs, not the pipeline's start-up.
            lo, hi = chaos.scalings[0][0] - 2, chaos.scalings[-1][0] + 10
            window = [seen[s] - sent[s]["t"] - offset for s in seen
                      if s in sent and lo <= sent[s]["t"] + offset <= hi]
            p99 = percentile(window, 0.99)
            print(f"chaos: while scaling ({len(window)} records): p99 {p99:.2f}s "
                  f"max {max(window, default=0):.2f}s")
            check(f"p99 latency <= {args.max_p99}s while scaling", p99 <= args.max_p99, f"{p99:.2f}s")
        if args.scenario == "crash":
            after = [seen[s] - sent[s]["t"] - offset for s in seen
                     if s in sent and sent[s]["t"] + offset >= chaos.crash_time - 1]
            stall = max(after, default=0)
            print(f"chaos: after the crash: max latency {stall:.2f}s (records published from 1s before it)")
            check(f"delivery resumes within {args.max_stall}s of a crash", stall <= args.max_stall,
                  f"{stall:.2f}s")
    except Exception as e:  # noqa: BLE001 - report, then clean up
        check("run completed", False, str(e))
    finally:
        if feed is not None and feed.poll() is None:
            feed.kill()
        for inst in list(chaos.instances.values()):
            inst.wanted = False
            inst.kill()
        for reader in readers:
            reader.stop()
        broker_log = os.path.join(broker.env["NEWSWIRE_KAFKA_DIR"], "logs", "broker.log")
        if os.path.exists(broker_log):
            shutil.copy(broker_log, os.path.join(args.work, "broker.log"))
            with open(broker_log, errors="replace") as f:
                skipped = [line for line in f if "Couldn't find leader endpoint" in line]
            if skipped:
                # Kafka's transaction coordinator dropped the markers of a
                # transaction it completed: its records stay readable as if
                # committed (docs/RELIABILITY.md, "Kafka 4.x under faults").
                log(f"broker completed {len(skipped)} transaction(s) without writing their "
                    f"markers: {skipped[0].strip()[:300]}")
        if results and all(results):
            broker.run("stop")
        else:
            # Keep the log segments of a failed run: what the broker holds
            # (transaction markers, producer ids) tells a broker fault from
            # ours. `kafka.sh resume` serves them again.
            broker.run("kill")
            print(f"chaos: broker data kept: NEWSWIRE_KAFKA_DIR={broker.env['NEWSWIRE_KAFKA_DIR']} "
                  "scripts/kafka.sh resume (then stop)", flush=True)
    passed = sum(1 for ok in results if ok)
    print(f"chaos: took {time.time() - began:.0f}s, logs in {args.work}")
    print(f"chaos: {passed} passed, {len(results) - passed} failed", flush=True)
    return 0 if results and passed == len(results) else 1


if __name__ == "__main__":
    sys.exit(main())
