// Masking of personal data (phone numbers, ID cards, bank cards, e-mail) in
// the caller's original text: 13812345678 → 138****5678. Separators stay, so
// the masked text keeps its shape and length in characters.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "entity/builtin.h"
#include "text/normalize.h"

namespace kefu::pii {

// Built-in types masked by default.
const std::vector<std::string>& default_types();

struct Masked {
  std::string type;
  uint32_t begin;  // original code points
  uint32_t end;
};

// Returns `original` with every match of a masked type masked; `matches` are
// built-in matches over `n` (the normalized form of `original`).
std::string mask(std::string_view original, const text::Normalized& n,
                 const std::vector<entity::BuiltinMatch>& matches,
                 const std::vector<std::string>& types, std::vector<Masked>& masked);

// `text` (UTF-8) with the default types masked.
std::string mask_text(std::string_view text);

// Masks, in place, every string inside `j` (a handoff payload, a log record).
void mask_strings(nlohmann::json& j);

}  // namespace kefu::pii
