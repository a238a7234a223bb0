// The TypeScript kit against the real pipeline output: clients/tests/run.sh
// runs the services on the sample feed plus clients/testdata first. Expected
// values are what `newswire process` gives for the same files.
import assert from "node:assert/strict";
import { before, test } from "node:test";
import { create } from "@bufbuild/protobuf";
import {
  EnrichedArticleSchema,
  EntityType,
  PubStatus,
  SentimentLabel,
  Story,
  Subscriber,
  Verdict,
} from "../src/index.js";
import { brokers, expected, group, topicPrefix } from "../test-support/env.js";
const subscriber = (groupId: string) => new Subscriber({ brokers, groupId, topicPrefix });

let stories: Story[] = [];
const byHeadline = new Map<string, Story>();
const story = (h: string): Story => {
  const s = byHeadline.get(h);
  assert.ok(s, `no story ${h}`);
  return s;
};

before(async () => {
  const sub = subscriber(group());
  assert.equal(sub.topic, `${topicPrefix}wire.enriched`);
  await sub.run((s) => void stories.push(s), { maxRecords: expected, timeoutMs: 60_000 });
  assert.equal(stories.length, expected);
  for (const s of stories) byHeadline.set(s.headline, s);
});

test("every story once, no duplicates", () => {
  assert.equal(expected, 11);
  assert.equal(byHeadline.size, 11);
  for (const s of stories) assert.ok(!s.isDuplicate, s.headline);
});

test("ferry strike entities and sentiment", () => {
  const s = story("Ferry crews walk out in Port Ellis over night-shift pay");
  assert.equal(s.verdict, "UNIQUE");
  assert.ok(!s.isUpdate && !s.isKill);
  const found = new Map<string, string>();
  const body = Buffer.from(s.article.article!.body, "utf8");
  for (const e of s.article.entities) {
    found.set(e.canonicalId, `${EntityType[e.type]} ${e.canonicalName}`);
    assert.equal(body.subarray(e.begin, e.end).toString("utf8"), e.text);
  }
  assert.equal(found.get("nw:per:ad7f948a3e22c700"), "PERSON Maria Okonkwo");
  assert.equal(found.get("nw:org:e7716aeaa1332bba"), "ORGANIZATION Harbour Workers Union");
  assert.equal(found.get("nw:org:841ca23121642ded"), "ORGANIZATION Bay Crossing Lines");
  assert.ok(s.article.sentiment!.score < 0);
  assert.equal(s.article.sentiment!.label, SentimentLabel.NEGATIVE);
});

test("market stories stay apart with opposite sentiment", () => {
  const up = story("Northbridge stocks close higher as lenders rally");
  const down = story("Northbridge stocks close lower as miners slide");
  assert.equal(up.verdict, "UNIQUE");
  assert.equal(down.verdict, "UNIQUE");
  assert.notEqual(up.storyId, down.storyId);
  assert.ok(up.article.sentiment!.score > 0 && down.article.sentiment!.score < 0);
});

test("update and kill", () => {
  const first = story("Tarnholm bridge closed after cracks found in main span");
  const update = story("Tarnholm bridge to reopen to cars next week, engineers say");
  const kill = story("KILL: Tarnholm bridge to reopen to cars next week");
  assert.equal(first.verdict, "UNIQUE");
  assert.ok(!first.isKill && !first.isUpdate);
  assert.ok(update.isUpdate && !update.isKill);
  assert.equal(update.article.dedup!.storyVersion, 2);
  assert.ok(kill.isKill);
  assert.equal(kill.article.dedup!.storyVersion, 3);
  assert.equal(update.storyId, first.storyId);
  assert.equal(kill.storyId, first.storyId);
});

test("a handler error leaves the record to the next subscriber of the group", async () => {
  const g = group();
  const seen: string[] = [];
  await assert.rejects(
    subscriber(g).run(
      (s) => {
        seen.push(s.offset);
        if (seen.length === 3) throw new Error("handler failed");
      },
      { timeoutMs: 60_000 },
    ),
    /handler failed/,
  );
  assert.deepEqual(seen, stories.slice(0, 3).map((s) => s.offset));
  const again: string[] = [];
  await subscriber(g).run((s) => void again.push(s.offset), { maxRecords: 1, timeoutMs: 60_000 });
  assert.deepEqual(again, [stories[2].offset]);
  const next: string[] = [];
  await subscriber(g).run((s) => void next.push(s.offset), { maxRecords: 1, timeoutMs: 60_000 });
  assert.deepEqual(next, [stories[3].offset]);
});

test("Story accessors on a built message", () => {
  const a = create(EnrichedArticleSchema, {
    article: { pubStatus: PubStatus.CANCELED },
    dedup: { verdict: Verdict.NEAR_DUPLICATE },
  });
  const s = new Story(a, "t", 0, "0", null);
  assert.ok(s.isKill && s.isDuplicate && !s.isUpdate);
  assert.equal(s.verdict, "NEAR_DUPLICATE");
});
