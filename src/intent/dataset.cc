#include "intent/dataset.h"

#include <algorithm>
#include <set>
#include <unordered_map>

#include <nlohmann/json.hpp>

#include "core/error.h"
#include "core/lines.h"

namespace kefu::intent {

using nlohmann::json;

namespace {

size_t count_chars(std::string_view utf8) {
  size_t n = 0;
  for (char c : utf8) n += (static_cast<unsigned char>(c) & 0xC0) != 0x80;
  return n;
}

void check_spans(std::vector<SlotSpan>& spans, const std::string& where) {
  std::sort(spans.begin(), spans.end(),
            [](const SlotSpan& a, const SlotSpan& b) { return a.begin < b.begin; });
  for (size_t i = 1; i < spans.size(); ++i)
    if (spans[i].begin < spans[i - 1].end)
      fail(KEFU_ERR_INVALID_DATA, where + ": slots \"" + spans[i - 1].slot + "\" and \"" +
                                      spans[i].slot + "\" overlap");
}

std::vector<SlotSpan> read_slots(const json& slots, const std::string& text, const std::string& where,
                                 size_t& skipped) {
  if (!slots.is_array()) fail(KEFU_ERR_INVALID_DATA, where + ": \"slots\" must be an array");
  const size_t n_chars = count_chars(text);
  std::vector<SlotSpan> spans;
  for (size_t k = 0; k < slots.size(); ++k) {
    const json& s = slots[k];
    std::string at = where + ": slots[" + std::to_string(k) + "]";
    if (!s.is_object() || !s.contains("slot") || !s["slot"].is_string() ||
        !s.contains("start") || !s["start"].is_number_integer() || !s.contains("end") ||
        !s["end"].is_number_integer())
      fail(KEFU_ERR_INVALID_DATA, at + ": needs \"slot\" (string), \"start\" and \"end\" (integers)");
    int64_t start = s["start"], end = s["end"];
    if (start == -1 && end == -1) {  // value not found verbatim in the text
      ++skipped;
      continue;
    }
    if (start < 0 || end <= start || static_cast<size_t>(end) > n_chars)
      fail(KEFU_ERR_INVALID_DATA, at + ": span [" + std::to_string(start) + ", " +
                                      std::to_string(end) + ") is outside the text (" +
                                      std::to_string(n_chars) + " characters)");
    spans.push_back({s["slot"].get<std::string>(), static_cast<uint32_t>(start),
                     static_cast<uint32_t>(end)});
  }
  check_spans(spans, where);
  return spans;
}

}  // namespace

Dataset read_jsonl(std::string_view jsonl, std::string_view name) {
  Dataset data;
  std::set<std::string> unknown_fields;
  size_t skipped_slots = 0;
  for_each_line(jsonl, [&](std::string_view line, size_t line_no) {
    if (line.find_first_not_of(" \t") == std::string_view::npos) return;
    std::string where = std::string(name) + " line " + std::to_string(line_no);
    json row = json::parse(line, nullptr, false);
    if (row.is_discarded() || !row.is_object())
      fail(KEFU_ERR_INVALID_DATA, where + ": not a JSON object");
    auto text = row.find("text");
    auto intent = row.find("intent");
    if (text == row.end() || !text->is_string())
      fail(KEFU_ERR_INVALID_DATA, where + ": missing string field \"text\"");
    if (intent == row.end() || !intent->is_string() || intent->get<std::string>().empty())
      fail(KEFU_ERR_INVALID_DATA, where + ": missing string field \"intent\"");
    for (const auto& item : row.items())
      if (item.key() != "text" && item.key() != "intent" && item.key() != "slots" &&
          item.key() != "domain" && unknown_fields.insert(item.key()).second)
        data.warnings.push_back(where + ": unknown field \"" + item.key() + "\" ignored");
    Example example{text->get<std::string>(), intent->get<std::string>(), where, {}};
    if (auto slots = row.find("slots"); slots != row.end())
      example.slots = read_slots(*slots, example.text, where, skipped_slots);
    data.examples.push_back(std::move(example));
  });
  if (skipped_slots > 0)
    data.warnings.push_back(std::string(name) + ": " + std::to_string(skipped_slots) +
                            " slot values not found in their text (start = end = -1) skipped");
  clean(data);
  return data;
}

void clean(Dataset& data) {
  std::unordered_map<std::string, size_t> seen;  // text → index in kept
  std::vector<Example> kept;
  kept.reserve(data.examples.size());
  for (auto& e : data.examples) {
    if (e.text.find_first_not_of(" \t\r\n") == std::string::npos) {
      data.warnings.push_back(e.where + ": empty example dropped");
      continue;
    }
    auto it = seen.find(e.text);
    if (it != seen.end()) {
      const Example& first = kept[it->second];
      if (first.intent == e.intent)
        data.warnings.push_back(e.where + ": duplicate of " + first.where + " dropped");
      else
        data.warnings.push_back(e.where + ": same text as " + first.where +
                                " but labeled \"" + e.intent + "\" instead of \"" +
                                first.intent + "\"");
      if (first.intent == e.intent) continue;
    } else {
      seen.emplace(e.text, kept.size());
    }
    kept.push_back(std::move(e));
  }
  data.examples = std::move(kept);
}

std::string strip_markup(std::string_view s, std::vector<SlotSpan>& spans) {
  std::string out;
  out.reserve(s.size());
  uint32_t chars = 0;  // code points written to `out`
  auto append = [&](std::string_view piece) {
    out.append(piece);
    chars += static_cast<uint32_t>(count_chars(piece));
  };
  for (size_t i = 0; i < s.size(); ++i) {
    if (s[i] == ']' || s[i] == '[') {
      size_t close = s.find("](", i);
      size_t end = close == std::string_view::npos ? close : s.find(')', close);
      if (s[i] == ']' || end == std::string_view::npos || s.find('[', i + 1) < close || close == i + 1 ||
          end == close + 2)
        fail(KEFU_ERR_INVALID_DATA, "unbalanced slot markup at byte " + std::to_string(i) +
                                        " (write slots as [value](slot))");
      uint32_t begin = chars;
      append(s.substr(i + 1, close - i - 1));
      spans.push_back({std::string(s.substr(close + 2, end - close - 2)), begin, chars});
      i = end;
      continue;
    }
    append(s.substr(i, 1));
  }
  return out;
}

}  // namespace kefu::intent
