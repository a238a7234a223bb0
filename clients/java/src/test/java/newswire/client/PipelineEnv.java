package newswire.client;

import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.util.UUID;

/** The environment clients/tests/run.sh gives the kits' tests. */
final class PipelineEnv {
  private PipelineEnv() {}

  static String env(String name) {
    String v = System.getenv(name);
    // Missing environment is a failure, not a skip: run via make test-clients.
    assertNotNull(v, name + " is not set: run `make test-clients`");
    return v;
  }

  /** A consumer group no other test uses. */
  static String group(String prefix) {
    return prefix + "java-" + UUID.randomUUID();
  }
}
