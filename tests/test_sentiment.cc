// Sentiment through the C ABI: the hand-checked table of customer-service
// messages (tests/sentiment_cases.tsv), rules, custom lexicons, bad input.
#include <fstream>
#include <sstream>
#include <string>

#include <doctest/doctest.h>

#include "capi_helpers.h"

using nlohmann::json;

namespace {

json sentiment(const std::string& text, const kefu_sentiment_model* model = nullptr) {
  char* out = nullptr;
  if (kefu_sentiment(model, text.data(), text.size(), nullptr, &out) != KEFU_OK)
    throw std::runtime_error(last_error());
  return take_json(out);
}

std::string label(const std::string& text) {
  std::string l = sentiment(text)["label"];
  return l == "positive" ? "pos" : l == "negative" ? "neg" : "neu";
}

}  // namespace

TEST_CASE("every message of the hand-checked table gets its label and escalation") {
  std::ifstream in(std::string(KEFU_SOURCE_DIR) + "/tests/sentiment_cases.tsv");
  REQUIRE(in.good());
  size_t rows = 0;
  for (std::string line; std::getline(in, line);) {
    if (line.empty() || line[0] == '#') continue;
    std::istringstream fields(line);
    std::string text, want, escalate, emotion;
    std::getline(fields, text, '\t');
    std::getline(fields, want, '\t');
    std::getline(fields, escalate, '\t');
    std::getline(fields, emotion, '\t');
    ++rows;
    json r = sentiment(text);
    std::string got = r["label"] == "positive" ? "pos" : r["label"] == "negative" ? "neg" : "neu";
    INFO(text << " → " << r.dump());
    CHECK(got == want);
    CHECK(r["escalation"].get<bool>() == (escalate == "1"));
    if (emotion != "-" && !emotion.empty()) {
      // The expected emotion is the strongest one.
      std::string strongest;
      float best = 0;
      for (const auto& [name, value] : r["emotions"].items())
        if (value.get<float>() > best) best = value.get<float>(), strongest = name;
      CHECK(strongest == emotion);
    }
  }
  CHECK(rows >= 150);
}

TEST_CASE("negation, degree and contrast rules") {
  CHECK(label("质量很好") == "pos");
  CHECK(label("质量不好") == "neg");
  CHECK(label("the product is good") == "pos");
  CHECK(label("the product is not good") == "neg");
  float some = sentiment("物流有点慢")["score"], very = sentiment("物流非常慢")["score"];
  CHECK(very < some);
  CHECK(some < 0);
  CHECK(label("东西不错，但是物流太慢了") == "neg");
  CHECK(label("价格贵了点，不过质量很好") == "pos");
  CHECK(label("the price is great but the quality is terrible") == "neg");
  float plain = sentiment("太差了")["score"], shouted = sentiment("太差了！！！")["score"];
  CHECK(shouted < plain);
}

TEST_CASE("cues point into the caller's original text") {
  std::string text = "服務態度很差！";  // Traditional script
  json r = sentiment(text);
  REQUIRE(!r["cues"].empty());
  bool found = false;
  for (const auto& c : r["cues"]) {
    size_t b = c["byte_start"], e = c["byte_end"];
    CHECK(text.substr(b, e - b) == c["text"].get<std::string>());
    found |= c["text"] == "差";
  }
  CHECK(found);
}

TEST_CASE("escalation cues flag the message as anger") {
  json r = sentiment("我要投诉你们！");
  CHECK(r["escalation"] == true);
  CHECK(r["label"] == "negative");
  CHECK(r["emotions"]["anger"].get<float>() > 0.3f);
  CHECK(sentiment("I want to speak to a manager")["escalation"] == true);
  CHECK(sentiment("查一下我的订单")["escalation"] == false);
}

TEST_CASE("custom lexicons extend or replace the defaults; bad lexicons name the line") {
  std::string lex = "# shop words\n给力啊\t3\tjoy\nmeh\t-1.5\t-\n";
  kefu_sentiment_model* model = nullptr;
  REQUIRE(kefu_sentiment_model_new(lex.data(), lex.size(), nullptr, &model) == KEFU_OK);
  CHECK(sentiment("meh", model)["label"] == "negative");
  CHECK(sentiment("质量不好", model)["label"] == "negative");  // defaults still there
  kefu_sentiment_model_free(model);
  REQUIRE(kefu_sentiment_model_new(lex.data(), lex.size(), R"({"replace_defaults": true})", &model) == KEFU_OK);
  CHECK(sentiment("质量不好", model)["label"] == "neutral");
  CHECK(sentiment("meh", model)["label"] == "negative");
  kefu_sentiment_model_free(model);

  std::string bad = "好\t2\tjoy\n差\tbad\t-\n";
  CHECK(kefu_sentiment_model_new(bad.data(), bad.size(), nullptr, &model) == KEFU_ERR_INVALID_DATA);
  CHECK(last_error().find("line 2") != std::string::npos);
  CHECK(model == nullptr);
  bad = "好\t2\n";
  CHECK(kefu_sentiment_model_new(bad.data(), bad.size(), nullptr, &model) == KEFU_ERR_INVALID_DATA);
  bad = "好\t9\tjoy\n";
  CHECK(kefu_sentiment_model_new(bad.data(), bad.size(), nullptr, &model) == KEFU_ERR_INVALID_DATA);
  bad = "好\t2\tglee\n";
  CHECK(kefu_sentiment_model_new(bad.data(), bad.size(), nullptr, &model) == KEFU_ERR_INVALID_DATA);
  CHECK(last_error().find("glee") != std::string::npos);
  kefu_sentiment_model_free(nullptr);
}

TEST_CASE("bad input: empty, huge, invalid UTF-8, NULL") {
  json r = sentiment("");
  CHECK(r["label"] == "neutral");
  CHECK(r["score"] == 0);
  char* out = nullptr;
  std::string bad = "\xe4\xbd";
  CHECK(kefu_sentiment(nullptr, bad.data(), bad.size(), nullptr, &out) == KEFU_ERR_INVALID_UTF8);
  std::string huge(70 * 1024, 'a');
  CHECK(kefu_sentiment(nullptr, huge.data(), huge.size(), nullptr, &out) == KEFU_ERR_TOO_LARGE);
  std::string long_text;
  for (int i = 0; i < 3000; ++i) long_text += "很好，";
  REQUIRE(kefu_sentiment(nullptr, long_text.data(), long_text.size(), R"({"max_text_bytes": 100000})", &out) == KEFU_OK);
  CHECK(take_json(out)["label"] == "positive");
  CHECK(kefu_sentiment(nullptr, "x", 1, nullptr, nullptr) == KEFU_ERR_INVALID_ARGUMENT);
  kefu_sentiment_score s{};
  CHECK(kefu_sentiment_fast(nullptr, "x", 1, &s) == KEFU_ERR_INVALID_ARGUMENT);  // struct_size unset
  s.struct_size = sizeof s;
  REQUIRE(kefu_sentiment_fast(nullptr, "太差了", 9, &s) == KEFU_OK);
  CHECK(s.label == -1);
  CHECK(s.score < 0);
}

namespace {

json track(json& state, const std::string& text, const char* options = nullptr) {
  std::string s = state.is_null() ? "" : state.dump();
  char* out = nullptr;
  if (kefu_sentiment_track(nullptr, s.data(), s.size(), text.data(), text.size(), options, &out) != KEFU_OK)
    throw std::runtime_error(last_error());
  json r = take_json(out);
  state = r["state"];
  return r;
}

bool has_reason(const json& r, const char* reason) {
  for (const auto& x : r["reasons"])
    if (x == reason) return true;
  return false;
}

}  // namespace

TEST_CASE("a conversation's running sentiment, trend and escalation verdict") {
  json state;
  json r = track(state, "你好，我想查一下订单");
  CHECK(r["turns"] == 1);
  CHECK(r["escalate"] == false);
  r = track(state, "怎么还没发货？");
  r = track(state, "物流太慢了，很失望");
  CHECK(r["running"].get<double>() < 0);
  CHECK(r["trend"].get<double>() < 0);
  r = track(state, "你们的服务太差了");
  r = track(state, "真的太差劲了");
  CHECK(r["negative_streak"].get<int>() >= 3);
  CHECK(r["escalate"] == true);
  CHECK(has_reason(r, "negative_streak"));

  json fresh;
  r = track(fresh, "谢谢，东西很好");
  CHECK(r["escalate"] == false);
  r = track(fresh, "骗子！我要投诉！");
  CHECK(r["escalate"] == true);
  CHECK(has_reason(r, "escalation_cue"));
  CHECK(has_reason(r, "sharp_drop"));

  json handoff;
  r = track(handoff, "转人工");
  CHECK(r["escalate"] == true);
  CHECK(r["message"]["label"] == "neutral");
}

TEST_CASE("tracking options and a state that kefu did not write") {
  json state;
  track(state, "太差了");
  json r = track(state, "太差了", R"({"negative_turns": 2})");
  CHECK(has_reason(r, "negative_streak"));
  char* out = nullptr;
  std::string bad = R"({"v": 1, "running": 7, "turns": 1, "negative_streak": 0, "recent": []})";
  CHECK(kefu_sentiment_track(nullptr, bad.data(), bad.size(), "好", 3, nullptr, &out) == KEFU_ERR_INVALID_DATA);
  bad = "not json";
  CHECK(kefu_sentiment_track(nullptr, bad.data(), bad.size(), "好", 3, nullptr, &out) == KEFU_ERR_INVALID_DATA);
  CHECK(kefu_sentiment_track(nullptr, nullptr, 0, "好", 3, R"({"decay": 2})", &out) == KEFU_ERR_INVALID_OPTIONS);
  CHECK(out == nullptr);
}
