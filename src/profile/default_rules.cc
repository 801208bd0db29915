// The tag set kefu ships. Each definition is documented in README
// ("Customer profiles"); a bot's "profile_rules" replace it.
#include "profile/rules.h"

namespace kefu::profile {

const char* RuleSet::default_rules_json() {
  return R"json([
  {"tag": "new_customer", "description": "first seen less than 30 days ago",
   "when": {"first": "any", "less_than": "30d"}},
  {"tag": "high_value", "description": "RFM: bought in the last 90 days, 3+ purchases and 5,000+ spent in a year",
   "when": {"all": [{"recency": "purchase", "less_than": "90d"},
                    {"count": "purchase", "within": "365d", "at_least": 3},
                    {"sum": "purchase", "within": "365d", "at_least": 5000}]}},
  {"tag": "price_sensitive", "description": "product, case study and pricing pages in a row within 30 minutes, 3+ pricing views or 2+ coupon questions in 30 days",
   "when": {"any": [{"sequence": ["page_view:product", "page_view:case", "page_view:pricing"], "within": "30m"},
                    {"count": "page_view:pricing", "within": "30d", "at_least": 3},
                    {"count": "turn:coupon", "within": "30d", "at_least": 2}]},
   "expires": "30d"},
  {"tag": "high_purchase_intent", "description": "product → case study → pricing within 30 minutes, or recent browsing worth 6+ fresh page views (half-life 3 days)",
   "when": {"any": [{"sequence": ["page_view:product", "page_view:case", "page_view:pricing"], "within": "30m"},
                    {"decayed": "page_view", "half_life": "3d", "at_least": 6}]},
   "expires": "14d"},
  {"tag": "complaint_prone", "description": "2+ complaints (events or complaint conversations) in 30 days",
   "when": {"any": [{"count": "complaint", "within": "30d", "at_least": 2},
                    {"count": "turn:complaint", "within": "30d", "at_least": 2}]},
   "expires": "60d"},
  {"tag": "churn_risk", "description": "a repeat buyer silent for 90 days, or 2+ refunds in 60 days",
   "when": {"any": [{"all": [{"count": "purchase", "at_least": 2}, {"recency": "purchase", "more_than": "90d"}]},
                    {"count": "refund", "within": "60d", "at_least": 2}]}},
  {"tag": "repeat_contact", "description": "contacted us twice or more about the same issue within 7 days",
   "when": {"any": [{"repeat": "ticket", "within": "7d", "at_least": 2},
                    {"repeat": "call", "within": "7d", "at_least": 2},
                    {"repeat": "complaint", "within": "7d", "at_least": 2}]},
   "expires": "7d"},
  {"tag": "recently_angry", "description": "a very negative message or a handoff for sentiment in the last 7 days",
   "when": {"any": [{"count": {"type": "turn", "sentiment_below": -0.5}, "within": "7d"},
                    {"count": "handoff:sentiment", "within": "7d"}]},
   "expires": "7d"},
  {"tag": "preferred_channel", "description": "the channel of most contacts in 90 days (the tag's label)",
   "when": {"most_common": "any", "within": "90d", "at_least": 0.5}}
])json";
}

}  // namespace kefu::profile
