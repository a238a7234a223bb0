"""Reads the Grafana dashboards in deploy/grafana/dashboards.

    for dash, panel, expr in panel_queries(root): ...
"""
import glob
import json
import os

# What Grafana substitutes before sending a query; the tests do the same.
# Without namespace labels (no Kubernetes) the namespace variable is empty;
# the pod variable defaults to All.
GRAFANA_VARIABLES = {"$__rate_interval": "1m", "$__interval": "15s", "$__range": "1h",
                     "$namespace": "", "$pod": ".*"}


def load_dashboards(root):
    out = {}
    for path in sorted(glob.glob(os.path.join(root, "deploy", "grafana", "dashboards", "*.json"))):
        with open(path) as f:
            out[os.path.basename(path)] = json.load(f)
    return out


def panels(dashboard):
    """Every panel, including those nested in rows."""
    for p in dashboard.get("panels", []):
        yield p
        for q in p.get("panels", []):
            yield q


def expand(expr):
    for k, v in GRAFANA_VARIABLES.items():
        expr = expr.replace(k, v)
    return expr


def panel_queries(root):
    """Yields (dashboard file, panel title, PromQL with variables expanded)."""
    for name, dash in load_dashboards(root).items():
        for p in panels(dash):
            for t in p.get("targets", []):
                if t.get("expr"):
                    yield name, p.get("title", "?"), expand(t["expr"])
