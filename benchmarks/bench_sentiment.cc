// Sentiment speed through the C ABI on short messages (≤ 50 characters):
// kefu_sentiment_fast (struct out) and kefu_sentiment (JSON out), one thread.
//
// usage: bench_sentiment [DATA_DIR]   (default $KEFU_DATA or ../shared/data)
// Messages: ChnSentiCorp reviews cut to 50 characters and CLINC150 utterances.
// Without the data the benchmark says so and exits 0.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "kefu/kefu.h"

namespace {

// The first `max_chars` code points of UTF-8 text.
std::string head(const std::string& s, size_t max_chars) {
  size_t chars = 0, i = 0;
  while (i < s.size() && chars < max_chars) {
    unsigned char c = static_cast<unsigned char>(s[i]);
    i += c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
    ++chars;
  }
  return s.substr(0, std::min(i, s.size()));
}

std::vector<std::string> read_texts(const std::string& path, size_t limit) {
  std::vector<std::string> out;
  std::ifstream in(path);
  for (std::string line; out.size() < limit && std::getline(in, line);) {
    auto j = nlohmann::json::parse(line, nullptr, false);
    if (j.is_object() && j.contains("text")) out.push_back(head(j["text"], 50));
  }
  return out;
}

template <typename Fn>
void measure(const char* name, const std::vector<std::string>& texts, Fn&& fn) {
  std::vector<double> us;
  auto start = std::chrono::steady_clock::now();
  for (int round = 0; round < 5; ++round) {
    for (const auto& t : texts) {
      auto a = std::chrono::steady_clock::now();
      if (!fn(t)) {
        std::fprintf(stderr, "%s failed: %s\n", name, kefu_last_error());
        std::exit(1);
      }
      us.push_back(std::chrono::duration<double, std::micro>(std::chrono::steady_clock::now() - a).count());
    }
  }
  double total = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  std::sort(us.begin(), us.end());
  std::printf("{\"bench\": \"%s\", \"n\": %zu, \"p50_us\": %.2f, \"p99_us\": %.2f, \"per_s\": %.0f}\n", name,
              us.size(), us[us.size() / 2], us[us.size() * 99 / 100], static_cast<double>(us.size()) / total);
}

}  // namespace

int main(int argc, char** argv) {
  std::string dir = argc > 1 ? argv[1] : (std::getenv("KEFU_DATA") ? std::getenv("KEFU_DATA") : "../shared/data");
  auto zh = read_texts(dir + "/chnsenticorp_htl/test.jsonl", 2000);
  auto en = read_texts(dir + "/clinc150/test.jsonl", 2000);
  if (zh.empty() || en.empty()) {
    std::printf("{\"bench\": \"sentiment\", \"skipped\": \"no data under %s\"}\n", dir.c_str());
    return 0;
  }
  for (const auto* set : {&zh, &en}) {
    const bool chinese = set == &zh;
    measure(chinese ? "sentiment_fast_zh" : "sentiment_fast_en", *set, [](const std::string& t) {
      kefu_sentiment_score s{};
      s.struct_size = sizeof s;
      return kefu_sentiment_fast(nullptr, t.data(), t.size(), &s) == KEFU_OK;
    });
    measure(chinese ? "sentiment_json_zh" : "sentiment_json_en", *set, [](const std::string& t) {
      char* out = nullptr;
      bool ok = kefu_sentiment(nullptr, t.data(), t.size(), nullptr, &out) == KEFU_OK;
      kefu_string_free(out);
      return ok;
    });
  }
  return 0;
}
