#include <string>
#include <vector>

#include <doctest/doctest.h>

#include "capi_helpers.h"

using nlohmann::json;

namespace {

// Code-point offset of `needle` in `text`.
int64_t cp_find(const std::string& text, const std::string& needle) {
  size_t byte = text.find(needle);
  int64_t cps = 0;
  for (size_t i = 0; i < byte; ++i) cps += (static_cast<unsigned char>(text[i]) & 0xC0) != 0x80;
  return cps;
}

int64_t cp_len(const std::string& s) {
  int64_t n = 0;
  for (unsigned char c : s) n += (c & 0xC0) != 0x80;
  return n;
}

std::string example(const std::string& text, const std::string& intent,
                    const std::vector<std::pair<std::string, std::string>>& slots) {
  json j = {{"text", text}, {"intent", intent}, {"slots", json::array()}};
  for (const auto& [slot, value] : slots) {
    int64_t start = cp_find(text, value);
    j["slots"].push_back({{"slot", slot}, {"value", value}, {"start", start}, {"end", start + cp_len(value)}});
  }
  return j.dump() + "\n";
}

// Flights between cities and weather in a city, in English and Chinese.
std::string training_data() {
  const std::vector<std::string> en = {"london", "paris", "tokyo", "new york", "madrid", "rome",
                                       "seoul", "sydney", "toronto", "cairo", "lima", "oslo"};
  const std::vector<std::string> zh = {"北京", "上海", "广州", "深圳", "成都", "杭州",
                                       "西安", "武汉", "南京", "重庆", "天津", "苏州"};
  std::string out;
  for (size_t i = 0; i < en.size(); ++i) {
    const std::string& a = en[i];
    const std::string& b = en[(i + 5) % en.size()];
    out += example("book a flight from " + a + " to " + b, "flight", {{"from", a}, {"to", b}});
    out += example("i need to fly to " + b + " from " + a, "flight", {{"to", b}, {"from", a}});
    out += example("what is the weather in " + a, "weather", {{"city", a}});
    out += example("will it rain in " + b + " tomorrow", "weather", {{"city", b}});
    const std::string& c = zh[i];
    const std::string& d = zh[(i + 5) % zh.size()];
    out += example("帮我订一张从" + c + "到" + d + "的机票", "flight", {{"from", c}, {"to", d}});
    out += example("我要去" + d + "，从" + c + "出发", "flight", {{"to", d}, {"from", c}});
    out += example(c + "今天天气怎么样", "weather", {{"city", c}});
    out += example("明天" + d + "会下雨吗", "weather", {{"city", d}});
  }
  return out;
}

json parse(const kefu_engine* e, const std::string& text) {
  char* out = nullptr;
  REQUIRE(kefu_parse(e, text.data(), text.size(), nullptr, &out) == KEFU_OK);
  return take_json(out);
}

std::string slot_text(const json& r, const std::string& slot) {
  for (const auto& s : r["slots"])
    if (s["slot"] == slot) return s["text"];
  return "";
}

}  // namespace

TEST_CASE("the slot tagger learns slots from annotated JSONL and finds them in new text") {
  std::string data = training_data();
  kefu_engine* e = nullptr;
  REQUIRE_MESSAGE(kefu_engine_train_jsonl(data.data(), data.size(), nullptr, 0, nullptr, &e) == KEFU_OK,
                  last_error());
  json r = parse(e, "book a flight from berlin to vienna");  // cities never seen
  CHECK(r["intent"]["name"] == "flight");
  CHECK(slot_text(r, "from") == "berlin");
  CHECK(slot_text(r, "to") == "vienna");

  // Offsets point into the caller's original text even when it is normalized
  // first (traditional script, full-width letters).
  const std::string text = "幫我訂一張從廈門到昆明的機票";
  r = parse(e, text);
  REQUIRE(r["slots"].size() == 2);
  for (const auto& s : r["slots"]) {
    size_t bs = s["byte_start"], be = s["byte_end"];
    CHECK(text.substr(bs, be - bs) == s["text"].get<std::string>());
  }
  CHECK(slot_text(r, "from") == "廈門");
  CHECK(slot_text(r, "to") == "昆明");
  for (const auto& s : r["slots"]) {
    CHECK(s["source"] == "tagger");
    if (s["slot"] == "from") CHECK(s["value"] == "厦门");  // normalized form
    CHECK(s["confidence"].get<double>() > 0.0);
    CHECK(s["confidence"].get<double>() <= 1.0);
  }
  CHECK(parse(e, "")["slots"].empty());
  kefu_engine_close(e);
}

TEST_CASE("bad slot annotations are errors naming the line or example") {
  kefu_engine* e = nullptr;
  auto train = [&](const std::string& jsonl) {
    return kefu_engine_train_jsonl(jsonl.data(), jsonl.size(), nullptr, 0, nullptr, &e);
  };
  std::string ok = R"({"text": "hi", "intent": "greet"})" "\n";
  CHECK(train(ok + R"({"text": "fly to rome", "intent": "f", "slots": [{"slot": "to", "start": 7, "end": 40}]})") ==
        KEFU_ERR_INVALID_DATA);
  CHECK(last_error().find("line 2: slots[0]") != std::string::npos);
  CHECK(train(ok + R"({"text": "fly to rome", "intent": "f", "slots": [{"slot": "a", "start": 4, "end": 8}, {"slot": "b", "start": 7, "end": 11}]})") ==
        KEFU_ERR_INVALID_DATA);
  CHECK(last_error().find("overlap") != std::string::npos);
  CHECK(train(ok + R"({"text": "fly to rome", "intent": "f", "slots": [{"slot": "to"}]})") ==
        KEFU_ERR_INVALID_DATA);

  std::string bot = R"bot({"kefu": 1, "intents": [
      {"name": "a", "slots": [{"name": "city"}], "examples": ["go to [rome](city)", "go to [paris](town)", "go [to rome"]},
      {"name": "b", "examples": ["hello"]}]})bot";
  CHECK(kefu_engine_train(bot.data(), bot.size(), nullptr, &e) == KEFU_ERR_INVALID_DATA);
  std::string msg = last_error();
  CHECK(msg.find("$.intents[0].examples[1]: slot \"town\" is not declared") != std::string::npos);
  CHECK(msg.find("$.intents[0].examples[2]") != std::string::npos);
  CHECK(msg.find("unbalanced") != std::string::npos);
  CHECK(e == nullptr);
}

TEST_CASE("gazetteer matches guide the tagger to values it never saw annotated") {
  std::string bot = R"bot({"kefu": 1,
    "entities": {"city": {"values": ["北京", "上海", "广州", "深圳", "乌鲁木齐", "呼和浩特", "石家庄"]}},
    "intents": [
      {"name": "weather", "slots": [{"name": "city", "entity": "city"}],
       "examples": ["[北京](city)天气怎么样", "[上海](city)明天下雨吗", "查一下[广州](city)的天气",
                    "[深圳](city)今天热不热", "我想知道[北京](city)的气温"]},
      {"name": "greet", "examples": ["你好", "早上好", "在吗"]}]})bot";
  kefu_engine* e = nullptr;
  REQUIRE_MESSAGE(kefu_engine_train(bot.data(), bot.size(), nullptr, &e) == KEFU_OK, last_error());
  json r = parse(e, "乌鲁木齐明天下雨吗");
  CHECK(r["intent"]["name"] == "weather");
  CHECK(slot_text(r, "city") == "乌鲁木齐");
  r = parse(e, "查一下呼和浩特的天气");
  CHECK(slot_text(r, "city") == "呼和浩特");
  kefu_engine_close(e);
}
