// Dates, times, date-times, durations and date ranges, Chinese and English:
// combines the parts read by dates.cc, times.cc and durations.cc, resolved
// against the caller's "now" (see builtin.h for the choices made).
#include <cmath>

#include "entity/datetime.h"

namespace kefu::entity {

namespace {

using nlohmann::json;

struct Emitter {
  const Now& now;
  Sink& out;

  std::string iso(int64_t day, int64_t second) const { return iso8601(day, second, now.offset); }

  void date(size_t b, const DatePart& d, float conf) {
    add(out, "date", b, d.end, {{"value", iso(d.day, 0)}, {"grain", d.grain}}, conf);
  }
  void range(size_t b, size_t e, int64_t from, int64_t to, const char* grain, float conf) {
    add(out, "date_range", b, e, {{"from", iso(from, 0)}, {"to", iso(to, 0)}, {"grain", grain}}, conf);
  }
};

// Connector between the two ends of a range, and its length.
size_t range_joint(Text t, size_t j, bool between) {
  if (between) return has(t, j, U" and ") ? 5 : 0;
  for (Text w : {U"到", U"至", U"~", U"-", U" - ", U" to ", U" through ", U" until ", U" till "})
    if (has(t, j, w)) return w.size();
  return 0;
}

void relative(Text t, size_t i, const Now& now, Emitter& em) {
  // in 3 days / 3天后 / 3 days ago / 两个小时前
  bool in = word(t, i, U"in") && at(t, i + 2) == U' ';
  size_t s = in ? i + 3 : i;
  auto d = any_duration_at(t, s);
  if (!d) return;
  int sign = 0;
  size_t end = d->end;
  if (in) {
    sign = 1;
  } else {
    for (auto [w, v] : {std::pair{Text(U"以后"), 1}, {U"之后", 1}, {U"后", 1}, {U"以前", -1},
                        {U"之前", -1}, {U"前", -1}, {U" ago", -1}, {U" later", 1}, {U" from now", 1}}) {
      if (has(t, end, w) && !(is_alpha(w[1]) && is_alpha(at(t, end + w.size())))) {
        sign = v, end += w.size();
        break;
      }
    }
  }
  if (!sign) return;
  if (d->unit <= Unit::hour) {
    add(em.out, "datetime", i, end,
        {{"value", em.iso(now.today, now.local - now.today * 86400 + sign * duration_seconds(*d))},
         {"grain", kUnitNames[d->count == std::floor(d->count) || d->unit == Unit::second
                                  ? static_cast<int>(d->unit) : static_cast<int>(d->unit) - 1]}},
        0.9f);
    return;
  }
  int64_t day = now.today;
  double whole;
  bool integral = std::modf(d->count, &whole) == 0;
  switch (d->unit) {
    case Unit::day: day += sign * std::llround(d->count); break;
    case Unit::week: day += sign * std::llround(d->count * 7); break;
    case Unit::month:
      day = integral ? add_months(day, sign * static_cast<int>(whole)) : day + sign * std::llround(d->count * 30);
      break;
    default:
      day = integral ? add_months(day, sign * 12 * static_cast<int>(whole)) : day + sign * std::llround(d->count * 365);
  }
  add(em.out, "date", i, end, {{"value", em.iso(day, 0)}, {"grain", "day"}}, 0.9f);
}

void scan(Text t, const Now& now, Sink& out) {
  Emitter em{now, out};
  for (size_t i = 0; i < t.size(); ++i) {
    char32_t c = t[i];
    if (c == U' ' || (i > 0 && is_alnum(t[i - 1]) && is_alnum(c))) continue;
    // Durations and relative offsets.
    if (auto d = any_duration_at(t, i)) {
      add(out, "duration", i, d->end,
          {{"seconds", duration_seconds(*d)}, {"value", number_json(d->count)},
           {"unit", kUnitNames[static_cast<int>(d->unit)]}},
          0.85f);
    }
    relative(t, i, now, em);
    // Ranges may start with from / between / 从.
    size_t p = i;
    bool between = false;
    for (Text w : {U"from ", U"between ", U"从"}) {
      if (has(t, i, w) && !(i > 0 && is_alpha(t[i - 1]) && is_alpha(w[0]))) {
        p = i + w.size(), between = w == U"between ";
        break;
      }
    }
    auto d = date_at(t, p, now);
    if (!d) {
      if (p != i) continue;
      // A time alone is today; a date may follow in English ("3pm tomorrow").
      if (auto tm = time_at(t, i, nullptr, false)) {
        size_t k = skip_space(t, tm->end);
        if (has(t, k, U"on ")) k += 3;
        if (auto d2 = k > tm->end ? date_at(t, k, now) : std::nullopt;
            d2 && d2->grain == std::string_view("day") && d2->to < 0 && !d2->period) {
          add(out, "datetime", i, d2->end, {{"value", em.iso(d2->day, tm->second)}, {"grain", tm->grain}}, 0.9f);
        }
        add(out, "time", i, tm->end, {{"value", em.iso(now.today, tm->second)}, {"grain", tm->grain}},
            is_digit(t[i]) || tm->end - i > 3 ? 0.85f : 0.7f);
      }
      continue;
    }
    if (d->to >= 0) {
      em.range(i, d->end, d->day, d->to, "day", 0.9f);
      continue;
    }
    if (p == i) {
      // Date + time: 明天下午三点, tomorrow at 3pm, 2026-11-22 15:30, 明天的3点.
      size_t k = d->end;
      if (at(t, k) == U' ') ++k;
      if (at(t, k) == U'的') ++k;
      if (has(t, k, U"at ")) k += 3;
      if (at(t, k) == U',' && at(t, k + 1) == U' ') k += 2;
      if (d->grain == std::string_view("day")) {
        if (auto tm = time_at(t, k, d->period, true); tm && tm->end > k)
          add(out, "datetime", i, tm->end, {{"value", em.iso(d->day, tm->second)}, {"grain", tm->grain}}, 0.9f);
        if (d->period) {
          int64_t second = int64_t{d->period->hour} * 3600;
          if (d->period_today) add(out, "time", i, d->end, {{"value", em.iso(d->day, second)}, {"grain", "hour"}}, 0.85f);
          else add(out, "datetime", i, d->end, {{"value", em.iso(d->day, second)}, {"grain", "hour"}}, 0.85f);
          continue;
        }
      }
      em.date(i, *d, d->weekday_bare || !d->year_given ? 0.85f : 0.9f);
    }
    // Range: 11月1日到11月3日, 11月1日到3日, 周一到周三, from monday to wednesday.
    if (size_t len = range_joint(t, d->end, between); len && !d->period) {
      size_t k = d->end + len;
      std::optional<DatePart> d2;
      // 11月1日到3日: the month carries over to a bare day.
      if (d->grain == std::string_view("day") && !d->weekday_bare) {
        if (auto day = small_int_at(t, k, 1, 31); day && day_suffix(t, day->end)) {
          Civil c = civil_from_days(d->day);
          if (day->value <= days_in_month(c.y, c.m)) {
            DatePart x{day->end + 1, days_from_civil(c.y, c.m, static_cast<int>(day->value))};
            d2 = x;
          }
        }
      }
      if (!d2) d2 = date_at(t, k, now);
      if (d2 && d2->to < 0 && !d2->period && d2->grain == std::string_view(d->grain)) {
        int64_t to = d2->day;
        if (to < d->day && d2->weekday_bare) to += 7;
        if (to >= d->day) em.range(i, d2->end, d->day, to, d->grain, 0.85f);
      }
    }
  }
}

}  // namespace

void find_datetimes(Text t, const ReferenceTime& ref, Sink& out) {
  Now now;
  now.unix = ref.unix_seconds;
  now.offset = ref.utc_offset_minutes;
  now.local = ref.unix_seconds + int64_t{ref.utc_offset_minutes} * 60;
  now.today = now.local >= 0 ? now.local / 86400 : (now.local - 86399) / 86400;
  now.wday = weekday(now.today);
  now.civil = civil_from_days(now.today);
  scan(t, now, out);
}

}  // namespace kefu::entity
