#include "services/dedup/deduplicator.h"

#include <algorithm>
#include <cstring>
#include <limits>
#include <utility>

#include "absl/container/flat_hash_map.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/time/clock.h"
#include "common/status/status_macros.h"
#include "common/text/hash.h"
#include "services/dedup/band_index.h"
#include "services/dedup/doc_store.h"
#include "services/dedup/exact_index.h"
#include "services/dedup/state_record.h"
#include "services/dedup/story_table.h"
#include "services/dedup/text_features.h"

namespace newswire::dedup {
namespace {

// Band entries hold 22-bit slots; leave room for uncommitted documents.
constexpr int64_t kMaxDocuments = 4'000'000;
constexpr uint32_t kNone = std::numeric_limits<uint32_t>::max();
constexpr int64_t kNoClock = std::numeric_limits<int64_t>::min();

// How far an article's time may lie ahead of when it was received (or of
// now). Wire copy is sometimes mis-dated; one item dated years ahead must not
// move the window's clock and evict every document.
constexpr int64_t kMaxFutureSeconds = int64_t{24} * 3600;

// The article's own time in seconds: published, else received, else
// `fallback`; never more than kMaxFutureSeconds past its received time or
// the wall clock; clamped to what DocMeta holds.
int64_t ArticleTime(const v1::Article& a, int64_t fallback) {
  const int64_t received = a.received_time().seconds();
  int64_t t = fallback;
  if (a.published_time().seconds() > 0) {
    t = a.published_time().seconds();
  } else if (received > 0) {
    t = received;
  }
  if (received > 0) t = std::min(t, received + kMaxFutureSeconds);
  t = std::min(t, absl::ToUnixSeconds(absl::Now()) + kMaxFutureSeconds);
  return std::clamp<int64_t>(t, 0, std::numeric_limits<uint32_t>::max());
}

uint64_t ProviderHash(const v1::Article& a) {
  if (a.provider_id().empty()) return 0;
  return Fingerprint64(absl::StrCat(a.source(), "\x1f", a.provider_id())) | 1;
}

uint32_t ProviderKey(uint64_t provider_hash) {
  return static_cast<uint32_t>(provider_hash);
}

int AllowedMissing(double share, const std::array<uint64_t, 2>& keys) {
  return std::max(1, static_cast<int>(share * KeyBitCount(keys)));
}

// Features for an article without words (a kill that carries no text): no
// shingles, and an exact hash and signature drawn from its id, so it is
// stored like any document (its story and provider id live as long as it
// does) but matches nothing except another copy of itself.
void TextlessFeatures(const v1::Article& a, TextFeatures* f) {
  const uint64_t h = Fingerprint64(absl::StrCat("\x1ftextless\x1f", a.id()));
  f->exact_hash = h;
  f->features = 0;
  f->key_bits = {0, 0};
  uint64_t x = h;
  for (size_t i = 0; i < kSignatureSize; i += 8) {
    // splitmix64: independent-looking bytes for every band.
    x += 0x9E3779B97F4A7C15ull;
    uint64_t z = x;
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    z ^= z >> 31;
    for (size_t b = 0; b < 8 && i + b < kSignatureSize; ++b) {
      f->signature[i + b] = static_cast<uint8_t>(z >> (8 * b));
    }
  }
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
  // What the index knows of one provider id (source + provider_id): the
  // story it belongs to and the highest version seen. Valid while that story
  // is live and is the one that was linked (root checks a reused story
  // index); `hash_high` tells apart provider ids whose low 32 bits collide.
  struct ProviderEntry {
    uint32_t story;
    int32_t version;
    uint32_t hash_high;
    uint32_t root;
  };
  // The story and highest version of a provider id, if it is known.
  struct ProviderLink {
    uint32_t story = kNone;
    int32_t version = 0;
  };
  // One provisional change, undone by Rollback().
  struct Undo {
    enum Kind { kStoryCreated, kStoryChanged, kProviderSet } kind;
    uint32_t story;
    uint64_t last_seq;
    int32_t version;
    // kProviderSet: the entry's key and what it held before, if anything.
    uint32_t provider_key;
    bool had_provider;
    ProviderEntry provider;
  };
  // The best candidate of one kind.
  struct Match {
    uint32_t slot = kNone;
    double score = 0;
    double similarity = 0;
    uint64_t seq = 0;
    bool Better(double s, uint64_t q) const {
      return slot == kNone || s > score || (s == score && q < seq);
    }
  };
  struct Matches {
    Match exact, near, update;
  };

  Matches FindMatches(const TextFeatures& f, int64_t time);
  ProviderLink FindProvider(uint64_t ph) const;
  bool ProviderValid(const ProviderEntry& e) const;
  void Index(const TextFeatures& f, int64_t time, uint64_t ph,
             int32_t provider_version, uint32_t story, v1::DedupResult* result,
             std::vector<StateRecord>* state);
  uint32_t Append(const TextFeatures& f, int64_t time, uint32_t story);
  void Evict(uint64_t seq);
  // Evicts the committed documents [evicted_, end).
  void EvictUpTo(uint64_t end);
  // Removes the evicted documents from the band index and the store.
  void PurgeEvicted();
  // Links provider id `ph` to `story` with `version` as its highest version.
  void SetProvider(uint64_t ph, uint32_t story, int32_t version);
  void MarkCommitted();
  // Indexes the live documents restored since Create() in seq order, which
  // gives each band value the same newest documents as inserting them one
  // by one, without growing the tables ~40 times on the way.
  void BuildBands();

  const DedupOptions opt_;
  // Documents [store_.head(), tail_) are stored; [head_, tail_) are live.
  // [evicted_, head_) were evicted by uncommitted Process() calls (Commit()
  // evicts them); [store_.head(), evicted_) are evicted but still in the band
  // tables and the store until PurgeEvicted().
  DocStore store_;
  BandIndex bands_{&store_};
  ExactIndex exact_{&store_};
  uint64_t head_ = 0, tail_ = 0, evicted_ = 0;
  int64_t clock_ = kNoClock;  // newest indexed article time
  StoryTable stories_;
  // Provider ids by the low 32 bits of their hash (20 bytes an entry). A
  // collision only hides the older provider id: lookups check the full hash.
  // Entries of ended stories are dropped lazily (Commit).
  absl::flat_hash_map<uint32_t, ProviderEntry> providers_;
  size_t providers_after_purge_ = 0;

  std::vector<Undo> undo_;
  uint64_t committed_head_ = 0, committed_tail_ = 0;
  int64_t committed_clock_ = kNoClock;
  int64_t evictions_ = 0;
  // Story by root seq while restoring; cleared by Commit().
  absl::flat_hash_map<uint64_t, uint32_t> restoring_;
  // While restoring, documents go to the store only; the first Commit()
  // builds the band tables once, at their final size (BuildBands).
  bool bands_deferred_ = false;
  std::vector<uint32_t> candidates_;
};

uint32_t Deduplicator::Impl::Append(const TextFeatures& f, int64_t time,
                                    uint32_t story) {
  const uint32_t slot = store_.Append(tail_++);
  std::copy_n(f.signature.data(), kSignatureSize, store_.signature(slot));
  store_.meta(slot) = DocMeta{f.key_bits, static_cast<uint32_t>(f.exact_hash),
                              static_cast<uint32_t>(time), story, f.features};
  if (!bands_deferred_) {
    bands_.Insert(slot);
    exact_.Insert(slot);
  }
  return slot;
}

// Evicts committed document `seq` (the oldest not yet evicted): drops its
// story if it was the story's newest document. Its band entries and storage
// go in the next PurgeEvicted().
void Deduplicator::Impl::Evict(uint64_t seq) {
  const uint32_t s = store_.meta(store_.SlotOf(seq)).story;
  if (stories_.in_use(s) && stories_[s].last_seq == seq) {
    // Its provider entries become invalid (ProviderValid) and are dropped
    // by a later Commit().
    if (!restoring_.empty()) restoring_.erase(stories_[s].root_seq);
    stories_.Free(s);
  }
}

void Deduplicator::Impl::EvictUpTo(uint64_t end) {
  const uint64_t begin = evicted_;
  // Prefetch a few documents ahead: each one's story is a cache miss.
  constexpr uint64_t kAhead = 4;
  for (uint64_t s = begin; s < end && s < begin + kAhead; ++s) {
    stories_.Prefetch(store_.meta(store_.SlotOf(s)).story);
  }
  for (; evicted_ < end; ++evicted_) {
    if (evicted_ + kAhead < end) {
      stories_.Prefetch(store_.meta(store_.SlotOf(evicted_ + kAhead)).story);
    }
    Evict(evicted_);
  }
  if (bands_deferred_) {
    PurgeEvicted();  // the tables are built later: only the store changes
    return;
  }
  bands_.Evicted(evicted_, end - begin);
  exact_.Evicted(evicted_, end - begin);
  // Band entries are removed in batches: one sweep of the tables per
  // 1/kPurgeShare of the window, at least 1,024 documents (the batch's
  // documents stay allocated, ~6 % more memory), instead of 20 random cache
  // misses per document.
  constexpr uint64_t kPurgeShare = 16;
  const uint64_t batch =
      std::max<uint64_t>(1024, (tail_ - head_) / kPurgeShare);
  if (evicted_ - store_.head() >= batch) PurgeEvicted();
}

void Deduplicator::Impl::PurgeEvicted() {
  // No-ops while the tables are deferred (nothing was marked evicted).
  bands_.Purge();
  exact_.Purge();
  while (store_.head() < evicted_) store_.PopHead();
}

void Deduplicator::Impl::SetProvider(uint64_t ph, uint32_t story,
                                     int32_t version) {
  const ProviderEntry e{story, version, static_cast<uint32_t>(ph >> 32),
                        static_cast<uint32_t>(stories_[story].root_seq)};
  auto [it, inserted] = providers_.try_emplace(ProviderKey(ph), e);
  Undo u{Undo::kProviderSet, story, 0, 0, ProviderKey(ph), !inserted, {}};
  if (!inserted) {
    u.provider = it->second;
    it->second = e;
  }
  undo_.push_back(u);
}

bool Deduplicator::Impl::ProviderValid(const ProviderEntry& e) const {
  return stories_.in_use(e.story) &&
         static_cast<uint32_t>(stories_[e.story].root_seq) == e.root &&
         stories_[e.story].last_seq >= head_;
}

void Deduplicator::Impl::MarkCommitted() {
  committed_head_ = head_;
  committed_tail_ = tail_;
  committed_clock_ = clock_;
  undo_.clear();
  bands_.Commit();
}

Deduplicator::Impl::Matches Deduplicator::Impl::FindMatches(
    const TextFeatures& f, int64_t time) {
  candidates_.clear();
  const auto hash32 = static_cast<uint32_t>(f.exact_hash);
  exact_.Prefetch(hash32);  // overlaps with the band lookups
  // At most kBands * kMaxPerValue; all are verified, so the verdict does
  // not depend on the order of the tables.
  bands_.ForEachCandidate(f.signature.data(), [this](uint32_t slot) {
    candidates_.push_back(slot);
  });
  std::sort(candidates_.begin(), candidates_.end());
  candidates_.erase(std::unique(candidates_.begin(), candidates_.end()),
                    candidates_.end());
  Matches m;
  // Exact copies by the text hash, whatever the band tables kept; a match of
  // the 32 bits kept must also have the same signature.
  exact_.ForEachMatch(hash32, [&](uint32_t slot) {
    const uint64_t seq = store_.SeqOf(slot);
    if (seq < head_ || store_.meta(slot).time < time - opt_.window_seconds ||
        std::memcmp(store_.signature(slot), f.signature.data(),
                    kSignatureSize) != 0) {
      return;
    }
    if (m.exact.Better(1, seq)) m.exact = Match{slot, 1, 1, seq};
  });
  // The signatures are still cached from the band lookup; the metadata is
  // read (one more cache miss) only for candidates that pass the Jaccard
  // bound.
  // Two articles are linked when either is mostly contained in the other
  // (at least link_containment of its shingles, and its numbers and names):
  // a relation of the pair, whichever came first, so the same set of copies
  // forms one story in any arrival order. The verdict names the direction:
  // the new article in the old one is a NEAR_DUPLICATE (at near_containment,
  // or at the lower link_containment when the old one is not in the new: an
  // older, shorter version arriving late), the old in the new an UPDATE.
  const double link_containment =
      std::min(opt_.near_containment, opt_.update_containment);
  const int allowed = AllowedMissing(opt_.max_missing_keys, f.key_bits);
  for (uint32_t slot : candidates_) {
    const uint64_t seq = store_.SeqOf(slot);
    if (seq < head_) continue;  // evicted
    const double j = JaccardFromAgreement(
        SignatureAgreement(f.signature.data(), store_.signature(slot)));
    if (j < opt_.min_jaccard) continue;
    const DocMeta& d = store_.meta(slot);
    if (d.time < time - opt_.window_seconds || d.features == 0) continue;
    // Share of the new article in the old one, and of the old in the new.
    const double in_old = Containment(j, f.features, d.features);
    const double in_new = Containment(j, d.features, f.features);
    const bool new_in_old = in_old >= link_containment &&
                            MissingKeyBits(f.key_bits, d.key_bits) <= allowed;
    const bool old_in_new =
        in_new >= link_containment &&
        MissingKeyBits(d.key_bits, f.key_bits) <=
            AllowedMissing(opt_.max_missing_keys, d.key_bits);
    if (new_in_old && (in_old >= opt_.near_containment ||
                       !(old_in_new && in_new >= opt_.update_containment))) {
      if (m.near.Better(in_old, seq)) {
        m.near = Match{slot, in_old, std::max(j, in_old), seq};
      }
    } else if (old_in_new && m.update.Better(in_new, seq)) {
      m.update = Match{slot, in_new, j, seq};
    }
  }
  return m;
}

Deduplicator::Impl::ProviderLink Deduplicator::Impl::FindProvider(
    uint64_t ph) const {
  if (ph == 0) return {};
  auto p = providers_.find(ProviderKey(ph));
  if (p == providers_.end() ||
      p->second.hash_high != static_cast<uint32_t>(ph >> 32) ||
      !ProviderValid(p->second)) {
    return {};
  }
  return {p->second.story, p->second.version};
}

v1::DedupResult Deduplicator::Impl::Process(const v1::Article& article,
                                            std::vector<StateRecord>* state) {
  TextFeatures f;
  ExtractFeatures(article.headline(), article.dateline(), article.body(), &f);
  const int64_t time = ArticleTime(article, clock_ == kNoClock ? 0 : clock_);
  const uint64_t ph = ProviderHash(article);
  v1::DedupResult result;
  result.set_verdict(v1::UNIQUE);
  result.set_story_id(article.id().empty() ? FingerprintHex(f.exact_hash)
                                           : article.id());
  result.set_story_version(1);
  if (f.features == 0) {
    // No words: only a provider id can link it (a kill without text).
    if (ph == 0) return result;
    TextlessFeatures(article, &f);
  }
  const bool kill = article.pub_status() == v1::PUB_STATUS_CANCELED;

  // A provider id links every version of a story, in any order; then the
  // text, as a relation of the pair (FindMatches). A kill with a provider id
  // is linked by it alone: its text is a notice, not the story.
  const Matches m = FindMatches(f, time);
  const ProviderLink provider = FindProvider(ph);
  uint32_t story = provider.story;
  int32_t provider_version = article.version();
  if (story != kNone) {
    provider_version = std::max(provider.version, article.version());
    const Match* text = nullptr;
    for (const Match* c : {&m.exact, &m.near, &m.update}) {
      if (c->slot != kNone && store_.meta(c->slot).story == story) {
        text = c;
        break;
      }
    }
    if (article.version() > provider.version) {
      result.set_verdict(v1::UPDATE);  // a later version
    } else if (text == &m.exact) {
      result.set_verdict(v1::EXACT_DUPLICATE);
    } else if (kill) {
      result.set_verdict(v1::UPDATE);  // withdraws a version already seen
    } else if (text == &m.update) {
      result.set_verdict(v1::UPDATE);  // same version, more text
    } else {
      result.set_verdict(v1::NEAR_DUPLICATE);  // a version seen, or older
    }
    if (text != nullptr) result.set_similarity(text->similarity);
  } else if (kill && ph != 0) {
    // A kill whose story is not (yet) known starts it; the story's versions
    // join it by the provider id.
  } else if (m.exact.slot != kNone) {
    result.set_verdict(v1::EXACT_DUPLICATE);
    result.set_similarity(1.0);
    story = store_.meta(m.exact.slot).story;
  } else if (m.near.slot != kNone) {
    result.set_verdict(v1::NEAR_DUPLICATE);
    result.set_similarity(m.near.similarity);
    story = store_.meta(m.near.slot).story;
  } else if (m.update.slot != kNone) {
    result.set_verdict(v1::UPDATE);
    result.set_similarity(m.update.similarity);
    story = store_.meta(m.update.slot).story;
  }
  if (story != kNone) {
    result.set_story_id(stories_.Id(story));
    result.set_duplicate_of(result.story_id());
    result.set_story_version(stories_[story].version);
  }
  // An exact copy adds nothing to the index, unless it brings a provider id
  // the story did not have (so that id's later versions find the story); an
  // article older than the window is judged but not kept.
  if (result.verdict() == v1::EXACT_DUPLICATE &&
      (ph == 0 || provider.story != kNone)) {
    return result;
  }
  const int64_t newest = clock_ == kNoClock ? time : std::max(clock_, time);
  if (time < newest - opt_.window_seconds) return result;
  // Slots are 22 bits: an uncommitted batch of ~190k documents on top of a
  // full 4M window would overflow them; such documents go unindexed.
  constexpr uint64_t kSlotMargin = uint64_t{2} * DocStore::kChunkDocs;
  if (store_.size() + kSlotMargin > BandIndex::kMaxSlot &&
      store_.head() < evicted_) {
    PurgeEvicted();
  }
  if (store_.size() + kSlotMargin > BandIndex::kMaxSlot) {
    return result;
  }
  clock_ = newest;
  Index(f, time, ph, provider_version, story, &result, state);
  return result;
}

void Deduplicator::Impl::Index(const TextFeatures& f, int64_t time, uint64_t ph,
                               int32_t provider_version, uint32_t story,
                               v1::DedupResult* result,
                               std::vector<StateRecord>* state) {
  // Evict (logically, until Commit) what fell out of the window or bound.
  while (head_ < tail_) {
    const DocMeta& oldest = store_.meta(store_.SlotOf(head_));
    if (oldest.time >= clock_ - opt_.window_seconds &&
        static_cast<int64_t>(tail_ - head_) < opt_.max_documents) {
      break;
    }
    if (state != nullptr) state->push_back({StateKey(head_), std::string()});
    ++head_;
  }
  const uint64_t seq = tail_;
  if (story == kNone) {
    story = stories_.Create(result->story_id(), seq);
    undo_.push_back(Undo{Undo::kStoryCreated, story, 0, 0, 0, false, {}});
  } else {
    Story& st = stories_[story];
    undo_.push_back(Undo{
        Undo::kStoryChanged, story, st.last_seq, st.version, 0, false, {}});
    st.last_seq = seq;
    if (result->verdict() == v1::UPDATE) {
      result->set_story_version(++st.version);
    }
  }
  const Story& st = stories_[story];
  if (ph != 0) SetProvider(ph, story, provider_version);
  Append(f, time, story);
  if (state != nullptr) {
    DocState doc;
    doc.time = time;
    doc.clock = clock_;
    doc.features = f;
    doc.story_root_seq = st.root_seq;
    doc.story_id = result->story_id();
    doc.story_version = st.version;
    doc.provider_hash = ph;
    doc.provider_version = ph != 0 ? provider_version : 0;
    state->push_back({StateKey(seq), EncodeDocState(doc)});
  }
}

void Deduplicator::Impl::Commit() {
  evictions_ += static_cast<int64_t>(head_ - evicted_);
  EvictUpTo(head_);
  if (bands_deferred_) BuildBands();
  MarkCommitted();
  if (restoring_.capacity() > 0) decltype(restoring_)().swap(restoring_);
  // Provider entries whose story ended are dropped lazily, when the map has
  // doubled since the last sweep (a story may hold several provider ids, so
  // the bound is relative to what the last sweep kept, amortized O(1)).
  if (providers_.size() > 2 * providers_after_purge_ + 1024) {
    absl::erase_if(providers_, [this](const auto& kv) {
      return !ProviderValid(kv.second);
    });
    providers_after_purge_ = providers_.size();
  }
}

void Deduplicator::Impl::BuildBands() {
  PurgeEvicted();
  bands_deferred_ = false;
  bands_.Evicted(head_, 0);
  bands_.Reserve(tail_ - head_);
  exact_.Evicted(head_, 0);
  exact_.Reserve(tail_ - head_);
  // Signatures are read in seq order (sequential); the table lines are
  // prefetched by Insert itself.
  for (uint64_t seq = head_; seq < tail_; ++seq) {
    bands_.Insert(store_.SlotOf(seq));
    exact_.Insert(store_.SlotOf(seq));
  }
  bands_.Commit();
}

void Deduplicator::Impl::Rollback() {
  for (auto u = undo_.rbegin(); u != undo_.rend(); ++u) {
    switch (u->kind) {
      case Undo::kStoryCreated:
        stories_.Free(u->story);
        break;
      case Undo::kStoryChanged: {
        Story& st = stories_[u->story];
        st.last_seq = u->last_seq;
        st.version = u->version;
        break;
      }
      case Undo::kProviderSet:
        if (u->had_provider) {
          providers_[u->provider_key] = u->provider;
        } else {
          providers_.erase(u->provider_key);
        }
        break;
    }
  }
  bands_.Rollback();
  for (; tail_ > committed_tail_; --tail_) {
    bands_.Remove(store_.SlotOf(tail_ - 1));
    exact_.Remove(store_.SlotOf(tail_ - 1));
    store_.PopTail();
  }
  head_ = committed_head_;
  clock_ = committed_clock_;
  undo_.clear();
}

absl::Status Deduplicator::Impl::Restore(absl::string_view key,
                                         absl::string_view value) {
  ASSIGN_OR_RETURN(const uint64_t seq, ParseStateKey(key));
  if (value.empty()) {  // tombstone: FIFO eviction up to and including seq
    if (seq >= head_ && seq < tail_) {
      head_ = seq + 1;
      EvictUpTo(head_);
      MarkCommitted();
    }
    return absl::OkStatus();
  }
  DocState doc;
  RETURN_IF_ERROR(DecodeDocState(value, &doc));
  if (committed_tail_ == 0 && tail_ == 0) bands_deferred_ = true;
  if (head_ == tail_) {
    PurgeEvicted();
    head_ = tail_ = evicted_ = seq;  // the store restarts at `seq`
    bands_.Evicted(seq, 0);
    exact_.Evicted(seq, 0);
  } else if (seq != tail_) {
    return absl::DataLossError(absl::StrFormat(
        "dedup state record %d does not follow %d", seq, tail_ - 1));
  }
  uint32_t story;
  auto it = restoring_.find(doc.story_root_seq);
  if (it != restoring_.end()) {
    story = it->second;
  } else {
    story = stories_.Create(doc.story_id, doc.story_root_seq);
    restoring_[doc.story_root_seq] = story;
  }
  Story& st = stories_[story];
  st.last_seq = seq;
  st.version = doc.story_version;
  if (doc.provider_hash != 0) {
    providers_[ProviderKey(doc.provider_hash)] =
        ProviderEntry{story, doc.provider_version,
                      static_cast<uint32_t>(doc.provider_hash >> 32),
                      static_cast<uint32_t>(st.root_seq)};
  }
  Append(doc.features, doc.time, story);
  clock_ = doc.clock;
  MarkCommitted();
  return absl::OkStatus();
}

int64_t Deduplicator::Impl::bytes() const {
  const size_t b =
      store_.bytes() + bands_.bytes() + exact_.bytes() + stories_.bytes() +
      providers_.capacity() * (sizeof(std::pair<uint32_t, ProviderEntry>) + 1) +
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
                   options.min_jaccard, options.max_missing_keys}) {
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
