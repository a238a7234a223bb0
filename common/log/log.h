// Minimal leveled logging to stderr, one line per event.
//
// Debian 12's Abseil has no absl/log. Lines look like
//   2026-11-28T12:00:00.123Z INFO newswire-dedup: committed 500 records
// which Kubernetes and journald collect as they are.
//
// Example:
//   NW_LOG(INFO, "assigned %d partitions", n);
//   NW_LOG(ERROR, "commit failed: %s", status.ToString());
//
// Thread-safety: safe from any thread; each call writes one whole line.
#ifndef NEWSWIRE_COMMON_LOG_LOG_H_
#define NEWSWIRE_COMMON_LOG_LOG_H_

#include "absl/strings/str_format.h"
#include "absl/strings/string_view.h"

namespace newswire {

enum class LogSeverity { kDebug = 0, kInfo = 1, kWarning = 2, kError = 3 };

// Sets the program name printed on each line (default "newswire").
void SetLogProgramName(absl::string_view name);
// Lines below `min` are dropped (default kInfo; NEWSWIRE_LOG_LEVEL=debug|info|
// warning|error sets it at start).
void SetMinLogSeverity(LogSeverity min);
bool LogEnabled(LogSeverity severity);
void LogLine(LogSeverity severity, absl::string_view message);

}  // namespace newswire

#define NW_LOG_SEVERITY_DEBUG ::newswire::LogSeverity::kDebug
#define NW_LOG_SEVERITY_INFO ::newswire::LogSeverity::kInfo
#define NW_LOG_SEVERITY_WARNING ::newswire::LogSeverity::kWarning
#define NW_LOG_SEVERITY_ERROR ::newswire::LogSeverity::kError

#define NW_LOG(severity, ...)                                 \
  do {                                                        \
    if (::newswire::LogEnabled(NW_LOG_SEVERITY_##severity)) { \
      ::newswire::LogLine(NW_LOG_SEVERITY_##severity,         \
                          ::absl::StrFormat(__VA_ARGS__));    \
    }                                                         \
  } while (0)

#endif  // NEWSWIRE_COMMON_LOG_LOG_H_
