// Turns a question or query into the terms the knowledge base indexes.
//
// Two fields: words (ICU words for Chinese, lightly stemmed words for
// English, numbers) and characters (CJK unigrams and bigrams, boundary-marked
// trigrams of Latin words). Words carry meaning; characters survive the
// segmentation differences and typos that paraphrases are full of. Synonym
// phrases are rewritten to their group's first member before either field is
// built, so 退钱 and 退款 index and match as one.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "text/segment.h"

namespace kefu::kb {

enum Field : uint8_t { kWords = 0, kChars = 1 };
constexpr int kFields = 2;

struct Analyzed {
  std::u32string text;                // normalized, synonyms rewritten
  std::vector<uint64_t> terms[kFields];  // term hashes, with repeats
};

class Synonyms {
 public:
  Synonyms() = default;
  // Groups of UTF-8 phrases; KEFU_ERR_INVALID_DATA for a group with fewer
  // than two phrases, an empty phrase or one phrase in two groups.
  explicit Synonyms(const std::vector<std::vector<std::string>>& groups);
  // Rewrites every longest match to its group's canonical phrase.
  std::u32string rewrite(std::u32string_view text) const;
  size_t groups() const { return groups_; }

 private:
  std::unordered_map<std::u32string, std::u32string> canonical_;
  size_t max_len_ = 0;
  size_t groups_ = 0;
};

class Analyzer {
 public:
  Analyzer();
  // Analyzes UTF-8 text (KEFU_ERR_INVALID_UTF8 / KEFU_ERR_TOO_LARGE as
  // usual). Thread-safe.
  Analyzed analyze(std::string_view utf8, const Synonyms& synonyms,
                   size_t max_bytes = 64 * 1024) const;

 private:
  text::Segmenter segmenter_;
};

}  // namespace kefu::kb
