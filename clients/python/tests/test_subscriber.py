"""The Python kit against the real pipeline output (clients/tests/run.sh runs
the services on the sample feed plus clients/testdata first). Expected values
are what `newswire process` gives for the same files."""

import os
import time
import uuid

import pytest

from newswire_client import Story, Subscriber, wire_pb2


def env(name):
    value = os.environ.get(name)
    # A missing environment is a failure, not a skip: run via make test-clients.
    assert value, f"{name} is not set: run `make test-clients`"
    return value


BROKERS = env("NEWSWIRE_TEST_BROKERS")
PREFIX = env("NEWSWIRE_TEST_TOPIC_PREFIX")
EXPECTED = int(env("NEWSWIRE_TEST_EXPECTED_ENRICHED"))

FERRY = "Ferry crews walk out in Port Ellis over night-shift pay"
MARKET_UP = "Northbridge stocks close higher as lenders rally"
MARKET_DOWN = "Northbridge stocks close lower as miners slide"
FESTIVAL = "Lanterns light up old town for Beaulieu festival"
BRIDGE = "Tarnholm bridge closed after cracks found in main span"
BRIDGE_UPDATE = "Tarnholm bridge to reopen to cars next week, engineers say"
BRIDGE_KILL = "KILL: Tarnholm bridge to reopen to cars next week"


def group():
    return f"{PREFIX}py-{uuid.uuid4().hex[:8]}"


@pytest.fixture(scope="module")
def stories():
    got = []
    with Subscriber(BROKERS, group(), topic_prefix=PREFIX) as sub:
        assert sub.topic == PREFIX + "wire.enriched"
        sub.run(got.append, max_records=EXPECTED, timeout=60)
    assert len(got) == EXPECTED
    return got


@pytest.fixture(scope="module")
def by_headline(stories):
    return {s.headline: s for s in stories}


@pytest.fixture(scope="module")
def offsets(stories):
    # Transaction markers take offsets too: the records' own, in order.
    return [s.offset for s in stories]


def test_every_story_once_and_no_duplicates(by_headline):
    assert len(by_headline) == EXPECTED == 11
    assert all(not s.is_duplicate for s in by_headline.values())
    assert {s.verdict for s in by_headline.values()} == {"UNIQUE", "UPDATE"}


def test_ferry_strike_entities_and_sentiment(by_headline):
    s = by_headline[FERRY]
    assert s.verdict == "UNIQUE" and not s.is_update and not s.is_kill
    ents = {(e.canonical_id, e.canonical_name, wire_pb2.EntityType.Name(e.type))
            for e in s.entities}
    assert ("nw:per:ad7f948a3e22c700", "Maria Okonkwo", "PERSON") in ents
    assert ("nw:org:e7716aeaa1332bba", "Harbour Workers Union",
            "ORGANIZATION") in ents
    assert ("nw:org:841ca23121642ded", "Bay Crossing Lines",
            "ORGANIZATION") in ents
    body = s.article.article.body.encode()
    for e in s.entities:  # offsets are bytes into the body
        assert body[e.begin:e.end].decode() == e.text
    assert s.sentiment.score < 0
    assert s.sentiment.label == wire_pb2.NEGATIVE


def test_market_stories_stay_apart_with_opposite_sentiment(by_headline):
    up, down = by_headline[MARKET_UP], by_headline[MARKET_DOWN]
    assert up.verdict == down.verdict == "UNIQUE"
    assert up.story_id != down.story_id
    assert up.sentiment.score > 0 > down.sentiment.score


def test_latin1_copy_decoded(by_headline):
    s = by_headline[FESTIVAL]
    assert "Fête des Lumières" in s.article.article.body
    assert s.article.article.format == wire_pb2.WIRE_FORMAT_ANPA_1312


def test_update_and_kill(by_headline):
    first, update, kill = by_headline[BRIDGE], by_headline[BRIDGE_UPDATE], by_headline[BRIDGE_KILL]
    assert first.verdict == "UNIQUE" and not first.is_update and not first.is_kill
    assert update.is_update and not update.is_kill
    assert update.article.dedup.story_version == 2
    assert kill.is_kill and kill.article.dedup.story_version == 3
    assert first.story_id == update.story_id == kill.story_id
    assert update.article.dedup.duplicate_of == first.story_id


def test_handler_failure_redelivers_the_record(offsets):
    g = group()
    seen = []

    def fail_on_third(story):
        seen.append(story.offset)
        if len(seen) == 3:
            raise RuntimeError("handler failed")

    sub = Subscriber(BROKERS, g, topic_prefix=PREFIX)
    with pytest.raises(RuntimeError, match="handler failed"):
        sub.run(fail_on_third, timeout=60)
    # The same subscriber gets the failed record again.
    again = []
    sub.run(lambda s: again.append(s.offset), max_records=1, timeout=30)
    assert seen == offsets[:3]
    assert again == [offsets[2]]
    sub.close()  # commits offsets of the three records handled
    # A new member of the group resumes after the last handled record.
    with Subscriber(BROKERS, g, topic_prefix=PREFIX) as sub2:
        nxt = []
        sub2.run(lambda s: nxt.append(s.offset), max_records=1, timeout=30)
    assert nxt == [offsets[3]]


def test_uncommitted_record_goes_to_next_member(offsets):
    g = group()
    with Subscriber(BROKERS, g, topic_prefix=PREFIX) as sub:
        with pytest.raises(ValueError):
            sub.run(lambda s: (_ for _ in ()).throw(ValueError("no")), timeout=60)
    with Subscriber(BROKERS, g, topic_prefix=PREFIX) as sub2:
        first = []
        sub2.run(lambda s: first.append(s.offset), max_records=1, timeout=30)
    assert first == [offsets[0]]


def test_story_accessors_on_a_built_message():
    a = wire_pb2.EnrichedArticle()
    a.article.headline = "x"
    a.article.pub_status = wire_pb2.PUB_STATUS_CANCELED
    a.dedup.verdict = wire_pb2.NEAR_DUPLICATE
    s = Story(a, "t", 0, 0, None)
    assert s.is_kill and s.is_duplicate and not s.is_update
    assert s.verdict == "NEAR_DUPLICATE"
