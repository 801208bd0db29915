// Built-in entity extractors: phone numbers, e-mail, URLs, PRC ID cards, bank
// cards, express tracking numbers, numbers (Arabic, Chinese, English words),
// ordinals, percentages, quantities, money, and dates/times resolved against
// a reference "now".
//
// Values (JSON) per type:
//   phone {number, country_code, kind: mobile|landline|service[, area_code]}
//   email {email}   url {url}   bank_card {number, valid}
//   id_card {id, birth_date, gender, region_code}
//   tracking_number {carrier, carrier_name, number}   (number upper-cased)
//   number {value[, approximate, min, max]}   ordinal {value}
//   percentage {value[, discount]}   (八折 = {value: 0.8, discount: true})
//   quantity {value, unit}   money {amount, currency}   (ISO 4217)
//   date, time, datetime {value: ISO 8601 with offset, grain}
//   duration {seconds, value, unit}   date_range {from, to, grain}
//
// Input is already-normalized text (NFKC, lower-cased, Simplified Chinese,
// single spaces), so the extractors only see half-width ASCII and lower case.
//
// Resolution choices worth knowing:
//  - Month/day without a year is the next occurrence on or after today; a bare
//    weekday ("周一", "monday") likewise; "月初"/"年初" the next first day of a
//    month/year on or after today; "月底"/"年底" the end of the current one.
//  - "下周一"/"next monday" is in the next calendar week (weeks start Monday),
//    "这周五"/"this friday" in the current one, whether past or not.
//  - A time without a date is today, even when already past.
//  - A bare hour 1–6 with no period word (上午/下午/am/pm) is read as
//    afternoon ("3点" = 15:00: nobody asks for a 3 a.m. callback); 7–12 as is.
//  - date_range "to" is the last day included, at the start of that day.
//  - Relative hours/minutes ("3小时后", "in 2 hours") are datetimes from now.
//  - An ID card needs a valid checksum and calendar date (year >= 1900), not
//    a plausible "now", so PII masking can run without one.
//  - Durations count a month as 30 days and a year as 365 days.
//  - `types` filters the overlap-resolved matches: a span claimed by a more
//    specific type (money "350元") is not reported again as a number.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

namespace kefu::entity {

// "Now" as the caller sees it: an instant plus the caller's UTC offset.
struct ReferenceTime {
  int64_t unix_seconds;
  int32_t utc_offset_minutes;  // e.g. +480 for China
};

struct BuiltinMatch {
  std::string type;
  uint32_t begin, end;  // code-point offsets [begin, end) into the input
  nlohmann::json value;
  float confidence;  // 0..1
};

// Finds non-overlapping built-in entities in normalized `text`, longest and
// most specific first. `types` empty means all types. Thread-safe.
std::vector<BuiltinMatch> extract_builtins(std::u32string_view text, const ReferenceTime& now,
                                           const std::vector<std::string>& types = {});

// Names of all supported types.
const std::vector<std::string>& builtin_types();

}  // namespace kefu::entity
