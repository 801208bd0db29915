// The 64-bit checksum of every file and state kefu writes, and whether to
// verify it.
#pragma once

#include <cstdint>
#include <string_view>

namespace kefu {

// Detects corrupted bytes: four independent multiply-mix lanes over 8-byte
// words, several GB/s, so loading stays fast. Not a defence against forgery:
// whatever a checksum guards is parsed defensively all the same.
uint64_t checksum64(std::string_view bytes);

// True except in fuzz builds (KEFU_FUZZ) run with KEFU_FUZZ_SKIP_CHECKSUMS
// set: there mutated files must reach the parsers behind the checksum, since
// anyone can forge a matching one. Other builds have no such switch.
bool verify_checksums();

}  // namespace kefu
