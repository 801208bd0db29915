// Routing suggestions (渠道智能分流): which queue, channel and priority a
// customer's contact should go to, from the turn (intent, urgency,
// sentiment, handoff) and the profile's tags. Rules are tried in order; the
// first that matches decides.
#pragma once

#include <optional>
#include <set>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace kefu::profile {

struct Route {
  std::string name;
  // Conditions, all of which must hold (an empty list holds).
  std::vector<std::string> tags_any;  // the profile has one of these tags
  std::vector<std::string> intents;   // the turn's intent is one of these
  std::optional<bool> urgent;         // an urgent intent, an escalate verdict or a handoff for sentiment
  std::optional<bool> handoff;        // the turn hands off
  std::optional<float> sentiment_below;
  // The suggestion.
  std::string queue, channel;  // channel "preferred": the preferred_channel tag's label
  int priority = 3;            // 1 is first
};

class Router {
 public:
  // {"urgent_intents": [...], "routes": [...]} or null for the defaults
  // (README "Routing"). KEFU_ERR_INVALID_DATA naming the route.
  static Router parse(const nlohmann::json& config);
  // `turn` is a kefu_session_turn result (or {"intent": {"name"}, "sentiment": {…}});
  // `tags` the profile's tags (JSON objects from Profiles::get, may be empty).
  nlohmann::json route(const nlohmann::json& turn, const nlohmann::json& tags) const;

 private:
  std::vector<std::string> urgent_intents_;
  std::vector<Route> routes_;
};

}  // namespace kefu::profile
