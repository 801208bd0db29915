// C entry points of the engine: train, load, save, parse, classify.
#include <nlohmann/json.hpp>

#include "capi/boundary.h"
#include "core/file.h"
#include "core/options.h"
#include "model/engine.h"
#include "text/utf8.h"

using nlohmann::json;
using namespace kefu;

struct kefu_engine {
  std::unique_ptr<model::Engine> impl;
};

namespace {

std::string dump(const json& j) { return j.dump(-1, ' ', false, json::error_handler_t::replace); }

void no_options(const char* options_json, const char* what) {
  Options(options_json, {}, what);  // reserved: only {} or NULL is accepted
}

json intent_json(const intent::IntentClassifier& c, const intent::Scored& s) {
  return {{"name", c.labels()[s.label]}, {"confidence", s.probability}};
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
    text::decode_utf8(text, SIZE_MAX);  // invalid UTF-8 names its byte offset
    *out = new kefu_engine{model::Engine::train_bot(text, settings)};
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
    std::string_view train(train_jsonl, train_len);
    text::decode_utf8(train, SIZE_MAX);
    std::string_view dev;
    if (dev_jsonl) {
      dev = std::string_view(dev_jsonl, dev_len);
      text::decode_utf8(dev, SIZE_MAX);
    }
    *out = new kefu_engine{model::Engine::train_jsonl(train, dev_jsonl ? &dev : nullptr, settings)};
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
      *out = new kefu_engine{model::Engine::deserialize(bytes)};
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
    *out = new kefu_engine{model::Engine::deserialize(
        std::string_view(static_cast<const char*>(data), len))};
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
    size_t top_k = 5;
    if (options_json && *options_json)
      top_k = static_cast<size_t>(
          Options(options_json, {"top_k"}, "parse options").get_int("top_k", 5, 1, 1000));
    std::string_view original = text::checked_view(text, len);
    const auto& e = *engine->impl;
    text::Normalized n = e.normalize(original);
    intent::Prediction p = e.intents().predict(n.chars, top_k);
    json intents = json::array();
    for (const auto& s : p.top) intents.push_back(intent_json(e.intents(), s));
    json best = nullptr;
    if (!p.out_of_scope) best = intent_json(e.intents(), p.top.front());
    json slots = json::array();
    const std::string& intent_name = e.intents().labels()[p.top.front().label];
    const auto matches = e.entities().find(n.chars);
    for (const auto& s : e.slots().tag(n.chars, intent_name, model::Engine::slot_hints(matches))) {
      uint32_t b = n.orig_begin(s.begin), end = n.orig_end(s.end);
      uint32_t bs = n.src_bytes[b], be = n.src_bytes[end];
      slots.push_back({{"slot", e.slots().slots()[s.slot]},
                       {"text", original.substr(bs, be - bs)},
                       {"value", text::to_utf8(std::u32string_view(n.chars).substr(s.begin, s.end - s.begin))},
                       {"start", b},
                       {"end", end},
                       {"byte_start", bs},
                       {"byte_end", be},
                       {"confidence", s.confidence},
                       {"source", "tagger"}});
    }
    json entities = json::array();
    for (const auto& m : matches) {
      uint32_t b = n.orig_begin(m.begin), end = n.orig_end(m.end);
      uint32_t bs = n.src_bytes[b], be = n.src_bytes[end];
      const std::string& slot = e.slot_for(intent_name, m.entity);
      entities.push_back({{"entity", m.entity},
                          {"slot", slot.empty() ? json(nullptr) : json(slot)},
                          {"text", original.substr(bs, be - bs)},
                          {"value", m.value},
                          {"start", b},
                          {"end", end},
                          {"byte_start", bs},
                          {"byte_end", be},
                          {"confidence", m.confidence},
                          {"source", m.source}});
    }
    *out_json = capi::to_c_string(dump(json{{"text", original},
                                            {"intent", std::move(best)},
                                            {"out_of_scope", p.out_of_scope},
                                            {"ambiguous", p.ambiguous},
                                            {"intents", std::move(intents)},
                                            {"slots", std::move(slots)},
                                            {"entities", std::move(entities)}}));
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
