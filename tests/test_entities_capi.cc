// Built-in entities, PII masking and their use in kefu_parse, through the C ABI.
#include <string>

#include <doctest/doctest.h>

#include "capi_helpers.h"

using nlohmann::json;

namespace {

const char* kMonday = R"({"reference_time": "2026-11-23T10:00:00+08:00"})";

json entities(const std::string& text, const char* options = kMonday) {
  char* out = nullptr;
  if (kefu_entities(text.data(), text.size(), options, &out) != KEFU_OK)
    throw std::runtime_error(last_error());
  return take_json(out)["entities"];
}

json mask(const std::string& text, const char* options = nullptr) {
  char* out = nullptr;
  if (kefu_mask_pii(text.data(), text.size(), options, &out) != KEFU_OK)
    throw std::runtime_error(last_error());
  return take_json(out);
}

}  // namespace

TEST_CASE("built-in entities resolve to typed values with offsets into the original text") {
  const std::string text = "我的手機號是１３８ １２３４ ５６７８，明天下午三點前聯繫我";
  json found = entities(text);
  REQUIRE(found.size() == 2);
  CHECK(found[0]["entity"] == "phone");
  CHECK(found[0]["value"]["number"] == "13812345678");
  CHECK(found[1]["entity"] == "datetime");
  CHECK(found[1]["value"]["value"] == "2026-11-24T15:00:00+08:00");
  for (const auto& m : found) {
    size_t bs = m["byte_start"], be = m["byte_end"];
    CHECK(text.substr(bs, be - bs) == m["text"].get<std::string>());
    CHECK(m["source"] == "builtin");
  }
  found = entities("refund $20 by next monday", kMonday);
  REQUIRE(found.size() == 2);
  CHECK(found[0]["value"] == json{{"amount", 20}, {"currency", "USD"}});
  CHECK(found[1]["value"]["value"] == "2026-11-30T00:00:00+08:00");
  // Only the requested types; an order number is not a phone number.
  found = entities("订单202611180035 电话13812345678", R"({"types": ["phone"]})");
  REQUIRE(found.size() == 1);
  CHECK(found[0]["text"] == "13812345678");
  // Unix seconds with an offset work as the reference time too.
  found = entities("明天", R"({"reference_time": 1795399200, "utc_offset_minutes": 480})");
  REQUIRE(found.size() == 1);
  CHECK(found[0]["value"]["value"] == "2026-11-24T00:00:00+08:00");
}

TEST_CASE("entity options are checked") {
  char* out = nullptr;
  CHECK(kefu_entities("x", 1, R"({"types": ["planet"]})", &out) == KEFU_ERR_INVALID_OPTIONS);
  CHECK(last_error().find("planet") != std::string::npos);
  CHECK(kefu_entities("x", 1, R"({"reference_time": "yesterday"})", &out) == KEFU_ERR_INVALID_OPTIONS);
  CHECK(last_error().find("ISO 8601") != std::string::npos);
  CHECK(kefu_entities("\xFF", 1, nullptr, &out) == KEFU_ERR_INVALID_UTF8);
  CHECK(kefu_mask_pii("x", 1, R"({"types": ["money"]})", &out) == KEFU_ERR_INVALID_OPTIONS);
  CHECK(out == nullptr);
}

TEST_CASE("personal data is masked, keeping separators and the other text") {
  json r = mask("call me at +86 138-1234-5678 or mail zhang@example.com");
  CHECK(r["text"] == "call me at +86 138-****-5678 or mail z****@example.com");
  CHECK(r["masked"].size() == 2);
  CHECK(mask("身份证11010519491231002X")["text"] == "身份证110105********002X");
  CHECK(mask("卡号 4111 1111 1111 1111")["text"] == "卡号 4111 11** **** 1111");
  CHECK(mask("订单202611180035")["text"] == "订单202611180035");  // not personal data
  CHECK(mask("手机１３８１２３４５６７８", R"({"types": ["email"]})")["text"] == "手机１３８１２３４５６７８");
  CHECK(mask("手机１３８１２３４５６７８")["text"] == "手机１３８****５６７８");
}

TEST_CASE("kefu_parse reports built-in entities, resolves dates at the reference time, masks on request") {
  std::string bot = R"({"kefu": 1, "entities": {"when": "builtin:datetime"}, "intents": [
      {"name": "callback", "slots": [{"name": "time", "entity": "when"}],
       "examples": ["明天下午三点给我回电话", "请下午两点联系我", "call me back tomorrow at 3pm"]},
      {"name": "greet", "examples": ["你好", "hello"]}]})";
  kefu_engine* e = nullptr;
  REQUIRE_MESSAGE(kefu_engine_train(bot.data(), bot.size(), nullptr, &e) == KEFU_OK, last_error());
  const std::string text = "后天上午十点给我回电话，号码13812345678";
  char* out = nullptr;
  REQUIRE(kefu_parse(e, text.data(), text.size(),
                     R"({"reference_time": "2026-11-23T10:00:00+08:00", "mask_pii": true})", &out) ==
          KEFU_OK);
  json r = take_json(out);
  CHECK(r["intent"]["name"] == "callback");
  CHECK(r["text"] == "后天上午十点给我回电话，号码138****5678");
  bool saw_time = false, saw_phone = false;
  for (const auto& m : r["entities"]) {
    if (m["entity"] == "when") {
      saw_time = true;
      CHECK(m["slot"] == "time");  // the bot's alias links the built-in to the slot
      CHECK(m["value"]["value"] == "2026-11-25T10:00:00+08:00");
    }
    if (m["entity"] == "phone") {
      saw_phone = true;
      CHECK(m["text"] == "138****5678");
      CHECK(m["start"] == 14);  // offsets stay those of the original text
    }
  }
  CHECK(saw_time);
  CHECK(saw_phone);
  kefu_engine_close(e);
}
