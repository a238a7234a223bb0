package newswire.client;

import static newswire.client.PipelineEnv.env;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * The Java kit on newswire-route's output. What each subscription receives is
 * clients/tests/expected-routes.tsv, which clients/tests/run.sh checks against `newswire process
 * --subscriptions` before the kits run; run.sh also counts the records on each wire.sub.&lt;name&gt;
 * (NEWSWIRE_TEST_SUBSCRIPTION_RECORDS) so that extra records fail too.
 */
class SubscriptionTest {
  record Route(String kind, String headline) {}

  static String brokers;
  static String prefix;
  static final Map<String, List<Route>> routes = new LinkedHashMap<>();
  static final Map<String, Integer> counts = new HashMap<>();
  static final Map<String, Story> byHeadline = new HashMap<>();
  static final Map<String, List<Integer>> versions = new HashMap<>();
  static final List<Story> enriched = new ArrayList<>();
  static final Map<String, List<Story>> routed = new HashMap<>();

  static String group() {
    return PipelineEnv.group(prefix);
  }

  static String kind(Story s) {
    return s.isKill() ? "kill" : s.isUpdate() ? "update" : "new";
  }

  @BeforeAll
  static void readRoutes() throws IOException {
    brokers = env("NEWSWIRE_TEST_BROKERS");
    prefix = env("NEWSWIRE_TEST_TOPIC_PREFIX");
    Path fixture = Path.of(env("NEWSWIRE_TEST_EXPECTED_ROUTES"));
    for (String line : Files.readAllLines(fixture, StandardCharsets.UTF_8)) {
      if (line.isEmpty() || line.startsWith("#")) continue;
      String[] f = line.split("\t", -1);
      assertEquals(3, f.length, fixture + ": " + line);
      List<Route> list = routes.computeIfAbsent(f[0], k -> new ArrayList<>());
      if (!f[1].equals("none")) list.add(new Route(f[1], f[2]));
    }
    for (String item : env("NEWSWIRE_TEST_SUBSCRIPTION_RECORDS").trim().split("\\s+")) {
      String[] kv = item.split("=");
      counts.put(kv[0], Integer.parseInt(kv[1]));
    }
    int expected = Integer.parseInt(env("NEWSWIRE_TEST_EXPECTED_ENRICHED"));
    try (Subscriber sub = Subscriber.builder(brokers, group()).topicPrefix(prefix).build()) {
      sub.run(enriched::add, expected, Duration.ofSeconds(60));
    }
    assertEquals(expected, enriched.size());
    for (Story s : enriched) {
      byHeadline.put(s.headline(), s);
      versions
          .computeIfAbsent(s.storyId(), k -> new ArrayList<>())
          .add(s.article().getDedup().getStoryVersion());
    }
    for (String name : routes.keySet()) {
      List<Story> got = new ArrayList<>();
      try (Subscriber sub =
          Subscriber.builder(brokers, group()).topicPrefix(prefix).subscription(name).build()) {
        assertEquals(prefix + "wire.sub." + name, sub.topic());
        assertNotNull(counts.get(name), "run.sh did not count " + name);
        // run's 0 is "no limit"; run.sh found the topic empty.
        if (counts.get(name) > 0) sub.run(got::add, counts.get(name), Duration.ofSeconds(60));
      }
      assertEquals(counts.get(name), got.size(), name);
      routed.put(name, got);
    }
  }

  @Test
  void subscriptionTopicNames() {
    assertEquals("wire.sub.", Subscriber.SUBSCRIPTION_TOPIC_PREFIX);
    assertEquals("wire.sub.korea-nuclear", Subscriber.subscriptionTopic("korea-nuclear"));
    for (String bad : new String[] {"", "Korea", "korea nuclear", "a.b", "wire.sub.x"}) {
      assertThrows(IllegalArgumentException.class, () -> Subscriber.subscriptionTopic(bad));
      assertThrows(
          IllegalArgumentException.class, () -> Subscriber.builder("b:1", "g").subscription(bad));
    }
    assertThrows(
        IllegalArgumentException.class,
        () -> Subscriber.builder("b:1", "g").topic("t").subscription("strikes").build());
  }

  @Test
  void fixtureAndTopicsCoverTheSameSubscriptions() {
    assertEquals(new TreeSet<>(routes.keySet()), new TreeSet<>(counts.keySet()));
  }

  @Test
  void enrichedRecordsNameNoSubscription() {
    for (Story s : enriched) assertNull(s.subscription(), s.headline());
  }

  @TestFactory
  Stream<DynamicTest> eachSubscriptionReceivesExactlyItsStories() {
    return routes.keySet().stream()
        .map(
            name ->
                DynamicTest.dynamicTest(
                    name,
                    () -> {
                      List<Story> got = routed.get(name);
                      List<Route> gotRoutes = new ArrayList<>();
                      for (Story s : got) {
                        gotRoutes.add(new Route(kind(s), s.headline()));
                        // The header names the subscription, and the kit surfaces it.
                        assertEquals(name, s.subscription(), s.headline());
                        // The same record as on wire.enriched: same key, same content.
                        Story orig = byHeadline.get(s.headline());
                        assertNotNull(orig, s.headline());
                        assertArrayEquals(orig.key(), s.key());
                        assertEquals(orig.article(), s.article());
                      }
                      assertEquals(routes.get(name), gotRoutes);
                      // Known stories that are not in it.
                      Set<String> absent = new HashSet<>(byHeadline.keySet());
                      for (Route r : routes.get(name)) absent.remove(r.headline());
                      assertFalse(absent.isEmpty(), "receives every story: tests nothing");
                      for (Story s : got) assertFalse(absent.contains(s.headline()));
                    }));
  }

  /**
   * A subscription that received a version of a story receives every later version, update or
   * kill, in order, whether or not it matches.
   */
  @Test
  void updatesAndKillsFollowTheirStory() {
    int updates = 0;
    int kills = 0;
    for (var entry : routed.entrySet()) {
      Map<String, List<Story>> byStory = new LinkedHashMap<>();
      for (Story s : entry.getValue()) {
        byStory.computeIfAbsent(s.storyId(), k -> new ArrayList<>()).add(s);
      }
      for (var story : byStory.entrySet()) {
        List<Story> got = story.getValue();
        int first = got.get(0).article().getDedup().getStoryVersion();
        List<Integer> want = new ArrayList<>();
        for (int v : versions.get(story.getKey())) if (v >= first) want.add(v);
        List<Integer> have = new ArrayList<>();
        for (Story s : got) have.add(s.article().getDedup().getStoryVersion());
        assertEquals(want, have, entry.getKey() + " story " + story.getKey());
        for (Story s : got.subList(1, got.size())) {
          if (s.isKill()) kills++;
          else if (s.isUpdate()) updates++;
        }
      }
    }
    // The feed has an update and a kill of a routed story (the bridge).
    assertTrue(updates > 0 && kills > 0, "follow-ups: " + updates + " updates, " + kills + " kills");
  }
}
