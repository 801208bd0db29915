// int8 weight rows with one float scale per row: 4× smaller than float, and
// the rounding error is far below what changes a ranking. Models round their
// float weights this way at the end of training, so a trained engine and the
// same engine loaded from its file answer identically.
#pragma once

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <vector>

namespace kefu::model {

inline void quantize_rows(const std::vector<float>& weights, size_t row_size,
                          std::vector<float>& scales, std::vector<int8_t>& q) {
  const size_t rows = row_size == 0 ? 0 : weights.size() / row_size;
  scales.assign(rows, 0.0f);
  q.assign(weights.size(), 0);
  for (size_t r = 0; r < rows; ++r) {
    float max = 0;
    for (size_t c = 0; c < row_size; ++c) max = std::max(max, std::abs(weights[r * row_size + c]));
    if (max == 0) continue;
    scales[r] = max / 127.0f;
    for (size_t c = 0; c < row_size; ++c)
      q[r * row_size + c] = static_cast<int8_t>(std::lround(weights[r * row_size + c] / scales[r]));
  }
}

}  // namespace kefu::model
