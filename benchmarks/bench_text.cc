// Latency of the text pipeline through the C ABI: kefu_normalize and
// kefu_segment per utterance, p50/p99 and throughput on one thread.
//
// usage: bench_text [DATA_DIR]   (default $KEFU_DATA or ../shared/data)
// Utterances come from smp2017_ecdt (zh) and clinc150 (en); without the data
// the benchmark says so and exits 0.
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

std::vector<std::string> read_texts(const std::string& path, size_t limit) {
  std::vector<std::string> out;
  std::ifstream in(path);
  for (std::string line; out.size() < limit && std::getline(in, line);) {
    auto j = nlohmann::json::parse(line, nullptr, false);
    if (j.is_object() && j.contains("text")) out.push_back(j["text"]);
  }
  return out;
}

template <typename Fn>
void measure(const char* name, const std::vector<std::string>& texts, Fn&& fn) {
  std::vector<double> us;
  us.reserve(texts.size() * 3);
  auto start = std::chrono::steady_clock::now();
  for (int round = 0; round < 3; ++round) {
    for (const auto& t : texts) {
      auto a = std::chrono::steady_clock::now();
      char* out = nullptr;
      if (fn(t, &out) != KEFU_OK) {
        std::fprintf(stderr, "%s failed: %s\n", name, kefu_last_error());
        std::exit(1);
      }
      kefu_string_free(out);
      us.push_back(std::chrono::duration<double, std::micro>(
                       std::chrono::steady_clock::now() - a).count());
    }
  }
  double total = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  std::sort(us.begin(), us.end());
  std::printf("{\"bench\": \"%s\", \"n\": %zu, \"p50_us\": %.2f, \"p99_us\": %.2f, \"per_s\": %.0f}\n",
              name, us.size(), us[us.size() / 2], us[us.size() * 99 / 100],
              static_cast<double>(us.size()) / total);
}

}  // namespace

int main(int argc, char** argv) {
  std::string dir = argc > 1 ? argv[1] : (std::getenv("KEFU_DATA") ? std::getenv("KEFU_DATA") : "../shared/data");
  auto zh = read_texts(dir + "/smp2017_ecdt/test.jsonl", 2000);
  auto en = read_texts(dir + "/clinc150/test.jsonl", 2000);
  if (zh.empty() || en.empty()) {
    std::printf("bench_text: data not found under %s; skipped\n", dir.c_str());
    return 0;
  }
  kefu_segmenter* seg = nullptr;
  if (kefu_segmenter_new(nullptr, &seg) != KEFU_OK) return 1;
  for (auto* set : {&zh, &en}) {
    const char* lang = set == &zh ? "zh" : "en";
    std::string n1 = std::string("normalize_") + lang, n2 = std::string("segment_") + lang;
    measure(n1.c_str(), *set, [](const std::string& t, char** out) {
      return kefu_normalize(t.data(), t.size(), nullptr, out);
    });
    measure(n2.c_str(), *set, [&](const std::string& t, char** out) {
      return kefu_segment(seg, t.data(), t.size(), out);
    });
  }
  kefu_segmenter_free(seg);
  return 0;
}
