#include "dialogue/understand.h"

#include <algorithm>

#include <unicode/uchar.h>

namespace kefu::dialogue {

namespace {

// Built-in types a slot of type `slot` also accepts.
bool compatible(const std::string& slot, const std::string& found) {
  if (slot == found) return true;
  if (slot == "date") return found == "datetime";
  if (slot == "time") return found == "datetime";
  if (slot == "datetime") return found == "date" || found == "time";
  if (slot == "number") return found == "quantity";
  return false;
}

}  // namespace

std::string Understanding::original_text(uint32_t begin, uint32_t end) const {
  if (begin >= end) return {};
  uint32_t b = norm.orig_begin(begin), e = norm.orig_end(end);
  return std::string(original.substr(norm.src_bytes[b], norm.src_bytes[e] - norm.src_bytes[b]));
}

std::vector<std::pair<std::string, float>> Understanding::candidates(const model::Engine& engine) const {
  std::vector<std::pair<std::string, float>> out;
  const auto& c = engine.intents();
  for (const auto& s : prediction.top)
    if (static_cast<int>(s.label) != c.oos_label()) out.emplace_back(c.labels()[s.label], s.probability);
  return out;
}

Understanding understand(const model::Engine& engine, const Config& config, std::string_view text,
                         const RefTime& now) {
  text::Normalized norm = engine.normalize(text);
  Cues cues(norm.chars);
  Understanding u{text, std::move(norm), {}, {}, {}, std::move(cues), {}, 0};
  u.prediction = engine.intents().predict(u.norm.chars, 3);
  u.entities = engine.find_entities(u.norm.chars, now);
  u.mood = sentiment::score(sentiment::Lexicon::defaults(), u.norm.chars);
  if (!u.prediction.out_of_scope && !u.prediction.top.empty()) {
    const auto& best = u.prediction.top.front();
    if (best.probability >= config.handoff.min_confidence) {
      u.intent = engine.intents().labels()[best.label];
      u.confidence = best.probability;
    }
  }
  return u;
}

std::vector<Fill> fills_for(const model::Engine& engine, const Understanding& u, const IntentPlan& plan,
                            const std::string& asking, const Form* form) {
  std::vector<Fill> fills;
  auto taken = [&](const std::string& slot) {
    return std::any_of(fills.begin(), fills.end(), [&](const Fill& f) { return f.slot == slot; });
  };
  auto filled = [&](const std::string& slot) { return form && form->slots.count(slot); };
  for (const auto& m : u.entities) {
    if (std::any_of(fills.begin(), fills.end(), [&](const Fill& f) { return f.begin < m.end && m.begin < f.end; }))
      continue;  // a longer match at the same place already gave a value
    // The asked slot first, then slots still empty, then a filled one (a
    // correction), then one this message already gave a value (the later wins).
    const FormSlot* target = nullptr;
    const FormSlot* asked = plan.slot(asking);
    if (asked && compatible(asked->entity, m.entity) && !taken(asked->name)) target = asked;
    for (int pass = 0; pass < 3 && !target; ++pass)
      for (const auto& s : plan.slots)
        if (!s.entity.empty() && compatible(s.entity, m.entity) && (pass == 2 || !taken(s.name)) &&
            (pass >= 1 || !filled(s.name))) {
          target = &s;
          break;
        }
    if (!target) continue;
    fills.erase(std::remove_if(fills.begin(), fills.end(), [&](const Fill& f) { return f.slot == target->name; }),
                fills.end());
    SlotValue v{m.value, u.original_text(m.begin, m.end), "entity"};
    fills.push_back({target->name, std::move(v), m.begin, m.end});
  }
  bool free_text = std::any_of(plan.slots.begin(), plan.slots.end(), [](const FormSlot& s) { return s.entity.empty(); });
  if (free_text && !engine.slots().slots().empty()) {
    for (const auto& span : engine.slots().tag(u.norm.chars, plan.name, model::Engine::slot_hints(u.entities))) {
      const std::string& name = engine.slots().slots()[span.slot];
      const FormSlot* s = plan.slot(name);
      if (!s || !s->entity.empty() || taken(name) || name == asking) continue;
      std::string text = u.original_text(span.begin, span.end);
      fills.push_back({name, SlotValue{text, text, "tagger"}, span.begin, span.end});
    }
  }
  return fills;
}

size_t words(std::u32string_view text, uint32_t begin, uint32_t end) {
  size_t n = 0;
  bool in_run = false;
  for (uint32_t i = begin; i < end && i < text.size(); ++i) {
    auto c = static_cast<UChar32>(text[i]);
    if (u_hasBinaryProperty(c, UCHAR_IDEOGRAPHIC)) {
      ++n;
      in_run = false;
    } else if (u_isalnum(c)) {
      n += in_run ? 0 : 1;
      in_run = true;
    } else {
      in_run = false;
    }
  }
  return n;
}

std::string display(const SlotValue& v) {
  if (v.value.is_string()) return v.value.get<std::string>();
  if (v.value.is_object() && v.value.contains("value") && v.value["value"].is_string()) {
    const std::string iso = v.value["value"];
    const std::string grain = v.value.value("grain", std::string());
    if (iso.size() >= 16 && (grain == "day" || grain == "week" || grain == "month" || grain == "year"))
      return iso.substr(0, 10);
    if (iso.size() >= 16 && (grain == "hour" || grain == "minute" || grain == "second"))
      return iso.substr(0, 10) + " " + iso.substr(11, 5);
  }
  return v.text;
}

}  // namespace kefu::dialogue
