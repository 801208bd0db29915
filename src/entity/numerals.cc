// Numeral parsing shared by the extractors: Arabic, Chinese and English words.
#include <cmath>

#include "entity/scan.h"

namespace kefu::entity {

int chinese_digit(char32_t c) {
  switch (c) {
    case U'零': case U'〇': return 0;
    case U'一': return 1;
    case U'二': case U'两': return 2;
    case U'三': return 3;
    case U'四': return 4;
    case U'五': return 5;
    case U'六': return 6;
    case U'七': return 7;
    case U'八': return 8;
    case U'九': return 9;
    default: return -1;
  }
}

nlohmann::json number_json(double v) {
  if (std::fabs(v) < 1e15 && v == std::floor(v)) return static_cast<int64_t>(v);
  return v;
}

std::optional<Numeral> arabic_at(Text t, size_t i, bool multipliers) {
  if (!is_digit(at(t, i))) return std::nullopt;
  int64_t mantissa = 0;
  int scale = 0, digits = 0;
  size_t j = i;
  for (; is_digit(at(t, j)) && digits < 18; ++j, ++digits) mantissa = mantissa * 10 + (t[j] - U'0');
  if (is_digit(at(t, j))) return std::nullopt;  // too long to be a quantity
  // Thousands separators: only groups of exactly three digits.
  while (digits <= 15 && at(t, j) == U',' && is_digit(at(t, j + 1)) && is_digit(at(t, j + 2)) &&
         is_digit(at(t, j + 3)) && !is_digit(at(t, j + 4))) {
    for (size_t k = j + 1; k < j + 4; ++k) mantissa = mantissa * 10 + (t[k] - U'0');
    j += 4;
  }
  if (at(t, j) == U'.' && is_digit(at(t, j + 1))) {
    for (++j; is_digit(at(t, j)) && scale < 6; ++j, ++scale) mantissa = mantissa * 10 + (t[j] - U'0');
    if (is_digit(at(t, j))) return std::nullopt;
  }
  Numeral n;
  n.value = static_cast<double>(mantissa) / std::pow(10.0, scale);
  if (multipliers) {
    char32_t c = at(t, j), next = at(t, j + 1);
    if ((c == U'k' || c == U'w') && !is_alpha(next)) {
      n.value *= c == U'k' ? 1e3 : 1e4;
      ++j;
    } else if (c == U'万') {
      n.value *= 1e4, ++j;
    } else if (c == U'亿') {
      n.value *= 1e8, ++j;
    } else if (c == U'千' && next != U'克' && next != U'米' && next != U'瓦' && next != U'卡') {
      n.value *= 1e3, ++j;
    }
    if (at(t, j) == U'万' && at(t, j - 1) == U'千') n.value *= 1e4, ++j;  // 3千万
  }
  n.end = j;
  n.min = n.max = n.value;
  return n;
}

namespace {

// Chinese numerals are tokenized into digits (0..9, kJi for 几) and units
// (10, 100, 1000, 1e4, 1e8), then evaluated with 几 replaced by a value.
constexpr int64_t kJi = -1;

bool is_unit(int64_t v) { return v >= 10; }

std::optional<int64_t> evaluate(const std::vector<int64_t>& tok, int64_t ji_small, int64_t ji) {
  int64_t total = 0, section = 0, pending = -2, last_unit = 0, big = 0;
  bool zero = false;
  for (size_t k = 0; k < tok.size(); ++k) {
    int64_t v = tok[k];
    if (!is_unit(v)) {
      if (v == 0) { zero = true; pending = -2; continue; }
      if (pending != -2) return std::nullopt;
      pending = v == kJi ? (last_unit == 10 ? ji_small : ji) : v;
      continue;
    }
    if (v <= 1000) {
      if (pending == -2) {
        if (v != 10) return std::nullopt;  // only 十 has an implicit 一
        pending = 1;
      }
      if (last_unit && v >= last_unit) return std::nullopt;
      section += pending * v;
      last_unit = v, pending = -2, zero = false;
    } else {
      if (pending != -2) section += pending;
      if (section == 0 && total == 0) return std::nullopt;
      if (v == 100000000) total = (total + section) * v;
      else total += section * v;
      section = 0, pending = -2, last_unit = 0, big = v, zero = false;
    }
  }
  if (pending != -2) {
    if (!zero && last_unit > 10) section += pending * last_unit / 10;  // 三百五 = 350
    else if (!zero && last_unit == 0 && big) section += pending * big / 10;  // 一万五
    else section += pending;
  }
  return total + section;
}

}  // namespace

std::optional<Numeral> chinese_at(Text t, size_t i, bool decimal) {
  std::vector<int64_t> tok;
  bool has_unit = false, has_ji = false;
  size_t j = i;
  for (; j < t.size(); ++j) {
    char32_t c = t[j];
    int d = chinese_digit(c);
    if (d >= 0) tok.push_back(d);
    else if (c == U'几') tok.push_back(kJi), has_ji = true;
    else if (c == U'十') tok.push_back(10), has_unit = true;
    else if (c == U'百') tok.push_back(100), has_unit = true;
    else if (c == U'千') tok.push_back(1000), has_unit = true;
    else if (c == U'万' && !tok.empty()) tok.push_back(10000), has_unit = true;
    else if (c == U'亿' && !tok.empty()) tok.push_back(100000000), has_unit = true;
    else break;
  }
  // A trailing 十/百/… can never be dropped, but a trailing 万 may belong to
  // the next word ("两万" is fine; 万一 is not a number): keep as parsed.
  if (tok.empty() || (has_ji && !has_unit) || (tok.size() == 1 && tok[0] == 0)) return std::nullopt;
  Numeral n;
  n.chinese = true;
  if (!has_unit) {
    // Digit by digit ("二零二六"): only when clearly so, since "三五天" means
    // three to five days.
    bool zero = false;
    for (int64_t v : tok) zero |= v == 0;
    if (tok.size() > 1 && !zero && tok.size() < 3) {
      tok.resize(1);
      j = i + 1;
    }
    double v = 0;
    for (int64_t d : tok) v = v * 10 + static_cast<double>(d);
    n.value = v;
  } else {
    auto mid = evaluate(tok, 5, 5);
    if (!mid) {
      // Fall back to the longest prefix that evaluates ("三十百" → 三十).
      while (!tok.empty() && !mid) {
        tok.pop_back(), --j;
        mid = tok.empty() ? std::nullopt : evaluate(tok, 5, 5);
      }
      if (!mid) return std::nullopt;
      has_ji = false;
      for (int64_t v : tok) has_ji |= v == kJi;
    }
    n.value = static_cast<double>(*mid);
    if (has_ji) {
      n.approximate = true;
      n.min = static_cast<double>(*evaluate(tok, 1, 2));
      n.max = static_cast<double>(*evaluate(tok, 9, 9));
    }
  }
  // Decimal part: 三点五 = 3.5 (but 三点十五 is a time, left to the caller).
  if (decimal && !n.approximate && at(t, j) == U'点' && chinese_digit(at(t, j + 1)) >= 0) {
    size_t k = j + 1;
    double scale = 1, frac = 0;
    for (; chinese_digit(at(t, k)) >= 0; ++k) frac = frac * 10 + chinese_digit(t[k]), scale *= 10;
    if (at(t, k) != U'十' && at(t, k) != U'分') {
      n.value += frac / scale;
      j = k;
    }
  }
  if (!n.approximate) n.min = n.max = n.value;
  n.end = j;
  return n;
}

namespace {

struct Word {
  std::u32string_view text;
  int value;
};
constexpr Word kOnes[] = {
    {U"zero", 0},      {U"one", 1},        {U"two", 2},        {U"three", 3},     {U"four", 4},
    {U"five", 5},      {U"six", 6},        {U"seven", 7},      {U"eight", 8},     {U"nine", 9},
    {U"ten", 10},      {U"eleven", 11},    {U"twelve", 12},    {U"thirteen", 13}, {U"fourteen", 14},
    {U"fifteen", 15},  {U"sixteen", 16},   {U"seventeen", 17}, {U"eighteen", 18}, {U"nineteen", 19}};
constexpr Word kTens[] = {{U"twenty", 20}, {U"thirty", 30},  {U"forty", 40},  {U"fifty", 50},
                          {U"sixty", 60},  {U"seventy", 70}, {U"eighty", 80}, {U"ninety", 90}};
constexpr Word kScales[] = {{U"hundred", 100}, {U"thousand", 1000}, {U"million", 1000000},
                            {U"dozen", 12}};

const Word* word_in(Text t, size_t i, const Word* begin, const Word* end) {
  for (const Word* w = begin; w != end; ++w)
    if (word(t, i, w->text)) return w;
  return nullptr;
}

}  // namespace

std::optional<Numeral> english_at(Text t, size_t i) {
  if (i > 0 && is_alpha(t[i - 1])) return std::nullopt;
  int64_t total = 0, current = 0;
  bool any = false, article = false;
  size_t j = i, end = i;
  if (word(t, j, U"a") || word(t, j, U"an")) {
    j += at(t, j + 1) == U'n' ? 2 : 1;
    if (at(t, j) != U' ') return std::nullopt;
    ++j, article = true, current = 1;
  }
  for (;;) {
    if (const Word* w = word_in(t, j, std::begin(kTens), std::end(kTens)); w && (!any || current % 100 == 0)) {
      current += w->value, j += w->text.size();
      if ((at(t, j) == U'-' || at(t, j) == U' ')) {
        if (const Word* o = word_in(t, j + 1, std::begin(kOnes), std::begin(kOnes) + 10); o && o->value > 0)
          current += o->value, j += 1 + o->text.size();
      }
    } else if (const Word* o = word_in(t, j, std::begin(kOnes), std::end(kOnes)); o && (!any || current % 100 == 0)) {
      if (article) break;
      current += o->value, j += o->text.size();
    } else if (const Word* s = word_in(t, j, std::begin(kScales), std::end(kScales)); s && (any || article)) {
      if (s->value == 12) current = (current ? current : 1) * 12;
      else if (s->value == 100) current = (current ? current : 1) * 100;
      else total += (current ? current : 1) * s->value, current = 0;
      j += s->text.size();
    } else {
      break;
    }
    any = true, article = false, end = j;
    // Separator: a space, or " and " after hundred.
    if (at(t, j) == U' ') {
      if (word(t, j + 1, U"and") && at(t, j + 4) == U' ' && current % 100 == 0 && current > 0) j += 5;
      else ++j;
    } else {
      break;
    }
  }
  if (!any || article) return std::nullopt;
  Numeral n;
  n.words = true;
  n.value = n.min = n.max = static_cast<double>(total + current);
  n.end = end;
  return n;
}

std::optional<Numeral> numeral_at(Text t, size_t i) {
  char32_t c = at(t, i);
  if (is_digit(c)) {
    if (i > 0 && (is_alnum(t[i - 1]) || t[i - 1] == U'.')) return std::nullopt;
    return arabic_at(t, i);
  }
  if (is_alpha(c)) return english_at(t, i);
  return chinese_at(t, i);
}

std::optional<Numeral> small_int_at(Text t, size_t i, int lo, int hi) {
  std::optional<Numeral> n;
  if (is_digit(at(t, i))) {
    if (i > 0 && (is_digit(t[i - 1]) || t[i - 1] == U'.')) return std::nullopt;
    n = arabic_at(t, i, false);
  } else {
    n = chinese_at(t, i, false);
  }
  if (!n || n->approximate || n->value != std::floor(n->value) || n->value < lo || n->value > hi)
    return std::nullopt;
  return n;
}

}  // namespace kefu::entity
