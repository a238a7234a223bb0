#include "common/log/log.h"

#include <atomic>
#include <cstdio>
#include <cstdlib>
#include <string>

#include "absl/strings/ascii.h"
#include "absl/synchronization/mutex.h"
#include "absl/time/clock.h"
#include "absl/time/time.h"

namespace newswire {
namespace {

absl::Mutex g_mu;
std::string* g_program ABSL_GUARDED_BY(g_mu) = nullptr;

LogSeverity InitialSeverity() {
  const char* env = std::getenv("NEWSWIRE_LOG_LEVEL");
  if (env == nullptr) return LogSeverity::kInfo;
  std::string v = absl::AsciiStrToLower(env);
  if (v == "debug") return LogSeverity::kDebug;
  if (v == "warning" || v == "warn") return LogSeverity::kWarning;
  if (v == "error") return LogSeverity::kError;
  return LogSeverity::kInfo;
}

std::atomic<int> g_min{static_cast<int>(InitialSeverity())};

const char* Name(LogSeverity s) {
  switch (s) {
    case LogSeverity::kDebug:
      return "DEBUG";
    case LogSeverity::kInfo:
      return "INFO";
    case LogSeverity::kWarning:
      return "WARN";
    case LogSeverity::kError:
      return "ERROR";
  }
  return "?";
}

}  // namespace

void SetLogProgramName(absl::string_view name) {
  absl::MutexLock lock(&g_mu);
  delete g_program;
  g_program = new std::string(name);
}

void SetMinLogSeverity(LogSeverity min) { g_min.store(static_cast<int>(min)); }

bool LogEnabled(LogSeverity severity) {
  return static_cast<int>(severity) >= g_min.load(std::memory_order_relaxed);
}

void LogLine(LogSeverity severity, absl::string_view message) {
  std::string time = absl::FormatTime("%Y-%m-%dT%H:%M:%E3SZ", absl::Now(),
                                      absl::UTCTimeZone());
  absl::MutexLock lock(&g_mu);
  std::fprintf(stderr, "%s %s %s: %.*s\n", time.c_str(), Name(severity),
               g_program != nullptr ? g_program->c_str() : "newswire",
               static_cast<int>(message.size()), message.data());
  std::fflush(stderr);
}

}  // namespace newswire
