#include "benchmarks/dedup/corpus.h"

#include <algorithm>
#include <cmath>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_replace.h"
#include "absl/strings/str_split.h"
#include "common/text/hash.h"

namespace newswire::dedup::bench {
namespace {

using Words = std::vector<std::string>;

const Words kSyllables = {"ver", "an",  "cal", "der", "mar", "ton", "bel",
                          "dun", "ros", "ka",  "li",  "mo",  "ra",  "sel",
                          "tor", "vin", "gal", "ess", "bra", "nor", "tis",
                          "ul",  "pe",  "dra", "hol", "mi",  "sa",  "quen",
                          "or",  "vel", "zan", "ith", "go",  "lan", "ber"};
const Words kOrgSuffix = {"Mining",    "Bank",      "Foods",  "Group",
                          "Holdings",  "Airlines",  "Motors", "Energy",
                          "Telecom",   "Shipping",  "Steel",  "Insurance",
                          "Pharma",    "Logistics", "Media",  "Council",
                          "Authority", "Ministry",  "Union",  "Institute"};
const Words kRoles = {"chief executive",  "spokeswoman",  "spokesman",
                      "finance director", "mayor",        "minister",
                      "chairman",         "analyst",      "senior official",
                      "lead researcher",  "union leader", "police chief",
                      "governor"};
const Words kDays = {"on Monday",        "on Tuesday", "on Wednesday",
                     "on Thursday",      "on Friday",  "on Saturday",
                     "on Sunday",        "last week",  "earlier this month",
                     "late on Tuesday",  "overnight",  "this week",
                     "on Friday evening"};
const Words kMonths = {"Jan",  "Feb", "March", "April", "May", "June",
                       "July", "Aug", "Sept",  "Oct",   "Nov", "Dec"};
const Words kAdjectives = {
    "new",       "major",    "regional",     "national",      "temporary",
    "planned",   "disputed", "long-awaited", "costly",        "early",
    "second",    "final",    "local",        "northern",      "southern",
    "eastern",   "western",  "rural",        "coastal",       "annual",
    "emergency", "interim",  "joint",        "private",       "public",
    "larger",    "smaller",  "revised",      "controversial", "modest",
    "sweeping",  "limited",  "unexpected",   "fragile",       "critical",
    "broad"};
const Words kAdverbs = {"sharply",
                        "slowly",
                        "quickly",
                        "further",
                        "later this year",
                        "next month",
                        "by the end of the week",
                        "within days",
                        "before the winter",
                        "gradually",
                        "again",
                        "as planned",
                        "in the coming weeks"};
const Words kVerbs = {
    "approved",  "rejected",  "delayed",    "announced", "blocked",
    "expanded",  "suspended", "reviewed",   "cut",       "raised",
    "cancelled", "extended",  "launched",   "closed",    "reopened",
    "postponed", "backed",    "criticized", "signed",    "ordered",
    "restored",  "halted",    "confirmed",  "cleared",   "questioned",
    "welcomed",  "scrapped",  "doubled",    "funded",    "tightened"};
const Words kIntransitive = {
    "rise",   "fall",   "recover", "resume", "stall", "improve",   "continue",
    "expand", "shrink", "end",     "begin",  "slow",  "stabilise", "collapse"};
const std::vector<Words> kTopicNouns = {
    {"market",    "shares",     "profit",      "merger",   "bid",
     "factory",   "plant",      "contract",    "deal",     "loan",
     "bond",      "dividend",   "tariff",      "export",   "supplier",
     "shipment",  "output",     "revenue",     "forecast", "investor",
     "stake",     "buyout",     "lender",      "retailer", "brand",
     "warehouse", "refinery",   "credit line", "price",    "order book",
     "workforce", "subsidiary", "listing",     "takeover", "payroll",
     "inventory"},
    {"election",     "ballot",    "coalition",    "parliament", "bill",
     "vote",         "reform",    "treaty",       "summit",     "campaign",
     "senate",       "decree",    "cabinet",      "budget",     "opposition",
     "referendum",   "amendment", "policy",       "inquiry",    "mandate",
     "constitution", "party",     "court ruling", "committee",  "petition",
     "delegation",   "protest",   "negotiation",  "border",     "sanction",
     "alliance",     "assembly",  "tax plan"},
    {"flood",       "storm",        "fire",      "earthquake", "landslide",
     "evacuation",  "shelter",      "rescue",    "river",      "dam",
     "road",        "bridge",       "village",   "crop",       "harvest",
     "drought",     "blaze",        "rainfall",  "damage",     "aid convoy",
     "power line",  "water supply", "levee",     "coastline",  "relief effort",
     "search team", "hillside",     "reservoir", "camp",       "clinic",
     "school",      "warning"},
    {"vaccine",    "trial",       "hospital",   "patient",     "study",
     "virus",      "outbreak",    "researcher", "drug",        "dose",
     "laboratory", "satellite",   "telescope",  "rocket",      "probe",
     "sample",     "genome",      "screening",  "treatment",   "infection",
     "ward",       "experiment",  "mission",    "data set",    "licence",
     "regulator",  "side effect", "enzyme",     "observatory", "launch pad"},
    {"airline",     "flight",    "airport",   "runway",   "train",
     "rail line",   "port",      "ship",      "crane",    "route",
     "strike",      "union",     "driver",    "fleet",    "ticket",
     "fare",        "tunnel",    "highway",   "terminal", "ferry",
     "cargo",       "container", "timetable", "depot",    "signal system",
     "bus network", "freight",   "quay",      "toll",     "platform",
     "pilot"},
};

std::string Capitalize(std::string s) {
  if (!s.empty()) s[0] = absl::ascii_toupper(s[0]);
  return s;
}

int CountWords(const std::string& s) {
  int n = 0;
  bool in = false;
  for (char c : s) {
    bool w = c != ' ' && c != '\n';
    n += w && !in;
    in = w;
  }
  return n;
}

}  // namespace

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

CorpusGenerator::CorpusGenerator(uint64_t seed) : rng_(seed) {
  const auto name = [&](int syllables) {
    std::string s;
    for (int i = 0; i < syllables; ++i) s += PickOf(kSyllables);
    return Capitalize(s);
  };
  for (int i = 0; i < 400; ++i) {
    places_.push_back(Pick(4) == 0 ? absl::StrCat("Port ", name(2))
                                   : name(2 + static_cast<int>(Pick(2))));
  }
  for (int i = 0; i < 1500; ++i) {
    people_.push_back(absl::StrCat(name(2), " ", name(2 + Pick(2))));
  }
  for (int i = 0; i < 600; ++i) {
    orgs_.push_back(absl::StrCat(name(2 + Pick(2)), " ", PickOf(kOrgSuffix)));
  }
  roles_ = kRoles;
}

std::string CorpusGenerator::Number() {
  switch (Pick(5)) {
    case 0:
      return absl::StrCat(2 + Pick(98));
    case 1:
      return absl::StrCat(100 + Pick(9900));
    case 2:
      return absl::StrFormat("%d.%d", 1 + Pick(30), Pick(10));
    case 3:
      return absl::StrFormat("%d.%d million", 1 + Pick(900), Pick(10));
    default:
      return absl::StrFormat("%d,%03d", 1 + Pick(90), Pick(1000));
  }
}

std::string CorpusGenerator::Sentence(int topic) {
  const Words& nouns = kTopicNouns[topic];
  const auto n = [&]() { return PickOf(nouns); };
  const auto a = [&]() { return PickOf(kAdjectives); };
  const auto v = [&]() { return PickOf(kVerbs); };
  const auto vi = [&]() { return PickOf(kIntransitive); };
  const auto d = [&]() { return PickOf(kDays); };
  const auto p = [&]() { return PickOf(people_); };
  const auto o = [&]() { return PickOf(orgs_); };
  const auto l = [&]() { return PickOf(places_); };
  switch (Pick(14)) {
    case 0:
      return absl::StrCat(p(), ", ", PickOf(roles_), " at ", o(), ", said ",
                          d(), " that the ", a(), " ", n(), " would ", vi(),
                          " ", PickOf(kAdverbs), ".");
    case 1:
      return absl::StrCat("The ", n(), " in ", l(), " ", v(), " the ", a(), " ",
                          n(), " ", d(), ", according to ", o(), ".");
    case 2:
      return absl::StrCat(o(), " ", v(), " ", Number(), " ", n(), "s ", d(),
                          " and said the ", a(), " ", n(), " in ", l(),
                          " would ", vi(), " ", PickOf(kAdverbs), ".");
    case 3:
      return absl::StrCat("Officials in ", l(), " said the ", n(), " had been ",
                          v(), " after ", Number(), " ", n(), "s were ", v(),
                          " ", d(), ".");
    case 4:
      return absl::StrCat("\"We expect the ", n(), " to ", vi(), " ",
                          PickOf(kAdverbs), ",\" ", p(), " told reporters in ",
                          l(), ".");
    case 5:
      return absl::StrCat("The ", a(), " ", n(), " follows a ", a(), " ", n(),
                          " ", d(), ", when ", o(), " ", v(), " the ", n(),
                          " of ", l(), ".");
    case 6:
      return absl::StrCat("Critics said the ", n(), " ", v(), " a ", a(), " ",
                          n(), " and called on ", o(), " to ", vi(), " its ",
                          n(), " ", PickOf(kAdverbs), ".");
    case 7:
      return absl::StrCat(p(), " declined to comment on the ", n(), ", but ",
                          o(), " said it was reviewing the ", a(), " ", n(),
                          ".");
    case 8:
      return absl::StrCat("About ", Number(), " ", n(), "s were ", v(), " in ",
                          l(), " ", d(), ", up from ", Number(),
                          " a year earlier.");
    case 9:
      return absl::StrCat("It was not immediately clear whether the ", n(),
                          " would ", vi(), " or whether ", o(), " would be ",
                          v(), " by the ", a(), " ", n(), ".");
    case 10:
      return absl::StrCat("In ", l(), ", ", p(), " said the ", a(), " ", n(),
                          " had ", v(), " plans for a ", n(), " worth ",
                          Number(), " dollars.");
    case 11:
      return absl::StrCat("The ", n(), " is expected to ", vi(), " ",
                          PickOf(kAdverbs), " as ", o(), " and ", o(),
                          " weigh a ", a(), " ", n(), ".");
    case 12:
      return absl::StrCat("Residents of ", l(), " said the ", a(), " ", n(),
                          " had ", v(), " ", Number(), " ", n(), "s and ", v(),
                          " the ", n(), " ", d(), ".");
    default:
      return absl::StrCat(o(), " has ", v(), " ", Number(), " ", n(),
                          "s since the ", a(), " ", n(), " began, ", p(),
                          ", its ", PickOf(roles_), ", said.");
  }
}

std::string CorpusGenerator::Paragraph(int topic) {
  std::string p = Sentence(topic);
  for (size_t i = Pick(3); i > 0; --i)
    absl::StrAppend(&p, " ", Sentence(topic));
  return p;
}

CorpusGenerator::Story CorpusGenerator::NewStory(int topic, int words) {
  Story s;
  s.place = PickOf(places_);
  s.headline =
      absl::StrCat(PickOf(orgs_), " ", PickOf(kVerbs), " ", PickOf(kAdjectives),
                   " ", PickOf(kTopicNouns[topic]), " in ", s.place);
  int count = 0;
  while (count < words) {
    s.paragraphs.push_back(Paragraph(topic));
    count += CountWords(s.paragraphs.back());
  }
  return s;
}

std::string CorpusGenerator::Dateline(const Story& s, int style, int64_t time) {
  const int64_t day = time / 86400;
  const std::string month = kMonths[(day / 30) % 12];
  const int mday = static_cast<int>(day % 28) + 1;
  const std::string place = absl::AsciiStrToUpper(s.place);
  if (style == 0) {
    return absl::StrCat(place, ", ", month, " ", mday, " (Newswire) - ");
  }
  return absl::StrCat(place, " (Newswire) ", month, ". ", mday, " -- ");
}

std::string CorpusGenerator::Template(int family, int64_t time,
                                      std::string* headline) {
  const auto day = [&]() { return PickOf(kDays); };
  const auto num = [&](int lo, int hi) {
    return absl::StrCat(lo + static_cast<int>(Pick(hi - lo + 1)));
  };
  const auto dec = [&](int lo, int hi) {
    return absl::StrFormat("%d.%d", lo + static_cast<int>(Pick(hi - lo + 1)),
                           Pick(10));
  };
  // Small name pools, so look-alikes often share a name or two.
  const auto company = [&]() { return orgs_[Pick(40)]; };
  const auto team = [&]() { return absl::StrCat(places_[Pick(24)], " FC"); };
  const auto player = [&]() { return people_[Pick(120)]; };
  const auto city = [&]() { return places_[Pick(50)]; };
  std::vector<std::string> p;
  switch (family) {
    case 0: {  // market close
      const std::string move = Pick(2) ? "higher" : "lower";
      const std::string level =
          absl::StrFormat("%d,%03d.%d", 1 + Pick(3), Pick(1000), Pick(10));
      *headline = absl::StrCat("Calder stocks close ", move, " as ", company(),
                               " leads");
      p.push_back(absl::StrCat(
          "Stocks on the Calder exchange closed ", move, " ", day(),
          ", with the benchmark CX-40 index moving ", dec(1, 60),
          " points, or ", dec(0, 2), " percent, to finish at ", level,
          ". The broader CX-200 index ended ", dec(0, 2), " percent ", move,
          "."));
      p.push_back(absl::StrCat(
          "Shares of ", company(), " led the gains, rising ", dec(1, 9),
          " percent after the company said it had won a new contract, while ",
          company(), " was the weakest performer in the index, down ",
          dec(1, 7), " percent."));
      p.push_back(absl::StrCat(
          "Trading volume was ", num(200, 900),
          " million shares, compared "
          "with a daily average of ",
          num(300, 700),
          " million over the past month. Advancing stocks outnumbered "
          "declining ones by ",
          num(1, 3), " to ", num(1, 3), "."));
      p.push_back(
          "Analysts said investors were waiting for the central bank's next "
          "interest rate decision and for quarterly results from the largest "
          "listed companies, which are due later in the month.");
      p.push_back(absl::StrCat(
          "The currency was little changed at ", dec(1, 2),
          " per dollar, and the yield on the 10-year government bond stood "
          "at ",
          dec(2, 6), " percent in quiet afternoon trade."));
      break;
    }
    case 1: {  // sports result
      const std::string home = team(), away = team();
      const std::string hs = num(0, 5), as = num(0, 5);
      const std::string scorer = player(), other = player();
      *headline = absl::StrCat(home, " ", hs, " ", away, " ", as);
      p.push_back(absl::StrCat(
          home, " and ", away, " finished ", hs, "-", as,
          " in the Northern "
          "League ",
          day(), ", with ", scorer, " scoring in the ", num(2, 90),
          "th minute in front of a crowd of ",
          absl::StrFormat("%d,%03d", 5 + Pick(40), Pick(1000)), "."));
      p.push_back(absl::StrCat(
          other,
          " had a goal ruled out for offside shortly before half-time, "
          "and the visitors finished with ",
          num(9, 11), " men after ", player(), " was sent off in the ",
          num(50, 89), "th minute."));
      p.push_back(absl::StrCat("The result leaves ", home, " in ", num(1, 18),
                               "th place with ", num(10, 70), " points from ",
                               num(10, 34), " games, while ", away, " are ",
                               num(1, 18), "th on ", num(10, 70), " points."));
      p.push_back(
          "The coach said after the match that the team had created enough "
          "chances to win and that the players would now focus on the next "
          "fixture, with several of them carrying minor injuries.");
      p.push_back(absl::StrCat(home, " travel to ", team(),
                               " next week, while ", away, " host ", team(),
                               " on ", PickOf(kDays), "."));
      break;
    }
    case 2: {  // weather report
      const std::string c = city();
      *headline = absl::StrCat("Weather for ", c, ": highs of ", num(5, 35),
                               " degrees");
      p.push_back(absl::StrCat(c, " can expect ",
                               Pick(2) ? "sunny spells" : "scattered showers",
                               " ", day(), " with highs of ", num(5, 35),
                               " degrees Celsius and "
                               "overnight lows of ",
                               num(-5, 20),
                               " degrees, the national weather "
                               "service said in its daily forecast."));
      p.push_back(absl::StrCat(
          "Winds will blow from the ",
          PickOf(Words{"north", "south", "east", "west", "northwest"}), " at ",
          num(5, 60), " km/h, with gusts of up to ", num(30, 100),
          " km/h along the coast near ", city(), ". Humidity will reach ",
          num(30, 99), " percent in the afternoon."));
      p.push_back(absl::StrCat(
          "The chance of rain is ", num(0, 100),
          " percent in the morning "
          "and ",
          num(0, 100), " percent in the evening, with up to ", num(0, 40),
          " mm expected in the hills around ", city(), "."));
      p.push_back(
          "Forecasters said conditions would remain similar for the rest of "
          "the week and advised drivers to check road reports before "
          "setting out on mountain routes.");
      p.push_back(absl::StrCat("Sunrise is at ", num(5, 8), ":", num(10, 59),
                               " and sunset at ", num(17, 21), ":", num(10, 59),
                               "."));
      break;
    }
    default: {  // earnings brief
      const std::string c = company();
      const std::string q = PickOf(Words{"first", "second", "third", "fourth"});
      *headline = absl::StrCat(c, " ", q, "-quarter profit ",
                               Pick(2) ? "rises" : "falls");
      p.push_back(absl::StrCat(c, " reported ", q, "-quarter net profit of ",
                               dec(10, 900), " million dollars ", day(), ", ",
                               Pick(2) ? "up" : "down", " ", num(1, 40),
                               " percent from ", dec(10, 900),
                               " million dollars a year earlier."));
      p.push_back(
          absl::StrCat("Revenue was ", dec(1, 20),
                       " billion dollars, compared with ", dec(1, 20),
                       " billion dollars in the same period last year, and "
                       "earnings per share came to ",
                       dec(0, 4),
                       " dollars, against an "
                       "analyst consensus of ",
                       dec(0, 4), " dollars."));
      p.push_back(absl::StrCat(
          "The company kept its full-year outlook of revenue between ",
          dec(2, 40), " billion and ", dec(2, 40),
          " billion dollars and said "
          "it would pay a dividend of ",
          num(5, 90), " cents a share."));
      p.push_back(absl::StrCat(
          "Chief executive ", player(),
          " said demand had been steady in the "
          "quarter and that cost savings announced last year were on track. "
          "The shares closed at ",
          dec(5, 300),
          " dollars before the "
          "results were published."));
      break;
    }
  }
  (void)time;
  return absl::StrJoin(p, "\n\n");
}

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
    const int topic = static_cast<int>(Pick(kTopicNouns.size()));
    // Log-uniform length between 150 and 1,200 words.
    const int words = static_cast<int>(
        150 * std::exp(std::log(8.0) * (Next() % 10000) / 10000.0));
    Story s = NewStory(topic, words);
    const int64_t t0 = start_time + static_cast<int64_t>(Pick(kSpan));
    const int64_t base_index = static_cast<int64_t>(docs.size());
    const std::string provider = absl::StrCat("urn:newswire:", i);
    const auto body = [&](const std::vector<std::string>& paragraphs,
                          int dateline_style, int64_t t) {
      std::vector<std::string> p = paragraphs;
      p[0] = Dateline(s, dateline_style, t) + p[0];
      return absl::StrJoin(p, "\n\n");
    };
    CorpusDoc base;
    base.story = label;
    base.kind = Kind::kBase;
    base.time = t0;
    base.provider_id = provider;
    base.headline = s.headline;
    base.body = body(s.paragraphs, 0, t0);
    add(base);
    const auto variant = [&](Kind kind) {
      CorpusDoc d = base;
      d.kind = kind;
      d.base = base_index;
      d.time = t0 + 300 + static_cast<int64_t>(Pick(43200));
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
      d.body = body(s.paragraphs, 1, t0);
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
      std::shuffle(p.begin() + 1, p.end(), rng_);
      if (p == s.paragraphs) std::swap(p[1], p.back());
      d.body = body(p, 0, t0);
      add(d);
    }
    {
      CorpusDoc d = variant(Kind::kCorrected);
      std::vector<std::string> p = s.paragraphs;
      // Two or three words replaced, in different places.
      for (int k = 2 + static_cast<int>(Pick(2)); k > 0; --k) {
        std::string& para = p[Pick(p.size())];
        std::vector<std::string> w = absl::StrSplit(para, ' ');
        size_t at = Pick(w.size());
        if (!w[at].empty() && absl::ascii_isupper(w[at][0])) {
          w[at] += "s";  // a misspelt name corrected
        } else {
          w[at] = PickOf(kAdjectives);
        }
        para = absl::StrJoin(w, " ");
      }
      d.body = body(p, 0, t0);
      add(d);
    }
    {
      CorpusDoc d = variant(Kind::kNewTop);
      std::vector<std::string> p = s.paragraphs;
      p.insert(p.begin(), Sentence(topic));
      d.body = body(p, 0, d.time);
      add(d);
    }
    {
      CorpusDoc d = variant(Kind::kExtended);
      std::vector<std::string> p = s.paragraphs;
      p.insert(p.begin(), Paragraph(topic));
      const size_t extra = std::max<size_t>(2, p.size() / 2);
      for (size_t k = 0; k < extra; ++k) p.push_back(Paragraph(topic));
      d.headline = absl::StrCat("UPDATE 1-", s.headline);
      d.body = body(p, 0, d.time);
      add(d);
    }
    {
      CorpusDoc d = variant(Kind::kProviderVersion);
      d.provider_id = provider;
      d.version = 2;
      std::vector<std::string> p = s.paragraphs;
      p[p.size() / 2] = Paragraph(topic);  // a rewritten paragraph
      p.push_back(Sentence(topic));
      d.body = body(p, 0, t0);
      add(d);
    }
    ++label;
  }
  for (int family = 0; family < 4; ++family) {
    for (int i = 0; i < templates_per_family; ++i) {
      CorpusDoc d;
      d.story = label++;
      d.kind = Kind::kTemplate;
      d.time = start_time + static_cast<int64_t>(Pick(kSpan));
      d.body = Template(family, d.time, &d.headline);
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
  const int topic = static_cast<int>(Pick(kTopicNouns.size()));
  const int words = static_cast<int>(
      150 * std::exp(std::log(8.0) * (Next() % 10000) / 10000.0));
  Story s = NewStory(topic, words);
  CorpusDoc d;
  d.id = FingerprintHex(Fingerprint64(absl::StrCat("filler/", n)));
  d.story = -1 - n;
  d.kind = Kind::kFiller;
  d.time = time;
  d.provider_id = absl::StrCat("urn:filler:", n);
  d.headline = s.headline;
  s.paragraphs[0] = Dateline(s, 0, time) + s.paragraphs[0];
  d.body = absl::StrJoin(s.paragraphs, "\n\n");
  return d;
}

}  // namespace newswire::dedup::bench
