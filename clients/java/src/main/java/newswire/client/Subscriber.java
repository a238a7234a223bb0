package newswire.client;

import com.google.protobuf.InvalidProtocolBufferException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.regex.Pattern;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import newswire.v1.Wire.EnrichedArticle;

/**
 * Consumes one newswire topic (wire.enriched by default) as a member of a consumer group and
 * hands each record to a handler as a decoded {@link Story}.
 *
 * <p>Records are read with {@code isolation.level=read_committed}. Delivery is at least once: an
 * offset is committed only after the handler returned normally for that record; a handler
 * exception stops {@link #run}, the records handled before it are committed, and the failed record
 * is delivered again by the next run (or to the next consumer of the group).
 */
public final class Subscriber implements AutoCloseable {
  public static final String DEFAULT_TOPIC = "wire.enriched";

  /** newswire-route writes subscription &lt;name&gt; to this prefix + name. */
  public static final String SUBSCRIPTION_TOPIC_PREFIX = "wire.sub.";

  /** The header naming the subscription on each record of wire.sub.&lt;name&gt;. */
  public static final String SUBSCRIPTION_HEADER = "newswire-subscription";

  private static final Pattern SUBSCRIPTION_NAME = Pattern.compile("[a-z0-9-]+");

  /**
   * The topic of subscription {@code name} without a topic prefix: "korea-nuclear" gives
   * "wire.sub.korea-nuclear".
   *
   * @throws IllegalArgumentException for a name route would reject (not [a-z0-9-]+)
   */
  public static String subscriptionTopic(String name) {
    if (name == null || !SUBSCRIPTION_NAME.matcher(name).matches()) {
      throw new IllegalArgumentException(
          "subscription name \"" + name + "\" must match [a-z0-9-]+");
    }
    return SUBSCRIPTION_TOPIC_PREFIX + name;
  }

  /** Processes one story; throwing leaves its offset uncommitted. */
  @FunctionalInterface
  public interface Handler {
    void handle(Story story) throws Exception;
  }

  /** A handler failure, a record that is not an EnrichedArticle, or a Kafka error. */
  public static final class SubscriberException extends RuntimeException {
    SubscriberException(String message, Throwable cause) {
      super(message, cause);
    }
  }

  private final KafkaConsumer<byte[], byte[]> consumer;
  private final String topic;
  private volatile boolean stopped;

  private Subscriber(Builder b) {
    this.topic =
        b.topicPrefix + (b.subscription == null ? b.topic : subscriptionTopic(b.subscription));
    Properties p = new Properties();
    p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, b.brokers);
    p.put(ConsumerConfig.GROUP_ID_CONFIG, b.groupId);
    p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
    p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, b.fromLatest ? "latest" : "earliest");
    p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
    p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
    p.putAll(b.extra);
    this.consumer = new KafkaConsumer<>(p);
    consumer.subscribe(List.of(topic));
  }

  public static Builder builder(String brokers, String groupId) {
    return new Builder(brokers, groupId);
  }

  /** The full topic name read (prefix included). */
  public String topic() {
    return topic;
  }

  /** Makes {@link #run} return after the current record; callable from a handler. */
  public void stop() {
    stopped = true;
  }

  /**
   * Delivers stories in partition order until {@link #stop}, {@code maxRecords} handled (0: no
   * limit) or {@code timeout} elapsed (null: none). Returns how many the handler completed.
   */
  public int run(Handler handler, int maxRecords, Duration timeout) {
    long deadline = timeout == null ? Long.MAX_VALUE : System.nanoTime() + timeout.toNanos();
    int handled = 0;
    stopped = false;
    while (!stopped && (maxRecords == 0 || handled < maxRecords)) {
      long left = deadline - System.nanoTime();
      if (left <= 0) break;
      var records = consumer.poll(Duration.ofNanos(Math.min(left, 500_000_000L)));
      Map<TopicPartition, OffsetAndMetadata> done = new HashMap<>();
      Map<TopicPartition, Long> rewind = new HashMap<>();
      RuntimeException failure = null;
      for (ConsumerRecord<byte[], byte[]> r : records) {
        TopicPartition tp = new TopicPartition(r.topic(), r.partition());
        if (failure != null || stopped || (maxRecords > 0 && handled >= maxRecords)) {
          rewind.putIfAbsent(tp, r.offset()); // not handled: poll it again
          continue;
        }
        try {
          handler.handle(decode(r));
        } catch (Exception e) {
          failure =
              e instanceof SubscriberException se
                  ? se
                  : new SubscriberException(
                      "handler failed on " + tp + "@" + r.offset() + ": " + e, e);
          rewind.put(tp, r.offset());
          continue;
        }
        done.put(tp, new OffsetAndMetadata(r.offset() + 1));
        handled++;
      }
      rewind.forEach(consumer::seek);
      if (!done.isEmpty()) consumer.commitSync(done);
      if (failure != null) throw failure;
    }
    return handled;
  }

  /** Leaves the group; every handled record was committed by {@link #run}. */
  @Override
  public void close() {
    consumer.close();
  }

  private static Story decode(ConsumerRecord<byte[], byte[]> r) {
    try {
      EnrichedArticle a = EnrichedArticle.parseFrom(r.value() == null ? new byte[0] : r.value());
      Header h = r.headers().lastHeader(SUBSCRIPTION_HEADER);
      String subscription =
          h == null || h.value() == null ? null : new String(h.value(), StandardCharsets.UTF_8);
      return new Story(a, r.topic(), r.partition(), r.offset(), r.key(), subscription);
    } catch (InvalidProtocolBufferException e) {
      throw new SubscriberException(
          r.topic() + "[" + r.partition() + "]@" + r.offset() + " is not an EnrichedArticle", e);
    }
  }

  /** Options of a {@link Subscriber}. */
  public static final class Builder {
    private final String brokers;
    private final String groupId;
    private String topic = DEFAULT_TOPIC;
    private String subscription;
    private String topicPrefix = "";
    private boolean fromLatest;
    private final Properties extra = new Properties();

    private Builder(String brokers, String groupId) {
      this.brokers = brokers;
      this.groupId = groupId;
    }

    /** Topic to read; default wire.enriched. */
    public Builder topic(String topic) {
      this.topic = topic;
      return this;
    }

    /**
     * Reads subscription {@code name}'s topic, wire.sub.&lt;name&gt; (after the topic prefix),
     * instead of {@link #topic}; build() rejects both given.
     *
     * @throws IllegalArgumentException for a name route would reject (not [a-z0-9-]+)
     */
    public Builder subscription(String name) {
      subscriptionTopic(name);
      this.subscription = name;
      return this;
    }

    /** Prepended to the topic name (the services' --topic_prefix). */
    public Builder topicPrefix(String prefix) {
      this.topicPrefix = prefix;
      return this;
    }

    /** A group with no committed offset starts at the end instead of the beginning. */
    public Builder fromLatest(boolean fromLatest) {
      this.fromLatest = fromLatest;
      return this;
    }

    /** Any other consumer property (security, client.id, ...). */
    public Builder property(String key, String value) {
      extra.put(key, value);
      return this;
    }

    /** @throws IllegalArgumentException when both a topic and a subscription were given */
    public Subscriber build() {
      if (subscription != null && !topic.equals(DEFAULT_TOPIC)) {
        throw new IllegalArgumentException("give topic or subscription, not both");
      }
      return new Subscriber(this);
    }
  }
}
