#include "services/route/matcher.h"

#include <algorithm>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "common/text/segment.h"

namespace newswire::route {
namespace {

using text::IsWordByte;

template <typename T>
bool Contains(const std::vector<T>& list, const T& value) {
  return std::find(list.begin(), list.end(), value) != list.end();
}

}  // namespace

void AppendNormalizedWords(absl::string_view text, std::string* out) {
  size_t i = 0;
  while (i < text.size()) {
    while (i < text.size() && !IsWordByte(text[i])) ++i;
    if (i == text.size()) break;
    if (!out->empty() && out->back() != ' ') out->push_back(' ');
    while (i < text.size() && IsWordByte(text[i])) {
      out->push_back(absl::ascii_tolower(static_cast<unsigned char>(text[i])));
      ++i;
    }
  }
}

RecordView::RecordView(const v1::EnrichedArticle& record) : record_(record) {
  entities_.reserve(2 * static_cast<size_t>(record.entity_summary_size()));
  for (int i = 0; i < record.entity_summary_size(); ++i) {
    const v1::EntitySummary& e = record.entity_summary(i);
    if (!e.canonical_id().empty()) entities_.try_emplace(e.canonical_id(), i);
    entities_.try_emplace(absl::AsciiStrToLower(e.canonical_name()), i);
  }
}

const v1::EntitySummary* RecordView::FindEntity(absl::string_view key) const {
  auto it = entities_.find(key);
  return it == entities_.end() ? nullptr : &record_.entity_summary(it->second);
}

void RecordView::Tokenize() const {
  if (tokenized_) return;
  tokenized_ = true;
  const v1::Article& a = record_.article();
  text_.reserve(a.headline().size() + a.body().size() + 8);
  text_ = " ";
  AppendNormalizedWords(a.headline(), &text_);
  text_ += " \x01 ";
  AppendNormalizedWords(a.body(), &text_);
  text_ += ' ';
  absl::string_view t = text_;
  size_t i = 0;
  while (i < t.size()) {
    size_t end = t.find(' ', i);
    if (end == absl::string_view::npos) end = t.size();
    if (end > i && t[i] != '\x01') words_.insert(t.substr(i, end - i));
    i = end + 1;
  }
}

const absl::flat_hash_set<absl::string_view>& RecordView::words() const {
  Tokenize();
  return words_;
}

bool RecordView::HasPhrase(absl::string_view spaced_phrase) const {
  Tokenize();
  return absl::string_view(text_).find(spaced_phrase) !=
         absl::string_view::npos;
}

absl::StatusOr<std::unique_ptr<SubscriptionMatcher>>
SubscriptionMatcher::Create(std::vector<Subscription> subscriptions) {
  std::unique_ptr<SubscriptionMatcher> m(new SubscriptionMatcher());
  m->subs_.reserve(subscriptions.size());
  for (Subscription& s : subscriptions) {
    const int i = static_cast<int>(m->subs_.size());
    if (!IsValidSubscriptionName(s.name) ||
        !m->by_name_.try_emplace(s.name, i).second) {
      return absl::InvalidArgumentError(absl::StrCat(
          "subscription name \"", s.name, "\" is invalid or used twice"));
    }
    Compiled c;
    for (const std::string& e : s.entities) {
      c.entity_keys.push_back(e);
      std::string lower = absl::AsciiStrToLower(e);
      if (lower != e) c.entity_keys.push_back(std::move(lower));
    }
    for (const std::string& k : s.keywords) {
      std::string words;
      AppendNormalizedWords(k, &words);
      if (words.empty()) {
        return absl::InvalidArgumentError(absl::StrCat(
            "subscription \"", s.name, "\": keyword \"", k, "\" has no word"));
      }
      c.phrases.push_back(absl::StrCat(" ", words, " "));
    }
    if (!c.entity_keys.empty()) {
      for (const std::string& key : c.entity_keys) {
        std::vector<int>& subs = m->entity_index_[key];
        if (subs.empty() || subs.back() != i) subs.push_back(i);
      }
    } else if (!c.phrases.empty()) {
      for (const std::string& p : c.phrases) {
        std::string first(p.substr(1, p.find(' ', 1) - 1));
        std::vector<int>& subs = m->keyword_index_[first];
        if (subs.empty() || subs.back() != i) subs.push_back(i);
      }
    } else {
      m->always_.push_back(i);
    }
    c.spec = std::move(s);
    m->subs_.push_back(std::move(c));
  }
  return m;
}

int SubscriptionMatcher::Find(absl::string_view name) const {
  auto it = by_name_.find(name);
  return it == by_name_.end() ? -1 : it->second;
}

bool SubscriptionMatcher::Matches(int i, const RecordView& view) const {
  const Compiled& c = subs_[i];
  const Subscription& s = c.spec;
  const v1::EnrichedArticle& r = view.record();
  const v1::Article& a = r.article();
  if (!s.verdicts.empty() && !Contains(s.verdicts, r.dedup().verdict())) {
    return false;
  }
  if (!s.languages.empty() && !Contains(s.languages, a.language())) {
    return false;
  }
  if (!s.sources.empty() && !Contains(s.sources, a.source())) return false;
  if (s.priority_at_most && a.priority() > *s.priority_at_most) return false;
  if (s.sentiment_below && !(r.sentiment().score() < *s.sentiment_below)) {
    return false;
  }
  if (s.sentiment_above && !(r.sentiment().score() > *s.sentiment_above)) {
    return false;
  }
  if (!s.categories.empty() &&
      std::none_of(a.categories().begin(), a.categories().end(),
                   [&](const std::string& cat) {
                     return Contains(s.categories, cat);
                   })) {
    return false;
  }
  if (!s.types.empty() &&
      std::none_of(r.entity_summary().begin(), r.entity_summary().end(),
                   [&](const v1::EntitySummary& e) {
                     return Contains(s.types, e.type());
                   })) {
    return false;
  }
  if (!c.entity_keys.empty()) {
    bool found = false;
    for (const std::string& key : c.entity_keys) {
      const v1::EntitySummary* e = view.FindEntity(key);
      if (e == nullptr) continue;
      if (s.entity_sentiment_below &&
          !(e->sentiment().score() < *s.entity_sentiment_below)) {
        continue;
      }
      found = true;
      break;
    }
    if (!found) return false;
  }
  if (!c.phrases.empty() &&
      std::none_of(c.phrases.begin(), c.phrases.end(),
                   [&](const std::string& p) {
                     // One word: a set lookup; several: a text search.
                     absl::string_view inner(p.data() + 1, p.size() - 2);
                     return inner.find(' ') == absl::string_view::npos
                                ? view.words().contains(inner)
                                : view.HasPhrase(p);
                   })) {
    return false;
  }
  return true;
}

void SubscriptionMatcher::MatchNaive(const RecordView& view,
                                     std::vector<int>* matched) const {
  matched->clear();
  for (int i = 0; i < size(); ++i) {
    if (Matches(i, view)) matched->push_back(i);
  }
}

void SubscriptionMatcher::Match(const RecordView& view,
                                std::vector<int>* matched) const {
  std::vector<int> candidates = always_;
  const v1::EnrichedArticle& r = view.record();
  if (!entity_index_.empty()) {
    std::string lower;
    for (const v1::EntitySummary& e : r.entity_summary()) {
      if (!e.canonical_id().empty()) {
        auto it = entity_index_.find(e.canonical_id());
        if (it != entity_index_.end()) {
          candidates.insert(candidates.end(), it->second.begin(),
                            it->second.end());
        }
      }
      lower = absl::AsciiStrToLower(e.canonical_name());
      auto it = entity_index_.find(lower);
      if (it != entity_index_.end()) {
        candidates.insert(candidates.end(), it->second.begin(),
                          it->second.end());
      }
    }
  }
  if (!keyword_index_.empty()) {
    for (absl::string_view w : view.words()) {
      auto it = keyword_index_.find(w);
      if (it != keyword_index_.end()) {
        candidates.insert(candidates.end(), it->second.begin(),
                          it->second.end());
      }
    }
  }
  std::sort(candidates.begin(), candidates.end());
  candidates.erase(std::unique(candidates.begin(), candidates.end()),
                   candidates.end());
  matched->clear();
  for (int i : candidates) {
    if (Matches(i, view)) matched->push_back(i);
  }
}

}  // namespace newswire::route
