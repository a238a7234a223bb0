// Prints each enriched story as it arrives:
//   node dist/examples/print-enriched.js BROKERS [TOPIC_PREFIX [MAX [SUBSCRIPTION]]]
// With SUBSCRIPTION it reads wire.sub.<SUBSCRIPTION> instead of wire.enriched.
import { EntityType, SentimentLabel, Subscriber } from "../src/index.js";

const [brokers = "127.0.0.1:9092", topicPrefix = "", max, subscription] = process.argv.slice(2);
const sub = new Subscriber({ brokers, groupId: "newswire-example-ts", topicPrefix, subscription });
process.once("SIGINT", () => sub.stop());
await sub.run(
  (story) => {
    const flags = (story.isUpdate ? " [UPDATE]" : "") + (story.isKill ? " [KILL]" : "");
    const via = story.subscription ? ` via ${story.subscription}` : "";
    console.log(`${story.headline}  (${story.verdict}${flags})${via}`);
    for (const e of story.article.entities) {
      console.log(`    ${EntityType[e.type].padEnd(12)} ${e.canonicalId.padEnd(28)} ${e.canonicalName}`);
    }
    const s = story.article.sentiment;
    const score = s?.score ?? 0;
    console.log(`    sentiment ${SentimentLabel[s?.label ?? 0]} ${score >= 0 ? "+" : ""}${score.toFixed(2)}`);
  },
  { maxRecords: max ? Number(max) : undefined },
);
