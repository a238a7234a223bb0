#include "common/config/flags.h"

#include <cstdio>
#include <cstdlib>

#include "absl/flags/parse.h"
#include "absl/flags/reflection.h"
#include "absl/flags/usage.h"
#include "absl/flags/usage_config.h"
#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"

namespace newswire {

std::string EnvVarForFlag(absl::string_view flag_name) {
  return absl::StrCat("NEWSWIRE_", absl::AsciiStrToUpper(flag_name));
}

std::string NormalizeFlagArg(absl::string_view arg) {
  std::string out(arg);
  if (arg.size() <= 2 || arg[0] != '-') return out;
  size_t start = arg[1] == '-' ? 2 : 1;
  size_t end = arg.find('=');
  if (end == absl::string_view::npos) end = arg.size();
  for (size_t i = start; i < end; ++i) {
    if (out[i] == '-') out[i] = '_';
  }
  return out;
}

std::vector<char*> ParseFlagsWithEnv(int argc, char** argv,
                                     absl::string_view usage) {
  absl::FlagsUsageConfig config;
  config.contains_helpshort_flags = [](absl::string_view file) {
    return !absl::StrContains(file, "absl/");
  };
  config.contains_help_flags = config.contains_helpshort_flags;
  config.version_string = [] { return std::string("newswire 0.1.0\n"); };
  absl::SetFlagsUsageConfig(config);
  absl::SetProgramUsageMessage(usage);

  for (auto& [name, flag] : absl::GetAllFlags()) {
    if (absl::StrContains(flag->Filename(), "absl/")) continue;
    std::string var = EnvVarForFlag(name);
    const char* value = std::getenv(var.c_str());
    if (value == nullptr) continue;
    std::string error;
    if (!flag->ParseFrom(value, &error)) {
      std::fprintf(stderr, "invalid value for %s (flag --%s): %s\n",
                   var.c_str(), std::string(name).c_str(), error.c_str());
      std::exit(2);
    }
  }
  // Normalized copies live for the rest of the process, as argv does.
  static std::vector<std::string>* normalized = new std::vector<std::string>();
  normalized->clear();
  bool positional_only = false;
  for (int i = 0; i < argc; ++i) {
    absl::string_view arg = argv[i];
    if (arg == "--") positional_only = true;
    normalized->push_back(positional_only || i == 0 ? std::string(arg)
                                                    : NormalizeFlagArg(arg));
  }
  std::vector<char*> args;
  for (std::string& a : *normalized) args.push_back(a.data());
  return absl::ParseCommandLine(static_cast<int>(args.size()), args.data());
}

}  // namespace newswire
