#include "text/ngrams.h"

#include <string>

namespace kefu::text {

std::vector<std::u32string_view> char_ngrams(std::u32string_view text, int min_n,
                                             int max_n) {
  std::vector<std::u32string_view> out;
  if (min_n < 1 || max_n < min_n) return out;
  for (size_t i = 0; i < text.size(); ++i)
    for (int n = min_n; n <= max_n && i + static_cast<size_t>(n) <= text.size(); ++n)
      out.push_back(text.substr(i, static_cast<size_t>(n)));
  return out;
}

uint64_t hash_chars(std::u32string_view text, uint64_t seed) {
  uint64_t h = 1469598103934665603ULL ^ seed;
  for (char32_t c : text) {
    for (int shift = 0; shift < 32; shift += 8) {
      h ^= (c >> shift) & 0xFF;
      h *= 1099511628211ULL;
    }
  }
  return h;
}

void hashed_char_ngrams(std::u32string_view text, int min_n, int max_n,
                        uint32_t buckets, bool bounded,
                        std::vector<uint32_t>& out) {
  if (buckets == 0) return;
  std::u32string wrapped;
  if (bounded) {
    wrapped.reserve(text.size() + 2);
    wrapped.push_back(U'\x02');
    wrapped.append(text);
    wrapped.push_back(U'\x03');
    text = wrapped;
  }
  for (std::u32string_view gram : char_ngrams(text, min_n, max_n))
    out.push_back(static_cast<uint32_t>(hash_chars(gram) % buckets));
}

}  // namespace kefu::text
