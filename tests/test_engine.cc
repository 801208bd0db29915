#include <cstdio>
#include <fstream>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include <doctest/doctest.h>

#include "capi_helpers.h"

using nlohmann::json;

namespace {

std::string read(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

std::string bot_path(const char* name) { return std::string(KEFU_SOURCE_DIR) + "/examples/bots/" + name; }

kefu_engine* train_bot(const char* name) {
  std::string bot = read(bot_path(name));
  kefu_engine* engine = nullptr;
  if (kefu_engine_train(bot.data(), bot.size(), nullptr, &engine) != KEFU_OK)
    throw std::runtime_error(last_error());
  return engine;
}

json parse(const kefu_engine* engine, const std::string& text, const char* options = nullptr) {
  char* out = nullptr;
  if (kefu_parse(engine, text.data(), text.size(), options, &out) != KEFU_OK)
    throw std::runtime_error(last_error());
  return take_json(out);
}

std::string intent_of(const kefu_engine* engine, const std::string& text) {
  json r = parse(engine, text);
  return r["intent"].is_null() ? "oos" : r["intent"]["name"].get<std::string>();
}

}  // namespace

TEST_CASE("a bot definition trains an engine that understands paraphrases") {
  kefu_engine* zh = train_bot("shop-zh.json");
  CHECK(intent_of(zh, "我的快遞到哪了") == "query_logistics");  // traditional script
  CHECK(intent_of(zh, "钱什么时候能退给我") == "refund");
  CHECK(intent_of(zh, "我要改收货地址") == "change_address");
  CHECK(intent_of(zh, "帮我转人工") == "human_agent");
  // The definition's out_of_scope examples teach it what to decline.
  CHECK(intent_of(zh, "明天北京天气怎么样") == "oos");
  json r = parse(zh, "我想退货", R"({"top_k": 3})");
  CHECK(r["intents"].size() == 3);
  CHECK(r["intent"]["confidence"].get<double>() > 0.5);
  CHECK(r["text"] == "我想退货");
  kefu_engine_close(zh);

  kefu_engine* en = train_bot("shop-en.json");
  CHECK(intent_of(en, "Where is my parcel??") == "query_logistics");
  CHECK(intent_of(en, "I want my money back") == "refund");
  CHECK(intent_of(en, "please cancel my order") == "cancel_order");
  kefu_engine_close(en);
}

TEST_CASE("parse results carry the message's sentiment") {
  kefu_engine* zh = train_bot("shop-zh.json");
  json r = parse(zh, "快递太慢了，我要投诉！");
  CHECK(r["sentiment"]["label"] == "negative");
  CHECK(r["sentiment"]["escalation"] == true);
  CHECK(r["sentiment"]["emotions"]["anger"].get<double>() > 0.3);
  r = parse(zh, "查一下我的订单");
  CHECK(r["sentiment"]["label"] == "neutral");
  CHECK(r["sentiment"]["escalation"] == false);
  kefu_engine_close(zh);
}

TEST_CASE("empty text is no intent, not an error") {
  kefu_engine* e = train_bot("shop-en.json");
  json r = parse(e, "");
  CHECK(r["intent"].is_null());
  CHECK(r["out_of_scope"] == true);
  kefu_engine_close(e);
}

TEST_CASE("JSONL training with out-of-scope examples rejects what is out of scope") {
  std::string train;
  const char* greet[] = {"hello", "hi there", "good morning", "hey", "hello friend", "hi, how are you"};
  const char* bye[] = {"goodbye", "bye bye", "see you later", "bye", "talk to you later", "farewell"};
  const char* oos[] = {"what is the capital of france", "how tall is mount everest",
                       "play some jazz music", "what is two plus two", "tell me a joke",
                       "who won the football game"};
  for (int round = 0; round < 3; ++round)
    for (int i = 0; i < 6; ++i) {
      std::string suffix = round ? " " + std::string(round, '!') : "";
      train += json{{"text", greet[i] + suffix}, {"intent", "greet"}}.dump() + "\n";
      train += json{{"text", bye[i] + suffix}, {"intent", "bye"}}.dump() + "\n";
      train += json{{"text", oos[i] + suffix}, {"intent", "oos"}}.dump() + "\n";
    }
  kefu_engine* e = nullptr;
  REQUIRE_MESSAGE(kefu_engine_train_jsonl(train.data(), train.size(), nullptr, 0, nullptr, &e) ==
                      KEFU_OK,
                  last_error());
  CHECK(intent_of(e, "hello there") == "greet");
  CHECK(intent_of(e, "bye for now") == "bye");
  CHECK(intent_of(e, "what is the capital of spain") == "oos");

  // The hot-path struct API agrees with kefu_parse.
  kefu_intent_score top[3];
  size_t n = 0;
  int rejected = -1;
  REQUIRE(kefu_classify(e, "hello there", 11, top, 3, &n, &rejected) == KEFU_OK);
  CHECK(n == 3);
  CHECK(std::string(top[0].intent) == "greet");
  CHECK(rejected == 0);
  CHECK(top[0].probability >= top[1].probability);
  kefu_engine_close(e);
}

TEST_CASE("training is deterministic for a given seed") {
  std::string bot = read(bot_path("shop-en.json"));
  std::string bytes[2];
  for (auto& b : bytes) {
    kefu_engine* e = nullptr;
    REQUIRE(kefu_engine_train(bot.data(), bot.size(), R"({"seed": 42})", &e) == KEFU_OK);
    char* out = nullptr;
    size_t len = 0;
    REQUIRE(kefu_engine_serialize(e, &out, &len) == KEFU_OK);
    b.assign(out, len);
    kefu_string_free(out);
    kefu_engine_close(e);
  }
  CHECK(bytes[0] == bytes[1]);
}

TEST_CASE("save, open from file and memory give the same answers") {
  kefu_engine* e = train_bot("shop-zh.json");
  std::string path = std::string(KEFU_BINARY_DIR) + "/engine_test.kefu";
  REQUIRE(kefu_engine_save(e, path.c_str()) == KEFU_OK);
  kefu_engine* loaded = nullptr;
  REQUIRE(kefu_engine_open(path.c_str(), nullptr, &loaded) == KEFU_OK);
  std::string bytes = read(path);
  kefu_engine* in_memory = nullptr;
  REQUIRE(kefu_engine_open_memory(bytes.data(), bytes.size(), nullptr, &in_memory) == KEFU_OK);
  for (const char* text : {"我想退货", "快递到哪了", "你好", "今天天气"}) {
    json a = parse(e, text), b = parse(loaded, text), c = parse(in_memory, text);
    CHECK(a == b);
    CHECK(b == c);
  }
  char* info = nullptr;
  REQUIRE(kefu_engine_info(loaded, &info) == KEFU_OK);
  json i = take_json(info);
  CHECK(i["name"] == "shop-zh");
  CHECK(i["intents"].size() == 18);
  CHECK(i["out_of_scope_class"] == true);
  kefu_engine_close(e);
  kefu_engine_close(loaded);
  kefu_engine_close(in_memory);
  std::remove(path.c_str());
}

TEST_CASE("truncated, corrupted, foreign and newer model files are clear errors") {
  kefu_engine* e = train_bot("shop-en.json");
  char* raw = nullptr;
  size_t len = 0;
  REQUIRE(kefu_engine_serialize(e, &raw, &len) == KEFU_OK);
  std::string bytes(raw, len);
  kefu_string_free(raw);
  kefu_engine_close(e);
  kefu_engine* out = nullptr;

  for (size_t cut : {size_t{0}, size_t{5}, size_t{12}, len / 2, len - 1}) {
    CHECK(kefu_engine_open_memory(bytes.data(), cut, nullptr, &out) == KEFU_ERR_CORRUPT);
    CHECK(out == nullptr);
  }
  std::string flipped = bytes;
  flipped[len / 2] = static_cast<char>(flipped[len / 2] ^ 0x40);
  CHECK(kefu_engine_open_memory(flipped.data(), len, nullptr, &out) == KEFU_ERR_CORRUPT);
  CHECK(last_error().find("checksum") != std::string::npos);
  std::string foreign = "PK\x03\x04 this is a zip file, not a model";
  CHECK(kefu_engine_open_memory(foreign.data(), foreign.size(), nullptr, &out) == KEFU_ERR_CORRUPT);
  CHECK(last_error().find("not a kefu model") != std::string::npos);
  std::string newer = bytes;
  newer[8] = 99;  // format version
  CHECK(kefu_engine_open_memory(newer.data(), len, nullptr, &out) == KEFU_ERR_UNSUPPORTED);
  CHECK(last_error().find("newer") != std::string::npos);
  CHECK(kefu_engine_open("/nonexistent/model.kefu", nullptr, &out) == KEFU_ERR_IO);
  CHECK(last_error().find("/nonexistent/model.kefu") != std::string::npos);
}

TEST_CASE("bad training data is reported with the line or JSON path") {
  kefu_engine* e = nullptr;
  std::string one_intent = R"({"text": "hi", "intent": "greet"})" "\n" R"({"text": "hello", "intent": "greet"})";
  CHECK(kefu_engine_train_jsonl(one_intent.data(), one_intent.size(), nullptr, 0, nullptr, &e) ==
        KEFU_ERR_INVALID_DATA);
  CHECK(last_error().find("at least 2 intents") != std::string::npos);

  std::string broken = R"({"text": "hi", "intent": "greet"})" "\n" "{oops\n";
  CHECK(kefu_engine_train_jsonl(broken.data(), broken.size(), nullptr, 0, nullptr, &e) ==
        KEFU_ERR_INVALID_DATA);
  CHECK(last_error().find("line 2") != std::string::npos);

  std::string no_intent = R"({"text": "hi"})";
  CHECK(kefu_engine_train_jsonl(no_intent.data(), no_intent.size(), nullptr, 0, nullptr, &e) ==
        KEFU_ERR_INVALID_DATA);
  CHECK(last_error().find("\"intent\"") != std::string::npos);

  // Duplicates, empty examples, conflicting labels and unknown fields warn.
  std::string messy = R"({"text": "hi", "intent": "greet"})" "\n"
                      R"({"text": "hi", "intent": "greet"})" "\n"
                      R"({"text": "hi", "intent": "bye"})" "\n"
                      R"({"text": "", "intent": "bye"})" "\n"
                      R"({"text": "bye", "intent": "bye", "lang": "en"})" "\n";
  REQUIRE(kefu_engine_train_jsonl(messy.data(), messy.size(), nullptr, 0, nullptr, &e) == KEFU_OK);
  char* info = nullptr;
  REQUIRE(kefu_engine_info(e, &info) == KEFU_OK);
  std::string warnings = take_json(info)["warnings"].dump();
  CHECK(warnings.find("line 2: duplicate of train line 1") != std::string::npos);
  CHECK(warnings.find("line 3: same text as train line 1") != std::string::npos);
  CHECK(warnings.find("line 4: empty example") != std::string::npos);
  CHECK(warnings.find("unknown field \\\"lang\\\"") != std::string::npos);
  kefu_engine_close(e);

  // Bot definition: all problems at once, each with its JSON path.
  std::string bot = R"({"kefu": 1, "intents": [
      {"name": "a", "examples": []},
      {"name": "b", "examples": ["x", 3], "colour": "red"},
      {"examples": ["y"]}], "extra": true})";
  CHECK(kefu_engine_train(bot.data(), bot.size(), nullptr, &e) == KEFU_ERR_INVALID_DATA);
  std::string msg = last_error();
  CHECK(msg.find("$.intents[0].examples") != std::string::npos);
  CHECK(msg.find("$.intents[1].examples[1]") != std::string::npos);
  CHECK(msg.find("$.intents[1].colour: unknown key") != std::string::npos);
  CHECK(msg.find("$.intents[2].name") != std::string::npos);
  CHECK(msg.find("$.extra: unknown key") != std::string::npos);
  CHECK(kefu_engine_train("{", 1, nullptr, &e) == KEFU_ERR_INVALID_DATA);
  CHECK(kefu_engine_train(bot.data(), bot.size(), R"({"epoch": 3})", &e) == KEFU_ERR_INVALID_OPTIONS);
  CHECK(last_error().find("\"epoch\"") != std::string::npos);
  CHECK(e == nullptr);
}

TEST_CASE("one engine shared by many threads gives every answer right" * doctest::test_suite("threads")) {
  kefu_engine* e = train_bot("shop-zh.json");
  const std::vector<std::string> texts = {"我想退货", "快递到哪了", "我要退款", "转人工",
                                          "地址写错了", "取消订单", "你好", "谢谢"};
  std::vector<std::string> expected;
  for (const auto& t : texts) {
    char* out = nullptr;
    REQUIRE(kefu_parse(e, t.data(), t.size(), nullptr, &out) == KEFU_OK);
    expected.emplace_back(out);
    kefu_string_free(out);
  }
  std::vector<int> wrong(4, 0);
  std::vector<std::thread> threads;
  for (int w = 0; w < 4; ++w)
    threads.emplace_back([&, w] {
      for (int i = 0; i < 500; ++i) {
        size_t k = static_cast<size_t>(i * 7 + w) % texts.size();
        char* out = nullptr;
        if (kefu_parse(e, texts[k].data(), texts[k].size(), nullptr, &out) != KEFU_OK ||
            expected[k] != out)
          ++wrong[static_cast<size_t>(w)];
        kefu_string_free(out);
      }
    });
  for (auto& t : threads) t.join();
  CHECK(wrong == std::vector<int>(4, 0));
  kefu_engine_close(e);
}
