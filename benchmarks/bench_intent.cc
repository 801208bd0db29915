// Intent classification speed through the C ABI: training time, model size,
// load time, per-utterance latency (p50/p99) of kefu_classify and kefu_parse,
// and throughput on 1 and 2 threads. Where Debian's `fasttext` is installed,
// the same training and prediction are timed for it in the same run and
// kefu's speed is printed as a ratio.
//
// usage: bench_intent [DATA_DIR] [SET]   (default $KEFU_DATA or ../shared/data,
// SET clinc150). Prints one JSON line per figure; skips cleanly without data.
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include <nlohmann/json.hpp>

#include "kefu/kefu.h"

namespace {

using Clock = std::chrono::steady_clock;
using nlohmann::json;

double seconds_since(Clock::time_point t) {
  return std::chrono::duration<double>(Clock::now() - t).count();
}

std::string slurp(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

std::vector<std::pair<std::string, std::string>> rows(const std::string& jsonl) {
  std::vector<std::pair<std::string, std::string>> out;
  std::istringstream in(jsonl);
  for (std::string line; std::getline(in, line);) {
    json j = json::parse(line, nullptr, false);
    if (j.is_object() && j.contains("text")) out.emplace_back(j["text"], j["intent"]);
  }
  return out;
}

void check(kefu_status st, const char* what) {
  if (st != KEFU_OK) {
    std::fprintf(stderr, "%s failed: %s\n", what, kefu_last_error());
    std::exit(1);
  }
}

// Runs `cmd` through the shell and returns its wall time, or -1 on failure.
double timed_shell(const std::string& cmd) {
  auto t = Clock::now();
  if (std::system(cmd.c_str()) != 0) return -1;
  return seconds_since(t);
}

}  // namespace

int main(int argc, char** argv) {
  const char* env = std::getenv("KEFU_DATA");
  std::string dir = argc > 1 ? argv[1] : env ? env : "../shared/data";
  std::string set = argc > 2 ? argv[2] : "clinc150";
  std::string train = slurp(dir + "/" + set + "/train.jsonl");
  std::string dev = slurp(dir + "/" + set + "/dev.jsonl");
  std::string test_jsonl = slurp(dir + "/" + set + "/test.jsonl");
  if (train.empty() || test_jsonl.empty()) {
    std::printf("bench_intent: %s not found under %s; skipped\n", set.c_str(), dir.c_str());
    return 0;
  }
  auto test = rows(test_jsonl);

  auto t = Clock::now();
  kefu_engine* engine = nullptr;
  check(kefu_engine_train_jsonl(train.data(), train.size(), dev.empty() ? nullptr : dev.data(),
                                dev.size(), nullptr, &engine),
        "train");
  double train_s = seconds_since(t);

  std::string path = "/tmp/kefu_bench_intent_" + std::to_string(::getpid()) + ".kefu";
  check(kefu_engine_save(engine, path.c_str()), "save");
  size_t model_bytes = slurp(path).size();
  std::vector<double> load_ms;
  for (int i = 0; i < 5; ++i) {
    kefu_engine* loaded = nullptr;
    auto l = Clock::now();
    check(kefu_engine_open(path.c_str(), nullptr, &loaded), "open");
    load_ms.push_back(seconds_since(l) * 1000);
    kefu_engine_close(loaded);
  }
  std::sort(load_ms.begin(), load_ms.end());
  std::remove(path.c_str());

  // Latency per call, three passes over the test set.
  auto latency = [&](auto&& call) {
    std::vector<double> us;
    auto start = Clock::now();
    for (int pass = 0; pass < 3; ++pass)
      for (const auto& r : test) {
        auto a = Clock::now();
        call(r.first);
        us.push_back(std::chrono::duration<double, std::micro>(Clock::now() - a).count());
      }
    double total = seconds_since(start);
    std::sort(us.begin(), us.end());
    return json{{"p50_us", std::round(us[us.size() / 2] * 100) / 100},
                {"p99_us", std::round(us[us.size() * 99 / 100] * 100) / 100},
                {"per_s", std::round(static_cast<double>(us.size()) / total)}};
  };
  auto classify = [&](const std::string& text) {
    kefu_intent_score top[5];
    size_t n = 0;
    int oos = 0;
    check(kefu_classify(engine, text.data(), text.size(), top, 5, &n, &oos), "classify");
  };
  auto parse = [&](const std::string& text) {
    char* out = nullptr;
    check(kefu_parse(engine, text.data(), text.size(), nullptr, &out), "parse");
    kefu_string_free(out);
  };
  json classify_1 = latency(classify);
  json parse_1 = latency(parse);

  // Throughput with two threads sharing the engine.
  std::atomic<size_t> done{0};
  auto t2 = Clock::now();
  std::vector<std::thread> threads;
  for (int w = 0; w < 2; ++w)
    threads.emplace_back([&] {
      for (int pass = 0; pass < 3; ++pass)
        for (const auto& r : test) {
          classify(r.first);
          done.fetch_add(1, std::memory_order_relaxed);
        }
    });
  for (auto& th : threads) th.join();
  double classify_2_per_s = static_cast<double>(done.load()) / seconds_since(t2);
  kefu_engine_close(engine);

  json result = {{"bench", "intent"},
                 {"set", set},
                 {"train_s", std::round(train_s * 100) / 100},
                 {"model_bytes", model_bytes},
                 {"load_ms", std::round(load_ms[load_ms.size() / 2] * 10) / 10},
                 {"classify", classify_1},
                 {"parse", parse_1},
                 {"classify_2_threads_per_s", std::round(classify_2_per_s)}};

  // The same work for fastText, if installed: 1 thread, default settings.
  if (std::system("command -v fasttext >/dev/null 2>&1") == 0) {
    std::string base = "/tmp/kefu_bench_ft_" + std::to_string(::getpid());
    auto write_ft = [](const std::string& file, const std::vector<std::pair<std::string, std::string>>& rs) {
      std::ofstream out(file);
      for (const auto& [text, label] : rs) {
        std::string clean = text;
        std::replace(clean.begin(), clean.end(), '\n', ' ');
        out << "__label__" << label << " " << clean << "\n";
      }
    };
    write_ft(base + ".train", rows(train));
    write_ft(base + ".test", test);
    double ft_train = timed_shell("fasttext supervised -input " + base + ".train -output " + base +
                                  " -thread 1 -verbose 0 >/dev/null 2>&1");
    double ft_predict = timed_shell("fasttext predict " + base + ".bin " + base + ".test > " + base +
                                    ".out 2>/dev/null");
    size_t ft_bytes = slurp(base + ".bin").size();
    if (ft_train > 0 && ft_predict > 0) {
      double ft_per_s = static_cast<double>(test.size()) / ft_predict;  // includes its model load
      result["fasttext"] = {{"train_s", std::round(ft_train * 100) / 100},
                            {"predict_per_s", std::round(ft_per_s)},
                            {"model_bytes", ft_bytes}};
      result["ratio_vs_fasttext"] = {
          {"train_speed", std::round(ft_train / train_s * 100) / 100},
          {"classify_speed", std::round(classify_1["per_s"].get<double>() / ft_per_s * 100) / 100},
          {"model_size", std::round(static_cast<double>(model_bytes) / static_cast<double>(ft_bytes) * 1000) / 1000}};
    }
    std::system(("rm -f " + base + ".*").c_str());
  }
  std::printf("%s\n", result.dump().c_str());
  return 0;
}
