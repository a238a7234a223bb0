// Subscriber kit for newswire's enriched topic: decoded
// newswire.v1.EnrichedArticle records, read_committed, at-least-once.
import { fromBinary } from "@bufbuild/protobuf";
import kafkajs from "kafkajs";
import type { Consumer, KafkaConfig } from "kafkajs";
import {
  EnrichedArticleSchema,
  PubStatus,
  Verdict,
  type EnrichedArticle,
} from "./gen/newswire/v1/wire_pb.js";
import { registerLz4 } from "./lz4.js";

export * from "./gen/newswire/v1/wire_pb.js";

const { Kafka, logLevel } = kafkajs;
registerLz4();

/** The topic the enrich stage writes. */
export const DEFAULT_TOPIC = "wire.enriched";
/** newswire-route writes subscription <name> to this prefix + name. */
export const SUBSCRIPTION_TOPIC_PREFIX = "wire.sub.";
/** The header naming the subscription on each record of wire.sub.<name>. */
export const SUBSCRIPTION_HEADER = "newswire-subscription";

/**
 * The topic of subscription `name` without a topic prefix:
 * subscriptionTopic("korea-nuclear") is "wire.sub.korea-nuclear". Throws for
 * a name route would reject (not [a-z0-9-]+).
 */
export function subscriptionTopic(name: string): string {
  if (!/^[a-z0-9-]+$/.test(name)) {
    throw new Error(`subscription name ${JSON.stringify(name)} must match [a-z0-9-]+`);
  }
  return SUBSCRIPTION_TOPIC_PREFIX + name;
}

export interface SubscriberOptions {
  /** host:port[,host:port...] */
  brokers: string;
  /** Consumer group: offsets are kept per group. */
  groupId: string;
  /** DEFAULT_TOPIC when omitted. */
  topic?: string;
  /**
   * Reads this subscription's topic, wire.sub.<name> (after topicPrefix),
   * instead of `topic` (give one or the other).
   */
  subscription?: string;
  /** Prepended to the topic (the services' --topic_prefix). */
  topicPrefix?: string;
  /** A group with no committed offset starts at the end, not the beginning. */
  fromLatest?: boolean;
  /** Extra kafkajs client settings (ssl, sasl, logLevel, ...). */
  kafka?: Partial<KafkaConfig>;
}

export interface RunOptions {
  /** Return after this many stories were handled. */
  maxRecords?: number;
  /** Return after this many milliseconds. */
  timeoutMs?: number;
}

/**
 * One decoded record and where it came from. `subscription` is the record's
 * SUBSCRIPTION_HEADER (set by newswire-route on wire.sub.<name>), undefined
 * on other topics.
 */
export class Story {
  constructor(
    readonly article: EnrichedArticle,
    readonly topic: string,
    readonly partition: number,
    readonly offset: string,
    readonly key: Buffer | null,
    readonly subscription?: string,
  ) {}

  get headline(): string {
    return this.article.article?.headline ?? "";
  }
  /** Dedup verdict name: UNIQUE, UPDATE, EXACT_DUPLICATE, NEAR_DUPLICATE. */
  get verdict(): string {
    return Verdict[this.article.dedup?.verdict ?? Verdict.VERDICT_UNSPECIFIED];
  }
  /** Shared by every version of one story. */
  get storyId(): string {
    return this.article.dedup?.storyId ?? "";
  }
  /** A new version of a story already delivered. */
  get isUpdate(): boolean {
    return this.article.dedup?.verdict === Verdict.UPDATE;
  }
  /** An exact or near duplicate (only on wire.duplicates). */
  get isDuplicate(): boolean {
    const v = this.article.dedup?.verdict;
    return v === Verdict.EXACT_DUPLICATE || v === Verdict.NEAR_DUPLICATE;
  }
  /** The provider cancelled the story: withdraw every version of it. */
  get isKill(): boolean {
    return this.article.article?.pubStatus === PubStatus.CANCELED;
  }
}

export type Handler = (story: Story) => void | Promise<void>;

/**
 * Consumes one topic as a member of a consumer group. An offset is committed
 * only after the handler resolved for that record (at least once); a handler
 * error rejects run() and the record is delivered again to the next
 * subscriber of the group.
 */
export class Subscriber {
  readonly topic: string;
  private readonly consumer: Consumer;
  private readonly fromBeginning: boolean;
  private finish: ((err?: unknown) => void) | null = null;

  constructor(opts: SubscriberOptions) {
    let topic = opts.topic ?? DEFAULT_TOPIC;
    if (opts.subscription !== undefined) {
      if (opts.topic !== undefined) throw new Error("give topic or subscription, not both");
      topic = subscriptionTopic(opts.subscription);
    }
    this.topic = (opts.topicPrefix ?? "") + topic;
    this.fromBeginning = !opts.fromLatest;
    const kafka = new Kafka({
      clientId: "newswire-subscriber",
      brokers: opts.brokers.split(","),
      logLevel: logLevel.WARN,
      ...opts.kafka,
    });
    // readUncommitted: false is read_committed.
    this.consumer = kafka.consumer({ groupId: opts.groupId, readUncommitted: false });
  }

  /** Makes run() resolve after the current record. */
  stop(): void {
    this.finish?.();
  }

  /**
   * Delivers stories in partition order until stop(), maxRecords or
   * timeoutMs; resolves to how many the handler completed. One run per
   * Subscriber: it leaves the group when it returns.
   */
  async run(handler: Handler, opts: RunOptions = {}): Promise<number> {
    let handled = 0;
    let done = false;
    let failure: unknown = undefined;
    const finished = new Promise<void>((resolve) => {
      this.finish = (err?: unknown) => {
        if (!done) {
          done = true;
          failure = err;
          resolve();
        }
      };
    });
    const timer =
      opts.timeoutMs !== undefined ? setTimeout(() => this.stop(), opts.timeoutMs) : undefined;
    try {
      await this.consumer.connect();
      await this.consumer.subscribe({ topics: [this.topic], fromBeginning: this.fromBeginning });
      await this.consumer.run({
        autoCommit: false,
        eachMessage: async ({ topic, partition, message }) => {
          // After a failure or the limit nothing more is handled or committed:
          // the group's next subscriber starts at the first unhandled record.
          if (done) return;
          try {
            const article = fromBinary(EnrichedArticleSchema, message.value ?? new Uint8Array());
            const header = message.headers?.[SUBSCRIPTION_HEADER];
            const subscription = (Array.isArray(header) ? header.at(-1) : header)?.toString();
            const { offset, key } = message;
            await handler(new Story(article, topic, partition, offset, key, subscription));
          } catch (err) {
            this.finish?.(err);
            return;
          }
          const next = (BigInt(message.offset) + 1n).toString();
          await this.consumer.commitOffsets([{ topic, partition, offset: next }]);
          handled++;
          if (opts.maxRecords !== undefined && handled >= opts.maxRecords) this.finish?.();
        },
      });
      if (opts.maxRecords === 0) this.finish?.();
      await finished;
    } finally {
      if (timer) clearTimeout(timer);
      await this.consumer.disconnect();
    }
    if (failure !== undefined) throw failure;
    return handled;
  }
}
