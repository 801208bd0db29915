#include "profile/profiles.h"

#include <algorithm>
#include <mutex>

#include "core/error.h"
#include "core/journal.h"

namespace kefu::profile {

using nlohmann::json;

namespace {

constexpr int64_t kFutureSlack = 86400;  // clocks disagree; a day ahead is a bad timestamp
// A person has at most one of these; two of them on one profile is a
// conflict, not a merge.
const char* const kUniqueKinds[] = {"member_id", "account"};

std::string kind_of(const std::string& id) { return id.substr(0, id.find(':')); }

}  // namespace

constexpr uint8_t kEventRecord = 1, kLinkRecord = 2;

const JournalFormat& store_format() {
  static const JournalFormat f{"profile store", "KEFUPFSN", "KEFUPFLG", "PFRC", ""};
  return f;
}

Profiles::Profiles(const json& rules, const std::string& dir)
    : rules_(RuleSet::parse(rules.is_null() ? json::parse(RuleSet::default_rules_json()) : rules, strings_)) {
  if (dir.empty()) return;
  journal_ = Journal::open(dir, store_format(), [this](const Journal::Replayed& r) {
    std::string where = std::string(r.path) + ": " + r.where;
    if (r.snapshot) restore(r.bytes, where);
    else replay(r.type, r.bytes, where);
  });
  // Stored tags follow the rules of the run that recorded them; these may differ.
  for (uint32_t c = 0; c < customers_.size(); ++c)
    if (parent_[c] == c && !customers_[c].events.empty()) retag(c, customers_[c].events.back().time);
}

Profiles::~Profiles() = default;

// Durable before the change is made: the caller has checked that it applies.
void Profiles::persist(uint8_t type, std::string_view bytes) {
  if (!journal_) return;
  journal_->append(type, bytes);
}

// Folds the log into a new snapshot once it has outgrown the last one.
void Profiles::compact_if_due() {
  if (journal_ && journal_->wants_compaction()) journal_->compact(snapshot());
}

void Profiles::replay(uint8_t type, std::string_view bytes, const std::string& where) {
  if (type == kEventRecord) {
    json event = json::parse(bytes, nullptr, false);
    if (event.is_discarded()) fail(KEFU_ERR_CORRUPT, where + ": a stored event is not JSON");
    record_locked(event, INT64_MAX / 2, where);  // its time was checked when it was recorded
  } else if (type == kLinkRecord) {
    size_t nl = bytes.find('\n');
    if (nl == std::string_view::npos) fail(KEFU_ERR_CORRUPT, where + ": a stored link is malformed");
    link_locked(std::string(bytes.substr(0, nl)), std::string(bytes.substr(nl + 1)));
  } else {
    fail(KEFU_ERR_CORRUPT, where + ": unknown record type " + std::to_string(type));
  }
}

uint32_t Profiles::root(uint32_t c) const {
  while (parent_[c] != c) c = parent_[c];
  return c;
}

void Profiles::check_unique_kinds(const std::vector<std::string>& a, const std::vector<std::string>& b) const {
  for (const char* kind : kUniqueKinds)
    for (const auto& x : a)
      for (const auto& y : b)
        if (kind_of(x) == kind && kind_of(y) == kind && x != y)
          fail(KEFU_ERR_INVALID_DATA, "conflicting identities: " + x + " and " + y +
                                          " would be one customer (a person has one " + kind + "); nothing recorded");
}

// Folds `from` into `into`: identifiers, events (kept in time order) and the
// history of merges, so nothing is lost and the merge can be explained.
uint32_t Profiles::merge(uint32_t into, uint32_t from, const std::string& why) {
  Customer& a = customers_[into];
  Customer& b = customers_[from];
  for (const auto& id : b.ids) {
    a.ids.push_back(id);
    by_id_[id] = into;
  }
  a.merged.push_back("profile of " + b.ids.front() + " merged: " + why);
  a.merged.insert(a.merged.end(), b.merged.begin(), b.merged.end());
  std::vector<Event> events;
  events.reserve(a.events.size() + b.events.size());
  std::merge(a.events.begin(), a.events.end(), b.events.begin(), b.events.end(), std::back_inserter(events),
             [](const Event& x, const Event& y) { return x.time != y.time ? x.time < y.time : x.seq < y.seq; });
  a.events = std::move(events);
  for (const auto& tag : b.tags) by_tag_[tag].erase(from);
  b = Customer{};
  parent_[from] = into;
  return into;
}

RecordResult Profiles::record(const json& event, int64_t now, const std::string& where) {
  std::unique_lock lock(mu_);
  return record_locked(event, now, where);
}

RecordResult Profiles::record_locked(const json& event, int64_t now, const std::string& where) {
  Incoming in = parse_event(event, strings_, where);
  if (in.event.time > now + kFutureSlack)
    fail(KEFU_ERR_INVALID_DATA, where + ": \"time\" is more than a day in the future; nothing recorded");
  std::vector<std::string> ids;
  for (const auto& [kind, value] : in.ids) ids.push_back(kind + ":" + value);
  check_unique_kinds(ids, ids);
  // The profiles these identifiers already belong to.
  std::vector<uint32_t> owners;
  for (const auto& id : ids)
    if (auto it = by_id_.find(id); it != by_id_.end()) {
      uint32_t r = root(it->second);
      if (std::find(owners.begin(), owners.end(), r) == owners.end()) owners.push_back(r);
    }
  std::vector<std::string> all = ids;
  for (uint32_t o : owners) all.insert(all.end(), customers_[o].ids.begin(), customers_[o].ids.end());
  check_unique_kinds(all, all);  // before any change: a conflict records nothing
  persist(kEventRecord, event.dump());

  RecordResult result;
  uint32_t c;
  if (owners.empty()) {
    c = static_cast<uint32_t>(customers_.size());
    customers_.emplace_back();
    parent_.push_back(c);
  } else {
    std::sort(owners.begin(), owners.end());
    c = owners.front();
    for (size_t i = 1; i < owners.size(); ++i) {
      result.merged.push_back(customers_[owners[i]].ids.front());
      std::string why = "event " + std::to_string(next_seq_) + " named ";
      for (size_t k = 0; k < ids.size(); ++k) why += (k ? " and " : "") + ids[k];
      merge(c, owners[i], why);
    }
  }
  Customer& customer = customers_[c];
  for (const auto& id : ids)
    if (by_id_.emplace(id, c).second) customer.ids.push_back(id);
  in.event.seq = next_seq_++;
  auto at = std::upper_bound(customer.events.begin(), customer.events.end(), in.event.time,
                             [](int64_t t, const Event& e) { return t < e.time; });
  customer.events.insert(at, in.event);
  ++events_;
  // Merged profiles get every rule; otherwise only rules about this event's type.
  retag(c, std::max(in.event.time, customer.events.back().time),
        result.merged.empty() ? 1u << static_cast<uint32_t>(in.event.type) : ~0u);
  result.customer = c;
  result.seq = in.event.seq;
  result.tags = customer.tags;
  compact_if_due();
  return result;
}

RecordResult Profiles::link(const std::string& a, const std::string& b) {
  std::unique_lock lock(mu_);
  return link_locked(a, b);
}

RecordResult Profiles::link_locked(const std::string& a, const std::string& b) {
  auto ida = parse_identifier(a), idb = parse_identifier(b);
  std::string x = ida.first + ":" + ida.second, y = idb.first + ":" + idb.second;
  check_unique_kinds({x}, {y});
  auto fa = by_id_.find(x), fb = by_id_.find(y);
  RecordResult result;
  if (fa == by_id_.end() && fb == by_id_.end())
    fail(KEFU_ERR_NOT_FOUND, "neither " + x + " nor " + y + " has been seen; record an event first");
  uint32_t c = fa != by_id_.end() ? root(fa->second) : root(fb->second);
  if (fa != by_id_.end() && fb != by_id_.end()) {
    uint32_t ra = root(fa->second), rb = root(fb->second);
    if (ra != rb) {
      check_unique_kinds(customers_[ra].ids, customers_[rb].ids);
      persist(kLinkRecord, x + "\n" + y);
      c = std::min(ra, rb);
      uint32_t other = std::max(ra, rb);
      result.merged.push_back(customers_[other].ids.front());
      merge(c, other, "linked " + x + " and " + y);
    }
  } else {
    const std::string& fresh = fa == by_id_.end() ? x : y;
    check_unique_kinds(customers_[c].ids, {fresh});
    persist(kLinkRecord, x + "\n" + y);
    by_id_[fresh] = c;
    customers_[c].ids.push_back(fresh);
  }
  if (!customers_[c].events.empty()) retag(c, customers_[c].events.back().time);
  result.customer = c;
  result.tags = customers_[c].tags;
  compact_if_due();
  return result;
}

void Profiles::retag(uint32_t c, int64_t now, uint32_t types) {
  Customer& customer = customers_[c];
  // Tags of rules not re-evaluated stay as they were.
  std::vector<std::string> kept;
  for (const auto& tag : customer.tags) {
    const Rule* rule = nullptr;
    for (const auto& r : rules_.rules())
      if (r.tag == tag) rule = &r;
    if (rule && !(rule->types & types)) kept.push_back(tag);
    else by_tag_[tag].erase(c);
  }
  customer.tags = std::move(kept);
  for (auto& t : rules_.evaluate(customer.events, now, strings_, false, types)) {
    by_tag_[t.tag].insert(c);
    customer.tags.push_back(std::move(t.tag));
  }
}

json Profiles::tag_json(const TagResult& t, const Customer& c) const {
  json evidence = json::array();
  for (uint64_t seq : t.evidence)
    for (const auto& e : c.events)
      if (e.seq == seq) {
        json ev = {{"seq", e.seq}, {"type", type_name(e.type)}, {"time", e.time}};
        if (e.item != Interner::kNone) ev["item"] = strings_.name(e.item);
        if (e.channel != Interner::kNone) ev["channel"] = strings_.name(e.channel);
        evidence.push_back(std::move(ev));
        break;
      }
  json out = {{"tag", t.tag}, {"value", t.value}, {"strength", t.strength}, {"set_at", t.set_at},
              {"expires_at", t.expires_at ? json(t.expires_at) : json(nullptr)}, {"evidence", std::move(evidence)}};
  if (!t.label.empty()) out["label"] = t.label;
  return out;
}

json Profiles::get(const std::string& identifier, int64_t as_of) const {
  auto [kind, value] = parse_identifier(identifier);
  std::shared_lock lock(mu_);
  auto it = by_id_.find(kind + ":" + value);
  if (it == by_id_.end()) return nullptr;
  uint32_t c = root(it->second);
  const Customer& customer = customers_[c];
  json ids = json::object();
  for (const auto& id : customer.ids) ids[kind_of(id)].push_back(id.substr(id.find(':') + 1));
  json tags = json::array();
  for (const auto& t : rules_.evaluate(customer.events, as_of, strings_)) tags.push_back(tag_json(t, customer));
  return {{"customer", c},
          {"identifiers", std::move(ids)},
          {"events", customer.events.size()},
          {"first_seen", customer.events.empty() ? json(nullptr) : json(customer.events.front().time)},
          {"last_seen", customer.events.empty() ? json(nullptr) : json(customer.events.back().time)},
          {"tags", std::move(tags)},
          {"merged", customer.merged}};
}

json Profiles::with_tag(const std::string& tag, size_t limit) const {
  std::shared_lock lock(mu_);
  json out = json::array();
  auto it = by_tag_.find(tag);
  if (it == by_tag_.end()) return out;
  for (uint32_t c : it->second) {
    if (out.size() >= limit) break;
    out.push_back({{"customer", c}, {"identifiers", customers_[c].ids}});
  }
  return out;
}

json Profiles::stats() const {
  std::shared_lock lock(mu_);
  size_t alive = 0;
  for (uint32_t c = 0; c < parent_.size(); ++c) alive += parent_[c] == c;
  json rules = json::array();
  for (const auto& r : rules_.rules()) rules.push_back({{"tag", r.tag}, {"description", r.description}});
  return {{"customers", alive}, {"events", events_}, {"identifiers", by_id_.size()}, {"rules", std::move(rules)}};
}

}  // namespace kefu::profile
