// The cluster administrator's side of the security test, run as the broker's
// super user with Kafka's own Java admin client (from the broker's jars):
//
//   java -cp 'KAFKA_LIBS/*' tests/security/KafkaAdmin.java CLIENT_PROPS SPEC
//
// CLIENT_PROPS is a Java properties file (bootstrap.servers, security.*,
// sasl.*, ssl.*). SPEC has one tab-separated line per thing to create:
//   topic  NAME  PARTITIONS  key=value;key=value
//   acl    PRINCIPAL  topic|group|transactionalId|cluster  NAME  literal|prefix  OPERATION
// It exits non-zero, naming the line, if anything is refused.
import java.io.FileInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.acl.AccessControlEntry;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.acl.AclPermissionType;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourcePattern;
import org.apache.kafka.common.resource.ResourceType;

public class KafkaAdmin {
  static ResourceType resourceType(String s) {
    switch (s.toLowerCase(Locale.ROOT)) {
      case "topic": return ResourceType.TOPIC;
      case "group": return ResourceType.GROUP;
      case "transactionalid": return ResourceType.TRANSACTIONAL_ID;
      case "cluster": return ResourceType.CLUSTER;
      default: throw new IllegalArgumentException("resource type " + s);
    }
  }

  static PatternType patternType(String s) {
    switch (s.toLowerCase(Locale.ROOT)) {
      case "literal": return PatternType.LITERAL;
      case "prefix": case "prefixed": return PatternType.PREFIXED;
      default: throw new IllegalArgumentException("pattern type " + s);
    }
  }

  static AclOperation operation(String s) {
    // Manifests spell operations in CamelCase (IdempotentWrite); Kafka's
    // enum is IDEMPOTENT_WRITE.
    String upper = s.replaceAll("([a-z])([A-Z])", "$1_$2").toUpperCase(Locale.ROOT);
    return AclOperation.valueOf(upper);
  }

  public static void main(String[] args) throws Exception {
    if (args.length != 2) {
      System.err.println("usage: KafkaAdmin CLIENT_PROPS SPEC");
      System.exit(2);
    }
    Properties props = new Properties();
    try (FileInputStream in = new FileInputStream(args[0])) {
      props.load(in);
    }
    List<NewTopic> topics = new ArrayList<>();
    List<AclBinding> acls = new ArrayList<>();
    for (String line : Files.readAllLines(Path.of(args[1]))) {
      if (line.isBlank() || line.startsWith("#")) continue;
      String[] f = line.split("\t", -1);
      if (f[0].equals("topic") && f.length == 4) {
        NewTopic t = new NewTopic(f[1], Integer.parseInt(f[2]), (short) 1);
        Map<String, String> configs = new HashMap<>();
        for (String kv : f[3].split(";")) {
          if (kv.isEmpty()) continue;
          String[] p = kv.split("=", 2);
          configs.put(p[0], p[1]);
        }
        topics.add(t.configs(configs));
      } else if (f[0].equals("acl") && f.length == 6) {
        ResourceType type = resourceType(f[2]);
        String name = type == ResourceType.CLUSTER ? "kafka-cluster" : f[3];
        acls.add(new AclBinding(
            new ResourcePattern(type, name, patternType(f[4])),
            new AccessControlEntry(f[1], "*", operation(f[5]), AclPermissionType.ALLOW)));
      } else {
        System.err.println("KafkaAdmin: cannot read spec line: " + line);
        System.exit(2);
      }
    }
    try (Admin admin = Admin.create(props)) {
      for (Map.Entry<String, org.apache.kafka.common.KafkaFuture<Void>> e :
           admin.createTopics(topics).values().entrySet()) {
        try {
          e.getValue().get();
        } catch (ExecutionException ex) {
          if (!(ex.getCause() instanceof TopicExistsException)) {
            System.err.println("KafkaAdmin: topic " + e.getKey() + ": " + ex.getCause());
            System.exit(1);
          }
        }
      }
      admin.createAcls(acls).all().get();
    }
    System.err.printf("KafkaAdmin: %d topics, %d ACLs%n", topics.size(), acls.size());
  }
}
