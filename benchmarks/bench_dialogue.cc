// Dialogue speed and memory through the C ABI with a bundled bot: the cost of
// one turn (p50/p99, one thread) replaying the scripted conversations, the
// cost of saving and restoring a session, and 10,000 live sessions in one
// process (resident memory per session, saved state size).
//
// usage: bench_dialogue [BOT.json [CONVERSATIONS.json]]
//        (default: the source tree's examples/bots/shop-zh.json and
//         tests/conversations/shop-zh.json)
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "kefu/kefu.h"

namespace {

using nlohmann::json;
using Clock = std::chrono::steady_clock;

std::string slurp(const std::string& path) {
  std::ifstream in(path);
  if (!in) {
    std::fprintf(stderr, "bench_dialogue: cannot read %s\n", path.c_str());
    std::exit(1);
  }
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

void check(kefu_status st, const char* what) {
  if (st == KEFU_OK) return;
  std::fprintf(stderr, "bench_dialogue: %s: %s\n", what, kefu_last_error());
  std::exit(1);
}

double resident_mb() {
  std::ifstream statm("/proc/self/statm");
  long pages = 0, resident = 0;
  statm >> pages >> resident;
  return static_cast<double>(resident) * 4096.0 / (1 << 20);
}

struct Turn {
  std::string text;
  std::string context;
};
using Conversation = std::vector<Turn>;

std::vector<Conversation> conversations(const json& script) {
  std::vector<Conversation> out;
  for (const auto& c : script["conversations"]) {
    Conversation conv;
    for (const auto& t : c["turns"]) {
      if (t.contains("error")) continue;
      json ctx = {{"reference_time", script.value("reference_time", "2026-11-23T10:00:00+08:00")}};
      if (t.contains("data")) ctx["data"] = t["data"];
      conv.push_back({t.value("say", ""), ctx.dump()});
    }
    out.push_back(std::move(conv));
  }
  return out;
}

// Runs a conversation; stops where the session closes. Returns turns run.
size_t replay(kefu_engine* engine, const Conversation& conv, std::vector<double>* us) {
  kefu_session* s = nullptr;
  check(kefu_session_new(engine, nullptr, 0, &s), "session_new");
  size_t n = 0;
  for (const auto& t : conv) {
    char* out = nullptr;
    auto a = Clock::now();
    check(kefu_session_turn(s, t.text.data(), t.text.size(), t.context.c_str(), &out), "turn");
    if (us) us->push_back(std::chrono::duration<double, std::micro>(Clock::now() - a).count());
    bool closed = std::string_view(out).find("\"closed\":true") != std::string_view::npos;
    kefu_string_free(out);
    ++n;
    if (closed) break;
  }
  kefu_session_free(s);
  return n;
}

void print_latency(const char* name, std::vector<double> us, double seconds) {
  std::sort(us.begin(), us.end());
  std::printf("{\"bench\": \"%s\", \"n\": %zu, \"p50_us\": %.1f, \"p99_us\": %.1f, \"per_s\": %.0f}\n", name, us.size(),
              us[us.size() / 2], us[us.size() * 99 / 100], static_cast<double>(us.size()) / seconds);
}

}  // namespace

int main(int argc, char** argv) {
  const std::string src = KEFU_SOURCE_DIR;
  const std::string bot_path = argc > 1 ? argv[1] : src + "/examples/bots/shop-zh.json";
  const std::string script_path = argc > 2 ? argv[2] : src + "/tests/conversations/shop-zh.json";
  const std::string bot = slurp(bot_path);
  auto script = conversations(json::parse(slurp(script_path)));

  kefu_engine* engine = nullptr;
  auto t0 = Clock::now();
  check(kefu_engine_train(bot.data(), bot.size(), nullptr, &engine), "train");
  double train_s = std::chrono::duration<double>(Clock::now() - t0).count();
  std::printf("{\"bench\": \"train_bot\", \"bot\": \"%s\", \"seconds\": %.3f}\n", bot_path.c_str(), train_s);

  for (const auto& c : script) replay(engine, c, nullptr);  // warm up
  std::vector<double> us;
  auto start = Clock::now();
  for (int round = 0; round < 20; ++round)
    for (const auto& c : script) replay(engine, c, &us);
  print_latency("turn", us, std::chrono::duration<double>(Clock::now() - start).count());

  // Save and restore between turns, as a stateless server does.
  {
    kefu_session* s = nullptr;
    check(kefu_session_new(engine, nullptr, 0, &s), "session_new");
    const Conversation& longest = *std::max_element(script.begin(), script.end(),
                                                    [](const auto& a, const auto& b) { return a.size() < b.size(); });
    for (size_t i = 0; i + 1 < longest.size(); ++i) {
      char* out = nullptr;
      check(kefu_session_turn(s, longest[i].text.data(), longest[i].text.size(), longest[i].context.c_str(), &out), "turn");
      kefu_string_free(out);
    }
    std::vector<double> save_us;
    size_t bytes = 0;
    auto begin = Clock::now();
    for (int i = 0; i < 2000; ++i) {
      auto a = Clock::now();
      char* state = nullptr;
      check(kefu_session_save(s, &state), "save");
      kefu_session* back = nullptr;
      bytes = std::strlen(state);
      check(kefu_session_new(engine, state, bytes, &back), "restore");
      kefu_string_free(state);
      kefu_session_free(back);
      save_us.push_back(std::chrono::duration<double, std::micro>(Clock::now() - a).count());
    }
    print_latency("save_and_restore", save_us, std::chrono::duration<double>(Clock::now() - begin).count());
    std::printf("{\"bench\": \"state_bytes\", \"turns\": %zu, \"bytes\": %zu}\n", longest.size() - 1, bytes);
    kefu_session_free(s);
  }

  // 10,000 concurrent conversations, each a few turns in.
  {
    const size_t n = 10000;
    std::vector<kefu_session*> sessions(n, nullptr);
    double before = resident_mb();
    size_t state_bytes = 0;
    for (size_t i = 0; i < n; ++i) {
      check(kefu_session_new(engine, nullptr, 0, &sessions[i]), "session_new");
      const Conversation& c = script[i % script.size()];
      for (size_t k = 0; k + 1 < c.size() && k < 3; ++k) {
        char* out = nullptr;
        check(kefu_session_turn(sessions[i], c[k].text.data(), c[k].text.size(), c[k].context.c_str(), &out), "turn");
        bool closed = std::string_view(out).find("\"closed\":true") != std::string_view::npos;
        kefu_string_free(out);
        if (closed) break;
      }
      char* state = nullptr;
      check(kefu_session_save(sessions[i], &state), "save");
      state_bytes += std::strlen(state);
      kefu_string_free(state);
    }
    double after = resident_mb();
    std::printf("{\"bench\": \"sessions\", \"n\": %zu, \"rss_mb\": %.1f, \"kb_per_session\": %.2f, \"state_bytes_avg\": %zu}\n",
                n, after, (after - before) * 1024.0 / static_cast<double>(n), state_bytes / n);
    for (auto* s : sessions) kefu_session_free(s);
  }
  kefu_engine_close(engine);
  return 0;
}
