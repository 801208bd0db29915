// The caller's "now", for everything relative (明天下午三点, "in 3 days").
// Time is an input: results are reproducible when the caller passes it.
#pragma once

#include <cstdint>
#include <string_view>

#include "core/options.h"

namespace kefu {

struct RefTime {
  int64_t unix_seconds;
  int32_t utc_offset_minutes;
};

// Reads "reference_time" from options: an ISO 8601 string with offset
// ("2026-11-23T10:00:00+08:00", "2026-11-23T02:00:00Z") or Unix seconds; with
// Unix seconds, "utc_offset_minutes" gives the caller's zone. Absent: the
// system clock and its local zone.
RefTime reference_time(const Options& options);

// Parses an ISO 8601 date-time with offset; KEFU_ERR_INVALID_OPTIONS if bad.
RefTime parse_iso8601(std::string_view text);

}  // namespace kefu
