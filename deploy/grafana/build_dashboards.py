#!/usr/bin/python3
"""Generates the Grafana dashboards in dashboards/ (pipeline overview and one
per service) from the panel lists below, so that every dashboard shares the
same datasource variable, layout, units and thresholds.

    deploy/grafana/build_dashboards.py          rewrite dashboards/*.json
    deploy/grafana/build_dashboards.py --check  exit 1 if they are stale

Every expression may use $__rate_interval, $namespace and $pod only, and
every series selector carries the namespace and pod matchers (SCOPE), so a
dashboard shows one deployment and never adds dev and prod together;
tests/observability checks that and runs each expression against a real
Prometheus.
"""
import json
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "dashboards")
RI = "$__rate_interval"
# The namespace (one) and pods (any number, All by default) the dashboard
# shows. Without these labels (docker-compose) the namespace variable is
# empty and the matchers select the unlabelled series.
SCOPE = 'namespace=~"$namespace", pod=~"$pod"'


def sel(*matchers):
    """A label selector: `matchers` plus the namespace and pod scope."""
    return "{" + ", ".join(list(matchers) + [SCOPE]) + "}"


ALL = sel()


def thresholds(*steps):
    """steps: (value, color) pairs above the green base."""
    out = [{"color": "green", "value": None}]
    out += [{"color": c, "value": v} for v, c in steps]
    return {"mode": "absolute", "steps": out}


def panel(title, exprs, unit, description, kind="timeseries", steps=(), legend=None, width=12):
    """exprs: list of (expr, legendFormat)."""
    return {
        "title": title,
        "type": kind,
        "description": description,
        "unit": unit,
        "thresholds": thresholds(*steps),
        "targets": exprs,
        "width": width,
    }


def rate(metric, by, sel=ALL):
    return f"sum by ({by}) (rate({metric}{sel}[{RI}]))"


def quantile(q, metric, by="stage", sel=ALL):
    return f"histogram_quantile({q}, sum by ({by}, le) (rate({metric}_bucket{sel}[{RI}])))"


def stage_panels(stage):
    """The Kafka-loop panels every service dashboard starts with."""
    s = sel(f'stage="{stage}"')
    return [
        panel("Records consumed / s", [(rate("newswire_records_consumed_total", "topic", s), "{{topic}}")],
              "cps", "Records read from the input topic per second (committed transactions only)."),
        panel("Records produced / s", [(rate("newswire_records_produced_total", "topic", s), "{{topic}}")],
              "cps", "Records written per output topic per second, including wire.dlq."),
        panel("Processing latency", [(quantile(q, "newswire_processing_duration_seconds", sel=s), f"p{int(q*100)}")
                                     for q in (0.5, 0.95, 0.99)],
              "s", "Time to process one record (handler only). Yellow above 0.5 s, red above 1 s (alert NewswireHighProcessingLatency).",
              steps=((0.5, "yellow"), (1, "red"))),
        panel("End-to-end latency", [(quantile(q, "newswire_end_to_end_latency_seconds", sel=s), f"p{int(q*100)}")
                                     for q in (0.5, 0.99)],
              "s", "From the record's receipt time to its publication by this stage. Red above 30 s (alert NewswireHighEndToEndLatency).",
              steps=((10, "yellow"), (30, "red"))),
        panel("Consumer lag per partition", [(f"sum by (topic, partition) (newswire_consumer_lag_records{s})",
                                              "{{topic}}/{{partition}}")],
              "short", "Records waiting per input partition (librdkafka consumer_lag). Should return to 0 between bursts.",
              steps=((1000, "yellow"), (10000, "red"))),
        panel("Transactions / s", [(f"sum(rate(newswire_transaction_commits_total{s}[{RI}]))", "commits"),
                                   (f"sum(rate(newswire_transaction_aborts_total{s}[{RI}]))", "aborts")],
              "cps", "Kafka transactions committed and aborted per second. Aborts re-process records (alert NewswireTransactionAborts)."),
        panel("Dead-lettered / s by reason", [(f"sum by (reason) (rate(newswire_records_dead_lettered_total{s}[{RI}])) or sum(rate(newswire_records_consumed_total{s}[{RI}])) * 0", "{{reason}}")],
              "cps", "Records sent to wire.dlq per reason code; 0 when nothing failed."),
        panel("Rebalances", [(f"sum by (event) (increase(newswire_rebalances_total{s}[1h]))", "{{event}}")],
              "short", "Consumer-group assignments, revocations and lost assignments over the last hour.",
              kind="stat", steps=((5, "yellow"), (10, "red"))),
        panel("In-flight records", [(f"sum(newswire_in_flight_records{s})", "in flight")],
              "short", "Records processed in the open transaction, not yet committed.", kind="stat"),
        panel("Since last record", [(f"time() - max(newswire_last_processed_timestamp_seconds{s})", "age")],
              "s", "Seconds since this stage last processed a record. Red after 10 minutes with lag (alert NewswireNoProgress).",
              kind="stat", steps=((300, "yellow"), (600, "red"))),
        panel("Held behind a transaction", [(f"max(newswire_consumer_stable_offset_stall_seconds{s})", "stall")],
              "s", "Longest time an input partition's last stable offset has not moved while records lie beyond it. "
              "Seconds while upstream commits; beyond 15 minutes a hanging transaction "
              "(alert NewswireInputHeldByHangingTransaction).",
              kind="stat", steps=((60, "yellow"), (900, "red"))),
    ]


OVERVIEW = [
    panel("Targets up", [("sum by (job) (up" + sel('job=~"newswire-.*"') + ")", "{{job}}")], "short",
          "Scraped pods per service that answer. dedup must show exactly 1.", kind="stat"),
    panel("Build", [(f"count by (version, revision) (newswire_build_info{ALL})", "{{version}} {{revision}}")], "short",
          "Running pods per version and git revision (newswire_build_info).", kind="stat"),
    panel("Records consumed / s by stage", [(rate("newswire_records_consumed_total", "stage"), "{{stage}}")], "cps",
          "Throughput of each stage: records read from its input topic per second."),
    panel("Records produced / s by topic", [(rate("newswire_records_produced_total", "topic"), "{{topic}}")], "cps",
          "Records written per topic per second: wire.articles, wire.unique, wire.duplicates, wire.enriched, wire.dlq."),
    panel("Consumer lag by stage", [(f"sum by (stage) (newswire_consumer_lag_records{ALL})", "{{stage}}")], "short",
          "Records waiting in front of each stage. Growing lag means the stage is too slow (alert NewswireConsumerLagGrowing).",
          steps=((1000, "yellow"), (10000, "red"))),
    panel("End-to-end latency p99 by stage", [(quantile(0.99, "newswire_end_to_end_latency_seconds"), "{{stage}}")], "s",
          "99th percentile of receipt-to-publish time at the output of each stage; the enrich line is the pipeline's latency.",
          steps=((10, "yellow"), (30, "red"))),
    panel("Dead-letter ratio by stage",
          [(f"(sum by (stage) (rate(newswire_records_dead_lettered_total{ALL}[{RI}])) or {rate('newswire_records_consumed_total', 'stage')} * 0)"
            f" / {rate('newswire_records_consumed_total', 'stage')}",
            "{{stage}}")],
          "percentunit", "Share of consumed records sent to wire.dlq. Red above 5% (alert NewswireDeadLetterRateHigh).",
          steps=((0.01, "yellow"), (0.05, "red"))),
    panel("Transaction aborts / s by stage", [(rate("newswire_transaction_aborts_total", "stage"), "{{stage}}")], "cps",
          "Aborted Kafka transactions; anything persistent deserves a look at the pod logs.",
          steps=((0.01, "red"),)),
]

INGEST = stage_panels("ingest") + [
    panel("Articles parsed / s by format", [(rate("newswire_articles_parsed_total", "format"), "{{format}}")], "cps",
          "Articles produced per wire format (ANPA, IPTC 7901, NITF, NewsML-G2, ninjs, plain text)."),
    panel("Parse failures / s by format and reason",
          [(rate("newswire_parse_failures_total", "format, reason"), "{{format}} {{reason}}")], "cps",
          "Wire records that could not be parsed, by detected format and reason code; they go to wire.dlq."),
]

DEDUP = stage_panels("dedup") + [
    panel("Verdicts / s", [(rate("newswire_dedup_verdicts_total", "verdict"), "{{verdict}}")], "cps",
          "Dedup decisions per second: unique and update go to wire.unique, exact_duplicate and near_duplicate to wire.duplicates."),
    panel("Index documents", [(f"sum(newswire_dedup_index_documents{ALL})", "documents")], "short",
          "Articles held in the dedup index (bounded by --max_documents and --window_hours)."),
    panel("Index size", [(f"sum(newswire_dedup_index_bytes{ALL})", "bytes")], "bytes",
          "Memory used by the dedup index. Compare with the pod memory limit.",
          steps=((1.5 * 2**30, "yellow"), (1.8 * 2**30, "red"))),
    panel("Evictions / s", [(f"sum(rate(newswire_dedup_evictions_total{ALL}[{RI}]))", "evictions")], "cps",
          "Documents dropped from the index by age or size bound."),
]

ENRICH = stage_panels("enrich") + [
    panel("Entities tagged / s by type", [(rate("newswire_entities_tagged_total", "type"), "{{type}}")], "cps",
          "Named entities found per second by type (person, organization, location, ...)."),
    panel("Sentiment by label / s", [(rate("newswire_sentiment_articles_total", "label"), "{{label}}")], "cps",
          "Articles per sentiment label per second."),
    panel("Sentiment score distribution",
          [(f"sum by (le) (increase(newswire_sentiment_score_bucket{ALL}[{RI}]))", "{{le}}")], "short",
          "Histogram of article sentiment scores (-1 negative .. +1 positive).", kind="heatmap"),
]

ROUTE = stage_panels("route") + [
    panel("Deliveries / s by subscription",
          [(rate("newswire_route_deliveries_total", "subscription"), "{{subscription}}")], "cps",
          "Records written to wire.sub.<subscription> per second (one series per configured subscription)."),
    panel("Follow-ups and unmatched / s",
          [(f"sum(rate(newswire_route_follow_ups_total{ALL}[{RI}]))", "follow-ups"),
           (f"sum(rate(newswire_route_unmatched_total{ALL}[{RI}]))", "unmatched")], "cps",
          "Follow-ups: updates and kills delivered because the story went to that subscription before. "
          "Unmatched: records that went to no subscription."),
    panel("Subscriptions", [(f"max(newswire_route_subscriptions{ALL})", "subscriptions")], "short",
          "Subscriptions in force (from the subscriptions file, after the last good reload).", kind="stat"),
    panel("Subscription reloads (1h)", [(f"sum by (result) (increase(newswire_route_reloads_total{ALL}[1h]))", "{{result}}")],
          "short", "Reloads of the subscriptions file in the last hour; an error keeps the previous set (see the pod log).",
          kind="stat", steps=((1, "red"),)),
    panel("Stories remembered", [(f"sum(newswire_route_stories_remembered{ALL})", "stories")], "short",
          "Stories whose subscriptions are remembered so their updates and kills follow (bounded by --max_stories).",
          kind="stat"),
    panel("Follow-up memory loads on hand-over",
          [(f"sum(rate(newswire_route_state_loads_total{ALL}[{RI}]))", "partitions loaded / s"),
           (f"sum(rate(newswire_route_state_load_seconds_total{ALL}[{RI}]))", "seconds loading / s")], "short",
          "A replica taking over partitions first loads their stories' follow-up memory from wire.route-state; "
          "no record of such a partition is routed before. Seconds loading per second is the share of time "
          "hand-overs cost."),
]

DASHBOARDS = {
    "newswire-overview": ("newswire — pipeline overview", OVERVIEW),
    "newswire-ingest": ("newswire — ingest", INGEST),
    "newswire-dedup": ("newswire — dedup", DEDUP),
    "newswire-enrich": ("newswire — enrich", ENRICH),
    "newswire-route": ("newswire — route (subscriptions)", ROUTE),
}


def grafana_panel(p, pid, x, y):
    w = p["width"] if p["type"] == "timeseries" or p["type"] == "heatmap" else 6
    h = 8 if p["type"] != "stat" else 5
    out = {
        "id": pid,
        "type": p["type"],
        "title": p["title"],
        "description": p["description"],
        "datasource": {"type": "prometheus", "uid": "${datasource}"},
        "gridPos": {"h": h, "w": w, "x": x, "y": y},
        "fieldConfig": {
            "defaults": {"unit": p["unit"], "thresholds": p["thresholds"],
                         "color": {"mode": "thresholds" if p["type"] == "stat" else "palette-classic"}},
            "overrides": [],
        },
        "options": {},
        "targets": [
            {"refId": chr(ord("A") + i), "expr": e, "legendFormat": lf,
             "datasource": {"type": "prometheus", "uid": "${datasource}"}}
            for i, (e, lf) in enumerate(p["targets"])
        ],
    }
    if p["type"] == "timeseries":
        out["options"] = {"legend": {"displayMode": "list", "placement": "bottom"}, "tooltip": {"mode": "multi"}}
        out["fieldConfig"]["defaults"]["custom"] = {"thresholdsStyle": {"mode": "line" if len(p["thresholds"]["steps"]) > 1 else "off"}}
    elif p["type"] == "stat":
        out["options"] = {"reduceOptions": {"calcs": ["lastNotNull"], "fields": "", "values": False}, "colorMode": "value"}
    elif p["type"] == "heatmap":
        out["targets"][0]["format"] = "heatmap"
        out["options"] = {"calculate": False, "yAxis": {"unit": "short"}}
    return out, w, h


def query_variable(name, label, query, multi):
    """A Prometheus label_values variable; a multi-value one offers All (.*)."""
    var = {
        "name": name, "label": label, "type": "query",
        "datasource": {"type": "prometheus", "uid": "${datasource}"},
        "query": {"query": query, "refId": f"{name}-values"}, "definition": query,
        "refresh": 2, "sort": 1, "hide": 0, "current": {}, "options": [],
        "multi": multi, "includeAll": multi,
    }
    if multi:
        var["allValue"] = ".*"
    return var


def dashboard(uid, title, panels):
    out, x, y, row_h = [], 0, 0, 0
    for i, p in enumerate(panels, start=1):
        gp, w, h = grafana_panel(p, i, x, y)
        if x + w > 24:
            x, y, row_h = 0, y + row_h, 0
            gp["gridPos"].update(x=x, y=y)
        out.append(gp)
        x += w
        row_h = max(row_h, h)
    return {
        "uid": uid,
        "title": title,
        "tags": ["newswire"],
        "timezone": "utc",
        "schemaVersion": 39,
        "version": 1,
        "editable": True,
        "refresh": "30s",
        "time": {"from": "now-1h", "to": "now"},
        "templating": {"list": [{
            "name": "datasource", "label": "Data source", "type": "datasource",
            "query": "prometheus", "current": {}, "hide": 0, "refresh": 1, "options": [],
        }, query_variable("namespace", "Namespace", 'label_values(up{job=~"newswire-.*"}, namespace)',
                          multi=False),
            query_variable("pod", "Pod", 'label_values(up{job=~"newswire-.*", namespace=~"$namespace"}, pod)',
                           multi=True)]},
        "annotations": {"list": []},
        "links": [{"title": "newswire", "type": "dashboards", "tags": ["newswire"], "asDropdown": True}],
        "panels": out,
    }


def render():
    return {f"{uid}.json": json.dumps(dashboard(uid, t, p), indent=2, ensure_ascii=False) + "\n"
            for uid, (t, p) in DASHBOARDS.items()}


def main():
    files = render()
    check = "--check" in sys.argv[1:]
    stale = []
    for name, text in files.items():
        path = os.path.join(OUT, name)
        if check:
            if not os.path.exists(path) or open(path).read() != text:
                stale.append(name)
        else:
            with open(path, "w") as f:
                f.write(text)
    if check:
        extra = sorted(set(os.listdir(OUT)) - set(files))
        if stale or extra:
            print(f"stale dashboards: {stale}, unexpected files: {extra}; run deploy/grafana/build_dashboards.py")
            return 1
        print(f"{len(files)} dashboards match build_dashboards.py")
    return 0


if __name__ == "__main__":
    sys.exit(main())
