// Numbers and what hangs on them: ordinals, percentages, quantities, money.
#include <cmath>

#include "entity/scan.h"
#include "text/utf8.h"

namespace kefu::entity {

namespace {

using nlohmann::json;

// Chinese words starting with 一 that are not the number one.
bool idiomatic_yi(Text t, size_t i) {
  static constexpr std::u32string_view kAfter = U"下起样直定些般会致切旦共律边向同齐再点";
  static constexpr std::u32string_view kBefore = U"统唯万专第";
  return (kAfter.find(at(t, i + 1)) != Text::npos && at(t, i + 1) != 0) ||
         (i > 0 && kBefore.find(t[i - 1]) != Text::npos);
}

// "one" in "this one", "no one" is a pronoun, not a count.
bool pronoun_one(Text t, size_t i) {
  for (Text w : {U"this ", U"that ", U"which ", U"the ", U"no ", U"any ", U"every ", U"each ",
                 U"some ", U"another ", U"new ", U"old ", U"second ", U"first ", U"third "})
    if (i >= w.size() && t.substr(i - w.size(), w.size()) == w) return true;
  return false;
}

// A standalone number: not glued to letters or other digits.
std::optional<Numeral> plain_number(Text t, size_t i) {
  auto n = numeral_at(t, i);
  if (!n) return std::nullopt;
  if (!n->chinese && !n->words) {
    // Long digit runs are order numbers and IDs, not amounts.
    size_t digits = 0;
    for (size_t k = i; k < n->end; ++k) digits += is_digit(t[k]);
    if (digits > 15) return std::nullopt;
    char32_t after = at(t, n->end);
    if (is_alpha(after) || (after == U'.' && is_digit(at(t, n->end + 1)))) return std::nullopt;
  }
  if (n->chinese && t[i] == U'一' && n->end == i + 1 && idiomatic_yi(t, i)) return std::nullopt;
  if (n->words && word(t, i, U"one") && n->end == i + 3 && pronoun_one(t, i)) return std::nullopt;
  return n;
}

json number_value(const Numeral& n) {
  json v = {{"value", number_json(n.value)}};
  if (n.approximate) {
    v["approximate"] = true;
    v["min"] = number_json(n.min);
    v["max"] = number_json(n.max);
  }
  return v;
}

void numbers(Text t, Sink& out) {
  for (size_t i = 0; i < t.size();) {
    auto n = plain_number(t, i);
    if (!n) { ++i; continue; }
    float conf = n->words ? 0.8f : n->chinese ? (n->end == i + 1 ? 0.6f : 0.85f) : 0.9f;
    add(out, "number", i, n->end, number_value(*n), conf);
    i = n->end;
  }
}

// English ordinal words; compounds like "twenty-first" are built from these.
struct OrdinalWord { Text text; int value; };
constexpr OrdinalWord kOrdinals[] = {
    {U"first", 1},       {U"second", 2},      {U"third", 3},       {U"fourth", 4},
    {U"fifth", 5},       {U"sixth", 6},       {U"seventh", 7},     {U"eighth", 8},
    {U"ninth", 9},       {U"tenth", 10},      {U"eleventh", 11},   {U"twelfth", 12},
    {U"thirteenth", 13}, {U"fourteenth", 14}, {U"fifteenth", 15},  {U"sixteenth", 16},
    {U"seventeenth", 17}, {U"eighteenth", 18}, {U"nineteenth", 19}, {U"twentieth", 20},
    {U"thirtieth", 30},  {U"fortieth", 40},   {U"fiftieth", 50}};
constexpr std::pair<Text, int> kTensWords[] = {{U"twenty", 20}, {U"thirty", 30}, {U"forty", 40},
                                               {U"fifty", 50}};

std::optional<std::pair<int, size_t>> english_ordinal(Text t, size_t i) {
  if (i > 0 && is_alpha(t[i - 1])) return std::nullopt;
  int base = 0;
  size_t j = i;
  for (auto [w, v] : kTensWords)
    if (has(t, i, w) && (at(t, i + w.size()) == U'-' || at(t, i + w.size()) == U' ')) {
      base = v, j = i + w.size() + 1;
      break;
    }
  for (const auto& o : kOrdinals)
    if (word(t, j, o.text) && (base == 0 || o.value < 10)) return std::pair{base + o.value, j + o.text.size()};
  if (base) {  // "twenty" alone was not an ordinal after all
    for (const auto& o : kOrdinals)
      if (word(t, i, o.text)) return std::pair{o.value, i + o.text.size()};
  }
  return std::nullopt;
}

// Chinese measure words, longest first where one is a prefix of another.
constexpr Text kMeasures[] = {
    U"公斤", U"千克", U"毫升", U"厘米", U"毫米", U"个", U"件", U"只", U"台", U"部", U"双",
    U"瓶",   U"盒",   U"箱",   U"包",   U"袋",   U"张", U"本", U"份", U"条", U"支", U"套",
    U"斤",   U"克",   U"吨",   U"米",   U"升",   U"罐", U"桶", U"杯", U"碗", U"位", U"名",
    U"次",   U"单",   U"笔",   U"片",   U"粒",   U"颗", U"根", U"把", U"辆", U"间", U"层",
    U"家",   U"样",   U"对",   U"副",   U"盏", U"卷", U"包"};

// English units with their canonical (singular) name.
constexpr std::pair<Text, Text> kEnglishUnits[] = {
    {U"pieces", U"piece"}, {U"piece", U"piece"},  {U"pcs", U"piece"},    {U"pc", U"piece"},
    {U"items", U"item"},   {U"item", U"item"},    {U"boxes", U"box"},    {U"box", U"box"},
    {U"units", U"unit"},   {U"unit", U"unit"},    {U"pairs", U"pair"},   {U"pair", U"pair"},
    {U"bottles", U"bottle"}, {U"bottle", U"bottle"}, {U"packs", U"pack"}, {U"pack", U"pack"},
    {U"packages", U"package"}, {U"package", U"package"}, {U"bags", U"bag"}, {U"bag", U"bag"},
    {U"sets", U"set"},     {U"set", U"set"},      {U"kg", U"kg"},        {U"kgs", U"kg"},
    {U"kilograms", U"kg"}, {U"kilogram", U"kg"},  {U"cans", U"can"},     {U"cartons", U"carton"},
    {U"carton", U"carton"}, {U"orders", U"order"}, {U"copies", U"copy"}, {U"tickets", U"ticket"},
    {U"ticket", U"ticket"}, {U"shirts", U"shirt"}, {U"pairs of shoes", U"pair"}};

Text measure_at(Text t, size_t i) {
  for (Text m : kMeasures)
    if (has(t, i, m)) return m;
  return {};
}

void ordinals(Text t, Sink& out) {
  for (size_t i = 0; i < t.size(); ++i) {
    if (t[i] == U'第') {
      auto n = is_digit(at(t, i + 1)) ? arabic_at(t, i + 1, false) : chinese_at(t, i + 1, false);
      if (!n || n->approximate || n->value < 1 || n->value != std::floor(n->value)) continue;
      size_t end = n->end;
      if (Text m = measure_at(t, end); !m.empty()) end += m.size();
      add(out, "ordinal", i, end, {{"value", number_json(n->value)}}, 0.9f);
      i = end - 1;
      continue;
    }
    if (is_digit(t[i]) && (i == 0 || !is_alnum(t[i - 1]))) {
      size_t j = i;
      while (is_digit(at(t, j))) ++j;
      for (Text s : {U"st", U"nd", U"rd", U"th"})
        if (has(t, j, s) && !is_alpha(at(t, j + 2))) {
          int v = 0;
          for (size_t k = i; k < j && v < 100000; ++k) v = v * 10 + (t[k] - U'0');
          add(out, "ordinal", i, j + 2, {{"value", v}}, 0.85f);
          break;
        }
      i = j - 1;
      continue;
    }
    if (is_alpha(t[i]) && (i == 0 || !is_alpha(t[i - 1]))) {
      auto o = english_ordinal(t, i);
      if (!o) continue;
      // "a second", "per second" measure time; "second hand" is used goods.
      Text before = t.substr(0, i);
      if (word(t, i, U"second") && (before.ends_with(U"a ") || before.ends_with(U"one ") ||
                                    before.ends_with(U"per ") || word(t, o->second + 1, U"hand")))
        continue;
      size_t end = o->second;
      if (at(t, end) == U' ' && word(t, end + 1, U"one")) end += 4;
      add(out, "ordinal", i, end, {{"value", o->first}}, 0.8f);
      i = end - 1;
    }
  }
}

void percentages(Text t, Sink& out) {
  for (size_t i = 0; i < t.size(); ++i) {
    if (has(t, i, U"百分之")) {
      if (at(t, i + 3) == U'百') {
        add(out, "percentage", i, i + 4, {{"value", 1}}, 0.95f);
        continue;
      }
      auto n = is_digit(at(t, i + 3)) ? arabic_at(t, i + 3, false) : chinese_at(t, i + 3);
      if (n && !n->approximate) add(out, "percentage", i, n->end, {{"value", number_json(n->value / 100)}}, 0.95f);
      continue;
    }
    if (is_digit(t[i]) && (i == 0 || !(is_alnum(t[i - 1]) || t[i - 1] == U'.'))) {
      auto n = arabic_at(t, i, false);
      if (!n) continue;
      size_t j = skip_space(t, n->end);
      if (at(t, j) == U'%') {
        add(out, "percentage", i, j + 1, {{"value", number_json(n->value / 100)}}, 0.95f);
      } else if (word(t, j, U"percent") || word(t, j, U"per cent")) {
        add(out, "percentage", i, j + (has(t, j, U"percent") ? 7 : 8),
            {{"value", number_json(n->value / 100)}}, 0.9f);
      } else if (at(t, n->end) == U'折' && n->value > 0 && n->value < 100) {
        double v = n->value < 10 ? n->value / 10 : n->value / 100;
        add(out, "percentage", i, n->end + 1, {{"value", number_json(v)}, {"discount", true}}, 0.9f);
      }
      i = n->end - 1;
      continue;
    }
    // 八折, 八五折: Chinese digits straight before 折.
    if (int d = chinese_digit(t[i]); d > 0) {
      int e = chinese_digit(at(t, i + 1));
      if (at(t, i + 1) == U'折') {
        add(out, "percentage", i, i + 2, {{"value", number_json(d / 10.0)}, {"discount", true}}, 0.9f);
      } else if (e >= 0 && at(t, i + 2) == U'折') {
        add(out, "percentage", i, i + 3, {{"value", number_json((d * 10 + e) / 100.0)}, {"discount", true}}, 0.9f);
      }
    }
    if (has(t, i, U"半价")) add(out, "percentage", i, i + 2, {{"value", 0.5}, {"discount", true}}, 0.85f);
  }
}

void quantities(Text t, Sink& out) {
  for (size_t i = 0; i < t.size();) {
    auto n = plain_number(t, i);
    if (!n && is_digit(t[i]) && (i == 0 || !is_alnum(t[i - 1]))) n = arabic_at(t, i);  // "5kg"
    if (!n) { ++i; continue; }
    size_t j = n->end;
    if (Text m = measure_at(t, j); !m.empty() && !n->words) {
      add(out, "quantity", i, j + m.size(), {{"value", number_json(n->value)}, {"unit", text::to_utf8(m)}},
          n->chinese && n->end == i + 1 ? 0.8f : 0.85f);
    } else if (size_t k = skip_space(t, j); !n->chinese) {
      for (auto [w, unit] : kEnglishUnits)
        if (word(t, k, w) && (k > j || w == U"kg" || w == U"kgs" || w == U"pcs")) {
          add(out, "quantity", i, k + w.size(), {{"value", number_json(n->value)}, {"unit", text::to_utf8(unit)}},
              0.85f);
          break;
        }
    }
    i = n->end > i ? n->end : i + 1;
  }
}

struct Currency { Text text; const char* code; int cents; };  // cents: value of one unit
// After the amount, longest first where one is a prefix of another.
constexpr Currency kSuffixes[] = {
    {U"块钱", "CNY", 100},  {U"元钱", "CNY", 100},  {U"元人民币", "CNY", 100}, {U"人民币", "CNY", 100},
    {U"元", "CNY", 100},    {U"块", "CNY", 100},    {U"毛钱", "CNY", 10},    {U"毛", "CNY", 10},
    {U"角", "CNY", 10},     {U"美元", "USD", 100},  {U"美金", "USD", 100},   {U"刀", "USD", 100},
    {U"欧元", "EUR", 100},  {U"英镑", "GBP", 100},  {U"日元", "JPY", 100},   {U"港币", "HKD", 100},
    {U"港元", "HKD", 100},  {U"韩元", "KRW", 100},  {U"台币", "TWD", 100},   {U"澳元", "AUD", 100},
    {U"dollars", "USD", 100}, {U"dollar", "USD", 100}, {U"bucks", "USD", 100}, {U"buck", "USD", 100},
    {U"usd", "USD", 100},   {U"rmb", "CNY", 100},   {U"yuan", "CNY", 100},   {U"cny", "CNY", 100},
    {U"euros", "EUR", 100}, {U"euro", "EUR", 100},  {U"eur", "EUR", 100},    {U"pounds", "GBP", 100},
    {U"gbp", "GBP", 100},   {U"hkd", "HKD", 100},   {U"cents", "USD", 1},    {U"yen", "JPY", 100}};
// Before the amount.
constexpr Currency kPrefixes[] = {
    {U"us$", "USD", 100}, {U"hk$", "HKD", 100}, {U"¥", "CNY", 100},   {U"$", "USD", 100},
    {U"€", "EUR", 100},   {U"£", "GBP", 100},   {U"rmb", "CNY", 100}, {U"usd", "USD", 100},
    {U"cny", "CNY", 100}, {U"eur", "EUR", 100}, {U"hkd", "HKD", 100}, {U"gbp", "GBP", 100}};

bool ascii_word(Text w) { return is_alpha(w[0]); }

void emit_money(Sink& out, size_t b, size_t e, int64_t cents, const char* code, float conf) {
  add(out, "money", b, e, {{"amount", number_json(static_cast<double>(cents) / 100)}, {"currency", code}}, conf);
}

void money(Text t, Sink& out) {
  for (size_t i = 0; i < t.size(); ++i) {
    // Prefixed: ¥350, $20, usd 20.
    for (const Currency& c : kPrefixes) {
      if (!has(t, i, c.text) || (ascii_word(c.text) && i > 0 && is_alpha(t[i - 1]))) continue;
      if (ascii_word(c.text) && is_alpha(at(t, i + c.text.size()))) continue;  // "usdt"
      size_t j = skip_space(t, i + c.text.size());
      auto n = is_digit(at(t, j)) ? arabic_at(t, j) : std::nullopt;
      if (!n || is_alpha(at(t, n->end))) continue;
      emit_money(out, i, n->end, std::llround(n->value * 100), c.code, 0.95f);
      break;
    }
    // Suffixed: 350元, 三百五十块, 20 dollars, 两块五, 五毛.
    if (i > 0 && (is_alnum(t[i - 1]) && is_alnum(t[i]))) continue;
    auto n = plain_number(t, i);
    if (!n || n->approximate) continue;
    size_t j = n->end;
    for (const Currency& c : kSuffixes) {
      size_t k = ascii_word(c.text) ? skip_space(t, j) : j;
      if (ascii_word(c.text) ? !word(t, k, c.text) : !has(t, k, c.text)) continue;
      if (n->words && !ascii_word(c.text)) break;
      size_t end = k + c.text.size();
      int64_t cents = std::llround(n->value * c.cents);
      if (c.cents == 100 && (c.text == U"块" || c.text == U"元")) {
        // 两块五, 三块五毛, 3元5角: one more digit counts tenths.
        int d = is_digit(at(t, end)) ? static_cast<int>(t[end] - U'0') : chinese_digit(at(t, end));
        char32_t next = at(t, end + 1);
        if (d > 0 && !is_digit(next) && Text(U"十百千万").find(next) == Text::npos) {
          bool unit = at(t, end + 1) == U'毛' || at(t, end + 1) == U'角';
          if (unit || measure_at(t, end + 1).empty()) {
            cents += d * 10;
            end += unit ? 2 : 1;
          }
        }
      } else if (c.cents == 10) {
        int d = chinese_digit(at(t, end));  // 五毛五
        if (d > 0 && chinese_digit(at(t, end + 1)) < 0 && measure_at(t, end + 1).empty()) cents += d, ++end;
      }
      if (at(t, end) == U'钱' && c.cents <= 100 && t[end - 1] != U'钱') ++end;
      // "块" is also a measure word: 一块蛋糕. Trust it less.
      float conf = c.text == U"块" ? 0.75f : c.text == U"刀" ? 0.7f : 0.9f;
      emit_money(out, i, end, cents, c.code, conf);
      break;
    }
  }
}

}  // namespace

void find_numbers(Text t, Sink& out) {
  numbers(t, out);
  ordinals(t, out);
  percentages(t, out);
  quantities(t, out);
  money(t, out);
}

}  // namespace kefu::entity
