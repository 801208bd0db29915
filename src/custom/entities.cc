#include "custom/entities.h"

#include <algorithm>
#include <cctype>

#include <re2/re2.h>

#include "core/error.h"
#include "text/utf8.h"

namespace kefu::custom {

using nlohmann::json;

CustomEntities::CustomEntities() = default;
CustomEntities::~CustomEntities() = default;
CustomEntities::CustomEntities(CustomEntities&&) noexcept = default;
CustomEntities& CustomEntities::operator=(CustomEntities&&) noexcept = default;

namespace {

// A user pattern may use at most this much memory: a pathological pattern
// fails to compile with a clear error instead of eating the host's memory.
constexpr int64_t kPatternMemory = 8 << 20;

bool is_latin_alnum(char32_t c) {
  return (c < 0x80 && std::isalnum(static_cast<int>(c))) || (c >= 0xC0 && c < 0x250);
}

}  // namespace

CustomEntities CustomEntities::build(const json& entities, const text::NormalizeOptions& normalize,
                                     std::vector<std::string>& errors) {
  CustomEntities out;
  if (!entities.is_object()) {
    errors.push_back("$.entities: must be an object of entity name → definition");
    return out;
  }
  for (const auto& [name, def] : entities.items()) {
    const std::string path = "$.entities." + name;
    if (def.is_string()) {
      const std::string& s = def.get_ref<const std::string&>();
      if (s.rfind("builtin:", 0) != 0) {
        errors.push_back(path + ": a string definition must be \"builtin:<type>\"");
        continue;
      }
      out.builtins_[name] = s.substr(8);
      continue;
    }
    if (!def.is_object() || (def.contains("values") == def.contains("pattern"))) {
      errors.push_back(path + ": needs either \"values\" (a gazetteer) or \"pattern\" (RE2)");
      continue;
    }
    for (const auto& item : def.items())
      if (item.key() != "values" && item.key() != "pattern" && item.key() != "extensible")
        errors.push_back(path + "." + item.key() + ": unknown key");
    if (def.contains("pattern")) {
      if (!def["pattern"].is_string()) {
        errors.push_back(path + ".pattern: must be a string");
        continue;
      }
      re2::RE2::Options options;
      options.set_max_mem(kPatternMemory);
      options.set_log_errors(false);
      // Wrapped in a group so every match can be captured whole.
      auto re = std::make_unique<re2::RE2>("(" + def["pattern"].get<std::string>() + ")", options);
      if (!re->ok()) {
        errors.push_back(path + ".pattern: " + re->error());
        continue;
      }
      out.patterns_.push_back({name, std::move(re)});
      continue;
    }
    const json& values = def["values"];
    if (!values.is_array()) {
      errors.push_back(path + ".values: must be an array");
      continue;
    }
    for (size_t k = 0; k < values.size(); ++k) {
      const std::string vpath = path + ".values[" + std::to_string(k) + "]";
      const json& v = values[k];
      std::vector<std::string> forms;
      std::string canonical;
      if (v.is_string()) {
        canonical = v.get<std::string>();
      } else if (v.is_object() && v.contains("value") && v["value"].is_string()) {
        canonical = v["value"].get<std::string>();
        if (v.contains("synonyms")) {
          if (!v["synonyms"].is_array()) {
            errors.push_back(vpath + ".synonyms: must be an array of strings");
            continue;
          }
          for (const auto& syn : v["synonyms"])
            if (syn.is_string()) forms.push_back(syn.get<std::string>());
            else errors.push_back(vpath + ".synonyms: must be an array of strings");
        }
      } else {
        errors.push_back(vpath + ": must be a string or {\"value\", \"synonyms\"}");
        continue;
      }
      forms.push_back(canonical);
      for (const std::string& form : forms) {
        std::u32string norm;
        try {
          norm = text::normalize(text::decode_utf8(form, normalize.max_text_bytes), normalize).chars;
        } catch (const Error& e) {
          errors.push_back(vpath + ": " + e.what());
          continue;
        }
        if (norm.empty()) continue;
        out.max_form_len_ = std::max(out.max_form_len_, norm.size());
        out.first_chars_.insert(norm.front());
        auto& slot = out.forms_[norm];
        bool dup = std::any_of(slot.begin(), slot.end(),
                               [&, &entity = name](const Form& f) { return f.entity == entity && f.value == canonical; });
        if (!dup) slot.push_back({name, canonical});
      }
    }
  }
  return out;
}

std::vector<EntityMatch> CustomEntities::find(std::u32string_view text) const {
  std::vector<EntityMatch> found;
  // Gazetteers: longest form first at each position; Latin forms must not
  // cut a Latin word in two.
  std::u32string candidate;
  for (size_t pos = 0; pos < text.size() && max_form_len_ > 0;) {
    size_t matched = 0;
    if (first_chars_.count(text[pos]) &&
        !(pos > 0 && is_latin_alnum(text[pos]) && is_latin_alnum(text[pos - 1]))) {
      for (size_t len = std::min(max_form_len_, text.size() - pos); len > 0 && !matched; --len) {
        candidate.assign(text.substr(pos, len));
        auto it = forms_.find(candidate);
        if (it == forms_.end()) continue;
        size_t end = pos + len;
        if (end < text.size() && is_latin_alnum(text[end - 1]) && is_latin_alnum(text[end])) continue;
        for (const Form& f : it->second)
          found.push_back({f.entity, static_cast<uint32_t>(pos), static_cast<uint32_t>(end), f.value,
                           it->second.size() == 1 ? 0.95f : 0.6f, "gazetteer"});
        matched = len;
      }
    }
    pos += matched ? matched : 1;
  }
  // Patterns run on UTF-8; map byte offsets back to code points.
  if (!patterns_.empty()) {
    std::string utf8;
    std::vector<uint32_t> byte_to_cp;
    for (uint32_t i = 0; i < text.size(); ++i) {
      text::append_utf8(utf8, text[i]);
      byte_to_cp.resize(utf8.size(), i);
    }
    byte_to_cp.push_back(static_cast<uint32_t>(text.size()));
    for (const Pattern& p : patterns_) {
      re2::StringPiece input(utf8), match;
      while (!input.empty() && re2::RE2::FindAndConsume(&input, *p.re, &match)) {
        if (match.empty()) {
          if (input.empty()) break;
          input.remove_prefix(1);
          continue;
        }
        size_t b = static_cast<size_t>(match.data() - utf8.data());
        found.push_back({p.entity, byte_to_cp[b], byte_to_cp[b + match.size()],
                         std::string(match), 0.9f, "pattern"});
      }
    }
  }
  std::sort(found.begin(), found.end(), [](const EntityMatch& a, const EntityMatch& b) {
    return a.begin != b.begin ? a.begin < b.begin : a.end > b.end;
  });
  return found;
}

}  // namespace kefu::custom
