#include "services/enrich/ner/ner_cli.h"

#include <cstdio>
#include <fstream>
#include <iostream>

#include "absl/flags/flag.h"
#include "absl/strings/str_split.h"
#include "absl/strings/strip.h"
#include "services/enrich/ner/entity_tagger.h"

ABSL_FLAG(std::string, conll, "", "CoNLL file to tag (newswire tag)");
ABSL_FLAG(std::string, ner_model, "", "NER model file (empty: built-in)");

namespace newswire::ner {

int RunTagCommand(const std::vector<std::string>& args) {
  std::string path = absl::GetFlag(FLAGS_conll);
  if (path.empty() && !args.empty()) path = args[0];
  if (path.empty()) {
    std::fprintf(stderr, "usage: newswire tag --conll FILE\n");
    return 2;
  }
  std::ifstream in(path);
  if (!in) {
    std::fprintf(stderr, "cannot open %s\n", path.c_str());
    return 1;
  }
  auto tagger = EntityTagger::Load(absl::GetFlag(FLAGS_ner_model));
  if (!tagger.ok()) {
    std::fprintf(stderr, "%s\n", tagger.status().ToString().c_str());
    return 1;
  }
  // Baseline: tags each sentence's tokens joined by spaces.
  std::vector<std::string> lines;
  auto flush = [&] {
    std::string text;
    std::vector<std::pair<size_t, size_t>> spans;
    for (const std::string& l : lines) {
      std::string token = std::string(absl::StrSplit(l, ' ').begin()->data(),
                                      l.find(' ') == std::string::npos
                                          ? l.size()
                                          : l.find(' '));
      if (!text.empty()) text.push_back(' ');
      spans.emplace_back(text.size(), text.size() + token.size());
      text += token;
    }
    std::vector<Mention> mentions = (*tagger)->Tag(text);
    for (size_t i = 0; i < lines.size(); ++i) {
      std::string tag = "O";
      for (const Mention& m : mentions) {
        if (spans[i].first >= m.begin && spans[i].second <= m.end) {
          tag = "I-MISC";
        }
      }
      std::cout << lines[i] << ' ' << tag << '\n';
    }
    lines.clear();
  };
  std::string line;
  while (std::getline(in, line)) {
    if (absl::StripAsciiWhitespace(line).empty() ||
        absl::StartsWith(line, "-DOCSTART-")) {
      flush();
      std::cout << line << (line.empty() ? "" : " O") << '\n';
      continue;
    }
    lines.push_back(line);
  }
  flush();
  return 0;
}

int RunTrainNerCommand(const std::vector<std::string>& args) {
  std::fprintf(stderr, "train-ner: no trainer built in yet\n");
  return 1;
}

}  // namespace newswire::ner
