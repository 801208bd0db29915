// Internal pieces of the date/time extractors: the parsed parts of an
// expression and the parsers that the composing scan (datetime.cc) combines.
#pragma once

#include <optional>

#include "entity/calendar.h"
#include "entity/scan.h"

namespace kefu::entity {

// "Now" in the caller's local time.
struct Now {
  int64_t unix, local, today;  // local = unix shifted by the offset
  int offset, wday;            // wday: 0 = Monday
  Civil civil;
};

// A day-period word: 下午 shifts hours to the afternoon, and alone after a
// date stands for a typical hour ("明天下午" = 15:00).
enum class Period { none, am, noon, pm, early };
struct PeriodWord { Text text; Period period; int hour; };

// A date read at some position; `end` is one past its last character.
struct DatePart {
  size_t end;
  int64_t day;
  const char* grain = "day";
  const PeriodWord* period = nullptr;  // 明晚, tomorrow morning…
  bool weekday_bare = false;           // 周一, monday: may roll a week in ranges
  bool year_given = true;
  int64_t to = -1;                     // a range (周末) when >= 0
  bool period_today = false;           // 今晚, tonight: alone, a time of today
};

struct TimePart { size_t end; int64_t second; const char* grain; };

enum class Unit { second, minute, hour, day, week, month, year };
inline constexpr const char* kUnitNames[] = {"second", "minute", "hour", "day", "week", "month", "year"};
inline constexpr int64_t kUnitSeconds[] = {1, 60, 3600, 86400, 604800, 2592000, 31536000};

struct Duration { size_t end; double count; Unit unit; };

inline constexpr Text kDayChars = U"一二三四五六日天";  // after 周/星期: Monday … Sunday

// times.cc
const PeriodWord* period_at(Text t, size_t i);
const PeriodWord* period_named(Text name);
// A time of day at i: 下午三点, 晚上8点半, 15:30, 3pm. `inherited` is a period
// from a preceding date (明晚8点); `bare_period` lets a lone period word stand
// for its typical hour (明天下午 = 15:00).
std::optional<TimePart> time_at(Text t, size_t i, const PeriodWord* inherited, bool bare_period);

// dates.cc
std::optional<DatePart> date_at(Text t, size_t i, const Now& now);
bool day_suffix(Text t, size_t k);  // 日 or 号 (but not 3号楼) at k

// durations.cc
std::optional<Duration> any_duration_at(Text t, size_t i);
int64_t duration_seconds(const Duration& d);

}  // namespace kefu::entity
