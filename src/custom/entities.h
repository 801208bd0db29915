// Custom entities declared in a bot definition's "entities" section:
// gazetteers (values with synonyms → canonical value) and RE2 patterns.
// Both match on normalized text, so 蘋果15, ＩＰＨＯＮＥ 15 and iphone 15 are one.
//
//   "entities": {
//     "product":  {"values": [{"value": "iPhone 15", "synonyms": ["苹果15", "i15"]}]},
//     "order_id": {"pattern": "[0-9]{12,18}"},
//     "when":     "builtin:datetime"
//   }
#pragma once

#include <memory>
#include <string>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include <nlohmann/json.hpp>

#include "text/normalize.h"

namespace re2 {
class RE2;
}

namespace kefu::custom {

struct EntityMatch {
  std::string entity;
  uint32_t begin;  // normalized code points
  uint32_t end;
  std::string value;  // canonical value (gazetteer) or the matched text (pattern)
  float confidence;
  const char* source;  // "gazetteer" | "pattern"
};

class CustomEntities {
 public:
  CustomEntities();
  ~CustomEntities();
  CustomEntities(CustomEntities&&) noexcept;
  CustomEntities& operator=(CustomEntities&&) noexcept;

  // Builds from the "entities" object; problems are appended to `errors`
  // with their JSON paths. Values are normalized with `normalize`.
  static CustomEntities build(const nlohmann::json& entities, const text::NormalizeOptions& normalize,
                              std::vector<std::string>& errors);

  // Non-overlapping matches, longest first, left to right. Thread-safe.
  std::vector<EntityMatch> find(std::u32string_view text) const;

  // Entities declared as "builtin:<type>": entity name → built-in type.
  const std::unordered_map<std::string, std::string>& builtin_aliases() const { return builtins_; }
  bool empty() const { return forms_.empty() && patterns_.empty(); }

 private:
  struct Form {
    std::string entity;
    std::string value;
  };
  struct Pattern {
    std::string entity;
    std::unique_ptr<re2::RE2> re;
  };
  std::unordered_map<std::u32string, std::vector<Form>> forms_;  // normalized form → values
  std::unordered_set<char32_t> first_chars_;
  size_t max_form_len_ = 0;
  std::vector<Pattern> patterns_;
  std::unordered_map<std::string, std::string> builtins_;
};

}  // namespace kefu::custom
