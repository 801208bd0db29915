// Store files on disk, as a crash, a bad disk or a hostile hand may leave them.
// Input: one byte picking the store (even: knowledge base, odd: profiles), a
// 4-byte little-endian length N, N bytes of SNAPSHOT, the rest LOG. Opening
// must give a working store or KEFU_ERR_CORRUPT / UNSUPPORTED naming the file.
#include <unistd.h>

#include <filesystem>

#include "fuzz_common.h"

namespace {

void write_file(const std::string& path, std::string_view bytes) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
}

// A plain array: the atexit cleanup runs after static strings are destroyed.
char scratch[] = "/tmp/kefu-fuzz-store-XXXXXX";

const char* scratch_dir() {
  static const bool made = [] {
    if (!mkdtemp(scratch)) std::abort();
    std::atexit([] { std::filesystem::remove_all(scratch); });
    return true;
  }();
  (void)made;
  return scratch;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size < 5) return 0;
  const bool kb_store = data[0] % 2 == 0;
  const size_t n = std::min<size_t>(size - 5, data[1] | data[2] << 8 | data[3] << 16 | size_t{data[4]} << 24);
  const std::string_view bytes(reinterpret_cast<const char*>(data + 5), size - 5);
  const std::string dir = std::string(scratch_dir()) + "/store";
  std::filesystem::remove_all(dir);
  std::filesystem::create_directory(dir);
  write_file(dir + "/SNAPSHOT", bytes.substr(0, n));
  write_file(dir + "/LOG", bytes.substr(n));

  char* out = nullptr;
  if (kb_store) {
    kefu_kb* kb = nullptr;
    if (!fuzz::ok(kefu_kb_open(dir.c_str(), nullptr, &kb), "kb_open")) return 0;
    if (fuzz::ok(kefu_kb_search(kb, "退货", std::strlen("退货"), nullptr, &out), "search")) fuzz::json_result(out, "search");
    if (fuzz::ok(kefu_kb_stats(kb, &out), "stats")) fuzz::json_result(out, "stats");
    const char* entry = R"({"id": "new", "question": "怎么开发票", "answer": "在订单页"})";
    if (!fuzz::ok(kefu_kb_upsert(kb, entry, std::strlen(entry)), "upsert")) fuzz::die("upsert after open", KEFU_OK);
    fuzz::ok(kefu_kb_compact(kb), "compact");
    kefu_kb_close(kb);
  } else {
    kefu_profiles* p = nullptr;
    if (!fuzz::ok(kefu_profiles_open(dir.c_str(), nullptr, &p), "profiles_open")) return 0;
    if (fuzz::ok(kefu_profiles_get(p, "phone:13800000000", nullptr, &out), "get")) fuzz::json_result(out, "get");
    const char* event = R"({"customer": {"phone": "13900000000"}, "type": "call", "time": 1795000000})";
    if (!fuzz::ok(kefu_profiles_record(p, event, std::strlen(event), nullptr), "record"))
      fuzz::die("record after open", KEFU_OK);
    kefu_profiles_close(p);
  }
  return 0;
}
