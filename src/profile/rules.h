// Tag rules: declarative conditions over a customer's events (counts, sums,
// averages, recency, ordered sequences, ratios, time-decayed scores), each
// giving a tag with its strength, the time it was set, an expiry and the
// events behind it.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "profile/event.h"

namespace kefu::profile {

// Which events a condition looks at: "purchase", "page_view:pricing", or
// {"type": "turn", "item": "refund", "channel": "phone", "sentiment_below": -0.5,
//  "amount_at_least": 100, "category": "phones"}.
struct Select {
  int type = -1;  // EventType, -1 = any
  uint32_t item = Interner::kNone, channel = Interner::kNone, category = Interner::kNone;
  std::optional<float> sentiment_below, amount_at_least;
  bool matches(const Event& e) const;
};

struct Condition;
using ConditionPtr = std::unique_ptr<Condition>;

struct Condition {
  enum class Kind { kCount, kSum, kAvg, kRecency, kFirst, kSequence, kRatio, kDecayed, kRepeat, kMostCommon, kAll, kAny, kNot };
  Kind kind = Kind::kCount;
  std::vector<Select> selects;      // one, or the steps of a sequence, or [of, to] of a ratio
  int64_t within = 0;               // seconds; 0 = all time
  std::optional<double> at_least, at_most;
  int64_t more_than = -1, less_than = -1;  // recency / first, seconds
  int64_t half_life = 0;
  std::vector<ConditionPtr> parts;  // all / any / not
};

struct Rule {
  std::string tag;
  std::string description;
  ConditionPtr when;
  int64_t expires = 0;  // seconds after it was set; 0 = never
  uint32_t types = 0;   // bit per EventType the condition looks at
};

// What a rule found for one customer at one time.
struct TagResult {
  std::string tag;
  double value = 0;      // what was measured (a count, a sum, a share…)
  double strength = 1;   // value against its threshold (≥ 1 when set), 1 for sequences
  int64_t set_at = 0;    // the latest evidence event's time
  int64_t expires_at = 0;  // 0 = never
  std::string label;     // a value tag's value (preferred channel "phone")
  std::vector<uint64_t> evidence;  // recording numbers of the events behind it (latest ≤ 10)
};

class RuleSet {
 public:
  // Parses [{"tag", "when", "expires", "description"}, …]; every problem is
  // listed with its rule ("rule 3 (\"churn_risk\"): when.within: …").
  static RuleSet parse(const nlohmann::json& rules, Interner& strings);
  static const char* default_rules_json();  // the default tag set

  // Tags that hold for `events` (sorted by time) as of `now`; with `explain`
  // each carries its evidence (slower: recording only needs the names).
  // `types` (a bit per EventType) limits it to rules that look at them.
  std::vector<TagResult> evaluate(const std::vector<Event>& events, int64_t now, const Interner& strings,
                                  bool explain = true, uint32_t types = ~0u) const;
  const std::vector<Rule>& rules() const { return rules_; }

 private:
  std::vector<Rule> rules_;
};

// "30m", "12h", "7d", "2w" → seconds; throws KEFU_ERR_INVALID_DATA.
int64_t parse_duration(const nlohmann::json& v, const std::string& where);

}  // namespace kefu::profile
