// Sentiment lexicon files (term<TAB>weight<TAB>kind lines): loaded or refused
// naming the line; a loaded lexicon scores text. The first byte picks whether
// it extends or replaces the defaults.
#include "fuzz_common.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size == 0) return 0;
  kefu_sentiment_model* model = nullptr;
  const char* options = data[0] & 1 ? R"({"replace_defaults": true})" : nullptr;
  if (!fuzz::ok(kefu_sentiment_model_new(reinterpret_cast<const char*>(data + 1), size - 1, options, &model),
                "lexicon"))
    return 0;
  char* out = nullptr;
  for (const char* text : {"太差了，我要投诉！！", "not bad at all :)", "非常满意", ""}) {
    if (fuzz::ok(kefu_sentiment(model, text, std::strlen(text), nullptr, &out), "score")) fuzz::json_result(out, "score");
    if (fuzz::ok(kefu_sentiment_track(model, nullptr, 0, text, std::strlen(text), nullptr, &out), "track"))
      fuzz::json_result(out, "track");
  }
  kefu_sentiment_model_free(model);
  return 0;
}
