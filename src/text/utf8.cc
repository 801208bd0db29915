#include "text/utf8.h"

#include "core/error.h"

namespace kefu::text {

namespace {
[[noreturn]] void invalid_at(size_t offset) {
  fail(KEFU_ERR_INVALID_UTF8,
       "invalid UTF-8 at byte offset " + std::to_string(offset));
}
}  // namespace

std::string_view checked_view(const char* text, size_t len) {
  if (text == nullptr && len != 0)
    fail(KEFU_ERR_INVALID_ARGUMENT, "text is NULL but len is not 0");
  return text == nullptr ? std::string_view() : std::string_view(text, len);
}

namespace {
// The code point starting at byte i of s (n bytes) into *c; returns its length
// in bytes, or 0 for a malformed, overlong, surrogate or out-of-range sequence.
size_t decode_one(const unsigned char* s, size_t n, size_t i, char32_t* c) {
  const unsigned char b = s[i];
  size_t len;
  if (b < 0x80) {
    *c = b;
    return 1;
  } else if (b >= 0xC2 && b <= 0xDF) {
    *c = b & 0x1F;
    len = 2;
  } else if (b >= 0xE0 && b <= 0xEF) {
    *c = b & 0x0F;
    len = 3;
  } else if (b >= 0xF0 && b <= 0xF4) {
    *c = b & 0x07;
    len = 4;
  } else {
    return 0;
  }
  if (i + len > n) return 0;
  for (size_t k = 1; k < len; ++k) {
    if ((s[i + k] & 0xC0) != 0x80) return 0;
    *c = (*c << 6) | (s[i + k] & 0x3F);
  }
  if ((len == 3 && *c < 0x800) || (len == 4 && (*c < 0x10000 || *c > 0x10FFFF)) || (*c >= 0xD800 && *c <= 0xDFFF))
    return 0;
  return len;
}
}  // namespace

Decoded decode_utf8(std::string_view bytes, size_t max_bytes) {
  if (bytes.size() > max_bytes)
    fail(KEFU_ERR_TOO_LARGE, "text is " + std::to_string(bytes.size()) +
                                 " bytes, above the limit of " +
                                 std::to_string(max_bytes));
  Decoded out;
  out.chars.reserve(bytes.size());
  out.byte_offsets.reserve(bytes.size() + 1);
  const auto* s = reinterpret_cast<const unsigned char*>(bytes.data());
  const size_t n = bytes.size();
  for (size_t i = 0; i < n;) {
    char32_t c;
    const size_t len = decode_one(s, n, i, &c);
    if (len == 0) invalid_at(i);
    out.chars.push_back(c);
    out.byte_offsets.push_back(static_cast<uint32_t>(i));
    i += len;
  }
  out.byte_offsets.push_back(static_cast<uint32_t>(n));
  return out;
}

bool valid_utf8(std::string_view bytes) {
  const auto* s = reinterpret_cast<const unsigned char*>(bytes.data());
  char32_t c;
  for (size_t i = 0, len; i < bytes.size(); i += len)
    if ((len = decode_one(s, bytes.size(), i, &c)) == 0) return false;
  return true;
}

void append_utf8(std::string& out, char32_t c) {
  if (c < 0x80) {
    out.push_back(static_cast<char>(c));
  } else if (c < 0x800) {
    out.push_back(static_cast<char>(0xC0 | (c >> 6)));
    out.push_back(static_cast<char>(0x80 | (c & 0x3F)));
  } else if (c < 0x10000) {
    out.push_back(static_cast<char>(0xE0 | (c >> 12)));
    out.push_back(static_cast<char>(0x80 | ((c >> 6) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | (c & 0x3F)));
  } else {
    out.push_back(static_cast<char>(0xF0 | (c >> 18)));
    out.push_back(static_cast<char>(0x80 | ((c >> 12) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | ((c >> 6) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | (c & 0x3F)));
  }
}

std::string to_utf8(std::u32string_view chars) {
  std::string out;
  out.reserve(chars.size());
  for (char32_t c : chars) append_utf8(out, c);
  return out;
}

}  // namespace kefu::text
