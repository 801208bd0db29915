// C entry points of the text pipeline: normalize, segment, subword models.
#include <nlohmann/json.hpp>

#include "capi/boundary.h"
#include "capi/json_util.h"
#include "core/lines.h"
#include "text/normalize.h"
#include "text/segment.h"
#include "text/subword.h"

using nlohmann::json;
using namespace kefu;

struct kefu_segmenter {
  text::Segmenter impl;
};

struct kefu_subword {
  std::unique_ptr<text::SubwordModel> impl;
};

namespace {

// [code-point start, end, byte start, byte end] of original text.
json offsets_array(const text::Normalized& n, size_t begin, size_t end) {
  uint32_t s = n.orig_begin(begin), e = n.orig_end(end);
  return json::array({s, e, n.src_bytes[s], n.src_bytes[e]});
}

}  // namespace

extern "C" {

KEFU_API kefu_status kefu_normalize(const char* text, size_t len,
                                    const char* options_json, char** out_json) {
  if (out_json) *out_json = nullptr;
  return capi::guarded([&] {
    capi::require(out_json, "out_json");
    auto options = text::NormalizeOptions::from(
        Options(options_json, text::NormalizeOptions::kKeys, "normalize options"));
    auto decoded = text::decode_utf8(text::checked_view(text, len), options.max_text_bytes);
    text::Normalized n = text::normalize(decoded, options);
    json spans = json::array();
    for (size_t i = 0; i < n.chars.size(); ++i) spans.push_back(offsets_array(n, i, i + 1));
    *out_json = capi::to_c_string(
        capi::dump(json{{"text", text::to_utf8(n.chars)}, {"spans", std::move(spans)}}));
  });
}

KEFU_API kefu_status kefu_segmenter_new(const char* options_json, kefu_segmenter** out) {
  if (out) *out = nullptr;
  return capi::guarded([&] {
    capi::require(out, "out");
    *out = new kefu_segmenter{text::Segmenter(text::SegmenterOptions::from_json(options_json))};
  });
}

KEFU_API void kefu_segmenter_free(kefu_segmenter* segmenter) { delete segmenter; }

KEFU_API kefu_status kefu_segment(const kefu_segmenter* segmenter, const char* text,
                                  size_t len, char** out_json) {
  if (out_json) *out_json = nullptr;
  return capi::guarded([&] {
    capi::require(segmenter, "segmenter");
    capi::require(out_json, "out_json");
    const auto& seg = segmenter->impl;
    std::string_view original = text::checked_view(text, len);
    auto decoded = text::decode_utf8(original, seg.options().normalize.max_text_bytes);
    text::Normalized n = seg.prepare(decoded);
    json tokens = json::array();
    for (const text::Token& t : seg.segment(n)) {
      json token = capi::span_json(n, original, t.begin, t.end);
      token["norm"] = text::to_utf8(t.norm);
      token["type"] = text::token_type_name(t.type);
      tokens.push_back(std::move(token));
    }
    *out_json = capi::to_c_string(capi::dump(json{{"tokens", std::move(tokens)}}));
  });
}

KEFU_API kefu_status kefu_subword_train(const char* sentences, size_t len,
                                        const char* options_json, kefu_subword** out) {
  if (out) *out = nullptr;
  return capi::guarded([&] {
    capi::require(out, "out");
    Options o(options_json,
              {"vocab_size", "character_coverage", "model_type", "max_input_bytes"},
              "subword options");
    text::SubwordTrainOptions t;
    t.vocab_size = static_cast<int>(o.get_int("vocab_size", t.vocab_size, 8, 1 << 20));
    t.character_coverage = o.get_double("character_coverage", t.character_coverage, 0.5, 1.0);
    t.model_type = o.get_string("model_type", t.model_type);
    auto max_bytes = static_cast<size_t>(
        o.get_int("max_input_bytes", int64_t{64} << 20, 0, int64_t{1} << 32));
    std::string_view input = text::checked_view(sentences, len);
    text::decode_utf8(input, max_bytes);  // validates; names the bad byte
    std::vector<std::string> lines;
    for_each_line(input, [&](std::string_view line, size_t) {
      if (!line.empty()) lines.emplace_back(line);
    });
    *out = new kefu_subword{text::SubwordModel::train(lines, t)};
  });
}

KEFU_API kefu_status kefu_subword_load(const void* model, size_t len, kefu_subword** out) {
  if (out) *out = nullptr;
  return capi::guarded([&] {
    capi::require(out, "out");
    if (model == nullptr && len != 0) capi::require(model, "model");
    if (len == 0) fail(KEFU_ERR_CORRUPT, "subword model is empty");
    *out = new kefu_subword{
        text::SubwordModel::load(std::string(static_cast<const char*>(model), len))};
  });
}

KEFU_API void kefu_subword_free(kefu_subword* model) { delete model; }

KEFU_API kefu_status kefu_subword_bytes(const kefu_subword* model, char** out_bytes,
                                        size_t* out_len) {
  if (out_bytes) *out_bytes = nullptr;
  if (out_len) *out_len = 0;
  return capi::guarded([&] {
    capi::require(model, "model");
    capi::require(out_bytes, "out_bytes");
    capi::require(out_len, "out_len");
    const std::string& bytes = model->impl->bytes();
    *out_bytes = capi::to_c_string(bytes);
    *out_len = bytes.size();
  });
}

KEFU_API kefu_status kefu_subword_encode(const kefu_subword* model, const char* text,
                                         size_t len, char** out_json) {
  if (out_json) *out_json = nullptr;
  return capi::guarded([&] {
    capi::require(model, "model");
    capi::require(out_json, "out_json");
    std::string_view input = text::checked_view(text, len);
    auto decoded = text::decode_utf8(input, 64 * 1024);
    // Byte offsets → code-point offsets via the decoded offset table.
    auto cp_at = [&](uint32_t byte) {
      auto it = std::lower_bound(decoded.byte_offsets.begin(), decoded.byte_offsets.end(), byte);
      return static_cast<uint32_t>(it - decoded.byte_offsets.begin());
    };
    json pieces = json::array();
    for (const auto& p : model->impl->encode(input))
      pieces.push_back({{"piece", p.piece},
                        {"id", p.id},
                        {"start", cp_at(p.byte_begin)},
                        {"end", cp_at(p.byte_end)},
                        {"byte_start", p.byte_begin},
                        {"byte_end", p.byte_end}});
    *out_json = capi::to_c_string(capi::dump(
        json{{"pieces", std::move(pieces)}, {"vocab_size", model->impl->vocab_size()}}));
  });
}

}  // extern "C"
