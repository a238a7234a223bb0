// Property: the verdicts of a set of copies of one story do not depend on the
// order they arrive in. For every permutation of the set, exactly one record
// is UNIQUE and every other is an EXACT_/NEAR_DUPLICATE or UPDATE of it, all
// under its story id (which is also the output key, so a story's versions
// share one partition).
//
// The copies are real payloads in all six wire formats (with and without
// provider ids and versions), parsed by the ingest library as the pipeline
// does; kills (NewsML-G2 and ninjs pubStatus canceled without text, IPTC 7901
// and ANPA-1312 "Kill" take keys) must be linked to the story they withdraw.
#include <algorithm>
#include <numeric>
#include <random>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "gtest/gtest.h"
#include "newswire/v1/wire.pb.h"
#include "services/dedup/deduplicator.h"
#include "services/ingest/ingest.h"
#include "tools/storygen/wire_formats.h"

namespace newswire::dedup {
namespace {

constexpr char kSource[] = "agency-a";
constexpr int64_t kReceived = 1795428000;  // 2026-11-23T10:00:00Z

// An invented story: version 1 has four paragraphs; the writethru (version
// 2 and later) rewrites the lead and adds a fifth, so each version holds
// only 70-80 % of the other's shingles: a text-only copy of version 1 is
// linked to version 2 only as its UPDATE (old rule) in one order and not at
// all in the other, unless the link is a relation of the pair.
const std::vector<std::string> kLead = {
    "PORT VERAN, Nov. 23 (NTA) - Fourteen cargo ships were held outside Port "
    "Veran on Monday after a crane collapsed onto the main container quay, "
    "the harbour authority said, halting most traffic at the busiest port in "
    "the region.",
    "No one was injured when the 60-metre crane toppled shortly after 6 a.m., "
    "authority spokeswoman Lena Markov told reporters, adding that engineers "
    "were still inspecting the quay for structural damage.",
    "Shipping agents said the closure could delay deliveries of grain and "
    "fertiliser to inland farms by as much as a week, at a time when planting "
    "is about to begin across the northern valleys.",
    "The authority said two smaller berths on the eastern side of the harbour "
    "would reopen on Tuesday for vessels carrying perishable goods, and that "
    "a temporary crane was being shipped from the port of Calder.",
};
const char kFifth[] =
    "Port Veran handled 4.2 million tonnes of cargo last year, according to "
    "figures published by the regional transport ministry in January, up from "
    "3.9 million tonnes the year before.";

const char kRevisedLead[] =
    "PORT VERAN, Nov. 23 (NTA) - Sixteen cargo ships were waiting outside "
    "Port Veran late on Monday, hours after a crane fell across the main "
    "container quay and stopped most traffic at the busiest port in the "
    "region, the harbour authority said.";

std::vector<std::string> Paragraphs(int version) {
  std::vector<std::string> p = kLead;
  if (version >= 2) {
    p[0] = kRevisedLead;
    p.push_back(kFifth);
  }
  return p;
}

std::string Ninjs(const std::string& uri, int version,
                  const std::string& headline, int text_version,
                  const std::string& pubstatus = "usable") {
  std::string json =
      absl::StrCat(R"({"uri": ")", uri, R"(", "version": ")", version,
                   R"(", "pubstatus": ")", pubstatus,
                   R"(", "versioncreated": "2026-11-23T10:00:00Z")");
  if (text_version > 0) {
    absl::StrAppend(&json, R"(, "headline": ")", storygen::JsonEscape(headline),
                    R"(", "body_text": ")",
                    absl::StrJoin(Paragraphs(text_version), "\\n\\n"), "\"");
  }
  return absl::StrCat(json, "}");
}

std::string NewsMlG2(const std::string& guid, int version,
                     const std::string& headline, int text_version,
                     const std::string& pubstatus = "usable") {
  std::string xml = absl::StrCat(
      R"(<?xml version="1.0" encoding="UTF-8"?>
<newsItem xmlns="http://iptc.org/std/nar/2006-10-01/" guid=")",
      guid, R"(" version=")", version, R"(" standard="NewsML-G2">
  <itemMeta><itemClass qcode="ninat:text"/>
    <versionCreated>2026-11-23T10:00:00Z</versionCreated>
    <pubStatus qcode="stat:)",
      pubstatus, R"("/></itemMeta>
)");
  if (text_version > 0) {
    absl::StrAppend(
        &xml, "  <contentMeta><headline>", headline,
        "</headline></contentMeta>\n"
        "  <contentSet><inlineXML contenttype=\"application/xhtml+xml\">"
        "<html xmlns=\"http://www.w3.org/1999/xhtml\"><body><p>",
        absl::StrJoin(Paragraphs(text_version), "</p><p>"),
        "</p></body></html></inlineXML></contentSet>\n");
  }
  return absl::StrCat(xml, "</newsItem>\n");
}

std::string Nitf(const std::string& doc_id, const std::string& headline,
                 int text_version) {
  return absl::StrCat(
      R"(<?xml version="1.0" encoding="UTF-8"?>
<nitf><head><docdata management-status="usable"><doc-id id-string=")",
      doc_id, R"("/><date.issue norm="20261123T100000Z"/></docdata></head>
<body><body.head><hedline><hl1>)",
      headline, "</hl1></hedline></body.head><body.content><p>",
      absl::StrJoin(Paragraphs(text_version), "</p><p>"),
      "</p></body.content></body></nitf>\n");
}

// Indented paragraphs, as 7901 and ANPA copy is set.
std::string IndentedText(int text_version) {
  return absl::StrCat("   ", absl::StrJoin(Paragraphs(text_version), "\n   "),
                      "\n");
}

std::string Iptc7901(const std::string& slug_line, const std::string& headline,
                     const std::string& text) {
  return absl::StrCat("\x01NWT0042 3 pol 0120\n", slug_line, "\n\x02", headline,
                      "\n", text, "\x03");
}

std::string Anpa1312(const std::string& selector_and_slug,
                     const std::string& headline, const std::string& text) {
  return absl::StrCat("\x16\x16\x01", selector_and_slug, "\n\x02^", headline,
                      "<\n", text, "\x03");
}

std::string PlainText(const std::string& headline, int text_version) {
  return absl::StrCat(headline, "\n\n",
                      absl::StrJoin(Paragraphs(text_version), "\n\n"), "\n");
}

v1::Article Parse(const std::string& payload) {
  v1::RawWire raw;
  raw.set_payload(payload);
  raw.set_source(kSource);
  raw.mutable_received_time()->set_seconds(kReceived);
  absl::StatusOr<v1::Article> a =
      ingest::IngestRaw(raw, ingest::IngestOptions());
  EXPECT_TRUE(a.ok()) << a.status() << "\n" << payload;
  return a.ok() ? *a : v1::Article();
}

// The same-story set in all six formats.
std::vector<v1::Article> StorySet() {
  return {
      // ninjs with a provider id, version 1 and (later) version 3.
      Parse(Ninjs("urn:newswire.test:ninjs:port-crane", 1,
                  "Crane collapse halts Port Veran", 1)),
      Parse(Ninjs("urn:newswire.test:ninjs:port-crane", 3,
                  "Crane collapse halts Port Veran, ships wait", 2)),
      // NewsML-G2 with another provider id (its guid).
      Parse(NewsMlG2("urn:newsml:newswire.test:20261123:port-crane", 1,
                     "Crane collapse shuts Port Veran quay", 1)),
      // NITF with a doc-id, no version.
      Parse(
          Nitf("nta-2026-11-23-port-0001", "Crane collapses at Port Veran", 1)),
      // IPTC 7901, a writethru: slug as provider id, version 2.
      Parse(Iptc7901("PORT-CRANE 1st Ld-Writethru",
                     "Crane collapse halts Port Veran", IndentedText(2))),
      // ANPA-1312 first take: slug as provider id, version 1.
      Parse(Anpa1312("a0217 r a bc-Port-Crane 11-23 0185",
                     "Crane collapse halts Port Veran", IndentedText(1))),
      // Plain text: no provider id, no version.
      Parse(PlainText("Crane collapse halts Port Veran", 1)),
  };
}

// Feeds `order` of `set` to a fresh Deduplicator; returns a failure message,
// or "" when the property holds.
std::string CheckOrder(const std::vector<v1::Article>& set,
                       const std::vector<int>& order) {
  auto dedup = Deduplicator::Create(DedupOptions());
  if (!dedup.ok()) return std::string(dedup.status().message());
  std::vector<v1::DedupResult> results;
  std::vector<StateRecord> state;
  for (int i : order) {
    results.push_back((*dedup)->Process(set[i], &state));
    (*dedup)->Commit();
  }
  int unique = 0;
  std::string story;
  for (size_t k = 0; k < order.size(); ++k) {
    if (results[k].verdict() == v1::UNIQUE) {
      ++unique;
      story = set[order[k]].id();
    }
  }
  std::string why;
  if (unique != 1) why = absl::StrCat(unique, " UNIQUE records");
  for (size_t k = 0; k < order.size() && why.empty(); ++k) {
    const v1::DedupResult& r = results[k];
    if (r.story_id() != story) {
      why = absl::StrCat("record ", k, " has story ", r.story_id(),
                         ", not the UNIQUE record's ", story);
    } else if (r.verdict() != v1::UNIQUE && r.duplicate_of() != story) {
      why = absl::StrCat("record ", k, " is a duplicate of ", r.duplicate_of());
    } else if (r.verdict() == v1::VERDICT_UNSPECIFIED) {
      why = absl::StrCat("record ", k, " has no verdict");
    }
  }
  if (why.empty()) return why;
  std::string trace =
      absl::StrCat("order {", absl::StrJoin(order, ","), "}: ", why, "\n");
  for (size_t k = 0; k < order.size(); ++k) {
    absl::StrAppend(&trace, "  ", order[k], " ",
                    v1::WireFormat_Name(set[order[k]].format()), " v",
                    set[order[k]].version(), " -> ",
                    v1::Verdict_Name(results[k].verdict()), " story ",
                    results[k].story_id(), " sim ", results[k].similarity(),
                    "\n");
  }
  return trace;
}

// Checks every permutation of `set`; reports the first few failures.
void CheckAllOrders(const std::vector<v1::Article>& set) {
  std::vector<int> order(set.size());
  std::iota(order.begin(), order.end(), 0);
  int failures = 0, orders = 0;
  do {
    ++orders;
    const std::string why = CheckOrder(set, order);
    if (!why.empty() && ++failures <= 3) ADD_FAILURE() << why;
  } while (std::next_permutation(order.begin(), order.end()));
  EXPECT_EQ(failures, 0) << "of " << orders << " orders";
}

TEST(OrderIndependenceTest, SixFormatsEveryOrderOneStory) {
  const std::vector<v1::Article> set = StorySet();
  ASSERT_EQ(set.size(), 7u);
  // The property holds for a set whose every pair is related (by a provider
  // id or by text), the rule's precondition: a pair that is related only
  // through a third copy is two stories when it arrives before that copy.
  for (int i = 0; i < 7; ++i) {
    for (int j = i + 1; j < 7; ++j) {
      ASSERT_EQ(CheckOrder(set, {i, j}), "") << "pair " << i << "," << j;
    }
  }
  // The set covers what it claims to.
  int with_provider = 0, without_provider = 0, later_versions = 0;
  std::vector<bool> formats(7, false);
  for (const v1::Article& a : set) {
    ASSERT_FALSE(a.body().empty());
    (a.provider_id().empty() ? without_provider : with_provider)++;
    if (a.version() > 1) ++later_versions;
    formats[a.format()] = true;
  }
  EXPECT_EQ(std::count(formats.begin() + 1, formats.end(), true), 6);
  EXPECT_GE(with_provider, 5);
  EXPECT_GE(without_provider, 1);
  EXPECT_GE(later_versions, 2);
  CheckAllOrders(set);  // 5,040 orders
}

TEST(OrderIndependenceTest, TextOnlyCopyAndProviderCopyInBothOrders) {
  // The measured defect: ninjs with a provider id (version 3) and a plain
  // text or IPTC 7901 copy without one, in either order.
  const v1::Article ninjs = Parse(Ninjs("urn:newswire.test:ninjs:port-crane", 3,
                                        "Crane collapse halts Port Veran", 2));
  v1::Article iptc = Parse(Iptc7901("PORT-CRANE",
                                    "Crane collapse halts Port "
                                    "Veran",
                                    IndentedText(1)));
  iptc.clear_provider_id();
  for (const v1::Article& other :
       {Parse(PlainText("Crane collapse halts Port Veran", 1)), iptc}) {
    CheckAllOrders({ninjs, other});
  }
}

TEST(OrderIndependenceTest, VersionsOfOneProviderIdInEveryOrder) {
  // An update arriving before the original, an older version after a newer
  // one, a re-sent version: one story, whatever the text says.
  std::vector<v1::Article> set;
  for (int v = 1; v <= 4; ++v) {
    set.push_back(
        Parse(Ninjs("urn:newswire.test:ninjs:port-crane", v,
                    absl::StrCat("Crane collapse, take ", v), v == 1 ? 1 : 2)));
  }
  CheckAllOrders(set);
}

TEST(OrderIndependenceTest, KillsWithoutTextInEveryOrder) {
  // A kill without headline or body, with its story's versions, in every
  // order: ninjs and NewsML-G2.
  const std::string uri = "urn:newswire.test:ninjs:port-crane";
  CheckAllOrders({
      Parse(Ninjs(uri, 1, "Crane collapse halts Port Veran", 1)),
      Parse(Ninjs(uri, 2, "Crane collapse halts Port Veran", 2)),
      Parse(Ninjs(uri, 3, "", 0, "canceled")),
  });
  const std::string guid = "urn:newsml:newswire.test:20261123:port-crane";
  CheckAllOrders({
      Parse(NewsMlG2(guid, 1, "Crane collapse shuts Port Veran quay", 1)),
      Parse(NewsMlG2(guid, 2, "Crane collapse shuts Port Veran quay", 2)),
      Parse(NewsMlG2(guid, 3, "", 0, "canceled")),
  });
}

// Feeds `story` then `kill`; expects the kill linked to the story: same
// story id, duplicate_of the story, not UNIQUE.
void ExpectKillLinked(const std::vector<v1::Article>& story,
                      const v1::Article& kill) {
  ASSERT_EQ(kill.pub_status(), v1::PUB_STATUS_CANCELED);
  auto dedup = Deduplicator::Create(DedupOptions());
  ASSERT_TRUE(dedup.ok());
  std::string story_id;
  for (const v1::Article& a : story) {
    const v1::DedupResult r = (*dedup)->Process(a, nullptr);
    if (story_id.empty()) story_id = r.story_id();
    EXPECT_EQ(r.story_id(), story_id);
  }
  const v1::DedupResult r = (*dedup)->Process(kill, nullptr);
  EXPECT_EQ(r.verdict(), v1::UPDATE);
  EXPECT_EQ(r.story_id(), story_id);
  EXPECT_EQ(r.duplicate_of(), story_id);
  EXPECT_EQ(r.story_version(), 2);  // the kill is the story's next version
}

TEST(OrderIndependenceTest, NewsMlG2KillWithoutTextLinksToItsStory) {
  const std::string guid = "urn:newsml:newswire.test:20261123:port-crane";
  const v1::Article kill = Parse(NewsMlG2(guid, 2, "", 0, "canceled"));
  EXPECT_TRUE(kill.headline().empty());
  EXPECT_TRUE(kill.body().empty());
  // After the story itself, and after a text-only copy then the story.
  ExpectKillLinked(
      {Parse(NewsMlG2(guid, 1, "Crane collapse shuts Port Veran quay", 1))},
      kill);
  ExpectKillLinked(
      {Parse(PlainText("Crane collapse halts Port Veran", 1)),
       Parse(NewsMlG2(guid, 1, "Crane collapse shuts Port Veran quay", 1))},
      kill);
  // Same version as the story's: still a kill of it.
  ExpectKillLinked(
      {Parse(NewsMlG2(guid, 1, "Crane collapse shuts Port Veran quay", 1))},
      Parse(NewsMlG2(guid, 1, "", 0, "canceled")));
}

TEST(OrderIndependenceTest, NinjsKillWithoutTextLinksToItsStory) {
  const std::string uri = "urn:newswire.test:ninjs:port-crane";
  const v1::Article kill = Parse(Ninjs(uri, 4, "", 0, "canceled"));
  EXPECT_TRUE(kill.headline().empty());
  EXPECT_TRUE(kill.body().empty());
  ExpectKillLinked({Parse(Ninjs(uri, 3, "Crane collapse halts Port Veran", 2))},
                   kill);
}

TEST(OrderIndependenceTest, TakeKeyKillsLinkToTheirStory) {
  // IPTC 7901 and ANPA-1312 kills carry a notice as text; the slug links
  // them to the story.
  ExpectKillLinked(
      {Parse(Iptc7901("PORT-CRANE 1st Ld-Writethru",
                      "Crane collapse halts Port Veran", IndentedText(2)))},
      Parse(Iptc7901("PORT-CRANE Kill", "KILL PORT-CRANE",
                     "   Withdraw the story.\n")));
  ExpectKillLinked(
      {Parse(Anpa1312("a0217 r a bc-Port-Crane 11-23 0185",
                      "Crane collapse halts Port Veran", IndentedText(1)))},
      Parse(Anpa1312("a0218 f a bc-Port-Crane Kill 11-23 0010",
                     "KILL Port-Crane", "   Kill the story.\n")));
}

TEST(OrderIndependenceTest, KillKeepsTheStoryKeyWhenItArrivesFirst) {
  // A kill that overtakes its story starts the story; the story's versions
  // then join it, under the kill's story id (so the same output key).
  const std::string guid = "urn:newsml:newswire.test:20261123:port-crane";
  auto dedup = Deduplicator::Create(DedupOptions());
  ASSERT_TRUE(dedup.ok());
  const v1::DedupResult kill =
      (*dedup)->Process(Parse(NewsMlG2(guid, 2, "", 0, "canceled")), nullptr);
  EXPECT_EQ(kill.verdict(), v1::UNIQUE);
  const v1::DedupResult story = (*dedup)->Process(
      Parse(NewsMlG2(guid, 1, "Crane collapse shuts Port Veran quay", 1)),
      nullptr);
  EXPECT_EQ(story.verdict(), v1::NEAR_DUPLICATE);  // older than the kill
  EXPECT_EQ(story.story_id(), kill.story_id());
}

TEST(OrderIndependenceTest, TwoKillsOfDifferentStoriesStayApart) {
  auto dedup = Deduplicator::Create(DedupOptions());
  ASSERT_TRUE(dedup.ok());
  const v1::DedupResult a = (*dedup)->Process(
      Parse(Iptc7901("STORM Kill", "KILL STORM", "   Withdraw the story.\n")),
      nullptr);
  const v1::DedupResult b = (*dedup)->Process(
      Parse(Iptc7901("QUAKE Kill", "KILL QUAKE", "   Withdraw the story.\n")),
      nullptr);
  EXPECT_EQ(a.verdict(), v1::UNIQUE);
  EXPECT_EQ(b.verdict(), v1::UNIQUE);
  EXPECT_NE(a.story_id(), b.story_id());
}

TEST(OrderIndependenceTest, SurvivesRollbackAndRestore) {
  // The links a provider id makes persist in the state records: a restored
  // instance links a later version and a kill like the original would.
  const std::string uri = "urn:newswire.test:ninjs:port-crane";
  auto first = Deduplicator::Create(DedupOptions());
  ASSERT_TRUE(first.ok());
  std::vector<StateRecord> state;
  const v1::DedupResult plain = (*first)->Process(
      Parse(PlainText("Crane collapse halts Port Veran", 1)), &state);
  (*first)->Process(Parse(Ninjs(uri, 1, "Crane collapse halts Port Veran", 1)),
                    &state);
  (*first)->Commit();
  // An uncommitted later version is forgotten by Rollback.
  (*first)->Process(Parse(Ninjs(uri, 5, "Crane collapse", 2)), nullptr);
  (*first)->Rollback();

  auto second = Deduplicator::Create(DedupOptions());
  ASSERT_TRUE(second.ok());
  for (const StateRecord& s : state) {
    ASSERT_TRUE((*second)->Restore(s.key, s.value).ok());
  }
  (*second)->Commit();
  for (auto* d : {&*first, &*second}) {
    const v1::DedupResult kill =
        (*d)->Process(Parse(Ninjs(uri, 2, "", 0, "canceled")), nullptr);
    EXPECT_EQ(kill.verdict(), v1::UPDATE);
    EXPECT_EQ(kill.story_id(), plain.story_id());
  }
}

}  // namespace
}  // namespace newswire::dedup
