// Contact details and account numbers: phone, email, url, id_card, bank_card,
// tracking_number. Digit runs are scanned by hand; e-mail and URLs use RE2.
#include <re2/re2.h>

#include <algorithm>
#include <string>

#include "entity/scan.h"
#include "text/utf8.h"

namespace kefu::entity {

namespace {

// Digit groups separated by one space or dash, as people type long numbers:
// "138 1234 5678", "4111-1111-1111-1111".
struct Groups {
  std::string digits;
  std::vector<size_t> ends;       // text index after each group
  std::vector<size_t> sizes;      // digits per group
  std::vector<char32_t> seps;     // separator after each group but the last
};

Groups groups_at(Text t, size_t i) {
  Groups g;
  size_t j = i;
  for (;;) {
    size_t n = 0;
    while (is_digit(at(t, j))) g.digits.push_back(static_cast<char>(t[j++])), ++n;
    g.ends.push_back(j), g.sizes.push_back(n);
    char32_t c = at(t, j);
    if ((c == U' ' || c == U'-') && is_digit(at(t, j + 1)) && g.digits.size() < 24) {
      g.seps.push_back(c);
      ++j;
    } else {
      return g;
    }
  }
}

// True when a number starting at i is not the tail of a longer token.
bool left_clear(Text t, size_t i) {
  if (i == 0) return true;
  char32_t p = t[i - 1];
  if (is_alnum(p)) return false;
  return !((p == U'-' || p == U'.') && i >= 2 && is_digit(t[i - 2]));
}
bool right_clear(Text t, size_t e) { return !is_alnum(at(t, e)) && !(at(t, e) == U'.' && is_digit(at(t, e + 1))); }

void phones(Text t, Sink& out) {
  for (size_t i = 0; i < t.size(); ++i) {
    if (!left_clear(t, i) && t[i] != U'(') continue;
    size_t j = i;
    bool cc = false;
    for (Text p : {U"(+86)", U"+86", U"0086"})
      if (has(t, i, p)) { j = i + p.size(), cc = true; break; }
    if (cc && (at(t, j) == U' ' || at(t, j) == U'-')) ++j;
    // (021)12345678 / (021) 12345678
    if (!cc && t[i] == U'(' && at(t, i + 1) == U'0') {
      size_t k = i + 1;
      while (is_digit(at(t, k))) ++k;
      size_t area = k - i - 1;
      if ((area == 3 || area == 4) && at(t, k) == U')') {
        size_t s = skip_space(t, k + 1), e = s;
        while (is_digit(at(t, e))) ++e;
        if ((e - s == 7 || e - s == 8) && at(t, s) != U'0' && right_clear(t, e)) {
          std::string num = text::to_utf8(t.substr(i + 1, area)) + text::to_utf8(t.substr(s, e - s));
          add(out, "phone", i, e, {{"number", num}, {"country_code", "86"}, {"kind", "landline"},
                                   {"area_code", text::to_utf8(t.substr(i + 1, area))}}, 0.9f);
          i = e - 1;
        }
      }
      continue;
    }
    if (!is_digit(at(t, j))) continue;
    Groups g = groups_at(t, j);
    // Mobile: the first groups holding exactly 11 digits, split 3-4-4, 3-8,
    // 7-4 or not at all; a further group may follow only after a space.
    size_t count = 0, k = 0;
    bool splits_ok = true;
    for (; k < g.sizes.size() && count < 11; ++k) {
      count += g.sizes[k];
      if (count < 11 && count != 3 && count != 7) splits_ok = false;
    }
    std::string d = g.digits.substr(0, std::min<size_t>(count, g.digits.size()));
    bool tail_ok = k == g.sizes.size() || g.seps[k - 1] == U' ';
    if (!cc && count == 13 && k == 1 && d.starts_with("86")) d = d.substr(2), count = 11, cc = true;
    if (count == 11 && splits_ok && tail_ok && d[0] == '1' && d[1] >= '3' && d[1] <= '9' &&
        right_clear(t, g.ends[k - 1])) {
      add(out, "phone", i, g.ends[k - 1], {{"number", d}, {"country_code", "86"}, {"kind", "mobile"}}, 0.95f);
      i = g.ends[k - 1] - 1;
      continue;
    }
    // Nationwide service lines: 400-820-8820, 800 810 8888, 4008208820.
    if ((g.digits.starts_with("400") || g.digits.starts_with("800")) && g.digits.size() >= 10) {
      bool split = g.sizes.size() >= 3 && g.sizes[0] == 3 && g.sizes[1] == 3 && g.sizes[2] == 4;
      size_t last = split ? 2 : 0;
      if ((split || g.sizes[0] == 10) && (last + 1 == g.sizes.size() || g.seps[last] == U' ') &&
          right_clear(t, g.ends[last])) {
        add(out, "phone", i, g.ends[last], {{"number", g.digits.substr(0, 10)}, {"country_code", "86"},
                                            {"kind", "service"}}, 0.9f);
        i = g.ends[last] - 1;
        continue;
      }
    }
    // Landline: area code 0xx/0xxx, a separator, 7–8 digits.
    if (g.digits[0] == '0' && g.sizes.size() >= 2) {
      size_t area = (g.digits[1] == '1' || g.digits[1] == '2') ? 3 : 4;
      size_t local = g.sizes[1];
      if (g.sizes[0] == area && (local == 7 || local == 8) && g.digits[area] != '0' &&
          (g.sizes.size() == 2 || g.seps[1] == U' ') && right_clear(t, g.ends[1])) {
        std::string num = g.digits.substr(0, area + local);
        add(out, "phone", i, g.ends[1], {{"number", num}, {"country_code", "86"}, {"kind", "landline"},
                                         {"area_code", num.substr(0, area)}}, 0.9f);
        i = g.ends[1] - 1;
      }
    }
  }
}

bool luhn(const std::string& d) {
  int sum = 0;
  bool twice = false;
  for (auto it = d.rbegin(); it != d.rend(); ++it, twice = !twice) {
    int v = *it - '0';
    if (twice) v = v * 2 > 9 ? v * 2 - 9 : v * 2;
    sum += v;
  }
  return sum % 10 == 0;
}

void bank_cards(Text t, Sink& out) {
  for (size_t i = 0; i < t.size(); ++i) {
    if (!is_digit(t[i]) || !left_clear(t, i)) continue;
    Groups g = groups_at(t, i);
    size_t begin = i, end = g.ends.back();
    i = end - 1;
    if (g.digits.size() < 16 || g.digits.size() > 19 || !right_clear(t, end)) continue;
    bool grouped = true;  // one run, or fours with a short tail, one separator kind
    for (size_t k = 0; g.sizes.size() > 1 && k < g.sizes.size(); ++k) {
      bool last = k + 1 == g.sizes.size();
      if (last ? g.sizes[k] > 4 : g.sizes[k] != 4) grouped = false;
      if (!last && g.seps[k] != g.seps[0]) grouped = false;
    }
    if (grouped && luhn(g.digits))
      add(out, "bank_card", begin, end, {{"number", g.digits}, {"valid", true}},
          g.sizes.size() > 1 ? 0.9f : 0.8f);
  }
}

bool real_date(int y, int m, int d) {
  static constexpr int kDays[] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (m < 1 || m > 12 || d < 1 || d > kDays[m - 1]) return false;
  bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
  return !(m == 2 && d == 29 && !leap);
}

// 18-character resident ID: 6-digit region, birth date, sequence (odd for
// men), ISO 7064 MOD 11-2 check character.
void id_cards(Text t, Sink& out) {
  static constexpr int kWeights[] = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
  static constexpr char kCheck[] = "10X98765432";
  for (size_t i = 0; i + 18 <= t.size(); ++i) {
    if (!is_digit(t[i]) || !left_clear(t, i)) continue;
    size_t j = i;
    while (j < i + 17 && is_digit(t[j])) ++j;
    if (j < i + 17 || !(is_digit(t[j]) || t[j] == U'x') || !right_clear(t, j + 1)) {
      while (is_alnum(at(t, i + 1))) ++i;
      continue;
    }
    std::string id = text::to_utf8(t.substr(i, 18));
    int sum = 0;
    for (int k = 0; k < 17; ++k) sum += (id[k] - '0') * kWeights[k];
    if (id[17] == 'x') id[17] = 'X';
    int y = std::stoi(id.substr(6, 4)), m = std::stoi(id.substr(10, 2)), d = std::stoi(id.substr(12, 2));
    if (kCheck[sum % 11] == id[17] && y >= 1900 && real_date(y, m, d)) {
      add(out, "id_card", i, i + 18,
          {{"id", id},
           {"birth_date", id.substr(6, 4) + "-" + id.substr(10, 2) + "-" + id.substr(12, 2)},
           {"gender", (id[16] - '0') % 2 ? "male" : "female"},
           {"region_code", id.substr(0, 6)}},
          0.99f);
    }
    i += 17;
  }
}

struct Carrier { Text prefix; const char* code; const char* name; size_t min, max; bool letters; };
constexpr Carrier kCarriers[] = {
    {U"sf", "SF", "顺丰", 12, 15, false},  {U"yt", "YTO", "圆通", 13, 13, false},
    {U"jt", "JT", "极兔", 13, 13, false},  {U"jd", "JD", "京东", 11, 15, true},
    {U"dpk", "DPK", "德邦", 9, 12, false}};

std::string upper(Text s) {
  std::string r = text::to_utf8(s);
  for (char& c : r) if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
  return r;
}

void tracking_numbers(Text t, Sink& out) {
  for (size_t i = 0; i < t.size(); ++i) {
    if (!is_alpha(t[i]) || (i > 0 && is_alnum(t[i - 1]))) continue;
    size_t e = i;
    while (is_alnum(at(t, e))) ++e;
    Text tok = t.substr(i, e - i);
    i = e - 1;
    for (const Carrier& c : kCarriers) {
      if (!tok.starts_with(c.prefix)) continue;
      Text rest = tok.substr(c.prefix.size());
      size_t digits = std::count_if(rest.begin(), rest.end(), is_digit);
      if (rest.size() < c.min || rest.size() > c.max || !is_digit(rest.back())) continue;
      if (c.letters ? digits < 8 : digits != rest.size()) continue;
      add(out, "tracking_number", e - tok.size(), e,
          {{"carrier", c.code}, {"carrier_name", c.name}, {"number", upper(tok)}}, 0.95f);
      break;
    }
    // China Post EMS / international mail: two letters, nine digits, "cn".
    if (tok.size() == 13 && is_alpha(tok[0]) && is_alpha(tok[1]) && tok.ends_with(U"cn") &&
        std::all_of(tok.begin() + 2, tok.begin() + 11, is_digit))
      add(out, "tracking_number", e - 13, e, {{"carrier", "EMS"}, {"carrier_name", "邮政EMS"}, {"number", upper(tok)}},
          0.9f);
  }
}

// Byte offsets of an UTF-8 copy back to code points.
struct Utf8Copy {
  std::string bytes;
  std::vector<uint32_t> starts;  // byte offset of each code point
  explicit Utf8Copy(Text t) {
    starts.reserve(t.size() + 1);
    for (char32_t c : t) starts.push_back(static_cast<uint32_t>(bytes.size())), text::append_utf8(bytes, c);
    starts.push_back(static_cast<uint32_t>(bytes.size()));
  }
  size_t cp(size_t byte) const { return std::lower_bound(starts.begin(), starts.end(), byte) - starts.begin(); }
};

void regex_matches(const Utf8Copy& u, const RE2& re, const char* type, const char* key, Sink& out) {
  re2::StringPiece input(u.bytes), piece;
  while (RE2::FindAndConsume(&input, re, &piece)) {
    std::string_view m(piece.data(), piece.size());
    // Sentence punctuation typed right after a URL or address is not part of it.
    while (!m.empty() && std::string_view(".,;:!?)'").find(m.back()) != std::string_view::npos)
      m.remove_suffix(1);
    size_t b = m.data() - u.bytes.data();
    add(out, type, u.cp(b), u.cp(b + m.size()), {{key, std::string(m)}}, 0.95f);
  }
}

void emails_and_urls(Text t, Sink& out) {
  bool at_sign = t.find(U'@') != Text::npos;
  bool link = t.find(U"http") != Text::npos || t.find(U"www.") != Text::npos;
  if (!at_sign && !link) return;
  static const RE2 kEmail(R"(([a-z0-9][a-z0-9._%+\-]*@[a-z0-9\-]+(?:\.[a-z0-9\-]+)*\.[a-z]{2,}))");
  static const RE2 kUrl(R"(((?:https?://|\bwww\.)[a-z0-9\-._~:/?#\[\]@!$&'()*+,;=%]+))");
  Utf8Copy u(t);
  if (at_sign) regex_matches(u, kEmail, "email", "email", out);
  if (link) regex_matches(u, kUrl, "url", "url", out);
}

}  // namespace

void find_contacts(Text t, Sink& out) {
  bool digits = std::any_of(t.begin(), t.end(), is_digit);
  if (digits) {
    phones(t, out);
    bank_cards(t, out);
    id_cards(t, out);
    tracking_numbers(t, out);
  }
  emails_and_urls(t, out);
}

}  // namespace kefu::entity
