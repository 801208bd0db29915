// Little-endian binary writing and bounds-checked reading for model files.
// A Reader never reads past its buffer: a truncated or corrupted file ends in
// KEFU_ERR_CORRUPT with a message naming what was being read.
#pragma once

#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>
#include <type_traits>
#include <vector>

#include "core/checksum.h"
#include "core/error.h"
#include "text/utf8.h"

namespace kefu::model {

class Writer {
 public:
  template <typename T>
  void pod(T value) {
    static_assert(std::is_trivially_copyable_v<T>);
    bytes_.append(reinterpret_cast<const char*>(&value), sizeof(T));
  }
  void str(std::string_view s) {
    pod<uint64_t>(s.size());
    bytes_.append(s);
  }
  template <typename T>
  void vec(const std::vector<T>& v) {
    static_assert(std::is_trivially_copyable_v<T>);
    pod<uint64_t>(v.size());
    bytes_.append(reinterpret_cast<const char*>(v.data()), v.size() * sizeof(T));
  }
  const std::string& bytes() const { return bytes_; }
  std::string take() { return std::move(bytes_); }

 private:
  std::string bytes_;
};

class Reader {
 public:
  explicit Reader(std::string_view bytes) : bytes_(bytes) {}

  template <typename T>
  T pod(const char* what) {
    static_assert(std::is_trivially_copyable_v<T>);
    need(sizeof(T), what);
    T value;
    std::memcpy(&value, bytes_.data() + pos_, sizeof(T));
    pos_ += sizeof(T);
    return value;
  }
  // A length-prefixed string of text (names, definitions): must be UTF-8,
  // since it ends up in results.
  std::string str(const char* what) {
    uint64_t n = pod<uint64_t>(what);
    need(n, what);
    std::string s(bytes_.substr(pos_, n));
    pos_ += n;
    if (!text::valid_utf8(s)) fail(KEFU_ERR_CORRUPT, std::string("model data: ") + what + " is not valid UTF-8");
    return s;
  }
  // A length-prefixed byte range, without copying.
  std::string_view view(const char* what) {
    uint64_t n = pod<uint64_t>(what);
    need(n, what);
    std::string_view v = bytes_.substr(pos_, n);
    pos_ += n;
    return v;
  }
  template <typename T>
  std::vector<T> vec(const char* what) {
    uint64_t n = pod<uint64_t>(what);
    if (n > (bytes_.size() - pos_) / sizeof(T)) truncated(what);
    const char* p = bytes_.data() + pos_;
    pos_ += n * sizeof(T);
    if constexpr (sizeof(T) == 1) {
      auto* first = reinterpret_cast<const T*>(p);
      return std::vector<T>(first, first + n);  // no zero-fill before the copy
    } else {
      std::vector<T> v(n);
      if (n) std::memcpy(v.data(), p, n * sizeof(T));  // an empty vector's data() may be null
      return v;
    }
  }
  bool done() const { return pos_ == bytes_.size(); }

 private:
  void need(uint64_t n, const char* what) const {
    if (n > bytes_.size() - pos_) truncated(what);
  }
  [[noreturn]] static void truncated(const char* what) {
    fail(KEFU_ERR_CORRUPT, std::string("model data truncated while reading ") + what);
  }
  std::string_view bytes_;
  size_t pos_ = 0;
};

using kefu::checksum64;  // core/checksum.h

}  // namespace kefu::model
