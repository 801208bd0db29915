// One conversation's state: the forms in progress, what was said, failure
// counts, the sentiment trend. Plain data that serializes to JSON and back
// exactly, so a stateless server can keep it anywhere between turns.
#pragma once

#include <cstdint>
#include <deque>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "dialogue/config.h"
#include "sentiment/tracker.h"

namespace kefu::dialogue {

struct SlotValue {
  nlohmann::json value;  // resolved value (string, or a built-in's structured value)
  std::string text;      // what the customer wrote
  std::string source;    // "entity" | "tagger" | "text" | "context"
};

struct Form {
  std::string intent;
  std::map<std::string, SlotValue> slots;
  std::vector<std::string> filled_order;  // slot names, most recently filled last
  std::string asking;                     // the slot last asked for ("" if none)
  bool confirming = false;
};

struct Line {
  std::string role;  // "customer" | "bot"
  std::string text;
  std::string intent;  // customer lines: what was understood
  std::string action;  // bot lines
};

// A reply that waits for data from the host ("订单{order_id}：{data.status}").
struct Pending {
  std::string intent;
  std::string action;
  std::string tmpl;
  std::map<std::string, SlotValue> slots;
  std::string suffix;  // said after it (resuming an interrupted form)
};

struct State {
  uint64_t engine = 0;  // fingerprint of the engine that made it
  uint32_t turns = 0;
  uint32_t variants_used = 0;  // picks the next template variant
  bool closed = false;
  std::string closed_reason;
  std::vector<Form> forms;                  // the active form is the last one
  std::map<std::string, SlotValue> memory;  // slot values given earlier, for carry-over
  uint32_t failures = 0;                    // failed turns in a row
  std::vector<std::string> clarify;         // intents offered by "您是想…还是…"
  std::string clarify_text;                 // the message that was unclear
  std::vector<std::string> unanswered;
  sentiment::TrackerState mood;
  float mood_trend = 0;
  std::string channel, customer_id;
  std::string last_intent;
  std::optional<Pending> pending;
  std::deque<Line> history;

  Form* active() { return forms.empty() ? nullptr : &forms.back(); }
};

// JSON with a checksum, so that a damaged or edited state is refused.
std::string save_state(const State& state);
// Parses and checks the state against `config`; errors name the JSON path.
State load_state(std::string_view json, const Config& config, uint64_t engine);

nlohmann::json slot_json(const SlotValue& v);

}  // namespace kefu::dialogue
