"""The Python kit against the real pipeline output (clients/tests/run.sh runs
the services on the sample feed plus clients/testdata first). Expected values
are what `newswire process` gives for the same files; what each subscription
receives is clients/tests/expected-routes.tsv, which run.sh checks against
`newswire process --subscriptions` before the kits run."""

import os
import time
import uuid

import pytest

from newswire_client import (SUBSCRIPTION_TOPIC_PREFIX, Story, Subscriber,
                             subscription_topic, wire_pb2)


def env(name):
    value = os.environ.get(name)
    # A missing environment is a failure, not a skip: run via make test-clients.
    assert value, f"{name} is not set: run `make test-clients`"
    return value


BROKERS = env("NEWSWIRE_TEST_BROKERS")
PREFIX = env("NEWSWIRE_TEST_TOPIC_PREFIX")
EXPECTED = int(env("NEWSWIRE_TEST_EXPECTED_ENRICHED"))
# "name=count ...": records run.sh counted on each wire.sub.<name>.
ROUTED = {k: int(v) for k, v in (
    item.split("=") for item in env("NEWSWIRE_TEST_SUBSCRIPTION_RECORDS").split())}


def read_expected_routes(path):
    """{subscription: [(kind, headline), ...]} from the checked fixture."""
    routes = {}
    with open(path, encoding="utf-8") as f:
        for line in f:
            line = line.rstrip("\n")
            if line and not line.startswith("#"):
                name, kind, headline = line.split("\t")
                routes.setdefault(name, [])
                if kind != "none":
                    routes[name].append((kind, headline))
    return routes


ROUTES = read_expected_routes(env("NEWSWIRE_TEST_EXPECTED_ROUTES"))

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


def kind(story):
    return "kill" if story.is_kill else "update" if story.is_update else "new"


@pytest.fixture(scope="module")
def routed():
    """Every subscription's topic, read with subscription=<name>."""
    got = {}
    for name in ROUTES:
        stories = []
        with Subscriber(BROKERS, group(), topic_prefix=PREFIX,
                        subscription=name) as sub:
            assert sub.topic == PREFIX + "wire.sub." + name
            assert sub.subscription == name
            sub.run(stories.append, max_records=ROUTED[name], timeout=60)
        assert len(stories) == ROUTED[name], name
        got[name] = stories
    return got


def test_subscription_topic_names():
    assert SUBSCRIPTION_TOPIC_PREFIX == "wire.sub."
    assert subscription_topic("korea-nuclear") == "wire.sub.korea-nuclear"
    for bad in ("", "Korea", "korea nuclear", "a.b", "wire.sub.x"):
        with pytest.raises(ValueError):
            subscription_topic(bad)
    with pytest.raises(ValueError, match="not both"):
        Subscriber(BROKERS, group(), topic="wire.other", subscription="strikes")


def test_route_fixture_and_topics_cover_the_same_subscriptions():
    assert sorted(ROUTED) == sorted(ROUTES)
    # The feed must exercise both sides: some subscriptions get stories,
    # and no subscription gets everything.
    assert any(ROUTES.values())


@pytest.mark.parametrize("name", sorted(ROUTES))
def test_subscription_receives_exactly_its_stories(name, routed, by_headline):
    stories, expected = routed[name], ROUTES[name]
    assert len(stories) == len(expected)
    assert [(kind(s), s.headline) for s in stories] == expected
    for s in stories:
        # The header names the subscription, and the kit surfaces it.
        assert s.subscription == name
        assert s.topic == PREFIX + "wire.sub." + name
        # The same record as on wire.enriched: same key, same content.
        assert s.key == by_headline[s.headline].key
        assert s.article == by_headline[s.headline].article
    # Known stories that are not in it.
    absent = set(by_headline) - {h for _, h in expected}
    assert absent, "a subscription that receives every story tests nothing"
    assert not absent & {s.headline for s in stories}


def test_updates_and_kills_follow_their_story(routed, stories):
    """A subscription that received a version of a story receives every
    later version, update or kill, in order, whether or not it matches."""
    versions = {}
    for s in stories:
        versions.setdefault(s.story_id, []).append(s.article.dedup.story_version)
    follow_ups = []
    for name, got in routed.items():
        by_story = {}
        for s in got:
            by_story.setdefault(s.story_id, []).append(s)
        for story_id, versions_got in by_story.items():
            first = versions_got[0].article.dedup.story_version
            assert [v.article.dedup.story_version for v in versions_got] == [
                v for v in versions[story_id] if v >= first], (name, story_id)
            follow_ups += [v for v in versions_got[1:]]
    # The feed has an update and a kill of a routed story (the bridge).
    assert any(s.is_update and not s.is_kill for s in follow_ups)
    assert any(s.is_kill for s in follow_ups)


def test_enriched_records_name_no_subscription(stories):
    assert all(s.subscription is None for s in stories)


def test_story_accessors_on_a_built_message():
    a = wire_pb2.EnrichedArticle()
    a.article.headline = "x"
    a.article.pub_status = wire_pb2.PUB_STATUS_CANCELED
    a.dedup.verdict = wire_pb2.NEAR_DUPLICATE
    s = Story(a, "t", 0, 0, None)
    assert s.is_kill and s.is_duplicate and not s.is_update
    assert s.verdict == "NEAR_DUPLICATE"
