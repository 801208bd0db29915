// Knowledge-base import lines: each line is imported or reported; what was
// imported exports and re-imports as the same knowledge base.
#include "fuzz_common.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  kefu_kb* kb = nullptr;
  if (!fuzz::ok(kefu_kb_open(nullptr, nullptr, &kb), "open")) fuzz::die("open", KEFU_OK);
  char* out = nullptr;
  if (fuzz::ok(kefu_kb_import(kb, reinterpret_cast<const char*>(data), size, R"({"on_error": "skip"})", &out),
               "import"))
    fuzz::json_result(out, "import report");
  else
    kefu_string_free(out);
  for (const char* q : {"怎么退货", "shipping", ""})
    if (fuzz::ok(kefu_kb_search(kb, q, std::strlen(q), nullptr, &out), "search")) fuzz::json_result(out, "search");

  size_t len = 0;
  if (!fuzz::ok(kefu_kb_export(kb, &out, &len), "export")) fuzz::die("export", KEFU_OK);
  std::string exported(out, len);
  kefu_string_free(out);
  kefu_kb* again = nullptr;
  kefu_kb_open(nullptr, nullptr, &again);
  if (!fuzz::ok(kefu_kb_import(again, exported.data(), exported.size(), nullptr, nullptr), "re-import"))
    fuzz::die("an export does not re-import", KEFU_OK);
  kefu_kb_export(again, &out, &len);
  if (std::string(out, len) != exported) fuzz::die("export → import → export differs", KEFU_OK);
  kefu_string_free(out);
  kefu_kb_close(again);
  kefu_kb_close(kb);
  return 0;
}
