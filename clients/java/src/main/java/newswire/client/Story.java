package newswire.client;

import newswire.v1.Wire.EnrichedArticle;
import newswire.v1.Wire.PubStatus;
import newswire.v1.Wire.Verdict;

/**
 * One decoded record: the EnrichedArticle and where it came from. {@code subscription} is the
 * record's {@value Subscriber#SUBSCRIPTION_HEADER} header (set by newswire-route on
 * wire.sub.&lt;name&gt;), null on other topics.
 */
public record Story(
    EnrichedArticle article,
    String topic,
    int partition,
    long offset,
    byte[] key,
    String subscription) {

  public String headline() {
    return article.getArticle().getHeadline();
  }

  /** Dedup verdict: UNIQUE, UPDATE, EXACT_DUPLICATE or NEAR_DUPLICATE. */
  public Verdict verdict() {
    return article.getDedup().getVerdict();
  }

  /** Shared by every version of one story. */
  public String storyId() {
    return article.getDedup().getStoryId();
  }

  /** A new version of a story already delivered. */
  public boolean isUpdate() {
    return verdict() == Verdict.UPDATE;
  }

  /** An exact or near duplicate (only on wire.duplicates). */
  public boolean isDuplicate() {
    return verdict() == Verdict.EXACT_DUPLICATE || verdict() == Verdict.NEAR_DUPLICATE;
  }

  /** The provider cancelled the story: withdraw every version of it. */
  public boolean isKill() {
    return article.getArticle().getPubStatus() == PubStatus.PUB_STATUS_CANCELED;
  }
}
