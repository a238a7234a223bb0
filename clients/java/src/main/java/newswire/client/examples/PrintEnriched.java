package newswire.client.examples;

import java.time.Duration;
import newswire.client.Subscriber;
import newswire.v1.Wire.Entity;

/**
 * Prints each enriched story as it arrives.
 *
 * <pre>PrintEnriched BROKERS [TOPIC_PREFIX [MAX [SUBSCRIPTION]]]</pre>
 *
 * <p>With SUBSCRIPTION it reads wire.sub.&lt;SUBSCRIPTION&gt; instead of wire.enriched.
 */
public final class PrintEnriched {
  public static void main(String[] args) {
    String brokers = args.length > 0 ? args[0] : "127.0.0.1:9092";
    String prefix = args.length > 1 ? args[1] : "";
    int max = args.length > 2 ? Integer.parseInt(args[2]) : 0;
    var builder = Subscriber.builder(brokers, "newswire-example-java").topicPrefix(prefix);
    if (args.length > 3) builder.subscription(args[3]);
    try (Subscriber sub = builder.build()) {
      sub.run(
          story -> {
            String flags = (story.isUpdate() ? " [UPDATE]" : "") + (story.isKill() ? " [KILL]" : "");
            String via = story.subscription() == null ? "" : " via " + story.subscription();
            System.out.printf("%s  (%s%s)%s%n", story.headline(), story.verdict(), flags, via);
            for (Entity e : story.article().getEntitiesList()) {
              System.out.printf(
                  "    %-12s %-28s %s%n", e.getType(), e.getCanonicalId(), e.getCanonicalName());
            }
            var s = story.article().getSentiment();
            System.out.printf("    sentiment %s %+.2f%n", s.getLabel(), s.getScore());
          },
          max,
          (Duration) null);
    }
  }
}
