#include <doctest/doctest.h>

#include "capi_helpers.h"

using nlohmann::json;

TEST_CASE("traditional Chinese becomes simplified") {
  CHECK(normalize("我們會說漢語")["text"] == "我们会说汉语");
  CHECK(normalize("請幫我查一下訂單")["text"] == "请帮我查一下订单");
}

TEST_CASE("full-width becomes half-width with offsets that map back") {
  const std::string original = "ＡＢＣ　１２３";
  json r = normalize(original);
  CHECK(r["text"] == "abc 123");
  const json& spans = r["spans"];
  REQUIRE(spans.size() == 7);
  // "1" (normalized index 4) came from original code point 4, bytes [12, 15).
  CHECK(spans[4] == json::array({4, 5, 12, 15}));
  // Every span's bytes, cut from the original, are one full-width character.
  for (const auto& s : spans) {
    std::string slice = original.substr(s[2].get<size_t>(), s[3].get<size_t>() - s[2].get<size_t>());
    CHECK(slice.size() == 3);
  }
}

TEST_CASE("case folding, whitespace collapsing and control characters") {
  json r = normalize("  Hello\t\tWORLD \x01 \n");
  CHECK(r["text"] == "hello world");
  // The collapsed space covers the whole original run "\t\t".
  CHECK(r["spans"][5] == json::array({7, 9, 7, 9}));
  CHECK(normalize("a\xE2\x80\x8B" "b")["text"] == "ab");  // zero-width space dropped
}

TEST_CASE("NFKC composes and expands compatibility characters") {
  CHECK(normalize("e\xCC\x81")["text"] == "\xC3\xA9");  // e + combining acute → é
  json r = normalize("\xE3\x8E\x8F");                   // ㎏ → kg, both from one char
  CHECK(r["text"] == "kg");
  CHECK(r["spans"][0] == json::array({0, 1, 0, 3}));
  CHECK(r["spans"][1] == json::array({0, 1, 0, 3}));
}

TEST_CASE("each step can be switched off") {
  CHECK(normalize("ＡＢＣ", R"({"nfkc": false, "width": false})")["text"] == "ａｂｃ");
  CHECK(normalize("ＡＢＣ", R"({"case_fold": false})")["text"] == "ABC");
  CHECK(normalize("漢語", R"({"traditional_to_simplified": false})")["text"] == "漢語");
  CHECK(normalize("a  b", R"({"collapse_whitespace": false})")["text"] == "a  b");
  CHECK(normalize("a\x01" "b", R"({"drop_control": false})")["text"] == "a\x01" "b");
  // Width folding alone, without NFKC.
  CHECK(normalize("ＡＢＣ", R"({"nfkc": false})")["text"] == "abc");
}

TEST_CASE("empty text gives an empty result") {
  json r = normalize("");
  CHECK(r["text"] == "");
  CHECK(r["spans"].empty());
  char* out = nullptr;
  CHECK(kefu_normalize(nullptr, 0, nullptr, &out) == KEFU_OK);
  kefu_string_free(out);
}
