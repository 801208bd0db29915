#include "dialogue/config.h"

#include <algorithm>
#include <functional>
#include <set>

#include <re2/re2.h>

#include "core/error.h"
#include "dialogue/templates.h"
#include "entity/builtin.h"

namespace kefu::dialogue {

using nlohmann::json;

const FormSlot* IntentPlan::slot(const std::string& name) const {
  for (const auto& s : slots)
    if (s.name == name) return &s;
  return nullptr;
}

const IntentPlan* Config::find(const std::string& intent) const {
  for (const auto& plan : intents)
    if (plan.name == intent) return &plan;
  return nullptr;
}

const Variants& Config::response(const std::string& key) const {
  static const Variants kNone;
  auto it = responses.find(key);
  return it == responses.end() ? kNone : it->second;
}

namespace {

constexpr int64_t kPatternMemory = 1 << 20;

// Reads the members of `obj` into typed fields, reporting wrong types and
// unknown keys with their paths.
class Reader {
 public:
  Reader(const json& obj, std::string path, std::vector<std::string>& errors)
      : obj_(obj), path_(std::move(path)), errors_(errors) {}

  void keys(std::initializer_list<std::string_view> known) {
    for (const auto& item : obj_.items())
      if (std::find(known.begin(), known.end(), item.key()) == known.end())
        error(item.key(), "unknown key");
  }
  void error(std::string_view key, const std::string& what) {
    errors_.push_back(path_ + (key.empty() ? "" : "." + std::string(key)) + ": " + what);
  }
  std::string at(std::string_view key) const { return path_ + "." + std::string(key); }
  bool has(const char* key) const { return obj_.contains(key); }

  void boolean(const char* key, bool& out) {
    if (!has(key)) return;
    if (obj_[key].is_boolean()) out = obj_[key];
    else error(key, "must be true or false");
  }
  void number(const char* key, double lo, double hi, const std::function<void(double)>& set) {
    if (!has(key)) return;
    if (!obj_[key].is_number() || obj_[key].get<double>() < lo || obj_[key].get<double>() > hi)
      error(key, "must be a number from " + std::to_string(lo) + " to " + std::to_string(hi));
    else set(obj_[key].get<double>());
  }
  void string(const char* key, std::string& out) {
    if (!has(key)) return;
    if (obj_[key].is_string()) out = obj_[key];
    else error(key, "must be a string");
  }
  // A template or an array of template variants, each using only `allowed`
  // placeholders (a name ending in ".*" allows any name with that prefix).
  void variants(const char* key, Variants& out, const std::vector<std::string>& allowed,
                const std::string& owner) {
    if (!has(key)) return;
    const json& v = obj_[key];
    json list = v.is_string() ? json::array({v}) : v;
    if (!list.is_array() || list.empty()) {
      error(key, "must be a string or a non-empty array of strings");
      return;
    }
    for (size_t i = 0; i < list.size(); ++i) {
      std::string path = v.is_string() ? at(key) : at(key) + "[" + std::to_string(i) + "]";
      if (!list[i].is_string()) {
        errors_.push_back(path + ": must be a string");
        continue;
      }
      const std::string& text = list[i].get_ref<const std::string&>();
      try {
        for (const auto& name : placeholders(text))
          if (!allows(allowed, name))
            errors_.push_back(path + ": \"{" + name + "}\" is not " + owner);
      } catch (const Error& e) {
        errors_.push_back(path + ": " + e.what());
      }
      out.push_back(text);
    }
  }

 private:
  static bool allows(const std::vector<std::string>& allowed, const std::string& name) {
    for (const auto& a : allowed) {
      if (a == name) return true;
      if (a.size() > 1 && a.back() == '*' && name.size() > a.size() - 1 &&
          name.compare(0, a.size() - 1, a, 0, a.size() - 1) == 0)
        return true;
    }
    return false;
  }
  const json& obj_;
  std::string path_;
  std::vector<std::string>& errors_;
};

std::vector<std::string> string_list(const json& v) {
  std::vector<std::string> out;
  for (const auto& item : v.is_array() ? v : json::array({v}))
    if (item.is_string()) out.push_back(item);
  return out;
}

bool is_string_list(const json& v) {
  if (v.is_string()) return true;
  return v.is_array() && !v.empty() && std::all_of(v.begin(), v.end(), [](const json& x) { return x.is_string(); });
}

Validation read_validation(const json& v, const std::string& path, std::vector<std::string>& errors) {
  Validation out;
  if (!v.is_object()) {
    errors.push_back(path + ": must be an object");
    return out;
  }
  Reader r(v, path, errors);
  r.keys({"pattern", "values", "min", "max", "message"});
  if (r.has("pattern")) {
    if (!v["pattern"].is_string()) {
      r.error("pattern", "must be a string");
    } else {
      re2::RE2::Options options;
      options.set_max_mem(kPatternMemory);
      options.set_log_errors(false);
      auto re = std::make_shared<re2::RE2>(v["pattern"].get<std::string>(), options);
      if (!re->ok()) r.error("pattern", "invalid RE2 pattern: " + re->error());
      else out.pattern = std::move(re);
    }
  }
  if (r.has("values")) {
    if (!is_string_list(v["values"])) r.error("values", "must be an array of strings");
    else out.values = string_list(v["values"]);
  }
  r.number("min", -1e15, 1e15, [&](double x) { out.min = x; });
  r.number("max", -1e15, 1e15, [&](double x) { out.max = x; });
  if (out.min && out.max && *out.min > *out.max) r.error("min", "is above \"max\"");
  r.string("message", out.message);
  return out;
}

// Slots whose "ask_if" conditions form a cycle can never be asked.
void check_conditions(const IntentPlan& plan, const std::string& path, std::vector<std::string>& errors) {
  for (const auto& s : plan.slots) {
    std::set<std::string> seen{s.name};
    for (const FormSlot* at = &s; at->ask_if;) {
      const FormSlot* next = plan.slot(at->ask_if->slot);
      if (!next) break;  // reported where it is read
      if (!seen.insert(next->name).second) {
        errors.push_back(path + ": slot \"" + s.name + "\" depends on itself through \"ask_if\"");
        break;
      }
      at = next;
    }
  }
}

FormSlot read_slot(const json& v, const std::string& path, const std::set<std::string>& types,
                   const std::vector<std::string>& slot_names, std::vector<std::string>& errors) {
  FormSlot slot;
  if (!v.is_object() || !v.contains("name") || !v["name"].is_string()) return slot;  // reported by the parser
  Reader r(v, path, errors);
  r.keys({"name", "entity", "required", "prompt", "validate", "carry_over", "ask_if", "description"});
  slot.name = v["name"];
  r.string("entity", slot.entity);
  if (!slot.entity.empty() && !types.count(slot.entity))
    r.error("entity", "unknown entity \"" + slot.entity + "\" (not in $.entities and not a built-in type)");
  r.boolean("required", slot.required);
  r.boolean("carry_over", slot.carry_over);
  r.variants("prompt", slot.prompts, slot_names, "a slot of this intent");
  if (slot.required && slot.prompts.empty()) r.error("prompt", "required slot \"" + slot.name + "\" needs a prompt");
  if (r.has("validate")) slot.validate = read_validation(v["validate"], r.at("validate"), errors);
  if (r.has("ask_if")) {
    const json& c = v["ask_if"];
    if (!c.is_object() || !c.contains("slot") || !c["slot"].is_string() || !c.contains("equals") ||
        !is_string_list(c["equals"]))
      r.error("ask_if", "must be {\"slot\": NAME, \"equals\": VALUE or [VALUES]}");
    else slot.ask_if = Condition{c["slot"], string_list(c["equals"])};
  }
  return slot;
}

IntentPlan read_intent(const json& v, const std::string& path, const std::set<std::string>& types,
                       std::vector<std::string>& errors) {
  IntentPlan plan;
  plan.name = v.contains("name") && v["name"].is_string() ? v["name"].get<std::string>() : "";  // bot.cc reports it
  Reader r(v, path, errors);
  r.string("title", plan.title);
  if (plan.title.empty()) plan.title = v.contains("description") && v["description"].is_string()
                                           ? v["description"].get<std::string>() : plan.name;
  std::vector<std::string> slot_names;
  const json& slots = v.contains("slots") && v["slots"].is_array() ? v["slots"] : json::array();
  for (const auto& s : slots)
    if (s.is_object() && s.contains("name") && s["name"].is_string()) slot_names.push_back(s["name"]);
  for (size_t k = 0; k < slots.size(); ++k)
    plan.slots.push_back(read_slot(slots[k], path + ".slots[" + std::to_string(k) + "]", types, slot_names, errors));
  for (const auto& s : plan.slots)
    if (s.ask_if && !plan.slot(s.ask_if->slot))
      errors.push_back(path + ".slots: \"ask_if\" of \"" + s.name + "\" names unknown slot \"" + s.ask_if->slot + "\"");
  check_conditions(plan, path, errors);
  const std::string owner = "a slot of intent \"" + plan.name + "\"";
  r.variants("confirm", plan.confirm, slot_names, owner);
  r.string("action", plan.action);
  r.boolean("handoff", plan.handoff);
  r.boolean("end", plan.end);
  if (r.has("on_deny")) {
    if (v["on_deny"] == "change" || v["on_deny"] == "cancel") plan.deny_cancels = v["on_deny"] == "cancel";
    else r.error("on_deny", "must be \"change\" (ask what to change) or \"cancel\" (drop the task)");
  }
  if (r.has("responses")) {
    const json& res = v["responses"];
    if (!res.is_object()) {
      r.error("responses", "must be an object with \"reply\", \"done\" or \"cancelled\"");
    } else {
      Reader rr(res, r.at("responses"), errors);
      rr.keys({"reply", "done", "cancelled"});
      rr.variants("reply", plan.reply, {}, "available in a reply (it has no slots)");
      std::vector<std::string> with_data = slot_names;
      with_data.push_back("data.*");
      rr.variants("done", plan.done, with_data, owner + " or \"data.KEY\"");
      rr.variants("cancelled", plan.cancelled, slot_names, owner);
    }
  }
  if ((plan.handoff || plan.end) && plan.is_form())
    r.error("", std::string("intent \"") + plan.name + "\" is marked \"" + (plan.handoff ? "handoff" : "end") +
                    "\", so its form (slots, action) could never run");
  if (plan.handoff && plan.end) r.error("", "an intent cannot both hand off and end the conversation");
  if (!plan.is_form())
    for (const auto& [key, used] : {std::pair<const char*, bool>{"confirm", !plan.confirm.empty()},
                                    {"responses.done", !plan.done.empty()}, {"responses.cancelled", !plan.cancelled.empty()}})
      if (used) r.error(key, "only a task (an \"action\" or a required slot) is confirmed, done or cancelled");
  if (plan.is_form() && !plan.reply.empty())
    r.error("responses.reply", "a task answers with \"done\"; \"reply\" is for intents without one");
  return plan;
}

}  // namespace

std::shared_ptr<const Config> build_config(const json& bot, const std::vector<std::string>& entities,
                                           std::vector<std::string>& errors) {
  auto config = std::make_shared<Config>();
  config->language = bot.contains("language") && bot["language"].is_string() ? bot["language"].get<std::string>() : "mixed";
  std::set<std::string> types(entities.begin(), entities.end());
  for (const auto& t : entity::builtin_types()) types.insert(t);

  if (bot.contains("intents") && bot["intents"].is_array())
    for (size_t i = 0; i < bot["intents"].size(); ++i)
      if (bot["intents"][i].is_object())
        config->intents.push_back(read_intent(bot["intents"][i], "$.intents[" + std::to_string(i) + "]", types, errors));

  if (bot.contains("handoff")) {
    const json& h = bot["handoff"];
    if (!h.is_object()) {
      errors.push_back("$.handoff: must be an object");
    } else {
      Reader r(h, "$.handoff", errors);
      r.keys({"on_request", "max_failed_turns", "min_confidence", "on_escalate", "on_no_answer", "message",
              "serve_despite_cues"});
      auto& p = config->handoff;
      r.boolean("on_request", p.on_request);
      r.number("max_failed_turns", 0, 100, [&](double x) { p.max_failed_turns = static_cast<uint32_t>(x); });
      r.number("min_confidence", 0, 1, [&](double x) { p.min_confidence = static_cast<float>(x); });
      r.boolean("on_escalate", p.on_escalate);
      r.boolean("on_no_answer", p.on_no_answer);
      if (r.has("serve_despite_cues")) {
        if (!is_string_list(h["serve_despite_cues"])) r.error("serve_despite_cues", "must be an array of intent names");
        else p.serve_despite_cues = string_list(h["serve_despite_cues"]);
        for (const auto& name : p.serve_despite_cues)
          if (!config->find(name)) r.error("serve_despite_cues", "unknown intent \"" + name + "\"");
      }
      r.variants("message", config->responses["handoff"], {}, "available in the handoff message");
    }
  }
  if (bot.contains("sentiment")) {
    const json& s = bot["sentiment"];
    if (!s.is_object()) {
      errors.push_back("$.sentiment: must be an object");
    } else {
      Reader r(s, "$.sentiment", errors);
      r.keys({"escalate_below", "decay", "sharp_drop", "anger", "negative_turns"});
      auto& t = config->sentiment;
      r.number("escalate_below", -1, 1, [&](double x) { t.escalate_below = static_cast<float>(x); });
      r.number("decay", 0, 0.99, [&](double x) { t.decay = static_cast<float>(x); });
      r.number("sharp_drop", 0, 2, [&](double x) { t.sharp_drop = static_cast<float>(x); });
      r.number("anger", 0, 1, [&](double x) { t.anger = static_cast<float>(x); });
      r.number("negative_turns", 1, 100, [&](double x) { t.negative_turns = static_cast<uint32_t>(x); });
    }
  }
  if (bot.contains("responses")) {
    const json& res = bot["responses"];
    static const json kNone = json::object();
    if (!res.is_object()) errors.push_back("$.responses: must be an object of system messages");
    for (const auto& item : (res.is_object() ? res : kNone).items()) {
      const std::vector<std::string>* allowed = response_placeholders(item.key());
      Reader r(res, "$.responses", errors);
      if (!allowed) r.error(item.key(), "unknown system message");
      else r.variants(item.key().c_str(), config->responses[item.key()], *allowed, "available here");
    }
  }
  if (bot.contains("settings")) {
    const json& s = bot["settings"];
    if (!s.is_object()) {
      errors.push_back("$.settings: must be an object");
    } else {
      Reader r(s, "$.settings", errors);
      r.keys({"variants", "seed", "max_history", "switch_confidence"});
      std::string variants = "rotate";
      r.string("variants", variants);
      if (variants != "rotate" && variants != "random") r.error("variants", "must be \"rotate\" or \"random\"");
      config->random_variants = variants == "random";
      r.number("seed", 0, 9.0e15, [&](double x) { config->seed = static_cast<uint64_t>(x); });
      r.number("max_history", 1, 10000, [&](double x) { config->max_history = static_cast<uint32_t>(x); });
      r.number("switch_confidence", 0, 1, [&](double x) { config->switch_confidence = static_cast<float>(x); });
    }
  }
  for (const auto& [key, variants] : default_responses(config->language))
    if (config->response(key).empty()) config->responses[key] = variants;
  return config;
}

std::shared_ptr<const Config> plain_config(const std::vector<std::string>& intents) {
  std::vector<std::string> errors;
  json bot = {{"intents", json::array()}};
  for (const auto& name : intents) bot["intents"].push_back({{"name", name}});
  return build_config(bot, {}, errors);
}

}  // namespace kefu::dialogue
