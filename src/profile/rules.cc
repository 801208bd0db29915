#include "profile/rules.h"

#include <algorithm>
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

struct Evaluator {
  const std::vector<Event>& events;  // sorted by time, all ≤ now
  int64_t now;
  const Interner& strings;

  bool in_window(const Event& e, int64_t within) const { return within <= 0 || e.time > now - within; }

  std::vector<const Event*> selected(const Select& s, int64_t within) const {
    std::vector<const Event*> out;
    for (const auto& e : events)
      if (in_window(e, within) && s.matches(e)) out.push_back(&e);
    return out;
  }

  // at_least / at_most against `value`; strength relative to the bound.
  static void compare(const Condition& c, double value, Match& m) {
    m.value = value;
    m.ok = (!c.at_least || value >= *c.at_least) && (!c.at_most || value <= *c.at_most);
    m.strength = c.at_least && *c.at_least > 0 ? value / *c.at_least : 1;
  }

  static void evidence(Match& m, const std::vector<const Event*>& from) {
    size_t start = from.size() > kMaxEvidence ? from.size() - kMaxEvidence : 0;
    m.evidence.assign(from.begin() + static_cast<ptrdiff_t>(start), from.end());
    if (!from.empty()) m.last = from.back()->time;
  }

  Match run(const Condition& c) const {
    using K = Condition::Kind;
    Match m;
    switch (c.kind) {
      case K::kCount: {
        auto hits = selected(c.selects[0], c.within);
        Condition bounds;
        bounds.at_least = c.at_least ? c.at_least : 1.0;
        bounds.at_most = c.at_most;
        compare(bounds, static_cast<double>(hits.size()), m);
        evidence(m, hits);
        break;
      }
      case K::kSum:
      case K::kAvg: {
        auto hits = selected(c.selects[0], c.within);
        double sum = 0;
        for (const Event* e : hits) sum += e->amount;
        if (c.kind == K::kAvg && hits.empty()) break;
        compare(c, c.kind == K::kSum ? sum : sum / static_cast<double>(hits.size()), m);
        evidence(m, hits);
        break;
      }
      case K::kRecency:
      case K::kFirst: {
        auto hits = selected(c.selects[0], 0);
        if (hits.empty()) break;
        const Event* e = c.kind == K::kRecency ? hits.back() : hits.front();
        int64_t age = now - e->time;
        m.value = static_cast<double>(age) / 86400.0;
        m.ok = (c.more_than < 0 || age > c.more_than) && (c.less_than < 0 || age < c.less_than);
        m.evidence = {e};
        m.last = e->time;
        break;
      }
      case K::kSequence: return sequence(c);
      case K::kRatio: {
        auto of = selected(c.selects[0], c.within), to = selected(c.selects[1], c.within);
        if (to.empty()) break;
        compare(c, static_cast<double>(of.size()) / static_cast<double>(to.size()), m);
        evidence(m, of);
        break;
      }
      case K::kDecayed: {
        auto hits = selected(c.selects[0], c.within);
        double score = 0;
        for (const Event* e : hits) score += std::exp2(-static_cast<double>(now - e->time) / static_cast<double>(c.half_life));
        compare(c, score, m);
        evidence(m, hits);
        break;
      }
      case K::kRepeat: {
        std::map<uint32_t, std::vector<const Event*>> by_item;
        for (const Event* e : selected(c.selects[0], c.within)) by_item[e->item].push_back(e);
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
      case K::kAll:
      case K::kAny: {
        bool all = c.kind == K::kAll;
        m.ok = all;
        m.strength = all ? 1e300 : 0;
        for (const auto& part : c.parts) {
          Match p = run(*part);
          if (p.ok == !all) {  // decides: a failed part of all, a passing part of any
            if (!all) return p;
            return Match{};
          }
          m.strength = std::min(m.strength, p.strength);
          m.value = p.value;
          m.last = std::max(m.last, p.last);
          if (m.label.empty()) m.label = p.label;
          m.evidence.insert(m.evidence.end(), p.evidence.begin(), p.evidence.end());
        }
        if (!all) return Match{};
        break;
      }
      case K::kNot: {
        m.ok = !run(*c.parts[0]).ok;
        m.last = now;
        break;
      }
    }
    return m;
  }

  // The latest ordered occurrence of the steps within the span.
  Match sequence(const Condition& c) const {
    Match m;
    const size_t k = c.selects.size();
    for (size_t end = events.size(); end-- > 0;) {
      if (!c.selects[k - 1].matches(events[end])) continue;
      std::vector<const Event*> steps = {&events[end]};
      size_t step = k - 1;
      for (size_t i = end; i-- > 0 && step > 0;) {
        if (events[end].time - events[i].time > c.within) break;
        if (c.selects[step - 1].matches(events[i])) {
          steps.push_back(&events[i]);
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

std::vector<TagResult> RuleSet::evaluate(const std::vector<Event>& events, int64_t now, const Interner& strings) const {
  // Only what had happened by `now` counts.
  auto end = std::upper_bound(events.begin(), events.end(), now, [](int64_t t, const Event& e) { return t < e.time; });
  std::vector<Event> past(events.begin(), end);
  Evaluator ev{past, now, strings};
  std::vector<TagResult> out;
  for (const auto& rule : rules_) {
    Match m = ev.run(*rule.when);
    if (!m.ok) continue;
    TagResult t{rule.tag, m.value, m.strength, m.last, rule.expires ? m.last + rule.expires : 0, m.label, {}};
    if (t.expires_at && t.expires_at <= now) continue;
    for (const Event* e : m.evidence) t.evidence.push_back(e->seq);
    std::sort(t.evidence.begin(), t.evidence.end());
    t.evidence.erase(std::unique(t.evidence.begin(), t.evidence.end()), t.evidence.end());
    out.push_back(std::move(t));
  }
  return out;
}

}  // namespace kefu::profile
