// The TypeScript kit on newswire-route's output. What each subscription
// receives is clients/tests/expected-routes.tsv, which clients/tests/run.sh
// checks against `newswire process --subscriptions` before the kits run;
// run.sh also counts the records on each wire.sub.<name>
// (NEWSWIRE_TEST_SUBSCRIPTION_RECORDS) so that extra records fail too.
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { before, test } from "node:test";
import { equals } from "@bufbuild/protobuf";
import {
  EnrichedArticleSchema,
  SUBSCRIPTION_TOPIC_PREFIX,
  Story,
  Subscriber,
  subscriptionTopic,
} from "../src/index.js";
import { brokers, env, expected, group, topicPrefix } from "../test-support/env.js";

// subscription -> [kind, headline][] in order, from the checked fixture.
const routes = new Map<string, [string, string][]>();
for (const line of readFileSync(env("NEWSWIRE_TEST_EXPECTED_ROUTES"), "utf8").split("\n")) {
  if (line === "" || line.startsWith("#")) continue;
  const [name, kind, headline, ...rest] = line.split("\t");
  assert.ok(headline !== undefined && rest.length === 0, `bad fixture line ${line}`);
  if (!routes.has(name)) routes.set(name, []);
  if (kind !== "none") routes.get(name)!.push([kind, headline]);
}
const counts = new Map<string, number>(
  env("NEWSWIRE_TEST_SUBSCRIPTION_RECORDS")
    .trim()
    .split(/\s+/)
    .map((item) => {
      const [name, n] = item.split("=");
      return [name, Number(n)];
    }),
);
const kind = (s: Story) => (s.isKill ? "kill" : s.isUpdate ? "update" : "new");

const enriched: Story[] = [];
const byHeadline = new Map<string, Story>();
const versions = new Map<string, number[]>();
const routed = new Map<string, Story[]>();

before(async () => {
  const sub = new Subscriber({ brokers, groupId: group(), topicPrefix });
  await sub.run((s) => void enriched.push(s), { maxRecords: expected, timeoutMs: 60_000 });
  assert.equal(enriched.length, expected);
  for (const s of enriched) {
    byHeadline.set(s.headline, s);
    if (!versions.has(s.storyId)) versions.set(s.storyId, []);
    versions.get(s.storyId)!.push(s.article.dedup!.storyVersion);
  }
  for (const name of routes.keys()) {
    const n = counts.get(name);
    assert.ok(n !== undefined, `run.sh did not count ${name}`);
    const got: Story[] = [];
    const sub = new Subscriber({ brokers, groupId: group(), topicPrefix, subscription: name });
    assert.equal(sub.topic, `${topicPrefix}wire.sub.${name}`);
    if (n > 0) await sub.run((s) => void got.push(s), { maxRecords: n, timeoutMs: 60_000 });
    assert.equal(got.length, n, name);
    routed.set(name, got);
  }
});

test("subscription topic names", () => {
  assert.equal(SUBSCRIPTION_TOPIC_PREFIX, "wire.sub.");
  assert.equal(subscriptionTopic("korea-nuclear"), "wire.sub.korea-nuclear");
  for (const bad of ["", "Korea", "korea nuclear", "a.b", "wire.sub.x"]) {
    assert.throws(() => subscriptionTopic(bad), /must match/);
    assert.throws(() => new Subscriber({ brokers, groupId: "g", subscription: bad }), /must match/);
  }
  assert.throws(
    () => new Subscriber({ brokers, groupId: "g", topic: "t", subscription: "strikes" }),
    /not both/,
  );
});

test("fixture and topics cover the same subscriptions", () => {
  assert.deepEqual([...routes.keys()].sort(), [...counts.keys()].sort());
});

test("wire.enriched records name no subscription", () => {
  for (const s of enriched) assert.equal(s.subscription, undefined, s.headline);
});

test("each subscription receives exactly its stories", async (t) => {
  for (const [name, want] of routes) {
    await t.test(name, () => {
      const got = routed.get(name)!;
      assert.deepEqual(
        got.map((s) => [kind(s), s.headline]),
        want,
      );
      for (const s of got) {
        // The header names the subscription, and the kit surfaces it.
        assert.equal(s.subscription, name, s.headline);
        // The same record as on wire.enriched: same key, same content.
        const orig = byHeadline.get(s.headline);
        assert.ok(orig, s.headline);
        assert.deepEqual(s.key, orig.key);
        assert.ok(equals(EnrichedArticleSchema, s.article, orig.article), s.headline);
      }
      // Known stories that are not in it.
      const wanted = new Set(want.map(([, h]) => h));
      const absent = [...byHeadline.keys()].filter((h) => !wanted.has(h));
      assert.ok(absent.length > 0, "receives every story: tests nothing");
      for (const s of got) assert.ok(!absent.includes(s.headline), s.headline);
    });
  }
});

// A subscription that received a version of a story receives every later
// version, update or kill, in order, whether or not it matches.
test("updates and kills follow their story", () => {
  let updates = 0;
  let kills = 0;
  for (const [name, got] of routed) {
    const byStory = new Map<string, Story[]>();
    for (const s of got) {
      if (!byStory.has(s.storyId)) byStory.set(s.storyId, []);
      byStory.get(s.storyId)!.push(s);
    }
    for (const [id, list] of byStory) {
      const first = list[0].article.dedup!.storyVersion;
      assert.deepEqual(
        list.map((s) => s.article.dedup!.storyVersion),
        versions.get(id)!.filter((v) => v >= first),
        `${name} story ${id}`,
      );
      for (const s of list.slice(1)) {
        if (s.isKill) kills++;
        else if (s.isUpdate) updates++;
      }
    }
  }
  // The feed has an update and a kill of a routed story (the bridge).
  assert.ok(updates > 0 && kills > 0, `follow-ups: ${updates} updates, ${kills} kills`);
});
