// Runs every extractor, then keeps the longest, most specific candidates that
// do not overlap.
#include <algorithm>
#include <cstring>

#include "entity/scan.h"

namespace kefu::entity {

namespace {

// Specificity, used when two candidates are equally long: a checksum-valid ID
// card beats a bank card, a date beats a duration, anything beats a number.
int rank_of(std::string_view type) {
  static constexpr std::pair<const char*, int> kRanks[] = {
      {"id_card", 20},   {"phone", 18},    {"email", 18},      {"url", 18},
      {"tracking_number", 17},             {"bank_card", 16},  {"date_range", 14},
      {"datetime", 13},  {"date", 12},     {"time", 12},       {"money", 10},
      {"percentage", 9}, {"duration", 8},  {"ordinal", 7},     {"quantity", 6},
      {"number", 1}};
  for (const auto& [name, rank] : kRanks)
    if (type == name) return rank;
  return 0;
}

}  // namespace

void add(Sink& out, const char* type, size_t begin, size_t end, nlohmann::json value,
         float confidence) {
  out.push_back({BuiltinMatch{type, static_cast<uint32_t>(begin), static_cast<uint32_t>(end),
                              std::move(value), confidence},
                 rank_of(type)});
}

const std::vector<std::string>& builtin_types() {
  static const std::vector<std::string> kTypes = {
      "phone",   "email",      "url",     "id_card",    "bank_card", "tracking_number",
      "number",  "ordinal",    "percentage", "quantity", "money",   "date",
      "time",    "datetime",   "duration", "date_range"};
  return kTypes;
}

std::vector<BuiltinMatch> extract_builtins(std::u32string_view text, const ReferenceTime& now,
                                           const std::vector<std::string>& types) {
  Sink found;
  find_contacts(text, found);
  find_numbers(text, found);
  find_datetimes(text, now, found);

  std::stable_sort(found.begin(), found.end(), [](const Candidate& a, const Candidate& b) {
    uint32_t la = a.match.end - a.match.begin, lb = b.match.end - b.match.begin;
    if (la != lb) return la > lb;
    if (a.rank != b.rank) return a.rank > b.rank;
    return a.match.begin < b.match.begin;
  });
  std::vector<BuiltinMatch> kept;
  std::vector<bool> taken(text.size(), false);
  for (Candidate& c : found) {
    const BuiltinMatch& m = c.match;
    if (m.begin >= m.end || m.end > text.size()) continue;
    if (std::any_of(taken.begin() + m.begin, taken.begin() + m.end, [](bool b) { return b; }))
      continue;
    std::fill(taken.begin() + m.begin, taken.begin() + m.end, true);
    if (types.empty() || std::find(types.begin(), types.end(), m.type) != types.end())
      kept.push_back(std::move(c.match));
  }
  std::sort(kept.begin(), kept.end(),
            [](const BuiltinMatch& a, const BuiltinMatch& b) { return a.begin < b.begin; });
  return kept;
}

}  // namespace kefu::entity
