// kefu chat: a conversation with a bot, the main job of the library. The
// built-in Chinese shop bot unless told otherwise; reads stdin line by line
// and plays the host application, supplying demo data where a reply waits
// for it (--data). Everything goes through the C ABI.
#include <cstring>
#include <iostream>
#include <string>

#include <unistd.h>

#include <nlohmann/json.hpp>

#include "builtin_bots.h"
#include "cli_common.h"

namespace cli {

using nlohmann::json;

namespace {

const char* kDemoDataZh =
    R"({"status": "运输中，预计明天送达", "carrier": "顺丰速运", "tracking_number": "SF1402857369", "ticket_id": "T20261123001", "result": "已受理，差价将在1-3个工作日内退回"})";
const char* kDemoDataEn =
    R"({"status": "in transit, arriving tomorrow", "carrier": "UPS", "tracking_number": "1Z999AA10123456784", "ticket_id": "T20261123001", "result": "approved; the difference is refunded within 3 business days"})";

int chat_usage() {
  std::fprintf(stderr,
               "usage: kefu chat [--lang zh|en] [--bot BOT.json | --model MODEL.kefu] [--json]\n"
               "                 [--time ISO8601] [--data JSON]\n");
  return 2;
}

struct Chat {
  kefu_engine* engine = nullptr;
  kefu_session* session = nullptr;
  bool json_out = false;
  std::string context;  // turn context JSON without data
  std::string data;
  bool zh = true;

  ~Chat() {
    kefu_session_free(session);
    kefu_engine_close(engine);
  }

  bool turn(const std::string& text, const std::string& ctx, json& result) {
    char* out = nullptr;
    kefu_status st = kefu_session_turn(session, text.data(), text.size(), ctx.c_str(), &out);
    if (st != KEFU_OK) {
      report(st);
      return false;
    }
    result = json::parse(out);
    kefu_string_free(out);
    if (json_out) std::printf("%s\n", result.dump().c_str());
    else if (!result["reply"].is_null()) std::printf("%s%s\n", zh ? "客服：" : "bot: ", result["reply"].get<std::string>().c_str());
    return true;
  }

  int say(const std::string& text) {
    json r;
    if (!turn(text, context, r)) return 1;
    if (r["fulfill"].is_object() && r["fulfill"]["awaiting_data"] == true) {
      if (!json_out)
        std::printf("  [host: %s %s]\n", r["fulfill"]["action"].get<std::string>().c_str(),
                    r["fulfill"]["slots"].dump().c_str());
      json ctx = json::parse(context);
      ctx["data"] = json::parse(data);
      if (!turn("", ctx.dump(), r)) return 1;
    }
    if (r["closed"] == true) {
      if (!json_out) {
        std::string why = r["action"] == "handoff" ? "handoff: " + r["handoff"]["reason"].get<std::string>() : "done";
        std::printf("  [%s — new conversation]\n", why.c_str());
      }
      kefu_session_free(session);
      session = nullptr;
      if (kefu_session_new(engine, nullptr, 0, &session) != KEFU_OK) return report(KEFU_ERR_INTERNAL);
    }
    return 0;
  }
};

}  // namespace

int run_chat(int argc, char** argv) {
  std::string lang = "zh", bot_path, model_path, time, data;
  Chat chat;
  for (int i = 2; i < argc; ++i) {
    std::string arg = argv[i];
    auto value = [&](std::string& into) {
      if (i + 1 >= argc) return false;
      into = argv[++i];
      return true;
    };
    bool ok = true;
    if (arg == "--json") chat.json_out = true;
    else if (arg == "--lang") ok = value(lang) && (lang == "zh" || lang == "en");
    else if (arg == "--bot") ok = value(bot_path);
    else if (arg == "--model") ok = value(model_path);
    else if (arg == "--time") ok = value(time);
    else if (arg == "--data") ok = value(data);
    else ok = false;
    if (!ok) return chat_usage();
  }
  chat.zh = lang == "zh";
  kefu_status st;
  if (!model_path.empty()) {
    st = kefu_engine_open(model_path.c_str(), nullptr, &chat.engine);
  } else {
    std::string bot = bot_path.empty() ? (chat.zh ? kBotShopZh : kBotShopEn) : read_file_or_exit(bot_path);
    st = kefu_engine_train(bot.data(), bot.size(), nullptr, &chat.engine);
  }
  if (st != KEFU_OK) return report(st);
  json info;
  {
    char* out = nullptr;
    if ((st = kefu_engine_info(chat.engine, &out)) != KEFU_OK) return report(st);
    info = json::parse(out);
    kefu_string_free(out);
    chat.zh = info["language"] == "zh" || (info["language"] != "en" && chat.zh);
  }
  json ctx = json::object();
  ctx["channel"] = "cli";
  if (!time.empty()) ctx["reference_time"] = time;
  chat.context = ctx.dump();
  chat.data = data.empty() ? (chat.zh ? kDemoDataZh : kDemoDataEn) : data;
  if (!json::accept(chat.data)) {
    std::fprintf(stderr, "kefu: --data must be a JSON object\n");
    return 2;
  }
  if ((st = kefu_session_new(chat.engine, nullptr, 0, &chat.session)) != KEFU_OK) return report(st);

  const bool interactive = isatty(STDIN_FILENO);
  if (interactive && !chat.json_out)
    std::printf("kefu %s — %s (%zu intents). %s\n", kefu_version(), info["name"].get<std::string>().c_str(),
                info["intents"].size(), chat.zh ? "请输入您的问题，Ctrl-D 退出。" : "Type a message; Ctrl-D quits.");
  std::string line;
  while (true) {
    if (interactive && !chat.json_out) std::printf("%s", chat.zh ? "您：" : "you: ");
    std::fflush(stdout);
    if (!std::getline(std::cin, line)) break;
    if (!interactive && !chat.json_out) std::printf("%s%s\n", chat.zh ? "您：" : "you: ", line.c_str());
    if (int rc = chat.say(line)) return rc;
  }
  if (interactive && !chat.json_out) std::printf("\n");
  return 0;
}

}  // namespace cli
