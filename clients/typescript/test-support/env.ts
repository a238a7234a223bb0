// The environment clients/tests/run.sh gives the kits' tests: the broker,
// the run's topic prefix and what the pipeline wrote.
import assert from "node:assert/strict";
import { randomUUID } from "node:crypto";

export function env(name: string): string {
  const v = process.env[name];
  // Missing environment is a failure, not a skip: run via make test-clients.
  assert.ok(v, `${name} is not set: run \`make test-clients\``);
  return v;
}

export const brokers = env("NEWSWIRE_TEST_BROKERS");
export const topicPrefix = env("NEWSWIRE_TEST_TOPIC_PREFIX");
/** Records on wire.enriched. */
export const expected = Number(env("NEWSWIRE_TEST_EXPECTED_ENRICHED"));
/** A consumer group no other test uses. */
export const group = () => `${topicPrefix}ts-${randomUUID()}`;
