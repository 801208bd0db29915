// Customer profiles through the C ABI: scripted customer histories with
// hand-checked tags (tests/profiles/histories.json), identity merging, bad
// input and concurrent use.
#include <doctest/doctest.h>

#include <cstdlib>
#include <fstream>
#include <set>
#include <sstream>
#include <thread>
#include <vector>

#include "capi_helpers.h"

using nlohmann::json;

namespace {

json read_histories() {
  std::ifstream in(std::string(KEFU_SOURCE_DIR) + "/tests/profiles/histories.json");
  REQUIRE(in.good());
  std::stringstream ss;
  ss << in.rdbuf();
  return json::parse(ss.str());
}

kefu_profiles* open(const json& options = nullptr) {
  kefu_profiles* p = nullptr;
  std::string o = options.is_null() ? "" : options.dump();
  REQUIRE_MESSAGE(kefu_profiles_open(nullptr, options.is_null() ? nullptr : o.c_str(), &p) == KEFU_OK, kefu_last_error());
  return p;
}

kefu_status record(kefu_profiles* p, const json& event) {
  std::string text = event.dump();
  return kefu_profiles_record(p, text.data(), text.size(), nullptr);
}

json get(kefu_profiles* p, const std::string& id, const std::string& as_of) {
  char* out = nullptr;
  std::string options = json{{"as_of", as_of}}.dump();
  REQUIRE_MESSAGE(kefu_profiles_get(p, id.c_str(), options.c_str(), &out) == KEFU_OK, kefu_last_error());
  return take_json(out);
}

}  // namespace

TEST_CASE("scripted customer histories get their hand-checked tags") {
  json histories = read_histories();
  CHECK(histories.size() >= 30);
  for (const auto& h : histories) {
    const std::string name = h["name"];
    kefu_profiles* p = open(h.value("options", json(nullptr)));
    for (size_t i = 0; i < h["events"].size(); ++i) {
      const json& e = h["events"][i];
      json event = e.contains("event") ? e["event"] : e;
      kefu_status st = record(p, event);
      std::string want = e.value("error", "KEFU_OK");
      CHECK_MESSAGE(std::string(kefu_status_name(st)) == want, name << ": event " << i << ": " << kefu_last_error());
    }
    for (const auto& check : h["checks"]) {
      json profile = get(p, check["who"], check["as_of"]);
      std::set<std::string> tags;
      for (const auto& t : profile["tags"]) tags.insert(t["tag"]);
      std::set<std::string> expected = check["tags"];
      CHECK_MESSAGE(tags == expected, name << " as of " << check["as_of"].get<std::string>() << ": tags "
                                           << json(tags).dump() << ", expected " << json(expected).dump());
      const json labels = check.value("labels", json::object());
      for (const auto& item : labels.items())  // not a structured binding: doctest's lambdas capture it
        for (const auto& t : profile["tags"])
          if (t["tag"] == item.key()) CHECK_MESSAGE(t["label"] == item.value(), name << ": label of " << item.key());
      if (check.contains("events")) CHECK_MESSAGE(profile["events"] == check["events"], name << ": event count");
      if (check.contains("identifiers"))
        for (const auto& item : check["identifiers"].items())
          CHECK_MESSAGE(profile["identifiers"][item.key()] == item.value(), name << ": identifiers " << item.key());
      for (const auto& t : profile["tags"]) CHECK_MESSAGE(!t["evidence"].empty(), name << ": " << t["tag"] << " has no evidence");
    }
    kefu_profiles_close(p);
  }
}

TEST_CASE("identities merge without losing events and conflicts record nothing") {
  kefu_profiles* p = open();
  const std::string t = "2026-11-20T10:00:00+08:00";
  REQUIRE(record(p, {{"customer", {{"phone", "13800000001"}}}, {"type", "call"}, {"time", t}, {"channel", "phone"}}) == KEFU_OK);
  REQUIRE(record(p, {{"customer", {{"member_id", "M1"}}}, {"type", "purchase"}, {"time", t},
                     {"attributes", {{"amount", 99}}}}) == KEFU_OK);
  // Two profiles so far; an event naming both identifiers makes them one.
  REQUIRE(record(p, {{"customer", {{"phone", "13800000001"}, {"member_id", "M1"}}}, {"type", "page_view"}, {"time", t},
                     {"attributes", {{"page", "pricing"}}}}) == KEFU_OK);
  json a = get(p, "phone:13800000001", t), b = get(p, "member_id:M1", t);
  CHECK(a == b);
  CHECK(a["events"] == 3);
  CHECK(a["merged"].size() == 1);
  // A second member id for the same person is a conflict: nothing changes.
  CHECK(record(p, {{"customer", {{"phone", "13800000001"}, {"member_id", "M2"}}}, {"type", "call"}, {"time", t}}) ==
        KEFU_ERR_INVALID_DATA);
  CHECK(last_error().find("conflicting identities") != std::string::npos);
  CHECK(get(p, "phone:13800000001", t)["events"] == 3);
  char* out = nullptr;
  CHECK(kefu_profiles_get(p, "member_id:M2", nullptr, &out) == KEFU_ERR_NOT_FOUND);
  // Linking adds an identifier without an event.
  REQUIRE(kefu_profiles_link(p, "member_id:M1", "account:alice", nullptr) == KEFU_OK);
  CHECK(get(p, "account:alice", t)["events"] == 3);
  CHECK(kefu_profiles_link(p, "account:bob", "member_id:M1", nullptr) == KEFU_ERR_INVALID_DATA);
  kefu_profiles_close(p);
}

TEST_CASE("bad events and rules are clear errors") {
  kefu_profiles* p = open();
  auto bad = [&](const std::string& text, const char* needle) {
    CHECK(kefu_profiles_record(p, text.data(), text.size(), nullptr) != KEFU_OK);
    CHECK_MESSAGE(last_error().find(needle) != std::string::npos, text << " → " << last_error());
  };
  bad(R"({"type": "call", "time": 1})", "\"customer\"");
  bad(R"({"customer": {}, "type": "call", "time": 1})", "\"customer\"");
  bad(R"({"customer": {"fax": "1"}, "type": "call", "time": 1})", "unknown identifier kind");
  bad(R"({"customer": {"phone": "1"}, "type": "sale", "time": 1})", "\"type\"");
  bad(R"({"customer": {"phone": "1"}, "type": "call"})", "\"time\"");
  bad(R"({"customer": {"phone": "1"}, "type": "call", "time": "yesterday"})", "\"time\"");
  bad(R"({"customer": {"phone": "1"}, "type": "call", "time": 4102444800})", "future");
  bad(R"({"customer": {"phone": "1"}, "type": "purchase", "time": 1, "attributes": {"amount": -5}})", "amount");
  bad(R"({"customer": {"phone": "1"}, "type": "call", "time": 1, "attributes": {"page": "x"}})", "no attribute");
  bad(R"({"customer": {"phone": "1"}, "type": "call", "time": 1, "colour": 2})", "unknown field");
  bad("{not json", "malformed");
  bad(std::string("\xff", 1), "UTF-8");
  kefu_profiles_close(p);
  kefu_profiles* q = nullptr;
  auto bad_rules = [&](const std::string& rules, const char* needle) {
    std::string o = R"({"rules": )" + rules + "}";
    CHECK(kefu_profiles_open(nullptr, o.c_str(), &q) == KEFU_ERR_INVALID_DATA);
    CHECK_MESSAGE(last_error().find(needle) != std::string::npos, rules << " → " << last_error());
  };
  bad_rules(R"([{"tag": "x", "when": {"count": "sale"}}])", "rule 0 (\"x\"): when.count: unknown event type \"sale\"");
  bad_rules(R"([{"tag": "x", "when": {"sequence": ["page_view", "purchase"]}}])", "needs \"within\"");
  bad_rules(R"([{"tag": "x", "when": {"count": "call", "within": "7 days"}}])", "within");
  bad_rules(R"([{"tag": "x", "when": {"count": "call"}}, {"tag": "x", "when": {"count": "call"}}])", "defined twice");
  bad_rules(R"([{"tag": "x", "when": {"count": "call", "sum": "purchase"}}])", "has both");
  bad_rules(R"([{"when": {"count": "call"}}])", "needs a non-empty \"tag\"");
}

TEST_CASE("a durable profile store keeps every event across reopening") {
  char tmpl[] = "/tmp/kefu-profiles-XXXXXX";
  REQUIRE(mkdtemp(tmpl));
  const std::string dir = std::string(tmpl) + "/store";
  const std::string t = "2026-11-20T10:00:00+08:00";
  std::string before;
  {
    kefu_profiles* p = nullptr;
    REQUIRE(kefu_profiles_open(dir.c_str(), nullptr, &p) == KEFU_OK);
    for (int i = 0; i < 300; ++i)
      REQUIRE(record(p, {{"customer", {{"phone", "1380000" + std::to_string(i % 40)}}}, {"type", "page_view"},
                         {"time", 1763600000 + i * 60}, {"channel", "web"}, {"attributes", {{"page", i % 3 ? "product" : "pricing"}}}}) == KEFU_OK);
    REQUIRE(record(p, {{"customer", {{"phone", "13800001"}, {"member_id", "M1"}}}, {"type", "call"}, {"time", t}}) == KEFU_OK);
    REQUIRE(kefu_profiles_link(p, "member_id:M1", "account:alice", nullptr) == KEFU_OK);
    kefu_profiles* second = nullptr;
    CHECK(kefu_profiles_open(dir.c_str(), nullptr, &second) == KEFU_ERR_BUSY);
    before = get(p, "account:alice", t).dump();
    kefu_profiles_close(p);
  }
  kefu_profiles* p = nullptr;
  REQUIRE_MESSAGE(kefu_profiles_open(dir.c_str(), nullptr, &p) == KEFU_OK, kefu_last_error());
  CHECK(get(p, "account:alice", t).dump() == before);
  CHECK(get(p, "phone:138000039", t)["events"] == 7);
  kefu_profiles_close(p);
  std::system(("rm -rf " + std::string(tmpl)).c_str());
}

TEST_CASE("one profile store is shared by several threads" * doctest::test_suite("threads")) {
  kefu_profiles* p = open();
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t)
    threads.emplace_back([p, t] {
      for (int i = 0; i < 500; ++i) {
        json e = {{"customer", {{"phone", "139" + std::to_string(t * 1000 + i % 50)}}}, {"type", "page_view"},
                  {"time", 1763800000 + i}, {"attributes", {{"page", "product"}}}};
        std::string s = e.dump();
        if (kefu_profiles_record(p, s.data(), s.size(), nullptr) != KEFU_OK) return;
        char* out = nullptr;
        if (kefu_profiles_get(p, ("phone:139" + std::to_string(t * 1000 + i % 50)).c_str(), nullptr, &out) == KEFU_OK)
          kefu_string_free(out);
      }
    });
  for (auto& th : threads) th.join();
  char* out = nullptr;
  REQUIRE(kefu_profiles_get(p, "phone:1393049", R"({"as_of": 1763800600})", &out) == KEFU_OK);
  CHECK(take_json(out)["events"] == 10);
  kefu_profiles_close(p);
}

TEST_CASE("session turns become events and contacts are routed by intent, urgency and tags") {
  kefu_profiles* p = open();
  const std::string now = "2026-11-23T10:00:00+08:00";
  // A VIP: three recent large purchases.
  for (int i = 0; i < 3; ++i)
    REQUIRE(record(p, {{"customer", {{"member_id", "VIP1"}}}, {"type", "purchase"}, {"time", 1795300000 + i * 3600},
                       {"channel", "app"}, {"attributes", {{"amount", 2500}}}}) == KEFU_OK);
  const std::string turn = R"({"action": "ask", "intent": {"name": "payment_problem", "confidence": 0.93},
      "sentiment": {"score": -0.4, "label": "negative", "escalate": false}, "handoff": null})";
  char* out = nullptr;
  REQUIRE(kefu_profiles_route(p, "member_id:VIP1", turn.data(), turn.size(), &out) == KEFU_OK);
  json r = take_json(out);
  CHECK(r["route"] == "vip_urgent");
  CHECK(r["queue"] == "vip");
  CHECK(r["channel"] == "phone");
  CHECK(r["priority"] == 1);
  // The same turn from an unknown customer is urgent but not VIP.
  REQUIRE(kefu_profiles_route(p, nullptr, turn.data(), turn.size(), &out) == KEFU_OK);
  r = take_json(out);
  CHECK(r["route"] == "urgent");
  CHECK(r["priority"] == 2);
  // A calm product question from the VIP goes to the general queue on their channel.
  const std::string calm = R"({"intent": {"name": "greet"}, "sentiment": {"score": 0.5, "escalate": false}})";
  REQUIRE(kefu_profiles_route(p, "member_id:VIP1", calm.data(), calm.size(), &out) == KEFU_OK);
  r = take_json(out);
  CHECK(r["queue"] == "general");
  CHECK(r["channel"] == "app");

  // A handoff turn is recorded as a turn and a handoff event.
  const std::string angry = R"({"action": "handoff", "intent": {"name": "complaint", "confidence": 0.9},
      "sentiment": {"score": -0.8, "escalate": true}, "handoff": {"reason": "sentiment"}})";
  REQUIRE(kefu_profiles_record_turn(p, R"({"phone": "13900000000"})", angry.data(), angry.size(),
                                    R"({"time": "2026-11-23T09:00:00+08:00", "channel": "phone"})", &out) == KEFU_OK);
  CHECK(take_json(out).size() == 2);
  json profile = get(p, "phone:13900000000", now);
  CHECK(profile["events"] == 2);
  std::set<std::string> tags;
  for (const auto& t : profile["tags"]) tags.insert(t["tag"]);
  CHECK(tags.count("recently_angry"));
  CHECK(kefu_profiles_route(p, nullptr, "{", 1, &out) == KEFU_ERR_INVALID_DATA);
  kefu_profiles* q = nullptr;
  CHECK(kefu_profiles_open(nullptr, R"({"routing": {"routes": [{"queue": "x", "when": {"mood": 1}}]}})", &q) ==
        KEFU_ERR_INVALID_DATA);
  CHECK(last_error().find("routing.routes[0].when.mood") != std::string::npos);
  kefu_profiles_close(p);
}
