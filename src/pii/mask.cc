#include "pii/mask.h"

#include <algorithm>

#include "text/utf8.h"

namespace kefu::pii {

const std::vector<std::string>& default_types() {
  static const std::vector<std::string> types = {"phone", "id_card", "bank_card", "email"};
  return types;
}

namespace {

bool is_alnum(char32_t c) {
  return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
         (c >= 0xFF10 && c <= 0xFF19) || (c >= 0xFF21 && c <= 0xFF3A) || (c >= 0xFF41 && c <= 0xFF5A);
}

// Letters and digits kept visible at the start and end of each type.
std::pair<size_t, size_t> visible(const std::string& type) {
  if (type == "phone") return {3, 4};
  if (type == "id_card" || type == "bank_card") return {6, 4};
  return {1, 0};  // email: the first character of the local part
}

}  // namespace

std::string mask(std::string_view original, const text::Normalized& n,
                 const std::vector<entity::BuiltinMatch>& matches,
                 const std::vector<std::string>& types, std::vector<Masked>& masked) {
  text::Decoded d = text::decode_utf8(original, SIZE_MAX);
  std::u32string chars = d.chars;
  for (const auto& m : matches) {
    if (std::find(types.begin(), types.end(), m.type) == types.end() || m.end <= m.begin) continue;
    uint32_t b = n.orig_begin(m.begin), e = n.orig_end(m.end);
    uint32_t stop = e;
    if (m.type == "email")  // mask the local part only
      for (uint32_t i = b; i < e; ++i)
        if (chars[i] == U'@' || chars[i] == U'＠') {
          stop = i;
          break;
        }
    std::vector<uint32_t> alnum;
    for (uint32_t i = b; i < stop; ++i)
      if (is_alnum(chars[i])) alnum.push_back(i);
    auto [head, tail] = visible(m.type);
    if (m.type == "phone" && alnum.size() > 11) head += alnum.size() - 11;  // +86 prefix
    for (size_t k = 0; k < alnum.size(); ++k)
      if (k >= head && k + tail < alnum.size()) chars[alnum[k]] = U'*';
    masked.push_back({m.type, b, e});
  }
  return text::to_utf8(chars);
}

std::string mask_text(std::string_view text) {
  text::Normalized n = text::normalize(text::decode_utf8(text, SIZE_MAX), text::NormalizeOptions{});
  std::vector<Masked> masked;
  return mask(text, n, entity::extract_builtins(n.chars, {0, 0}, default_types()), default_types(), masked);
}

void mask_strings(nlohmann::json& j) {
  if (j.is_string()) {
    j = mask_text(j.get_ref<const std::string&>());
  } else if (j.is_structured()) {
    for (auto& child : j) mask_strings(child);
  }
}

}  // namespace kefu::pii
