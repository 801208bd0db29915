#include "sentiment/tracker.h"

namespace kefu::sentiment {

namespace {
constexpr size_t kRecent = 5;

float slope(const std::vector<float>& y) {
  const size_t n = y.size();
  if (n < 2) return 0;
  float mean_x = static_cast<float>(n - 1) / 2, mean_y = 0;
  for (float v : y) mean_y += v;
  mean_y /= static_cast<float>(n);
  float num = 0, den = 0;
  for (size_t i = 0; i < n; ++i) {
    float dx = static_cast<float>(i) - mean_x;
    num += dx * (y[i] - mean_y);
    den += dx * dx;
  }
  return num / den;
}
}  // namespace

Verdict track(TrackerState& state, const Result& message, const TrackerOptions& o) {
  const float before = state.running;
  state.running = state.turns == 0 ? message.score : o.decay * state.running + (1 - o.decay) * message.score;
  ++state.turns;
  state.negative_streak = message.label == Label::kNegative ? state.negative_streak + 1 : 0;
  state.recent.push_back(message.score);
  if (state.recent.size() > kRecent) state.recent.erase(state.recent.begin());

  Verdict v;
  v.running = state.running;
  v.trend = slope(state.recent);
  auto reason = [&](bool fired, const char* name) {
    if (fired) v.reasons.emplace_back(name);
  };
  reason(message.escalation, "escalation_cue");
  reason(message.emotions[0] >= o.anger, "anger");
  reason(state.turns > 1 && before - message.score >= o.sharp_drop, "sharp_drop");
  reason(o.negative_turns > 0 && state.negative_streak >= o.negative_turns, "negative_streak");
  reason(state.running <= o.escalate_below, "below_threshold");
  v.escalate = !v.reasons.empty();
  return v;
}

}  // namespace kefu::sentiment
