#!/usr/bin/python3
"""Real-Prometheus test: the four services on the real broker, scraped by
Debian's prometheus, with traffic from testdata/sample_feed/.

Asserts through Prometheus' HTTP API that the series every service exports
exist with sensible values, that the recording and alerting rules evaluate
without error, that every PromQL expression of every Grafana dashboard
panel parses and returns data (panels without data are listed and fail), and
that an alert which should fire does: with dedup stopped, Prometheus reports
NewswireStageMissing{stage="dedup"} firing. The rules are loaded from a copy
of deploy/prometheus/rules/newswire.rules.yml whose only change is a short
`for` on that alert, so the test need not wait 5 minutes.

    NEWSWIRE_TEST_BROKERS=127.0.0.1:PORT tests/observability/test_live_prometheus.py

Environment: NEWSWIRE_TEST_BROKERS (required), NEWSWIRE_BIN_DIR (default
build/bin). Exit status 0 only if every check passed.
"""
import glob
import os
import random
import re
import signal
import sys
import tempfile
import time

import yaml

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from buckets import promtool_test_buckets, scraped_buckets, source_buckets  # noqa: E402
from checks import Checks  # noqa: E402
from dashboards import panel_queries  # noqa: E402
from live_stack import STAGES, LiveStack, http_get  # noqa: E402

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
RULES = os.path.join(ROOT, "deploy", "prometheus", "rules", "newswire.rules.yml")
# The alert this test makes fire, and the `for` its copy of the rules uses.
STAGE_MISSING = "NewswireStageMissing"
SHORT_FOR = "5s"

# Every label a newswire_* series may carry (bounded values only).
ALLOWED_LABELS = {"__name__", "job", "instance", "stage", "topic", "partition", "reason",
                  "event", "version", "revision", "le", "format", "verdict", "type", "label",
                  # route: bounded by the subscriptions file / ok|error
                  "subscription", "result"}


WORDS = ("harbour council budget ferry union rail market index shares storm coast river festival summit "
         "minister talks vote election court ruling grain exports drought water tariff bridge airport strike "
         "factory wages school hospital energy wind solar price inflation bank lending housing police report "
         "museum library orchestra league final season coach transfer vaccine clinic research satellite launch").split()
PLACES = ("Port Ellis", "Marrow Bay", "Kestrel Falls", "Dunmore", "Aldervale", "North Quay")


def generated_stories(directory, count, seed):
    """Invented plain-text stories, distinct enough for dedup to keep them all."""
    rng = random.Random(seed)
    paths = []
    for i in range(count):
        headline = " ".join(rng.choice(WORDS) for _ in range(7)).capitalize()
        place = rng.choice(PLACES)
        paras = [" ".join(rng.choice(WORDS) for _ in range(45)) + "." for _ in range(3)]
        text = (f"{headline} {i}\n\n{place.upper()}, Nov. {1 + i % 28} (Newswire Test Agency) — "
                + "\n\n".join(paras) + "\n")
        path = os.path.join(directory, f"generated-{i:03d}.txt")
        with open(path, "w") as f:
            f.write(text)
        paths.append(path)
    return paths


def traffic(stack, c):
    feed = sorted(f for f in glob.glob(os.path.join(ROOT, "testdata", "sample_feed", "*"))
                  if not f.endswith("README.md"))
    c.check("sample feed present", len(feed) >= 5, f"{len(feed)} files")
    # Round 1 creates the series; round 2, after a few scrapes, makes every
    # counter and histogram move inside the rate window (rate() > 0).
    stack.publish(feed)
    first = stack.wait_for('sum(newswire_records_consumed_total{stage="enrich"})', lambda v: v > 0)
    c.check("round 1 (sample feed) reached enrich", first > 0, f"{first}")
    time.sleep(3)
    generated = generated_stories(stack.tmp, 24, seed=7)
    stack.publish(generated, format_hint="plain_text")
    n = len(feed) + len(generated)
    ingest_in = stack.wait_for('sum(newswire_records_consumed_total{stage="ingest"})', lambda v: v >= n)
    if not c.check("ingest consumed every published record", ingest_in >= n, f"{ingest_in} of {n}"):
        return
    # Wait until each stage has consumed what the previous one produced.
    articles = f'{stack.prefix}wire.articles'
    unique = f'{stack.prefix}wire.unique'
    produced_articles = stack.scalar(f'sum(newswire_records_produced_total{{stage="ingest",topic="{articles}"}})')
    dedup_in = stack.wait_for('sum(newswire_records_consumed_total{stage="dedup"})',
                              lambda v: v >= produced_articles > 0)
    if not c.check("dedup consumed every article ingest produced", dedup_in >= produced_articles > 0,
                   f"dedup consumed {dedup_in}, ingest produced {produced_articles}"):
        return
    produced_unique = stack.scalar(f'sum(newswire_records_produced_total{{stage="dedup",topic="{unique}"}})')
    enrich_in = stack.wait_for('sum(newswire_records_consumed_total{stage="enrich"})',
                               lambda v: v >= produced_unique > 0)
    c.check("enrich consumed every unique article dedup produced", enrich_in >= produced_unique > 0,
            f"enrich consumed {enrich_in}, dedup produced {produced_unique}")
    c.check("dedup dropped some duplicates from the sample feed",
            0 < produced_unique < dedup_in, f"unique {produced_unique} of {dedup_in}")
    time.sleep(3)  # a few more scrapes after the last commit


def target_checks(stack, c):
    targets = stack.api("targets").get("data", {}).get("activeTargets", [])
    bad = [f'{t["labels"].get("job")}: {t["health"]} {t.get("lastError", "")}' for t in targets
           if t["health"] != "up"]
    c.check("Prometheus scrapes every service without error", len(targets) == len(STAGES) and not bad,
            "; ".join(bad) or f"{len(targets)} targets")


def series_checks(stack, c):
    now = time.time()
    for s in STAGES:
        job = f'job="newswire-{s}"'
        sel = f'stage="{s}"'
        c.check(f"{s}: up == 1", stack.scalar(f'up{{{job}}}') == 1)
        ok, info = stack.query(f'newswire_build_info{{{job}}}')
        c.check(f"{s}: build_info == 1 with a version",
                ok and len(info) == 1 and info[0]["value"][1] == "1" and info[0]["metric"].get("version"),
                str(info))
        for metric in ("records_consumed_total", "records_produced_total", "transaction_commits_total",
                       "processing_duration_seconds_count", "end_to_end_latency_seconds_count"):
            v = stack.scalar(f'sum(newswire_{metric}{{{sel}}})')
            c.check(f"{s}: newswire_{metric} > 0", v > 0, f"value={v}")
        ok, aborts = stack.query(f'newswire_transaction_aborts_total{{{sel}}}')
        c.check(f"{s}: transaction_aborts_total present and 0", ok and len(aborts) >= 1 and
                all(float(a["value"][1]) == 0 for a in aborts), str(aborts))
        c.check(f"{s}: rebalances_total{{event=assign}} > 0",
                stack.scalar(f'sum(newswire_rebalances_total{{{sel},event="assign"}})') > 0)
        ok, lag = stack.query(f'newswire_consumer_lag_records{{{sel}}}')
        c.check(f"{s}: consumer_lag_records per partition present, >= 0, on the stage's input topic",
                ok and len(lag) >= 1 and all(float(x["value"][1]) >= 0 and x["metric"].get("partition", "") != ""
                                             and x["metric"].get("topic", "").startswith(stack.prefix)
                                             for x in lag), str(lag)[:300])
        ok, inflight = stack.query(f'newswire_in_flight_records{{{sel}}}')
        c.check(f"{s}: in_flight_records present, >= 0", ok and len(inflight) == 1 and
                float(inflight[0]["value"][1]) >= 0, str(inflight))
        last = stack.scalar(f'max(newswire_last_processed_timestamp_seconds{{{sel}}})')
        c.check(f"{s}: last_processed_timestamp within the last 5 minutes", now - 300 < last <= now + 5,
                f"last={last} now={now}")
        r = stack.scalar(f'sum(rate(newswire_records_consumed_total{{{sel}}}[1m]))')
        c.check(f"{s}: rate(records_consumed_total[1m]) > 0 after two rounds of traffic", r > 0, f"{r}")
        p99 = stack.scalar(f'histogram_quantile(0.99, sum by (le) (rate(newswire_processing_duration_seconds_bucket{{{sel}}}[1m])))')
        c.check(f"{s}: p99 processing latency is a finite positive number", 0 < p99 < 60, f"p99={p99}")
    ingest_dlq = stack.scalar('sum(newswire_records_dead_lettered_total{stage="ingest"})')
    c.check("ingest dead-lettered the malformed sample (11-malformed.xml)", ingest_dlq >= 1, f"{ingest_dlq}")
    consumed = stack.scalar('sum(newswire_records_consumed_total{stage="ingest"})')
    produced = stack.scalar('sum(newswire_records_produced_total{stage="ingest"})')
    c.check("ingest: every consumed record was produced once (articles + dlq)", produced == consumed,
            f"consumed={consumed} produced={produced}")
    dlq_topic = stack.scalar(f'sum(newswire_records_produced_total{{stage="ingest",topic="{stack.prefix}wire.dlq"}})')
    c.check("ingest: produced{topic=wire.dlq} equals dead_lettered", dlq_topic == ingest_dlq,
            f"{dlq_topic} vs {ingest_dlq}")
    # Cardinality: only known label names, only short values.
    r = stack.api("series", **{"match[]": '{__name__=~"newswire_.*"}'})
    series = r.get("data", [])
    bad = sorted({k for s in series for k in s if k not in ALLOWED_LABELS})
    long_values = sorted({v for s in series for k, v in s.items() if k != "instance" and len(v) > 80})
    c.check("newswire_* series carry only bounded labels", r.get("status") == "success" and series and not bad
            and not long_values, f"unexpected labels {bad}, long values {long_values[:3]}")
    c.check("fewer than 1000 newswire_* series after the sample feed", 0 < len(series) < 1000, f"{len(series)}")


def rule_checks(stack, c):
    r = stack.api("rules")
    groups = r.get("data", {}).get("groups", [])
    rules = [x for g in groups for x in g["rules"]]
    c.check("Prometheus loaded the newswire rules", len(groups) == 2 and len(rules) >= 15,
            f"{len(groups)} groups, {len(rules)} rules")
    broken = [f'{x["name"]}: {x.get("lastError")}' for x in rules if x.get("health") == "err"]
    c.check("every rule evaluates without error on real series", not broken, "; ".join(broken))
    firing = [a["labels"]["alertname"] for a in stack.api("alerts").get("data", {}).get("alerts", [])
              if a.get("state") == "firing"]
    c.check("no alert fires on a healthy pipeline", not firing, str(firing))
    v = stack.wait_for('sum(newswire:records_consumed:rate5m{stage="enrich"})', lambda x: x > 0, timeout=45)
    rec = [(g["name"], g.get("lastEvaluation"), x.get("health"), x.get("lastError"))
           for g in stack.api("rules").get("data", {}).get("groups", []) for x in g["rules"]
           if x["name"] == "newswire:records_consumed:rate5m"]
    c.check("recording rule newswire:records_consumed:rate5m has data", v and v > 0, f"{v} {rec}")


def dashboard_checks(stack, c):
    empty, errors, total = [], [], 0
    for dash, title, expr in panel_queries(ROOT):
        total += 1
        ok, res = stack.query(expr)
        if not ok:
            errors.append(f"{dash} / {title}: {res}")
        elif not res:
            empty.append(f"{dash} / {title}: {expr}")
    c.check(f"dashboards have PromQL panels ({total} expressions)", total >= 30, f"{total}")
    for e in errors:
        print(f"  query error: {e}")
    for e in empty:
        print(f"  no data: {e}")
    c.check("every dashboard expression parses", not errors, f"{len(errors)} failed")
    c.check("every dashboard panel returns data after traffic", not empty, f"{len(empty)} panels show no data")


def scrape_down_check(stack, c):
    p, _ = stack.procs["dedup"]
    os.killpg(p.pid, signal.SIGTERM)
    try:
        p.wait(timeout=30)
        exited = True
    except Exception:
        exited = False
    c.check("dedup exits within 30 s of SIGTERM (inside the 90 s grace period)", exited)
    del stack.procs["dedup"]
    v = stack.wait_for('up{job="newswire-dedup"} == 0 or up{job="newswire-dedup"} * 0 - 1',
                       lambda x: x == 0, timeout=20)
    c.check("Prometheus sees the stopped dedup as up == 0 (NewswireScrapeDown's input)", v == 0, f"{v}")


def rules_with_short_for(directory):
    """A copy of the rules file with `for: SHORT_FOR` on STAGE_MISSING only."""
    with open(RULES) as f:
        doc = yaml.safe_load(f)
    changed = 0
    for g in doc["groups"]:
        for rule in g["rules"]:
            if rule.get("alert") == STAGE_MISSING:
                rule["for"] = SHORT_FOR
                changed += 1
    path = os.path.join(directory, "newswire.rules.yml")
    with open(path, "w") as f:
        yaml.safe_dump(doc, f, sort_keys=False)
    return path, changed


def bucket_checks(stack, c):
    """The buckets a live service exports are those in the C++ source and in
    the promtool rule tests."""
    source = source_buckets(ROOT)
    fed = promtool_test_buckets(ROOT)
    for s in STAGES:
        try:
            _, text = http_get(f"http://127.0.0.1:{stack.ports[s]}/metrics")
        except OSError as e:
            text = ""
            print(f"  {s}: /metrics: {e}")
        scraped = scraped_buckets(text)
        c.check(f"{s}: /metrics histogram buckets equal those in stream_metrics.cc",
                scraped == source, f"scraped {scraped} source {source}")
        wrong = [m for (m, _), les in fed.items() if les != set(scraped.get(m, [])) | {float("inf")}]
        c.check(f"{s}: promtool rule tests feed the buckets /metrics exports", fed and not wrong, str(wrong))


def alert_fires_check(stack, c):
    """With dedup stopped (scrape_down_check), the absent-stage alert fires
    for dedup, and only for dedup."""
    deadline = time.time() + 60
    firing, state = [], {}
    while time.time() < deadline:
        alerts = stack.api("alerts").get("data", {}).get("alerts", [])
        state = {a["labels"].get("stage"): a.get("state") for a in alerts
                 if a["labels"].get("alertname") == STAGE_MISSING}
        firing = [k for k, v in state.items() if v == "firing"]
        if firing:
            break
        time.sleep(1)
    c.check(f"Prometheus reports {STAGE_MISSING} firing for the stopped dedup", firing == ["dedup"],
            f"{STAGE_MISSING} states {state}")


def _terminate(signum, frame):
    # Turn SIGTERM/SIGINT (make, a CI timeout) into an exception so that the
    # LiveStack context manager stops every process it started.
    raise KeyboardInterrupt(f"signal {signum}")


def main():
    signal.signal(signal.SIGTERM, _terminate)
    signal.signal(signal.SIGHUP, _terminate)
    c = Checks("observability-live")
    brokers = os.environ.get("NEWSWIRE_TEST_BROKERS", "")
    if not c.check("NEWSWIRE_TEST_BROKERS is set", bool(brokers)):
        return c.finish()
    bin_dir = os.environ.get("NEWSWIRE_BIN_DIR", os.path.join(ROOT, "build", "bin"))
    t0 = time.time()
    rules_dir = tempfile.mkdtemp(prefix="newswire-obs-rules-")
    rules, changed = rules_with_short_for(rules_dir)
    c.check(f"test rules: {STAGE_MISSING} for every stage with for: {SHORT_FOR}", changed == len(STAGES),
            f"{changed} rules changed")
    try:
        with LiveStack(brokers, bin_dir, ROOT, rules=rules) as stack:
            print(f"stack up in {time.time() - t0:.1f}s: prefix {stack.prefix}, prometheus :{stack.prom_port}, logs {stack.tmp}")
            up = stack.wait_for('count(up{job=~"newswire-.*"} == 1)', lambda v: v == len(STAGES), timeout=20)
            c.check("every service is scraped (up == 1) before traffic", up == len(STAGES), f"{up}")
            target_checks(stack, c)
            traffic(stack, c)
            target_checks(stack, c)
            series_checks(stack, c)
            bucket_checks(stack, c)
            dashboard_checks(stack, c)
            rule_checks(stack, c)
            scrape_down_check(stack, c)
            alert_fires_check(stack, c)
    except (Exception, KeyboardInterrupt) as e:  # a crash is a failure, never a skip
        c.check("live stack ran to completion", False, f"{type(e).__name__}: {e}")
    print(f"observability-live took {time.time() - t0:.1f}s")
    return c.finish()


if __name__ == "__main__":
    sys.exit(main())
