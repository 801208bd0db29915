// Text normalization with an offset map back to the caller's original text.
//
// Every normalized code point remembers the range of original code points it
// came from, so a span found in normalized text (a token, an entity) can
// always be reported in the caller's own coordinates.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "core/options.h"
#include "text/utf8.h"

namespace kefu::text {

struct NormalizeOptions {
  bool drop_control = true;
  bool nfkc = true;
  bool width = true;  // full-width ASCII and ideographic space → half-width
  bool case_fold = true;
  bool traditional_to_simplified = true;
  bool collapse_whitespace = true;
  size_t max_text_bytes = 64 * 1024;

  // Reads the documented keys from `options` (other keys are the caller's).
  static NormalizeOptions from(const Options& options);
  static inline const std::vector<std::string_view> kKeys = {
      "drop_control", "nfkc", "width", "case_fold",
      "traditional_to_simplified", "collapse_whitespace", "max_text_bytes"};
};

struct Normalized {
  std::u32string chars;             // normalized code points
  std::vector<uint32_t> src_begin;  // per normalized char: first original cp
  std::vector<uint32_t> src_end;    // per normalized char: end original cp
  std::vector<uint32_t> src_bytes;  // original cp index → byte offset (n+1)

  // Original code-point range of normalized range [begin, end), end > begin.
  uint32_t orig_begin(size_t begin) const { return src_begin[begin]; }
  uint32_t orig_end(size_t end) const { return src_end[end - 1]; }
  // Normalized range covering exactly the characters that came from original
  // range [begin, end); empty when none did.
  std::pair<uint32_t, uint32_t> from_original(uint32_t begin, uint32_t end) const;
};

// Normalizes decoded text. Thread-safe.
Normalized normalize(const Decoded& source, const NormalizeOptions& options);

// Maps one code point Traditional → Simplified (identity when unchanged).
// The table is derived once from ICU's "Traditional-Simplified" transliterator,
// which is far too slow to call per message.
char32_t traditional_to_simplified(char32_t c);

}  // namespace kefu::text
