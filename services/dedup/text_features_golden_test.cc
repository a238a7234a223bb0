// Golden test: ExtractFeatures must keep producing exactly the features it
// produced when the golden file was written. Signatures are persisted in the
// compacted dedup state topic, so a tokenizer change that moves a single bit
// silently breaks duplicate detection against the stored window.
//
// The inputs are hand-written strings covering every branch of the tokenizer
// plus pseudo-random word salads and byte strings from a fixed seed. Each
// input gives one line of services/dedup/testdata/features_golden.txt:
//   <case> <exact_hash> <features> <Fingerprint64(signature)> <key0> <key1>
//
// To regenerate (only when the feature format deliberately changes, which
// also needs a new state format byte), run from the repository root:
//   export
//   NEWSWIRE_WRITE_FEATURES_GOLDEN=$PWD/services/dedup/testdata/features_golden.txt
//   build/tests/text_features_golden_test
// The run writes the file and fails on purpose, so it can never pass by
// accident; run it again without the variable to check.
#include <cstdint>
#include <cstdlib>
#include <fstream>
#include <functional>
#include <sstream>
#include <string>
#include <vector>

#include "absl/strings/str_format.h"
#include "common/text/hash.h"
#include "gtest/gtest.h"
#include "services/dedup/text_features.h"
#include "services/dedup/word_scanner.h"

namespace newswire::dedup {
namespace {

constexpr char kGoldenPath[] = "services/dedup/testdata/features_golden.txt";

struct Case {
  std::string headline, dateline, body;
};

// splitmix64: a tiny generator whose sequence is fixed by its definition
// (std:: distributions are not the same across standard libraries).
class Rng {
 public:
  explicit Rng(uint64_t seed) : s_(seed) {}
  uint64_t Next() {
    uint64_t z = (s_ += 0x9e3779b97f4a7c15ULL);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
  }
  // Uniform-enough integer in [0, n).
  size_t Below(size_t n) { return static_cast<size_t>(Next() % n); }

 private:
  uint64_t s_;
};

std::string RandomWord(Rng& rng, size_t max_len) {
  std::string w;
  const size_t len = 1 + rng.Below(max_len);
  const bool cap = rng.Below(4) == 0;
  for (size_t i = 0; i < len; ++i) {
    char c = static_cast<char>('a' + rng.Below(26));
    if (i == 0 && cap) c = static_cast<char>(c - 'a' + 'A');
    w += c;
  }
  return w;
}

// Text made of words, numbers, punctuation, markup, entities and UTF-8, in
// proportions loosely like wire copy but with every oddity frequent.
std::string WordSalad(Rng& rng, size_t pieces) {
  static const char* const kWords[] = {
      "the",   "said", "Monday", "officials", "harbour", "Port",  "Veran",
      "a",     "I",    "of",     "ships",     "cargo",   "crane", "U.S.",
      "don't", "it's", "34,512", "3.5",       "1,000",   "2024",  "x",
      "OK",    "ZZ",   "q9",     "9q",        "A1b2C3",  "n't",   "0"};
  static const char* const kSeps[] = {
      " ",     " ",  " ",  " ",  "  ", "\n",  "\n\n", "\r\n", "\r\n\r\n",
      ", ",    ". ", "! ", "? ", "\t", "\f",  "\v",   " - ",  "; ",
      ": ",    "\"", "(",  ")",  "/",  "...", ".",    ",",    "\n \n",
      "\n.\n", "'",  "''", "#",  ">",  "\0",  "\x01"};
  static const char* const kSpecials[] = {
      "&amp;",
      "&apos;",
      "&#39;",
      "&#x27;",
      "&rsquo;",
      "&lsquo;",
      "&#8217;",
      "&#8216;",
      "&shy;",
      "&bogus",
      "&;",
      "&nbsp;",
      "&toolongentityname;",
      "<p>",
      "</p>",
      "<a href=\"http://x.example/a?b=1&c=2\">",
      "< ",
      "<",
      "<!-- c -->",
      "<br/>",
      "<3",
      "\xE2\x80\x98",
      "\xE2\x80\x99",
      "\xE2\x80\x9C",
      "\xE2\x80\x9D",
      "\xE2\x80\xB2",
      "\xE2\x80\xA6",
      "\xE2\x80\x94",
      "\xE2\x80\x93",
      "\xE2\x88\x92",
      "\xC2\xA0",
      "\xC2\xAB",
      "\xC2\xBB",
      "\xC2\xAD",
      "\xE3\x80\x80",
      "\xC3\xA9",
      "\xE6\x97\xA5",
      "\xF0\x9F\x98\x80",
      "\xC3",
      "\xE2\x80",
      "\xE2",
      "\x80",
      "\xFF",
      "\xC0\xAF"};
  std::string s;
  for (size_t p = 0; p < pieces; ++p) {
    const size_t kind = rng.Below(20);
    if (kind < 8) {
      s += RandomWord(rng, kind == 0 ? 40 : 9);
    } else if (kind < 11) {
      s += kWords[rng.Below(sizeof(kWords) / sizeof(kWords[0]))];
    } else if (kind < 12) {
      s += std::to_string(rng.Below(100000));
    } else if (kind < 17) {
      const char* sep = kSeps[rng.Below(sizeof(kSeps) / sizeof(kSeps[0]))];
      s += sep[0] == '\0' ? std::string(1, '\0') : std::string(sep);
    } else if (kind < 19) {
      s += kSpecials[rng.Below(sizeof(kSpecials) / sizeof(kSpecials[0]))];
    } else {
      s += static_cast<char>(rng.Below(256));
    }
  }
  return s;
}

// Raw bytes biased towards the bytes the tokenizer treats specially.
std::string RandomBytes(Rng& rng, size_t len) {
  static const char kAscii[] = " \n\r\t\f'.,<>&;#!?\"-/0123456789";
  std::string s;
  for (size_t i = 0; i < len; ++i) {
    const size_t kind = rng.Below(10);
    if (kind < 4) {
      s += static_cast<char>((rng.Below(2) ? 'a' : 'A') + rng.Below(26));
    } else if (kind < 7) {
      s += kAscii[rng.Below(sizeof(kAscii) - 1)];
    } else if (kind < 9) {
      s += static_cast<char>(0x80 + rng.Below(128));
    } else {
      s += static_cast<char>(rng.Below(256));
    }
  }
  return s;
}

std::string Repeat(const std::string& s, size_t times) {
  std::string r;
  for (size_t i = 0; i < times; ++i) r += s;
  return r;
}

std::vector<Case> HandWrittenCases() {
  using S = std::string;
  const std::vector<S> bodies = {
      "",
      " ",
      "a",
      "A",
      "Z9",
      "ends with wor",
      "<p>Hello world</p>",
      "<a href=\"http://x.example/?a=1&b=2\">link text</a> after",
      "a < b and c<d, 3<4",
      "< not a tag",
      "x <",
      "<",
      "&",
      "trailing &amp",
      "<!-- comment --> word </div> <br/>",
      "<p" + S(600, 'x') + "> long tag",
      "<p" + S(500, 'x') + "> tag just under the limit",
      "Tom &amp; Jerry",
      "don&apos;t it&#39;s it&#x27;s company&rsquo;s",
      "&lsquo;quoted&rsquo; &#8217;s &#8216;q",
      "co&shy;operate",
      "&bogus word &; &nbsp;word a&b;c &toolongentityname; &#1234567890;",
      "&AMP; &Amp &#X27; &ap#os;",
      "\xE2\x80\x9CQuoted\xE2\x80\x9D and it\xE2\x80\x99s",
      "pre\xE2\x80\xB2s wait\xE2\x80\xA6 then More",
      "em\xE2\x80\x94"
      "dash en\xE2\x80\x93"
      "dash \xE2\x88\x92"
      "5",
      "non\xC2\xA0"
      "breaking \xC2\xAB"
      "guillemets\xC2\xBB",
      "soft\xC2\xAD"
      "hyphen ideo\xE3\x80\x80space",
      "caf\xC3\xA9 na\xC3\xAFve \xE6\x97\xA5\xE6\x9C\xAC \xF0\x9F\x98\x80!",
      "34,512 people 3.5 percent U.S. officials don't",
      "1,000,000.50 3. Next 3,a a,5 5. .5 5,,5 5.,5 7'000",
      "rock'n'roll 'quoted' ''",
      "line one\r\nline two\r\n\r\nnew para",
      "a\n\nb a\n \n b a\n.\nb a\n\n\n\nb a\n\t\r\f\nb",
      "\t\f\v x\vy",
      "Rain fell. Rain fell again! Who? Veran said: Port Veran.",
      "abcdefgh abcdefghi abcdefghijklmno abcdefghijklmnop abcdefghijklmnopq",
      "internationalization supercalifragilisticexpialidocious",
      S(63, 'w') + " " + S(64, 'W') + " " + S(65, 'x') + " " + S(200, 'y'),
      "1234567 12345678 123456789 1234567890123456 12345678901234567",
      "\x80\x81 abc \xFF\xFE",
      "\xC3",
      "\xE2\x80",
      "\xE2",
      "x\xF0\x9F",
      "\xC0\xAF ab\xC3\xA9"
      "cd \xC3\xC3\xA9",
      S("a\0b c\0\0d\0", 10),
      S(1, '\0'),
      "\n\n\nHeadline-ish\n\n\n",
      "Mr. Smith met Ms. Jones in the U.K. on Jan. 5, 2024.",
      "THE END",
      "a'",
      "'a",
      "3.",
      "3,",
      "Veran&rsquo;",
      "ship<br>yard",
      "ship&shy;yard",
      "ship\xC2\xAD"
      "yard",
      "ship\xE2\x80\x99yard",
      "ship'yard",
      Repeat("The harbour authority said on Monday that 14 cargo ships were "
             "held outside Port Veran after a crane failure.\n\n",
             40),
  };
  std::vector<Case> cases;
  for (const S& b : bodies) cases.push_back({"", "", b});
  // The same strings as headline and dateline (no key bits there).
  for (size_t i = 0; i < bodies.size(); i += 3) {
    cases.push_back({bodies[i], bodies[(i + 1) % bodies.size()], ""});
  }
  cases.push_back({"Ships held off Port Veran", "LONDON, Jan 5 (Wire) -",
                   "The harbour authority said 14 ships were held."});
  return cases;
}

std::vector<Case> RandomCases() {
  Rng rng(20261128);
  std::vector<Case> cases;
  for (int i = 0; i < 200; ++i) {
    const size_t pieces = i < 150 ? rng.Below(60) : rng.Below(3000);
    cases.push_back({WordSalad(rng, rng.Below(12)), WordSalad(rng, 3),
                     WordSalad(rng, pieces)});
  }
  for (int i = 0; i < 150; ++i) {
    cases.push_back({RandomBytes(rng, rng.Below(40)), "",
                     RandomBytes(rng, rng.Below(400))});
  }
  return cases;
}

std::string GoldenLine(size_t index, const TextFeatures& f) {
  const absl::string_view sig(reinterpret_cast<const char*>(f.signature.data()),
                              f.signature.size());
  return absl::StrFormat("%d %016x %d %016x %016x %016x", index, f.exact_hash,
                         f.features, Fingerprint64(sig), f.key_bits[0],
                         f.key_bits[1]);
}

using ExtractFn = std::function<void(absl::string_view, absl::string_view,
                                     absl::string_view, TextFeatures*)>;

std::vector<std::string> ActualLines(const ExtractFn& extract) {
  std::vector<Case> cases = HandWrittenCases();
  for (Case& c : RandomCases()) cases.push_back(std::move(c));
  std::vector<std::string> lines;
  for (size_t i = 0; i < cases.size(); ++i) {
    TextFeatures f;
    extract(cases[i].headline, cases[i].dateline, cases[i].body, &f);
    lines.push_back(GoldenLine(i, f));
  }
  return lines;
}

std::vector<std::string> ExpectedLines() {
  std::ifstream file(kGoldenPath);
  EXPECT_TRUE(file.good()) << "cannot read " << kGoldenPath
                           << " (run from the repository root)";
  std::vector<std::string> expected;
  for (std::string line; std::getline(file, line);) expected.push_back(line);
  return expected;
}

void ExpectSameLines(const std::vector<std::string>& actual,
                     const std::vector<std::string>& expected) {
  ASSERT_EQ(actual.size(), expected.size());
  int mismatches = 0;
  for (size_t i = 0; i < actual.size(); ++i) {
    if (actual[i] != expected[i] && ++mismatches <= 10) {
      ADD_FAILURE() << "case " << i << "\n  expected " << expected[i]
                    << "\n  actual   " << actual[i];
    }
  }
  EXPECT_EQ(mismatches, 0);
}

TEST(TextFeaturesGoldenTest, FeaturesMatchTheGoldenFile) {
  const std::vector<std::string> actual = ActualLines(ExtractFeatures);
  if (const char* out = std::getenv("NEWSWIRE_WRITE_FEATURES_GOLDEN")) {
    std::ofstream file(out);
    ASSERT_TRUE(file.good()) << "cannot write " << out;
    for (const std::string& line : actual) file << line << "\n";
    FAIL() << "wrote " << actual.size() << " golden lines to " << out
           << "; unset NEWSWIRE_WRITE_FEATURES_GOLDEN to compare";
  }
  ExpectSameLines(actual, ExpectedLines());
}

// Every byte classifier (portable; SSE2 and AVX2 where built and, for AVX2,
// where the CPU has it) must give the golden features, whichever one
// ExtractFeatures uses.
TEST(TextFeaturesGoldenTest, EveryClassifierMatchesTheGoldenFile) {
  const std::vector<std::string> expected = ExpectedLines();
  int ran = 0;
  for (internal::Classifier classifier :
       {internal::Classifier::kPortable, internal::Classifier::kSse2,
        internal::Classifier::kAvx2}) {
    bool available = true;
    const std::vector<std::string> actual =
        ActualLines([&](absl::string_view h, absl::string_view d,
                        absl::string_view b, TextFeatures* f) {
          available = internal::ExtractFeaturesWith(classifier, h, d, b, f);
        });
    if (!available) continue;
    ++ran;
    SCOPED_TRACE(static_cast<int>(classifier));
    ExpectSameLines(actual, expected);
  }
#if defined(__x86_64__)
  EXPECT_EQ(ran, internal::HaveAvx2() ? 3 : 2);
#else
  EXPECT_GE(ran, 1);
#endif
}

// The golden cases must exercise what they claim to: a spot check that the
// file is not, say, all empty texts.
TEST(TextFeaturesGoldenTest, CasesAreVaried) {
  const std::vector<std::string> actual = ActualLines(ExtractFeatures);
  ASSERT_GT(actual.size(), 400u);
  int with_features = 0;
  for (const std::string& line : actual) {
    std::istringstream in(line);
    std::string index, exact;
    uint32_t features = 0;
    in >> index >> exact >> features;
    with_features += features > 0;
  }
  EXPECT_GT(with_features, 350);
}

}  // namespace
}  // namespace newswire::dedup
