#include "model/bot.h"

#include <algorithm>
#include <set>

#include <nlohmann/json.hpp>

#include "core/error.h"
#include "kb/analyzer.h"
#include "kb/synonyms_json.h"

namespace kefu::model {

using nlohmann::json;

namespace {

// Sections later stages read; accepted now so that definitions stay valid.
const std::vector<std::string_view> kTopKeys = {
    "kefu", "name", "language", "description", "intents", "out_of_scope", "entities", "slots",
    "faq", "synonyms", "responses", "handoff", "sentiment", "profile_rules", "settings"};
const std::vector<std::string_view> kIntentKeys = {
    "name", "title", "description", "examples", "slots", "confirm", "action", "responses",
    "handoff", "end", "on_deny"};

bool known(const std::vector<std::string_view>& keys, const std::string& key) {
  return std::find(keys.begin(), keys.end(), key) != keys.end();
}

}  // namespace

BotDefinition parse_bot(std::string_view text) {
  json doc = json::parse(text, nullptr, false);
  if (doc.is_discarded()) fail(KEFU_ERR_INVALID_DATA, "bot definition: malformed JSON");
  if (!doc.is_object()) fail(KEFU_ERR_INVALID_DATA, "bot definition: expected a JSON object");

  std::vector<std::string> errors;
  auto error = [&](std::string path, std::string what) { errors.push_back(path + ": " + what); };
  BotDefinition bot;
  bot.source = std::string(text);

  for (const auto& item : doc.items())
    if (!known(kTopKeys, item.key())) error("$." + item.key(), "unknown key");
  if (!doc.contains("kefu") || doc["kefu"] != 1)
    error("$.kefu", "must be 1 (the definition format version)");
  if (doc.contains("name") && !doc["name"].is_string())
    error("$.name", "must be a string");
  else
    bot.name = doc.value("name", std::string("bot"));
  if (doc.contains("language") &&
      (!doc["language"].is_string() ||
       !std::set<std::string>{"zh", "en", "mixed"}.count(doc["language"].get<std::string>())))
    error("$.language", "must be \"zh\", \"en\" or \"mixed\"");
  else
    bot.language = doc.value("language", std::string("mixed"));

  if (!doc.contains("intents") || !doc["intents"].is_array()) {
    error("$.intents", "must be an array");
  } else {
    std::set<std::string> names;
    const json& intents = doc["intents"];
    for (size_t i = 0; i < intents.size(); ++i) {
      std::string path = "$.intents[" + std::to_string(i) + "]";
      const json& in = intents[i];
      if (!in.is_object()) {
        error(path, "must be an object");
        continue;
      }
      for (const auto& item : in.items())
        if (!known(kIntentKeys, item.key())) error(path + "." + item.key(), "unknown key");
      BotIntent intent;
      if (!in.contains("name") || !in["name"].is_string() || in["name"].get<std::string>().empty()) {
        error(path + ".name", "must be a non-empty string");
      } else {
        intent.name = in["name"];
        if (!names.insert(intent.name).second)
          error(path + ".name", "duplicate intent \"" + intent.name + "\"");
      }
      // Declared slots: [{"name": "order_id", "entity": "order_id", ...}]; the
      // dialogue stage reads the rest of each declaration.
      std::set<std::string> declared;
      if (in.contains("slots")) {
        const json& slots = in["slots"];
        if (!slots.is_array()) error(path + ".slots", "must be an array");
        for (size_t k = 0; slots.is_array() && k < slots.size(); ++k) {
          std::string spath = path + ".slots[" + std::to_string(k) + "]";
          if (!slots[k].is_object() || !slots[k].contains("name") || !slots[k]["name"].is_string())
            error(spath, "must be an object with a string \"name\"");
          else if (!declared.insert(slots[k]["name"].get<std::string>()).second)
            error(spath + ".name", "duplicate slot \"" + slots[k]["name"].get<std::string>() + "\"");
          else if (slots[k].contains("entity") && !slots[k]["entity"].is_string())
            error(spath + ".entity", "must be a string");
          else
            intent.slots.push_back({slots[k]["name"], slots[k].value("entity", std::string())});
        }
      }
      if (!in.contains("examples") || !in["examples"].is_array() || in["examples"].empty()) {
        error(path + ".examples", "intent \"" + intent.name + "\" needs at least one example");
      } else {
        const json& ex = in["examples"];
        for (size_t k = 0; k < ex.size(); ++k) {
          std::string epath = path + ".examples[" + std::to_string(k) + "]";
          if (!ex[k].is_string()) {
            error(epath, "must be a string");
            continue;
          }
          intent::Example example{"", intent.name, epath, {}};
          try {
            example.text = intent::strip_markup(ex[k].get<std::string>(), example.slots);
          } catch (const Error& e) {
            error(epath, e.what());
            continue;
          }
          for (const auto& span : example.slots)
            if (!declared.count(span.slot))
              error(epath, "slot \"" + span.slot + "\" is not declared in " + path + ".slots");
          intent.examples.push_back(std::move(example));
        }
      }
      bot.intents.push_back(std::move(intent));
    }
  }
  if (doc.contains("out_of_scope")) {
    const json& oos = doc["out_of_scope"];
    if (!oos.is_array()) error("$.out_of_scope", "must be an array of example strings");
    for (size_t k = 0; oos.is_array() && k < oos.size(); ++k) {
      std::string path = "$.out_of_scope[" + std::to_string(k) + "]";
      if (!oos[k].is_string()) error(path, "must be a string");
      else bot.out_of_scope.push_back({oos[k].get<std::string>(), std::string(intent::kOutOfScope), path, {}});
    }
  }
  if (doc.contains("entities"))
    bot.entities = custom::CustomEntities::build(doc["entities"], text::NormalizeOptions{}, errors);
  std::vector<std::string> entity_names;
  if (doc.contains("entities") && doc["entities"].is_object())
    for (const auto& item : doc["entities"].items()) entity_names.push_back(item.key());
  bot.dialogue = dialogue::build_config(doc, entity_names, errors);
  if (doc.contains("faq")) {
    const json& faq = doc["faq"];
    if (!faq.is_array()) error("$.faq", "must be an array of entries");
    std::set<std::string> ids;
    for (size_t k = 0; faq.is_array() && k < faq.size(); ++k) {
      std::string path = "$.faq[" + std::to_string(k) + "]";
      try {
        kb::Entry e = kb::entry_from_json(faq[k], kb::EntryLimits{}, path);
        if (!ids.insert(e.id).second) error(path + ".id", "duplicate FAQ id \"" + e.id + "\"");
        bot.faq.push_back(std::move(e));
      } catch (const Error& e) {
        errors.push_back(e.what());
      }
    }
  }
  if (doc.contains("synonyms")) {
    try {
      bot.synonyms = kb::synonyms_from_json(doc["synonyms"], "synonyms");
      kb::Synonyms check(bot.synonyms);  // conflicts and empty phrases
    } catch (const Error& e) {
      errors.push_back(std::string("$.") + e.what());
    }
  }
  if (!errors.empty()) {
    std::string message = "bot definition has " + std::to_string(errors.size()) +
                          (errors.size() == 1 ? " problem: " : " problems: ");
    for (size_t i = 0; i < errors.size(); ++i) message += (i ? "; " : "") + errors[i];
    fail(KEFU_ERR_INVALID_DATA, message);
  }
  return bot;
}

}  // namespace kefu::model
