// Times of day, Chinese and English: 下午三点, 晚上8点半, 3点15分, 15:30, 3pm, noon.
#include <cmath>

#include "entity/datetime.h"

namespace kefu::entity {

namespace {

constexpr PeriodWord kPeriods[] = {
    {U"凌晨", Period::early, 2},  {U"清晨", Period::am, 7},   {U"早上", Period::am, 8},
    {U"早晨", Period::am, 8},     {U"上午", Period::am, 9},   {U"中午", Period::noon, 12},
    {U"下午", Period::pm, 15},    {U"午后", Period::pm, 15},  {U"傍晚", Period::pm, 18},
    {U"晚上", Period::pm, 20},    {U"晚间", Period::pm, 20},  {U"夜里", Period::pm, 21},
    {U"morning", Period::am, 9},  {U"afternoon", Period::pm, 15}, {U"evening", Period::pm, 20},
    {U"night", Period::pm, 20},   {U"noon", Period::noon, 12}};

int64_t apply_period(int h, Period p) {
  switch (p) {
    case Period::am: return h == 12 ? 0 : h;
    case Period::noon: return h <= 3 ? h + 12 : h;
    case Period::pm: return h < 12 ? h + 12 : h;
    case Period::early: return h == 12 ? 0 : h;
    case Period::none: return h >= 1 && h <= 6 ? h + 12 : h;
  }
  return h;
}

bool clock_digits(Text t, size_t i, int& out) {  // exactly two digits
  if (!is_digit(at(t, i)) || !is_digit(at(t, i + 1)) || is_digit(at(t, i + 2))) return false;
  out = (t[i] - U'0') * 10 + (t[i + 1] - U'0');
  return true;
}

}  // namespace

const PeriodWord* period_at(Text t, size_t i) {
  for (const PeriodWord& p : kPeriods)
    if (is_alpha(p.text[0]) ? word(t, i, p.text) : has(t, i, p.text)) return &p;
  return nullptr;
}

const PeriodWord* period_named(Text name) {
  for (const PeriodWord& p : kPeriods)
    if (p.text == name) return &p;
  return nullptr;
}

std::optional<TimePart> time_at(Text t, size_t i, const PeriodWord* inherited, bool bare_period) {
  const PeriodWord* pw = period_at(t, i);
  size_t j = i;
  if (pw && !is_alpha(pw->text[0])) {
    j += pw->text.size();
  } else if (pw && pw->period != Period::noon) {
    // "morning" only follows a date ("saturday morning") and takes no hour.
    if (!bare_period) return std::nullopt;
    return TimePart{i + pw->text.size(), int64_t{pw->hour} * 3600, "hour"};
  }
  if (pw && pw->period == Period::noon && is_alpha(pw->text[0]))
    return TimePart{i + 4, 12 * 3600, "hour"};
  if (word(t, i, U"midnight")) return TimePart{i + 8, 0, "hour"};
  const PeriodWord* use = pw ? pw : inherited;
  Period period = use ? use->period : Period::none;
  auto h = small_int_at(t, j, 0, 24);
  if (!h || (i > 0 && is_digit(t[j]) && j == i && (is_alnum(t[i - 1]) || t[i - 1] == U':'))) {
    if (pw && bare_period) return TimePart{j, int64_t{pw->hour} * 3600, "hour"};
    return std::nullopt;
  }
  int hour = static_cast<int>(h->value), minute = 0, sec = 0;
  size_t k = h->end;
  const char* grain = "hour";
  bool arabic = is_digit(t[j]);
  if (arabic && at(t, k) == U':' && clock_digits(t, k + 1, minute)) {
    k += 3, grain = "minute";
    if (at(t, k) == U':' && clock_digits(t, k + 1, sec)) k += 3, grain = "second";
  } else if (at(t, k) == U'点' || (at(t, k) == U'时' && (use || is_digit(at(t, k + 1)) ||
                                                          chinese_digit(at(t, k + 1)) >= 0))) {
    ++k;
    if (at(t, k) == U'钟') ++k;
    if (at(t, k) == U'半') minute = 30, ++k, grain = "minute";
    else if (has(t, k, U"一刻")) minute = 15, k += 2, grain = "minute";
    else if (has(t, k, U"三刻")) minute = 45, k += 2, grain = "minute";
    else if (at(t, k) == U'整') ++k;
    else if (auto m = small_int_at(t, k, 0, 59)) {
      bool unit = at(t, m->end) == U'分';
      bool clear = unit || m->value >= 10 || at(t, k) == U'零' || (is_digit(t[k]) && m->end == k + 2);
      if (clear) {
        minute = static_cast<int>(m->value), k = m->end + (unit ? 1 : 0), grain = "minute";
        if (has(t, k - 1, U"分钟")) return std::nullopt;  // 3点20分钟: a duration follows
      } else if (!use && !(is_digit(t[j]))) {
        return std::nullopt;  // 三点五 is 3.5
      }
    }
    // "一点" alone is usually "a little" (便宜一点), not one o'clock.
    if (!use && hour == 1 && !is_digit(t[j]) && grain == std::string_view("hour") && at(t, k - 1) != U'钟')
      return std::nullopt;
  } else if (arabic && (has(t, skip_space(t, k), U"am") || has(t, skip_space(t, k), U"pm") ||
                        has(t, skip_space(t, k), U"a.m.") || has(t, skip_space(t, k), U"p.m."))) {
    // am / pm, checked below
  } else if (word(t, skip_space(t, k), U"o'clock")) {
    k = skip_space(t, k) + 7;
  } else if (arabic && j >= 3 && t.substr(j - 3, 3) == U"at " && !is_alnum(at(t, k)) &&
             at(t, k) != U'%' && at(t, k) != U'.' && at(t, k) != U',' && h->value >= 1 && h->value <= 12) {
    // "at 3": only with "at" in front and nothing numeric or unit-like after.
    size_t n = skip_space(t, k);
    bool ok = n == t.size() || n == k;
    for (Text w : {U"tomorrow", U"today", U"tonight", U"on", U"please", U"or", U"and", U"then", U"if"})
      ok |= word(t, n, w);
    if (!ok) return std::nullopt;
  } else {
    return std::nullopt;
  }
  // am / pm after Arabic hours.
  if (arabic) {
    size_t s = skip_space(t, k);
    int ampm = 0;
    size_t len = 0;
    for (auto [w, v] : {std::pair{Text(U"a.m."), 1}, {U"p.m.", 2}, {U"am", 1}, {U"pm", 2}})
      if (has(t, s, w) && !is_alpha(at(t, s + w.size()))) { ampm = v, len = w.size(); break; }
    if (ampm) {
      if (hour < 1 || hour > 12) return std::nullopt;
      hour = ampm == 1 ? (hour == 12 ? 0 : hour) : (hour == 12 ? 12 : hour + 12);
      k = s + len;
      if (!(has(t, s, U"a.m.") || has(t, s, U"p.m.")) && is_alnum(at(t, k))) return std::nullopt;
      return TimePart{k, int64_t{hour} * 3600 + minute * 60 + sec, grain};
    }
    if (is_alpha(at(t, k))) return std::nullopt;  // "3pmx", "15:30abc"
  }
  hour = static_cast<int>(apply_period(hour, period));
  if (hour == 24 && minute == 0) hour = 0;
  if (hour > 23) return std::nullopt;
  return TimePart{k, int64_t{hour} * 3600 + minute * 60 + sec, grain};
}

}  // namespace kefu::entity
