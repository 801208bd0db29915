#include "profile/routing.h"

#include <algorithm>

#include "core/error.h"

namespace kefu::profile {

using nlohmann::json;

namespace {

const char* kDefaultRouting = R"json({
  "urgent_intents": ["payment_problem", "refund", "account", "complaint"],
  "routes": [
    {"name": "vip_urgent", "when": {"tags_any": ["high_value"], "urgent": true},
     "queue": "vip", "channel": "phone", "priority": 1},
    {"name": "upset_customer", "when": {"tags_any": ["recently_angry", "complaint_prone", "repeat_contact"], "handoff": true},
     "queue": "senior_agents", "channel": "phone", "priority": 2},
    {"name": "urgent", "when": {"urgent": true}, "queue": "priority", "channel": "preferred", "priority": 2},
    {"name": "ready_to_buy", "when": {"tags_any": ["high_purchase_intent", "price_sensitive"], "intents": ["product_question", "coupon"]},
     "queue": "sales", "channel": "chat", "priority": 2},
    {"name": "default", "when": {}, "queue": "general", "channel": "preferred", "priority": 3}
  ]})json";

bool has(const std::vector<std::string>& list, const std::string& x) {
  return std::find(list.begin(), list.end(), x) != list.end();
}

std::vector<std::string> strings(const json& v, const std::string& where) {
  if (!v.is_array() || !std::all_of(v.begin(), v.end(), [](const json& x) { return x.is_string(); }))
    fail(KEFU_ERR_INVALID_DATA, where + ": must be an array of strings");
  return v.get<std::vector<std::string>>();
}

}  // namespace

Router Router::parse(const json& given) {
  const json config = given.is_null() ? json::parse(kDefaultRouting) : given;
  if (!config.is_object() || !config.contains("routes") || !config["routes"].is_array())
    fail(KEFU_ERR_INVALID_DATA, "routing: must be {\"urgent_intents\": [...], \"routes\": [...]}");
  Router r;
  if (config.contains("urgent_intents")) r.urgent_intents_ = strings(config["urgent_intents"], "routing.urgent_intents");
  for (size_t i = 0; i < config["routes"].size(); ++i) {
    const json& v = config["routes"][i];
    std::string where = "routing.routes[" + std::to_string(i) + "]";
    if (!v.is_object() || !v.contains("queue") || !v["queue"].is_string())
      fail(KEFU_ERR_INVALID_DATA, where + ": needs a \"queue\"");
    Route route;
    for (const char* key : {"name", "channel"})
      if (v.contains(key) && !v[key].is_string()) fail(KEFU_ERR_INVALID_DATA, where + "." + key + ": must be a string");
    route.name = v.value("name", "route " + std::to_string(i));
    route.queue = v["queue"];
    route.channel = v.value("channel", std::string("preferred"));
    if (v.contains("priority")) {
      if (!v["priority"].is_number_integer() || v["priority"] < 1 || v["priority"] > 9)
        fail(KEFU_ERR_INVALID_DATA, where + ".priority: must be 1 (first) to 9");
      route.priority = v["priority"];
    }
    const json when = v.value("when", json::object());
    for (const auto& item : when.items()) {
      const std::string& k = item.key();
      const json& x = item.value();
      if (k == "tags_any") route.tags_any = strings(x, where + ".when.tags_any");
      else if (k == "intents") route.intents = strings(x, where + ".when.intents");
      else if ((k == "urgent" || k == "handoff") && x.is_boolean()) (k == "urgent" ? route.urgent : route.handoff) = x.get<bool>();
      else if (k == "sentiment_below" && x.is_number()) route.sentiment_below = x.get<float>();
      else fail(KEFU_ERR_INVALID_DATA, where + ".when." + k + ": unknown or mistyped (tags_any, intents, urgent, handoff, sentiment_below)");
    }
    for (const auto& item : v.items())
      if (item.key() != "name" && item.key() != "when" && item.key() != "queue" && item.key() != "channel" &&
          item.key() != "priority")
        fail(KEFU_ERR_INVALID_DATA, where + "." + item.key() + ": unknown key");
    r.routes_.push_back(std::move(route));
  }
  return r;
}

namespace {
// o[key] when o is an object holding a string there, else "": turns come from
// callers and may hold anything.
std::string text_at(const json& o, const char* key) {
  return o.is_object() && o.contains(key) && o[key].is_string() ? o[key].get<std::string>() : "";
}
}  // namespace

json Router::route(const json& turn, const json& tags) const {
  const std::string intent = text_at(turn.contains("intent") ? turn["intent"] : json(), "name");
  const json sentiment = turn.value("sentiment", json());
  const float score = sentiment.is_object() && sentiment.contains("score") && sentiment["score"].is_number()
                          ? sentiment["score"].get<float>() : 0.0f;
  const bool escalate = sentiment.is_object() && sentiment.contains("escalate") && sentiment["escalate"] == true;
  const json handoff = turn.value("handoff", json());
  const bool handing_off = handoff.is_object();
  const bool urgent = has(urgent_intents_, intent) || escalate || (handing_off && text_at(handoff, "reason") == "sentiment");
  std::set<std::string> tag_names;
  std::string preferred;
  for (const auto& t : tags) {
    tag_names.insert(t.value("tag", ""));
    if (t.value("tag", "") == "preferred_channel") preferred = t.value("label", "");
  }
  for (const auto& r : routes_) {
    std::vector<std::string> reasons;
    if (!r.tags_any.empty()) {
      auto it = std::find_if(r.tags_any.begin(), r.tags_any.end(), [&](const std::string& t) { return tag_names.count(t); });
      if (it == r.tags_any.end()) continue;
      reasons.push_back("tag " + *it);
    }
    if (!r.intents.empty()) {
      if (!has(r.intents, intent)) continue;
      reasons.push_back("intent " + intent);
    }
    if (r.urgent) {
      if (*r.urgent != urgent) continue;
      reasons.push_back(urgent ? "urgent" : "not urgent");
    }
    if (r.handoff) {
      if (*r.handoff != handing_off) continue;
      reasons.push_back(handing_off ? "handoff" : "no handoff");
    }
    if (r.sentiment_below) {
      if (!(score < *r.sentiment_below)) continue;
      reasons.push_back("sentiment " + std::to_string(score));
    }
    std::string channel = r.channel == "preferred" ? (preferred.empty() ? "chat" : preferred) : r.channel;
    return {{"route", r.name}, {"queue", r.queue}, {"channel", channel}, {"priority", r.priority},
            {"urgent", urgent}, {"reasons", reasons}};
  }
  return {{"route", nullptr}, {"queue", nullptr}, {"channel", nullptr}, {"priority", nullptr}, {"urgent", urgent},
          {"reasons", json::array()}};
}

}  // namespace kefu::profile
