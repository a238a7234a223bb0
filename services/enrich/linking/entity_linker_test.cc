#include "services/enrich/linking/entity_linker.h"

#include <algorithm>

#include "absl/strings/str_split.h"
#include "common/io/file.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "services/enrich/linking/context_rules.h"
#include "services/enrich/linking/gazetteer.h"
#include "services/enrich/linking/name_normalizer.h"

namespace newswire::linking {
namespace {

// Builds mentions for the given (substring, type) pairs, in order of first
// occurrence after the previous one.
std::vector<ner::Mention> MentionsOf(
    const std::string& text,
    const std::vector<std::pair<std::string, v1::EntityType>>& spans) {
  std::vector<ner::Mention> out;
  size_t from = 0;
  for (const auto& [s, type] : spans) {
    size_t at = text.find(s, from);
    EXPECT_NE(at, std::string::npos) << s;
    out.push_back({static_cast<uint32_t>(at),
                   static_cast<uint32_t>(at + s.size()), type, 0.9f});
    from = at + s.size();
  }
  return out;
}

class LinkerTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto l = EntityLinker::Create("");
    ASSERT_TRUE(l.ok()) << l.status();
    linker_ = *std::move(l);
  }
  std::vector<v1::Entity> Link(
      const std::string& text,
      const std::vector<std::pair<std::string, v1::EntityType>>& spans) {
    return linker_->Link(text, MentionsOf(text, spans));
  }
  std::unique_ptr<EntityLinker> linker_;
};

TEST_F(LinkerTest, LaterSurnameLinksToFullNameSeenEarlier) {
  auto e = Link(
      "Sergei Lavrov flew in. Lavrov said Ivan Petrov agreed; "
      "Petrov left.",
      {{"Sergei Lavrov", v1::PERSON},
       {"Lavrov", v1::PERSON},
       {"Ivan Petrov", v1::PERSON},
       {"Petrov", v1::PERSON}});
  ASSERT_EQ(e.size(), 4u);
  EXPECT_EQ(e[1].canonical_id(), e[0].canonical_id());
  EXPECT_EQ(e[1].canonical_name(), "Sergei Lavrov");
  EXPECT_EQ(e[3].canonical_id(), e[2].canonical_id());
  EXPECT_EQ(e[3].canonical_name(), "Ivan Petrov");
  EXPECT_NE(e[0].canonical_id(), e[2].canonical_id());
  EXPECT_EQ(e[1].text(), "Lavrov");
  EXPECT_EQ(e[1].begin(), 23u);
}

TEST_F(LinkerTest, ShortFormLinksToTheFullNameMostRecentlyBeforeIt) {
  auto e = Link(
      "Kim Jong-un spoke. Kim's sister Kim Yo-jong replied. Kim "
      "left.",
      {{"Kim Jong-un", v1::PERSON},
       {"Kim", v1::PERSON},
       {"Kim Yo-jong", v1::PERSON},
       {"Kim", v1::PERSON}});
  EXPECT_EQ(e[1].canonical_id(), "gz:person/kim-jong-un");
  EXPECT_EQ(e[3].canonical_id(), "gz:person/kim-yo-jong");
}

TEST_F(LinkerTest, KoreanSurnameFirstLinksToTheLatestFullName) {
  auto e = Link(
      "Kim Yo-jong spoke. Choe Ryong-hae and No Jae-won met. Kim "
      "said No agreed.",
      {{"Kim Yo-jong", v1::PERSON},
       {"Choe Ryong-hae", v1::PERSON},
       {"No Jae-won", v1::PERSON},
       {"Kim", v1::PERSON},
       {"No", v1::PERSON}});
  EXPECT_EQ(e[3].canonical_name(), "Kim Yo Jong");  // gazetteer name
  EXPECT_EQ(e[3].canonical_id(), "gz:person/kim-yo-jong");
  EXPECT_EQ(e[4].canonical_id(), e[2].canonical_id());
  EXPECT_EQ(e[4].canonical_name(), "No Jae-won");
}

TEST_F(LinkerTest, AcronymLinksToExpansionInEitherOrder) {
  auto e = Link("The Pyongyang Daily Bureau (PDB) said ... PDB added.",
                {{"Pyongyang Daily Bureau", v1::ORGANIZATION},
                 {"PDB", v1::ORGANIZATION},
                 {"PDB", v1::ORGANIZATION}});
  EXPECT_EQ(e[1].canonical_id(), e[0].canonical_id());
  EXPECT_EQ(e[2].canonical_name(), "Pyongyang Daily Bureau");
  auto k = Link("KCNA said the Korean Central News Agency ...",
                {{"KCNA", v1::ORGANIZATION},
                 {"Korean Central News Agency", v1::ORGANIZATION}});
  EXPECT_EQ(k[0].canonical_id(), k[1].canonical_id());
  EXPECT_EQ(k[0].canonical_id(), "gz:org/korean-central-news-agency");
}

TEST_F(LinkerTest, WellKnownAcronymsAndCountryNamesUseTheGazetteer) {
  auto e = Link(
      "NATO and the U.N. met in the Russian Federation; Russia's "
      "Russian diplomats and Britain's UK office.",
      {{"NATO", v1::ORGANIZATION},
       {"U.N.", v1::ORGANIZATION},
       {"Russian Federation", v1::LOCATION},
       {"Russia", v1::LOCATION},
       {"Russian", v1::MISC},
       {"Britain", v1::LOCATION},
       {"UK", v1::LOCATION}});
  EXPECT_EQ(e[0].canonical_name(), "North Atlantic Treaty Organization");
  EXPECT_EQ(e[1].canonical_id(), "gz:org/united-nations");
  EXPECT_EQ(e[2].canonical_id(), "gz:country/ru");
  EXPECT_EQ(e[3].canonical_id(), "gz:country/ru");
  EXPECT_EQ(e[4].canonical_id(), "gz:country/ru");  // demonym
  EXPECT_EQ(e[4].type(), v1::MISC);                 // type stays the tag's
  EXPECT_EQ(e[5].canonical_id(), e[6].canonical_id());
}

TEST_F(LinkerTest, DemonymLinksOnlyWhereItStandsForTheState) {
  auto e = Link(
      "Russian forces advanced. A Russian novelist and Russians abroad "
      "objected; the Korean government and a Korean news provider too.",
      {{"Russian", v1::MISC},
       {"Russian", v1::MISC},
       {"Russians", v1::MISC},
       {"Korean", v1::MISC},
       {"Korean", v1::MISC}});
  EXPECT_EQ(e[0].canonical_id(), "gz:country/ru");
  EXPECT_TRUE(e[0].has_link_confidence());
  for (int i : {1, 2, 3, 4}) {
    EXPECT_FALSE(e[i].has_link_confidence()) << i;
    EXPECT_THAT(e[i].canonical_id(), ::testing::StartsWith("nw:misc:")) << i;
  }
}

TEST_F(LinkerTest, TheNorthIsNorthKoreaOnlyInAKoreaStory) {
  auto k = Link("Seoul and North Korea met. The North left; the South stayed.",
                {{"Seoul", v1::LOCATION},
                 {"North Korea", v1::LOCATION},
                 {"North", v1::LOCATION},
                 {"South", v1::LOCATION}});
  EXPECT_EQ(k[2].canonical_id(), "gz:country/kp");
  EXPECT_EQ(k[2].canonical_name(), "North Korea");
  EXPECT_EQ(k[3].canonical_id(), "gz:country/kr");
  auto s =
      Link("Storms hit the South of the country.", {{"South", v1::LOCATION}});
  EXPECT_FALSE(s[0].has_link_confidence());
  auto a = Link("Korea and South Africa met; the North voted.",
                {{"Korea", v1::LOCATION},
                 {"South Africa", v1::LOCATION},
                 {"North", v1::LOCATION}});
  EXPECT_FALSE(a[2].has_link_confidence());
}

TEST_F(LinkerTest, ParenthesizedAcronymLinksEvenWhenInitialsDiffer) {
  auto e = Link("The Ministry of Unification (MOU) said so. MOU added.",
                {{"Ministry of Unification", v1::ORGANIZATION},
                 {"MOU", v1::ORGANIZATION},
                 {"MOU", v1::ORGANIZATION}});
  EXPECT_EQ(e[1].canonical_id(), e[0].canonical_id());
  EXPECT_EQ(e[2].canonical_id(), e[0].canonical_id());
  EXPECT_TRUE(e[2].has_link_confidence());
  EXPECT_FALSE(e[0].has_link_confidence());  // a new name: no link
}

TEST_F(LinkerTest, NothingLinksToANameKeptUnlinked) {
  // "South Korean" here is not the state, so "SK" must not take it.
  auto e = Link("A South Korean singer joined SK on Friday.",
                {{"South Korean", v1::MISC}, {"SK", v1::ORGANIZATION}});
  EXPECT_FALSE(e[0].has_link_confidence());
  EXPECT_FALSE(e[1].has_link_confidence());
}

TEST_F(LinkerTest, PeopleNeverLinkToPlacesAndGenericWordsAreNoShortForm) {
  auto e = Link(
      "Michael Jordan visited Jordan. Jordan smiled. South Africa "
      "won; South fans cheered.",
      {{"Michael Jordan", v1::PERSON},
       {"Jordan", v1::LOCATION},
       {"Jordan", v1::PERSON},
       {"South Africa", v1::LOCATION},
       {"South", v1::LOCATION}});
  EXPECT_EQ(e[1].canonical_id(), "gz:country/jo");
  EXPECT_EQ(e[2].canonical_id(), e[0].canonical_id());
  EXPECT_FALSE(e[4].has_link_confidence());
}

TEST_F(LinkerTest, TransliterationVariantsShareAnIdAcrossArticles) {
  auto a = Link("Sergey Lavrov", {{"Sergey Lavrov", v1::PERSON}});
  auto b = Link("Sergei Lavrov", {{"Sergei Lavrov", v1::PERSON}});
  EXPECT_EQ(a[0].canonical_id(), b[0].canonical_id());
  // Not in the gazetteer: derived ids still agree.
  auto c =
      Link("Muhammad Yunis Khalil", {{"Muhammad Yunis Khalil", v1::PERSON}});
  auto d = Link("Mohamed Yunis Khalil", {{"Mohamed Yunis Khalil", v1::PERSON}});
  EXPECT_EQ(c[0].canonical_id(), d[0].canonical_id());
  EXPECT_THAT(c[0].canonical_id(), ::testing::StartsWith("nw:per:"));
  // The same name typed differently is a different entity.
  auto f = Link("Jordan Peters", {{"Jordan Peters", v1::ORGANIZATION}});
  auto g = Link("Jordan Peters", {{"Jordan Peters", v1::PERSON}});
  EXPECT_NE(f[0].canonical_id(), g[0].canonical_id());
}

TEST(ContextRulesTest, DemonymHeadsAndModifiers) {
  auto state = [](const std::string& text) {
    // The demonym is the first word.
    return DemonymDenotesState(text,
                               std::min(text.find_first_of(" ,"), text.size()));
  };
  EXPECT_TRUE(state("Russian forces"));
  EXPECT_TRUE(state("Russian special forces"));
  EXPECT_TRUE(state("Russian Defence Ministry's statement"));
  EXPECT_TRUE(state("Chinese foreign minister"));
  EXPECT_FALSE(state("Russian novelist"));
  EXPECT_FALSE(state("Russian athletes said officials"));  // head first
  EXPECT_FALSE(state("Russian, officials said"));  // phrase ends at comma
  EXPECT_FALSE(state("Russian"));
}

TEST(ContextRulesTest, KoreanHalfAndParentheses) {
  const std::string t = "North Korea fired. The North said so; the South";
  const size_t north = t.find("North said");
  EXPECT_EQ(KoreanHalfNamed(t, north, north + 5), "North Korea");
  const size_t south = t.rfind("South");
  EXPECT_EQ(KoreanHalfNamed(t, south, south + 5), "South Korea");
  // Korea only named after it: no.
  const std::string late = "The North said so. Korea";
  EXPECT_EQ(KoreanHalfNamed(late, 4, 9), "");
  // Not after "the": no.
  const std::string bare = "Korea. North said";
  EXPECT_EQ(KoreanHalfNamed(bare, 7, 12), "");
  const std::string p = "Energy Agency (IAEA) said";
  EXPECT_TRUE(ParenthesizedAfter(p, 13, 15, 19));
  EXPECT_FALSE(ParenthesizedAfter("Energy Agency IAEA said", 13, 14, 18));
}

TEST(NameNormalizerTest, FoldsCaseAccentsPunctuationAndVariants) {
  EXPECT_EQ(NameKey("Kim Jong-un"), "kim jong un");
  EXPECT_EQ(NameKey("U.S."), "us");
  EXPECT_EQ(NameKey("Kim's"), "kim");
  EXPECT_EQ(NameKey("Gerhard Schr\xC3\xB6"
                    "der"),
            "gerhard schroder");
  EXPECT_EQ(NameKey("Muhammad"), NameKey("Mohammed"));
  EXPECT_EQ(Initials("Korean Central News Agency"), "KCNA");
  EXPECT_EQ(Initials("Organisation of the Petroleum Exporting Countries"),
            "OPEC");
}

TEST(GazetteerTest, RejectsMalformedLinesAndDuplicateIds) {
  EXPECT_FALSE(Gazetteer::Parse("a\tXYZ\tName\n", "t").ok());
  EXPECT_FALSE(Gazetteer::Parse("a\tLOC\tX\na\tLOC\tY\n", "t").ok());
  auto g = Gazetteer::Parse("# c\nx/1\tORG\tFoo Bar\tFB|Foo\n", "t");
  ASSERT_TRUE(g.ok()) << g.status();
  ASSERT_NE(g->Find("FB"), nullptr);
  EXPECT_EQ(g->Find("foo")->canonical_name, "Foo Bar");
  EXPECT_EQ(g->Find("Baz"), nullptr);
  EXPECT_GT(Gazetteer::BuiltIn().size(), 500u);
}

TEST(GazetteerTest, EveryNameOfTheShippedFileFindsItsOwnEntry) {
  absl::StatusOr<std::string> tsv =
      ReadFileToString("services/enrich/linking/gazetteer.tsv");
  ASSERT_TRUE(tsv.ok()) << tsv.status();
  const Gazetteer& g = Gazetteer::BuiltIn();
  int rows = 0;
  for (absl::string_view line : absl::StrSplit(*tsv, '\n')) {
    if (line.empty() || line[0] == '#') continue;
    std::vector<std::string> cols = absl::StrSplit(line, '\t');
    ++rows;
    for (size_t c = 2; c < cols.size(); ++c) {
      for (absl::string_view name :
           absl::StrSplit(cols[c], '|', absl::SkipEmpty())) {
        const GazetteerEntry* e = g.Find(name);
        ASSERT_NE(e, nullptr) << name;
        EXPECT_EQ(e->id, cols[0]) << name << " is shadowed by " << e->id;
      }
    }
  }
  EXPECT_EQ(static_cast<size_t>(rows), g.size());
}

}  // namespace
}  // namespace newswire::linking
