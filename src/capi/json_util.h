// JSON pieces shared by the C entry points.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "capi/json_writer.h"
#include "core/options.h"
#include "text/normalize.h"
#include "text/utf8.h"

namespace kefu::capi {

inline std::string dump(const nlohmann::json& j) {
  return j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

// Where normalized range [begin, end) came from in the caller's original
// text: code-point and byte offsets, and the original characters.
struct OriginalSpan {
  uint32_t start, end, byte_start, byte_end;
  std::string_view text;
};

inline OriginalSpan original_span(const text::Normalized& n, std::string_view original,
                                  uint32_t begin, uint32_t end) {
  uint32_t b = n.orig_begin(begin), e = n.orig_end(end);
  uint32_t bs = n.src_bytes[b], be = n.src_bytes[e];
  return {b, e, bs, be, original.substr(bs, be - bs)};
}

// {"text", "start", "end", "byte_start", "byte_end"} of the caller's original
// text behind normalized range [begin, end).
inline nlohmann::json span_json(const text::Normalized& n, std::string_view original,
                                uint32_t begin, uint32_t end) {
  OriginalSpan s = original_span(n, original, begin, end);
  return {{"text", s.text},
          {"start", s.start},
          {"end", s.end},
          {"byte_start", s.byte_start},
          {"byte_end", s.byte_end}};
}

// "start", "end", "byte_start", "byte_end" of a span, into an open object.
inline void write_offsets(JsonWriter& w, const OriginalSpan& s) {
  w.key("start").integer(s.start).key("end").integer(s.end);
  w.key("byte_start").integer(s.byte_start).key("byte_end").integer(s.byte_end);
}

// The options every per-text call takes: "max_text_bytes" (default 64 KiB).
inline size_t max_text_bytes(const Options& o) {
  return static_cast<size_t>(o.get_int("max_text_bytes", 64 * 1024, 0, int64_t{1} << 30));
}

// Caller text decoded (KEFU_ERR_INVALID_UTF8 / KEFU_ERR_TOO_LARGE) and
// normalized with the default settings.
inline text::Normalized normalize_input(const char* text, size_t len, size_t max_bytes) {
  text::NormalizeOptions n;
  n.max_text_bytes = max_bytes;
  return text::normalize(text::decode_utf8(text::checked_view(text, len), max_bytes), n);
}

}  // namespace kefu::capi
