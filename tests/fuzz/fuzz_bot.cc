// Bot definitions: a definition is trained (few epochs, to keep executions
// fast), or refused with a message naming the problem; a trained one must
// parse, hold a conversation, and survive a save/load round trip.
#include "fuzz_common.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  kefu_engine* engine = nullptr;
  if (!fuzz::ok(kefu_engine_train(reinterpret_cast<const char*>(data), size, R"({"epochs": 2})", &engine),
                "train"))
    return 0;
  char* out = nullptr;
  const std::string text = "我要退货 order 12345678 明天下午三点";
  if (fuzz::ok(kefu_parse(engine, text.data(), text.size(), nullptr, &out), "parse")) fuzz::json_result(out, "parse");
  if (fuzz::ok(kefu_engine_info(engine, &out), "info")) fuzz::json_result(out, "info");

  kefu_session* session = nullptr;
  if (fuzz::ok(kefu_session_new(engine, nullptr, 0, &session), "session_new")) {
    for (const char* msg : {"hello", "我要退货", "12345678", "yes", "转人工"})
      if (fuzz::ok(kefu_session_turn(session, msg, std::strlen(msg), nullptr, &out), "turn"))
        fuzz::json_result(out, "turn");
    kefu_session_free(session);
  }

  size_t len = 0;
  if (!fuzz::ok(kefu_engine_serialize(engine, &out, &len), "serialize")) fuzz::die("serialize", KEFU_OK);
  kefu_engine* copy = nullptr;
  if (!fuzz::ok(kefu_engine_open_memory(out, len, nullptr, &copy), "reload")) fuzz::die("reload own model", KEFU_OK);
  kefu_string_free(out);
  kefu_engine_close(copy);
  kefu_engine_close(engine);
  return 0;
}
