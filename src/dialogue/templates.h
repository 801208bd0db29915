// Response templates: "{slot}" placeholders filled from slot values, host
// data ("{data.status}") or system values ("{option1}"), and the built-in
// system messages in Chinese and English.
#pragma once

#include <functional>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace kefu::dialogue {

// The names between braces, in order ("订单{order_id}" → {"order_id"}).
// Throws KEFU_ERR_INVALID_DATA for an unclosed or empty brace.
std::vector<std::string> placeholders(std::string_view tmpl);

using Lookup = std::function<std::optional<std::string>(std::string_view name)>;

// Replaces each placeholder by lookup(name); unknown names become "".
std::string render(std::string_view tmpl, const Lookup& lookup);

// System messages by key, for "zh" or anything else (English).
const std::map<std::string, std::vector<std::string>>& default_responses(const std::string& language);

// The placeholders a system message may use, or nullptr for an unknown key.
const std::vector<std::string>* response_placeholders(const std::string& key);

}  // namespace kefu::dialogue
