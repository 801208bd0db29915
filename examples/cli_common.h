// Shared bits of the kefu command-line tool.
#pragma once

#include <array>
#include <cstdio>
#include <string>
#include <vector>

#include "kefu/kefu.h"

namespace cli {

// Prints the last kefu error; returns the process exit code for `status`.
inline int report(kefu_status status) {
  std::fprintf(stderr, "kefu: %s\n", kefu_last_error());
  return status == KEFU_ERR_INVALID_OPTIONS || status == KEFU_ERR_INVALID_ARGUMENT ? 2 : 1;
}

// Reads a whole file, or exits with a message.
std::string read_file_or_exit(const std::string& path);

// Parsed command line: flags with values ("--train X") and free arguments.
struct Args {
  std::vector<std::pair<std::string, std::string>> flags;
  std::vector<std::string> free;
  std::string get(const std::string& flag, const std::string& fallback = "") const {
    for (const auto& [k, v] : flags)
      if (k == flag) return v;
    return fallback;
  }
  bool has(const std::string& flag) const {
    for (const auto& kv : flags)
      if (kv.first == flag) return true;
    return false;
  }
};

// Trains from a bot definition (.json) or intent data (.jsonl, with an
// optional dev file for calibration).
kefu_status train_engine(const std::string& path, const std::string& dev_path,
                         const std::string& options, kefu_engine** out);

int run_train(const Args& args);
int run_parse(const Args& args);
int run_eval(const Args& args);
int run_eval_kb(const Args& args);
int run_eval_sentiment(const Args& args);
int run_kb(const Args& args);
int run_profile(const Args& args);
int run_demo();
int run_chat(int argc, char** argv);
int print_builtin_bot(const std::string& language);

}  // namespace cli
