// What one customer message says, as the dialogue needs it: the intent
// (top candidates), entities, conversation cues and sentiment, plus the
// values it gives for a form's slots.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "core/reftime.h"
#include "dialogue/config.h"
#include "dialogue/cues.h"
#include "dialogue/state.h"
#include "intent/classifier.h"
#include "model/engine.h"
#include "sentiment/scorer.h"

namespace kefu::dialogue {

struct Understanding {
  std::string_view original;
  text::Normalized norm;
  intent::Prediction prediction;
  std::vector<model::FoundEntity> entities;
  sentiment::Result mood;
  Cues cues;
  std::string intent;  // confident in-scope intent, or ""
  float confidence = 0;

  // The text of the caller's message behind normalized range [begin, end).
  std::string original_text(uint32_t begin, uint32_t end) const;
  // Intent candidates: (name, probability), best first, out-of-scope left out.
  std::vector<std::pair<std::string, float>> candidates(const model::Engine& engine) const;
};

Understanding understand(const model::Engine& engine, const Config& config, std::string_view text,
                         const RefTime& now);

struct Fill {
  std::string slot;
  SlotValue value;
  uint32_t begin = 0, end = 0;  // normalized range it came from
};

// The values `u` gives for the slots of `plan`: entity matches of each slot's
// type, and tagged spans of free-text slots other than the asked one (which
// takes the whole answer). `asking` (a slot of the plan or "") wins when one
// value could fill several slots; of two values for one slot the later wins
// ("明天家里没人，后天送吧").
std::vector<Fill> fills_for(const model::Engine& engine, const Understanding& u, const IntentPlan& plan,
                            const std::string& asking, const Form* form);

// How much was said in normalized range [begin, end): each CJK character and
// each run of letters or digits counts one ("订单号是" 4, "order number is" 3).
size_t words(std::u32string_view text, uint32_t begin, uint32_t end);

// A slot value as words for a reply: the canonical string, a date as
// YYYY-MM-DD, otherwise what the customer wrote.
std::string display(const SlotValue& v);

}  // namespace kefu::dialogue
