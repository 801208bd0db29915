// A knowledge-base entry: one answer found by any of its questions.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json_fwd.hpp>

namespace kefu::kb {

struct Entry {
  std::string id;
  std::string question;
  std::vector<std::string> similar;  // other phrasings of the same question
  std::string answer;
  std::string category;
  std::vector<std::string> tags;
  bool enabled = true;

  bool operator==(const Entry&) const = default;
};

// Limits that keep one entry from swallowing the store or the index.
struct EntryLimits {
  size_t max_entry_bytes = 256 * 1024;  // all text fields together
  size_t max_questions = 256;           // question + similar
  size_t max_entries = 1000000;         // in the whole knowledge base
};

// Parses and validates an entry object. KEFU_ERR_INVALID_DATA names the field
// and `where` (e.g. "line 12"): unknown keys, a missing or empty id or
// question, wrong types; KEFU_ERR_TOO_LARGE for an entry over the limits.
Entry entry_from_json(const nlohmann::json& j, const EntryLimits& limits, std::string_view where);
nlohmann::json entry_to_json(const Entry& e);

// Every question of the entry: the main one first, then the similar ones.
std::vector<std::string_view> questions_of(const Entry& e);

}  // namespace kefu::kb
