#include "profile/rules.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <map>

#include "core/error.h"

namespace kefu::profile {

using nlohmann::json;

namespace {

constexpr size_t kMaxEvidence = 10;

struct Kinds {
  const char* name;
  Condition::Kind kind;
};
const Kinds kKinds[] = {{"count", Condition::Kind::kCount},       {"sum", Condition::Kind::kSum},
                        {"avg", Condition::Kind::kAvg},           {"recency", Condition::Kind::kRecency},
                        {"first", Condition::Kind::kFirst},       {"sequence", Condition::Kind::kSequence},
                        {"ratio", Condition::Kind::kRatio},       {"decayed", Condition::Kind::kDecayed},
                        {"repeat", Condition::Kind::kRepeat},     {"most_common", Condition::Kind::kMostCommon},
                        {"all", Condition::Kind::kAll},           {"any", Condition::Kind::kAny},
                        {"not", Condition::Kind::kNot}};
const char* const kModifiers[] = {"within", "at_least", "at_most", "more_than", "less_than", "half_life"};

[[noreturn]] void bad(const std::string& where, const std::string& what) { fail(KEFU_ERR_INVALID_DATA, where + ": " + what); }

Select parse_select(const json& v, Interner& strings, const std::string& where) {
  Select s;
  auto set_type = [&](const std::string& name) {
    EventType t;
    if (name == "any") return;
    if (!type_from_name(name, &t)) bad(where, "unknown event type \"" + name + "\"");
    s.type = static_cast<int>(t);
  };
  if (v.is_string()) {
    const std::string text = v;
    size_t colon = text.find(':');
    set_type(text.substr(0, colon));
    if (colon != std::string::npos) s.item = strings.id(text.substr(colon + 1));
    return s;
  }
  if (!v.is_object()) bad(where, "an event selection is \"type\", \"type:item\" or an object");
  for (const auto& item : v.items()) {
    const std::string& k = item.key();
    const json& x = item.value();
    if (k == "type" && x.is_string()) set_type(x);
    else if ((k == "item" || k == "channel" || k == "category") && x.is_string())
      (k == "item" ? s.item : k == "channel" ? s.channel : s.category) = strings.id(x.get<std::string>());
    else if (k == "sentiment_below" && x.is_number()) s.sentiment_below = x.get<float>();
    else if (k == "amount_at_least" && x.is_number()) s.amount_at_least = x.get<float>();
    else bad(where + "." + k, "unknown or mistyped (type, item, channel, category, sentiment_below, amount_at_least)");
  }
  return s;
}

uint32_t types_of(const Condition& c) {
  uint32_t bits = 0;
  for (const auto& s : c.selects) bits |= s.type < 0 ? ~0u : 1u << s.type;
  for (const auto& p : c.parts) bits |= types_of(*p);
  return bits;
}

ConditionPtr parse_condition(const json& v, Interner& strings, const std::string& where) {
  if (!v.is_object()) bad(where, "a condition must be an object");
  auto c = std::make_unique<Condition>();
  const Kinds* kind = nullptr;
  for (const auto& item : v.items()) {
    auto k = std::find_if(std::begin(kKinds), std::end(kKinds), [&](const Kinds& x) { return item.key() == x.name; });
    if (k != std::end(kKinds)) {
      if (kind) bad(where, std::string("has both \"") + kind->name + "\" and \"" + k->name + "\"");
      kind = &*k;
    } else if (std::find(std::begin(kModifiers), std::end(kModifiers), item.key()) == std::end(kModifiers)) {
      bad(where + "." + item.key(), "unknown key");
    }
  }
  if (!kind) bad(where, "needs one of count, sum, avg, recency, first, sequence, ratio, decayed, repeat, most_common, all, any, not");
  c->kind = kind->kind;
  const json& arg = v[kind->name];
  const std::string at = where + "." + kind->name;
  using K = Condition::Kind;
  if (c->kind == K::kAll || c->kind == K::kAny) {
    if (!arg.is_array() || arg.empty()) bad(at, "must be a non-empty array of conditions");
    for (size_t i = 0; i < arg.size(); ++i) c->parts.push_back(parse_condition(arg[i], strings, at + "[" + std::to_string(i) + "]"));
  } else if (c->kind == K::kNot) {
    c->parts.push_back(parse_condition(arg, strings, at));
  } else if (c->kind == K::kSequence || c->kind == K::kRatio) {
    if (!arg.is_array() || arg.size() < 2 || (c->kind == K::kRatio && arg.size() != 2))
      bad(at, c->kind == K::kRatio ? "must be [OF, TO]" : "must list at least two steps");
    for (size_t i = 0; i < arg.size(); ++i) c->selects.push_back(parse_select(arg[i], strings, at + "[" + std::to_string(i) + "]"));
  } else {
    c->selects.push_back(parse_select(arg, strings, at));
  }
  if (v.contains("within")) c->within = parse_duration(v["within"], where + ".within");
  if (v.contains("more_than")) c->more_than = parse_duration(v["more_than"], where + ".more_than");
  if (v.contains("less_than")) c->less_than = parse_duration(v["less_than"], where + ".less_than");
  if (v.contains("half_life")) c->half_life = parse_duration(v["half_life"], where + ".half_life");
  for (const char* k : {"at_least", "at_most"}) {
    if (!v.contains(k)) continue;
    if (!v[k].is_number()) bad(where + "." + k, "must be a number");
    (std::string(k) == "at_least" ? c->at_least : c->at_most) = v[k].get<double>();
  }
  if (c->kind == K::kSequence && c->within <= 0) bad(where, "a sequence needs \"within\" (e.g. \"30m\")");
  if (c->kind == K::kDecayed && c->half_life <= 0) bad(where, "\"decayed\" needs \"half_life\"");
  if ((c->kind == K::kRecency || c->kind == K::kFirst) && c->more_than < 0 && c->less_than < 0)
    bad(where, "needs \"more_than\" or \"less_than\"");
  if ((c->kind == K::kSum || c->kind == K::kAvg || c->kind == K::kRatio || c->kind == K::kDecayed) && !c->at_least && !c->at_most)
    bad(where, "needs \"at_least\" or \"at_most\"");
  return c;
}

// What a condition found.
struct Match {
  bool ok = false;
  double value = 0, strength = 1;
  int64_t last = 0;
  std::string label;
  std::vector<const Event*> evidence;
};

// One pass over a window: what counting conditions need, without a list
// of every event (a busy customer has thousands).
struct Tally {
  size_t count = 0;
  double sum = 0, decayed = 0;
  std::array<const Event*, kMaxEvidence> ring{};  // the last matches, cyclically

  std::vector<const Event*> latest() const {  // oldest first
    std::vector<const Event*> out;
    size_t n = std::min(count, kMaxEvidence);
    for (size_t i = count - n; i < count; ++i) out.push_back(ring[i % kMaxEvidence]);
    return out;
  }
};

// Older events add less than this to a decayed score; they are not visited.
constexpr double kDecayHorizon = 20;  // half-lives

struct Evaluator {
  const Event* begin;  // events sorted by time, all ≤ now
  const Event* end;
  int64_t now;
  const Interner& strings;
  bool explain;  // collect evidence (lookups) or only decide (recording)

  // The first event inside (now - within, now]; events are sorted by time.
  const Event* window(int64_t within) const {
    if (within <= 0) return begin;
    return std::upper_bound(begin, end, now - within, [](int64_t t, const Event& e) { return t < e.time; });
  }

  Tally tally(const Select& s, int64_t within, int64_t half_life = 0) const {
    Tally t;
    if (half_life > 0 && (within <= 0 || within > half_life * kDecayHorizon))
      within = static_cast<int64_t>(half_life * kDecayHorizon);
    for (const Event* e = window(within); e != end; ++e) {
      if (!s.matches(*e)) continue;
      t.sum += e->amount;
      if (half_life > 0) t.decayed += std::exp2(-static_cast<double>(now - e->time) / static_cast<double>(half_life));
      t.ring[t.count++ % kMaxEvidence] = e;
    }
    return t;
  }

  std::vector<const Event*> selected(const Select& s, int64_t within) const {
    std::vector<const Event*> out;
    for (const Event* e = window(within); e != end; ++e)
      if (s.matches(*e)) out.push_back(e);
    return out;
  }

  // at_least / at_most against `value`; strength relative to the bound.
  static void compare(const Condition& c, double value, Match& m) {
    m.value = value;
    m.ok = (!c.at_least || value >= *c.at_least) && (!c.at_most || value <= *c.at_most);
    m.strength = c.at_least && *c.at_least > 0 ? value / *c.at_least : 1;
  }

  void evidence(Match& m, const std::vector<const Event*>& from) const {
    if (!from.empty()) m.last = from.back()->time;
    if (!explain) return;
    size_t start = from.size() > kMaxEvidence ? from.size() - kMaxEvidence : 0;
    m.evidence.assign(from.begin() + static_cast<ptrdiff_t>(start), from.end());
  }
  void evidence(Match& m, const Tally& t) const {
    if (t.count) m.last = t.ring[(t.count - 1) % kMaxEvidence]->time;
    if (explain) m.evidence = t.latest();
  }

  Match run(const Condition& c) const {
    using K = Condition::Kind;
    Match m;
    switch (c.kind) {
      case K::kCount: {
        Tally t = tally(c.selects[0], c.within);
        Condition bounds;
        bounds.at_least = c.at_least ? c.at_least : 1.0;
        bounds.at_most = c.at_most;
        compare(bounds, static_cast<double>(t.count), m);
        evidence(m, t);
        break;
      }
      case K::kSum:
      case K::kAvg: {
        Tally t = tally(c.selects[0], c.within);
        if (c.kind == K::kAvg && t.count == 0) break;
        compare(c, c.kind == K::kSum ? t.sum : t.sum / static_cast<double>(t.count), m);
        evidence(m, t);
        break;
      }
      case K::kRecency:
      case K::kFirst: {
        const Event* e = nullptr;  // the last (recency) or first match
        if (c.kind == K::kRecency) {
          for (const Event* x = end; x != begin && !e;) --x, e = c.selects[0].matches(*x) ? x : nullptr;
        } else {
          for (const Event* x = begin; x != end && !e; ++x) e = c.selects[0].matches(*x) ? x : nullptr;
        }
        if (!e) break;
        int64_t age = now - e->time;
        m.value = static_cast<double>(age) / 86400.0;
        m.ok = (c.more_than < 0 || age > c.more_than) && (c.less_than < 0 || age < c.less_than);
        m.evidence = {e};
        m.last = e->time;
        break;
      }
      case K::kSequence: return sequence(c);
      case K::kRatio: {
        Tally of = tally(c.selects[0], c.within), to = tally(c.selects[1], c.within);
        if (to.count == 0) break;
        compare(c, static_cast<double>(of.count) / static_cast<double>(to.count), m);
        evidence(m, of.count ? of : to);  // "no refunds in 3 purchases" rests on the purchases
        break;
      }
      case K::kDecayed: {
        Tally t = tally(c.selects[0], c.within, c.half_life);
        compare(c, t.decayed, m);
        evidence(m, t);
        break;
      }
      case K::kRepeat: {
        std::map<uint32_t, std::vector<const Event*>> by_item;
        for (const Event* e : selected(c.selects[0], c.within))
          if (e->item != Interner::kNone) by_item[e->item].push_back(e);  // no topic: not "the same issue"
        const std::vector<const Event*>* most = nullptr;
        for (const auto& [item, group] : by_item)
          if (!most || group.size() > most->size()) most = &group;
        if (!most) break;
        Condition bounds;
        bounds.at_least = c.at_least ? c.at_least : 2.0;
        compare(bounds, static_cast<double>(most->size()), m);
        evidence(m, *most);
        if (most->front()->item != Interner::kNone) m.label = strings.name(most->front()->item);
        break;
      }
      case K::kMostCommon: {
        auto hits = selected(c.selects[0], c.within);
        std::map<uint32_t, size_t> by_channel;
        for (const Event* e : hits)
          if (e->channel != Interner::kNone) ++by_channel[e->channel];
        auto best = std::max_element(by_channel.begin(), by_channel.end(),
                                     [](const auto& a, const auto& b) { return a.second < b.second; });
        if (best == by_channel.end()) break;
        compare(c, static_cast<double>(best->second) / static_cast<double>(hits.size()), m);
        m.label = strings.name(best->first);
        std::vector<const Event*> on;
        for (const Event* e : hits)
          if (e->channel == best->first) on.push_back(e);
        evidence(m, on);
        break;
      }
      case K::kAll: {
        m.ok = true;
        m.strength = 1e300;
        for (const auto& part : c.parts) {
          Match p = run(*part);
          if (!p.ok) return Match{};
          m.strength = std::min(m.strength, p.strength);
          m.value = p.value;
          m.last = std::max(m.last, p.last);
          if (m.label.empty()) m.label = p.label;
          m.evidence.insert(m.evidence.end(), p.evidence.begin(), p.evidence.end());
        }
        break;
      }
      case K::kAny: {
        // The passing part with the freshest evidence: an old, expired
        // sequence must not hide recent pricing views.
        for (const auto& part : c.parts) {
          Match p = run(*part);
          if (p.ok && (!m.ok || p.last > m.last)) m = std::move(p);
        }
        break;
      }
      case K::kNot: {
        m.ok = !run(*c.parts[0]).ok;  // no evidence and no time of its own
        break;
      }
    }
    return m;
  }

  // The latest ordered occurrence of the steps within the span.
  Match sequence(const Condition& c) const {
    Match m;
    const size_t k = c.selects.size();
    for (const Event* last = end; last != begin;) {
      --last;
      if (!c.selects[k - 1].matches(*last)) continue;
      std::vector<const Event*> steps = {last};
      size_t step = k - 1;
      for (const Event* e = last; e != begin && step > 0;) {
        --e;
        if (last->time - e->time > c.within) break;
        if (c.selects[step - 1].matches(*e)) {
          steps.push_back(e);
          --step;
        }
      }
      if (step == 0) {
        std::reverse(steps.begin(), steps.end());
        m.ok = true;
        m.value = static_cast<double>(steps.back()->time - steps.front()->time);
        m.evidence = steps;
        m.last = steps.back()->time;
        return m;
      }
    }
    return m;
  }
};

}  // namespace

bool Select::matches(const Event& e) const {
  if (type >= 0 && static_cast<int>(e.type) != type) return false;
  if (item != Interner::kNone && e.item != item) return false;
  if (channel != Interner::kNone && e.channel != channel) return false;
  if (category != Interner::kNone && e.category != category) return false;
  if (sentiment_below && !(e.sentiment < *sentiment_below)) return false;
  if (amount_at_least && !(e.amount >= *amount_at_least)) return false;
  return true;
}

int64_t parse_duration(const json& v, const std::string& where) {
  if (!v.is_string()) bad(where, "a duration is a string like \"30m\", \"12h\", \"7d\", \"2w\"");
  const std::string s = v;
  size_t used = 0;
  long long n = 0;
  try {
    n = std::stoll(s, &used);
  } catch (...) {
    used = 0;
  }
  if (used == 0 || used + 1 != s.size() || n <= 0 || n > 100000)
    bad(where, "\"" + s + "\" is not a duration like \"30m\", \"12h\", \"7d\", \"2w\"");
  switch (s.back()) {
    case 's': return n;
    case 'm': return n * 60;
    case 'h': return n * 3600;
    case 'd': return n * 86400;
    case 'w': return n * 7 * 86400;
    default: bad(where, "\"" + s + "\": the unit must be s, m, h, d or w");
  }
}

RuleSet RuleSet::parse(const json& rules, Interner& strings) {
  if (!rules.is_array()) fail(KEFU_ERR_INVALID_DATA, "profile rules: must be an array of rules");
  RuleSet set;
  std::vector<std::string> errors;
  for (size_t i = 0; i < rules.size(); ++i) {
    const json& r = rules[i];
    std::string where = "rule " + std::to_string(i);
    try {
      // Problems read "rule 3 ("churn_risk"): when.any[0].within: …".
      if (!r.is_object() || !r.contains("tag") || !r["tag"].is_string() || r["tag"].get<std::string>().empty())
        bad(where, "needs a non-empty \"tag\"");
      where += " (\"" + r["tag"].get<std::string>() + "\")";
      for (const auto& item : r.items())
        if (item.key() != "tag" && item.key() != "when" && item.key() != "expires" && item.key() != "description")
          bad(where + "." + item.key(), "unknown key");
      if (!r.contains("when")) bad(where, "needs \"when\"");
      for (const auto& other : set.rules_)
        if (other.tag == r["tag"]) bad(where, "tag defined twice");
      Rule rule;
      rule.tag = r["tag"];
      rule.description = r.value("description", std::string());
      try {
        rule.when = parse_condition(r["when"], strings, "when");
        if (r.contains("expires")) rule.expires = parse_duration(r["expires"], "expires");
      } catch (const Error& e) {
        bad(where, e.what());
      }
      rule.types = types_of(*rule.when);
      set.rules_.push_back(std::move(rule));
    } catch (const Error& e) {
      errors.push_back(e.what());
    }
  }
  if (!errors.empty()) {
    std::string message = "profile rules have " + std::to_string(errors.size()) + " problem(s): ";
    for (size_t i = 0; i < errors.size(); ++i) message += (i ? "; " : "") + errors[i];
    fail(KEFU_ERR_INVALID_DATA, message);
  }
  return set;
}

std::vector<TagResult> RuleSet::evaluate(const std::vector<Event>& events, int64_t now, const Interner& strings,
                                         bool explain, uint32_t types) const {
  // Only what had happened by `now` counts.
  auto end = std::upper_bound(events.begin(), events.end(), now, [](int64_t t, const Event& e) { return t < e.time; });
  Evaluator ev{events.data(), events.data() + (end - events.begin()), now, strings, explain};
  std::vector<TagResult> out;
  for (const auto& rule : rules_) {
    if (!(rule.types & types)) continue;
    Match m = ev.run(*rule.when);
    if (!m.ok) continue;
    const int64_t set_at = m.last ? m.last : now;  // a bare "not" holds as of now
    TagResult t{rule.tag, m.value, m.strength, set_at, rule.expires ? set_at + rule.expires : 0, m.label, {}};
    if (t.expires_at && t.expires_at <= now) continue;
    for (const Event* e : m.evidence) t.evidence.push_back(e->seq);
    std::sort(t.evidence.begin(), t.evidence.end());
    t.evidence.erase(std::unique(t.evidence.begin(), t.evidence.end()), t.evidence.end());
    out.push_back(std::move(t));
  }
  return out;
}

}  // namespace kefu::profile
