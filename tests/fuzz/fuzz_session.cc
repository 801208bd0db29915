// Saved session state: restored, or refused as INVALID_DATA / CORRUPT; a
// restored session takes a turn and saves again to state that restores.
#include "fuzz_common.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const kefu_engine* engine = fuzz::shop_engine();
  kefu_session* session = nullptr;
  if (!fuzz::ok(kefu_session_new(engine, reinterpret_cast<const char*>(data), size, &session), "restore")) return 0;
  char* out = nullptr;
  if (fuzz::ok(kefu_session_turn(session, "是的", std::strlen("是的"), nullptr, &out), "turn"))
    fuzz::json_result(out, "turn");
  if (!fuzz::ok(kefu_session_save(session, &out), "save")) fuzz::die("save", KEFU_OK);
  kefu_session* again = nullptr;
  if (!fuzz::ok(kefu_session_new(engine, out, std::strlen(out), &again), "restore saved"))
    fuzz::die("a saved state does not restore", KEFU_OK);
  kefu_string_free(out);
  kefu_session_free(again);
  kefu_session_free(session);
  return 0;
}
