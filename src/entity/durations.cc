// Durations: 三天, 两个小时, 半小时, 一个半小时, 3 days, half an hour, 5 business days.
#include <cmath>
#include <tuple>

#include "entity/datetime.h"

namespace kefu::entity {

namespace {

// English unit words, longest first where one is a prefix of another.
constexpr std::pair<Text, Unit> kEnUnits[] = {
    {U"seconds", Unit::second}, {U"second", Unit::second}, {U"secs", Unit::second},
    {U"minutes", Unit::minute}, {U"minute", Unit::minute}, {U"mins", Unit::minute},
    {U"min", Unit::minute},     {U"hours", Unit::hour},    {U"hour", Unit::hour},
    {U"hrs", Unit::hour},       {U"business days", Unit::day}, {U"working days", Unit::day},
    {U"days", Unit::day},       {U"day", Unit::day},       {U"weeks", Unit::week},
    {U"week", Unit::week},      {U"months", Unit::month},  {U"month", Unit::month},
    {U"years", Unit::year},     {U"year", Unit::year}};

std::optional<Duration> duration_at(Text t, size_t i) {
  size_t j = i;
  double n = 0;
  bool half = false;
  bool chinese_side = !is_alpha(at(t, i));
  if (chinese_side) {
    if (at(t, i) == U'半') {
      n = 0.5, half = true, j = i + 1;
    } else {
      if (is_digit(at(t, i)) && i > 0 && (is_alnum(t[i - 1]) || t[i - 1] == U'.')) return std::nullopt;
      auto num = is_digit(at(t, i)) ? arabic_at(t, i, false) : chinese_at(t, i);
      if (!num || num->approximate || num->value <= 0) return std::nullopt;
      n = num->value, j = num->end;
    }
    bool ge = at(t, j) == U'个';
    if (ge) ++j;
    if (!half && at(t, j) == U'半') n += 0.5, half = true, ++j;
    static constexpr std::tuple<Text, Unit, int> kUnits[] = {
        {U"秒钟", Unit::second, 0}, {U"秒", Unit::second, 0},  {U"分钟", Unit::minute, 0},
        {U"小时", Unit::hour, 0},   {U"钟头", Unit::hour, 0},  {U"工作日", Unit::day, 0},
        {U"天", Unit::day, 0},      {U"星期", Unit::week, 0},  {U"礼拜", Unit::week, 0},
        {U"周", Unit::week, 1},     {U"月", Unit::month, 2},   {U"年", Unit::year, 1}};
    for (auto [w, u, rule] : kUnits) {
      if (!has(t, j, w)) continue;
      if (rule == 1 && ge) return std::nullopt;         // 个周, 个年
      if (rule == 2 && !ge) return std::nullopt;        // 三月 is March
      if (u == Unit::year && n >= 100) return std::nullopt;  // 2026年 is a year
      if (u == Unit::week && kDayChars.find(at(t, j + 1)) != Text::npos && at(t, j + 1) != 0)
        return std::nullopt;                            // 一周一 …
      size_t end = j + w.size();
      if (!half && at(t, end) == U'半' && (u == Unit::day || u == Unit::year || u == Unit::hour))
        n += 0.5, ++end;
      return Duration{end, n, u};
    }
    return std::nullopt;
  }
  if (i > 0 && is_alpha(t[i - 1])) return std::nullopt;
  if (word(t, i, U"half an") || word(t, i, U"half a")) {
    n = 0.5, j = i + (has(t, i, U"half an") ? 7 : 6);
  } else if (word(t, i, U"an") || word(t, i, U"a")) {
    n = 1, j = i + (has(t, i, U"an") ? 2 : 1);
  } else {
    auto num = english_at(t, i);
    if (!num || num->value <= 0) return std::nullopt;
    n = num->value, j = num->end;
  }
  if (at(t, j) != U' ') return std::nullopt;
  ++j;
  for (auto [w, u] : kEnUnits)
    if (word(t, j, w)) return Duration{j + w.size(), n, u};
  return std::nullopt;
}

}  // namespace

// Arabic numbers before English units ("3 days") go through here too.
std::optional<Duration> any_duration_at(Text t, size_t i) {
  if (is_digit(at(t, i))) {
    if (i > 0 && (is_alnum(t[i - 1]) || t[i - 1] == U'.')) return std::nullopt;
    auto num = arabic_at(t, i, false);
    if (num && at(t, num->end) == U' ' && is_alpha(at(t, num->end + 1))) {
      Text rest = t.substr(num->end + 1);
      for (auto [w, u] : kEnUnits)
        if (word(rest, 0, w)) return Duration{num->end + 1 + w.size(), num->value, u};
    }
  }
  return duration_at(t, i);
}

int64_t duration_seconds(const Duration& d) {
  return std::llround(d.count * static_cast<double>(kUnitSeconds[static_cast<int>(d.unit)]));
}

}  // namespace kefu::entity
