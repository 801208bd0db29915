// One turn of a conversation: what the customer said, folded into the
// session state, and what the bot does next (answer, ask, confirm, done,
// fallback or hand off to a human).
#pragma once

#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "core/reftime.h"
#include "dialogue/state.h"
#include "model/engine.h"

namespace kefu::dialogue {

struct TurnInput {
  std::string_view text;
  RefTime now{};
  nlohmann::json data;  // host data for a reply waiting on it ({"status": "已发货"}), or null
  std::string channel, customer_id;
};

// Runs one turn. KEFU_ERR_STATE on a closed session; the state is unchanged
// when an error is thrown.
nlohmann::json run_turn(const model::Engine& engine, State& state, const TurnInput& input);

}  // namespace kefu::dialogue
