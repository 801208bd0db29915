// Bounded time per call: the slowest inputs we know of, at 1 KiB, 8 KiB and
// the default limit (64 KiB), through kefu_parse (the bundled shop-zh bot),
// kefu_entities, kefu_sentiment and a session turn. Prints the worst time per
// call of each shape and size (best of three runs, to drop scheduling noise).
//
// usage: bench_worst_case [BOT.json]   (default: the source tree's shop-zh bot)
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <functional>
#include <sstream>
#include <string>
#include <vector>

#include "kefu/kefu.h"

namespace {

std::string repeat(const std::string& unit, size_t bytes) {
  std::string s;
  while (s.size() + unit.size() <= bytes) s += unit;
  return s;
}

double best_ms(const std::function<kefu_status()>& call) {
  double best = 1e300;
  for (int i = 0; i < 3; ++i) {
    auto start = std::chrono::steady_clock::now();
    kefu_status st = call();
    double ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
    if (st != KEFU_OK) {
      std::fprintf(stderr, "bench_worst_case: %s: %s\n", kefu_status_name(st), kefu_last_error());
      std::exit(1);
    }
    best = std::min(best, ms);
  }
  return best;
}

}  // namespace

int main(int argc, char** argv) {
  std::string path = argc > 1 ? argv[1] : KEFU_SOURCE_DIR "/examples/bots/shop-zh.json";
  std::ifstream in(path);
  std::stringstream bot;
  bot << in.rdbuf();
  kefu_engine* engine = nullptr;
  const std::string b = bot.str();
  if (kefu_engine_train(b.data(), b.size(), nullptr, &engine) != KEFU_OK) {
    std::fprintf(stderr, "bench_worst_case: %s\n", kefu_last_error());
    return 1;
  }
  const std::vector<std::pair<const char*, std::string>> shapes = {
      {"digits", "1"}, {"phone numbers", "13812345678 "}, {"chinese numerals", "一千二百三十四万五千六百七十八点九"},
      {"dates and times", "明天下午三点或者下周一上午十点，"}, {"money", "¥350 三百五十块 1.5万元 $20 "},
      {"e-mail", "a.b@c.de "}, {"one long word", "a"}, {"chinese text", "我的快递到哪了，我要退货，太差了！"},
      {"punctuation", "！？。，"}, {"emoji", "😡"}, {"mixed", "订单202611220001 tomorrow at 3pm 不是不满意 "}};
  double worst = 0;
  for (size_t size : {size_t{1} << 10, size_t{8} << 10, size_t{64} << 10}) {
    for (const auto& [name, unit] : shapes) {
      const std::string text = repeat(unit, size);
      char* out = nullptr;
      double parse = best_ms([&] {
        kefu_status st = kefu_parse(engine, text.data(), text.size(), nullptr, &out);
        kefu_string_free(out);
        return st;
      });
      double entities = best_ms([&] {
        kefu_status st = kefu_entities(text.data(), text.size(), nullptr, &out);
        kefu_string_free(out);
        return st;
      });
      double sentiment = best_ms([&] {
        kefu_status st = kefu_sentiment(nullptr, text.data(), text.size(), nullptr, &out);
        kefu_string_free(out);
        return st;
      });
      double turn = best_ms([&] {
        kefu_session* s = nullptr;
        kefu_session_new(engine, nullptr, 0, &s);
        kefu_status st = kefu_session_turn(s, text.data(), text.size(), nullptr, &out);
        kefu_string_free(out);
        kefu_session_free(s);
        return st;
      });
      worst = std::max({worst, parse, turn});
      std::printf("{\"bench\": \"worst_case\", \"shape\": \"%s\", \"bytes\": %zu, \"parse_ms\": %.2f, "
                  "\"entities_ms\": %.2f, \"sentiment_ms\": %.2f, \"turn_ms\": %.2f}\n",
                  name, text.size(), parse, entities, sentiment, turn);
    }
  }
  std::printf("{\"bench\": \"worst_case\", \"worst_ms\": %.2f}\n", worst);
  kefu_engine_close(engine);
  return 0;
}
