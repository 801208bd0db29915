#include "intent/dataset.h"

#include <unordered_map>

#include <nlohmann/json.hpp>

#include "core/error.h"

namespace kefu::intent {

using nlohmann::json;

Dataset read_jsonl(std::string_view jsonl, std::string_view name) {
  Dataset data;
  size_t line_no = 0;
  for (size_t start = 0; start < jsonl.size();) {
    size_t stop = jsonl.find('\n', start);
    if (stop == std::string_view::npos) stop = jsonl.size();
    std::string_view line = jsonl.substr(start, stop - start);
    start = stop + 1;
    ++line_no;
    if (line.find_first_not_of(" \t\r") == std::string_view::npos) continue;
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
      if (item.key() != "text" && item.key() != "intent" && item.key() != "slots")
        data.warnings.push_back(where + ": unknown field \"" + item.key() + "\" ignored");
    data.examples.push_back({text->get<std::string>(), intent->get<std::string>(), where});
  }
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

std::string strip_markup(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '[') {
      size_t close = s.find("](", i);
      size_t end = close == std::string_view::npos ? close : s.find(')', close);
      if (end != std::string_view::npos && s.find('[', i + 1) > close) {
        out.append(s.substr(i + 1, close - i - 1));
        i = end;
        continue;
      }
    }
    out.push_back(s[i]);
  }
  return out;
}

}  // namespace kefu::intent
