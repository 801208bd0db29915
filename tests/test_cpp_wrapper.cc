// The header-only C++ wrapper (kefu.hpp): every class over a real library,
// errors thrown with their status, handles freed and movable.
#include <doctest/doctest.h>

#include <filesystem>
#include <string>
#include <utility>

#include <nlohmann/json.hpp>

#include "kefu/kefu.hpp"

using nlohmann::json;

namespace {

const char* kBot = R"bot({"kefu": 1, "name": "mini", "language": "en",
  "entities": {"order_id": {"pattern": "[0-9]{8}"}},
  "intents": [
    {"name": "track", "title": "tracking a parcel",
     "slots": [{"name": "order_id", "entity": "order_id", "required": true, "prompt": "Your order number?"}],
     "action": "track_parcel",
     "examples": ["where is my parcel", "track order [12345678](order_id)", "where's my package", "has my order shipped", "tracking please"]},
    {"name": "greet", "responses": {"reply": "Hello!"}, "examples": ["hi", "hello", "hey there", "good morning"]}
  ],
  "faq": [{"id": "ship", "question": "how long does shipping take", "answer": "Two days."}]})bot";

}  // namespace

TEST_CASE("C++ wrapper: engine, classify, parse, session, engine knowledge base") {
  kefu::Engine engine = kefu::Engine::train(kBot);
  auto c = engine.classify("where is my parcel", 3);
  REQUIRE(!c.intents.empty());
  CHECK(c.intents[0].intent == "track");
  CHECK(!c.out_of_scope);
  CHECK(json::parse(engine.parse("track order 12345678"))["intent"]["name"] == "track");

  kefu::Engine copy = kefu::Engine::open_memory(engine.serialize());
  CHECK(json::parse(copy.info())["name"] == "mini");

  kefu::Session session(copy);
  CHECK(json::parse(session.turn("where is my parcel"))["action"] == "ask");
  std::string state = session.save();
  kefu::Session restored(copy, state);
  json done = json::parse(restored.turn("12345678"));
  CHECK(done["fulfill"]["slots"]["order_id"]["value"] == "12345678");

  json hits = json::parse(engine.kb().search("how long is shipping"));
  CHECK(hits["results"][0]["id"] == "ship");
}

TEST_CASE("C++ wrapper: failures throw kefu::Error with status and message") {
  try {
    kefu::Engine::train("{not json");
    FAIL("no exception");
  } catch (const kefu::Error& e) {
    CHECK(e.status() == KEFU_ERR_INVALID_DATA);
    CHECK(std::string(e.what()).find("KEFU_ERR_INVALID_DATA") == 0);
  }
  CHECK_THROWS_AS(kefu::Engine::open("/nonexistent/model.kefu"), kefu::Error);
  std::string bad_utf8 = "a\xff";
  CHECK_THROWS_AS(kefu::normalize(bad_utf8), kefu::Error);
}

TEST_CASE("C++ wrapper: knowledge base, sentiment, profiles, text helpers") {
  kefu::KnowledgeBase kb;
  kb.upsert(R"({"id": "r1", "question": "怎么退货", "answer": "七天无理由退货"})");
  kefu::KnowledgeBase moved = std::move(kb);
  CHECK(kb.handle() == nullptr);
  CHECK(json::parse(moved.search("我想退货"))["results"][0]["id"] == "r1");
  CHECK(json::parse(moved.get("r1"))["answer"] == "七天无理由退货");
  moved.remove("r1");
  try {
    moved.get("r1");
    FAIL("no exception");
  } catch (const kefu::Error& e) {
    CHECK(e.status() == KEFU_ERR_NOT_FOUND);
  }

  kefu::SentimentModel sentiment;
  CHECK(sentiment.fast("太差了，我要投诉").label == -1);
  json tracked = json::parse(sentiment.track("", "I am very happy"));
  CHECK(json::parse(sentiment.track(tracked["state"].dump(), "great"))["turns"] == 2);

  kefu::Profiles profiles;
  profiles.record(R"({"customer": {"phone": "13800000000"}, "type": "purchase",
                      "time": 1700000000, "attributes": {"amount": 99}})");
  CHECK(json::parse(profiles.get("phone:13800000000"))["events"] == 1);

  CHECK(json::parse(kefu::mask_pii("电话13812345678"))["text"] == "电话138****5678");
  CHECK(!json::parse(kefu::entities("明天下午三点", R"({"reference_time": "2026-11-23T10:00:00+08:00"})"))["entities"].empty());
  CHECK(!kefu::version().empty());
}
