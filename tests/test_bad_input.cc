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

TEST_CASE("errors are thread-local and cleared by a successful call" * doctest::test_suite("threads")) {
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

TEST_CASE("inputs past kefu's fixed limits are KEFU_ERR_TOO_LARGE naming the input and the limit") {
  auto too_large = [](kefu_status st, const char* what, const char* limit) {
    CHECK(st == KEFU_ERR_TOO_LARGE);
    CHECK_MESSAGE(last_error().find(what) != std::string::npos, last_error());
    CHECK_MESSAGE(last_error().find(limit) != std::string::npos, last_error());
  };
  // The size is checked before the bytes are read: a huge length with a small
  // buffer behind it would be the caller's bug, so each test passes real bytes.
  const std::string bot(16 * 1024 * 1024 + 1, ' ');
  kefu_engine* engine = nullptr;
  too_large(kefu_engine_train(bot.data(), bot.size(), nullptr, &engine), "bot definition", "16 MiB");
  const std::string options = "{\"top_k\": 1" + std::string(16 * 1024 * 1024, ' ') + "}";
  char* out = nullptr;
  too_large(kefu_normalize("a", 1, options.c_str(), &out), "options", "16 MiB");

  const char* mini = R"({"kefu": 1, "intents": [{"name": "a", "examples": ["yes", "ok"]}, {"name": "b", "examples": ["no", "nope"]}]})";
  REQUIRE(kefu_engine_train(mini, std::strlen(mini), nullptr, &engine) == KEFU_OK);
  kefu_session* session = nullptr;
  too_large(kefu_session_new(engine, bot.data(), bot.size(), &session), "session state", "16 MiB");
  kefu_engine_close(engine);

  kefu_profiles* profiles = nullptr;
  REQUIRE(kefu_profiles_open(nullptr, nullptr, &profiles) == KEFU_OK);
  const std::string event = R"({"customer": {"phone": "13800000000"}, "type": "call", "time": 1700000000, "x": ")" +
                            std::string(64 * 1024, 'x') + "\"}";
  too_large(kefu_profiles_record(profiles, event.data(), event.size(), nullptr), "event", "64 KiB");
  kefu_profiles_close(profiles);

  kefu_kb* kb = nullptr;
  REQUIRE(kefu_kb_open(nullptr, R"({"max_entries": 2})", &kb) == KEFU_OK);
  for (const char* e : {R"({"id": "a", "question": "q1"})", R"({"id": "b", "question": "q2"})",
                        R"({"id": "a", "question": "q1 again"})"})  // replacing one is not adding one
    CHECK(kefu_kb_upsert(kb, e, std::strlen(e)) == KEFU_OK);
  const char* third = R"({"id": "c", "question": "q3"})";
  too_large(kefu_kb_upsert(kb, third, std::strlen(third)), "3 entries", "max_entries");
  const char* lines = "{\"id\": \"c\", \"question\": \"q3\"}\n{\"id\": \"d\", \"question\": \"q4\"}\n";
  CHECK(kefu_kb_import(kb, lines, std::strlen(lines), nullptr, nullptr) == KEFU_ERR_TOO_LARGE);
  REQUIRE(kefu_kb_delete(kb, "b") == KEFU_OK);
  CHECK(kefu_kb_upsert(kb, third, std::strlen(third)) == KEFU_OK);
  kefu_kb_close(kb);
}
