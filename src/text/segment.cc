#include "text/segment.h"

#include <algorithm>
#include <cctype>
#include <memory>

#include <unicode/brkiter.h>
#include <unicode/uchar.h>
#include <unicode/ubrk.h>

#include "core/error.h"

namespace kefu::text {

const char* token_type_name(TokenType type) {
  switch (type) {
    case TokenType::kWord: return "word";
    case TokenType::kNumber: return "number";
    case TokenType::kCjk: return "cjk";
    case TokenType::kUser: return "user";
    case TokenType::kPunct: return "punct";
  }
  return "word";
}

SegmenterOptions SegmenterOptions::from_json(const char* options_json) {
  Options o(options_json,
            {"user_words", "normalize", "keep_punctuation", "max_text_bytes"},
            "segmenter options");
  SegmenterOptions s;
  if (o.has("normalize")) {
    const auto& n = o.get("normalize");
    if (n.is_boolean()) {
      s.normalize_enabled = n.get<bool>();
    } else {
      s.normalize = NormalizeOptions::from(
          Options(n, NormalizeOptions::kKeys, "segmenter options: normalize"));
    }
  }
  s.normalize.max_text_bytes = static_cast<size_t>(o.get_int(
      "max_text_bytes", static_cast<int64_t>(s.normalize.max_text_bytes), 0,
      int64_t{1} << 30));
  s.keep_punctuation = o.get_bool("keep_punctuation", false);
  if (o.has("user_words")) {
    const auto& words = o.get("user_words");
    if (!words.is_array())
      fail(KEFU_ERR_INVALID_OPTIONS,
           "segmenter options: \"user_words\" must be an array of strings");
    for (size_t i = 0; i < words.size(); ++i) {
      if (!words[i].is_string())
        fail(KEFU_ERR_INVALID_OPTIONS, "segmenter options: user_words[" +
                                           std::to_string(i) + "] must be a string");
      s.user_words.push_back(words[i].get<std::string>());
    }
  }
  return s;
}

namespace {

bool is_latin_alnum(char32_t c) {
  return (c < 0x80 && (std::isalnum(static_cast<int>(c)) != 0)) ||
         (c >= 0xC0 && c < 0x250);
}

TokenType type_of_status(int32_t status) {
  if (status >= UBRK_WORD_IDEO && status < UBRK_WORD_IDEO_LIMIT) return TokenType::kCjk;
  if (status >= UBRK_WORD_KANA && status < UBRK_WORD_KANA_LIMIT) return TokenType::kCjk;
  if (status >= UBRK_WORD_LETTER && status < UBRK_WORD_LETTER_LIMIT) return TokenType::kWord;
  if (status >= UBRK_WORD_NUMBER && status < UBRK_WORD_NUMBER_LIMIT) return TokenType::kNumber;
  return TokenType::kPunct;
}

// ICU break iterators are not thread-safe: each thread keeps its own.
icu::BreakIterator& thread_word_breaker() {
  thread_local std::unique_ptr<icu::BreakIterator> breaker = [] {
    UErrorCode status = U_ZERO_ERROR;
    std::unique_ptr<icu::BreakIterator> b(
        icu::BreakIterator::createWordInstance(icu::Locale("zh"), status));
    if (U_FAILURE(status) || !b)
      fail(KEFU_ERR_INTERNAL, "ICU word break iterator unavailable");
    return b;
  }();
  return *breaker;
}

}  // namespace

Segmenter::Segmenter(SegmenterOptions options) : options_(std::move(options)) {
  for (size_t i = 0; i < options_.user_words.size(); ++i) {
    const std::string& word = options_.user_words[i];
    Decoded d = decode_utf8(word, options_.normalize.max_text_bytes);
    std::u32string norm =
        options_.normalize_enabled ? normalize(d, options_.normalize).chars : d.chars;
    if (norm.empty())
      fail(KEFU_ERR_INVALID_OPTIONS, "segmenter options: user_words[" +
                                         std::to_string(i) + "] is empty");
    max_user_len_ = std::max(max_user_len_, norm.size());
    user_first_chars_.insert(norm.front());
    user_words_.insert(std::move(norm));
  }
}

Normalized Segmenter::prepare(const Decoded& source) const {
  if (options_.normalize_enabled) return normalize(source, options_.normalize);
  NormalizeOptions none;
  none.drop_control = none.nfkc = none.width = none.case_fold =
      none.traditional_to_simplified = none.collapse_whitespace = false;
  return normalize(source, none);
}

// Length of the longest user word starting at `pos`, or 0. A word that starts
// or ends with a Latin letter or digit must not cut a Latin word in two.
size_t Segmenter::match_user_word(const std::u32string& text, size_t pos) const {
  if (max_user_len_ == 0 || !user_first_chars_.count(text[pos])) return 0;
  if (pos > 0 && is_latin_alnum(text[pos]) && is_latin_alnum(text[pos - 1])) return 0;
  size_t longest = std::min(max_user_len_, text.size() - pos);
  std::u32string candidate;
  for (size_t len = longest; len > 0; --len) {
    candidate.assign(text, pos, len);
    if (!user_words_.count(candidate)) continue;
    size_t end = pos + len;
    if (end < text.size() && is_latin_alnum(text[end - 1]) && is_latin_alnum(text[end]))
      continue;
    return len;
  }
  return 0;
}

void Segmenter::break_words(const std::u32string& text, size_t begin, size_t end,
                            std::vector<Token>& out) const {
  if (begin >= end) return;
  icu::UnicodeString u;
  std::vector<uint32_t> u16_to_cp;  // UTF-16 index → code-point index
  for (size_t i = begin; i < end; ++i) {
    u.append(static_cast<UChar32>(text[i]));
    u16_to_cp.resize(static_cast<size_t>(u.length()), static_cast<uint32_t>(i));
  }
  u16_to_cp.push_back(static_cast<uint32_t>(end));
  icu::BreakIterator& bi = thread_word_breaker();
  bi.setText(u);
  int32_t start = bi.first();
  for (int32_t stop = bi.next(); stop != icu::BreakIterator::DONE;
       start = stop, stop = bi.next()) {
    TokenType type = type_of_status(bi.getRuleStatus());
    uint32_t b = u16_to_cp[static_cast<size_t>(start)];
    uint32_t e = u16_to_cp[static_cast<size_t>(stop)];
    if (type == TokenType::kPunct) {
      bool all_space = true;
      for (uint32_t i = b; i < e; ++i)
        all_space = all_space && u_isUWhiteSpace(static_cast<UChar32>(text[i]));
      if (all_space || !options_.keep_punctuation) continue;
    }
    out.push_back(Token{text.substr(b, e - b), b, e, type});
  }
}

std::vector<Token> Segmenter::segment(const Normalized& text) const {
  std::vector<Token> tokens;
  const std::u32string& chars = text.chars;
  size_t gap_begin = 0;
  for (size_t pos = 0; pos < chars.size();) {
    size_t len = match_user_word(chars, pos);
    if (len == 0) {
      ++pos;
      continue;
    }
    break_words(chars, gap_begin, pos, tokens);
    tokens.push_back(Token{chars.substr(pos, len), static_cast<uint32_t>(pos),
                           static_cast<uint32_t>(pos + len), TokenType::kUser});
    pos += len;
    gap_begin = pos;
  }
  break_words(chars, gap_begin, chars.size(), tokens);
  return tokens;
}

}  // namespace kefu::text
