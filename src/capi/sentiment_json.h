// The compact sentiment object shared by kefu_parse and kefu_sentiment_track.
#pragma once

#include "capi/json_writer.h"
#include "sentiment/scorer.h"

namespace kefu::capi {

// {"score", "label", "confidence", "emotions": {...}, "escalation"}
inline void write_sentiment_summary(JsonWriter& w, const sentiment::Result& r) {
  w.begin_object();
  w.key("score").number(r.score).key("label").string(sentiment::label_name(r.label));
  w.key("confidence").number(r.confidence).key("emotions").begin_object();
  for (int e = 0; e < sentiment::kEmotions; ++e) w.key(sentiment::kEmotionNames[e]).number(r.emotions[e]);
  w.end_object().key("escalation").boolean(r.escalation).end_object();
}

}  // namespace kefu::capi
