// C entry points of the built-in entities: extraction and PII masking.
#include "capi/boundary.h"
#include "capi/json_util.h"
#include "core/options.h"
#include "core/reftime.h"
#include "entity/builtin.h"
#include "pii/mask.h"
#include "text/utf8.h"

using nlohmann::json;
using namespace kefu;

namespace {

std::vector<std::string> string_list(const Options& o, const char* key,
                                     const std::vector<std::string>& known) {
  std::vector<std::string> out;
  if (!o.has(key)) return out;
  const json& v = o.get(key);
  if (!v.is_array())
    fail(KEFU_ERR_INVALID_OPTIONS, o.what() + ": \"" + key + "\" must be an array of type names");
  for (const auto& t : v) {
    if (!t.is_string() || std::find(known.begin(), known.end(), t.get<std::string>()) == known.end())
      fail(KEFU_ERR_INVALID_OPTIONS, o.what() + ": \"" + key + "\": unknown built-in type " + t.dump());
    out.push_back(t.get<std::string>());
  }
  return out;
}


}  // namespace

extern "C" {

KEFU_API kefu_status kefu_entities(const char* text, size_t len, const char* options_json,
                                   char** out_json) {
  if (out_json) *out_json = nullptr;
  return capi::guarded([&] {
    capi::require(out_json, "out_json");
    Options o(options_json, {"types", "reference_time", "utc_offset_minutes", "max_text_bytes"},
              "entity options");
    auto types = string_list(o, "types", entity::builtin_types());
    RefTime now = reference_time(o);
    text::Normalized n = capi::normalize_input(text, len, capi::max_text_bytes(o));
    std::string_view original = text::checked_view(text, len);
    json found = json::array();
    for (const auto& m : entity::extract_builtins(n.chars, {now.unix_seconds, now.utc_offset_minutes}, types)) {
      json item = capi::span_json(n, original, m.begin, m.end);
      item["entity"] = m.type;
      item["value"] = m.value;
      item["confidence"] = m.confidence;
      item["source"] = "builtin";
      found.push_back(std::move(item));
    }
    *out_json = capi::to_c_string(capi::dump(json{{"entities", std::move(found)}}));
  });
}

KEFU_API kefu_status kefu_mask_pii(const char* text, size_t len, const char* options_json,
                                   char** out_json) {
  if (out_json) *out_json = nullptr;
  return capi::guarded([&] {
    capi::require(out_json, "out_json");
    Options o(options_json, {"types", "max_text_bytes"}, "mask options");
    auto types = string_list(o, "types", pii::default_types());
    if (types.empty()) types = pii::default_types();
    text::Normalized n = capi::normalize_input(text, len, capi::max_text_bytes(o));
    std::vector<pii::Masked> masked;
    std::string out = pii::mask(text::checked_view(text, len), n,
                                entity::extract_builtins(n.chars, {0, 0}, types), types, masked);
    json list = json::array();
    for (const auto& m : masked) list.push_back({{"type", m.type}, {"start", m.begin}, {"end", m.end}});
    *out_json = capi::to_c_string(capi::dump(json{{"text", out}, {"masked", std::move(list)}}));
  });
}

}  // extern "C"
