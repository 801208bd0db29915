// The cost of one call through the C ABI, as the baseline for the bindings'
// overhead (bench_bindings.sh runs the same calls from Python and Java):
// kefu_parse (JSON out, freed) and kefu_classify (top-5 structs) over a file
// of messages, best mean of five repeats.
//
// usage: bench_abi BOT.json MESSAGES.txt [PASSES]
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "kefu/kefu.h"

namespace {

using Clock = std::chrono::steady_clock;

void check(kefu_status st, const char* what) {
  if (st == KEFU_OK) return;
  std::fprintf(stderr, "bench_abi: %s: %s\n", what, kefu_last_error());
  std::exit(1);
}

// Best mean microseconds per call of fn over `passes` passes of the messages.
template <class Fn>
double best_mean_us(const std::vector<std::string>& messages, int passes, Fn&& fn) {
  double best = 1e300;
  for (int repeat = 0; repeat < 5; ++repeat) {
    auto start = Clock::now();
    for (int p = 0; p < passes; ++p)
      for (const auto& m : messages) fn(m);
    double us = std::chrono::duration<double, std::micro>(Clock::now() - start).count();
    best = std::min(best, us / (static_cast<double>(passes) * messages.size()));
  }
  return best;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 3) {
    std::fprintf(stderr, "usage: bench_abi BOT.json MESSAGES.txt [PASSES]\n");
    return 2;
  }
  std::ifstream bot_file(argv[1]), message_file(argv[2]);
  if (!bot_file || !message_file) {
    std::fprintf(stderr, "bench_abi: cannot read %s or %s\n", argv[1], argv[2]);
    return 1;
  }
  std::stringstream bot;
  bot << bot_file.rdbuf();
  std::vector<std::string> messages;
  for (std::string line; std::getline(message_file, line);)
    if (!line.empty()) messages.push_back(line);
  int passes = argc > 3 ? std::atoi(argv[3]) : 20;

  kefu_engine* engine = nullptr;
  std::string bot_json = bot.str();
  check(kefu_engine_train(bot_json.data(), bot_json.size(), nullptr, &engine), "train");

  double parse_us = best_mean_us(messages, passes, [&](const std::string& m) {
    char* out = nullptr;
    check(kefu_parse(engine, m.data(), m.size(), nullptr, &out), "parse");
    kefu_string_free(out);
  });
  double classify_us = best_mean_us(messages, passes, [&](const std::string& m) {
    kefu_intent_score scores[5];
    size_t count = 0;
    int oos = 0;
    check(kefu_classify(engine, m.data(), m.size(), scores, 5, &count, &oos), "classify");
  });
  std::printf("{\"bench\": \"call\", \"via\": \"c\", \"call\": \"parse\", \"messages\": %zu, \"us\": %.2f}\n",
              messages.size(), parse_us);
  std::printf("{\"bench\": \"call\", \"via\": \"c\", \"call\": \"classify\", \"messages\": %zu, \"us\": %.2f}\n",
              messages.size(), classify_us);
  kefu_engine_close(engine);
  return 0;
}
