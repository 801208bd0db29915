// Dates, Chinese and English: absolute (2026年11月22日, 11/22, november 22nd),
// relative (明天, 下周一, 月底, next month) and weekends, resolved against now.
#include <cmath>

#include "entity/datetime.h"

namespace kefu::entity {

namespace {

struct RelDay { Text text; int offset; Text period; };
constexpr RelDay kRelDays[] = {
    {U"大后天", 3, U""},  {U"大前天", -3, U""}, {U"后天", 2, U""},   {U"前天", -2, U""},
    {U"今天", 0, U""},    {U"今日", 0, U""},    {U"明天", 1, U""},   {U"明日", 1, U""},
    {U"昨天", -1, U""},   {U"昨日", -1, U""},   {U"今早", 0, U"早上"}, {U"今晚", 0, U"晚上"},
    {U"明早", 1, U"早上"}, {U"明晚", 1, U"晚上"}, {U"昨晚", -1, U"晚上"},
    {U"the day after tomorrow", 2, U""}, {U"day after tomorrow", 2, U""},
    {U"the day before yesterday", -2, U""}, {U"today", 0, U""}, {U"tomorrow", 1, U""},
    {U"yesterday", -1, U""}, {U"tonight", 0, U"night"}, {U"this morning", 0, U"morning"},
    {U"this afternoon", 0, U"afternoon"}, {U"this evening", 0, U"evening"}};

std::optional<DatePart> relative_day(Text t, size_t i, const Now& now) {
  for (const RelDay& r : kRelDays) {
    if (is_alpha(r.text[0]) ? !word(t, i, r.text) : !has(t, i, r.text)) continue;
    DatePart d{i + r.text.size(), now.today + r.offset};
    if (!r.period.empty()) {
      d.period = period_named(r.period);
      d.period_today = r.offset == 0;
    }
    // "tomorrow morning": the English period joins the date (Chinese ones,
    // 明天下午, are read by time_at, which also takes the hour after them).
    size_t j = skip_space(t, d.end);
    if (const PeriodWord* p = period_at(t, j); !d.period && p && is_alpha(p->text[0]) && is_alpha(r.text[0]))
      d.period = p, d.end = j + p->text.size();
    return d;
  }
  return std::nullopt;
}

constexpr Text kDayNames[] = {U"monday", U"tuesday", U"wednesday", U"thursday",
                              U"friday", U"saturday", U"sunday"};

DatePart week_day(size_t end, const Now& now, int mod, bool has_mod, int wd) {
  DatePart d{end, 0};
  int64_t monday = now.today - now.wday;
  if (!has_mod) {
    d.day = now.today + (wd - now.wday + 7) % 7;
    d.weekday_bare = true;
  } else {
    d.day = monday + 7 * mod + wd;
  }
  return d;
}

DatePart weekend(size_t end, const Now& now, int mod) {
  int64_t saturday = now.today - now.wday + 7 * mod + 5;
  DatePart d{end, saturday};
  d.to = saturday + 1;
  return d;
}

DatePart week_of(size_t end, const Now& now, int mod) {
  DatePart d{end, now.today - now.wday + 7 * mod};
  d.grain = "week";
  return d;
}

std::optional<DatePart> week(Text t, size_t i, const Now& now) {
  static constexpr std::pair<Text, int> kMods[] = {{U"下下个", 2}, {U"下下", 2}, {U"下个", 1}, {U"下", 1}, {U"上个", -1}, {U"上", -1},
                                                   {U"这个", 0}, {U"这", 0}, {U"本", 0}};
  int mod = 0;
  bool has_mod = false;
  size_t j = i;
  for (auto [w, v] : kMods)
    if (has(t, i, w)) { mod = v, has_mod = true, j = i + w.size(); break; }
  for (Text unit : {U"周", U"星期", U"礼拜"}) {
    if (!has(t, j, unit)) continue;
    size_t k = j + unit.size();
    char32_t c = at(t, k);
    size_t p = kDayChars.find(c);
    if (c != 0 && p != Text::npos) return week_day(k + 1, now, mod, has_mod, p >= 6 ? 6 : static_cast<int>(p));
    if (c == U'末') return weekend(k + 1, now, mod);
    if (has_mod && !(c == U'年' || c == U'岁')) return week_of(k, now, mod);
    return std::nullopt;
  }
  // English.
  static constexpr std::pair<Text, int> kEnMods[] = {{U"next ", 1}, {U"this ", 0}, {U"last ", -1},
                                                     {U"coming ", 0}};
  has_mod = false, j = i, mod = 0;
  bool coming = false;
  if (i > 0 && is_alpha(t[i - 1])) return std::nullopt;
  for (auto [w, v] : kEnMods)
    if (has(t, i, w)) { mod = v, has_mod = true, j = i + w.size(), coming = w == U"coming "; break; }
  for (int wd = 0; wd < 7; ++wd)
    if (word(t, j, kDayNames[wd])) return week_day(j + kDayNames[wd].size(), now, mod, has_mod && !coming, wd);
  if (word(t, j, U"weekend")) return weekend(j + 7, now, mod);
  if (has_mod && word(t, j, U"week")) return week_of(j + 4, now, mod);
  return std::nullopt;
}

int64_t last_of_month(int64_t day) {
  Civil c = civil_from_days(day);
  return days_from_civil(c.y, c.m, days_in_month(c.y, c.m));
}
int64_t first_of_month(int64_t day) {
  Civil c = civil_from_days(day);
  return days_from_civil(c.y, c.m, 1);
}

// 下个月(初/底/5号), 月底, 月初, 年底, 明年(3月), next month, end of the month.
std::optional<DatePart> month_or_year(Text t, size_t i, const Now& now) {
  static constexpr std::pair<Text, int> kMonthMods[] = {
      {U"下个月", 1}, {U"下月", 1}, {U"上个月", -1}, {U"上月", -1}, {U"这个月", 0}, {U"本月", 0}, {U"这月", 0}};
  for (auto [w, v] : kMonthMods) {
    if (!has(t, i, w)) continue;
    int64_t first = first_of_month(add_months(first_of_month(now.today), v));
    size_t j = i + w.size();
    if (at(t, j) == U'初') return DatePart{j + 1, first};
    if (at(t, j) == U'底' || at(t, j) == U'末') return DatePart{j + 1, last_of_month(first)};
    if (auto d = small_int_at(t, j, 1, 31); d && (at(t, d->end) == U'号' || at(t, d->end) == U'日')) {
      Civil c = civil_from_days(first);
      if (d->value <= days_in_month(c.y, c.m)) return DatePart{d->end + 1, first + static_cast<int64_t>(d->value) - 1};
    }
    DatePart d{j, first};
    d.grain = "month";
    return d;
  }
  if (has(t, i, U"月底") || has(t, i, U"月末")) return DatePart{i + 2, last_of_month(now.today)};
  if (has(t, i, U"月中")) return DatePart{i + 2, first_of_month(now.today) + 14};
  if (has(t, i, U"月初")) {
    int64_t first = first_of_month(now.today);
    return DatePart{i + 2, first == now.today ? first : first_of_month(add_months(first, 1))};
  }
  if (has(t, i, U"年底") || has(t, i, U"年末")) return DatePart{i + 2, days_from_civil(now.civil.y, 12, 31)};
  if (has(t, i, U"年初")) {
    int64_t jan1 = days_from_civil(now.civil.y, 1, 1);
    return DatePart{i + 2, jan1 == now.today ? jan1 : days_from_civil(now.civil.y + 1, 1, 1)};
  }
  static constexpr std::pair<Text, int> kYearMods[] = {{U"明年", 1}, {U"今年", 0}, {U"去年", -1},
                                                       {U"后年", 2}, {U"前年", -2}};
  for (auto [w, v] : kYearMods) {
    if (!has(t, i, w)) continue;
    DatePart d{i + 2, days_from_civil(now.civil.y + v, 1, 1)};
    d.grain = "year";
    return d;  // "明年3月" is completed by the absolute-date parser
  }
  // English.
  if (i > 0 && is_alpha(t[i - 1])) return std::nullopt;
  for (auto [w, v] : {std::pair{Text(U"next "), 1}, {U"this ", 0}, {U"last ", -1}}) {
    if (!has(t, i, w)) continue;
    size_t j = i + w.size();
    if (word(t, j, U"month")) {
      DatePart d{j + 5, first_of_month(add_months(first_of_month(now.today), v))};
      d.grain = "month";
      return d;
    }
    if (word(t, j, U"year")) {
      DatePart d{j + 4, days_from_civil(now.civil.y + v, 1, 1)};
      d.grain = "year";
      return d;
    }
  }
  for (auto [w, edge] : {std::pair{Text(U"end of "), 1}, {U"beginning of ", 0}, {U"start of ", 0}}) {
    if (!word(t, i, w.substr(0, w.size() - 4))) continue;
    if (!has(t, i, w)) continue;
    size_t j = i + w.size();
    int mod = 0;
    for (auto [m, v] : {std::pair{Text(U"the "), 0}, {U"this ", 0}, {U"next ", 1}})
      if (has(t, j, m)) { j += m.size(), mod = v; break; }
    if (word(t, j, U"month")) {
      int64_t first = first_of_month(add_months(first_of_month(now.today), mod));
      if (edge == 0 && w != U"end of " && mod == 0 && first != now.today) first = first_of_month(add_months(first, 1));
      return DatePart{j + 5, edge ? last_of_month(first) : first};
    }
    if (word(t, j, U"year")) {
      int y = now.civil.y + mod;
      return DatePart{j + 4, edge ? days_from_civil(y, 12, 31) : days_from_civil(y, 1, 1)};
    }
  }
  return std::nullopt;
}

// Month and day without a year: the next occurrence on or after today.
int64_t next_month_day(const Now& now, int m, int d, bool& ok) {
  for (int y = now.civil.y; y <= now.civil.y + 4; ++y) {
    if (d > days_in_month(y, m)) continue;
    int64_t day = days_from_civil(y, m, d);
    if (day >= now.today) return ok = true, day;
  }
  return ok = false, 0;
}

constexpr Text kMonthNames[] = {U"january", U"february", U"march", U"april", U"may", U"june",
                                U"july", U"august", U"september", U"october", U"november", U"december"};
constexpr Text kMonthAbbr[] = {U"jan", U"feb", U"mar", U"apr", U"may", U"jun",
                               U"jul", U"aug", U"sep", U"oct", U"nov", U"dec"};

std::optional<std::pair<int, size_t>> month_name(Text t, size_t i) {
  for (int m = 0; m < 12; ++m) {
    if (word(t, i, kMonthNames[m])) return std::pair{m + 1, i + kMonthNames[m].size()};
    if (m == 8 && word(t, i, U"sept")) return std::pair{9, i + 4};
    if (word(t, i, kMonthAbbr[m])) return std::pair{m + 1, i + 3 + (at(t, i + 3) == U'.' ? 1 : 0)};
  }
  return std::nullopt;
}

// 1-2 Arabic digits with an optional st/nd/rd/th.
std::optional<std::pair<int, size_t>> en_day(Text t, size_t i) {
  if (!is_digit(at(t, i)) || (i > 0 && is_alnum(t[i - 1]))) return std::nullopt;
  size_t j = i;
  int v = 0;
  while (is_digit(at(t, j)) && j < i + 3) v = v * 10 + (t[j++] - U'0');
  if (j - i > 2 || v < 1 || v > 31) return std::nullopt;
  for (Text s : {U"st", U"nd", U"rd", U"th"})
    if (has(t, j, s)) { j += 2; break; }
  if (is_alnum(at(t, j))) return std::nullopt;
  return std::pair{v, j};
}

std::optional<int> four_digit_year(Text t, size_t i) {
  if (i > 0 && is_alnum(t[i - 1])) return std::nullopt;
  for (size_t k = i; k < i + 4; ++k)
    if (!is_digit(at(t, k))) return std::nullopt;
  if (is_alnum(at(t, i + 4))) return std::nullopt;
  int y = 0;
  for (size_t k = i; k < i + 4; ++k) y = y * 10 + (t[k] - U'0');
  return y >= 1900 && y <= 2200 ? std::optional<int>(y) : std::nullopt;
}

std::optional<DatePart> ymd(size_t end, const Now& now, int y, int m, int d, bool year_given) {
  bool ok = true;
  int64_t day;
  if (!year_given) {
    day = next_month_day(now, m, d, ok);
  } else {
    if (m < 1 || m > 12 || d < 1 || d > days_in_month(y, m)) return std::nullopt;
    day = days_from_civil(y, m, d);
  }
  if (!ok) return std::nullopt;
  DatePart p{end, day};
  p.year_given = year_given;
  return p;
}

std::optional<DatePart> absolute(Text t, size_t i, const Now& now) {
  // 2026-11-22, 2026/11/22, 2026.11.22
  if (is_digit(at(t, i)) && (i == 0 || !is_alnum(t[i - 1]))) {
    size_t j = i;
    while (is_digit(at(t, j))) ++j;
    char32_t sep = at(t, j);
    if (j - i == 4 && (sep == U'-' || sep == U'/' || sep == U'.')) {
      auto m = small_int_at(t, j + 1, 1, 12);
      if (m && m->end <= j + 3 && at(t, m->end) == sep) {
        auto d = small_int_at(t, m->end + 1, 1, 31);
        if (d && d->end <= m->end + 3 && !is_digit(at(t, d->end)) && !is_alpha(at(t, d->end))) {
          int y = 0;
          for (size_t k = i; k < i + 4; ++k) y = y * 10 + (t[k] - U'0');
          size_t end = d->end + (day_suffix(t, d->end) ? 1 : 0);
          return ymd(end, now, y, static_cast<int>(m->value), static_cast<int>(d->value), true);
        }
      }
    }
    // 11/22 (month/day), not a fraction inside a longer run.
    if (j - i <= 2 && sep == U'/' && (i == 0 || t[i - 1] != U'/')) {
      auto d = small_int_at(t, j + 1, 1, 31);
      if (d && d->end <= j + 3 && at(t, d->end) != U'/' && !is_alnum(at(t, d->end)) && at(t, d->end) != U'.') {
        int m = 0;
        for (size_t k = i; k < j; ++k) m = m * 10 + (t[k] - U'0');
        // "1/2 of the order" is a fraction.
        if (m >= 1 && m <= 12 && !has(t, d->end, U" of ")) return ymd(d->end, now, 0, m, static_cast<int>(d->value), false);
      }
    }
  }
  // Chinese: [Y年][M月][D日|号]
  size_t j = i;
  int y = 0;
  bool has_year = false;
  if (auto yr = four_digit_year(t, i); yr && at(t, i + 4) == U'年') {
    y = *yr, has_year = true, j = i + 5;
  } else if (chinese_digit(at(t, i)) >= 0) {
    size_t k = i;
    int v = 0;
    while (chinese_digit(at(t, k)) >= 0 && k < i + 5) v = v * 10 + chinese_digit(t[k++]);
    if (k == i + 4 && at(t, k) == U'年') y = v, has_year = true, j = k + 1;
  }
  if (!has_year) {
    static constexpr std::pair<Text, int> kYearMods[] = {{U"明年", 1}, {U"今年", 0}, {U"去年", -1},
                                                         {U"后年", 2}, {U"前年", -2}};
    for (auto [w, v] : kYearMods)
      if (has(t, i, w)) { y = now.civil.y + v, has_year = true, j = i + 2; break; }
  }
  if (auto m = small_int_at(t, j, 1, 12); m && at(t, m->end) == U'月' && (j > i || i == 0 || !is_digit(t[i - 1]))) {
    int month = static_cast<int>(m->value);
    size_t k = m->end + 1;
    if (auto d = small_int_at(t, k, 1, 31); d && day_suffix(t, d->end))
      return ymd(d->end + 1, now, y, month, static_cast<int>(d->value), has_year);
    if (at(t, k) == U'份') ++k;
    if (at(t, k) == U'底' || at(t, k) == U'末' || at(t, k) == U'初') {
      int yy = has_year ? y : (month < now.civil.m ? now.civil.y + 1 : now.civil.y);
      int dd = at(t, k) == U'初' ? 1 : days_in_month(yy, month);
      return ymd(k + 1, now, yy, month, dd, true);
    }
    int yy = has_year ? y : (month < now.civil.m ? now.civil.y + 1 : now.civil.y);
    DatePart p{k, days_from_civil(yy, month, 1)};
    p.grain = "month";
    return p;
  }
  if (has_year && j == i + 5) {
    DatePart p{j, days_from_civil(y, 1, 1)};
    p.grain = "year";
    return p;
  }
  // A bare day (22号), unless it continues a number, a month, or a size (大一号).
  if (!has_year && (i == 0 || (!is_digit(t[i - 1]) && chinese_digit(t[i - 1]) < 0 &&
                               Text(U"第月大小加减").find(t[i - 1]) == Text::npos))) {
    if (auto d = small_int_at(t, i, 1, 31); d && day_suffix(t, d->end)) {
      // 22号: this month when still ahead, otherwise next month.
      for (int add = 0; add < 3; ++add) {
        int64_t first = first_of_month(add_months(first_of_month(now.today), add));
        Civil c = civil_from_days(first);
        if (d->value > days_in_month(c.y, c.m)) continue;
        int64_t day = first + static_cast<int64_t>(d->value) - 1;
        if (day >= now.today) {
          DatePart p{d->end + 1, day};
          p.year_given = false;
          return p;
        }
      }
    }
  }
  // "on the 5th": a day of this month, or of the next once past.
  if (has(t, i, U"the ") && i > 0) {
    bool cue = false;
    for (Text w : {U"on ", U"by ", U"until ", U"before ", U"after ", U"till "})
      cue |= i >= w.size() && t.substr(i - w.size(), w.size()) == w;
    auto d = cue ? en_day(t, i + 4) : std::nullopt;
    if (d && is_alpha(t[d->second - 1]) && !has(t, d->second, U" of") && !has(t, d->second, U" one")) {
      for (int add = 0; add < 3; ++add) {
        int64_t first = first_of_month(add_months(first_of_month(now.today), add));
        Civil c = civil_from_days(first);
        int64_t day = first + d->first - 1;
        if (d->first <= days_in_month(c.y, c.m) && day >= now.today) {
          DatePart p{d->second, day};
          p.year_given = false;
          return p;
        }
      }
    }
  }
  // English: november 22nd[, 2026] / 22 nov[ 2026] / 22nd of november
  if (auto mn = month_name(t, i)) {
    size_t k = skip_space(t, mn->second);
    if (auto d = en_day(t, k); d && k > mn->second) {
      size_t end = d->second;
      int yy = 0;
      size_t ys = at(t, end) == U',' ? skip_space(t, end + 1) : skip_space(t, end);
      if (auto yr = four_digit_year(t, ys); yr && ys > end) yy = *yr, end = ys + 4;
      return ymd(end, now, yy, mn->first, d->first, yy != 0);
    }
  }
  if (auto d = en_day(t, i)) {
    size_t k = skip_space(t, d->second);
    if (has(t, k, U"of ")) k += 3;
    if (auto mn = month_name(t, k); mn && k > d->second) {
      size_t end = mn->second;
      int yy = 0;
      size_t ys = at(t, end) == U',' ? skip_space(t, end + 1) : skip_space(t, end);
      if (auto yr = four_digit_year(t, ys); yr && ys > end) yy = *yr, end = ys + 4;
      return ymd(end, now, yy, mn->first, d->first, yy != 0);
    }
  }
  return std::nullopt;
}

}  // namespace

// After a day number: 号 is also a building, line or size number (3号楼).
bool day_suffix(Text t, size_t k) {
  static constexpr Text kNotDate = U"楼线门店位床房码院窗台馆仓柜机箱包车桌口厅球衣鞋";
  if (at(t, k) == U'日') return true;
  return at(t, k) == U'号' && (at(t, k + 1) == 0 || kNotDate.find(t[k + 1]) == Text::npos);
}

std::optional<DatePart> date_at(Text t, size_t i, const Now& now) {
  if (auto d = relative_day(t, i, now)) return d;
  if (auto d = absolute(t, i, now)) return d;
  if (auto d = week(t, i, now)) return d;
  if (auto d = month_or_year(t, i, now)) return d;
  return std::nullopt;
}

}  // namespace kefu::entity
