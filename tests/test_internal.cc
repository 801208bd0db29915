// Tests of internal helpers that have no C entry point of their own.
#include <doctest/doctest.h>

#include "text/ngrams.h"
#include "text/utf8.h"

using namespace kefu::text;

TEST_CASE("char n-grams") {
  auto grams = char_ngrams(U"退货啊", 1, 2);
  REQUIRE(grams.size() == 5);
  CHECK(grams[0] == U"退");
  CHECK(grams[1] == U"退货");
  CHECK(grams[4] == U"啊");
  CHECK(char_ngrams(U"ab", 3, 4).empty());
  std::vector<uint32_t> hashed;
  hashed_char_ngrams(U"ab", 1, 2, 1000, /*bounded=*/true, hashed);
  CHECK(hashed.size() == 7);  // ^ a b $ ^a ab b$
  for (uint32_t h : hashed) CHECK(h < 1000);
  CHECK(hash_chars(U"退货") == hash_chars(U"退货"));
  CHECK(hash_chars(U"退货") != hash_chars(U"货退"));
}

TEST_CASE("UTF-8 decoding keeps byte offsets") {
  Decoded d = decode_utf8("a我😀", 100);
  CHECK(d.chars == U"a我😀");
  CHECK(d.byte_offsets == std::vector<uint32_t>{0, 1, 4, 8});
  CHECK(to_utf8(d.chars) == "a我😀");
}
