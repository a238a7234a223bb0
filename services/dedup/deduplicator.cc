#include "services/dedup/deduplicator.h"

#include <algorithm>
#include <limits>
#include <utility>

#include "absl/container/flat_hash_map.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "common/status/status_macros.h"
#include "common/text/hash.h"
#include "services/dedup/band_index.h"
#include "services/dedup/state_record.h"
#include "services/dedup/text_features.h"

namespace newswire::dedup {
namespace {

constexpr int64_t kMaxDocuments = 10'000'000;
constexpr size_t kMinRing = 1024;
constexpr uint32_t kNoStory = std::numeric_limits<uint32_t>::max();
// Candidates verified per article at most (more only for boilerplate).
constexpr size_t kMaxCandidates = 512;

// The article's own time in seconds: published, else received, else
// `fallback`.
int64_t ArticleTime(const v1::Article& a, int64_t fallback) {
  if (a.published_time().seconds() > 0) return a.published_time().seconds();
  if (a.received_time().seconds() > 0) return a.received_time().seconds();
  return fallback;
}

uint64_t ProviderHash(const v1::Article& a) {
  if (a.provider_id().empty()) return 0;
  return Fingerprint64(absl::StrCat(a.source(), "\x1f", a.provider_id())) | 1;
}

// A story id is stored as 8 bytes when it is 16 lowercase hex digits (the
// ids ingest makes) and as a string otherwise.
bool ParseHexId(absl::string_view id, uint64_t* v) {
  if (id.size() != 16) return false;
  for (char c : id) {
    if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) return false;
  }
  return absl::SimpleHexAtoi(id, v);
}

}  // namespace

class Deduplicator::Impl {
 public:
  explicit Impl(const DedupOptions& options) : opt_(options) {}

  v1::DedupResult Process(const v1::Article& article,
                          std::vector<StateRecord>* state);
  void Commit();
  void Rollback();
  absl::Status Restore(absl::string_view key, absl::string_view value);
  int64_t size() const { return static_cast<int64_t>(tail_ - head_); }
  int64_t bytes() const;
  int64_t evictions() const { return evictions_; }

 private:
  struct DocMeta {
    uint64_t exact_hash;
    std::array<uint64_t, 2> key_bits;
    int64_t time;
    uint32_t story;
    uint32_t features;
  };
  struct Story {
    uint64_t hex_id = 0;
    std::unique_ptr<std::string> other_id;  // when the id is not hex
    uint64_t root_seq = 0;
    uint64_t last_seq = 0;  // newest document of the story
    uint64_t provider_hash = 0;
    int32_t provider_version = 0;
    int32_t version = 0;  // 0: free
  };
  // One provisional change, undone by Rollback().
  struct Undo {
    enum Kind { kStoryCreated, kStoryChanged, kProviderSet } kind;
    uint32_t story;
    uint64_t last_seq;
    uint64_t provider_hash;
    int32_t provider_version;
    int32_t version;
    bool had_provider;
  };
  struct Match {
    uint32_t slot = kNoStory;
    double score = 0;
    double similarity = 0;
    uint64_t seq = 0;
  };

  size_t Slot(uint64_t seq) const { return seq % ring_cap_; }
  uint64_t SeqOf(size_t slot) const {
    uint64_t base = phys_head_ - phys_head_ % ring_cap_ + slot;
    return base < phys_head_ ? base + ring_cap_ : base;
  }
  bool StoryLive(uint32_t s) const {
    return s < stories_.size() && stories_[s].version > 0 &&
           stories_[s].last_seq >= head_;
  }
  std::string StoryId(uint32_t s) const {
    const Story& st = stories_[s];
    return st.other_id ? *st.other_id : FingerprintHex(st.hex_id);
  }
  uint32_t NewStory(absl::string_view id, uint64_t root_seq);
  void FreeStory(uint32_t s);
  void GrowRing();
  uint64_t Append(const TextFeatures& f, int64_t time, uint32_t story);
  void EvictPhysically(uint64_t seq);
  void SetProvider(uint64_t ph, uint32_t story);
  void MarkCommitted();
  void FindMatches(const TextFeatures& f, int64_t time, Match* exact,
                   Match* near, Match* update);

  const DedupOptions opt_;
  // Ring of documents in arrival order: seq -> slot seq % ring_cap_.
  // [phys_head_, tail_) are stored, [head_, tail_) are live; the ones in
  // between were evicted by uncommitted Process() calls.
  size_t ring_cap_ = 0;
  std::vector<uint8_t> signatures_;
  std::vector<DocMeta> meta_;
  BandIndex bands_{&signatures_};
  uint64_t phys_head_ = 0, head_ = 0, tail_ = 0;
  int64_t clock_ = std::numeric_limits<int64_t>::min();

  std::vector<Story> stories_;
  std::vector<uint32_t> free_stories_;
  size_t other_id_bytes_ = 0;
  absl::flat_hash_map<uint64_t, uint32_t> providers_;  // hash -> story

  std::vector<Undo> undo_;
  uint64_t committed_head_ = 0, committed_tail_ = 0;
  int64_t committed_clock_ = std::numeric_limits<int64_t>::min();
  int64_t evictions_ = 0;
  // Story by root seq while restoring; cleared by Commit().
  absl::flat_hash_map<uint64_t, uint32_t> restoring_;
  std::vector<uint32_t> candidates_;
};

uint32_t Deduplicator::Impl::NewStory(absl::string_view id, uint64_t root_seq) {
  uint32_t s;
  if (!free_stories_.empty()) {
    s = free_stories_.back();
    free_stories_.pop_back();
  } else {
    s = static_cast<uint32_t>(stories_.size());
    stories_.emplace_back();
  }
  Story& st = stories_[s];
  if (!ParseHexId(id, &st.hex_id)) {
    st.other_id = std::make_unique<std::string>(id);
    other_id_bytes_ += sizeof(std::string) + st.other_id->capacity();
  }
  st.root_seq = root_seq;
  st.last_seq = root_seq;
  st.version = 1;
  return s;
}

void Deduplicator::Impl::FreeStory(uint32_t s) {
  Story& st = stories_[s];
  auto p = providers_.find(st.provider_hash);
  if (p != providers_.end() && p->second == s) providers_.erase(p);
  if (!restoring_.empty()) restoring_.erase(st.root_seq);
  if (st.other_id) {
    other_id_bytes_ -= sizeof(std::string) + st.other_id->capacity();
  }
  st = Story();
  free_stories_.push_back(s);
}

void Deduplicator::Impl::GrowRing() {
  size_t cap = std::max(kMinRing, ring_cap_ + ring_cap_ / 2);
  cap = std::min<size_t>(cap, BandIndex::kMaxSlot + 1);
  std::vector<uint8_t> sigs(cap * kSignatureSize);
  std::vector<DocMeta> meta(cap);
  for (uint64_t seq = phys_head_; seq < tail_; ++seq) {
    size_t from = Slot(seq), to = seq % cap;
    std::copy_n(&signatures_[from * kSignatureSize], kSignatureSize,
                &sigs[to * kSignatureSize]);
    meta[to] = meta_[from];
  }
  signatures_.swap(sigs);
  meta_.swap(meta);
  ring_cap_ = cap;
  bands_.Clear(tail_ - phys_head_ + 1);
  for (uint64_t seq = phys_head_; seq < tail_; ++seq) {
    bands_.Insert(static_cast<uint32_t>(Slot(seq)));
  }
}

uint64_t Deduplicator::Impl::Append(const TextFeatures& f, int64_t time,
                                    uint32_t story) {
  if (tail_ - phys_head_ >= ring_cap_) GrowRing();
  const uint64_t seq = tail_++;
  const size_t slot = Slot(seq);
  std::copy_n(f.signature.data(), kSignatureSize,
              &signatures_[slot * kSignatureSize]);
  meta_[slot] = DocMeta{f.exact_hash, f.key_bits, time, story, f.features};
  bands_.Insert(static_cast<uint32_t>(slot));
  return seq;
}

void Deduplicator::Impl::EvictPhysically(uint64_t seq) {
  const size_t slot = Slot(seq);
  bands_.Remove(static_cast<uint32_t>(slot));
  const uint32_t s = meta_[slot].story;
  if (stories_[s].version > 0 && stories_[s].last_seq == seq) FreeStory(s);
}

void Deduplicator::Impl::SetProvider(uint64_t ph, uint32_t story) {
  auto [it, inserted] = providers_.try_emplace(ph, story);
  Undo u{Undo::kProviderSet, inserted ? kNoStory : it->second, 0, ph, 0, 0,
         !inserted};
  undo_.push_back(u);
  it->second = story;
}

void Deduplicator::Impl::MarkCommitted() {
  committed_head_ = head_;
  committed_tail_ = tail_;
  committed_clock_ = clock_;
  undo_.clear();
}

void Deduplicator::Impl::FindMatches(const TextFeatures& f, int64_t time,
                                     Match* exact, Match* near, Match* update) {
  candidates_.clear();
  bands_.ForEachCandidate(f.signature.data(), [this](uint32_t slot) {
    if (candidates_.size() < kMaxCandidates) candidates_.push_back(slot);
  });
  std::sort(candidates_.begin(), candidates_.end());
  candidates_.erase(std::unique(candidates_.begin(), candidates_.end()),
                    candidates_.end());
  const int keys = KeyBitCount(f.key_bits);
  const int allowed_missing =
      std::max(1, static_cast<int>(opt_.max_missing_keys * keys));
  for (uint32_t slot : candidates_) {
    const uint64_t seq = SeqOf(slot);
    if (seq < head_) continue;  // evicted by this transaction
    const DocMeta& d = meta_[slot];
    if (d.time < time - opt_.window_seconds) continue;
    const auto better = [seq](const Match& m, double score) {
      return m.slot == kNoStory || score > m.score ||
             (score == m.score && seq < m.seq);
    };
    if (d.exact_hash == f.exact_hash && better(*exact, 1.0)) {
      *exact = Match{slot, 1.0, 1.0, seq};
    }
    const double j = JaccardFromAgreement(SignatureAgreement(
        f.signature.data(), &signatures_[slot * kSignatureSize]));
    const double in_old = Containment(j, f.features, d.features);
    const double in_new = Containment(j, d.features, f.features);
    if (in_old >= opt_.near_containment &&
        MissingKeyBits(f.key_bits, d.key_bits) <= allowed_missing) {
      if (better(*near, in_old))
        *near = Match{slot, in_old, std::max(j, in_old), seq};
      continue;
    }
    const int old_allowed = std::max(
        1, static_cast<int>(opt_.max_missing_keys * KeyBitCount(d.key_bits)));
    if (in_new >= opt_.update_containment &&
        MissingKeyBits(d.key_bits, f.key_bits) <= old_allowed &&
        better(*update, in_new)) {
      *update = Match{slot, in_new, j, seq};
    }
  }
}

v1::DedupResult Deduplicator::Impl::Process(const v1::Article& article,
                                            std::vector<StateRecord>* state) {
  TextFeatures f;
  ExtractFeatures(article.headline(), article.dateline(), article.body(), &f);
  const int64_t time = ArticleTime(
      article, clock_ == std::numeric_limits<int64_t>::min() ? 0 : clock_);
  const std::string own_id =
      article.id().empty() ? FingerprintHex(f.exact_hash) : article.id();
  v1::DedupResult result;
  result.set_verdict(v1::UNIQUE);
  result.set_story_id(own_id);
  result.set_story_version(1);
  if (f.features == 0) return result;  // no words: nothing to compare

  Match exact, near, update;
  if (ring_cap_ > 0) FindMatches(f, time, &exact, &near, &update);
  const uint64_t ph = ProviderHash(article);
  uint32_t story = kNoStory;
  if (ph != 0) {
    auto p = providers_.find(ph);
    if (p != providers_.end() && StoryLive(p->second) &&
        stories_[p->second].provider_hash == ph &&
        article.version() > stories_[p->second].provider_version) {
      story = p->second;
      result.set_verdict(v1::UPDATE);
      const Match& m = near.slot != kNoStory ? near : update;
      if (m.slot != kNoStory && meta_[m.slot].story == story) {
        result.set_similarity(m.similarity);
      }
    }
  }
  if (story == kNoStory) {
    if (exact.slot != kNoStory) {
      result.set_verdict(v1::EXACT_DUPLICATE);
      result.set_similarity(1.0);
      story = meta_[exact.slot].story;
    } else if (near.slot != kNoStory) {
      result.set_verdict(v1::NEAR_DUPLICATE);
      result.set_similarity(near.similarity);
      story = meta_[near.slot].story;
    } else if (update.slot != kNoStory) {
      result.set_verdict(v1::UPDATE);
      result.set_similarity(update.similarity);
      story = meta_[update.slot].story;
    }
  }
  if (story != kNoStory) {
    result.set_story_id(StoryId(story));
    result.set_duplicate_of(result.story_id());
    result.set_story_version(stories_[story].version);
  }
  if (result.verdict() == v1::EXACT_DUPLICATE) return result;

  // Index the article, unless it is older than the window already.
  const int64_t newest = clock_ == std::numeric_limits<int64_t>::min()
                             ? time
                             : std::max(clock_, time);
  if (time < newest - opt_.window_seconds) return result;
  clock_ = newest;
  while (head_ < tail_ &&
         (meta_[Slot(head_)].time < clock_ - opt_.window_seconds ||
          static_cast<int64_t>(tail_ - head_) >= opt_.max_documents)) {
    if (state != nullptr) state->push_back({StateKey(head_), std::string()});
    ++head_;
  }
  const uint64_t seq = tail_;
  if (story == kNoStory) {
    story = NewStory(own_id, seq);
    undo_.push_back(Undo{Undo::kStoryCreated, story, 0, 0, 0, 0, false});
    stories_[story].provider_hash = ph;
    stories_[story].provider_version = article.version();
  } else {
    Story& st = stories_[story];
    undo_.push_back(Undo{Undo::kStoryChanged, story, st.last_seq,
                         st.provider_hash, st.provider_version, st.version,
                         false});
    st.last_seq = seq;
    if (result.verdict() == v1::UPDATE) result.set_story_version(++st.version);
    if (ph != 0) {
      st.provider_version =
          st.provider_hash == ph
              ? std::max(st.provider_version, article.version())
              : article.version();
      st.provider_hash = ph;
    }
  }
  const uint64_t story_ph = stories_[story].provider_hash;
  if (story_ph != 0) SetProvider(story_ph, story);
  Append(f, time, story);
  if (state != nullptr) {
    const Story& st = stories_[story];
    DocState doc;
    doc.time = time;
    doc.clock = clock_;
    doc.features = f;
    doc.story_root_seq = st.root_seq;
    doc.story_id = result.story_id();
    doc.story_version = st.version;
    doc.provider_hash = st.provider_hash;
    doc.provider_version = st.provider_version;
    state->push_back({StateKey(seq), EncodeDocState(doc)});
  }
  return result;
}

void Deduplicator::Impl::Commit() {
  for (uint64_t seq = phys_head_; seq < head_; ++seq) EvictPhysically(seq);
  evictions_ += static_cast<int64_t>(head_ - phys_head_);
  phys_head_ = head_;
  MarkCommitted();
  restoring_.clear();
  // Provider entries whose story moved on or died are dropped lazily.
  const size_t live = stories_.size() - free_stories_.size();
  if (providers_.size() > 2 * live + 1024) {
    absl::erase_if(providers_, [this](const auto& kv) {
      return stories_[kv.second].version == 0 ||
             stories_[kv.second].provider_hash != kv.first;
    });
  }
}

void Deduplicator::Impl::Rollback() {
  for (auto u = undo_.rbegin(); u != undo_.rend(); ++u) {
    switch (u->kind) {
      case Undo::kStoryCreated:
        FreeStory(u->story);
        break;
      case Undo::kStoryChanged: {
        Story& st = stories_[u->story];
        st.last_seq = u->last_seq;
        st.provider_hash = u->provider_hash;
        st.provider_version = u->provider_version;
        st.version = u->version;
        break;
      }
      case Undo::kProviderSet:
        if (u->had_provider) {
          providers_[u->provider_hash] = u->story;
        } else {
          providers_.erase(u->provider_hash);
        }
        break;
    }
  }
  for (uint64_t seq = tail_; seq > committed_tail_; --seq) {
    bands_.Remove(static_cast<uint32_t>(Slot(seq - 1)));
  }
  tail_ = committed_tail_;
  head_ = committed_head_;
  clock_ = committed_clock_;
  undo_.clear();
}

absl::Status Deduplicator::Impl::Restore(absl::string_view key,
                                         absl::string_view value) {
  ASSIGN_OR_RETURN(const uint64_t seq, ParseStateKey(key));
  if (value.empty()) {  // tombstone: FIFO eviction up to and including seq
    if (seq >= phys_head_ && seq < tail_) {
      for (uint64_t s = phys_head_; s <= seq; ++s) EvictPhysically(s);
      phys_head_ = head_ = seq + 1;
      MarkCommitted();
    }
    return absl::OkStatus();
  }
  DocState doc;
  RETURN_IF_ERROR(DecodeDocState(value, &doc));
  if (tail_ == phys_head_) {
    phys_head_ = head_ = tail_ = seq;
  } else if (seq != tail_) {
    return absl::DataLossError(absl::StrFormat(
        "dedup state record %d does not follow %d", seq, tail_ - 1));
  }
  uint32_t story;
  auto it = restoring_.find(doc.story_root_seq);
  if (it != restoring_.end()) {
    story = it->second;
  } else {
    story = NewStory(doc.story_id, doc.story_root_seq);
    restoring_[doc.story_root_seq] = story;
  }
  Story& st = stories_[story];
  st.last_seq = seq;
  st.version = doc.story_version;
  st.provider_hash = doc.provider_hash;
  st.provider_version = doc.provider_version;
  if (st.provider_hash != 0) providers_[st.provider_hash] = story;
  Append(doc.features, doc.time, story);
  clock_ = doc.clock;
  MarkCommitted();
  return absl::OkStatus();
}

int64_t Deduplicator::Impl::bytes() const {
  size_t b =
      signatures_.capacity() + meta_.capacity() * sizeof(DocMeta) +
      bands_.bytes() + stories_.capacity() * sizeof(Story) + other_id_bytes_ +
      free_stories_.capacity() * sizeof(uint32_t) +
      providers_.capacity() * (sizeof(std::pair<uint64_t, uint32_t>) + 1) +
      restoring_.capacity() * (sizeof(std::pair<uint64_t, uint32_t>) + 1) +
      undo_.capacity() * sizeof(Undo) +
      candidates_.capacity() * sizeof(uint32_t);
  return static_cast<int64_t>(b);
}

Deduplicator::Deduplicator(std::unique_ptr<Impl> impl)
    : impl_(std::move(impl)) {}
Deduplicator::~Deduplicator() = default;

absl::StatusOr<std::unique_ptr<Deduplicator>> Deduplicator::Create(
    const DedupOptions& options) {
  if (options.window_seconds <= 0) {
    return absl::InvalidArgumentError("dedup window must be positive");
  }
  if (options.max_documents < 1 || options.max_documents > kMaxDocuments) {
    return absl::InvalidArgumentError(absl::StrCat(
        "dedup max_documents must be in [1, ", kMaxDocuments, "]"));
  }
  for (double t : {options.near_containment, options.update_containment,
                   options.max_missing_keys}) {
    if (!(t >= 0 && t <= 1)) {
      return absl::InvalidArgumentError("dedup thresholds must be in [0, 1]");
    }
  }
  return std::unique_ptr<Deduplicator>(
      new Deduplicator(std::make_unique<Impl>(options)));
}

v1::DedupResult Deduplicator::Process(const v1::Article& article,
                                      std::vector<StateRecord>* state) {
  return impl_->Process(article, state);
}
void Deduplicator::Commit() { impl_->Commit(); }
void Deduplicator::Rollback() { impl_->Rollback(); }
absl::Status Deduplicator::Restore(absl::string_view key,
                                   absl::string_view value) {
  return impl_->Restore(key, value);
}
int64_t Deduplicator::size() const { return impl_->size(); }
int64_t Deduplicator::size_bytes() const { return impl_->bytes(); }
DedupStats Deduplicator::stats() const {
  return DedupStats{impl_->size(), impl_->bytes(), impl_->evictions()};
}

}  // namespace newswire::dedup
