#include <string>

#include <doctest/doctest.h>

#include "capi_helpers.h"

using nlohmann::json;

namespace {

// A small corpus of customer-service sentences, repeated with variations so
// that SentencePiece has enough material for a tiny vocabulary.
std::string corpus() {
  const char* base[] = {"我想查一下我的订单", "请问什么时候发货", "我要退货退款",
                        "快递到哪里了", "how long does shipping take",
                        "i want to return my order", "where is my package",
                        "can i change the delivery address"};
  std::string out;
  for (int round = 0; round < 20; ++round)
    for (const char* s : base) out += std::string(s) + " " + std::to_string(round) + "\n";
  return out;
}

}  // namespace

TEST_CASE("train a unigram model, encode with offsets, round-trip its bytes") {
  std::string text = corpus();
  kefu_subword* model = nullptr;
  REQUIRE_MESSAGE(kefu_subword_train(text.data(), text.size(),
                                     R"({"vocab_size": 120})", &model) == KEFU_OK,
                  last_error());
  const std::string query = "我想退货 where is my order";
  char* out = nullptr;
  REQUIRE(kefu_subword_encode(model, query.data(), query.size(), &out) == KEFU_OK);
  json r = take_json(out);
  CHECK(r["vocab_size"].get<int>() > 20);
  CHECK(r["vocab_size"].get<int>() <= 120);
  const json& pieces = r["pieces"];
  REQUIRE(pieces.size() > 3);
  // Pieces cover the text: their byte spans are ordered and inside it.
  size_t last = 0;
  for (const auto& p : pieces) {
    CHECK(p["byte_start"].get<size_t>() >= last);
    last = p["byte_end"];
  }
  CHECK(last == query.size());

  char* bytes = nullptr;
  size_t len = 0;
  REQUIRE(kefu_subword_bytes(model, &bytes, &len) == KEFU_OK);
  CHECK(len > 100);
  kefu_subword* reloaded = nullptr;
  REQUIRE(kefu_subword_load(bytes, len, &reloaded) == KEFU_OK);
  char* again = nullptr;
  REQUIRE(kefu_subword_encode(reloaded, query.data(), query.size(), &again) == KEFU_OK);
  CHECK(take_json(again)["pieces"] == pieces);
  // Corrupt bytes are an error, not a crash.
  kefu_subword* broken = nullptr;
  CHECK(kefu_subword_load(bytes, len / 2, &broken) == KEFU_ERR_CORRUPT);
  CHECK(broken == nullptr);
  // Training is deterministic.
  kefu_subword* twin = nullptr;
  REQUIRE(kefu_subword_train(text.data(), text.size(), R"({"vocab_size": 120})", &twin) ==
          KEFU_OK);
  char* twin_bytes = nullptr;
  size_t twin_len = 0;
  REQUIRE(kefu_subword_bytes(twin, &twin_bytes, &twin_len) == KEFU_OK);
  CHECK(std::string(twin_bytes, twin_len) == std::string(bytes, len));
  kefu_string_free(twin_bytes);
  kefu_subword_free(twin);
  kefu_string_free(bytes);
  kefu_subword_free(reloaded);
  kefu_subword_free(model);
}

TEST_CASE("subword training rejects bad input clearly") {
  kefu_subword* model = nullptr;
  CHECK(kefu_subword_train("", 0, nullptr, &model) == KEFU_ERR_INVALID_DATA);
  CHECK(kefu_subword_train("a\xFF\n", 3, nullptr, &model) == KEFU_ERR_INVALID_UTF8);
  CHECK(kefu_subword_train("abc\n", 4, R"({"model_type": "lstm"})", &model) ==
        KEFU_ERR_INVALID_OPTIONS);
  CHECK(kefu_subword_train("abc\n", 4, R"({"vocab_size": -1})", &model) ==
        KEFU_ERR_INVALID_OPTIONS);
  CHECK(model == nullptr);
}
