#include "core/reftime.h"

#include <cstdio>
#include <ctime>

#include "core/error.h"

namespace kefu {

namespace {

// Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's
// civil-days algorithm).
int64_t days_from_civil(int64_t y, unsigned m, unsigned d) {
  y -= m <= 2;
  const int64_t era = (y >= 0 ? y : y - 399) / 400;
  const unsigned yoe = static_cast<unsigned>(y - era * 400);
  const unsigned doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + static_cast<int64_t>(doe) - 719468;
}

[[noreturn]] void bad(std::string_view text) {
  fail(KEFU_ERR_INVALID_OPTIONS, "\"reference_time\": \"" + std::string(text) +
                                     "\" is not an ISO 8601 date-time with offset "
                                     "(like 2026-11-23T10:00:00+08:00)");
}

}  // namespace

RefTime parse_iso8601(std::string_view text) {
  int y, mo, d, h, mi, s = 0, consumed = 0;
  std::string buf(text);
  if (std::sscanf(buf.c_str(), "%4d-%2d-%2dT%2d:%2d%n", &y, &mo, &d, &h, &mi, &consumed) != 5) bad(text);
  size_t pos = static_cast<size_t>(consumed);
  if (pos < buf.size() && buf[pos] == ':') {
    int n = 0;
    if (std::sscanf(buf.c_str() + pos, ":%2d%n", &s, &n) != 1) bad(text);
    pos += static_cast<size_t>(n);
    while (pos < buf.size() && (buf[pos] == '.' || (buf[pos] >= '0' && buf[pos] <= '9'))) ++pos;
  }
  int offset = 0;
  if (pos < buf.size() && (buf[pos] == 'Z' || buf[pos] == 'z')) {
    ++pos;
  } else if (pos < buf.size() && (buf[pos] == '+' || buf[pos] == '-')) {
    int oh = 0, om = 0, n = 0;
    if (std::sscanf(buf.c_str() + pos + 1, "%2d:%2d%n", &oh, &om, &n) != 2) bad(text);
    offset = (buf[pos] == '-' ? -1 : 1) * (oh * 60 + om);
    pos += 1 + static_cast<size_t>(n);
  } else {
    bad(text);
  }
  if (pos != buf.size() || mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59 || s > 60 ||
      offset < -18 * 60 || offset > 18 * 60)
    bad(text);
  int64_t local = days_from_civil(y, static_cast<unsigned>(mo), static_cast<unsigned>(d)) * 86400 +
                  h * 3600 + mi * 60 + s;
  return {local - offset * 60, offset};
}

RefTime reference_time(const Options& options) {
  if (options.has("reference_time")) {
    const auto& v = options.get("reference_time");
    if (v.is_string()) return parse_iso8601(v.get<std::string>());
    if (v.is_number_integer())
      return {v.get<int64_t>(), static_cast<int32_t>(options.get_int("utc_offset_minutes", 0,
                                                                        -18 * 60, 18 * 60))};
    fail(KEFU_ERR_INVALID_OPTIONS,
         options.what() + ": \"reference_time\" must be an ISO 8601 string or Unix seconds");
  }
  std::time_t now = std::time(nullptr);
  std::tm local{};
  localtime_r(&now, &local);
  int32_t offset = static_cast<int32_t>(local.tm_gmtoff / 60);
  return {static_cast<int64_t>(now),
          static_cast<int32_t>(options.get_int("utc_offset_minutes", offset, -18 * 60, 18 * 60))};
}

}  // namespace kefu
