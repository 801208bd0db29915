// Whole-file reads and atomic whole-file writes.
#pragma once

#include <string>
#include <string_view>

namespace kefu {

// Reads a file; KEFU_ERR_IO naming the path and the OS reason on failure.
std::string read_file(const std::string& path);

// Writes `bytes` to a temporary file beside `path`, flushes it to disk and
// renames it over `path`: readers see the old file or the new one, never a
// mix, even after a crash.
void write_file_atomic(const std::string& path, std::string_view bytes);

}  // namespace kefu
