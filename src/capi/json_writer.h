// A minimal append-only JSON writer for hot result paths: building a
// nlohmann::json tree first costs an allocation per key and value, several
// times the work of writing the text directly. Strings must be valid UTF-8
// (kefu validates all input before it gets here).
#pragma once

#include <cstdio>
#include <string>
#include <string_view>

namespace kefu::capi {

class JsonWriter {
 public:
  JsonWriter& begin_object() { return open('{'); }
  JsonWriter& end_object() { return close('}'); }
  JsonWriter& begin_array() { return open('['); }
  JsonWriter& end_array() { return close(']'); }

  JsonWriter& key(std::string_view k) {
    comma();
    quoted(k);
    out_.push_back(':');
    fresh_ = true;  // the value follows without a comma
    return *this;
  }
  JsonWriter& string(std::string_view s) {
    comma();
    quoted(s);
    return *this;
  }
  JsonWriter& number(double v) {
    comma();
    char buf[32];
    int n = std::snprintf(buf, sizeof buf, "%.9g", v);
    out_.append(buf, static_cast<size_t>(n));
    return *this;
  }
  JsonWriter& integer(long long v) {
    comma();
    out_.append(std::to_string(v));
    return *this;
  }
  JsonWriter& boolean(bool v) {
    comma();
    out_.append(v ? "true" : "false");
    return *this;
  }
  JsonWriter& null() {
    comma();
    out_.append("null");
    return *this;
  }
  // Already-serialized JSON (e.g. an entity's resolved value).
  JsonWriter& raw(std::string_view json) {
    comma();
    out_.append(json);
    return *this;
  }
  std::string& str() { return out_; }

 private:
  JsonWriter& open(char c) {
    comma();
    out_.push_back(c);
    fresh_ = true;
    return *this;
  }
  JsonWriter& close(char c) {
    out_.push_back(c);
    fresh_ = false;
    return *this;
  }
  void comma() {
    if (!fresh_) out_.push_back(',');
    fresh_ = false;
  }
  void quoted(std::string_view s) {
    out_.push_back('"');
    for (char c : s) {
      switch (c) {
        case '"': out_.append("\\\""); break;
        case '\\': out_.append("\\\\"); break;
        case '\n': out_.append("\\n"); break;
        case '\r': out_.append("\\r"); break;
        case '\t': out_.append("\\t"); break;
        default:
          if (static_cast<unsigned char>(c) < 0x20) {
            char buf[8];
            std::snprintf(buf, sizeof buf, "\\u%04x", c);
            out_.append(buf);
          } else {
            out_.push_back(c);
          }
      }
    }
    out_.push_back('"');
  }

  std::string out_;
  bool fresh_ = true;
};

}  // namespace kefu::capi
