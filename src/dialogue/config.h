// What a bot definition says about conversations: forms (slots, prompts,
// validation, confirmation), responses, the handoff policy and sentiment
// thresholds. Built once when the engine is trained or loaded, read-only
// afterwards, shared by every session of the engine.
#pragma once

#include <algorithm>
#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "sentiment/tracker.h"

namespace re2 {
class RE2;
}

namespace kefu::dialogue {

using Variants = std::vector<std::string>;  // templates; one is picked per use

struct Validation {
  std::shared_ptr<const re2::RE2> pattern;  // must match the whole value
  std::vector<std::string> values;          // allowed values (empty: any)
  std::optional<double> min, max;           // numbers and amounts
  std::string message;                      // said when a value is rejected
};

// Asks a slot only when another slot holds one of some values.
struct Condition {
  std::string slot;
  std::vector<std::string> equals;
};

struct FormSlot {
  std::string name;
  std::string entity;  // entity or built-in type; empty: free text
  bool required = false;
  bool carry_over = true;
  Variants prompts;
  Validation validate;
  std::optional<Condition> ask_if;
};

struct IntentPlan {
  std::string name;
  std::string title;  // human name, for "您是想…还是…" and resuming
  std::vector<FormSlot> slots;
  Variants confirm;
  std::string action;  // host action to run when the form completes
  Variants reply, done, cancelled;
  bool handoff = false;  // recognizing it transfers to a human
  bool end = false;      // recognizing it ends the conversation
  bool deny_cancels = false;  // "no" to the confirmation drops the task ("取消订单…吗？" "不")
                              // instead of asking what to change

  // A task to carry out: a host action or slots that must be asked.
  bool is_form() const {
    return !action.empty() || std::any_of(slots.begin(), slots.end(), [](const FormSlot& s) { return s.required; });
  }
  const FormSlot* slot(const std::string& name) const;
};

struct HandoffPolicy {
  bool on_request = true;       // 转人工, "talk to a human", handoff intents
  uint32_t max_failed_turns = 2;  // this many failed turns in a row, then the next one hands off
  float min_confidence = 0.5f;  // an intent below this is not understood
  bool on_escalate = true;      // the sentiment tracker's verdict
  bool on_no_answer = false;    // an unserved question the knowledge base cannot answer
  // Intents the bot serves even when the message carries an escalation cue
  // (the complaint form: "我要投诉" should reach it), unless the mood is bad too.
  std::vector<std::string> serve_despite_cues;
};

struct Config {
  std::string language = "mixed";  // picks the built-in system messages
  std::vector<IntentPlan> intents;
  HandoffPolicy handoff;
  sentiment::TrackerOptions sentiment;
  std::map<std::string, Variants> responses;  // system messages (defaults merged in)
  bool random_variants = false;
  uint64_t seed = 0;
  uint32_t max_history = 50;  // turns kept in the transcript
  float switch_confidence = 0.7f;  // leaving an unfinished form takes this much

  const IntentPlan* find(const std::string& intent) const;
  const Variants& response(const std::string& key) const;
};

// Reads the dialogue parts of a bot definition. Problems are appended to
// `errors` with their JSON paths. `entities` are the bot's entity names.
std::shared_ptr<const Config> build_config(const nlohmann::json& bot,
                                           const std::vector<std::string>& entities,
                                           std::vector<std::string>& errors);

// A config for intents trained from plain data: every intent answers by name only.
std::shared_ptr<const Config> plain_config(const std::vector<std::string>& intents);

}  // namespace kefu::dialogue
