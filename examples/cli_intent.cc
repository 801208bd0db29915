// kefu train | parse | eval intent — over the C ABI.
#include <chrono>
#include <cmath>
#include <fstream>
#include <iostream>
#include <map>
#include <set>
#include <sstream>

#include <nlohmann/json.hpp>

#include "cli_common.h"

namespace cli {

using nlohmann::json;
using Clock = std::chrono::steady_clock;

std::string read_file_or_exit(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    std::fprintf(stderr, "kefu: cannot read %s\n", path.c_str());
    std::exit(1);
  }
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

namespace {

bool ends_with(const std::string& s, const std::string& suffix) {
  return s.size() >= suffix.size() && s.compare(s.size() - suffix.size(), suffix.size(), suffix) == 0;
}

// Trains from a bot definition (.json) or intent data (.jsonl).
kefu_status train(const std::string& path, const std::string& dev_path, const std::string& options,
                  kefu_engine** out) {
  std::string data = read_file_or_exit(path);
  const char* opts = options.empty() ? nullptr : options.c_str();
  if (!ends_with(path, ".jsonl")) return kefu_engine_train(data.data(), data.size(), opts, out);
  std::string dev = dev_path.empty() ? "" : read_file_or_exit(dev_path);
  return kefu_engine_train_jsonl(data.data(), data.size(), dev_path.empty() ? nullptr : dev.data(),
                                 dev.size(), opts, out);
}

void print_warnings(const kefu_engine* engine) {
  char* info = nullptr;
  if (kefu_engine_info(engine, &info) != KEFU_OK) return;
  json j = json::parse(info);
  kefu_string_free(info);
  size_t shown = 0;
  for (const auto& w : j["warnings"])
    if (shown++ < 20) std::fprintf(stderr, "warning: %s\n", w.get<std::string>().c_str());
  if (shown > 20) std::fprintf(stderr, "warning: ... %zu more\n", shown - 20);
}

}  // namespace

int run_train(const Args& args) {
  if (args.free.size() != 1 || !args.has("-o")) {
    std::fprintf(stderr, "usage: kefu train BOT.json|TRAIN.jsonl [--dev DEV.jsonl] "
                         "[--options JSON] -o MODEL.kefu\n");
    return 2;
  }
  kefu_engine* engine = nullptr;
  auto start = Clock::now();
  kefu_status st = train(args.free[0], args.get("--dev"), args.get("--options"), &engine);
  if (st != KEFU_OK) return report(st);
  double seconds = std::chrono::duration<double>(Clock::now() - start).count();
  print_warnings(engine);
  st = kefu_engine_save(engine, args.get("-o").c_str());
  kefu_engine_close(engine);
  if (st != KEFU_OK) return report(st);
  std::fprintf(stderr, "trained in %.2f s, saved %s\n", seconds, args.get("-o").c_str());
  return 0;
}

int run_parse(const Args& args) {
  if (!args.has("-m")) {
    std::fprintf(stderr, "usage: kefu parse -m MODEL.kefu [--options JSON] [TEXT...]\n");
    return 2;
  }
  kefu_engine* engine = nullptr;
  kefu_status st = kefu_engine_open(args.get("-m").c_str(), nullptr, &engine);
  if (st != KEFU_OK) return report(st);
  std::string options = args.get("--options");
  int rc = 0;
  auto run = [&](const std::string& text) {
    char* out = nullptr;
    kefu_status s = kefu_parse(engine, text.data(), text.size(),
                               options.empty() ? nullptr : options.c_str(), &out);
    if (s != KEFU_OK) {
      rc = report(s);
      return;
    }
    std::printf("%s\n", out);
    kefu_string_free(out);
  };
  if (!args.free.empty()) {
    for (const auto& t : args.free) run(t);
  } else {
    for (std::string line; std::getline(std::cin, line);) run(line);
  }
  kefu_engine_close(engine);
  return rc;
}

int run_eval(const Args& args) {
  if (args.free.size() != 1 || args.free[0] != "intent" || !args.has("--train") ||
      !args.has("--test")) {
    std::fprintf(stderr, "usage: kefu eval intent --train TRAIN.jsonl --test TEST.jsonl "
                         "[--dev DEV.jsonl] [--options JSON]\n");
    return 2;
  }
  kefu_engine* engine = nullptr;
  auto start = Clock::now();
  kefu_status st = train(args.get("--train"), args.get("--dev"), args.get("--options"), &engine);
  if (st != KEFU_OK) return report(st);
  double train_s = std::chrono::duration<double>(Clock::now() - start).count();

  std::vector<std::pair<std::string, std::string>> rows;  // text, gold
  std::istringstream test(read_file_or_exit(args.get("--test")));
  for (std::string line; std::getline(test, line);) {
    json j = json::parse(line, nullptr, false);
    if (j.is_object() && j.contains("text") && j.contains("intent"))
      rows.emplace_back(j["text"], j["intent"]);
  }
  std::vector<std::string> outputs(rows.size());
  auto parse_start = Clock::now();
  for (size_t i = 0; i < rows.size(); ++i) {
    char* out = nullptr;
    st = kefu_parse(engine, rows[i].first.data(), rows[i].first.size(), nullptr, &out);
    if (st != KEFU_OK) return report(st);
    outputs[i] = out;
    kefu_string_free(out);
  }
  double parse_s = std::chrono::duration<double>(Clock::now() - parse_start).count();

  size_t correct = 0, in_n = 0, in_ok = 0, oos_n = 0, oos_ok = 0;
  std::map<std::string, std::array<size_t, 3>> counts;  // label → tp, fp, fn
  for (size_t i = 0; i < rows.size(); ++i) {
    json r = json::parse(outputs[i]);
    std::string pred = r["intent"].is_null() ? "oos" : r["intent"]["name"].get<std::string>();
    const std::string& gold = rows[i].second;
    bool ok = pred == gold;
    correct += ok;
    if (gold == "oos") {
      ++oos_n;
      oos_ok += ok;
    } else {
      ++in_n;
      in_ok += ok;
    }
    if (ok) {
      counts[gold][0]++;
    } else {
      counts[pred][1]++;
      counts[gold][2]++;
    }
  }
  std::set<std::string> gold_labels;
  for (const auto& r : rows) gold_labels.insert(r.second);
  double f1_sum = 0;
  for (const auto& label : gold_labels) {
    auto [tp, fp, fn] = counts[label];
    f1_sum += tp == 0 ? 0.0 : 2.0 * tp / (2.0 * tp + fp + fn);
  }
  char* bytes = nullptr;
  size_t model_bytes = 0;
  if (kefu_engine_serialize(engine, &bytes, &model_bytes) != KEFU_OK) return report(KEFU_ERR_INTERNAL);
  kefu_string_free(bytes);
  kefu_engine_close(engine);

  auto pct = [](size_t a, size_t b) { return b == 0 ? 0.0 : std::round(1e4 * a / b) / 100; };
  json result = {{"accuracy", pct(correct, rows.size())},
                 {"in_scope_accuracy", pct(in_ok, in_n)},
                 {"oos_recall", oos_n == 0 ? json(nullptr) : json(pct(oos_ok, oos_n))},
                 {"macro_f1", std::round(1e4 * f1_sum / std::max<size_t>(gold_labels.size(), 1)) / 100},
                 {"train_s", std::round(train_s * 100) / 100},
                 {"parse_per_s", std::round(static_cast<double>(rows.size()) / parse_s)},
                 {"model_bytes", model_bytes},
                 {"n_test", rows.size()}};
  std::printf("%s\n", result.dump().c_str());
  return 0;
}

}  // namespace cli
