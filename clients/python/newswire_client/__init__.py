"""Subscriber kit for newswire's enriched topic (newswire.v1.EnrichedArticle).

    from newswire_client import Subscriber

    sub = Subscriber(brokers="kafka:9092", group_id="my-app")
    sub.run(lambda story: print(story.headline, story.verdict))

    # One subscription of newswire-route (topic wire.sub.korea-nuclear):
    sub = Subscriber(brokers="kafka:9092", group_id="my-app",
                     subscription="korea-nuclear")

Delivery is at least once: a record's offset is committed only after the
handler returned for it, so after a crash or a handler exception the record
is delivered again.
"""

from newswire_client.subscriber import (  # noqa: F401
    DEFAULT_TOPIC,
    SUBSCRIPTION_HEADER,
    SUBSCRIPTION_TOPIC_PREFIX,
    Story,
    Subscriber,
    SubscriberError,
    subscription_topic,
)
from newswire_client import wire_pb2  # noqa: F401  (generated at build time)
