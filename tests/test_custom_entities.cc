#include <string>

#include <doctest/doctest.h>

#include "capi_helpers.h"

using nlohmann::json;

namespace {

kefu_engine* train(const std::string& bot) {
  kefu_engine* e = nullptr;
  if (kefu_engine_train(bot.data(), bot.size(), nullptr, &e) != KEFU_OK)
    throw std::runtime_error(last_error());
  return e;
}

json entities(const kefu_engine* e, const std::string& text) {
  char* out = nullptr;
  REQUIRE(kefu_parse(e, text.data(), text.size(), nullptr, &out) == KEFU_OK);
  return take_json(out)["entities"];
}

std::string bot_with(const std::string& entities_json) {
  return R"({"kefu": 1, "entities": )" + entities_json + R"(, "intents": [
      {"name": "buy", "slots": [{"name": "item", "entity": "product"}], "examples": ["我想买手机", "i want to buy a phone"]},
      {"name": "track", "slots": [{"name": "order", "entity": "order_id"}], "examples": ["查订单", "track my order"]}]})";
}

}  // namespace

TEST_CASE("gazetteers map synonyms to canonical values on normalized text") {
  kefu_engine* e = train(bot_with(R"({
      "product": {"values": [{"value": "iPhone 15", "synonyms": ["苹果15", "i15"]}, "AirPods"]},
      "order_id": {"pattern": "[0-9]{12,18}"}})"));
  const std::string text = "我想買蘋果15和ＡｉｒＰｏｄｓ";
  json found = entities(e, text);
  REQUIRE(found.size() == 2);
  CHECK(found[0]["entity"] == "product");
  CHECK(found[0]["value"] == "iPhone 15");
  CHECK(found[0]["text"] == "蘋果15");
  CHECK(found[0]["source"] == "gazetteer");
  CHECK(found[0]["slot"] == "item");  // the predicted intent "buy" takes products as "item"
  CHECK(found[1]["value"] == "AirPods");
  for (const auto& m : found) {
    size_t bs = m["byte_start"], be = m["byte_end"];
    CHECK(text.substr(bs, be - bs) == m["text"].get<std::string>());
  }
  // A Latin synonym never matches inside a longer word.
  CHECK(entities(e, "hi15 is not a product").empty());

  found = entities(e, "track order 202611180035 please");
  REQUIRE(found.size() == 1);
  CHECK(found[0]["entity"] == "order_id");
  CHECK(found[0]["source"] == "pattern");
  CHECK(found[0]["value"] == "202611180035");
  CHECK(found[0]["start"] == 12);
  CHECK(found[0]["slot"] == "order");
  kefu_engine_close(e);
}

TEST_CASE("custom entities survive save and load") {
  kefu_engine* e = train(bot_with(R"({"product": {"values": ["iPhone 15"]}, "order_id": {"pattern": "[0-9]{12}"}})"));
  char* bytes = nullptr;
  size_t len = 0;
  REQUIRE(kefu_engine_serialize(e, &bytes, &len) == KEFU_OK);
  kefu_engine* loaded = nullptr;
  REQUIRE(kefu_engine_open_memory(bytes, len, nullptr, &loaded) == KEFU_OK);
  CHECK(entities(loaded, "buy an iphone 15") == entities(e, "buy an iphone 15"));
  CHECK(entities(loaded, "buy an iphone 15").size() == 1);
  kefu_string_free(bytes);
  kefu_engine_close(e);
  kefu_engine_close(loaded);
}

TEST_CASE("bad entity definitions are errors naming the entity") {
  kefu_engine* e = nullptr;
  std::string bot = bot_with(R"({"order_id": {"pattern": "[0-9"}})");
  CHECK(kefu_engine_train(bot.data(), bot.size(), nullptr, &e) == KEFU_ERR_INVALID_DATA);
  CHECK(last_error().find("$.entities.order_id.pattern") != std::string::npos);
  // A pattern too big for the memory budget fails cleanly.
  bot = bot_with(R"x({"huge": {"pattern": "((((a{100}){100}){100}){100})"}})x");
  CHECK(kefu_engine_train(bot.data(), bot.size(), nullptr, &e) == KEFU_ERR_INVALID_DATA);
  CHECK(last_error().find("$.entities.huge.pattern") != std::string::npos);
  bot = bot_with(R"({"p": {"values": [{"synonyms": ["x"]}]}, "q": {"values": [], "pattern": "x"}, "r": "date"})");
  CHECK(kefu_engine_train(bot.data(), bot.size(), nullptr, &e) == KEFU_ERR_INVALID_DATA);
  std::string msg = last_error();
  CHECK(msg.find("$.entities.p.values[0]") != std::string::npos);
  CHECK(msg.find("$.entities.q") != std::string::npos);
  CHECK(msg.find("$.entities.r") != std::string::npos);
  CHECK(e == nullptr);
}

TEST_CASE("a gazetteer of 100,000 values loads and matches") {
  std::string values = "[";
  for (int i = 0; i < 100000; ++i)
    values += (i ? ",\"" : "\"") + std::string("商品") + std::to_string(i) + "\"";
  values += "]";
  kefu_engine* e = train(bot_with(R"({"order_id": {"pattern": "[0-9]{12}"}, "product": {"values": )" + values + "}}"));
  json found = entities(e, "我想买商品99999");
  REQUIRE(found.size() == 1);
  CHECK(found[0]["value"] == "商品99999");
  kefu_engine_close(e);
}
