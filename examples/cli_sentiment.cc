// kefu eval sentiment — the evaluation contract of issue #6: accuracy and
// macro F1 of the sentiment label on {"text", "label"} lines, and speed.
#include <chrono>
#include <cmath>
#include <map>
#include <sstream>

#include <nlohmann/json.hpp>

#include "cli_common.h"

namespace cli {

using nlohmann::json;
using Clock = std::chrono::steady_clock;

int run_eval_sentiment(const Args& args) {
  if (!args.has("--test")) {
    std::fprintf(stderr, "usage: kefu eval sentiment --test TEST.jsonl [--train TRAIN.jsonl] [--lexicon FILE.tsv]\n");
    return 2;
  }
  if (args.has("--train")) {
    std::fprintf(stderr, "kefu: a trained sentiment model is not available yet: only the lexicon model\n");
    return 2;
  }
  kefu_sentiment_model* model = nullptr;
  if (args.has("--lexicon")) {
    std::string lex = read_file_or_exit(args.get("--lexicon"));
    kefu_status st = kefu_sentiment_model_new(lex.data(), lex.size(), nullptr, &model);
    if (st != KEFU_OK) return report(st);
  }
  struct Row {
    std::string text, label;
  };
  std::vector<Row> rows;
  bool has_neutral = false;
  std::istringstream in(read_file_or_exit(args.get("--test")));
  for (std::string line; std::getline(in, line);) {
    json j = json::parse(line, nullptr, false);
    if (!j.is_object() || !j.contains("text") || !j.contains("label")) continue;
    rows.push_back({j["text"], j["label"]});
    has_neutral |= rows.back().label == "neu";
  }
  // Without neutral gold labels, a message is positive or negative by the
  // sign of its score (a neutral verdict would always be wrong).
  std::vector<std::string> predicted(rows.size());
  auto start = Clock::now();
  for (size_t i = 0; i < rows.size(); ++i) {
    kefu_sentiment_score s{};
    s.struct_size = sizeof s;
    kefu_status st = kefu_sentiment_fast(model, rows[i].text.data(), rows[i].text.size(), &s);
    if (st != KEFU_OK) return report(st);
    if (has_neutral) {
      predicted[i] = s.label > 0 ? "pos" : s.label < 0 ? "neg" : "neu";
    } else {
      predicted[i] = s.score >= 0 ? "pos" : "neg";
    }
  }
  const double seconds = std::chrono::duration<double>(Clock::now() - start).count();
  kefu_sentiment_model_free(model);

  std::map<std::string, std::array<double, 3>> counts;  // tp, fp, fn
  size_t correct = 0;
  for (size_t i = 0; i < rows.size(); ++i) {
    counts[rows[i].label];
    if (predicted[i] == rows[i].label) {
      ++correct;
      counts[rows[i].label][0] += 1;
    } else {
      counts[predicted[i]][1] += 1;
      counts[rows[i].label][2] += 1;
    }
  }
  double f1_sum = 0;
  size_t labels = 0;
  for (const auto& [label, c] : counts) {
    if (c[0] + c[2] == 0) continue;  // not a gold label
    double p = c[0] + c[1] == 0 ? 0 : c[0] / (c[0] + c[1]);
    double r = c[0] / (c[0] + c[2]);
    f1_sum += p + r == 0 ? 0 : 2 * p * r / (p + r);
    ++labels;
  }
  const double n = static_cast<double>(rows.size());
  json result = {{"accuracy", n ? std::round(1e4 * static_cast<double>(correct) / n) / 100 : 0},
                 {"macro_f1", labels ? std::round(1e4 * f1_sum / static_cast<double>(labels)) / 100 : 0},
                 {"per_s", seconds > 0 ? std::round(n / seconds) : 0},
                 {"n_test", rows.size()},
                 {"trained", false}};
  std::printf("%s\n", result.dump().c_str());
  return 0;
}

}  // namespace cli
