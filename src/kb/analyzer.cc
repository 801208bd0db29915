#include "kb/analyzer.h"

#include <unordered_set>

#include "core/error.h"
#include "text/ngrams.h"
#include "text/utf8.h"

namespace kefu::kb {

namespace {

bool is_cjk(char32_t c) {
  return (c >= 0x3400 && c <= 0x9FFF) || (c >= 0xF900 && c <= 0xFAFF) ||
         (c >= 0x20000 && c <= 0x2FFFF);
}

bool is_latin(char32_t c) { return (c >= 'a' && c <= 'z') || (c >= 0xC0 && c < 0x250); }

bool is_word_char(char32_t c) { return is_latin(c) || (c >= '0' && c <= '9'); }

// A light English stemmer: plural and common verb endings, enough to match
// "refunds"/"refunded"/"refunding" without a dictionary.
std::u32string_view stem(std::u32string_view w) {
  auto ends = [&](std::u32string_view suffix) {
    return w.size() > suffix.size() + 2 && w.substr(w.size() - suffix.size()) == suffix;
  };
  if (ends(U"ies")) return w.substr(0, w.size() - 2);  // "replies" → "repli"
  if (ends(U"ing")) return w.substr(0, w.size() - 3);
  if (ends(U"ed")) return w.substr(0, w.size() - 2);
  if (ends(U"es") && (w[w.size() - 3] == 's' || w[w.size() - 3] == 'x' || w[w.size() - 3] == 'h'))
    return w.substr(0, w.size() - 2);
  if (ends(U"s") && w[w.size() - 2] != 's') return w.substr(0, w.size() - 1);
  return w;
}

text::SegmenterOptions analyzer_segmenter_options() {
  text::SegmenterOptions o;
  o.normalize.max_text_bytes = size_t{1} << 30;  // the caller's limit applies first
  return o;
}

}  // namespace

Synonyms::Synonyms(const std::vector<std::vector<std::string>>& groups) {
  text::NormalizeOptions no;
  auto norm = [&](const std::string& s) {
    return text::normalize(text::decode_utf8(s, no.max_text_bytes), no).chars;
  };
  for (size_t g = 0; g < groups.size(); ++g) {
    const auto& group = groups[g];
    std::string where = "synonyms[" + std::to_string(g) + "]";
    if (group.size() < 2) fail(KEFU_ERR_INVALID_DATA, where + ": a group needs at least two phrases");
    std::u32string canonical = norm(group[0]);
    for (size_t i = 0; i < group.size(); ++i) {
      std::u32string phrase = norm(group[i]);
      if (phrase.empty())
        fail(KEFU_ERR_INVALID_DATA, where + "[" + std::to_string(i) + "]: empty phrase");
      auto [it, added] = canonical_.emplace(phrase, canonical);
      if (!added && it->second != canonical)
        fail(KEFU_ERR_INVALID_DATA, where + "[" + std::to_string(i) + "]: \"" + group[i] +
                                        "\" is already in another group");
      max_len_ = std::max(max_len_, phrase.size());
    }
  }
  groups_ = groups.size();
}

std::u32string Synonyms::rewrite(std::u32string_view text) const {
  if (canonical_.empty()) return std::u32string(text);
  std::u32string out;
  out.reserve(text.size());
  for (size_t i = 0; i < text.size();) {
    // Latin phrases match whole words only: "refund" must not fire in "refunds".
    bool word_start = i == 0 || !is_word_char(text[i - 1]);
    size_t best = 0;
    const std::u32string* replacement = nullptr;
    for (size_t len = std::min(max_len_, text.size() - i); len > 0; --len) {
      auto it = canonical_.find(std::u32string(text.substr(i, len)));
      if (it == canonical_.end()) continue;
      bool latin_edge = is_word_char(text[i]) || is_word_char(text[i + len - 1]);
      bool word_end = i + len == text.size() || !is_word_char(text[i + len]);
      if (latin_edge && !(word_start && word_end)) continue;
      best = len;
      replacement = &it->second;
      break;
    }
    if (replacement) {
      out += *replacement;
      i += best;
    } else {
      out += text[i++];
    }
  }
  return out;
}

Analyzer::Analyzer() : segmenter_(analyzer_segmenter_options()) {}

Analyzed Analyzer::analyze(std::string_view utf8, const Synonyms& synonyms, size_t max_bytes) const {
  text::Decoded decoded = text::decode_utf8(utf8, max_bytes);
  text::Normalized normalized = segmenter_.prepare(decoded);
  Analyzed a;
  a.text = synonyms.rewrite(normalized.chars);
  normalized.chars = a.text;  // segment() reads only the characters

  for (const text::Token& t : segmenter_.segment(normalized)) {
    if (t.type == text::TokenType::kPunct) continue;
    std::u32string_view w = t.norm;
    if (t.type == text::TokenType::kWord) w = stem(w);
    a.terms[kWords].push_back(text::hash_chars(w, kWords + 1));
  }
  // Character field: CJK unigrams and bigrams over each CJK run, trigrams of
  // each Latin word with boundary marks (so "^re" and "nd$" count).
  const std::u32string& s = a.text;
  for (size_t i = 0; i < s.size();) {
    if (is_cjk(s[i])) {
      size_t j = i;
      while (j < s.size() && is_cjk(s[j])) ++j;
      for (size_t k = i; k < j; ++k) {
        a.terms[kChars].push_back(text::hash_chars(std::u32string_view(s).substr(k, 1), kChars + 1));
        if (k + 1 < j)
          a.terms[kChars].push_back(text::hash_chars(std::u32string_view(s).substr(k, 2), kChars + 1));
      }
      i = j;
    } else if (is_word_char(s[i])) {
      size_t j = i;
      while (j < s.size() && is_word_char(s[j])) ++j;
      std::u32string word = U"^" + s.substr(i, j - i) + U"$";
      if (word.size() <= 3) {
        a.terms[kChars].push_back(text::hash_chars(word, kChars + 1));
      } else {
        for (size_t k = 0; k + 3 <= word.size(); ++k)
          a.terms[kChars].push_back(text::hash_chars(std::u32string_view(word).substr(k, 3), kChars + 1));
      }
      i = j;
    } else {
      ++i;
    }
  }
  return a;
}

}  // namespace kefu::kb
