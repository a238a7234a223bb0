package newswire.client;

import static newswire.client.PipelineEnv.env;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import newswire.v1.Wire.Article;
import newswire.v1.Wire.DedupResult;
import newswire.v1.Wire.EnrichedArticle;
import newswire.v1.Wire.Entity;
import newswire.v1.Wire.EntityType;
import newswire.v1.Wire.PubStatus;
import newswire.v1.Wire.SentimentLabel;
import newswire.v1.Wire.Verdict;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The Java kit against the real pipeline output: clients/tests/run.sh runs the services on the
 * sample feed plus clients/testdata first. Expected values are what `newswire process` gives for
 * the same files.
 */
class SubscriberTest {
  static String brokers;
  static String prefix;
  static int expected;
  static List<Story> stories;
  static Map<String, Story> byHeadline = new HashMap<>();

  static String group() {
    return PipelineEnv.group(prefix);
  }

  static Subscriber subscriber(String group) {
    return Subscriber.builder(brokers, group).topicPrefix(prefix).build();
  }

  @BeforeAll
  static void readPipelineOutput() {
    brokers = env("NEWSWIRE_TEST_BROKERS");
    prefix = env("NEWSWIRE_TEST_TOPIC_PREFIX");
    expected = Integer.parseInt(env("NEWSWIRE_TEST_EXPECTED_ENRICHED"));
    stories = new ArrayList<>();
    try (Subscriber sub = subscriber(group())) {
      assertEquals(prefix + "wire.enriched", sub.topic());
      sub.run(stories::add, expected, Duration.ofSeconds(60));
    }
    assertEquals(expected, stories.size());
    for (Story s : stories) byHeadline.put(s.headline(), s);
  }

  static Story story(String headline) {
    Story s = byHeadline.get(headline);
    assertNotNull(s, "no story " + headline);
    return s;
  }

  @Test
  void everyStoryOnceAndNoDuplicates() {
    assertEquals(11, expected);
    assertEquals(11, byHeadline.size());
    for (Story s : stories) assertFalse(s.isDuplicate(), s.headline());
  }

  @Test
  void ferryStrikeEntitiesAndSentiment() {
    Story s = story("Ferry crews walk out in Port Ellis over night-shift pay");
    assertEquals(Verdict.UNIQUE, s.verdict());
    assertFalse(s.isUpdate());
    assertFalse(s.isKill());
    Map<String, String> found = new HashMap<>();
    byte[] body = s.article().getArticle().getBody().getBytes(StandardCharsets.UTF_8);
    for (Entity e : s.article().getEntitiesList()) {
      found.put(e.getCanonicalId(), e.getType() + " " + e.getCanonicalName());
      assertEquals(
          e.getText(),
          new String(body, e.getBegin(), e.getEnd() - e.getBegin(), StandardCharsets.UTF_8));
    }
    assertEquals("PERSON Maria Okonkwo", found.get("nw:per:ad7f948a3e22c700"));
    assertEquals("ORGANIZATION Harbour Workers Union", found.get("nw:org:e7716aeaa1332bba"));
    assertEquals("ORGANIZATION Bay Crossing Lines", found.get("nw:org:841ca23121642ded"));
    assertTrue(s.article().getSentiment().getScore() < 0);
    assertEquals(SentimentLabel.NEGATIVE, s.article().getSentiment().getLabel());
  }

  @Test
  void marketStoriesStayApartWithOppositeSentiment() {
    Story up = story("Northbridge stocks close higher as lenders rally");
    Story down = story("Northbridge stocks close lower as miners slide");
    assertEquals(Verdict.UNIQUE, up.verdict());
    assertEquals(Verdict.UNIQUE, down.verdict());
    assertNotEquals(up.storyId(), down.storyId());
    assertTrue(up.article().getSentiment().getScore() > 0);
    assertTrue(down.article().getSentiment().getScore() < 0);
  }

  @Test
  void updateAndKill() {
    Story first = story("Tarnholm bridge closed after cracks found in main span");
    Story update = story("Tarnholm bridge to reopen to cars next week, engineers say");
    Story kill = story("KILL: Tarnholm bridge to reopen to cars next week");
    assertEquals(Verdict.UNIQUE, first.verdict());
    assertFalse(first.isKill());
    assertTrue(update.isUpdate());
    assertFalse(update.isKill());
    assertEquals(2, update.article().getDedup().getStoryVersion());
    assertTrue(kill.isKill());
    assertEquals(3, kill.article().getDedup().getStoryVersion());
    assertEquals(first.storyId(), update.storyId());
    assertEquals(first.storyId(), kill.storyId());
  }

  @Test
  void handlerFailureRedeliversTheRecord() {
    String group = group();
    List<Long> seen = new ArrayList<>();
    List<Long> again = new ArrayList<>();
    try (Subscriber sub = subscriber(group)) {
      Subscriber.SubscriberException e =
          assertThrows(
              Subscriber.SubscriberException.class,
              () ->
                  sub.run(
                      s -> {
                        seen.add(s.offset());
                        if (seen.size() == 3) throw new IllegalStateException("handler failed");
                      },
                      0,
                      Duration.ofSeconds(60)));
      assertTrue(e.getCause() instanceof IllegalStateException);
      assertEquals(List.of(stories.get(0).offset(), stories.get(1).offset(),
          stories.get(2).offset()), seen);
      // The same subscriber gets the failed record again.
      sub.run(s -> again.add(s.offset()), 1, Duration.ofSeconds(30));
      assertEquals(List.of(stories.get(2).offset()), again);
    }
    // A new member of the group resumes after the last handled record.
    List<Long> next = new ArrayList<>();
    try (Subscriber sub2 = subscriber(group)) {
      sub2.run(s -> next.add(s.offset()), 1, Duration.ofSeconds(30));
    }
    assertEquals(List.of(stories.get(3).offset()), next);
  }

  @Test
  void storyAccessorsOnABuiltMessage() {
    EnrichedArticle a =
        EnrichedArticle.newBuilder()
            .setArticle(Article.newBuilder().setPubStatus(PubStatus.PUB_STATUS_CANCELED))
            .setDedup(DedupResult.newBuilder().setVerdict(Verdict.NEAR_DUPLICATE))
            .addEntities(Entity.newBuilder().setType(EntityType.PERSON))
            .build();
    Story s = new Story(a, "t", 0, 0, null, null);
    assertTrue(s.isKill());
    assertTrue(s.isDuplicate());
    assertFalse(s.isUpdate());
  }
}
