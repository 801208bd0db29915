// kefu eval intent | slots — train on one file, evaluate on another, print
// the metrics as one JSON line (the evaluation contract of issues #3 and #4).
#include <array>
#include <chrono>
#include <cmath>
#include <map>
#include <set>
#include <sstream>
#include <tuple>

#include <nlohmann/json.hpp>

#include "cli_common.h"

namespace cli {

using nlohmann::json;
using Clock = std::chrono::steady_clock;

namespace {

struct Row {
  std::string text;
  std::string intent;
  std::set<std::tuple<int64_t, int64_t, std::string>> slots;  // start, end, slot
};

std::string predicted_intent(const json& r) {
  return r["intent"].is_null() ? "oos" : r["intent"]["name"].get<std::string>();
}

double pct(double a, double b) { return b == 0 ? 0.0 : std::round(1e4 * a / b) / 100; }

// Macro F1 over the gold labels, with out-of-scope as one more label.
double macro_f1(const std::vector<Row>& rows, const std::vector<std::string>& predicted) {
  std::map<std::string, std::array<size_t, 3>> counts;  // tp, fp, fn
  std::set<std::string> gold_labels;
  for (size_t i = 0; i < rows.size(); ++i) {
    gold_labels.insert(rows[i].intent);
    if (predicted[i] == rows[i].intent) {
      counts[rows[i].intent][0]++;
    } else {
      counts[predicted[i]][1]++;
      counts[rows[i].intent][2]++;
    }
  }
  double sum = 0;
  for (const auto& label : gold_labels) {
    auto [tp, fp, fn] = counts[label];
    sum += tp == 0 ? 0.0 : 2.0 * static_cast<double>(tp) / static_cast<double>(2 * tp + fp + fn);
  }
  return std::round(1e4 * sum / static_cast<double>(std::max<size_t>(gold_labels.size(), 1))) / 100;
}

}  // namespace

int run_eval(const Args& args) {
  const std::string task = args.free.empty() ? "" : args.free[0];
  if (args.free.size() != 1 || (task != "intent" && task != "slots") || !args.has("--train") ||
      !args.has("--test")) {
    std::fprintf(stderr, "usage: kefu eval intent|slots --train TRAIN.jsonl --test TEST.jsonl "
                         "[--dev DEV.jsonl] [--options JSON]\n");
    return 2;
  }
  kefu_engine* engine = nullptr;
  auto start = Clock::now();
  kefu_status st = train_engine(args.get("--train"), args.get("--dev"), args.get("--options"), &engine);
  if (st != KEFU_OK) return report(st);
  double train_s = std::chrono::duration<double>(Clock::now() - start).count();

  std::vector<Row> rows;
  std::istringstream test(read_file_or_exit(args.get("--test")));
  for (std::string line; std::getline(test, line);) {
    json j = json::parse(line, nullptr, false);
    if (!j.is_object() || !j.contains("text") || !j.contains("intent")) continue;
    Row row{j["text"], j["intent"], {}};
    for (const auto& s : j.value("slots", json::array()))
      if (s["start"].get<int64_t>() >= 0) row.slots.emplace(s["start"], s["end"], s["slot"]);
    rows.push_back(std::move(row));
  }
  // Timed: the kefu_parse calls alone, single thread, through the C ABI.
  std::vector<std::string> outputs(rows.size());
  auto parse_start = Clock::now();
  for (size_t i = 0; i < rows.size(); ++i) {
    char* out = nullptr;
    st = kefu_parse(engine, rows[i].text.data(), rows[i].text.size(), nullptr, &out);
    if (st != KEFU_OK) return report(st);
    outputs[i] = out;
    kefu_string_free(out);
  }
  double parse_s = std::chrono::duration<double>(Clock::now() - parse_start).count();

  size_t correct = 0, in_n = 0, in_ok = 0, oos_n = 0, oos_ok = 0;
  size_t tp = 0, n_pred = 0, n_gold = 0, sentence_ok = 0;
  std::vector<std::string> predicted(rows.size());
  for (size_t i = 0; i < rows.size(); ++i) {
    json r = json::parse(outputs[i]);
    predicted[i] = predicted_intent(r);
    const Row& row = rows[i];
    bool ok = predicted[i] == row.intent;
    correct += ok;
    (row.intent == "oos" ? oos_n : in_n) += 1;
    (row.intent == "oos" ? oos_ok : in_ok) += ok;
    std::set<std::tuple<int64_t, int64_t, std::string>> got;
    for (const auto& s : r["slots"]) got.emplace(s["start"], s["end"], s["slot"]);
    for (const auto& s : got) tp += row.slots.count(s);
    n_pred += got.size();
    n_gold += row.slots.size();
    sentence_ok += ok && got == row.slots;
  }
  char* bytes = nullptr;
  size_t model_bytes = 0;
  if ((st = kefu_engine_serialize(engine, &bytes, &model_bytes)) != KEFU_OK) return report(st);
  kefu_string_free(bytes);
  kefu_engine_close(engine);

  const double n = static_cast<double>(rows.size());
  json result;
  if (task == "intent") {
    result = {{"accuracy", pct(static_cast<double>(correct), n)},
              {"in_scope_accuracy", pct(static_cast<double>(in_ok), static_cast<double>(in_n))},
              {"oos_recall", oos_n == 0 ? json(nullptr)
                                        : json(pct(static_cast<double>(oos_ok), static_cast<double>(oos_n)))},
              {"macro_f1", macro_f1(rows, predicted)}};
  } else {
    double precision = n_pred == 0 ? 0 : static_cast<double>(tp) / static_cast<double>(n_pred);
    double recall = n_gold == 0 ? 0 : static_cast<double>(tp) / static_cast<double>(n_gold);
    double f1 = precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall);
    result = {{"slot_f1", std::round(f1 * 1e4) / 100},
              {"slot_precision", std::round(precision * 1e4) / 100},
              {"slot_recall", std::round(recall * 1e4) / 100},
              {"intent_accuracy", pct(static_cast<double>(correct), n)},
              {"sentence_accuracy", pct(static_cast<double>(sentence_ok), n)}};
  }
  result["train_s"] = std::round(train_s * 100) / 100;
  result["parse_per_s"] = std::round(n / parse_s);
  result["model_bytes"] = model_bytes;
  result["n_test"] = rows.size();
  std::printf("%s\n", result.dump().c_str());
  return 0;
}

}  // namespace cli
