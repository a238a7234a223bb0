#!/usr/bin/env python3
"""Reads EnrichedArticle JSON lines (newswire tail / process) on stdin and
prints one short, readable JSON object per record: headline, format, dedup
verdict, document sentiment and the linked entities. The full records stay
wherever they came from (the demo keeps them in build/demo-logs)."""
import json
import sys

for line in sys.stdin:
    line = line.strip()
    if not line:
        continue
    try:
        r = json.loads(line)
    except json.JSONDecodeError:
        print(line, flush=True)
        continue
    a = r.get("article", {})
    d = r.get("dedup", {})
    s = r.get("sentiment", {})
    seen = {}
    for e in r.get("entities", []):
        key = e.get("canonicalId", e.get("text"))
        if key in seen:
            continue
        label = e.get("sentiment", {}).get("label", "")
        seen[key] = "%s/%s%s" % (e.get("canonicalName", e.get("text")),
                                 e.get("type", "?"),
                                 "" if label in ("", "NEUTRAL") else "/" + label)
    out = {
        "id": a.get("id"),
        "headline": a.get("headline"),
        "format": a.get("format", "").replace("WIRE_FORMAT_", "").lower(),
        "language": a.get("language"),
        "verdict": d.get("verdict"),
        "story": d.get("storyId"),
        "sentiment": "%s %+.2f" % (s.get("label", "NEUTRAL"), s.get("score", 0.0)),
        "entities": list(seen.values()),
    }
    print(json.dumps(out, ensure_ascii=False), flush=True)
