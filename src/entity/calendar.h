// Civil-calendar arithmetic on day numbers (days since 1970-01-01) and ISO
// 8601 formatting with a UTC offset.
#pragma once

#include <cstdint>
#include <cstdio>
#include <string>

namespace kefu::entity {

struct Civil { int y, m, d; };

// Days from 1970-01-01 to y-m-d in the proleptic Gregorian calendar.
inline int64_t days_from_civil(int y, int m, int d) {
  y -= m <= 2;
  const int64_t era = (y >= 0 ? y : y - 399) / 400;
  const int64_t yoe = y - era * 400;
  const int64_t doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  const int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + doe - 719468;
}

inline Civil civil_from_days(int64_t z) {
  z += 719468;
  const int64_t era = (z >= 0 ? z : z - 146096) / 146097;
  const int64_t doe = z - era * 146097;
  const int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const int64_t mp = (5 * doy + 2) / 153;
  const int d = static_cast<int>(doy - (153 * mp + 2) / 5 + 1);
  const int m = static_cast<int>(mp < 10 ? mp + 3 : mp - 9);
  return {static_cast<int>(yoe + era * 400 + (m <= 2)), m, d};
}

inline int days_in_month(int y, int m) {
  static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
  return m == 2 && leap ? 29 : kDays[m - 1];
}

// 0 = Monday … 6 = Sunday; 1970-01-01 was a Thursday.
inline int weekday(int64_t day) { return static_cast<int>(((day + 3) % 7 + 7) % 7); }

// The same day of month `months` later, clamped to the month's length.
inline int64_t add_months(int64_t day, int months) {
  Civil c = civil_from_days(day);
  int total = c.y * 12 + (c.m - 1) + months;
  int y = total / 12, m = total % 12 + 1;
  int d = c.d < days_in_month(y, m) ? c.d : days_in_month(y, m);
  return days_from_civil(y, m, d);
}

// "2026-11-24T15:00:00+08:00" for a local day and second of day.
inline std::string iso8601(int64_t day, int64_t second, int offset_minutes) {
  day += second / 86400, second %= 86400;
  if (second < 0) second += 86400, --day;
  Civil c = civil_from_days(day);
  int off = offset_minutes < 0 ? -offset_minutes : offset_minutes;
  char buf[40];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02dT%02d:%02d:%02d%c%02d:%02d", c.y, c.m, c.d,
                static_cast<int>(second / 3600), static_cast<int>(second / 60 % 60),
                static_cast<int>(second % 60), offset_minutes < 0 ? '-' : '+', off / 60, off % 60);
  return buf;
}

}  // namespace kefu::entity
