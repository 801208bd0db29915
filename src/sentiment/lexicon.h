// Sentiment lexicons: valenced terms with an emotion, and the rule words
// (negators, degree adverbs, contrast and concession markers, escalation
// cues, rhetorical-question markers) the scorer needs.
//
// File format (UTF-8; '#' starts a comment line; blank lines are skipped):
//   term<TAB>weight<TAB>kind
// kind: an emotion (anger, anxiety, sadness, disgust, joy, surprise, trust)
// or "-" for a valenced term, weight its valence in [-4, 4]; or one of
// negator, degree (weight: multiplier), contrast / concession (weight: how
// much the clause after / the other clause counts), escalation (weight 1–3:
// a complaint, legal or churn threat; counts as that much anger; 1 escalates
// only a negative message), handoff (asks for a human: escalates, no
// valence), rhetorical. Terms are matched on normalized text (Simplified Chinese,
// lower case, half width), so write them that way.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace kefu::sentiment {

enum class Kind : uint8_t {
  kValence, kNegator, kDegree, kContrast, kConcession, kEscalation, kHandoff, kRhetorical
};

constexpr int kEmotions = 7;
extern const char* const kEmotionNames[kEmotions];  // anger, anxiety, sadness, …

// Letters, digits and the apostrophe of "don't": the characters of a Latin
// word, which lexicon terms never cut in two.
inline bool is_word_char(char32_t c) {
  return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || (c >= 0xC0 && c < 0x250) || c == '\'';
}

struct Term {
  float weight = 0;
  Kind kind = Kind::kValence;
  int8_t emotion = -1;  // index into kEmotionNames, -1 for none
};

class Lexicon {
 public:
  // Adds the entries of a lexicon file; a later entry for the same term
  // replaces the earlier one. KEFU_ERR_INVALID_DATA names `source` and the
  // line of the first bad entry.
  void add_tsv(std::string_view text, std::string_view source);

  // The longest term starting at `pos` of normalized `text`; its length in
  // code points, 0 when none. Terms that begin or end with a Latin letter or
  // digit match whole words only.
  size_t match(std::u32string_view text, size_t pos, const Term** term) const;

  size_t size() const { return terms_.size(); }

  // kefu's defaults: VADER (MIT) and kefu's own English and Chinese lists.
  static const Lexicon& defaults();

 private:
  std::unordered_map<uint64_t, Term> terms_;  // by hash of the term's code points
  std::vector<uint8_t> length_mask_;          // by first char (bucketed): bit n-1 = a term of n chars
  std::vector<uint8_t> max_len_at_;           // by first char (bucketed): longest term
  size_t max_len_ = 0;
};

}  // namespace kefu::sentiment
