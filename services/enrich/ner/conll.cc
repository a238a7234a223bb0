#include "services/enrich/ner/conll.h"

#include <fstream>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_split.h"
#include "absl/strings/strip.h"

namespace newswire::ner {
namespace {

// Parses "I-PER" / "B-LOC" / "O". Returns false for O or unknown tags.
bool ParseTag(absl::string_view tag, char* prefix, EntityClass* cls) {
  if (tag.size() < 3 || tag[1] != '-') return false;
  *prefix = tag[0];
  absl::string_view type = tag.substr(2);
  if (type == "PER") {
    *cls = EntityClass::kPer;
  } else if (type == "ORG") {
    *cls = EntityClass::kOrg;
  } else if (type == "LOC") {
    *cls = EntityClass::kLoc;
  } else if (type == "MISC") {
    *cls = EntityClass::kMisc;
  } else {
    return false;
  }
  return true;
}

}  // namespace

const char* ClassName(EntityClass c) {
  static const char* const kNames[] = {"PER", "ORG", "LOC", "MISC"};
  return kNames[static_cast<int>(c)];
}

absl::StatusOr<std::vector<ConllDocument>> ReadConll(const std::string& path) {
  std::ifstream in(path);
  if (!in) return absl::NotFoundError(absl::StrCat("cannot open ", path));
  std::vector<ConllDocument> docs(1);
  ConllSentence sentence;
  auto flush = [&] {
    if (!sentence.tokens.empty()) {
      docs.back().sentences.push_back(std::move(sentence));
    }
    sentence = ConllSentence();
  };
  std::string line;
  int line_no = 0;
  while (std::getline(in, line)) {
    ++line_no;
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (absl::StripAsciiWhitespace(line).empty()) {
      flush();
      continue;
    }
    if (absl::StartsWith(line, "-DOCSTART-")) {
      flush();
      if (!docs.back().sentences.empty()) docs.emplace_back();
      continue;
    }
    std::vector<absl::string_view> cols =
        absl::StrSplit(line, absl::ByAnyChar(" \t"), absl::SkipEmpty());
    if (cols.size() < 2) {
      return absl::InvalidArgumentError(
          absl::StrCat(path, ":", line_no, ": expected token and tag"));
    }
    sentence.lines.push_back(line);
    sentence.tokens.emplace_back(cols.front());
    sentence.tags.emplace_back(cols.back());
  }
  flush();
  if (docs.back().sentences.empty() && docs.size() > 1) docs.pop_back();
  return docs;
}

std::vector<TokenSpan> TagsToSpans(const std::vector<std::string>& tags) {
  std::vector<TokenSpan> spans;
  bool open = false;
  TokenSpan cur;
  for (int i = 0; i < static_cast<int>(tags.size()); ++i) {
    char prefix = 'O';
    EntityClass cls = EntityClass::kPer;
    bool inside = ParseTag(tags[i], &prefix, &cls);
    bool starts =
        inside && (prefix == 'B' || prefix == 'S' || !open || cur.cls != cls);
    if (open && (!inside || starts)) {
      cur.end = i;
      spans.push_back(cur);
      open = false;
    }
    if (starts) {
      cur.begin = i;
      cur.cls = cls;
      open = true;
    }
    if (open &&
        (prefix == 'E' || prefix == 'S' || prefix == 'L' || prefix == 'U')) {
      cur.end = i + 1;
      spans.push_back(cur);
      open = false;
    }
  }
  if (open) {
    cur.end = static_cast<int>(tags.size());
    spans.push_back(cur);
  }
  return spans;
}

std::vector<std::string> SpansToIob1(const std::vector<TokenSpan>& spans,
                                     int num_tokens) {
  std::vector<std::string> tags(num_tokens, "O");
  int prev_end = -1;
  EntityClass prev_cls = EntityClass::kPer;
  for (const TokenSpan& s : spans) {
    for (int i = s.begin; i < s.end && i < num_tokens; ++i) {
      bool touch = i == s.begin && prev_end == s.begin && prev_cls == s.cls;
      tags[i] = absl::StrCat(touch ? "B-" : "I-", ClassName(s.cls));
    }
    prev_end = s.end;
    prev_cls = s.cls;
  }
  return tags;
}

double PrfCounts::Precision() const {
  return predicted == 0 ? 0.0 : static_cast<double>(true_positives) / predicted;
}
double PrfCounts::Recall() const {
  return gold == 0 ? 0.0 : static_cast<double>(true_positives) / gold;
}
double PrfCounts::F1() const {
  double p = Precision(), r = Recall();
  return p + r == 0 ? 0.0 : 2 * p * r / (p + r);
}

void SpanScorer::Add(const std::vector<TokenSpan>& gold,
                     const std::vector<TokenSpan>& predicted) {
  for (const TokenSpan& g : gold) {
    ++overall_.gold;
    ++per_class_[static_cast<int>(g.cls)].gold;
  }
  for (const TokenSpan& p : predicted) {
    ++overall_.predicted;
    ++per_class_[static_cast<int>(p.cls)].predicted;
    for (const TokenSpan& g : gold) {
      if (g == p) {
        ++overall_.true_positives;
        ++per_class_[static_cast<int>(p.cls)].true_positives;
        break;
      }
    }
  }
}

std::string SpanScorer::Report() const {
  auto line = [](absl::string_view name, const PrfCounts& c) {
    return absl::StrFormat(
        "%-8s precision %6.2f%%  recall %6.2f%%  F1 %6.2f  (gold %ld, "
        "predicted %ld, correct %ld)\n",
        name, 100 * c.Precision(), 100 * c.Recall(), 100 * c.F1(), c.gold,
        c.predicted, c.true_positives);
  };
  std::string out = line("overall", overall_);
  for (int c = 0; c < kNumClasses; ++c) {
    out += line(ClassName(static_cast<EntityClass>(c)), per_class_[c]);
  }
  return out;
}

}  // namespace newswire::ner
