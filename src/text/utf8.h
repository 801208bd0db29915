// UTF-8 decoding with strict validation, and encoding back.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace kefu::text {

// A decoded text: its code points and, for each, the byte offset where it
// starts in the source; byte_offsets has one extra entry, the total length.
struct Decoded {
  std::u32string chars;
  std::vector<uint32_t> byte_offsets;
};

// Decodes `bytes`, throwing KEFU_ERR_INVALID_UTF8 (naming the byte offset) on
// malformed, overlong, surrogate or out-of-range sequences, and
// KEFU_ERR_TOO_LARGE when longer than `max_bytes`.
Decoded decode_utf8(std::string_view bytes, size_t max_bytes);

// True when `bytes` is well-formed UTF-8 (the rules of decode_utf8), without
// decoding it.
bool valid_utf8(std::string_view bytes);

// Throws KEFU_ERR_INVALID_ARGUMENT for a NULL pointer with non-zero length.
std::string_view checked_view(const char* text, size_t len);

void append_utf8(std::string& out, char32_t c);
std::string to_utf8(std::u32string_view chars);

}  // namespace kefu::text
