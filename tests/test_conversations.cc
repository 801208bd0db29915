// Scripted multi-turn conversations with the bundled bots, kept as data in
// tests/conversations/*.json and run through the C ABI. Each turn states what
// the bot must do; the files together must cover every conversation move.
#include <doctest/doctest.h>

#include <fstream>
#include <set>
#include <sstream>

#include "capi_helpers.h"

using nlohmann::json;

namespace {

json read_json(const std::string& path) {
  std::ifstream in(path);
  REQUIRE_MESSAGE(in.good(), "cannot read " << path);
  std::stringstream ss;
  ss << in.rdbuf();
  return json::parse(ss.str());
}

std::string reply_of(const json& r) { return r["reply"].is_string() ? r["reply"].get<std::string>() : ""; }

// Differences between what a turn expected and what it got, one per line.
std::string mismatches(const json& expect, const json& r) {
  std::string out;
  auto want = [&](const std::string& what, const json& expected, const json& actual) {
    if (expected != actual) out += "  " + what + ": expected " + expected.dump() + ", got " + actual.dump() + "\n";
  };
  for (const auto& [key, e] : expect.items()) {
    if (key == "action" || key == "cancelled" || key == "closed" || key == "missing") {
      want(key, e, r[key]);
    } else if (key == "intent") {
      want(key, e, r["intent"].is_null() ? json(nullptr) : r["intent"]["name"]);
    } else if (key == "form") {
      want(key, e, r["form"].is_null() ? json(nullptr) : r["form"]["intent"]);
    } else if (key == "asking" || key == "confirming") {
      want(key, e, r["form"].is_null() ? json(nullptr) : r["form"][key]);
    } else if (key == "slots") {
      for (const auto& [slot, value] : e.items())
        want("slots." + slot, value, r["slots"].contains(slot) ? r["slots"][slot]["display"] : json(nullptr));
    } else if (key == "source") {
      for (const auto& [slot, value] : e.items())
        want("source." + slot, value, r["slots"].contains(slot) ? r["slots"][slot]["source"] : json(nullptr));
    } else if (key == "kb") {
      want(key, e, r["kb"].is_null() ? json(nullptr) : r["kb"]["id"]);
    } else if (key == "fulfill") {
      want(key, e, r["fulfill"].is_null() ? json(nullptr) : r["fulfill"]["action"]);
    } else if (key == "awaiting_data") {
      want(key, e, r["fulfill"].is_null() ? json(nullptr) : r["fulfill"]["awaiting_data"]);
    } else if (key == "fallback_stage") {
      want(key, e, r["fallback"].is_null() ? json(nullptr) : r["fallback"]["stage"]);
    } else if (key == "options") {
      json got = json::array();
      if (r["fallback"].is_object())
        for (const auto& o : r["fallback"]["options"]) got.push_back(o["intent"]);
      want(key, e, got);
    } else if (key == "handoff") {
      want(key, e, r["handoff"].is_null() ? json(nullptr) : r["handoff"]["reason"]);
    } else if (key == "handoff_slots") {
      for (const auto& [slot, value] : e.items()) {
        const json& slots = r["handoff"].is_object() ? r["handoff"]["summary"]["slots"] : json::object();
        want("handoff.summary.slots." + slot, value, slots.contains(slot) ? slots[slot]["display"] : json(nullptr));
      }
    } else if (key == "transcript_min") {
      size_t n = r["handoff"].is_object() ? r["handoff"]["transcript"].size() : 0;
      if (n < e.get<size_t>()) out += "  transcript: expected at least " + e.dump() + " lines, got " + std::to_string(n) + "\n";
    } else if (key == "reply_contains") {
      for (const auto& part : e.is_array() ? e : json::array({e}))
        if (reply_of(r).find(part.get<std::string>()) == std::string::npos)
          out += "  reply: expected to contain " + part.dump() + ", got " + r["reply"].dump() + "\n";
    } else if (key == "sentiment") {
      want(key, e, r["sentiment"].is_null() ? json(nullptr) : r["sentiment"]["label"]);
    } else {
      out += "  unknown expectation \"" + key + "\"\n";
    }
  }
  return out;
}

kefu_session* restore(kefu_engine* engine, kefu_session* session) {
  char* saved = nullptr;
  REQUIRE(kefu_session_save(session, &saved) == KEFU_OK);
  std::string state = saved;
  kefu_string_free(saved);
  kefu_session_free(session);
  kefu_session* again = nullptr;
  REQUIRE_MESSAGE(kefu_session_new(engine, state.data(), state.size(), &again) == KEFU_OK, kefu_last_error());
  // Restoring is exact: saving again gives the same bytes.
  REQUIRE(kefu_session_save(again, &saved) == KEFU_OK);
  CHECK(state == saved);
  kefu_string_free(saved);
  return again;
}

// Runs every conversation of a script file; returns the moves it covers.
std::set<std::string> run_script(const std::string& file) {
  json script = read_json(std::string(KEFU_SOURCE_DIR) + "/tests/conversations/" + file);
  std::string bot_file = std::string(KEFU_SOURCE_DIR) + "/examples/bots/" + script["bot"].get<std::string>();
  std::ifstream in(bot_file);
  std::stringstream bot;
  bot << in.rdbuf();
  kefu_engine* engine = nullptr;
  REQUIRE_MESSAGE(kefu_engine_train(bot.str().data(), bot.str().size(), nullptr, &engine) == KEFU_OK, kefu_last_error());
  std::set<std::string> covered;
  CHECK_MESSAGE(script["conversations"].size() >= 25, file << " has fewer than 25 conversations");
  for (const auto& conv : script["conversations"]) {
    const std::string name = conv["name"];
    for (const auto& move : conv.value("covers", json::array())) covered.insert(move.get<std::string>());
    const bool roundtrip = conv.value("roundtrip", false);
    kefu_session* session = nullptr;
    REQUIRE(kefu_session_new(engine, nullptr, 0, &session) == KEFU_OK);
    size_t turn = 0;
    for (const auto& t : conv["turns"]) {
      ++turn;
      json context = conv.value("context", json::object());
      context["reference_time"] = script.value("reference_time", "2026-11-23T10:00:00+08:00");
      if (t.contains("data")) context["data"] = t["data"];
      const std::string say = t.value("say", "");
      char* out = nullptr;
      kefu_status st = kefu_session_turn(session, say.data(), say.size(), context.dump().c_str(), &out);
      if (t.contains("error")) {
        CHECK_MESSAGE(std::string(kefu_status_name(st)) == t["error"].get<std::string>(),
                      file << " \"" << name << "\" turn " << turn);
        continue;
      }
      REQUIRE_MESSAGE(st == KEFU_OK, file << " \"" << name << "\" turn " << turn << ": " << kefu_last_error());
      json r = take_json(out);
      std::string diff = mismatches(t.value("expect", json::object()), r);
      CHECK_MESSAGE(diff.empty(), file << " \"" << name << "\" turn " << turn << " (" << say << "):\n"
                                       << diff << "  result: " << r.dump());
      if (roundtrip && !r["closed"].get<bool>()) session = restore(engine, session);
    }
    kefu_session_free(session);
  }
  kefu_engine_close(engine);
  return covered;
}

// The moves issue #7 asks the scripts to cover.
const std::set<std::string> kMoves = {
    "form", "bare_answer", "validation", "confirm_yes", "confirm_no", "carry_over", "correction", "cancel",
    "switch_resume", "faq_mid_form", "faq", "greeting", "thanks", "goodbye", "clarify", "rephrase",
    "handoff_request", "handoff_failed", "handoff_sentiment", "host_data", "roundtrip", "closed"};

void check_coverage(const std::set<std::string>& covered, const char* file) {
  for (const auto& move : kMoves) CHECK_MESSAGE(covered.count(move), file << " covers no \"" << move << "\" conversation");
}

}  // namespace

TEST_CASE("scripted conversations: Chinese shop bot") {
  auto covered = run_script("shop-zh.json");
  check_coverage(covered, "shop-zh.json");
}

TEST_CASE("scripted conversations: English shop bot") {
  auto covered = run_script("shop-en.json");
  check_coverage(covered, "shop-en.json");
}
