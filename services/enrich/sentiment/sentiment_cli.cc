#include "services/enrich/sentiment/sentiment_cli.h"

#include <cstdio>
#include <iostream>

#include "absl/flags/flag.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_split.h"
#include "google/protobuf/struct.pb.h"
#include "google/protobuf/util/json_util.h"
#include "newswire/v1/wire.pb.h"
#include "services/enrich/enrich_flags.h"
#include "services/enrich/sentiment/sentiment_model.h"
#include "services/enrich/sentiment/train_command.h"

ABSL_FLAG(std::string, target, "",
          "sentiment: BEGIN:END byte span of each line to score sentiment "
          "toward (empty: the whole line)");

namespace newswire::sentiment {
namespace {

bool ParseSpan(absl::string_view spec, size_t* begin, size_t* end) {
  std::vector<absl::string_view> parts = absl::StrSplit(spec, ':');
  return parts.size() == 2 && absl::SimpleAtoi(parts[0], begin) &&
         absl::SimpleAtoi(parts[1], end) && *begin < *end;
}

// A JSON line {"text": ..., "begin": B, "end": E}; false if it is not one.
bool ParseJsonLine(const std::string& line, std::string* text, size_t* begin,
                   size_t* end) {
  google::protobuf::Struct record;
  if (!google::protobuf::util::JsonStringToMessage(line, &record).ok()) {
    return false;
  }
  const auto& f = record.fields();
  auto t = f.find("text"), b = f.find("begin"), e = f.find("end");
  if (t == f.end()) return false;
  *text = t->second.string_value();
  if (b == f.end() || e == f.end()) {
    *begin = *end = 0;
    return true;
  }
  *begin = static_cast<size_t>(b->second.number_value());
  *end = static_cast<size_t>(e->second.number_value());
  return true;
}

void Print(const v1::Sentiment& s) {
  std::printf("%.4f\t%s\t%.4f\n", s.score(),
              v1::SentimentLabel_Name(s.label()).c_str(), s.confidence());
}

}  // namespace

int RunSentimentCommand(const std::vector<std::string>& args) {
  if (!args.empty()) {
    std::fprintf(stderr,
                 "newswire sentiment reads stdin and takes flags only, not "
                 "'%s'\n",
                 args[0].c_str());
    return 2;
  }
  auto model = SentimentModel::Load(absl::GetFlag(FLAGS_sentiment_model));
  if (!model.ok()) {
    std::fprintf(stderr, "%s\n", model.status().ToString().c_str());
    return 1;
  }
  size_t flag_begin = 0, flag_end = 0;
  const std::string spec = absl::GetFlag(FLAGS_target);
  if (!spec.empty() && !ParseSpan(spec, &flag_begin, &flag_end)) {
    std::fprintf(stderr, "--target wants BEGIN:END byte offsets, got '%s'\n",
                 spec.c_str());
    return 2;
  }
  std::string line, text;
  while (std::getline(std::cin, line)) {
    size_t begin = flag_begin, end = flag_end;
    text = line;
    if (!line.empty() && line[0] == '{' &&
        !ParseJsonLine(line, &text, &begin, &end)) {
      std::fprintf(stderr, "not a JSON line with \"text\": %s\n", line.c_str());
      return 1;
    }
    if (end > begin) {
      if (end > text.size()) {
        std::fprintf(stderr, "span %zu:%zu is outside a %zu-byte line\n", begin,
                     end, text.size());
        return 1;
      }
      Print((*model)->ScoreTarget(text, begin, end));
    } else {
      Print((*model)->ScoreDocument("", text));
    }
  }
  return 0;
}

int RunTrainSentimentCommand(const std::vector<std::string>& args) {
  if (!args.empty()) {
    std::fprintf(stderr,
                 "newswire train-sentiment takes flags only, not '%s'\n",
                 args[0].c_str());
    return 2;
  }
  return RunTraining();
}

}  // namespace newswire::sentiment
