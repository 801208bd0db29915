// C entry points of the engine: train, load, save, parse, classify.
#include <nlohmann/json.hpp>

#include "capi/boundary.h"
#include "capi/json_util.h"
#include "capi/json_writer.h"
#include "capi/sentiment_json.h"
#include "core/limits.h"
#include "core/reftime.h"
#include "pii/mask.h"
#include "core/file.h"
#include "core/options.h"
#include "model/engine.h"
#include "text/utf8.h"

using nlohmann::json;
using namespace kefu;

namespace kefu::capi {
kefu_kb* borrowed_kb(std::shared_ptr<kb::KnowledgeBase> kb);  // kb_api.cc
void free_borrowed_kb(kefu_kb* kb);
}  // namespace kefu::capi

struct kefu_engine {
  explicit kefu_engine(std::unique_ptr<model::Engine> engine)
      : impl(std::move(engine)), kb(capi::borrowed_kb(impl->knowledge_base())) {}
  ~kefu_engine() { capi::free_borrowed_kb(kb); }
  kefu_engine(const kefu_engine&) = delete;
  kefu_engine& operator=(const kefu_engine&) = delete;
  std::unique_ptr<model::Engine> impl;
  kefu_kb* kb;  // read-only view of the engine's knowledge base
};

namespace kefu::capi {
const model::Engine& engine_of(const kefu_engine* engine) { return *engine->impl; }
}  // namespace kefu::capi

namespace {

using capi::dump;

void no_options(const char* options_json, const char* what) {
  Options(options_json, {}, what);  // reserved: only {} or NULL is accepted
}

void write_intent(capi::JsonWriter& w, const intent::IntentClassifier& c, const intent::Scored& s) {
  w.begin_object().key("name").string(c.labels()[s.label]).key("confidence").number(s.probability);
  w.end_object();
}

// Personal data masked in the caller's text, when the caller asks for it.
struct Masking {
  Masking() = default;
  Masking(std::string_view original, const text::Normalized& n,
          const std::vector<model::FoundEntity>& found) {
    std::vector<entity::BuiltinMatch> pii;
    for (const auto& f : found)
      if (std::string_view(f.source) == "builtin")
        pii.push_back({f.entity, f.begin, f.end, f.value, f.confidence});
    on = true;
    text = pii::mask(original, n, pii, pii::default_types(), masked);
    chars = text::decode_utf8(text, SIZE_MAX).chars;
  }
  bool active() const { return on; }
  bool touches(uint32_t begin, uint32_t end) const {
    return std::any_of(masked.begin(), masked.end(),
                       [&](const pii::Masked& m) { return m.begin < end && begin < m.end; });
  }
  bool on = false;
  std::string text;
  std::u32string chars;
  std::vector<pii::Masked> masked;
};

// "text", "value" and the offsets of a span; text and value are masked when
// the span overlaps masked personal data. Offsets are the original text's.
void write_span(capi::JsonWriter& w, const text::Normalized& n, std::string_view original,
                uint32_t begin, uint32_t end, const Masking& masking, const std::string& value,
                const json* structured = nullptr) {
  const capi::OriginalSpan span = capi::original_span(n, original, begin, end);
  if (masking.active() && masking.touches(span.start, span.end)) {
    std::string hidden =
        text::to_utf8(std::u32string_view(masking.chars).substr(span.start, span.end - span.start));
    w.key("text").string(hidden);
    w.key("value").string(hidden);
  } else {
    w.key("text").string(span.text);
    w.key("value");
    if (structured) w.raw(structured->dump());
    else w.string(value);
  }
  capi::write_offsets(w, span);
}

}  // namespace

extern "C" {

KEFU_API kefu_status kefu_engine_train(const char* bot_json, size_t len, const char* options_json,
                                       kefu_engine** out) {
  if (out) *out = nullptr;
  return capi::guarded([&] {
    capi::require(out, "out");
    capi::require(bot_json, "bot_json");
    auto settings = model::TrainSettings::from_json(options_json);
    std::string_view text(bot_json, len);
    limits::check_size(len, limits::kBotDefinitionBytes, "bot definition");
    text::decode_utf8(text, SIZE_MAX);  // invalid UTF-8 names its byte offset
    *out = new kefu_engine(model::Engine::train_bot(text, settings));
  });
}

KEFU_API kefu_status kefu_engine_train_jsonl(const char* train_jsonl, size_t train_len,
                                             const char* dev_jsonl, size_t dev_len,
                                             const char* options_json, kefu_engine** out) {
  if (out) *out = nullptr;
  return capi::guarded([&] {
    capi::require(out, "out");
    capi::require(train_jsonl, "train_jsonl");
    auto settings = model::TrainSettings::from_json(options_json);
    limits::check_size(train_len + (dev_jsonl ? dev_len : 0), limits::kTrainingDataBytes, "training data");
    std::string_view train(train_jsonl, train_len);
    text::decode_utf8(train, SIZE_MAX);
    std::string_view dev;
    if (dev_jsonl) {
      dev = std::string_view(dev_jsonl, dev_len);
      text::decode_utf8(dev, SIZE_MAX);
    }
    *out = new kefu_engine(model::Engine::train_jsonl(train, dev_jsonl ? &dev : nullptr, settings));
  });
}

KEFU_API kefu_status kefu_engine_open(const char* path, const char* options_json,
                                      kefu_engine** out) {
  if (out) *out = nullptr;
  return capi::guarded([&] {
    capi::require(out, "out");
    capi::require(path, "path");
    no_options(options_json, "engine options");
    std::string bytes = read_file(path);
    try {
      *out = new kefu_engine(model::Engine::deserialize(bytes));
    } catch (const Error& e) {
      throw Error(e.status(), std::string(path) + ": " + e.what());
    }
  });
}

KEFU_API kefu_status kefu_engine_open_memory(const void* data, size_t len,
                                             const char* options_json, kefu_engine** out) {
  if (out) *out = nullptr;
  return capi::guarded([&] {
    capi::require(out, "out");
    if (len > 0) capi::require(data, "data");
    no_options(options_json, "engine options");
    *out = new kefu_engine(model::Engine::deserialize(
        std::string_view(static_cast<const char*>(data), len)));
  });
}

KEFU_API kefu_status kefu_engine_save(const kefu_engine* engine, const char* path) {
  return capi::guarded([&] {
    capi::require(engine, "engine");
    capi::require(path, "path");
    write_file_atomic(path, engine->impl->serialize());
  });
}

KEFU_API kefu_status kefu_engine_serialize(const kefu_engine* engine, char** out_bytes,
                                           size_t* out_len) {
  if (out_bytes) *out_bytes = nullptr;
  if (out_len) *out_len = 0;
  return capi::guarded([&] {
    capi::require(engine, "engine");
    capi::require(out_bytes, "out_bytes");
    capi::require(out_len, "out_len");
    std::string bytes = engine->impl->serialize();
    *out_bytes = capi::to_c_string(bytes);
    *out_len = bytes.size();
  });
}

KEFU_API void kefu_engine_close(kefu_engine* engine) { delete engine; }

KEFU_API const kefu_kb* kefu_engine_kb(const kefu_engine* engine) {
  return engine ? engine->kb : nullptr;
}

KEFU_API kefu_status kefu_engine_info(const kefu_engine* engine, char** out_json) {
  if (out_json) *out_json = nullptr;
  return capi::guarded([&] {
    capi::require(engine, "engine");
    capi::require(out_json, "out_json");
    const auto& e = *engine->impl;
    const auto& c = e.intents();
    json intents = json::array();
    for (size_t i = 0; i < c.labels().size(); ++i)
      if (static_cast<int>(i) != c.oos_label()) intents.push_back(c.labels()[i]);
    *out_json = capi::to_c_string(dump(json{{"name", e.name()},
                                            {"language", e.language()},
                                            {"intents", std::move(intents)},
                                            {"out_of_scope_class", c.oos_label() >= 0},
                                            {"out_of_scope_threshold", c.threshold()},
                                            {"temperature", c.temperature()},
                                            {"features", c.feature_count()},
                                            {"warnings", e.warnings()}}));
  });
}

KEFU_API kefu_status kefu_parse(const kefu_engine* engine, const char* text, size_t len,
                                const char* options_json, char** out_json) {
  if (out_json) *out_json = nullptr;
  return capi::guarded([&] {
    capi::require(engine, "engine");
    capi::require(out_json, "out_json");
    Options o(options_json, {"top_k", "reference_time", "utc_offset_minutes", "mask_pii"},
              "parse options");
    const auto top_k = static_cast<size_t>(o.get_int("top_k", 5, 1, 1000));
    const RefTime now = reference_time(o);
    std::string_view original = text::checked_view(text, len);
    const auto& e = *engine->impl;
    text::Normalized n = e.normalize(original);
    intent::Prediction p = e.intents().predict(n.chars, top_k);
    const std::string& intent_name = e.intents().labels()[p.top.front().label];
    const auto found = e.find_entities(n.chars, now);
    const auto slots = e.slots().tag(n.chars, intent_name, model::Engine::slot_hints(found));
    const Masking masking = o.get_bool("mask_pii", false) ? Masking(original, n, found) : Masking();

    capi::JsonWriter w;
    w.begin_object();
    w.key("text").string(masking.active() ? std::string_view(masking.text) : original);
    w.key("intent");
    if (p.out_of_scope) w.null();
    else write_intent(w, e.intents(), p.top.front());
    w.key("out_of_scope").boolean(p.out_of_scope);
    w.key("ambiguous").boolean(p.ambiguous);
    w.key("intents").begin_array();
    for (const auto& s : p.top) write_intent(w, e.intents(), s);
    w.end_array();
    w.key("slots").begin_array();
    for (const auto& s : slots) {
      std::string value = text::to_utf8(std::u32string_view(n.chars).substr(s.begin, s.end - s.begin));
      w.begin_object();
      w.key("slot").string(e.slots().slots()[s.slot]);
      write_span(w, n, original, s.begin, s.end, masking, value);
      w.key("confidence").number(s.confidence);
      w.key("source").string("tagger");
      w.end_object();
    }
    w.end_array();
    w.key("entities").begin_array();
    for (const auto& m : found) {
      const std::string& slot = e.slot_for(intent_name, m.entity);
      w.begin_object();
      w.key("entity").string(m.entity);
      w.key("slot");
      if (slot.empty()) w.null();
      else w.string(slot);
      write_span(w, n, original, m.begin, m.end, masking,
                 m.value.is_string() ? m.value.get_ref<const std::string&>() : std::string(),
                 m.value.is_string() ? nullptr : &m.value);
      w.key("confidence").number(m.confidence);
      w.key("source").string(m.source);
      w.end_object();
    }
    w.end_array();
    const sentiment::Result mood = sentiment::score(sentiment::Lexicon::defaults(), n.chars);
    w.key("sentiment");
    capi::write_sentiment_summary(w, mood);
    w.end_object();
    *out_json = capi::to_c_string(w.str());
  });
}

KEFU_API kefu_status kefu_classify(const kefu_engine* engine, const char* text, size_t len,
                                   kefu_intent_score* out, size_t capacity, size_t* out_count,
                                   int* out_of_scope) {
  if (out_count) *out_count = 0;
  return capi::guarded([&] {
    capi::require(engine, "engine");
    capi::require(out_count, "out_count");
    capi::require(out_of_scope, "out_of_scope");
    if (capacity > 0) capi::require(out, "out");
    const auto& e = *engine->impl;
    text::Normalized n = e.normalize(text::checked_view(text, len));
    intent::Prediction p = e.intents().predict(n.chars, capacity);
    for (size_t i = 0; i < p.top.size(); ++i)
      out[i] = kefu_intent_score{e.intents().labels()[p.top[i].label].c_str(), p.top[i].probability};
    *out_count = p.top.size();
    *out_of_scope = p.out_of_scope ? 1 : 0;
  });
}

}  // extern "C"
