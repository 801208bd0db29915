#include "dialogue/policy.h"

#include <algorithm>
#include <cstdlib>
#include <optional>

#include <re2/re2.h>

#include "core/error.h"
#include "dialogue/templates.h"
#include "dialogue/understand.h"

namespace kefu::dialogue {

using nlohmann::json;

namespace {

constexpr size_t kMaxForms = 4;         // interrupted forms kept to resume
constexpr size_t kMaxUnanswered = 20;
// Words said besides slot values (see words()) that still make a message
// "just an answer": "订单号是…", "it's order …"; more when the message
// answers the question asked or says it corrects ("订单号错了，是…").
constexpr size_t kSmallResidual = 4;
constexpr size_t kAnswerResidual = 6;
constexpr size_t kCorrectionResidual = 8;
// A knowledge-base answer needs this confidence, and must be about as sure
// as the intent it would override.
constexpr float kKbQuestion = 0.5f;
constexpr float kKbStatement = 0.75f;
constexpr float kKbOverIntent = 0.6f;
constexpr float kKbIntentMargin = 0.15f;

uint64_t mix(uint64_t x) {  // splitmix64
  x += 0x9e3779b97f4a7c15ULL;
  x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ULL;
  x = (x ^ (x >> 27)) * 0x94d049bb133111ebULL;
  return x ^ (x >> 31);
}

std::optional<double> number_of(const SlotValue& v) {
  const json& x = v.value;
  if (x.is_number()) return x.get<double>();
  if (x.is_object())
    for (const char* key : {"amount", "value"})
      if (x.contains(key) && x[key].is_number()) return x[key].get<double>();
  char* end = nullptr;
  double d = std::strtod(v.text.c_str(), &end);
  if (end != v.text.c_str() && *end == '\0') return d;
  return std::nullopt;
}

// The value as one string for pattern checks: a phone's digits, not "138 1234 5678".
std::string plain(const SlotValue& v) {
  const json& x = v.value;
  if (x.is_string()) return x.get<std::string>();
  if (x.is_object())
    for (const char* key : {"number", "value"})
      if (x.contains(key) && x[key].is_string()) return x[key].get<std::string>();
  return v.text;
}

// Whether `v` passes the slot's validation.
bool valid(const FormSlot& slot, const SlotValue& v) {
  const Validation& rule = slot.validate;
  const std::string shown = display(v);
  if (rule.pattern && !re2::RE2::FullMatch(plain(v), *rule.pattern))
    return false;
  if (!rule.values.empty() && std::find(rule.values.begin(), rule.values.end(), shown) == rule.values.end())
    return false;
  if (rule.min || rule.max) {
    auto x = number_of(v);
    if (!x || (rule.min && *x < *rule.min) || (rule.max && *x > *rule.max)) return false;
  }
  return true;
}

// Whether the slot is to be asked, given its "ask_if" condition.
bool wanted(const FormSlot& slot, const Form& form) {
  if (!slot.ask_if) return true;
  auto it = form.slots.find(slot.ask_if->slot);
  if (it == form.slots.end()) return false;
  const auto& eq = slot.ask_if->equals;
  return std::find(eq.begin(), eq.end(), display(it->second)) != eq.end();
}

class Turn {
 public:
  Turn(const model::Engine& engine, State& state, const TurnInput& in)
      : engine_(engine), config_(engine.dialogue()), s_(state), in_(in) {}

  json run() {
    if (!in_.channel.empty()) s_.channel = in_.channel;
    if (!in_.customer_id.empty()) s_.customer_id = in_.customer_id;
    ++s_.turns;
    u_.emplace(understand(engine_, config_, in_.text, in_.now));
    if (u_->cues.empty() && u_->cues.content_length() == 0) {
      silent();
    } else {
      s_.history.push_back({"customer", std::string(in_.text), u_->intent, ""});
      mood_before_ = s_.mood.running;
      verdict_ = sentiment::track(s_.mood, u_->mood, config_.sentiment);
      s_.mood_trend = verdict_.trend;
      if (s_.pending && in_.data.is_object()) fulfil_pending();
      s_.pending.reset();
      decide();
      if (action_ != "handoff" && !s_.closed && config_.handoff.on_escalate && escalates()) {
        reply_.clear();
        fulfill_ = nullptr;  // the person taking over gets the task in the summary instead
        s_.pending.reset();
        handoff("sentiment");
      }
      if (!u_->intent.empty()) s_.last_intent = u_->intent;
    }
    s_.history.push_back({"bot", reply_text(), "", action_});
    while (s_.history.size() > config_.max_history) s_.history.pop_front();
    return result();
  }

 private:
  // ---- decisions
  void decide() {
    if (config_.handoff.on_request && u_->cues.wants_human()) return handoff("request");
    if (!s_.clarify.empty() && resolve_clarify()) return;
    if (s_.active() && in_form()) return;
    idle();
  }

  // An empty message: a reply waiting on host data, or the current question again.
  void silent() {
    if (s_.pending && in_.data.is_object()) {
      fulfil_pending();
      s_.pending.reset();
      if (s_.active()) resume(false);
      return;
    }
    if (s_.active()) return next_step();
    action_ = "answer";
    say(pick(config_.response("greeting")));
  }

  // The sentiment tracker's verdict, except for a cue the dialogue serves
  // itself: asking for a person is decided by decide() ("人工客服几点上班"
  // is a question), and "我要投诉" reaches the complaint form when nothing
  // else in the message is negative.
  bool escalates() const {
    if (!verdict_.escalate) return false;
    using sentiment::Kind;
    bool complaint = false, other_negative = false;
    for (const auto& c : u_->mood.cues) {
      complaint = complaint || c.kind == Kind::kEscalation;
      other_negative = other_negative || (c.kind != Kind::kEscalation && c.kind != Kind::kHandoff && c.weight < 0);
    }
    // A score below the threshold only because of the cue itself is the cue.
    const bool cue_made_it_low = !other_negative && mood_before_ > config_.sentiment.escalate_below;
    for (const auto& reason : verdict_.reasons)
      if (reason != "escalation_cue" && !(reason == "below_threshold" && cue_made_it_low)) return true;
    if (!complaint) return false;  // only a request for a person
    const auto& served = config_.handoff.serve_despite_cues;
    return other_negative || std::find(served.begin(), served.end(), u_->intent) == served.end();
  }

  void idle() {
    const IntentPlan* plan = u_->intent.empty() ? nullptr : config_.find(u_->intent);
    const kb::Hit* hit = kb_answer();
    if (plan) {
      // "退货运费谁出？" reads as return_goods, but the customer asks a question;
      // "where's my package?" asks for the task.
      bool kb_first = hit && u_->cues.question() && hit->confidence >= kKbOverIntent &&
                      hit->confidence + kKbIntentMargin >= u_->confidence;
      s_.failures = 0;
      if (kb_first) return answer(*hit);
      if (plan->handoff && config_.handoff.on_request) return handoff("request");
      return start(*plan, *u_);
    }
    if (hit && hit->confidence >= (u_->cues.question() ? kKbQuestion : kKbStatement)) {
      s_.failures = 0;
      return answer(*hit);
    }
    fallback();
  }

  // Handles the message within the active form; false leaves it to idle().
  bool in_form() {
    Form& f = *s_.active();
    const IntentPlan& plan = *config_.find(f.intent);
    std::vector<Fill> fills = fills_for(engine_, *u_, plan, f.asking, &f);
    const std::u32string_view text = u_->norm.chars;
    size_t residual = words(text, 0, static_cast<uint32_t>(text.size()));
    bool answers_asked = false;
    for (const auto& fill : fills) {
      residual -= std::min(residual, words(text, fill.begin, fill.end));
      answers_asked = answers_asked || fill.slot == f.asking;
    }
    const bool yes_no = u_->cues.yes() || u_->cues.no();
    const IntentPlan* other_plan = u_->intent.empty() || u_->intent == f.intent || yes_no ||
                                           u_->confidence < config_.switch_confidence
                                       ? nullptr : config_.find(u_->intent);
    // "订单号是123456" answers (wrongly) the order number asked for, and
    // "订单号错了，是…" corrects one: neither starts an order query just
    // because that intent takes order numbers too.
    const bool correcting = u_->cues.correction() && !fills.empty() && residual <= kCorrectionResidual;
    const bool other = other_plan && !correcting && !(other_plan->slot(f.asking) && residual <= kAnswerResidual);
    const size_t allowed = u_->cues.correction() ? kCorrectionResidual
                           : answers_asked       ? kAnswerResidual
                                                 : kSmallResidual;
    const bool values = !fills.empty() && (!other || residual <= allowed);

    if (f.confirming && !values) {
      // "是的", or the request said again ("取消吧" to "确认取消订单吗？").
      const bool restated = u_->intent == f.intent && !u_->cues.no() && !u_->cues.firm_cancel() && !u_->cues.question();
      if (u_->cues.yes() || restated) return s_.failures = 0, complete(), true;
      if (u_->cues.cancel()) return cancel(), true;
      if (u_->cues.no()) {
        if (plan.deny_cancels) return cancel(), true;
        f.confirming = false;
        action_ = "ask";
        say(pick(config_.response("ask_change")));
        return true;
      }
    }
    if (!f.confirming && !values && u_->cues.cancel()) return cancel(), true;
    const FormSlot* asked = plan.slot(f.asking);
    // The asked free-text slot takes the whole answer, values in it included
    // ("the box was soaked, order 2026…" is the complaint's detail).
    const bool free_answer = asked && asked->entity.empty() && !f.confirming && !other && !u_->cues.cancel() &&
                             residual > 0 && !u_->cues.question();
    if (values || free_answer) {
      if (!apply(f, plan, fills)) return true;
      if (free_answer && !take_whole_answer(f, *asked)) return true;
      s_.failures = 0;
      next_step();
      return true;
    }
    if (other) return false;  // idle() starts it; this form waits underneath
    const kb::Hit* hit = u_->cues.question() ? kb_answer() : nullptr;
    if (hit) {
      answer(*hit);
      return true;
    }
    if (asked && asked->entity.empty() && !f.confirming) {
      if (!take_whole_answer(f, *asked)) return true;
      s_.failures = 0;
      next_step();
      return true;
    }
    if (u_->intent == f.intent || u_->cues.yes()) {  // "我要退货" again, "好的": ask again
      next_step();
      return true;
    }
    if (fail_turn()) return true;
    if (f.confirming) {
      action_ = "confirm";
      say(pick(config_.response("confirm_again")));
    } else if (asked) {
      reject(*asked);
    } else {
      next_step();
    }
    return true;
  }

  // "您是想…还是…" answered: the first, the second, by name, or not at all (false).
  bool resolve_clarify() {
    std::vector<std::string> options = std::move(s_.clarify);
    std::string original = std::move(s_.clarify_text);
    s_.clarify.clear();
    int k = u_->cues.choice();
    for (int i = 0; i < static_cast<int>(options.size()) && k < 0; ++i) {
      const IntentPlan* p = config_.find(options[i]);
      std::u32string title = engine_.normalize(p->title).chars;
      if (!title.empty() && u_->norm.chars.find(title) != std::u32string::npos) k = i;
    }
    for (int i = 0; i < static_cast<int>(options.size()) && k < 0; ++i)
      if (u_->intent == options[i]) k = i;
    if (k < 0) return false;
    s_.failures = 0;
    Understanding first = understand(engine_, config_, original, in_.now);
    start(*config_.find(options[k]), first);
    return true;
  }

  // ---- forms
  void start(const IntentPlan& plan, const Understanding& from) {
    if (plan.end) {
      action_ = "done";
      say(plan.reply.empty() ? pick(config_.response("goodbye")) : pick(plan.reply));
      return close("goodbye");
    }
    if (plan.handoff) return handoff("request");
    if (!plan.is_form()) {
      action_ = "answer";
      Form values;  // shown to the host ("product": "Kindle Paperwhite"), not kept
      values.intent = plan.name;
      for (auto& fill : fills_for(engine_, from, plan, "", nullptr)) set(values, fill.slot, std::move(fill.value));
      if (!values.slots.empty()) shown_ = std::move(values);
      if (!plan.reply.empty()) say(pick(plan.reply));
      else if (const kb::Hit* hit = kb_answer()) return answer(*hit);
      if (s_.active()) resume(true);
      return;
    }
    // The same task again replaces the unfinished one.
    s_.forms.erase(std::remove_if(s_.forms.begin(), s_.forms.end(),
                                  [&](const Form& f) { return f.intent == plan.name; }),
                   s_.forms.end());
    if (s_.forms.size() >= kMaxForms) s_.forms.erase(s_.forms.begin());
    Form form;
    form.intent = plan.name;
    carry_over(form, plan);
    s_.forms.push_back(std::move(form));
    if (!apply(*s_.active(), plan, fills_for(engine_, from, plan, "", s_.active()))) return;
    next_step();
  }

  // Stores the values; a rejected one is said and re-asked (false).
  bool apply(Form& f, const IntentPlan& plan, const std::vector<Fill>& fills) {
    const FormSlot* rejected = nullptr;
    for (const auto& fill : fills) {
      const FormSlot& slot = *plan.slot(fill.slot);
      if (valid(slot, fill.value)) set(f, fill.slot, fill.value);
      else if (!rejected) rejected = &slot;
    }
    if (!rejected) return true;
    f.confirming = false;
    if (!fail_turn()) reject(*rejected);
    return false;
  }

  // The message as the value of a free-text slot; a rejected one is said and
  // re-asked (false).
  bool take_whole_answer(Form& f, const FormSlot& slot) {
    std::string text(in_.text);
    SlotValue v{text, text, "text"};
    if (!valid(slot, v)) return reject(slot), false;
    set(f, slot.name, std::move(v));
    return true;
  }

  // Fills empty slots with values the customer gave earlier in the conversation.
  void carry_over(Form& form, const IntentPlan& plan) {
    for (const auto& slot : plan.slots) {
      auto it = s_.memory.find(slot.name);
      if (slot.carry_over && !form.slots.count(slot.name) && it != s_.memory.end() && valid(slot, it->second)) {
        SlotValue v = it->second;
        v.source = "context";
        set(form, slot.name, std::move(v));
      }
    }
  }

  void set(Form& f, const std::string& slot, SlotValue v) {
    f.slots[slot] = std::move(v);
    f.filled_order.erase(std::remove(f.filled_order.begin(), f.filled_order.end(), slot), f.filled_order.end());
    f.filled_order.push_back(slot);
  }

  // Asks the next missing slot, confirms, or completes the active form.
  void next_step() {
    Form& f = *s_.active();
    const IntentPlan& plan = *config_.find(f.intent);
    for (const auto& slot : plan.slots) {
      if (!slot.required || f.slots.count(slot.name) || !wanted(slot, f)) continue;
      f.asking = slot.name;
      f.confirming = false;
      action_ = "ask";
      say(render(pick(slot.prompts), slot_lookup(f.slots)));
      return;
    }
    f.asking.clear();
    if (!plan.confirm.empty()) {
      f.confirming = true;
      action_ = "confirm";
      say(render(pick(plan.confirm), slot_lookup(f.slots)));
      return;
    }
    complete();
  }

  void complete() {
    Form f = std::move(s_.forms.back());
    s_.forms.pop_back();
    const IntentPlan& plan = *config_.find(f.intent);
    for (const auto& [name, v] : f.slots)
      if (plan.slot(name)->carry_over) s_.memory[name] = v;
    shown_ = f;
    action_ = "done";
    fulfill_ = {{"action", plan.action.empty() ? plan.name : plan.action},
                {"intent", plan.name},
                {"slots", slots_json(f.slots)},
                {"awaiting_data", false}};
    std::string tmpl = plan.done.empty() ? pick(config_.response("done")) : pick(plan.done);
    bool needs_data = false;
    for (const auto& name : placeholders(tmpl))
      if (name.rfind("data.", 0) == 0 && !(in_.data.is_object() && in_.data.contains(name.substr(5))))
        needs_data = true;
    if (needs_data) {  // the interrupted form resumes after the host's data
      s_.pending = Pending{plan.name, fulfill_["action"], tmpl, f.slots, ""};
      fulfill_["awaiting_data"] = true;
      return;
    }
    say(render(tmpl, lookup(plan, f.slots, in_.data)));
    if (s_.active()) resume(false);
  }

  void cancel() {
    Form f = std::move(s_.forms.back());
    s_.forms.pop_back();
    const IntentPlan& plan = *config_.find(f.intent);
    s_.failures = 0;
    action_ = "answer";
    cancelled_ = plan.name;
    say(render(plan.cancelled.empty() ? pick(config_.response("cancelled")) : pick(plan.cancelled),
               lookup(plan, f.slots, nullptr)));
    if (s_.active()) resume(false);
    else say(pick(config_.response("anything_else")));
  }

  // Goes back to the interrupted form, taking values given meanwhile; the
  // turn's action stays unless `ask`.
  void resume(bool ask) {
    const IntentPlan& plan = *config_.find(s_.active()->intent);
    carry_over(*s_.active(), plan);
    say(render(pick(config_.response("resume")), [&](std::string_view n) -> std::optional<std::string> {
      if (n == "title") return plan.title;
      return std::nullopt;
    }));
    std::string keep = action_;
    next_step();
    if (!ask && !keep.empty()) action_ = keep;
  }

  void fulfil_pending() {
    const Pending& p = *s_.pending;
    const IntentPlan& plan = *config_.find(p.intent);
    action_ = "answer";
    say(render(p.tmpl, lookup(plan, p.slots, in_.data)));
  }

  void reject(const FormSlot& slot) {
    action_ = "ask";
    say(slot.validate.message.empty() ? pick(config_.response("invalid")) : slot.validate.message);
    s_.active()->asking = slot.name;
    say(render(pick(slot.prompts), slot_lookup(s_.active()->slots)));
  }

  // ---- failures, answers, handoff
  // Counts a failed turn; true when it was one too many and the turn hands off.
  bool fail_turn() {
    ++s_.failures;
    if (s_.failures <= config_.handoff.max_failed_turns) return false;
    reply_.clear();
    handoff("failed_turns");
    return true;
  }

  void fallback() {
    if (u_->cues.question() || u_->prediction.out_of_scope) {
      s_.unanswered.emplace_back(in_.text);
      if (s_.unanswered.size() > kMaxUnanswered) s_.unanswered.erase(s_.unanswered.begin());
      if (config_.handoff.on_no_answer && u_->cues.question()) return handoff("no_answer");
    }
    if (fail_turn()) return;
    action_ = "fallback";
    auto cands = u_->candidates(engine_);
    std::vector<const IntentPlan*> options;
    for (const auto& [name, p] : cands) {
      const IntentPlan* plan = config_.find(name);
      if (plan && !plan->handoff && !plan->end && p >= 0.1f && options.size() < 2) options.push_back(plan);
    }
    if (s_.failures == 1 && options.size() == 2 && cands[0].second + cands[1].second >= 0.35f) {
      s_.clarify = {options[0]->name, options[1]->name};
      s_.clarify_text = std::string(in_.text);
      fallback_ = {{"stage", 1},
                   {"options", json::array({{{"intent", options[0]->name}, {"title", options[0]->title}},
                                            {{"intent", options[1]->name}, {"title", options[1]->title}}})}};
      say(render(pick(config_.response("clarify")), [&](std::string_view n) -> std::optional<std::string> {
        if (n == "option1") return options[0]->title;
        if (n == "option2") return options[1]->title;
        return std::nullopt;
      }));
      return;
    }
    fallback_ = {{"stage", 2}, {"options", json::array()}};
    say(pick(config_.response("rephrase")));
  }

  const kb::Hit* kb_answer() {
    if (!searched_) {
      searched_ = true;
      const auto& kb = engine_.knowledge_base();
      if (kb) {
        kb::SearchOptions options;
        options.top_k = 1;
        kb::SearchResult r = kb->search(in_.text, options);
        if (r.answered && !r.hits.empty()) hit_ = std::move(r.hits.front());
      }
    }
    return hit_ ? &*hit_ : nullptr;
  }

  void answer(const kb::Hit& hit) {
    action_ = "answer";
    kb_hit_ = hit;
    say(hit.answer);
    if (s_.active()) resume(false);
  }

  void handoff(const std::string& reason) {
    action_ = "handoff";
    handoff_reason_ = reason;
    if (const Form* f = s_.active()) shown_ = *f;
    say(pick(config_.response("handoff")));
    close("handoff: " + reason);
  }

  void close(const std::string& why) {
    s_.closed = true;
    s_.closed_reason = why;
  }

  // ---- text
  std::string pick(const Variants& v) {
    if (v.empty()) return {};
    uint64_t n = s_.variants_used++;
    return v[config_.random_variants ? mix(config_.seed ^ (n * 0x9e3779b97f4a7c15ULL)) % v.size() : n % v.size()];
  }

  void say(std::string text) {
    if (text.empty()) return;
    // Sentences run together without a stop between them: add one.
    if (!reply_.empty() && !ends_sentence(reply_.back())) reply_.back() += config_.language == "zh" ? "。" : ".";
    reply_.push_back(std::move(text));
  }

  static bool ends_sentence(const std::string& s) {
    for (std::string_view end : {".", "!", "?", "。", "！", "？", "…", "~", "～", ")", "）"})
      if (s.size() >= end.size() && s.compare(s.size() - end.size(), end.size(), end) == 0) return true;
    return false;
  }

  std::string reply_text() const {
    std::string out;
    const char* sep = config_.language == "zh" ? "" : " ";
    for (const auto& r : reply_) out += (out.empty() ? "" : sep) + r;
    return out;
  }

  static Lookup slot_lookup(const std::map<std::string, SlotValue>& slots) {
    return [&slots](std::string_view name) -> std::optional<std::string> {
      auto it = slots.find(std::string(name));
      if (it == slots.end()) return std::nullopt;
      return display(it->second);
    };
  }

  static Lookup lookup(const IntentPlan& plan, const std::map<std::string, SlotValue>& slots, const json& data) {
    return [&plan, &slots, &data](std::string_view name) -> std::optional<std::string> {
      if (name == "title") return plan.title;
      if (name.rfind("data.", 0) == 0 && data.is_object()) {
        auto it = data.find(std::string(name.substr(5)));
        if (it == data.end()) return std::nullopt;
        return it->is_string() ? it->get<std::string>() : it->dump();
      }
      return slot_lookup(slots)(name);
    };
  }

  static json slots_json(const std::map<std::string, SlotValue>& slots) {
    json out = json::object();
    for (const auto& [name, v] : slots) {
      out[name] = slot_json(v);
      out[name]["display"] = display(v);
    }
    return out;
  }

  // ---- result
  json result() {
    json r;
    r["turn"] = s_.turns;
    r["action"] = action_.empty() ? "answer" : action_;
    std::string text = reply_text();
    r["reply"] = text.empty() ? json(nullptr) : json(text);
    r["intent"] = u_ && !u_->intent.empty() ? json{{"name", u_->intent}, {"confidence", u_->confidence}} : json(nullptr);
    const Form* f = s_.active();
    if (f && !shown_) shown_ = *f;
    if (f) {
      const IntentPlan& plan = *config_.find(f->intent);
      r["form"] = {{"intent", f->intent}, {"title", plan.title}, {"asking", f->asking.empty() ? json(nullptr) : json(f->asking)},
                   {"confirming", f->confirming}};
    } else {
      r["form"] = nullptr;
    }
    r["slots"] = shown_ ? slots_json(shown_->slots) : json::object();
    json missing = json::array();
    if (f)
      for (const auto& slot : config_.find(f->intent)->slots)
        if (slot.required && !f->slots.count(slot.name) && wanted(slot, *f)) missing.push_back(slot.name);
    r["missing"] = std::move(missing);
    r["kb"] = kb_hit_ ? json{{"id", kb_hit_->id}, {"question", kb_hit_->question},
                             {"matched_question", kb_hit_->matched_question}, {"answer", kb_hit_->answer},
                             {"score", kb_hit_->score}, {"confidence", kb_hit_->confidence}}
                      : json(nullptr);
    r["fulfill"] = fulfill_;
    r["fallback"] = fallback_;
    r["cancelled"] = cancelled_.empty() ? json(nullptr) : json(cancelled_);
    r["sentiment"] = u_ && !u_->cues.empty()
                         ? json{{"score", u_->mood.score}, {"label", sentiment::label_name(u_->mood.label)},
                                {"running", s_.mood.running}, {"trend", s_.mood_trend},
                                {"escalate", verdict_.escalate}, {"reasons", verdict_.reasons}}
                         : json(nullptr);
    r["handoff"] = handoff_reason_.empty() ? json(nullptr) : handoff_payload();
    r["closed"] = s_.closed;
    return r;
  }

  json handoff_payload() const {
    json transcript = json::array();
    for (const auto& l : s_.history) {
      json line = {{"role", l.role}, {"text", l.text}};
      if (!l.intent.empty()) line["intent"] = l.intent;
      if (!l.action.empty()) line["action"] = l.action;
      transcript.push_back(std::move(line));
    }
    std::string intent = shown_ ? shown_->intent : s_.last_intent;
    return {{"reason", handoff_reason_},
            {"summary", {{"intent", intent.empty() ? json(nullptr) : json(intent)},
                         {"slots", shown_ ? slots_json(shown_->slots) : json::object()},
                         {"sentiment", {{"running", s_.mood.running}, {"trend", s_.mood_trend}}},
                         {"unanswered", s_.unanswered},
                         {"channel", s_.channel},
                         {"customer_id", s_.customer_id},
                         {"turns", s_.turns}}},
            {"transcript", std::move(transcript)}};
  }

  const model::Engine& engine_;
  const Config& config_;
  State& s_;
  const TurnInput& in_;
  std::optional<Understanding> u_;
  sentiment::Verdict verdict_;
  float mood_before_ = 0;
  std::string action_;
  std::vector<std::string> reply_;
  bool searched_ = false;
  std::optional<kb::Hit> hit_, kb_hit_;
  std::optional<Form> shown_;
  json fulfill_ = nullptr, fallback_ = nullptr;
  std::string cancelled_, handoff_reason_;
};

}  // namespace

json run_turn(const model::Engine& engine, State& state, const TurnInput& input) {
  if (state.closed)
    fail(KEFU_ERR_STATE, "session is closed (" + state.closed_reason + " at turn " + std::to_string(state.turns) +
                             "); start a new session");
  State work = state;  // the caller's state stays as it was if anything throws
  json result = Turn(engine, work, input).run();
  state = std::move(work);
  return result;
}

}  // namespace kefu::dialogue
