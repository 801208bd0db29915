#include <string>
#include <thread>
#include <vector>

#include <doctest/doctest.h>

#include "capi_helpers.h"

using nlohmann::json;

namespace {

json segment(const std::string& text, const char* options = nullptr) {
  kefu_segmenter* seg = nullptr;
  if (kefu_segmenter_new(options, &seg) != KEFU_OK) throw std::runtime_error(last_error());
  char* out = nullptr;
  kefu_status st = kefu_segment(seg, text.data(), text.size(), &out);
  kefu_segmenter_free(seg);
  if (st != KEFU_OK) throw std::runtime_error(last_error());
  return take_json(out)["tokens"];
}

std::vector<std::string> norms(const json& tokens) {
  std::vector<std::string> out;
  for (const auto& t : tokens) out.push_back(t["norm"]);
  return out;
}

// Every token's offsets must cut exactly its "text" out of the original, and
// code-point offsets must agree with byte offsets.
void check_offsets(const std::string& original, const json& tokens) {
  for (const auto& t : tokens) {
    size_t bs = t["byte_start"], be = t["byte_end"];
    CHECK(original.substr(bs, be - bs) == t["text"].get<std::string>());
    size_t cps = 0;
    for (size_t i = 0; i < bs; ++i) cps += (static_cast<unsigned char>(original[i]) & 0xC0) != 0x80;
    CHECK(t["start"].get<size_t>() == cps);
  }
}

}  // namespace

TEST_CASE("Chinese is segmented into words") {
  const std::string text = "我想查一下订单";
  json tokens = segment(text);
  CHECK(norms(tokens) == std::vector<std::string>{"我想", "查", "一下", "订单"});
  check_offsets(text, tokens);
  CHECK(tokens[3]["type"] == "cjk");
  CHECK(tokens[3]["start"] == 5);
  CHECK(tokens[3]["byte_start"] == 15);
}

TEST_CASE("English is segmented into normalized words") {
  const std::string text = "Hi, I can't find my ORDER 12345!";
  json tokens = segment(text);
  CHECK(norms(tokens) ==
        std::vector<std::string>{"hi", "i", "can't", "find", "my", "order", "12345"});
  CHECK(tokens[6]["type"] == "number");
  check_offsets(text, tokens);
}

TEST_CASE("mixed Chinese and English keeps product names apart from Chinese words") {
  const std::string text = "我想买iPhone 15 Pro的手机壳";
  json tokens = segment(text);
  auto n = norms(tokens);
  CHECK(std::find(n.begin(), n.end(), "iphone") != n.end());
  CHECK(std::find(n.begin(), n.end(), "pro") != n.end());
  check_offsets(text, tokens);
  CHECK(tokens[2]["text"] == "iPhone");
}

TEST_CASE("user dictionary words win over the built-in segmentation") {
  const std::string text = "我想买iPhone 15 Pro的手机壳";
  json tokens = segment(text, R"({"user_words": ["iPhone 15 Pro", "手机壳"]})");
  CHECK(norms(tokens) ==
        std::vector<std::string>{"我想", "买", "iphone 15 pro", "的", "手机壳"});
  CHECK(tokens[2]["type"] == "user");
  CHECK(tokens[2]["text"] == "iPhone 15 Pro");
  check_offsets(text, tokens);
  // A Latin user word never cuts a longer Latin word in two.
  CHECK(norms(segment("product pro", R"({"user_words": ["pro"]})")) ==
        std::vector<std::string>{"product", "pro"});
}

TEST_CASE("traditional and full-width input is segmented on its normalized form") {
  const std::string text = "請幫我查訂單１２３";
  json tokens = segment(text);
  auto n = norms(tokens);
  CHECK(std::find(n.begin(), n.end(), "订单") != n.end());
  CHECK(n.back() == "123");
  CHECK(tokens.back()["text"] == "１２３");
  check_offsets(text, tokens);
}

TEST_CASE("punctuation is kept on request; raw mode skips normalization") {
  CHECK(norms(segment("好的，谢谢！", R"({"keep_punctuation": true})")) ==
        std::vector<std::string>{"好的", ",", "谢谢", "!"});
  CHECK(norms(segment("ABC", R"({"normalize": false})")) == std::vector<std::string>{"ABC"});
  CHECK(segment("").empty());
  CHECK(segment("   ").empty());
}

TEST_CASE("one segmenter serves many threads with identical answers" * doctest::test_suite("threads")) {
  kefu_segmenter* seg = nullptr;
  REQUIRE(kefu_segmenter_new(R"({"user_words": ["手机壳"]})", &seg) == KEFU_OK);
  const std::vector<std::string> texts = {"我想买iPhone 15 Pro的手机壳", "請幫我查訂單",
                                          "cancel my order please", "退货运费谁承担"};
  std::vector<std::string> expected;
  for (const auto& t : texts) {
    char* out = nullptr;
    REQUIRE(kefu_segment(seg, t.data(), t.size(), &out) == KEFU_OK);
    expected.emplace_back(out);
    kefu_string_free(out);
  }
  std::vector<int> mismatches(4, 0);
  std::vector<std::thread> threads;
  for (int w = 0; w < 4; ++w) {
    threads.emplace_back([&, w] {
      for (int i = 0; i < 300; ++i) {
        size_t k = static_cast<size_t>(i + w) % texts.size();
        char* out = nullptr;
        if (kefu_segment(seg, texts[k].data(), texts[k].size(), &out) != KEFU_OK ||
            expected[k] != out)
          ++mismatches[static_cast<size_t>(w)];
        kefu_string_free(out);
      }
    });
  }
  for (auto& t : threads) t.join();
  kefu_segmenter_free(seg);
  CHECK(mismatches == std::vector<int>(4, 0));
}
