// Options JSON given to every call that takes options: accepted, or refused
// as INVALID_OPTIONS naming the key.
#include "fuzz_common.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string options(reinterpret_cast<const char*>(data), size);  // NUL-terminated copy
  const char* o = options.c_str();
  const kefu_engine* engine = fuzz::shop_engine();
  const std::string text = "明天下午三点前把订单202611220001退了，电话13812345678";
  char* out = nullptr;
  if (fuzz::ok(kefu_parse(engine, text.data(), text.size(), o, &out), "parse")) fuzz::json_result(out, "parse");
  if (fuzz::ok(kefu_entities(text.data(), text.size(), o, &out), "entities")) fuzz::json_result(out, "entities");
  if (fuzz::ok(kefu_mask_pii(text.data(), text.size(), o, &out), "mask_pii")) fuzz::json_result(out, "mask_pii");
  if (fuzz::ok(kefu_normalize(text.data(), text.size(), o, &out), "normalize")) fuzz::json_result(out, "normalize");
  if (fuzz::ok(kefu_kb_search(kefu_engine_kb(engine), text.data(), text.size(), o, &out), "kb_search"))
    fuzz::json_result(out, "kb_search");
  if (fuzz::ok(kefu_sentiment(nullptr, text.data(), text.size(), o, &out), "sentiment"))
    fuzz::json_result(out, "sentiment");
  if (fuzz::ok(kefu_sentiment_track(nullptr, nullptr, 0, text.data(), text.size(), o, &out), "track"))
    fuzz::json_result(out, "track");

  kefu_segmenter* segmenter = nullptr;
  if (fuzz::ok(kefu_segmenter_new(o, &segmenter), "segmenter_new")) {
    if (fuzz::ok(kefu_segment(segmenter, text.data(), text.size(), &out), "segment")) fuzz::json_result(out, "segment");
    kefu_segmenter_free(segmenter);
  }
  kefu_session* session = nullptr;
  kefu_session_new(engine, nullptr, 0, &session);
  if (fuzz::ok(kefu_session_turn(session, text.data(), text.size(), o, &out), "turn context"))
    fuzz::json_result(out, "turn");
  kefu_session_free(session);

  kefu_kb* kb = nullptr;
  if (fuzz::ok(kefu_kb_open(nullptr, o, &kb), "kb_open")) kefu_kb_close(kb);
  const std::string train = "{\"text\": \"open the door\", \"intent\": \"a\"}\n{\"text\": \"shut it\", \"intent\": \"b\"}\n"
                            "{\"text\": \"door open\", \"intent\": \"a\"}\n{\"text\": \"close it\", \"intent\": \"b\"}\n";
  kefu_engine* e = nullptr;
  if (options.size() < 512 && fuzz::ok(kefu_engine_train_jsonl(train.data(), train.size(), nullptr, 0, o, &e), "train"))
    kefu_engine_close(e);
  return 0;
}
