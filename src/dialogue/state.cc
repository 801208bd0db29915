#include "dialogue/state.h"

#include <cinttypes>
#include <cstdio>

#include "core/error.h"
#include "model/binio.h"

namespace kefu::dialogue {

using nlohmann::json;

namespace {

constexpr int kStateVersion = 1;

std::string hex(uint64_t x) {
  char buf[17];
  std::snprintf(buf, sizeof buf, "%016" PRIx64, x);
  return buf;
}

json slots_json(const std::map<std::string, SlotValue>& slots) {
  json out = json::object();
  for (const auto& [name, v] : slots) out[name] = slot_json(v);
  return out;
}

json to_json(const State& s) {
  json forms = json::array();
  for (const auto& f : s.forms)
    forms.push_back({{"intent", f.intent}, {"slots", slots_json(f.slots)}, {"filled_order", f.filled_order},
                     {"asking", f.asking}, {"confirming", f.confirming}});
  json history = json::array();
  for (const auto& l : s.history)
    history.push_back({{"role", l.role}, {"text", l.text}, {"intent", l.intent}, {"action", l.action}});
  json pending = nullptr;
  if (s.pending)
    pending = {{"intent", s.pending->intent}, {"action", s.pending->action}, {"template", s.pending->tmpl},
               {"slots", slots_json(s.pending->slots)}, {"suffix", s.pending->suffix}};
  return {{"kefu_session", kStateVersion},
          {"engine", hex(s.engine)},
          {"turns", s.turns},
          {"variants_used", s.variants_used},
          {"closed", s.closed},
          {"closed_reason", s.closed_reason},
          {"forms", std::move(forms)},
          {"memory", slots_json(s.memory)},
          {"failures", s.failures},
          {"clarify", s.clarify},
          {"clarify_text", s.clarify_text},
          {"unanswered", s.unanswered},
          {"mood", {{"running", s.mood.running}, {"turns", s.mood.turns},
                    {"negative_streak", s.mood.negative_streak}, {"recent", s.mood.recent}}},
          {"mood_trend", s.mood_trend},
          {"channel", s.channel},
          {"customer_id", s.customer_id},
          {"last_intent", s.last_intent},
          {"pending", std::move(pending)},
          {"history", std::move(history)}};
}

// Typed access to a parsed state, naming the path of anything wrong.
class Fields {
 public:
  Fields(const json& obj, std::string path) : obj_(obj), path_(std::move(path)) {
    if (!obj_.is_object()) bad("", "must be an object");
  }
  [[noreturn]] void bad(std::string_view key, const std::string& what) const {
    fail(KEFU_ERR_INVALID_DATA, "session state: " + path_ + (key.empty() ? "" : "." + std::string(key)) + ": " + what);
  }
  const json& at(const char* key) const {
    if (!obj_.contains(key)) bad(key, "missing");
    return obj_[key];
  }
  std::string str(const char* key) const {
    const json& v = at(key);
    if (!v.is_string()) bad(key, "must be a string");
    return v;
  }
  uint32_t count(const char* key) const {
    const json& v = at(key);
    if (!v.is_number_unsigned() || v.get<uint64_t>() > UINT32_MAX) bad(key, "must be a non-negative integer");
    return v;
  }
  float real(const char* key) const {
    const json& v = at(key);
    if (!v.is_number()) bad(key, "must be a number");
    return v.get<float>();
  }
  bool flag(const char* key) const {
    const json& v = at(key);
    if (!v.is_boolean()) bad(key, "must be true or false");
    return v;
  }
  std::vector<std::string> strings(const char* key) const {
    const json& v = at(key);
    if (!v.is_array()) bad(key, "must be an array of strings");
    std::vector<std::string> out;
    for (const auto& x : v) {
      if (!x.is_string()) bad(key, "must be an array of strings");
      out.push_back(x);
    }
    return out;
  }
  std::string path(const char* key) const { return path_ + "." + key; }

 private:
  const json& obj_;
  std::string path_;
};

std::map<std::string, SlotValue> read_slots(const json& v, const std::string& path, const IntentPlan* plan) {
  if (!v.is_object()) fail(KEFU_ERR_INVALID_DATA, "session state: " + path + ": must be an object");
  std::map<std::string, SlotValue> out;
  for (const auto& item : v.items()) {
    std::string at = path + "." + item.key();
    if (plan && !plan->slot(item.key()))
      fail(KEFU_ERR_INVALID_DATA, "session state: " + at + ": intent \"" + plan->name + "\" has no such slot");
    Fields f(item.value(), at);
    out[item.key()] = SlotValue{f.at("value"), f.str("text"), f.str("source")};
  }
  return out;
}

const IntentPlan& known_form(const Config& config, const std::string& intent, const std::string& path) {
  const IntentPlan* plan = config.find(intent);
  if (!plan || !plan->is_form())
    fail(KEFU_ERR_INVALID_DATA, "session state: " + path + ": \"" + intent + "\" is not a form of this bot");
  return *plan;
}

}  // namespace

json slot_json(const SlotValue& v) { return {{"value", v.value}, {"text", v.text}, {"source", v.source}}; }

std::string save_state(const State& state) {
  json j = to_json(state);
  j["checksum"] = hex(checksum64(j.dump()));
  return j.dump();
}

State load_state(std::string_view text, const Config& config, uint64_t engine) {
  json j = json::parse(text, nullptr, false);
  if (j.is_discarded()) fail(KEFU_ERR_INVALID_DATA, "session state: malformed or truncated JSON");
  Fields top(j, "$");
  if (!top.at("kefu_session").is_number_integer() || top.at("kefu_session") != kStateVersion)
    fail(KEFU_ERR_UNSUPPORTED, "session state: $.kefu_session: format " + top.at("kefu_session").dump() +
                                   " is not one this library reads (" + std::to_string(kStateVersion) + ")");
  std::string sum = top.str("checksum");
  j.erase("checksum");
  if (verify_checksums() && sum != hex(checksum64(j.dump())))
    fail(KEFU_ERR_CORRUPT, "session state: checksum mismatch (the state was modified or damaged)");
  if (top.str("engine") != hex(engine))
    fail(KEFU_ERR_INVALID_DATA, "session state: saved by a different engine (" + top.str("engine") +
                                    ", this one is " + hex(engine) + "); start a new session");
  State s;
  s.engine = engine;
  s.turns = top.count("turns");
  s.variants_used = top.count("variants_used");
  s.closed = top.flag("closed");
  s.closed_reason = top.str("closed_reason");
  const json& forms = top.at("forms");
  if (!forms.is_array()) top.bad("forms", "must be an array");
  for (size_t i = 0; i < forms.size(); ++i) {
    std::string path = "$.forms[" + std::to_string(i) + "]";
    Fields f(forms[i], path);
    Form form;
    form.intent = f.str("intent");
    const IntentPlan& plan = known_form(config, form.intent, path + ".intent");
    form.slots = read_slots(f.at("slots"), path + ".slots", &plan);
    form.filled_order = f.strings("filled_order");
    form.asking = f.str("asking");
    if (!form.asking.empty() && !plan.slot(form.asking)) f.bad("asking", "unknown slot \"" + form.asking + "\"");
    form.confirming = f.flag("confirming");
    s.forms.push_back(std::move(form));
  }
  s.memory = read_slots(top.at("memory"), "$.memory", nullptr);
  s.failures = top.count("failures");
  s.clarify = top.strings("clarify");
  for (const auto& intent : s.clarify)
    if (!config.find(intent)) top.bad("clarify", "unknown intent \"" + intent + "\"");
  s.clarify_text = top.str("clarify_text");
  s.unanswered = top.strings("unanswered");
  Fields mood(top.at("mood"), "$.mood");
  s.mood.running = mood.real("running");
  s.mood.turns = mood.count("turns");
  s.mood.negative_streak = mood.count("negative_streak");
  const json& recent = mood.at("recent");
  if (!recent.is_array() || recent.size() > 16) mood.bad("recent", "must be a short array of numbers");
  for (const auto& x : recent) {
    if (!x.is_number()) mood.bad("recent", "must be a short array of numbers");
    s.mood.recent.push_back(x.get<float>());
  }
  s.mood_trend = top.real("mood_trend");
  s.channel = top.str("channel");
  s.customer_id = top.str("customer_id");
  s.last_intent = top.str("last_intent");
  if (!top.at("pending").is_null()) {
    Fields p(top.at("pending"), "$.pending");
    Pending pending{p.str("intent"), p.str("action"), p.str("template"), {}, p.str("suffix")};
    pending.slots = read_slots(p.at("slots"), "$.pending.slots", &known_form(config, pending.intent, "$.pending.intent"));
    s.pending = std::move(pending);
  }
  const json& history = top.at("history");
  if (!history.is_array()) top.bad("history", "must be an array");
  for (size_t i = 0; i < history.size(); ++i) {
    Fields l(history[i], "$.history[" + std::to_string(i) + "]");
    Line line{l.str("role"), l.str("text"), l.str("intent"), l.str("action")};
    if (line.role != "customer" && line.role != "bot") l.bad("role", "must be \"customer\" or \"bot\"");
    s.history.push_back(std::move(line));
  }
  return s;
}

}  // namespace kefu::dialogue
