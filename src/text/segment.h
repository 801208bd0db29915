// Word segmentation for Chinese, English and mixed text.
//
// Text is normalized first; user-dictionary words (product names, brand
// terms) are matched longest-first on the normalized text and always win;
// the stretches between them go through ICU's word break, which uses its
// dictionary for Chinese and Japanese and Unicode rules elsewhere.
#pragma once

#include <cstdint>
#include <string>
#include <unordered_set>
#include <vector>

#include "text/normalize.h"

namespace kefu::text {

enum class TokenType { kWord, kNumber, kCjk, kUser, kPunct };
const char* token_type_name(TokenType type);

struct Token {
  std::u32string norm;  // normalized form
  uint32_t begin;       // normalized code-point range [begin, end)
  uint32_t end;
  TokenType type;
};

struct SegmenterOptions {
  NormalizeOptions normalize;
  bool normalize_enabled = true;
  bool keep_punctuation = false;
  std::vector<std::string> user_words;  // UTF-8, as the user wrote them

  static SegmenterOptions from_json(const char* options_json);
};

class Segmenter {
 public:
  explicit Segmenter(SegmenterOptions options);

  // Normalizes (per the options) and segments. Thread-safe.
  Normalized prepare(const Decoded& source) const;
  std::vector<Token> segment(const Normalized& text) const;

  const SegmenterOptions& options() const { return options_; }

 private:
  size_t match_user_word(const std::u32string& text, size_t pos) const;
  void break_words(const std::u32string& text, size_t begin, size_t end,
                   std::vector<Token>& out) const;

  SegmenterOptions options_;
  std::unordered_set<std::u32string> user_words_;
  std::unordered_set<char32_t> user_first_chars_;
  size_t max_user_len_ = 0;
};

}  // namespace kefu::text
