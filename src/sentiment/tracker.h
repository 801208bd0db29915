// Conversation-level sentiment: a running score over a customer's messages,
// its trend, and the verdict that the customer should be handed to a person.
//
// The state is a small value the caller keeps between turns (as JSON at the
// C boundary), so a stateless server can hold it anywhere.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "sentiment/scorer.h"

namespace kefu::sentiment {

struct TrackerOptions {
  float decay = 0.6f;            // weight of the past in the running score
  float escalate_below = -0.6f;  // running score at or below this escalates
  float sharp_drop = 0.8f;       // a message this far below the running score before it
  float anger = 0.7f;            // a message's anger intensity at or above this
  uint32_t negative_turns = 3;   // this many negative messages in a row
};

struct TrackerState {
  float running = 0;
  uint32_t turns = 0;
  uint32_t negative_streak = 0;
  std::vector<float> recent;  // the last scores, oldest first (at most 5)
};

struct Verdict {
  float running = 0;
  float trend = 0;  // least-squares slope of the recent scores per turn
  bool escalate = false;
  std::vector<std::string> reasons;  // escalation_cue, anger, sharp_drop, negative_streak, below_threshold
};

// Folds one message's result into `state` and judges the conversation.
Verdict track(TrackerState& state, const Result& message, const TrackerOptions& options);

}  // namespace kefu::sentiment
