#include "services/enrich/sentiment/lexicon.h"

#include <algorithm>
#include <cstdlib>
#include <fstream>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "services/enrich/sentiment/tokens.h"

namespace newswire::sentiment {
namespace {

struct ClassList {
  uint8_t cls;
  const char* const* words;
};

// "n't" is the clitic text::Segment splits off "don't", "won't", ...
const char* const kNegators[] = {
    "not",     "no",     "never",   "none",    "nobody",   "nothing",
    "neither", "nor",    "nowhere", "without", "cannot",   "n't",
    "lack",    "lacked", "lacking", "lacks",   "rarely",   "seldom",
    "hardly",  "denied", "denies",  "deny",    "unlikely", "dont",
    "didnt",   "doesnt", "isnt",    "wont",    "cant",     nullptr};
const char* const kBoosters[] = {
    "very",         "extremely",     "sharply",       "highly",
    "deeply",       "hugely",        "significantly", "substantially",
    "dramatically", "strongly",      "severely",      "seriously",
    "greatly",      "especially",    "particularly",  "really",
    "so",           "most",          "totally",       "completely",
    "utterly",      "absolutely",    "steeply",       "massively",
    "heavily",      "fiercely",      "bitterly",      "incredibly",
    "remarkably",   "exceptionally", "enormously",    "vastly",
    "sharp",        "steep",         "huge",          "massive",
    "record",       "unprecedented", "further",       nullptr};
const char* const kHedges[] = {
    "slightly", "somewhat",  "marginally", "mildly",     "modestly",   "barely",
    "partly",   "partially", "fairly",     "relatively", "moderately", "less",
    "rather",   "allegedly", "reportedly", "possibly",   "perhaps",    "maybe",
    "might",    "may",       "could",      "slight",     "modest",     "little",
    "bit",      nullptr};
const char* const kContrasts[] = {
    "but", "however", "yet", "nevertheless", "nonetheless", "instead", nullptr};
const char* const kConcessives[] = {"although", "though",          "despite",
                                    "whereas",  "notwithstanding", nullptr};
const char* const kSpeechVerbs[] = {
    "said",    "says",      "say",      "told",     "tells",    "stated",
    "added",   "according", "claimed",  "argued",   "insisted", "wrote",
    "tweeted", "announced", "asserted", "declared", "remarked", nullptr};

const ClassList kClassLists[] = {
    {kNegator, kNegators},       {kBooster, kBoosters},
    {kHedge, kHedges},           {kContrast, kContrasts},
    {kConcessive, kConcessives}, {kSpeech, kSpeechVerbs}};

struct NewsWord {
  const char* word;
  float valence;
};

// Our own news vocabulary: words whose tone in wire copy the general
// lexicons miss or misjudge. Valences in [-1, 1], chosen by hand.
const NewsWord kNewsWords[] = {
    {"sanction", -0.4f},
    {"sanctions", -0.4f},
    {"sanctioned", -0.4f},
    {"casualties", -0.7f},
    {"casualty", -0.6f},
    {"plunge", -0.6f},
    {"plunged", -0.6f},
    {"plunges", -0.6f},
    {"plunging", -0.6f},
    {"slump", -0.5f},
    {"slumped", -0.5f},
    {"slumps", -0.5f},
    {"tumble", -0.5f},
    {"tumbled", -0.5f},
    {"tumbles", -0.5f},
    {"sank", -0.4f},
    {"sink", -0.3f},
    {"slid", -0.3f},
    {"slide", -0.3f},
    {"fell", -0.3f},
    {"declined", -0.3f},
    {"decline", -0.3f},
    {"crashed", -0.6f},
    {"recession", -0.6f},
    {"layoffs", -0.5f},
    {"bankruptcy", -0.7f},
    {"downgrade", -0.5f},
    {"downgraded", -0.5f},
    {"indicted", -0.6f},
    {"indictment", -0.5f},
    {"impeachment", -0.4f},
    {"airstrike", -0.6f},
    {"airstrikes", -0.6f},
    {"shelling", -0.6f},
    {"bombing", -0.7f},
    {"insurgents", -0.4f},
    {"militants", -0.4f},
    {"hostage", -0.6f},
    {"hostages", -0.6f},
    {"wounded", -0.6f},
    {"toll", -0.3f},
    {"outbreak", -0.5f},
    {"famine", -0.8f},
    {"drought", -0.5f},
    {"evacuated", -0.3f},
    {"tariffs", -0.3f},
    {"embargo", -0.4f},
    {"deficit", -0.3f},
    {"unemployment", -0.4f},
    {"riots", -0.6f},
    {"clashes", -0.5f},
    {"alleged", -0.2f},
    {"probe", -0.2f},
    {"lawsuit", -0.3f},
    {"sued", -0.4f},
    {"convicted", -0.6f},
    {"sentenced", -0.4f},
    {"detained", -0.4f},
    {"ousted", -0.4f},
    {"coup", -0.6f},
    {"turmoil", -0.6f},
    {"selloff", -0.5f},
    {"sell-off", -0.5f},
    {"losses", -0.4f},
    {"shortfall", -0.4f},
    {"threatened", -0.5f},
    {"escalation", -0.4f},
    {"escalate", -0.4f},
    {"tensions", -0.4f},
    {"standoff", -0.3f},
    {"shutdown", -0.4f},
    {"backlash", -0.4f},
    {"slammed", -0.5f},
    {"blasted", -0.4f},
    {"lashed", -0.4f},
    {"nuclear", -0.1f},
    {"missile", -0.2f},
    {"missiles", -0.2f},
    {"ceasefire", 0.4f},
    {"cease-fire", 0.4f},
    {"truce", 0.4f},
    {"breakthrough", 0.6f},
    {"surge", 0.3f},
    {"surged", 0.3f},
    {"surges", 0.3f},
    {"surging", 0.3f},
    {"soar", 0.5f},
    {"soared", 0.5f},
    {"soaring", 0.5f},
    {"jumped", 0.3f},
    {"rally", 0.4f},
    {"rallied", 0.4f},
    {"rebound", 0.4f},
    {"rebounded", 0.4f},
    {"gains", 0.3f},
    {"gained", 0.3f},
    {"rose", 0.2f},
    {"climbed", 0.2f},
    {"recovery", 0.4f},
    {"growth", 0.3f},
    {"boosted", 0.4f},
    {"profit", 0.3f},
    {"profits", 0.3f},
    {"upgrade", 0.4f},
    {"upgraded", 0.4f},
    {"agreement", 0.3f},
    {"accord", 0.3f},
    {"acquitted", 0.4f},
    {"rescued", 0.5f},
    {"landmark", 0.3f},
    {"historic", 0.3f},
    {"welcomed", 0.4f},
    {"hailed", 0.5f},
    {"approved", 0.3f},
    {"stimulus", 0.1f},
    {"outperformed", 0.4f},
    {"reopened", 0.3f},
    // Neutral in news although general lexicons rate them: "shares fell",
    // "interest rates", "the United Nations", "the Labour party", "like".
    {"share", 0.0f},
    {"shares", 0.0f},
    {"interest", 0.0f},
    {"united", 0.0f},
    {"credit", 0.0f},
    {"party", 0.0f},
    {"like", 0.0f},
    {"well", 0.0f},
    {"please", 0.0f},
    {"pretty", 0.0f},
    {"kind", 0.0f},
    {"sure", 0.0f},
    {"top", 0.0f},
    {"security", 0.0f},
    {"defense", 0.0f},
    {"defence", 0.0f},
    {"leading", 0.0f},
    {"fine", 0.0f},
    {"justice", 0.0f},
    {"fall", -0.2f},
};

}  // namespace

Lexicon Lexicon::BuiltIn() {
  Lexicon lex;
  for (const ClassList& list : kClassLists) {
    for (const char* const* w = list.words; *w != nullptr; ++w) {
      lex.entries_[HashWord(*w)].classes |= list.cls;
    }
  }
  lex.ApplyNewsOverrides();
  return lex;
}

void Lexicon::ApplyNewsOverrides() {
  // Function words carry their effect through their class, not a valence
  // (VADER, for one, rates "no" as negative on its own).
  for (auto& [hash, entry] : entries_) {
    if (entry.classes != 0) entry.valence = 0;
  }
  for (const NewsWord& w : kNewsWords) {
    entries_[HashWord(w.word)].valence = w.valence;
  }
}

void Lexicon::SetValence(uint64_t hash, float valence) {
  entries_[hash].valence = valence;
}

absl::Status Lexicon::AddVader(const std::string& path) {
  return AddScaled(path, 1.0f / 4.0f);
}

absl::Status Lexicon::AddAfinn(const std::string& path) {
  return AddScaled(path, 1.0f / 5.0f);
}

absl::Status Lexicon::AddScaled(const std::string& path, float scale) {
  std::ifstream in(path);
  if (!in) return absl::NotFoundError(absl::StrCat("cannot read ", path));
  std::string line;
  int line_no = 0;
  while (std::getline(in, line)) {
    ++line_no;
    if (line.empty()) continue;
    std::vector<absl::string_view> cols = absl::StrSplit(line, '\t');
    double value = 0;
    if (cols.size() < 2 || !absl::SimpleAtod(cols[1], &value)) {
      return absl::InvalidArgumentError(
          absl::StrCat(path, ":", line_no, ": expected word<TAB>score"));
    }
    // Multi-word entries and emoticons never match a single word token.
    if (cols[0].find(' ') != absl::string_view::npos) continue;
    const uint64_t h = HashWord(cols[0]);
    const float v = std::clamp(static_cast<float>(value) * scale, -1.0f, 1.0f);
    int& count = rated_[h];
    LexEntry& e = entries_[h];
    e.valence = (e.valence * count + v) / (count + 1);
    ++count;
  }
  return absl::OkStatus();
}

std::vector<std::pair<uint64_t, float>> Lexicon::Valences() const {
  std::vector<std::pair<uint64_t, float>> out;
  for (const auto& [hash, entry] : entries_) {
    if (entry.valence != 0) out.emplace_back(hash, entry.valence);
  }
  std::sort(out.begin(), out.end());
  return out;
}

}  // namespace newswire::sentiment
