#include "core/checksum.h"

#include <cstdlib>
#include <cstring>

namespace kefu {

namespace {
constexpr uint64_t kPrime1 = 0x9E3779B185EBCA87ULL;
constexpr uint64_t kPrime2 = 0xC2B2AE3D27D4EB4FULL;

uint64_t round(uint64_t lane, uint64_t word) {
  lane += word * kPrime2;
  lane = (lane << 31) | (lane >> 33);
  return lane * kPrime1;
}

uint64_t load64(const char* p) {
  uint64_t w;
  std::memcpy(&w, p, 8);
  return w;
}
}  // namespace

uint64_t checksum64(std::string_view bytes) {
  uint64_t lanes[4] = {kPrime1 + kPrime2, kPrime2, 0, 0 - kPrime1};
  const char* p = bytes.data();
  size_t n = bytes.size();
  size_t i = 0;
  for (; i + 32 <= n; i += 32)
    for (int k = 0; k < 4; ++k) lanes[k] = round(lanes[k], load64(p + i + 8 * k));
  uint64_t h = n * kPrime1;
  for (uint64_t lane : lanes) h = (h ^ round(0, lane)) * kPrime1 + kPrime2;
  for (; i < n; ++i) h = (h ^ static_cast<unsigned char>(p[i])) * kPrime1;
  h ^= h >> 33;
  h *= kPrime2;
  h ^= h >> 29;
  return h;
}

bool verify_checksums() {
#ifdef KEFU_FUZZING
  static const bool skip = std::getenv("KEFU_FUZZ_SKIP_CHECKSUMS") != nullptr;
  return !skip;
#else
  return true;
#endif
}

}  // namespace kefu
