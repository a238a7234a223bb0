"""Reads EnrichedArticle records from a newswire topic, committed only."""

from __future__ import annotations

import re
import time
from typing import Callable, Optional

from confluent_kafka import (Consumer, KafkaError, KafkaException, Message,
                             TopicPartition)

from newswire_client import wire_pb2

DEFAULT_TOPIC = "wire.enriched"
# newswire-route writes subscription <name> to SUBSCRIPTION_TOPIC_PREFIX +
# name (after the services' topic prefix), each record with this header.
SUBSCRIPTION_TOPIC_PREFIX = "wire.sub."
SUBSCRIPTION_HEADER = "newswire-subscription"
_SUBSCRIPTION_NAME = re.compile(r"[a-z0-9-]+")


def subscription_topic(name: str) -> str:
    """The topic of subscription `name` (without a topic prefix):
    subscription_topic("korea-nuclear") == "wire.sub.korea-nuclear".
    Raises ValueError for a name route would reject (not [a-z0-9-]+)."""
    if not _SUBSCRIPTION_NAME.fullmatch(name or ""):
        raise ValueError(f"subscription name {name!r} must match [a-z0-9-]+")
    return SUBSCRIPTION_TOPIC_PREFIX + name


class SubscriberError(Exception):
    """A Kafka error, or a record that is not an EnrichedArticle."""


class Story:
    """One decoded record: the EnrichedArticle plus where it came from.

    `article` is the generated newswire.v1.EnrichedArticle; the properties
    answer the questions every subscriber asks (is it new, an update, a kill).
    `subscription` is the name in the record's newswire-subscription header
    (set by newswire-route on wire.sub.<name>), None on other topics.
    """

    __slots__ = ("article", "topic", "partition", "offset", "key",
                 "subscription")

    def __init__(self, article, topic: str, partition: int, offset: int,
                 key: Optional[bytes], subscription: Optional[str] = None):
        self.article = article
        self.topic = topic
        self.partition = partition
        self.offset = offset
        self.key = key
        self.subscription = subscription

    @property
    def headline(self) -> str:
        return self.article.article.headline

    @property
    def verdict(self) -> str:
        """Dedup verdict name: UNIQUE, UPDATE, EXACT_DUPLICATE, NEAR_DUPLICATE."""
        return wire_pb2.Verdict.Name(self.article.dedup.verdict)

    @property
    def story_id(self) -> str:
        return self.article.dedup.story_id

    @property
    def is_update(self) -> bool:
        """A new version of a story already delivered (same story_id)."""
        return self.article.dedup.verdict == wire_pb2.UPDATE

    @property
    def is_duplicate(self) -> bool:
        return self.article.dedup.verdict in (wire_pb2.EXACT_DUPLICATE,
                                              wire_pb2.NEAR_DUPLICATE)

    @property
    def is_kill(self) -> bool:
        """The provider cancelled the story: withdraw every version of it."""
        return self.article.article.pub_status == wire_pb2.PUB_STATUS_CANCELED

    @property
    def entities(self):
        return self.article.entities

    @property
    def sentiment(self):
        return self.article.sentiment

    def __repr__(self) -> str:
        return (f"Story({self.verdict} {self.headline!r} "
                f"{self.topic}[{self.partition}]@{self.offset})")


class Subscriber:
    """Consumes one topic as a consumer group and hands each Story to a handler.

    - isolation.level=read_committed: only records of committed pipeline
      transactions are seen.
    - An offset is stored only after the handler returned for the record and
      committed from the stored offsets (periodically and on close), so a
      record is never marked done before the handler finished with it: at
      least once. A handler exception (or a record that does not decode)
      propagates out of run(); that record is delivered again by the next
      run() or, after close(), to the next consumer of the same group.

    `subscription="korea-nuclear"` reads that subscription's topic,
    wire.sub.korea-nuclear (after topic_prefix), instead of `topic`.
    """

    def __init__(self, brokers: str, group_id: str, topic: str = DEFAULT_TOPIC,
                 topic_prefix: str = "", from_beginning: bool = True,
                 config: Optional[dict] = None,
                 subscription: Optional[str] = None):
        if subscription is not None:
            if topic != DEFAULT_TOPIC:
                raise ValueError("give either topic or subscription, not both")
            topic = subscription_topic(subscription)
        self.subscription = subscription
        self.topic = topic_prefix + topic
        conf = {
            "bootstrap.servers": brokers,
            "group.id": group_id,
            "isolation.level": "read_committed",
            "enable.auto.commit": True,
            "auto.commit.interval.ms": 1000,
            # Offsets are stored by hand after the handler returned.
            "enable.auto.offset.store": False,
            "auto.offset.reset": "earliest" if from_beginning else "latest",
        }
        conf.update(config or {})
        self._consumer = Consumer(conf)
        self._consumer.subscribe([self.topic])
        self._stopped = False

    def stop(self) -> None:
        """Makes run() return after the current record (callable from a handler)."""
        self._stopped = True

    def run(self, handler: Callable[[Story], None],
            max_records: Optional[int] = None,
            timeout: Optional[float] = None) -> int:
        """Delivers stories to handler until stop(), max_records or timeout
        seconds; returns how many the handler completed."""
        deadline = None if timeout is None else time.monotonic() + timeout
        handled = 0
        self._stopped = False
        while not self._stopped:
            if max_records is not None and handled >= max_records:
                break
            wait = 0.5
            if deadline is not None:
                left = deadline - time.monotonic()
                if left <= 0:
                    break
                wait = min(wait, left)
            msg = self._consumer.poll(wait)
            if msg is None:
                continue
            if msg.error():
                if msg.error().code() == KafkaError._PARTITION_EOF:
                    continue
                if msg.error().fatal() or not msg.error().retriable():
                    raise SubscriberError(str(msg.error()))
                continue
            try:
                handler(self._decode(msg))
            except BaseException:
                # Not stored, and the consumer is rewound to it: the next
                # run() (or the next member of the group) gets it again.
                self._consumer.seek(TopicPartition(
                    msg.topic(), msg.partition(), msg.offset()))
                raise
            self._consumer.store_offsets(message=msg)
            handled += 1
        return handled

    def commit(self) -> None:
        """Commits the offsets of every record handled so far, now."""
        try:
            self._consumer.commit(asynchronous=False)
        except KafkaException as e:
            if e.args[0].code() != KafkaError._NO_OFFSET:
                raise

    def close(self) -> None:
        """Commits what was handled and leaves the group."""
        try:
            self.commit()
        finally:
            self._consumer.close()

    def __enter__(self) -> "Subscriber":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def _decode(self, msg: Message) -> Story:
        article = wire_pb2.EnrichedArticle()
        try:
            article.ParseFromString(msg.value() or b"")
        except Exception as e:  # protobuf raises DecodeError
            raise SubscriberError(
                f"{msg.topic()}[{msg.partition()}]@{msg.offset()} is not an "
                f"EnrichedArticle: {e}") from e
        subscription = None
        for name, value in msg.headers() or []:
            if name == SUBSCRIPTION_HEADER and value is not None:
                subscription = value.decode("utf-8", "replace")
        return Story(article, msg.topic(), msg.partition(), msg.offset(),
                     msg.key(), subscription)
