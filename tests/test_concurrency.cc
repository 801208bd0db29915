// Everything at once, through the C ABI: threads parse and hold conversations
// on one shared engine while others change a durable knowledge base and
// record customer events, for KEFU_CONCURRENCY_SECONDS (default 3). Every
// result is checked against the same call made on one thread beforehand (or,
// for profiles, a single-threaded replay afterwards). Run under
// ThreadSanitizer too (README "Reliability").
#include <doctest/doctest.h>

#include <atomic>
#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <mutex>
#include <sstream>
#include <thread>
#include <vector>

#include "capi_helpers.h"

using nlohmann::json;

namespace {

using Clock = std::chrono::steady_clock;

std::string read_file(const std::string& path) {
  std::ifstream in(path);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

// Failures seen by worker threads, reported by the main thread (doctest's
// assertions are for the main thread).
struct Failures {
  std::mutex mu;
  std::vector<std::string> list;
  void add(const std::string& what) {
    std::lock_guard<std::mutex> lock(mu);
    if (list.size() < 20) list.push_back(what);
  }
};

// Takes `out` by reference: it is read after the call that fills it.
std::string take(kefu_status st, char*& out) {
  if (st != KEFU_OK) return std::string("error ") + kefu_status_name(st) + ": " + kefu_last_error();
  std::string s = out;
  kefu_string_free(out);
  return s;
}

struct Turn {
  std::string say, context;
};
using Conversation = std::vector<Turn>;

std::vector<std::string> play(const kefu_engine* engine, const Conversation& conv) {
  std::vector<std::string> outputs;
  kefu_session* session = nullptr;
  if (kefu_session_new(engine, nullptr, 0, &session) != KEFU_OK) return {"session_new failed"};
  for (const Turn& t : conv) {
    char* out = nullptr;
    outputs.push_back(take(kefu_session_turn(session, t.say.data(), t.say.size(), t.context.c_str(), &out), out));
  }
  kefu_session_free(session);
  return outputs;
}

std::string parse(const kefu_engine* engine, const std::string& text, const std::string& options) {
  char* out = nullptr;
  return take(kefu_parse(engine, text.data(), text.size(), options.c_str(), &out), out);
}

std::string top_hit(const kefu_kb* kb, const std::string& query) {
  char* out = nullptr;
  if (kefu_kb_search(kb, query.data(), query.size(), nullptr, &out) != KEFU_OK) return "error";
  json r = take_json(out);
  return r["results"].empty() ? "" : r["results"][0]["id"].get<std::string>();
}

// What a profile says, without the sequence numbers that depend on how
// threads interleaved.
json profile_summary(const kefu_profiles* p, const std::string& who) {
  char* out = nullptr;
  if (kefu_profiles_get(p, who.c_str(), R"({"as_of": 1700400000})", &out) != KEFU_OK)
    return kefu_last_error();
  json r = take_json(out);
  json tags = json::array();
  for (const auto& t : r["tags"]) tags.push_back({t["tag"], t["value"], t.value("label", json())});
  return {{"events", r["events"]}, {"identifiers", r["identifiers"]}, {"tags", tags}};
}

std::string event(int thread, int n) {
  static const char* types[] = {"page_view", "purchase", "complaint", "call", "turn"};
  const int customer = n % 25;
  json e = {{"customer", {{"phone", "1390000" + std::to_string(thread) + std::to_string(100 + customer)}}},
            {"type", types[n % 5]},
            {"time", 1700000000 + n * 60},  // a minute apart, from 2023-11-14 (in the past on any clock)
            {"channel", n % 2 ? "app" : "phone"}};
  if (n % 5 == 0) e["attributes"] = {{"page", n % 3 ? "product" : "pricing"}};
  if (n % 5 == 1) e["attributes"] = {{"amount", 100 + n % 400}, {"product", "p" + std::to_string(n % 7)}};
  if (n % 5 == 2 || n % 5 == 3) e["attributes"] = {{"topic", "t" + std::to_string(n % 3)}};
  if (n % 5 == 4) e["attributes"] = {{"intent", "refund"}, {"sentiment", -0.1 * (n % 9)}};
  return e.dump();
}

}  // namespace

TEST_CASE("concurrency: parse, sessions, knowledge-base writes and profile events at once" * doctest::test_suite("threads")) {
  const double seconds = std::getenv("KEFU_CONCURRENCY_SECONDS") ? std::atof(std::getenv("KEFU_CONCURRENCY_SECONDS")) : 3;
  const std::string bot = read_file(std::string(KEFU_SOURCE_DIR) + "/examples/bots/shop-zh.json");
  kefu_engine* engine = nullptr;
  REQUIRE(kefu_engine_train(bot.data(), bot.size(), nullptr, &engine) == KEFU_OK);

  // The single-threaded reference: conversations and parses.
  const json script = json::parse(read_file(std::string(KEFU_SOURCE_DIR) + "/tests/conversations/shop-zh.json"));
  std::vector<Conversation> conversations;
  std::vector<std::string> messages;
  for (const auto& conv : script["conversations"]) {
    Conversation c;
    for (const auto& t : conv["turns"]) {
      json context = conv.value("context", json::object());
      context["reference_time"] = script["reference_time"];
      if (t.contains("data")) context["data"] = t["data"];
      c.push_back({t.value("say", ""), context.dump()});
      if (!c.back().say.empty()) messages.push_back(c.back().say);
    }
    conversations.push_back(c);
  }
  const std::string parse_options = json{{"reference_time", script["reference_time"]}}.dump();
  std::vector<std::vector<std::string>> expected_turns;
  for (const auto& c : conversations) expected_turns.push_back(play(engine, c));
  std::vector<std::string> expected_parses;
  for (const auto& m : messages) expected_parses.push_back(parse(engine, m, parse_options));

  // A durable knowledge base holding the bot's FAQ, and what each question finds.
  const auto dir = std::filesystem::temp_directory_path() / ("kefu-concurrency-" + std::to_string(::getpid()));
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  kefu_kb* kb = nullptr;
  REQUIRE(kefu_kb_open((dir / "kb").c_str(), nullptr, &kb) == KEFU_OK);
  std::vector<std::pair<std::string, std::string>> faq;  // question, top hit
  const json bot_faq = json::parse(bot)["faq"];
  for (const auto& e : bot_faq) {
    const std::string entry = e.dump();
    REQUIRE(kefu_kb_upsert(kb, entry.data(), entry.size()) == KEFU_OK);
    faq.push_back({e["question"], ""});
  }
  for (auto& [q, hit] : faq) hit = top_hit(kb, q);

  kefu_profiles* profiles = nullptr;
  REQUIRE(kefu_profiles_open((dir / "profiles").c_str(), nullptr, &profiles) == KEFU_OK);

  Failures failures;
  std::atomic<bool> stop{false};
  std::atomic<long> turns{0}, parses{0}, kb_writes{0}, kb_searches{0}, events{0};
  std::vector<std::vector<std::string>> recorded(2);  // events per profile writer, in order
  std::vector<std::thread> threads;

  for (int t = 0; t < 2; ++t)  // conversations
    threads.emplace_back([&, t] {
      for (size_t i = t; !stop; i = (i + 1) % conversations.size()) {
        if (play(engine, conversations[i]) != expected_turns[i]) failures.add("conversation " + std::to_string(i) + " differs");
        turns += static_cast<long>(conversations[i].size());
      }
    });
  for (int t = 0; t < 2; ++t)  // parses
    threads.emplace_back([&, t] {
      for (size_t i = t * 7; !stop; i = (i + 1) % messages.size(), ++parses)
        if (parse(engine, messages[i], parse_options) != expected_parses[i]) failures.add("parse of " + messages[i] + " differs");
    });
  for (int t = 0; t < 2; ++t)  // knowledge-base writers: their own entries, read back at once
    threads.emplace_back([&, t] {
      for (int n = 0; !stop; ++n, ++kb_writes) {
        const std::string id = "w" + std::to_string(t) + "-" + std::to_string(n);
        const std::string token = "zqx" + std::to_string(t) + "k" + std::to_string(n);
        const std::string entry = json{{"id", id}, {"question", token + " vvq"}, {"answer", "a" + std::to_string(n)}}.dump();
        if (kefu_kb_upsert(kb, entry.data(), entry.size()) != KEFU_OK) failures.add(std::string("upsert: ") + kefu_last_error());
        if (top_hit(kb, token) != id) failures.add("a new entry is not the next search's top hit: " + id);
        if (n >= 10) {
          const std::string old = "w" + std::to_string(t) + "-" + std::to_string(n - 10);
          if (kefu_kb_delete(kb, old.c_str()) != KEFU_OK) failures.add("delete " + old);
          char* out = nullptr;
          if (kefu_kb_get(kb, old.c_str(), &out) != KEFU_ERR_NOT_FOUND) failures.add("deleted entry still there: " + old);
        }
      }
    });
  threads.emplace_back([&] {  // knowledge-base reader
    for (size_t i = 0; !stop; i = (i + 1) % faq.size(), ++kb_searches)
      if (std::string hit = top_hit(kb, faq[i].first); hit != faq[i].second)
        failures.add("search for " + faq[i].first + " found " + hit + ", not " + faq[i].second);
  });
  for (int t = 0; t < 2; ++t)  // profile writers
    threads.emplace_back([&, t] {
      for (int n = 0; !stop && n < 5000; ++n, ++events) {
        recorded[t].push_back(event(t, n));
        const std::string& e = recorded[t].back();
        if (kefu_profiles_record(profiles, e.data(), e.size(), nullptr) != KEFU_OK)
          failures.add(std::string("record: ") + kefu_last_error());
      }
    });

  std::this_thread::sleep_for(std::chrono::duration<double>(seconds));
  stop = true;
  for (auto& th : threads) th.join();
  for (const auto& f : failures.list) FAIL_CHECK(f);
  MESSAGE(threads.size() << " threads for " << seconds << " s: " << turns.load() << " turns, " << parses.load()
                         << " parses, " << kb_writes.load() << " durable KB writes, " << kb_searches.load()
                         << " searches, " << events.load() << " events");
  CHECK(turns > 0);
  CHECK(parses > 0);
  CHECK(kb_writes > 10);
  CHECK(events > 0);

  // Profiles: the same events recorded on one thread give the same profiles,
  // and so does the store reopened from disk.
  kefu_profiles* replay = nullptr;
  REQUIRE(kefu_profiles_open(nullptr, nullptr, &replay) == KEFU_OK);
  for (const auto& list : recorded)
    for (const auto& e : list) REQUIRE(kefu_profiles_record(replay, e.data(), e.size(), nullptr) == KEFU_OK);
  kefu_profiles_close(profiles);
  REQUIRE(kefu_profiles_open((dir / "profiles").c_str(), nullptr, &profiles) == KEFU_OK);
  for (int t = 0; t < 2; ++t)
    for (int c = 0; c < 25; ++c) {
      const std::string who = "phone:1390000" + std::to_string(t) + std::to_string(100 + c);
      CHECK_MESSAGE(profile_summary(profiles, who) == profile_summary(replay, who), who);
    }
  kefu_profiles_close(replay);
  kefu_profiles_close(profiles);
  kefu_kb_close(kb);
  kefu_engine_close(engine);
  std::filesystem::remove_all(dir);
}
