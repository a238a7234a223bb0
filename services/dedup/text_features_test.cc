#include "services/dedup/text_features.h"

#include "gtest/gtest.h"

namespace newswire::dedup {
namespace {

constexpr char kBody[] =
    "The harbour authority said on Monday that 14 cargo ships were held "
    "outside Port Veran after a crane failure.\n\nOfficials expect the "
    "backlog to clear by Thursday, according to a statement from the "
    "authority.";

TextFeatures Features(const std::string& headline, const std::string& body) {
  TextFeatures f;
  ExtractFeatures(headline, "", body, &f);
  return f;
}

TEST(TextFeaturesTest, WrappingQuotesAndMarkupAreIgnored) {
  TextFeatures a = Features("Ships held", kBody);
  TextFeatures b = Features(
      "Ships  held",
      "<p>The harbour authority said on Monday that 14 cargo ships\nwere "
      "held outside Port Veran after a crane failure.</p>\n\n<p>Officials "
      "expect the backlog to clear by Thursday, according to a "
      "statement from the authority.</p>");
  EXPECT_EQ(a.exact_hash, b.exact_hash);
  EXPECT_EQ(a.signature, b.signature);
  TextFeatures c = Features("Ships held",
                            "The \xE2\x80\x9C"
                            "crane\xE2\x80\x9D "
                            "company\xE2\x80\x99s 3,500 units");
  TextFeatures d = Features("Ships held", "The \"crane\" company's 3500 units");
  EXPECT_EQ(c.exact_hash, d.exact_hash);
  EXPECT_EQ(c.key_bits, d.key_bits);
}

TEST(TextFeaturesTest, WordsAndHeadlineChangeTheExactHash) {
  TextFeatures a = Features("Ships held", kBody);
  EXPECT_NE(a.exact_hash, Features("Ships held off port", kBody).exact_hash);
  std::string edited = kBody;
  edited.replace(edited.find("14"), 2, "15");
  TextFeatures e = Features("Ships held", edited);
  EXPECT_NE(a.exact_hash, e.exact_hash);
  // One changed number leaves one key bit the original lacks.
  EXPECT_EQ(MissingKeyBits(e.key_bits, a.key_bits), 1);
  EXPECT_GT(JaccardFromAgreement(
                SignatureAgreement(a.signature.data(), e.signature.data())),
            0.6);
}

TEST(TextFeaturesTest, ParagraphOrderDoesNotMatter) {
  TextFeatures a =
      Features("", "First paragraph has words.\n\nSecond one too.");
  TextFeatures b =
      Features("", "Second one too.\n\nFirst paragraph has words.");
  EXPECT_NE(a.exact_hash, b.exact_hash);
  EXPECT_EQ(a.signature, b.signature);
  EXPECT_EQ(a.features, b.features);
}

TEST(TextFeaturesTest, SentenceInitialCapitalsAreNotNames) {
  TextFeatures a = Features("", "Rain fell. Rain fell again.");
  EXPECT_EQ(KeyBitCount(a.key_bits), 0);
  TextFeatures b = Features("", "Rain fell on Veran and 3 towns.");
  EXPECT_EQ(KeyBitCount(b.key_bits), 2);
}

TEST(TextFeaturesTest, EmptyTextHasNoFeatures) {
  TextFeatures f = Features("", "  <br/> &nbsp; \n\n ");
  EXPECT_EQ(f.features, 0u);
}

TEST(TextFeaturesTest, EstimatesAreSane) {
  EXPECT_DOUBLE_EQ(JaccardFromAgreement(1.0), 1.0);
  EXPECT_DOUBLE_EQ(JaccardFromAgreement(0.0), 0.0);
  // B is A plus as much again: J = 0.5, A is fully inside B.
  EXPECT_NEAR(Containment(0.5, 100, 200), 1.0, 1e-9);
  EXPECT_NEAR(Containment(0.5, 200, 100), 0.5, 1e-9);
}

}  // namespace
}  // namespace newswire::dedup
