"""Prints each enriched story as it arrives.

    python examples/print_enriched.py --brokers 127.0.0.1:9092 [--topic_prefix demo-1.]
        [--subscription strikes]   # wire.sub.strikes instead of wire.enriched
"""

import argparse
import sys

from newswire_client import Subscriber, wire_pb2


def show(story):
    flags = " [UPDATE]" * story.is_update + " [KILL]" * story.is_kill
    via = f" via {story.subscription}" if story.subscription else ""
    print(f"{story.headline}  ({story.verdict}{flags}){via}")
    for e in story.entities:
        print(f"    {wire_pb2.EntityType.Name(e.type):<12} {e.canonical_id:<28} "
              f"{e.canonical_name}")
    s = story.sentiment
    print(f"    sentiment {wire_pb2.SentimentLabel.Name(s.label)} "
          f"{s.score:+.2f}")
    sys.stdout.flush()


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--brokers", default="127.0.0.1:9092")
    p.add_argument("--topic", default="wire.enriched")
    p.add_argument("--topic_prefix", default="")
    p.add_argument("--subscription", default=None,
                   help="read wire.sub.<name> instead of --topic")
    p.add_argument("--group_id", default="newswire-example-python")
    p.add_argument("--max", type=int, default=None, help="stop after N stories")
    p.add_argument("--timeout", type=float, default=None, help="stop after N seconds")
    a = p.parse_args()
    with Subscriber(a.brokers, a.group_id, topic=a.topic,
                    topic_prefix=a.topic_prefix,
                    subscription=a.subscription) as sub:
        sub.run(show, max_records=a.max, timeout=a.timeout)


if __name__ == "__main__":
    main()
