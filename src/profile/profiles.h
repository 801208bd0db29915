// Customer profiles: events per customer, one profile per person however
// many identifiers they show (phone on the hotline, member id in the app,
// account on the web), and the tags the rules derive. Internally
// synchronized: many readers, one writer.
#pragma once

#include <cstdint>
#include <memory>
#include <set>
#include <shared_mutex>
#include <string>
#include <unordered_map>
#include <vector>

#include <nlohmann/json.hpp>

#include "profile/event.h"
#include "profile/rules.h"

namespace kefu {
class Journal;
}

namespace kefu::profile {

struct RecordResult {
  uint32_t customer = 0;
  uint64_t seq = 0;
  std::vector<std::string> merged;  // identifiers of profiles folded into this one
  std::vector<std::string> tags;    // tags after the event
};

class Profiles {
 public:
  // `rules` as JSON (null: the default tag set). KEFU_ERR_INVALID_DATA naming
  // the rule. With a `dir` the store is durable: every recorded event and link
  // is on disk when the call returns (a snapshot plus an append-only log, see
  // core/journal.h); the directory is created when absent and replayed when
  // not. Errors as Journal::open (KEFU_ERR_BUSY when another process has it).
  explicit Profiles(const nlohmann::json& rules, const std::string& dir = "");
  ~Profiles();

  // Records one event (see parse_event). Identifiers that belonged to
  // different profiles merge them; a merge that would give one person two
  // member ids or two accounts is KEFU_ERR_INVALID_DATA and nothing is
  // recorded. Events may arrive out of order; one dated more than a day after
  // `now` (Unix seconds) is refused.
  RecordResult record(const nlohmann::json& event, int64_t now, const std::string& where = "event");
  // States that two identifiers ("phone:…", "member_id:…") are one person.
  RecordResult link(const std::string& a, const std::string& b);

  // The profile behind an identifier with its tags as of `as_of`, or null
  // when the identifier was never seen.
  nlohmann::json get(const std::string& identifier, int64_t as_of) const;
  // Customers whose tags (as of their latest event) include `tag`.
  nlohmann::json with_tag(const std::string& tag, size_t limit) const;
  nlohmann::json stats() const;

 private:
  struct Customer {
    std::vector<std::string> ids;  // "kind:value"
    std::vector<Event> events;     // sorted by time, then recording order
    std::vector<std::string> merged;
    std::vector<std::string> tags;  // as of the latest event; lookups recompute
  };
  uint32_t root(uint32_t c) const;
  uint32_t merge(uint32_t into, uint32_t from, const std::string& why);
  void check_unique_kinds(const std::vector<std::string>& a, const std::vector<std::string>& b) const;
  // Re-evaluates the rules that look at `types` (all by default): a new
  // purchase cannot change a tag about page views.
  void retag(uint32_t c, int64_t now, uint32_t types = ~0u);
  nlohmann::json tag_json(const TagResult& t, const Customer& c) const;
  // The whole state as bytes for the journal's snapshot, and back (snapshot.cc).
  std::string snapshot() const;
  void restore(std::string_view bytes, const std::string& where);
  void replay(uint8_t type, std::string_view bytes, const std::string& where);
  RecordResult record_locked(const nlohmann::json& event, int64_t now, const std::string& where);
  RecordResult link_locked(const std::string& a, const std::string& b);
  void persist(uint8_t type, std::string_view bytes);
  void compact_if_due();

  std::unique_ptr<Journal> journal_;  // null: in memory

  mutable std::shared_mutex mu_;
  Interner strings_;
  RuleSet rules_;
  std::vector<Customer> customers_;
  std::vector<uint32_t> parent_;                     // union-find over customers_
  std::unordered_map<std::string, uint32_t> by_id_;  // "kind:value" → customer
  std::unordered_map<std::string, std::set<uint32_t>> by_tag_;
  uint64_t next_seq_ = 1;
  uint64_t events_ = 0;
};

}  // namespace kefu::profile
