#include "tools/storygen/wire_corpus.h"

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"
#include "common/text/hash.h"
#include "tools/storygen/story_generator.h"
#include "tools/storygen/wire_formats.h"

namespace newswire::storygen {
namespace {

class Rng {
 public:
  explicit Rng(uint64_t seed) : state_(Mix64(seed ^ 0x2545f4914f6cdd1dULL)) {}
  uint64_t Next() {
    state_ = Mix64(state_ + 0x9e3779b97f4a7c15ULL);
    return state_;
  }
  double Unit() { return static_cast<double>(Next() >> 11) * 0x1.0p-53; }

 private:
  uint64_t state_;
};

// Replaces 3 words of the last paragraph (never its first 3 or its final
// "in <seed>."), keeping names and numbers: a near copy.
StoryParts NearCopy(StoryParts story, uint64_t edit_seed) {
  std::vector<std::string> words = absl::StrSplit(story.paragraphs.back(), ' ');
  std::vector<std::string> filler = FillerWords(edit_seed, 3);
  if (words.size() > 8) {
    for (int k = 0; k < 3; ++k) {
      size_t at = 3 + (edit_seed >> (8 * k)) % (words.size() - 6);
      words[at] = filler[k];
    }
  }
  story.paragraphs.back() = absl::StrJoin(words, " ");
  return story;
}

// Adds a paragraph of about a fifth of the story's words, lowercase
// vocabulary only (no new names or numbers): an update.
StoryParts Update(StoryParts story, int words, uint64_t edit_seed) {
  std::vector<std::string> filler =
      FillerWords(edit_seed, std::max(8, words / 5));
  story.paragraphs.push_back(
      absl::StrCat("The ", absl::StrJoin(filler, " "), " followed later."));
  return story;
}

v1::RawWire Malformed(uint64_t n, const StoryParts& story) {
  v1::RawWire raw;
  switch (n % 4) {
    case 0:  // payload.empty
      break;
    case 1: {  // an XML document cut off half-way
      std::string xml =
          RenderWire(story, v1::WIRE_FORMAT_NITF, absl::StrCat("bad-", n), 1);
      raw.set_payload(xml.substr(0, xml.size() / 2));
      raw.set_format_hint(v1::WIRE_FORMAT_NITF);
      break;
    }
    case 2: {  // a JSON document cut off half-way
      std::string json =
          RenderWire(story, v1::WIRE_FORMAT_NINJS, absl::StrCat("bad-", n), 1);
      raw.set_payload(json.substr(0, json.size() / 2));
      raw.set_format_hint(v1::WIRE_FORMAT_NINJS);
      break;
    }
    default: {  // binary bytes
      std::string bytes;
      for (int i = 0; i < 64; ++i) {
        bytes.push_back(static_cast<char>(Mix64(n * 64 + i) & 0x1f));
      }
      raw.set_payload(bytes);
      break;
    }
  }
  return raw;
}

struct Original {
  uint64_t seed;
  int updates;
};

}  // namespace

std::vector<CorpusItem> GenerateWireCorpus(const WireCorpusOptions& options) {
  Rng rng(options.seed);
  std::vector<CorpusItem> items;
  items.reserve(options.count);
  std::vector<Original> recent;  // copies pick from the last 256 originals
  uint64_t next_story = options.seed * 1000003ULL;
  for (int i = 0; i < options.count; ++i) {
    CorpusItem item;
    const double draw = rng.Unit();
    const v1::WireFormat format = kWireFormats[rng.Next() % 6];
    if (draw < options.malformed_share) {
      item.kind = "malformed";
      item.raw = Malformed(rng.Next(), GenerateStoryParts(rng.Next(), 40));
    } else if (draw < options.malformed_share + options.copy_share &&
               !recent.empty()) {
      Original& original = recent[rng.Next() % recent.size()];
      StoryParts story = GenerateStoryParts(original.seed, options.words);
      int version = 1;
      const uint64_t edit = rng.Next();
      switch (edit % 3) {
        case 0:
          item.kind = "exact";
          break;
        case 1:
          item.kind = "near";
          story = NearCopy(std::move(story), edit);
          break;
        default:
          item.kind = "update";
          version = 2 + original.updates++;
          story = Update(std::move(story), options.words, edit);
          break;
      }
      item.story = original.seed;
      item.raw.set_payload(RenderWire(
          story, format, absl::StrCat("story-", original.seed), version));
      item.raw.set_format_hint(format);
    } else {
      item.kind = "original";
      item.story = ++next_story;
      StoryParts story = GenerateStoryParts(item.story, options.words);
      item.raw.set_payload(
          RenderWire(story, format, absl::StrCat("story-", item.story), 1));
      item.raw.set_format_hint(format);
      if (recent.size() < 256) {
        recent.push_back({item.story, 0});
      } else {
        recent[rng.Next() % 256] = {item.story, 0};
      }
    }
    item.raw.set_source(absl::StrCat(options.source_prefix, i));
    items.push_back(std::move(item));
  }
  return items;
}

}  // namespace newswire::storygen
