#include "kb/entry.h"

#include <nlohmann/json.hpp>

#include "core/error.h"

namespace kefu::kb {

namespace {
using nlohmann::json;

[[noreturn]] void invalid(std::string_view where, const std::string& what) {
  fail(KEFU_ERR_INVALID_DATA, std::string(where) + ": " + what);
}

std::string text_field(const json& j, const char* key, std::string_view where, bool required) {
  auto it = j.find(key);
  if (it == j.end() || it->is_null()) {
    if (required) invalid(where, std::string("missing \"") + key + "\"");
    return {};
  }
  if (!it->is_string()) invalid(where, std::string("\"") + key + "\" must be a string");
  return it->get<std::string>();  // the JSON parser has validated UTF-8
}

std::vector<std::string> list_field(const json& j, const char* key, std::string_view where) {
  std::vector<std::string> out;
  auto it = j.find(key);
  if (it == j.end() || it->is_null()) return out;
  if (!it->is_array()) invalid(where, std::string("\"") + key + "\" must be an array of strings");
  for (const json& v : *it) {
    if (!v.is_string()) invalid(where, std::string("\"") + key + "\" must be an array of strings");
    out.push_back(v.get<std::string>());
  }
  return out;
}

bool blank(std::string_view s) { return s.find_first_not_of(" \t\r\n") == std::string_view::npos; }
}  // namespace

Entry entry_from_json(const json& j, const EntryLimits& limits, std::string_view where) {
  if (!j.is_object()) invalid(where, "an entry must be a JSON object");
  static const char* const kKeys[] = {"id", "question", "similar", "answer", "category", "tags", "enabled"};
  for (const auto& [key, value] : j.items()) {
    bool known = false;
    for (const char* k : kKeys) known |= key == k;
    if (!known) invalid(where, "unknown key \"" + key + "\"");
  }
  Entry e;
  auto id = j.find("id");
  if (id != j.end() && id->is_number_integer()) {
    e.id = std::to_string(id->get<int64_t>());  // ids like 17 in hand-written files
  } else {
    e.id = text_field(j, "id", where, true);
  }
  if (blank(e.id)) invalid(where, "\"id\" must not be empty");
  e.question = text_field(j, "question", where, true);
  if (blank(e.question)) invalid(where, "entry \"" + e.id + "\": \"question\" must not be empty");
  e.similar = list_field(j, "similar", where);
  for (const auto& s : e.similar)
    if (blank(s)) invalid(where, "entry \"" + e.id + "\": a similar question is empty");
  e.answer = text_field(j, "answer", where, false);
  e.category = text_field(j, "category", where, false);
  e.tags = list_field(j, "tags", where);
  if (auto it = j.find("enabled"); it != j.end() && !it->is_null()) {
    if (!it->is_boolean()) invalid(where, "\"enabled\" must be true or false");
    e.enabled = it->get<bool>();
  }
  size_t bytes = e.id.size() + e.question.size() + e.answer.size() + e.category.size();
  for (const auto& s : e.similar) bytes += s.size();
  for (const auto& s : e.tags) bytes += s.size();
  if (bytes > limits.max_entry_bytes)
    fail(KEFU_ERR_TOO_LARGE, std::string(where) + ": entry \"" + e.id + "\" has " +
                                 std::to_string(bytes) + " bytes of text, over the limit of " +
                                 std::to_string(limits.max_entry_bytes));
  if (1 + e.similar.size() > limits.max_questions)
    fail(KEFU_ERR_TOO_LARGE, std::string(where) + ": entry \"" + e.id + "\" has " +
                                 std::to_string(1 + e.similar.size()) + " questions, over the limit of " +
                                 std::to_string(limits.max_questions));
  return e;
}

json entry_to_json(const Entry& e) {
  json j = {{"id", e.id}, {"question", e.question}, {"similar", e.similar}, {"answer", e.answer},
            {"category", e.category}, {"tags", e.tags}, {"enabled", e.enabled}};
  return j;
}

std::vector<std::string_view> questions_of(const Entry& e) {
  std::vector<std::string_view> out;
  out.reserve(1 + e.similar.size());
  out.push_back(e.question);
  for (const auto& s : e.similar) out.push_back(s);
  return out;
}

}  // namespace kefu::kb
