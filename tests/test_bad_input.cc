#include <string>

#include <doctest/doctest.h>

#include "capi_helpers.h"

TEST_CASE("invalid UTF-8 is an error naming the byte offset") {
  const char* cases[] = {"ab\xFF", "ab\xC3", "ab\xC0\x80", "ab\xED\xA0\x80", "ab\xF4\x90\x80\x80"};
  for (const char* text : cases) {
    char* out = reinterpret_cast<char*>(1);
    CHECK(kefu_normalize(text, std::strlen(text), nullptr, &out) == KEFU_ERR_INVALID_UTF8);
    CHECK(out == nullptr);
    CHECK(last_error().find("byte offset 2") != std::string::npos);
  }
  kefu_segmenter* seg = nullptr;
  REQUIRE(kefu_segmenter_new(nullptr, &seg) == KEFU_OK);
  char* out = nullptr;
  CHECK(kefu_segment(seg, "\x80", 1, &out) == KEFU_ERR_INVALID_UTF8);
  kefu_segmenter_free(seg);
}

TEST_CASE("NULL pointers are errors, not crashes") {
  char* out = nullptr;
  CHECK(kefu_normalize(nullptr, 3, nullptr, &out) == KEFU_ERR_INVALID_ARGUMENT);
  CHECK(kefu_normalize("abc", 3, nullptr, nullptr) == KEFU_ERR_INVALID_ARGUMENT);
  CHECK(last_error().find("out_json") != std::string::npos);
  CHECK(kefu_segment(nullptr, "a", 1, &out) == KEFU_ERR_INVALID_ARGUMENT);
  CHECK(kefu_segmenter_new(nullptr, nullptr) == KEFU_ERR_INVALID_ARGUMENT);
  CHECK(kefu_subword_encode(nullptr, "a", 1, &out) == KEFU_ERR_INVALID_ARGUMENT);
  CHECK(kefu_subword_load(nullptr, 0, nullptr) == KEFU_ERR_INVALID_ARGUMENT);
  // Every free accepts NULL.
  kefu_string_free(nullptr);
  kefu_segmenter_free(nullptr);
  kefu_subword_free(nullptr);
}

TEST_CASE("text above the limit is a clear error; the limit is configurable") {
  std::string big(64 * 1024 + 1, 'a');
  char* out = nullptr;
  CHECK(kefu_normalize(big.data(), big.size(), nullptr, &out) == KEFU_ERR_TOO_LARGE);
  CHECK(last_error().find("65536") != std::string::npos);
  CHECK(kefu_normalize(big.data(), big.size(), R"({"max_text_bytes": 100000})", &out) ==
        KEFU_OK);
  kefu_string_free(out);
  CHECK(kefu_normalize("hello", 5, R"({"max_text_bytes": 4})", &out) == KEFU_ERR_TOO_LARGE);
  kefu_segmenter* seg = nullptr;
  REQUIRE(kefu_segmenter_new(R"({"max_text_bytes": 10})", &seg) == KEFU_OK);
  CHECK(kefu_segment(seg, big.data(), 11, &out) == KEFU_ERR_TOO_LARGE);
  kefu_segmenter_free(seg);
}

TEST_CASE("malformed options and unknown keys name the problem") {
  char* out = nullptr;
  CHECK(kefu_normalize("a", 1, "{not json", &out) == KEFU_ERR_INVALID_OPTIONS);
  CHECK(last_error().find("malformed JSON") != std::string::npos);
  CHECK(kefu_normalize("a", 1, R"({"nfkd": true})", &out) == KEFU_ERR_INVALID_OPTIONS);
  CHECK(last_error().find("\"nfkd\"") != std::string::npos);
  CHECK(kefu_normalize("a", 1, R"({"nfkc": "yes"})", &out) == KEFU_ERR_INVALID_OPTIONS);
  CHECK(last_error().find("\"nfkc\"") != std::string::npos);
  CHECK(kefu_normalize("a", 1, "[1, 2]", &out) == KEFU_ERR_INVALID_OPTIONS);
  kefu_segmenter* seg = nullptr;
  CHECK(kefu_segmenter_new(R"({"user_word": ["x"]})", &seg) == KEFU_ERR_INVALID_OPTIONS);
  CHECK(last_error().find("\"user_word\"") != std::string::npos);
  CHECK(seg == nullptr);
  CHECK(kefu_segmenter_new(R"({"normalize": {"bogus": 1}})", &seg) == KEFU_ERR_INVALID_OPTIONS);
  CHECK(last_error().find("\"bogus\"") != std::string::npos);
  CHECK(kefu_segmenter_new(R"({"user_words": [1]})", &seg) == KEFU_ERR_INVALID_OPTIONS);
  CHECK(last_error().find("user_words[0]") != std::string::npos);
}

TEST_CASE("errors are thread-local and cleared by a successful call") {
  char* out = nullptr;
  CHECK(kefu_normalize("\xFF", 1, nullptr, &out) == KEFU_ERR_INVALID_UTF8);
  CHECK(std::string(kefu_last_error()).rfind("KEFU_ERR_INVALID_UTF8", 0) == 0);
  CHECK(kefu_normalize("a", 1, nullptr, &out) == KEFU_OK);
  kefu_string_free(out);
  CHECK(std::string(kefu_last_error()).empty());
  CHECK(std::string(kefu_status_name(KEFU_ERR_TOO_LARGE)) == "KEFU_ERR_TOO_LARGE");
}

TEST_CASE("version at run time matches the header") {
  CHECK(kefu_version_number() ==
        KEFU_VERSION_MAJOR * 10000u + KEFU_VERSION_MINOR * 100u + KEFU_VERSION_PATCH);
  CHECK(std::string(kefu_version()) == std::to_string(KEFU_VERSION_MAJOR) + "." +
                                           std::to_string(KEFU_VERSION_MINOR) + "." +
                                           std::to_string(KEFU_VERSION_PATCH));
}
