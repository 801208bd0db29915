// Synonym groups from JSON ([["退款", "退钱", "refund"], ...]).
#pragma once

#include <string>

#include <nlohmann/json.hpp>

#include "core/error.h"
#include "kb/store.h"

namespace kefu::kb {

// KEFU_ERR_INVALID_DATA naming `where` and the group when not an array of
// arrays of strings.
inline SynonymGroups synonyms_from_json(const nlohmann::json& j, const std::string& where) {
  if (!j.is_array()) fail(KEFU_ERR_INVALID_DATA, where + ": synonyms must be an array of arrays of strings");
  SynonymGroups groups;
  for (size_t g = 0; g < j.size(); ++g) {
    const auto& group = j[g];
    bool ok = group.is_array();
    for (size_t i = 0; ok && i < group.size(); ++i) ok = group[i].is_string();
    if (!ok)
      fail(KEFU_ERR_INVALID_DATA, where + "[" + std::to_string(g) + "]: must be an array of strings");
    groups.push_back(group.get<std::vector<std::string>>());
  }
  return groups;
}

}  // namespace kefu::kb
