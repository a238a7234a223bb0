#include <cstdio>
#include <iostream>

#include "absl/flags/declare.h"
#include "absl/flags/flag.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/time/clock.h"
#include "common/io/file.h"
#include "common/status/reason.h"
#include "common/time/proto_time.h"
#include "services/cli/commands.h"
#include "services/cli/inputs.h"
#include "services/cli/json.h"
#include "services/dedup/dedup_flags.h"
#include "services/enrich/enrich_flags.h"
#include "services/ingest/ingest_flags.h"
#include "services/pipeline/pipeline.h"
#include "services/route/router.h"

ABSL_FLAG(std::string, subscriptions, "",
          "process: subscriptions file (services/route/README.md); adds "
          "matchedSubscriptions to each enriched record, as newswire-route "
          "would deliver it");
ABSL_FLAG(std::string, source, "cli",
          "source recorded on each record (process, publish)");
ABSL_FLAG(bool, allow_rejected, false,
          "process: exit 0 even when some input was rejected (each rejection "
          "is still reported on stderr)");

namespace newswire::cli {

bool ReadFile(const std::string& path, std::string* out) {
  absl::StatusOr<std::string> bytes = ReadFileToString(path);
  if (!bytes.ok()) {
    std::fprintf(stderr, "%s\n", std::string(bytes.status().message()).c_str());
    return false;
  }
  *out = *std::move(bytes);
  return true;
}

namespace {

// `json` (one JSON object) with "matchedSubscriptions": [names] added.
std::string WithSubscriptions(std::string json,
                              const std::vector<std::string>& names) {
  std::string field = ",\"matchedSubscriptions\":[";
  for (size_t i = 0; i < names.size(); ++i) {
    // Names are [a-z0-9-]+: nothing to escape.
    absl::StrAppend(&field, i > 0 ? "," : "", "\"", names[i], "\"");
  }
  field += "]";
  if (!json.empty() && json.back() == '}') {
    json.insert(json.size() - 1, json.size() > 2 ? field : field.substr(1));
  }
  return json;
}

}  // namespace

int RunProcessCommand(const std::vector<std::string>& args) {
  if (args.empty()) {
    std::fprintf(stderr, "usage: newswire process FILE|DIR...\n");
    return 2;
  }
  absl::StatusOr<std::vector<std::string>> files = ExpandInputs(args);
  if (!files.ok()) {
    std::fprintf(stderr, "newswire process: %s\n",
                 std::string(files.status().message()).c_str());
    return 2;
  }
  pipeline::PipelineOptions options;
  options.ingest = ingest::IngestOptionsFromFlags();
  options.dedup = dedup::DedupOptionsFromFlags();
  options.enrich = enrich::EnricherOptionsFromFlags();
  auto pipeline = pipeline::Pipeline::Create(options);
  if (!pipeline.ok()) {
    std::fprintf(stderr, "loading models: %s\n",
                 pipeline.status().ToString().c_str());
    return 1;
  }
  // The same routing as newswire-route, with every decision committed at
  // once (there is no transaction to abort).
  std::unique_ptr<route::Router> router;
  if (const std::string subs = absl::GetFlag(FLAGS_subscriptions);
      !subs.empty()) {
    auto loaded = route::LoadSubscriptionsFile(subs);
    absl::StatusOr<std::unique_ptr<route::SubscriptionMatcher>> matcher =
        loaded.ok()
            ? route::SubscriptionMatcher::Create(*std::move(loaded))
            : absl::StatusOr<std::unique_ptr<route::SubscriptionMatcher>>(
                  loaded.status());
    if (!matcher.ok()) {
      std::fprintf(stderr, "newswire process: %s\n",
                   std::string(matcher.status().message()).c_str());
      return 2;
    }
    router = std::make_unique<route::Router>(*std::move(matcher), 1000000);
  }
  int ok = 0, failed = 0, duplicates = 0;
  absl::Time start = absl::Now();
  for (const std::string& path : *files) {
    v1::RawWire raw;
    if (path == "-") {
      std::fprintf(stderr, "newswire process: reads files, not stdin\n");
      return 2;
    }
    if (!ReadFile(path, raw.mutable_payload())) {
      ++failed;
      continue;
    }
    raw.set_source(absl::GetFlag(FLAGS_source));
    raw.set_filename(path);
    ToProtoTime(absl::Now(), raw.mutable_received_time());
    // Every article of the file: a NewsML-G2 newsMessage holds several.
    auto records = (*pipeline)->ProcessAll(raw);
    if (!records.ok()) {
      ++failed;
      std::fprintf(stderr, "%s: %s: %s\n", path.c_str(),
                   ReasonOf(records.status()).c_str(),
                   std::string(records.status().message()).c_str());
      continue;
    }
    for (const v1::EnrichedArticle& record : *records) {
      ++ok;
      v1::Verdict v = record.dedup().verdict();
      const bool duplicate =
          v == v1::EXACT_DUPLICATE || v == v1::NEAR_DUPLICATE;
      if (duplicate) ++duplicates;
      if (router != nullptr && !duplicate) {
        // Only wire.enriched reaches newswire-route; duplicates do not.
        route::RouteDecision d = router->Route(record);
        router->Commit();
        std::cout << WithSubscriptions(ToJsonLine(record), d.subscriptions)
                  << '\n';
      } else {
        std::cout << ToJsonLine(record) << '\n';
      }
    }
  }
  std::cout.flush();
  std::fprintf(stderr,
               "processed %d file(s): %d articles (%d duplicates), %d "
               "rejected, in %s\n",
               static_cast<int>(files->size()), ok, duplicates, failed,
               absl::FormatDuration(absl::Now() - start).c_str());
  if (failed > 0 && !absl::GetFlag(FLAGS_allow_rejected)) {
    std::fprintf(stderr,
                 "newswire process: %d input(s) rejected; exit status 1 "
                 "(--allow_rejected to accept)\n",
                 failed);
    return 1;
  }
  return 0;
}

}  // namespace newswire::cli
