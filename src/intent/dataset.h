// Labeled utterances for intent training, read from JSONL or a bot
// definition, with problems reported by line or JSON path.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace kefu::intent {

inline constexpr std::string_view kOutOfScope = "oos";

// A slot value annotated in an example: code-point range [begin, end) of text.
struct SlotSpan {
  std::string slot;
  uint32_t begin;
  uint32_t end;
};

struct Example {
  std::string text;    // UTF-8, as given (markup removed)
  std::string intent;  // "oos" marks out-of-scope
  std::string where;   // "line 12" or "intents[3].examples[0]", for messages
  std::vector<SlotSpan> slots;  // sorted, non-overlapping
};

struct Dataset {
  std::vector<Example> examples;
  std::vector<std::string> warnings;
};

// Parses JSONL lines of {"text", "intent", "slots": [{"slot", "start", "end"}]}
// ("slots" optional; offsets in code points; start = end = -1 marks a value
// not found in the text and is skipped). Malformed lines, missing fields and
// out-of-range or overlapping slots are errors naming the line; unknown
// fields (once per name), empty texts, duplicates and conflicting labels are
// warnings (empty texts and exact duplicates are dropped).
Dataset read_jsonl(std::string_view jsonl, std::string_view name);

// Drops empty and duplicate examples and warns about them and about one text
// labeled with two intents. Used by both readers.
void clean(Dataset& data);

// Strips inline slot markup: "订单[123](order_id)要退" → "订单123要退", and
// appends the marked spans to `spans`. Unbalanced markup is an error.
std::string strip_markup(std::string_view example, std::vector<SlotSpan>& spans);

}  // namespace kefu::intent
