#include "tools/storygen/news_generator.h"

#include <cmath>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_join.h"

namespace newswire::storygen {
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

std::string NewsDateline(absl::string_view place, DatelineStyle style,
                         int64_t unix_seconds) {
  const int64_t day = unix_seconds / 86400;
  const std::string& month = kMonths[(day / 30) % 12];
  const int mday = static_cast<int>(day % 28) + 1;
  const std::string upper = absl::AsciiStrToUpper(place);
  if (style == DatelineStyle::kMonthDay) {
    return absl::StrCat(upper, ", ", month, " ", mday, " (Newswire) - ");
  }
  return absl::StrCat(upper, " (Newswire) ", month, ". ", mday, " -- ");
}

NewsGenerator::NewsGenerator(uint64_t seed) : rng_(seed) {
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

std::string NewsGenerator::Number() {
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

std::string NewsGenerator::Sentence(int topic) {
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

std::string NewsGenerator::Paragraph(int topic) {
  std::string p = Sentence(topic);
  for (size_t i = Pick(3); i > 0; --i)
    absl::StrAppend(&p, " ", Sentence(topic));
  return p;
}

NewsStory NewsGenerator::Story() {
  const int topic = static_cast<int>(Pick(kNewsTopics));
  // Log-uniform length between 150 and 1,200 words.
  const int words = static_cast<int>(
      150 * std::exp(std::log(8.0) * (Next() % 10000) / 10000.0));
  return Story(topic, words);
}

NewsStory NewsGenerator::Story(int topic, int words) {
  NewsStory s;
  s.topic = topic;
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

const std::string& NewsGenerator::Adjective() { return PickOf(kAdjectives); }

std::string NewsGenerator::Template(int family, std::string* headline) {
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
  return absl::StrJoin(p, "\n\n");
}

}  // namespace newswire::storygen
