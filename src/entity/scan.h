// Shared pieces of the built-in extractors: character classes, literal
// matching on code points, numeral parsing, and the candidate sink.
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>
#include <vector>

#include "entity/builtin.h"

namespace kefu::entity {

using Text = std::u32string_view;

inline bool is_digit(char32_t c) { return c >= U'0' && c <= U'9'; }
inline bool is_alpha(char32_t c) { return c >= U'a' && c <= U'z'; }
inline bool is_alnum(char32_t c) { return is_digit(c) || is_alpha(c); }
inline char32_t at(Text t, size_t i) { return i < t.size() ? t[i] : 0; }

// True when `w` occurs at position i.
inline bool has(Text t, size_t i, Text w) { return i <= t.size() && t.substr(i).starts_with(w); }
// Like has(), but for ASCII words: no letter may touch either end.
inline bool word(Text t, size_t i, Text w) {
  return has(t, i, w) && !(i > 0 && is_alpha(t[i - 1])) && !is_alpha(at(t, i + w.size()));
}
// Index after an optional single space at i.
inline size_t skip_space(Text t, size_t i) { return at(t, i) == U' ' ? i + 1 : i; }

// A parsed numeral [.., end) with its value; approximate ones ("十几",
// "几百") also carry a range.
struct Numeral {
  double value = 0;
  size_t end = 0;
  bool chinese = false;
  bool words = false;  // English number words
  bool approximate = false;
  double min = 0, max = 0;
};

int chinese_digit(char32_t c);  // 零〇一二两…九 → 0..9, else -1
// Arabic: "1,234.5", optionally with a multiplier "3.5k", "2万", "1.5亿".
std::optional<Numeral> arabic_at(Text t, size_t i, bool multipliers = true);
// Chinese: "两千三百零五", "十几", "三点五", "二零二六".
std::optional<Numeral> chinese_at(Text t, size_t i, bool decimal = true);
// English words: "twenty five", "a dozen", "one hundred and five".
std::optional<Numeral> english_at(Text t, size_t i);
// Any of the three; Arabic only at a number boundary.
std::optional<Numeral> numeral_at(Text t, size_t i);
// Integer-only numeral in [lo, hi] (Arabic or Chinese), e.g. a month or hour.
std::optional<Numeral> small_int_at(Text t, size_t i, int lo, int hi);

// An integer-valued double becomes a JSON integer, others stay floating.
nlohmann::json number_json(double v);

// Candidates before overlap resolution; `rank` breaks ties in length.
struct Candidate {
  BuiltinMatch match;
  int rank;
};
using Sink = std::vector<Candidate>;
void add(Sink& out, const char* type, size_t begin, size_t end, nlohmann::json value,
         float confidence);

void find_numbers(Text t, Sink& out);     // number, ordinal, percentage, quantity, money
void find_contacts(Text t, Sink& out);  // phone, email, url, id_card, bank_card,
                                        // tracking_number
void find_datetimes(Text t, const ReferenceTime& now, Sink& out);  // date, time, datetime,
                                                                   // duration, date_range
}  // namespace kefu::entity
