#include "services/dedup/deduplicator.h"

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "common/text/hash.h"

namespace newswire::dedup {
namespace {

// Baseline normalization: lower-cased words of headline and body.
uint64_t ContentHash(const v1::Article& article) {
  std::string text;
  for (absl::string_view word :
       absl::StrSplit(article.body(), absl::ByAnyChar(" \t\r\n"),
                      absl::SkipEmpty())) {
    absl::StrAppend(&text, absl::AsciiStrToLower(word), " ");
  }
  return Fingerprint64(text);
}

}  // namespace

Deduplicator::~Deduplicator() = default;

absl::StatusOr<std::unique_ptr<Deduplicator>> Deduplicator::Create(
    const DedupOptions& options) {
  std::unique_ptr<Deduplicator> d(new Deduplicator());
  d->options_ = options;
  return d;
}

v1::DedupResult Deduplicator::Process(const v1::Article& article,
                                      std::vector<StateRecord>* state) {
  v1::DedupResult result;
  uint64_t h = ContentHash(article);
  auto it = by_hash_.find(h);
  if (it != by_hash_.end()) {
    result.set_verdict(v1::EXACT_DUPLICATE);
    result.set_duplicate_of(it->second.article_id);
    result.set_story_id(it->second.story_id);
    result.set_similarity(1.0);
    return result;
  }
  Entry entry{article.id(), article.id()};
  by_hash_[h] = entry;
  uncommitted_.push_back(h);
  if (state != nullptr) {
    state->push_back({FingerprintHex(h), absl::StrCat(entry.article_id, "\t",
                                                      entry.story_id)});
  }
  result.set_verdict(v1::UNIQUE);
  result.set_story_id(entry.story_id);
  result.set_story_version(1);
  return result;
}

void Deduplicator::Commit() { uncommitted_.clear(); }

void Deduplicator::Rollback() {
  for (uint64_t h : uncommitted_) by_hash_.erase(h);
  uncommitted_.clear();
}

absl::Status Deduplicator::Restore(absl::string_view key,
                                   absl::string_view value) {
  uint64_t h = 0;
  if (key.size() != 16 || !absl::SimpleHexAtoi(key, &h)) {
    return absl::DataLossError(absl::StrCat("bad state key '", key, "'"));
  }
  if (value.empty()) {
    by_hash_.erase(h);
    return absl::OkStatus();
  }
  std::vector<std::string> parts = absl::StrSplit(value, '\t');
  if (parts.size() != 2) {
    return absl::DataLossError(absl::StrCat("bad state value for ", key));
  }
  by_hash_[h] = Entry{parts[0], parts[1]};
  return absl::OkStatus();
}

int64_t Deduplicator::size() const {
  return static_cast<int64_t>(by_hash_.size());
}

}  // namespace newswire::dedup
