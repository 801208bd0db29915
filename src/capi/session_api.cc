// C entry points of conversations: sessions over an engine.
#include "capi/boundary.h"
#include "capi/json_util.h"
#include "core/limits.h"
#include "core/options.h"
#include "core/reftime.h"
#include "dialogue/policy.h"
#include "model/engine.h"
#include "pii/mask.h"
#include "text/utf8.h"

using namespace kefu;

namespace kefu::capi {
const model::Engine& engine_of(const kefu_engine* engine);  // engine_api.cc
}

struct kefu_session {
  const model::Engine* engine;
  dialogue::State state;
};

extern "C" {

KEFU_API kefu_status kefu_session_new(const kefu_engine* engine, const char* state_json, size_t state_len,
                                      kefu_session** out) {
  if (out) *out = nullptr;
  return capi::guarded([&] {
    capi::require(engine, "engine");
    capi::require(out, "out");
    const model::Engine& e = capi::engine_of(engine);
    auto session = std::make_unique<kefu_session>(kefu_session{&e, {}});
    if (state_json) {
      std::string_view text = text::checked_view(state_json, state_len);
      limits::check_size(state_len, limits::kSessionStateBytes, "session state");
      text::decode_utf8(text, SIZE_MAX);  // invalid UTF-8 names its byte offset
      session->state = dialogue::load_state(text, e.dialogue(), e.fingerprint());
    } else {
      session->state.engine = e.fingerprint();
    }
    *out = session.release();
  });
}

KEFU_API void kefu_session_free(kefu_session* session) { delete session; }

KEFU_API kefu_status kefu_session_turn(kefu_session* session, const char* text, size_t len,
                                       const char* context_json, char** out_json) {
  if (out_json) *out_json = nullptr;
  return capi::guarded([&] {
    capi::require(session, "session");
    capi::require(out_json, "out_json");
    if (len > 0) capi::require(text, "text");
    Options o(context_json, {"reference_time", "utc_offset_minutes", "channel", "customer_id", "data", "mask_pii"},
              "turn context");
    dialogue::TurnInput in;
    in.text = len ? text::checked_view(text, len) : std::string_view();
    in.now = reference_time(o);
    in.channel = o.get_string("channel", "");
    in.customer_id = o.get_string("customer_id", "");
    if (o.has("data")) {
      in.data = o.get("data");
      if (!in.data.is_object()) fail(KEFU_ERR_INVALID_OPTIONS, "turn context: \"data\" must be an object");
    }
    nlohmann::json result = dialogue::run_turn(*session->engine, session->state, in);
    if (o.get_bool("mask_pii", false)) pii::mask_strings(result["handoff"]);  // it goes to people and logs
    *out_json = capi::to_c_string(capi::dump(result));
  });
}

KEFU_API kefu_status kefu_session_save(const kefu_session* session, char** out_json) {
  if (out_json) *out_json = nullptr;
  return capi::guarded([&] {
    capi::require(session, "session");
    capi::require(out_json, "out_json");
    *out_json = capi::to_c_string(dialogue::save_state(session->state));
  });
}

}  // extern "C"
