// Customer text through every per-text call: parse, classify, entities,
// masking, normalization, segmentation, sentiment, knowledge-base search and a
// session turn. Invalid UTF-8 must be refused as such.
#include "fuzz_common.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const kefu_engine* engine = fuzz::shop_engine();
  const char* text = reinterpret_cast<const char*>(data);
  char* out = nullptr;

  kefu_status st = kefu_parse(engine, text, size, R"({"reference_time": "2026-11-23T10:00:00+08:00"})", &out);
  bool valid_utf8 = st != KEFU_ERR_INVALID_UTF8;
  if (fuzz::ok(st, "parse")) fuzz::json_result(out, "parse");

  kefu_intent_score scores[3];
  size_t count = 0;
  int oos = 0;
  st = kefu_classify(engine, text, size, scores, 3, &count, &oos);
  if (fuzz::ok(st, "classify") != valid_utf8 || count > 3) fuzz::die("classify disagrees with parse", st);

  if (fuzz::ok(kefu_entities(text, size, R"({"reference_time": 1795000000})", &out), "entities"))
    fuzz::json_result(out, "entities");
  if (fuzz::ok(kefu_mask_pii(text, size, nullptr, &out), "mask_pii")) fuzz::json_result(out, "mask_pii");
  if (fuzz::ok(kefu_normalize(text, size, nullptr, &out), "normalize")) fuzz::json_result(out, "normalize");
  if (fuzz::ok(kefu_sentiment(nullptr, text, size, nullptr, &out), "sentiment")) fuzz::json_result(out, "sentiment");
  kefu_sentiment_score score{};
  score.struct_size = sizeof score;
  fuzz::ok(kefu_sentiment_fast(nullptr, text, size, &score), "sentiment_fast");
  if (fuzz::ok(kefu_kb_search(kefu_engine_kb(engine), text, size, nullptr, &out), "kb_search"))
    fuzz::json_result(out, "kb_search");

  static kefu_segmenter* segmenter = [] {
    kefu_segmenter* s = nullptr;
    kefu_segmenter_new(nullptr, &s);
    return s;
  }();
  if (fuzz::ok(kefu_segment(segmenter, text, size, &out), "segment")) fuzz::json_result(out, "segment");

  kefu_session* session = nullptr;
  if (!fuzz::ok(kefu_session_new(engine, nullptr, 0, &session), "session_new")) fuzz::die("session_new", KEFU_OK);
  for (int turn = 0; turn < 2; ++turn)  // twice: the second sees the first's state
    if (fuzz::ok(kefu_session_turn(session, text, size, nullptr, &out), "session_turn"))
      fuzz::json_result(out, "session_turn");
  kefu_session_free(session);
  return 0;
}
