// Character n-gram helpers for feature extraction.
#pragma once

#include <cstdint>
#include <string_view>
#include <vector>

namespace kefu::text {

// All substrings of `text` with min_n..max_n code points, shortest first at
// each position. Views point into `text`.
std::vector<std::u32string_view> char_ngrams(std::u32string_view text, int min_n,
                                             int max_n);

// 64-bit FNV-1a hash of a code-point sequence; stable across runs and
// platforms, so hashed features can be stored in model files.
uint64_t hash_chars(std::u32string_view text, uint64_t seed = 0);

// Appends hash(ngram) % buckets for every char n-gram. `bounded` wraps the
// text in boundary markers first, so prefixes and suffixes get own features.
void hashed_char_ngrams(std::u32string_view text, int min_n, int max_n,
                        uint32_t buckets, bool bounded,
                        std::vector<uint32_t>& out);

}  // namespace kefu::text
