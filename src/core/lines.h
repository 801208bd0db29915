// Line-by-line reading of text held in memory (JSONL, lexicons, sentences).
#pragma once

#include <cstddef>
#include <string_view>

namespace kefu {

// Calls fn(line, line_number) for every line of `text` (numbered from 1), a
// trailing '\r' removed. A final line without '\n' counts; the empty piece
// after a final '\n' does not.
template <typename Fn>
void for_each_line(std::string_view text, Fn&& fn) {
  size_t line_no = 0;
  for (size_t start = 0; start < text.size();) {
    size_t stop = text.find('\n', start);
    if (stop == std::string_view::npos) stop = text.size();
    std::string_view line = text.substr(start, stop - start);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    fn(line, ++line_no);
    start = stop + 1;
  }
}

}  // namespace kefu
