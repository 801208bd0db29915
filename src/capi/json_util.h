// JSON pieces shared by the C entry points.
#pragma once

#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "text/normalize.h"

namespace kefu::capi {

inline std::string dump(const nlohmann::json& j) {
  return j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

// {"text", "start", "end", "byte_start", "byte_end"} of the caller's original
// text behind normalized range [begin, end).
inline nlohmann::json span_json(const text::Normalized& n, std::string_view original,
                                uint32_t begin, uint32_t end) {
  uint32_t b = n.orig_begin(begin), e = n.orig_end(end);
  uint32_t bs = n.src_bytes[b], be = n.src_bytes[e];
  return {{"text", original.substr(bs, be - bs)},
          {"start", b},
          {"end", e},
          {"byte_start", bs},
          {"byte_end", be}};
}

}  // namespace kefu::capi
