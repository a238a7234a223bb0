#include "services/dedup/text_features.h"

#include <cstdint>
#include <string>

#include "gtest/gtest.h"
#include "services/dedup/word_scanner.h"

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

// The tokenizer walks text in 64-byte blocks; where words and paragraph
// breaks fall relative to block edges must not matter. Leading and repeated
// spaces are ignored, so shifting the text by any number of them must give
// the same features.
TEST(TextFeaturesTest, BlockBoundariesDoNotMatter) {
  const std::string text =
      "Officials in Port Norlan said 79,035 water supplies, worth 692.3 "
      "million dollars, were reopened. Internationalization of the "
      "supercalifragilistic harbour\n\nstarts a second paragraph with "
      "AbCdEfGhIjKlMnOpQrStUvWxYz and 1234567890123456789 in it.";
  const TextFeatures base = Features("", text);
  ASSERT_GT(base.features, 10u);
  ASSERT_GT(KeyBitCount(base.key_bits), 3);
  for (int shift = 1; shift <= 130; ++shift) {
    SCOPED_TRACE(shift);
    const TextFeatures f = Features("", std::string(shift, ' ') + text);
    EXPECT_EQ(f.exact_hash, base.exact_hash);
    EXPECT_EQ(f.features, base.features);
    EXPECT_EQ(f.signature, base.signature);
    EXPECT_EQ(f.key_bits, base.key_bits);
  }
  // Widening one gap moves every later word against the block edges.
  for (size_t gap = text.find(' '); gap != std::string::npos;
       gap = text.find(' ', gap + 1)) {
    std::string wider = text;
    wider.insert(gap, std::string(1 + gap % 7, ' '));
    EXPECT_EQ(Features("", wider).exact_hash, base.exact_hash) << gap;
  }
}

void ExpectSameClasses(const internal::ByteClasses& a,
                       const internal::ByteClasses& b) {
  EXPECT_EQ(a.alnum, b.alnum);
  EXPECT_EQ(a.digit, b.digit);
  EXPECT_EQ(a.upper, b.upper);
  EXPECT_EQ(a.newline, b.newline);
  EXPECT_EQ(a.sentence_end, b.sentence_end);
  EXPECT_EQ(a.number_sep, b.number_sep);
  EXPECT_EQ(a.slow, b.slow);
}

// Every byte value at every block position: the SSE2 and AVX2 classifiers
// must agree with the portable table, bit for bit.
TEST(TextFeaturesTest, ClassifiersAgreeOnEveryByte) {
#ifdef __SSE2__
  char block[64];
  for (int value = 0; value < 256; ++value) {
    SCOPED_TRACE(value);
    for (int k = 0; k < 64; ++k) {
      // Neighbours vary too, so each position sees different surroundings.
      block[k] = static_cast<char>((value + 37 * k) & 0xff);
    }
    internal::ByteClasses portable, sse2;
    internal::ClassifyBlockPortable(block, &portable);
    internal::ClassifyBlockSse2(block, &sse2);
    ExpectSameClasses(portable, sse2);
#ifdef NEWSWIRE_DEDUP_AVX2
    if (internal::HaveAvx2()) {
      internal::ByteClasses avx2;
      internal::ClassifyBlockAvx2(block, &avx2);
      ExpectSameClasses(portable, avx2);
    }
#endif
  }
#endif
  // The portable table itself, on a few bytes.
  char text[64] = "aZ9 .,!?\n'<&\x80\xff";
  internal::ByteClasses c;
  internal::ClassifyBlockPortable(text, &c);
  EXPECT_EQ(c.alnum, 0b111u);
  EXPECT_EQ(c.digit, 0b100u);
  EXPECT_EQ(c.upper, 0b10u);
  EXPECT_EQ(c.sentence_end, (1u << 4) | (1u << 6) | (1u << 7));
  EXPECT_EQ(c.number_sep, (1u << 4) | (1u << 5));
  EXPECT_EQ(c.newline, 1u << 8);
  EXPECT_EQ(c.slow, 0b11111u << 9);
}

}  // namespace
}  // namespace newswire::dedup
