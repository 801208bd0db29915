// Model files: mutations of real model files must load as an engine that
// works, or be refused (CORRUPT, UNSUPPORTED, INVALID_DATA), never crash.
#include "fuzz_common.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  kefu_engine* engine = nullptr;
  if (!fuzz::ok(kefu_engine_open_memory(data, size, nullptr, &engine), "open_memory")) return 0;
  char* out = nullptr;
  for (const char* text : {"我要退货", "where is my order 202611220001", ""}) {
    if (fuzz::ok(kefu_parse(engine, text, std::strlen(text), nullptr, &out), "parse")) fuzz::json_result(out, "parse");
    if (fuzz::ok(kefu_kb_search(kefu_engine_kb(engine), text, std::strlen(text), nullptr, &out), "kb_search"))
      fuzz::json_result(out, "kb_search");
  }
  kefu_session* session = nullptr;
  if (fuzz::ok(kefu_session_new(engine, nullptr, 0, &session), "session_new")) {
    if (fuzz::ok(kefu_session_turn(session, "我要退货", std::strlen("我要退货"), nullptr, &out), "turn"))
      fuzz::json_result(out, "turn");
    kefu_session_free(session);
  }
  kefu_engine_close(engine);
  return 0;
}
