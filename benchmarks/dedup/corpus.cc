#include "benchmarks/dedup/corpus.h"

#include <algorithm>
#include <utility>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_replace.h"
#include "absl/strings/str_split.h"
#include "common/text/hash.h"
#include "tools/storygen/news_generator.h"

namespace newswire::dedup::bench {

using storygen::DatelineStyle;
using storygen::NewsDateline;
using storygen::NewsStory;

const char* KindName(Kind kind) {
  switch (kind) {
    case Kind::kBase:
      return "base";
    case Kind::kExactResend:
      return "exact_resend";
    case Kind::kRewrapped:
      return "rewrapped_markup";
    case Kind::kHeadlineDateline:
      return "headline_dateline";
    case Kind::kLeadDropped:
      return "lead_dropped";
    case Kind::kReordered:
      return "reordered";
    case Kind::kCorrected:
      return "words_corrected";
    case Kind::kNewTop:
      return "new_paragraph_on_top";
    case Kind::kExtended:
      return "longer_update";
    case Kind::kProviderVersion:
      return "provider_version";
    case Kind::kTemplate:
      return "template_lookalike";
    case Kind::kFiller:
      return "filler";
  }
  return "?";
}

bool IsDuplicateKind(Kind kind) {
  return kind != Kind::kBase && kind != Kind::kTemplate &&
         kind != Kind::kFiller;
}

CorpusGenerator::CorpusGenerator(uint64_t seed) : gen_(seed) {}

std::vector<CorpusDoc> CorpusGenerator::Labelled(int stories,
                                                 int templates_per_family,
                                                 int64_t start_time) {
  std::vector<CorpusDoc> docs;
  int64_t label = 0;
  const auto add = [&](CorpusDoc d) {
    d.id = FingerprintHex(Fingerprint64(absl::StrCat("corpus/", docs.size())));
    docs.push_back(std::move(d));
  };
  // Bases over one day, copies up to 12 hours later: with the 12-hour
  // prefill before it, everything fits the default 72-hour window.
  constexpr int64_t kSpan = 86400;
  for (int i = 0; i < stories; ++i) {
    const NewsStory s = gen_.Story();
    const int topic = s.topic;
    const int64_t t0 = start_time + static_cast<int64_t>(gen_.Pick(kSpan));
    const int64_t base_index = static_cast<int64_t>(docs.size());
    const std::string provider = absl::StrCat("urn:newswire:", i);
    const auto body = [&](const std::vector<std::string>& paragraphs,
                          DatelineStyle dateline_style, int64_t t) {
      std::vector<std::string> p = paragraphs;
      p[0] = NewsDateline(s.place, dateline_style, t) + p[0];
      return absl::StrJoin(p, "\n\n");
    };
    CorpusDoc base;
    base.story = label;
    base.kind = Kind::kBase;
    base.time = t0;
    base.provider_id = provider;
    base.headline = s.headline;
    base.body = body(s.paragraphs, DatelineStyle::kMonthDay, t0);
    add(base);
    const auto variant = [&](Kind kind) {
      CorpusDoc d = base;
      d.kind = kind;
      d.base = base_index;
      d.time = t0 + 300 + static_cast<int64_t>(gen_.Pick(43200));
      d.provider_id.clear();  // another feed, unless a version
      return d;
    };
    {
      CorpusDoc d = variant(Kind::kExactResend);
      add(d);
    }
    {
      CorpusDoc d = variant(Kind::kRewrapped);
      std::vector<std::string> paragraphs;
      for (absl::string_view p : absl::StrSplit(base.body, "\n\n")) {
        // Wrap at about 64 columns, typographic quotes, HTML paragraphs.
        std::string wrapped;
        int col = 0;
        for (absl::string_view w : absl::StrSplit(p, ' ')) {
          if (col > 0 && col + w.size() > 64) {
            wrapped += "\n";
            col = 0;
          } else if (col > 0) {
            wrapped += " ";
            ++col;
          }
          absl::StrAppend(&wrapped, w);
          col += static_cast<int>(w.size());
        }
        wrapped = absl::StrReplaceAll(wrapped, {{",\"", ",\xE2\x80\x9D"},
                                                {"\"We", "\xE2\x80\x9CWe"},
                                                {"'s ", "\xE2\x80\x99s "}});
        paragraphs.push_back(absl::StrCat("<p>", wrapped, "</p>"));
      }
      d.body = absl::StrJoin(paragraphs, "\n\n");
      add(d);
    }
    {
      CorpusDoc d = variant(Kind::kHeadlineDateline);
      d.headline = absl::StrCat(absl::AsciiStrToUpper(s.place), ": ",
                                s.headline, " - sources");
      d.body = body(s.paragraphs, DatelineStyle::kAgencyFirst, t0);
      add(d);
    }
    if (s.paragraphs.size() >= 3) {
      CorpusDoc d = variant(Kind::kLeadDropped);
      std::vector<std::string> rest(s.paragraphs.begin() + 1,
                                    s.paragraphs.end());
      d.body = absl::StrJoin(rest, "\n\n");
      add(d);
    }
    if (s.paragraphs.size() >= 3) {
      CorpusDoc d = variant(Kind::kReordered);
      std::vector<std::string> p = s.paragraphs;
      gen_.Shuffle(p.begin() + 1, p.end());
      if (p == s.paragraphs) std::swap(p[1], p.back());
      d.body = body(p, DatelineStyle::kMonthDay, t0);
      add(d);
    }
    {
      CorpusDoc d = variant(Kind::kCorrected);
      std::vector<std::string> p = s.paragraphs;
      // Two or three words replaced, in different places.
      for (int k = 2 + static_cast<int>(gen_.Pick(2)); k > 0; --k) {
        std::string& para = p[gen_.Pick(p.size())];
        std::vector<std::string> w = absl::StrSplit(para, ' ');
        size_t at = gen_.Pick(w.size());
        if (!w[at].empty() && absl::ascii_isupper(w[at][0])) {
          w[at] += "s";  // a misspelt name corrected
        } else {
          w[at] = gen_.Adjective();
        }
        para = absl::StrJoin(w, " ");
      }
      d.body = body(p, DatelineStyle::kMonthDay, t0);
      add(d);
    }
    {
      CorpusDoc d = variant(Kind::kNewTop);
      std::vector<std::string> p = s.paragraphs;
      p.insert(p.begin(), gen_.Sentence(topic));
      d.body = body(p, DatelineStyle::kMonthDay, d.time);
      add(d);
    }
    {
      CorpusDoc d = variant(Kind::kExtended);
      std::vector<std::string> p = s.paragraphs;
      p.insert(p.begin(), gen_.Paragraph(topic));
      const size_t extra = std::max<size_t>(2, p.size() / 2);
      for (size_t k = 0; k < extra; ++k) p.push_back(gen_.Paragraph(topic));
      d.headline = absl::StrCat("UPDATE 1-", s.headline);
      d.body = body(p, DatelineStyle::kMonthDay, d.time);
      add(d);
    }
    {
      CorpusDoc d = variant(Kind::kProviderVersion);
      d.provider_id = provider;
      d.version = 2;
      std::vector<std::string> p = s.paragraphs;
      p[p.size() / 2] = gen_.Paragraph(topic);  // a rewritten paragraph
      p.push_back(gen_.Sentence(topic));
      d.body = body(p, DatelineStyle::kMonthDay, t0);
      add(d);
    }
    ++label;
  }
  for (int family = 0; family < storygen::kTemplateFamilies; ++family) {
    for (int i = 0; i < templates_per_family; ++i) {
      CorpusDoc d;
      d.story = label++;
      d.kind = Kind::kTemplate;
      d.time = start_time + static_cast<int64_t>(gen_.Pick(kSpan));
      d.body = gen_.Template(family, &d.headline);
      add(d);
    }
  }
  std::stable_sort(
      docs.begin(), docs.end(),
      [](const CorpusDoc& a, const CorpusDoc& b) { return a.time < b.time; });
  // Re-point variants at their base after sorting (by id).
  std::vector<int64_t> where(docs.size());
  for (size_t i = 0; i < docs.size(); ++i) {
    where[static_cast<size_t>(docs[i].story)] =
        docs[i].kind == Kind::kBase || docs[i].kind == Kind::kTemplate
            ? static_cast<int64_t>(i)
            : where[static_cast<size_t>(docs[i].story)];
  }
  for (auto& d : docs) {
    if (d.base >= 0) d.base = where[static_cast<size_t>(d.story)];
  }
  return docs;
}

CorpusDoc CorpusGenerator::Filler(int64_t n, int64_t time) {
  NewsStory s = gen_.Story();
  CorpusDoc d;
  d.id = FingerprintHex(Fingerprint64(absl::StrCat("filler/", n)));
  d.story = -1 - n;
  d.kind = Kind::kFiller;
  d.time = time;
  d.provider_id = absl::StrCat("urn:filler:", n);
  d.headline = s.headline;
  s.paragraphs[0] =
      NewsDateline(s.place, DatelineStyle::kMonthDay, time) + s.paragraphs[0];
  d.body = absl::StrJoin(s.paragraphs, "\n\n");
  return d;
}

}  // namespace newswire::dedup::bench
