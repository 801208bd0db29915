// C entry points of sentiment scoring.
#include <cmath>

#include <nlohmann/json.hpp>

#include "capi/boundary.h"
#include "capi/json_util.h"
#include "capi/json_writer.h"
#include "capi/sentiment_json.h"
#include "core/limits.h"
#include "core/options.h"
#include "sentiment/scorer.h"
#include "sentiment/tracker.h"
#include "text/utf8.h"

struct kefu_sentiment_model {
  kefu::sentiment::Lexicon lexicon;
};

using namespace kefu;

namespace {

const sentiment::Lexicon& lexicon_of(const kefu_sentiment_model* model) {
  return model ? model->lexicon : sentiment::Lexicon::defaults();
}


sentiment::TrackerState state_from_json(std::string_view text) {
  sentiment::TrackerState s;
  if (text.empty()) return s;
  nlohmann::json j = nlohmann::json::parse(text, nullptr, false);
  auto bad = [] { fail(KEFU_ERR_INVALID_DATA, "sentiment state: not a state written by kefu_sentiment_track"); };
  if (!j.is_object() || j.value("v", 0) != 1) bad();
  try {
    s.running = j.at("running").get<float>();
    s.turns = j.at("turns").get<uint32_t>();
    s.negative_streak = j.at("negative_streak").get<uint32_t>();
    s.recent = j.at("recent").get<std::vector<float>>();
  } catch (const nlohmann::json::exception&) {
    bad();
  }
  if (s.recent.size() > 5 || !std::isfinite(s.running) || s.running < -1 || s.running > 1) bad();
  for (float x : s.recent)
    if (!std::isfinite(x) || x < -1 || x > 1) bad();
  return s;
}

}  // namespace

extern "C" {

KEFU_API kefu_status kefu_sentiment_model_new(const char* lexicon_tsv, size_t len,
                                              const char* options_json,
                                              kefu_sentiment_model** out) {
  if (out) *out = nullptr;
  return capi::guarded([&] {
    capi::require(out, "out");
    Options o(options_json, {"replace_defaults"}, "sentiment options");
    auto model = std::make_unique<kefu_sentiment_model>();
    if (!o.get_bool("replace_defaults", false)) model->lexicon = sentiment::Lexicon::defaults();
    if (lexicon_tsv) {
      std::string_view text = text::checked_view(lexicon_tsv, len);
      limits::check_size(len, limits::kLexiconBytes, "lexicon");
      text::decode_utf8(text, SIZE_MAX);  // names the offset of bad UTF-8
      model->lexicon.add_tsv(text, "lexicon");
    }
    *out = model.release();
  });
}

KEFU_API void kefu_sentiment_model_free(kefu_sentiment_model* model) { delete model; }

KEFU_API kefu_status kefu_sentiment(const kefu_sentiment_model* model, const char* text,
                                    size_t len, const char* options_json, char** out_json) {
  if (out_json) *out_json = nullptr;
  return capi::guarded([&] {
    capi::require(out_json, "out_json");
    Options o(options_json, {"max_text_bytes"}, "sentiment options");
    std::string_view original = text::checked_view(text, len);
    text::Normalized n = capi::normalize_input(text, len, capi::max_text_bytes(o));
    sentiment::Result r = sentiment::score(lexicon_of(model), n.chars);
    capi::JsonWriter w;
    w.begin_object();
    w.key("score").number(r.score).key("label").string(sentiment::label_name(r.label));
    w.key("confidence").number(r.confidence).key("emotions").begin_object();
    for (int e = 0; e < sentiment::kEmotions; ++e) w.key(sentiment::kEmotionNames[e]).number(r.emotions[e]);
    w.end_object().key("escalation").boolean(r.escalation).key("cues").begin_array();
    for (const sentiment::Cue& c : r.cues) {
      capi::OriginalSpan span = capi::original_span(n, original, c.begin, c.end);
      w.begin_object().key("text").string(span.text);
      capi::write_offsets(w, span);
      w.key("weight").number(c.weight);
      w.key("kind").string(c.kind == sentiment::Kind::kEscalation ? "escalation"
                           : c.kind == sentiment::Kind::kHandoff  ? "handoff"
                                                                  : "valence");
      w.key("emotion");
      if (c.emotion >= 0) {
        w.string(sentiment::kEmotionNames[c.emotion]);
      } else {
        w.null();
      }
      w.end_object();
    }
    w.end_array().end_object();
    *out_json = capi::to_c_string(w.str());
  });
}

KEFU_API kefu_status kefu_sentiment_track(const kefu_sentiment_model* model,
                                          const char* state_json, size_t state_len,
                                          const char* text, size_t len,
                                          const char* options_json, char** out_json) {
  if (out_json) *out_json = nullptr;
  return capi::guarded([&] {
    capi::require(out_json, "out_json");
    Options o(options_json,
              {"decay", "escalate_below", "sharp_drop", "anger", "negative_turns", "max_text_bytes"},
              "sentiment tracking options");
    sentiment::TrackerOptions t;
    t.decay = static_cast<float>(o.get_double("decay", t.decay, 0, 1));
    t.escalate_below = static_cast<float>(o.get_double("escalate_below", t.escalate_below, -1, 1));
    t.sharp_drop = static_cast<float>(o.get_double("sharp_drop", t.sharp_drop, 0, 2));
    t.anger = static_cast<float>(o.get_double("anger", t.anger, 0, 1));
    t.negative_turns = static_cast<uint32_t>(o.get_int("negative_turns", t.negative_turns, 0, 1000));
    sentiment::TrackerState state = state_from_json(
        state_json ? text::checked_view(state_json, state_len) : std::string_view());
    text::Normalized n = capi::normalize_input(text, len, capi::max_text_bytes(o));
    sentiment::Result r = sentiment::score(lexicon_of(model), n.chars);
    sentiment::Verdict v = sentiment::track(state, r, t);
    capi::JsonWriter w;
    w.begin_object().key("message");
    capi::write_sentiment_summary(w, r);
    w.key("running").number(v.running).key("trend").number(v.trend);
    w.key("turns").integer(state.turns).key("negative_streak").integer(state.negative_streak);
    w.key("escalate").boolean(v.escalate).key("reasons").begin_array();
    for (const auto& reason : v.reasons) w.string(reason);
    w.end_array().key("state").begin_object();
    w.key("v").integer(1).key("running").number(state.running).key("turns").integer(state.turns);
    w.key("negative_streak").integer(state.negative_streak).key("recent").begin_array();
    for (float x : state.recent) w.number(x);
    w.end_array().end_object().end_object();
    *out_json = capi::to_c_string(w.str());
  });
}

KEFU_API kefu_status kefu_sentiment_fast(const kefu_sentiment_model* model, const char* text,
                                         size_t len, kefu_sentiment_score* out) {
  return capi::guarded([&] {
    capi::require(out, "out");
    if (out->struct_size < sizeof(uint32_t) + sizeof(float))
      fail(KEFU_ERR_INVALID_ARGUMENT, "out->struct_size must be set to sizeof(kefu_sentiment_score)");
    text::Normalized n = capi::normalize_input(text, len, 64 * 1024);
    sentiment::Result r = sentiment::score(lexicon_of(model), n.chars);
    kefu_sentiment_score s;
    s.struct_size = sizeof s;
    s.score = r.score;
    s.label = r.label == sentiment::Label::kNegative ? -1 : r.label == sentiment::Label::kPositive ? 1 : 0;
    s.confidence = r.confidence;
    for (int e = 0; e < sentiment::kEmotions; ++e) s.emotions[e] = r.emotions[e];
    s.escalation = r.escalation ? 1 : 0;
    // Copy only what the caller's (possibly older, smaller) struct has room for.
    uint32_t size = std::min<uint32_t>(out->struct_size, sizeof s);
    std::memcpy(reinterpret_cast<char*>(out) + sizeof(uint32_t), reinterpret_cast<const char*>(&s) + sizeof(uint32_t),
                size - sizeof(uint32_t));
  });
}

}  // extern "C"
