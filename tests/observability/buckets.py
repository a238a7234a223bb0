"""Histogram bucket boundaries: what the services export and what the
promtool rule tests feed, so the two can be compared.

    exported = source_buckets(root)   # {"newswire_processing_duration_seconds": [1e-05, ...], ...}
    fed = promtool_test_buckets(root) # {(metric, labels without le): {le, ...}, ...}

Boundaries are floats; +Inf is float("inf").
"""
import os
import re

import yaml

# C++ function in common/metrics/stream_metrics.cc -> histogram it defines.
HISTOGRAMS = {"ProcessingBuckets": "newswire_processing_duration_seconds",
              "EndToEndBuckets": "newswire_end_to_end_latency_seconds"}
SOURCE = os.path.join("common", "metrics", "stream_metrics.cc")
RULE_TESTS = os.path.join("deploy", "prometheus", "tests", "newswire.rules.test.yml")


def source_buckets(root):
    """Finite boundaries per histogram, read from the C++ source."""
    with open(os.path.join(root, SOURCE)) as f:
        text = f.read()
    out = {}
    for fn, metric in HISTOGRAMS.items():
        m = re.search(fn + r"\(\)\s*\{.*?BucketBoundaries\s*\{([^}]*)\}", text, re.S)
        if m:
            out[metric] = [float(x) for x in re.split(r"[\s,]+", m.group(1).strip()) if x]
    return out


def scraped_buckets(metrics_text):
    """Finite boundaries per histogram in a /metrics text exposition."""
    out = {}
    for metric in HISTOGRAMS.values():
        les = set()
        for m in re.finditer(re.escape(metric) + r'_bucket\{[^}]*le="([^"]+)"', metrics_text):
            les.add(float(m.group(1)))
        out[metric] = sorted(x for x in les if x != float("inf"))
    return out


def promtool_test_buckets(root):
    """le values fed per histogram series in the promtool rule tests."""
    with open(os.path.join(root, RULE_TESTS)) as f:
        tests = yaml.safe_load(f)["tests"]
    out = {}
    for t in tests:
        for s in t.get("input_series", []):
            m = re.fullmatch(r"(\w+)_bucket\{(.*)\}", s["series"].strip())
            if not m or m.group(1) not in HISTOGRAMS.values():
                continue
            labels = dict(re.findall(r'(\w+)="([^"]*)"', m.group(2)))
            le = float(labels.pop("le"))
            key = (m.group(1), tuple(sorted(labels.items())))
            out.setdefault(key, set()).add(le)
    return out
