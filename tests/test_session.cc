// Sessions through the C ABI: state round trips, bad input, closed sessions,
// configuration errors in the bot definition.
#include <doctest/doctest.h>

#include <cstring>
#include <string>
#include <thread>
#include <vector>

#include "capi_helpers.h"

using nlohmann::json;

namespace {

const char* kBot = R"bot({"kefu": 1, "name": "mini", "language": "en",
  "entities": {"order_id": {"pattern": "[0-9]{8}"}},
  "intents": [
    {"name": "track", "title": "tracking a parcel",
     "slots": [{"name": "order_id", "entity": "order_id", "required": true, "prompt": ["Your order number?", "Which order?"]}],
     "action": "track_parcel", "responses": {"done": ["Order {order_id}: {data.status}"]},
     "examples": ["where is my parcel", "track order [12345678](order_id)", "where's my package", "has my order shipped", "tracking please"]},
    {"name": "refund", "title": "a refund",
     "slots": [{"name": "order_id", "entity": "order_id", "required": true, "prompt": "Order number for the refund?"},
               {"name": "amount", "entity": "money", "required": true, "prompt": "How much?", "validate": {"min": 1, "max": 500, "message": "Refunds are 1 to 500."}}],
     "confirm": "Refund {amount} for order {order_id}?", "action": "refund",
     "examples": ["i want a refund", "money back please", "refund order [12345678](order_id)", "give me my money back", "i need a refund"]},
    {"name": "greet", "responses": {"reply": ["Hi!", "Hello!"]}, "examples": ["hi", "hello", "hey there", "good morning"]}
  ]})bot";

kefu_engine* train(const std::string& bot) {
  kefu_engine* e = nullptr;
  REQUIRE_MESSAGE(kefu_engine_train(bot.data(), bot.size(), nullptr, &e) == KEFU_OK, kefu_last_error());
  return e;
}

kefu_status turn(kefu_session* s, const std::string& text, json& out, const char* context = nullptr) {
  char* raw = nullptr;
  kefu_status st = kefu_session_turn(s, text.data(), text.size(), context, &raw);
  if (st == KEFU_OK) out = take_json(raw);
  return st;
}

std::string save(kefu_session* s) {
  char* raw = nullptr;
  REQUIRE(kefu_session_save(s, &raw) == KEFU_OK);
  std::string state = raw;
  kefu_string_free(raw);
  return state;
}

kefu_status bot_error(const std::string& bot) {
  kefu_engine* e = nullptr;
  kefu_status st = kefu_engine_train(bot.data(), bot.size(), nullptr, &e);
  kefu_engine_close(e);
  return st;
}

}  // namespace

TEST_CASE("a session asks, validates, confirms and completes a form") {
  kefu_engine* e = train(kBot);
  kefu_session* s = nullptr;
  REQUIRE(kefu_session_new(e, nullptr, 0, &s) == KEFU_OK);
  json r;
  REQUIRE(turn(s, "i want a refund", r) == KEFU_OK);
  CHECK(r["action"] == "ask");
  CHECK(r["form"]["asking"] == "order_id");
  CHECK(r["reply"] == "Order number for the refund?");
  REQUIRE(turn(s, "12345678", r) == KEFU_OK);
  CHECK(r["form"]["asking"] == "amount");
  REQUIRE(turn(s, "$900", r) == KEFU_OK);  // above "max": said why, asked again
  CHECK(r["action"] == "ask");
  CHECK(r["reply"].get<std::string>().find("Refunds are 1 to 500.") == 0);
  CHECK(r["slots"].count("amount") == 0);
  REQUIRE(turn(s, "$40", r) == KEFU_OK);
  CHECK(r["action"] == "confirm");
  CHECK(r["reply"].get<std::string>().find("order 12345678") != std::string::npos);
  REQUIRE(turn(s, "yes", r) == KEFU_OK);
  CHECK(r["action"] == "done");
  CHECK(r["fulfill"]["action"] == "refund");
  CHECK(r["fulfill"]["slots"]["amount"]["value"]["amount"] == 40);
  CHECK(r["form"].is_null());
  kefu_session_free(s);
  kefu_engine_close(e);
}

TEST_CASE("a reply waiting on host data is completed by the next call") {
  kefu_engine* e = train(kBot);
  kefu_session* s = nullptr;
  REQUIRE(kefu_session_new(e, nullptr, 0, &s) == KEFU_OK);
  json r;
  REQUIRE(turn(s, "track order 87654321", r) == KEFU_OK);
  CHECK(r["action"] == "done");
  CHECK(r["reply"].is_null());
  CHECK(r["fulfill"]["awaiting_data"] == true);
  CHECK(r["fulfill"]["slots"]["order_id"]["value"] == "87654321");
  REQUIRE(turn(s, "", r, R"({"data": {"status": "out for delivery"}})") == KEFU_OK);
  CHECK(r["reply"] == "Order 87654321: out for delivery");
  // Data given up front is used at once.
  REQUIRE(turn(s, "track order 11112222", r, R"({"data": {"status": "delivered"}})") == KEFU_OK);
  CHECK(r["reply"] == "Order 11112222: delivered");
  CHECK(r["fulfill"]["awaiting_data"] == false);
  kefu_session_free(s);
  kefu_engine_close(e);
}

TEST_CASE("session state restores exactly and refuses damage, truncation and other engines") {
  kefu_engine* e = train(kBot);
  kefu_session* s = nullptr;
  REQUIRE(kefu_session_new(e, nullptr, 0, &s) == KEFU_OK);
  json r;
  REQUIRE(turn(s, "i want a refund", r) == KEFU_OK);
  const std::string state = save(s);
  kefu_session* back = nullptr;
  REQUIRE(kefu_session_new(e, state.data(), state.size(), &back) == KEFU_OK);
  CHECK(save(back) == state);
  json a, b;
  REQUIRE(turn(s, "12345678", a) == KEFU_OK);
  REQUIRE(turn(back, "12345678", b) == KEFU_OK);
  CHECK(a == b);
  kefu_session_free(back);

  kefu_session* bad = nullptr;
  CHECK(kefu_session_new(e, state.data(), state.size() / 2, &bad) == KEFU_ERR_INVALID_DATA);
  CHECK(bad == nullptr);
  std::string edited = state;
  edited.replace(edited.find("\"turns\":1"), 9, "\"turns\":7");
  CHECK(kefu_session_new(e, edited.data(), edited.size(), &bad) == KEFU_ERR_CORRUPT);
  CHECK(last_error().find("modified or damaged") != std::string::npos);
  std::string invalid = "\xff\xfe";
  CHECK(kefu_session_new(e, invalid.data(), invalid.size(), &bad) == KEFU_ERR_INVALID_UTF8);
  CHECK(kefu_session_new(e, "[]", 2, &bad) == KEFU_ERR_INVALID_DATA);

  std::string other_bot = kBot;
  other_bot.replace(other_bot.find("\"amount\""), 8, "\"sum\"");
  other_bot.replace(other_bot.find("{amount}"), 8, "{sum}");
  kefu_engine* other = train(other_bot);
  CHECK(kefu_session_new(other, state.data(), state.size(), &bad) == KEFU_ERR_INVALID_DATA);
  CHECK(last_error().find("different engine") != std::string::npos);
  kefu_engine_close(other);
  kefu_session_free(s);
  kefu_engine_close(e);
}

TEST_CASE("turns reject bad input and leave the session unchanged") {
  kefu_engine* e = train(kBot);
  kefu_session* s = nullptr;
  REQUIRE(kefu_session_new(e, nullptr, 0, &s) == KEFU_OK);
  json r;
  REQUIRE(turn(s, "i want a refund", r) == KEFU_OK);
  const std::string before = save(s);
  CHECK(turn(s, std::string("\xc3\x28", 2), r) == KEFU_ERR_INVALID_UTF8);
  CHECK(turn(s, std::string(200000, 'a'), r) == KEFU_ERR_TOO_LARGE);
  CHECK(turn(s, "12345678", r, "{not json") == KEFU_ERR_INVALID_OPTIONS);
  CHECK(turn(s, "12345678", r, R"({"data": 5})") == KEFU_ERR_INVALID_OPTIONS);
  CHECK(turn(s, "12345678", r, R"({"colour": "red"})") == KEFU_ERR_INVALID_OPTIONS);
  CHECK(save(s) == before);
  char* out = nullptr;
  CHECK(kefu_session_turn(nullptr, "x", 1, nullptr, &out) == KEFU_ERR_INVALID_ARGUMENT);
  CHECK(kefu_session_turn(s, nullptr, 3, nullptr, &out) == KEFU_ERR_INVALID_ARGUMENT);
  kefu_session* none = nullptr;
  CHECK(kefu_session_new(nullptr, nullptr, 0, &none) == KEFU_ERR_INVALID_ARGUMENT);
  kefu_session_free(nullptr);
  // Empty text repeats the question in progress.
  REQUIRE(turn(s, "", r) == KEFU_OK);
  CHECK(r["form"]["asking"] == "order_id");
  // A closed session refuses further turns.
  REQUIRE(turn(s, "talk to a human", r) == KEFU_OK);
  CHECK(r["action"] == "handoff");
  CHECK(r["closed"] == true);
  CHECK(turn(s, "hello?", r) == KEFU_ERR_STATE);
  CHECK(last_error().find("closed") != std::string::npos);
  kefu_session_free(s);
  kefu_engine_close(e);
}

TEST_CASE("a handoff payload can be handed over with personal data masked") {
  kefu_engine* e = train(kBot);
  for (bool mask : {false, true}) {
    kefu_session* s = nullptr;
    REQUIRE(kefu_session_new(e, nullptr, 0, &s) == KEFU_OK);
    const char* context = mask ? R"({"mask_pii": true})" : nullptr;
    json r;
    REQUIRE(turn(s, "i want a refund, call me on 13812345678 or a.b@example.com", r, context) == KEFU_OK);
    REQUIRE(turn(s, "talk to a human", r, context) == KEFU_OK);
    REQUIRE(r["action"] == "handoff");
    const std::string payload = r["handoff"].dump();
    CHECK((payload.find("13812345678") == std::string::npos) == mask);
    CHECK((payload.find("138****5678") != std::string::npos) == mask);
    CHECK((payload.find("a.b@example.com") == std::string::npos) == mask);
    char* saved = nullptr;  // the state keeps what the conversation needs
    REQUIRE(kefu_session_save(s, &saved) == KEFU_OK);
    CHECK(std::string(saved).find("13812345678") != std::string::npos);
    kefu_string_free(saved);
    kefu_session_free(s);
  }
  kefu_engine_close(e);
}

TEST_CASE("one engine serves many sessions on several threads" * doctest::test_suite("threads")) {
  kefu_engine* e = train(kBot);
  auto run = [e](std::string* error) {
    for (int i = 0; i < 50; ++i) {
      kefu_session* s = nullptr;
      if (kefu_session_new(e, nullptr, 0, &s) != KEFU_OK) return void(*error = kefu_last_error());
      json r;
      if (turn(s, "i want a refund", r) != KEFU_OK || r["form"]["asking"] != "order_id" ||
          turn(s, "12345678", r) != KEFU_OK || r["form"]["asking"] != "amount")
        *error = "unexpected turn: " + r.dump();
      kefu_session_free(s);
    }
  };
  std::string errors[4];
  std::vector<std::thread> threads;
  for (auto& err : errors) threads.emplace_back(run, &err);
  for (auto& t : threads) t.join();
  for (const auto& err : errors) CHECK(err.empty());
  kefu_engine_close(e);
}

TEST_CASE("dialogue configuration errors name their place") {
  auto with = [](const std::string& from, const std::string& to) {
    std::string bot = kBot;
    bot.replace(bot.find(from), from.size(), to);
    return bot;
  };
  CHECK(bot_error(with("Refund {amount} for", "Refund {amout} for")) == KEFU_ERR_INVALID_DATA);
  CHECK(last_error().find("$.intents[1].confirm: \"{amout}\" is not a slot of intent \"refund\"") != std::string::npos);
  CHECK(bot_error(with("\"entity\": \"money\"", "\"entity\": \"cash\"")) == KEFU_ERR_INVALID_DATA);
  CHECK(last_error().find("$.intents[1].slots[1].entity: unknown entity \"cash\"") != std::string::npos);
  CHECK(bot_error(with("\"prompt\": \"How much?\", ", "")) == KEFU_ERR_INVALID_DATA);
  CHECK(last_error().find("$.intents[1].slots[1].prompt: required slot \"amount\" needs a prompt") != std::string::npos);
  CHECK(bot_error(with("\"required\": true, \"prompt\": \"How much?\"",
                       "\"required\": true, \"prompt\": \"How much?\", \"ask_if\": {\"slot\": \"order_id\", \"equals\": \"1\"}")
                      .replace(0, 0, "")) == KEFU_OK);
  std::string cyclic = with("\"prompt\": \"Order number for the refund?\"",
                            "\"prompt\": \"Order number for the refund?\", \"ask_if\": {\"slot\": \"amount\", \"equals\": \"1\"}");
  cyclic = cyclic.replace(cyclic.find("\"prompt\": \"How much?\""), 21,
                          "\"prompt\": \"How much?\", \"ask_if\": {\"slot\": \"order_id\", \"equals\": \"1\"}");
  CHECK(bot_error(cyclic) == KEFU_ERR_INVALID_DATA);
  CHECK(last_error().find("depends on itself") != std::string::npos);
  CHECK(bot_error(with("\"action\": \"refund\"", "\"action\": \"refund\", \"handoff\": true")) == KEFU_ERR_INVALID_DATA);
  CHECK(last_error().find("could never run") != std::string::npos);
  CHECK(bot_error(with("{data.status}", "{data.status} {colour}")) == KEFU_ERR_INVALID_DATA);
  CHECK(last_error().find("\"{colour}\" is not a slot of intent \"track\"") != std::string::npos);
  CHECK(bot_error(with("\"Hi!\"", "\"Hi {name}\"")) == KEFU_ERR_INVALID_DATA);
  CHECK(bot_error(with("\"name\": \"mini\",", "\"name\": \"mini\", \"handoff\": {\"max_failed_turns\": -1},")) ==
        KEFU_ERR_INVALID_DATA);
  CHECK(last_error().find("$.handoff.max_failed_turns") != std::string::npos);
  CHECK(bot_error(with("\"name\": \"mini\",", "\"name\": \"mini\", \"responses\": {\"clarify\": \"{option3}?\"},")) ==
        KEFU_ERR_INVALID_DATA);
  CHECK(bot_error(with("\"name\": \"mini\",", "\"name\": \"mini\", \"responses\": {\"hello\": \"hi\"},")) ==
        KEFU_ERR_INVALID_DATA);
  CHECK(last_error().find("$.responses.hello: unknown system message") != std::string::npos);
}

TEST_CASE("sessions survive arbitrary messages, with state saved and restored between them") {
  kefu_engine* e = train(kBot);
  const std::vector<std::string> pieces = {
      "i want a refund", "12345678", "$40", "yes", "no", "never mind", "where is my parcel", "hello", "talk",
      "😡", "!!!", "？", "不对，是明天", "算了", "转", "", " ", "\t", "0", "$-5", "make it 87654321",
      "first", "the second one", "what", "\xe4\xbd\xa0\xe5\xa5\xbd", "refund 12345678 $600", "ok"};
  uint64_t x = 42;
  auto next = [&x] { return x = x * 6364136223846793005ULL + 1442695040888963407ULL, x >> 33; };
  kefu_session* s = nullptr;
  REQUIRE(kefu_session_new(e, nullptr, 0, &s) == KEFU_OK);
  int closed = 0;
  for (int i = 0; i < 1500; ++i) {
    std::string text;
    for (uint64_t k = next() % 3; k-- > 0;) text += pieces[next() % pieces.size()] + (next() % 2 ? " " : "");
    json r;
    kefu_status st = turn(s, text, r);
    REQUIRE_MESSAGE(st == KEFU_OK, text << ": " << kefu_last_error());
    if (r["closed"] == true) {
      ++closed;
      kefu_session_free(s);
      REQUIRE(kefu_session_new(e, nullptr, 0, &s) == KEFU_OK);
    } else if (i % 7 == 0) {
      std::string state = save(s);
      kefu_session_free(s);
      REQUIRE(kefu_session_new(e, state.data(), state.size(), &s) == KEFU_OK);
    }
  }
  CHECK(closed > 0);  // handoffs happen along the way
  kefu_session_free(s);
  kefu_engine_close(e);
}
