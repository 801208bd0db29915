// Knowledge-base speed at scale through the C ABI: a 100,000-entry knowledge
// base of real questions (every distinct question and utterance in the data
// directory; topped up with pairs of them when there are fewer), bulk import
// in memory and on disk, search p50/p99 on one thread, single durable upsert
// latency, and resident memory.
//
// usage: bench_kb [DATA_DIR] [ENTRIES]   (default $KEFU_DATA or ../shared/data, 100000)
// Without the data the benchmark says so and exits 0.
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>
#include <unordered_set>
#include <vector>

#include <nlohmann/json.hpp>

#include "kefu/kefu.h"

using nlohmann::json;
using Clock = std::chrono::steady_clock;

namespace {

const char* const kFiles[] = {
    "lcqmc_faq/kb.jsonl", "lcqmc_faq/queries.jsonl", "lcqmc/pairs_dev.jsonl", "stackfaq/kb.jsonl",
    "stackfaq/queries.jsonl", "clinc150/train.jsonl", "clinc150/dev.jsonl", "clinc150/test.jsonl",
    "snips/train.jsonl", "snips/dev.jsonl", "snips/test.jsonl", "smp2017_ecdt/train.jsonl",
    "smp2017_ecdt/dev.jsonl", "smp2017_ecdt/test.jsonl", "smp2019_ecdt/train.jsonl",
    "smp2019_ecdt/test.jsonl"};

std::vector<std::string> questions(const std::string& dir) {
  std::vector<std::string> out;
  std::unordered_set<std::string> seen;
  for (const char* file : kFiles) {
    std::ifstream in(dir + "/" + file);
    for (std::string line; std::getline(in, line);) {
      json j = json::parse(line, nullptr, false);
      if (!j.is_object()) continue;
      for (const char* key : {"question", "query", "text", "a", "b"})
        if (j.contains(key) && j[key].is_string() && seen.insert(j[key].get<std::string>()).second)
          out.push_back(j[key]);
    }
  }
  return out;
}

double seconds_since(Clock::time_point t) { return std::chrono::duration<double>(Clock::now() - t).count(); }

long rss_kb() {
  std::ifstream in("/proc/self/status");
  for (std::string line; std::getline(in, line);)
    if (line.rfind("VmRSS:", 0) == 0) return std::atol(line.c_str() + 6);
  return 0;
}

void check(kefu_status st, const char* what) {
  if (st == KEFU_OK) return;
  std::fprintf(stderr, "%s failed: %s\n", what, kefu_last_error());
  std::exit(1);
}

double percentile(std::vector<double> v, double p) {
  std::sort(v.begin(), v.end());
  return v[static_cast<size_t>(p * static_cast<double>(v.size() - 1))];
}

}  // namespace

int main(int argc, char** argv) {
  std::string dir = argc > 1 ? argv[1] : (std::getenv("KEFU_DATA") ? std::getenv("KEFU_DATA") : "../shared/data");
  size_t n = argc > 2 ? std::strtoul(argv[2], nullptr, 10) : 100000;
  std::vector<std::string> real = questions(dir);
  if (real.size() < 100) {
    std::printf("{\"bench\": \"kb\", \"skipped\": \"no data under %s\"}\n", dir.c_str());
    return 0;
  }
  const size_t distinct = real.size();
  std::string jsonl;
  for (size_t i = 0; i < n; ++i) {
    std::string q = i < distinct ? real[i] : real[i % distinct] + " " + real[(i * 7919) % distinct];
    jsonl += json{{"id", "e" + std::to_string(i)}, {"question", q}, {"answer", "answer " + std::to_string(i)}}.dump();
    jsonl += '\n';
  }
  const long rss_before = rss_kb();

  kefu_kb* kb = nullptr;
  check(kefu_kb_open(nullptr, nullptr, &kb), "open");
  auto t = Clock::now();
  check(kefu_kb_import(kb, jsonl.data(), jsonl.size(), nullptr, nullptr), "import");
  const double import_s = seconds_since(t);
  const long rss_after = rss_kb();

  // Queries: paraphrases and utterances as customers type them.
  std::vector<std::string> queries;
  for (size_t i = 0; queries.size() < 5000 && i < distinct; i += std::max<size_t>(1, distinct / 5000))
    queries.push_back(real[i]);
  std::vector<double> us;
  t = Clock::now();
  for (const auto& q : queries) {
    auto a = Clock::now();
    char* out = nullptr;
    check(kefu_kb_search(kb, q.data(), q.size(), nullptr, &out), "search");
    kefu_string_free(out);
    us.push_back(std::chrono::duration<double, std::micro>(Clock::now() - a).count());
  }
  const double search_s = seconds_since(t);
  kefu_kb_close(kb);

  // On disk: a durable bulk import, then single durable upserts.
  std::string store = std::filesystem::temp_directory_path() / ("kefu-bench-kb-" + std::to_string(getpid()));
  std::filesystem::remove_all(store);
  check(kefu_kb_open(store.c_str(), nullptr, &kb), "open store");
  t = Clock::now();
  check(kefu_kb_import(kb, jsonl.data(), jsonl.size(), nullptr, nullptr), "durable import");
  const double durable_import_s = seconds_since(t);
  std::vector<double> upsert_ms;
  for (int i = 0; i < 200; ++i) {
    std::string e = json{{"id", "new" + std::to_string(i)}, {"question", real[i % distinct] + " 新问题"},
                         {"answer", "a"}}.dump();
    auto a = Clock::now();
    check(kefu_kb_upsert(kb, e.data(), e.size()), "upsert");
    upsert_ms.push_back(std::chrono::duration<double, std::milli>(Clock::now() - a).count());
  }
  t = Clock::now();
  kefu_kb_close(kb);
  kb = nullptr;
  check(kefu_kb_open(store.c_str(), nullptr, &kb), "reopen store");
  const double reopen_s = seconds_since(t);
  kefu_kb_close(kb);
  std::filesystem::remove_all(store);

  json result = {{"bench", "kb"},
                 {"entries", n},
                 {"distinct_real_questions", std::min(n, distinct)},
                 {"import_s", std::round(import_s * 100) / 100},
                 {"durable_import_s", std::round(durable_import_s * 100) / 100},
                 {"reopen_s", std::round(reopen_s * 100) / 100},
                 {"search", {{"n", us.size()}, {"p50_us", std::round(percentile(us, 0.5))},
                             {"p99_us", std::round(percentile(us, 0.99))},
                             {"per_s", std::round(static_cast<double>(us.size()) / search_s)}}},
                 {"durable_upsert_ms", {{"p50", std::round(percentile(upsert_ms, 0.5) * 100) / 100},
                                        {"p99", std::round(percentile(upsert_ms, 0.99) * 100) / 100}}},
                 {"resident_mb", std::round(static_cast<double>(rss_after - rss_before) / 1024)}};
  std::printf("%s\n", result.dump().c_str());
  return 0;
}
