// kefu profile record|get|tags|link — customer profiles in a directory.
#include <algorithm>
#include <iostream>
#include <string>

#include "cli_common.h"

namespace cli {

namespace {

int profile_usage() {
  std::fprintf(stderr,
               "usage: kefu profile record --dir DIR [EVENT_JSON...]   (or one event per stdin line)\n"
               "       kefu profile get --dir DIR IDENTIFIER [--as-of ISO8601]   (e.g. phone:13812345678)\n"
               "       kefu profile tags --dir DIR TAG [--limit N]\n"
               "       kefu profile link --dir DIR IDENTIFIER IDENTIFIER\n"
               "       (--rules RULES.json replaces the default tag set)\n");
  return 2;
}

// Prints and frees what a call returned in *out.
int print(kefu_status st, char** out) {
  if (st != KEFU_OK) return report(st);
  if (*out) std::printf("%s\n", *out);
  kefu_string_free(*out);
  *out = nullptr;
  return 0;
}

}  // namespace

int run_profile(const Args& args) {
  const std::string op = args.free.empty() ? "" : args.free[0];
  if (op.empty() || !args.has("--dir")) return profile_usage();
  std::string options;
  if (args.has("--rules")) options = "{\"rules\": " + read_file_or_exit(args.get("--rules")) + "}";
  kefu_profiles* p = nullptr;
  if (kefu_status st = kefu_profiles_open(args.get("--dir").c_str(), options.empty() ? nullptr : options.c_str(), &p);
      st != KEFU_OK)
    return report(st);
  int rc = 0;
  char* out = nullptr;
  if (op == "record") {
    auto one = [&](const std::string& event) {
      kefu_status st = kefu_profiles_record(p, event.data(), event.size(), &out);
      return print(st, &out);
    };
    if (args.free.size() > 1) {
      for (size_t i = 1; i < args.free.size() && rc == 0; ++i) rc = one(args.free[i]);
    } else {
      for (std::string line; std::getline(std::cin, line);)
        if (!line.empty()) rc = std::max(rc, one(line));  // report bad lines, keep going
    }
  } else if (op == "get" && args.free.size() == 2) {
    std::string as_of = args.has("--as-of") ? "{\"as_of\": \"" + args.get("--as-of") + "\"}" : "";
    kefu_status st = kefu_profiles_get(p, args.free[1].c_str(), as_of.empty() ? nullptr : as_of.c_str(), &out);
    rc = print(st, &out);
  } else if (op == "tags" && args.free.size() == 2) {
    kefu_status st = kefu_profiles_with_tag(p, args.free[1].c_str(), std::stoul(args.get("--limit", "100")), &out);
    rc = print(st, &out);
  } else if (op == "link" && args.free.size() == 3) {
    kefu_status st = kefu_profiles_link(p, args.free[1].c_str(), args.free[2].c_str(), &out);
    rc = print(st, &out);
  } else {
    rc = profile_usage();
  }
  kefu_profiles_close(p);
  return rc;
}

}  // namespace cli
