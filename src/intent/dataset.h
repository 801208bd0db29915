// Labeled utterances for intent training, read from JSONL or a bot
// definition, with problems reported by line or JSON path.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace kefu::intent {

inline constexpr std::string_view kOutOfScope = "oos";

struct Example {
  std::string text;    // UTF-8, as given (markup removed)
  std::string intent;  // "oos" marks out-of-scope
  std::string where;   // "line 12" or "intents[3].examples[0]", for messages
};

struct Dataset {
  std::vector<Example> examples;
  std::vector<std::string> warnings;
};

// Parses JSONL lines of {"text", "intent"} (a "slots" field is allowed and
// ignored here). Malformed lines and missing fields are errors naming the
// line; unknown fields, empty texts, duplicates and conflicting labels are
// warnings (empty texts and exact duplicates are dropped).
Dataset read_jsonl(std::string_view jsonl, std::string_view name);

// Drops empty and duplicate examples and warns about them and about one text
// labeled with two intents. Used by both readers.
void clean(Dataset& data);

// Strips inline slot markup: "订单[123](order_id)要退" → "订单123要退".
std::string strip_markup(std::string_view example);

}  // namespace kefu::intent
