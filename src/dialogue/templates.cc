#include "dialogue/templates.h"

#include "core/error.h"

namespace kefu::dialogue {

std::vector<std::string> placeholders(std::string_view tmpl) {
  std::vector<std::string> names;
  for (size_t i = 0; i < tmpl.size(); ++i) {
    if (tmpl[i] == '}') fail(KEFU_ERR_INVALID_DATA, "unmatched \"}\" at byte " + std::to_string(i));
    if (tmpl[i] != '{') continue;
    size_t close = tmpl.find_first_of("{}", i + 1);
    if (close == std::string_view::npos || tmpl[close] != '}')
      fail(KEFU_ERR_INVALID_DATA, "unclosed \"{\" at byte " + std::to_string(i));
    if (close == i + 1) fail(KEFU_ERR_INVALID_DATA, "empty \"{}\" at byte " + std::to_string(i));
    names.emplace_back(tmpl.substr(i + 1, close - i - 1));
    i = close;
  }
  return names;
}

std::string render(std::string_view tmpl, const Lookup& lookup) {
  std::string out;
  out.reserve(tmpl.size() + 16);
  for (size_t i = 0; i < tmpl.size(); ++i) {
    size_t close = tmpl[i] == '{' ? tmpl.find('}', i + 1) : std::string_view::npos;
    if (close == std::string_view::npos) {
      out += tmpl[i];
      continue;
    }
    if (auto value = lookup(tmpl.substr(i + 1, close - i - 1))) out += *value;
    i = close;
  }
  return out;
}

namespace {

using Messages = std::map<std::string, std::vector<std::string>>;

const Messages kZh = {
    {"greeting", {"您好，请问有什么可以帮您？"}},
    {"clarify", {"您是想{option1}还是{option2}？"}},
    {"rephrase", {"抱歉，我没太明白，您能换个说法吗？"}},
    {"resume", {"我们继续刚才的{title}。"}},
    {"cancelled", {"好的，已取消{title}。"}},
    {"anything_else", {"还有什么可以帮您？"}},
    {"confirm_again", {"请回复“是”确认，或“不是”修改。"}},
    {"ask_change", {"好的，请问需要修改哪一项？"}},
    {"invalid", {"抱歉，这个好像不对。"}},
    {"done", {"好的，已为您办理{title}。"}},
    {"handoff", {"正在为您转接人工客服，请稍候。"}},
    {"goodbye", {"感谢您的咨询，再见！"}},
};

const Messages kEn = {
    {"greeting", {"Hello! How can I help you?"}},
    {"clarify", {"Did you mean {option1} or {option2}?"}},
    {"rephrase", {"Sorry, I didn't quite get that. Could you say it another way?"}},
    {"resume", {"Let's get back to {title}."}},
    {"cancelled", {"OK, I've cancelled {title}."}},
    {"anything_else", {"Anything else I can help with?"}},
    {"confirm_again", {"Please answer yes to confirm, or no to change something."}},
    {"ask_change", {"Sure, what would you like to change?"}},
    {"invalid", {"Sorry, that doesn't look right."}},
    {"done", {"Done: {title}."}},
    {"handoff", {"Transferring you to a human agent, please hold on."}},
    {"goodbye", {"Thanks for contacting us. Goodbye!"}},
};

const std::map<std::string, std::vector<std::string>> kAllowed = {
    {"greeting", {}},      {"clarify", {"option1", "option2"}}, {"rephrase", {}},
    {"resume", {"title"}}, {"cancelled", {"title"}},            {"anything_else", {}},
    {"confirm_again", {}}, {"ask_change", {}},                  {"invalid", {}},
    {"done", {"title"}},   {"handoff", {}},                     {"goodbye", {}},
};

}  // namespace

const Messages& default_responses(const std::string& language) { return language == "zh" ? kZh : kEn; }

const std::vector<std::string>* response_placeholders(const std::string& key) {
  auto it = kAllowed.find(key);
  return it == kAllowed.end() ? nullptr : &it->second;
}

}  // namespace kefu::dialogue
