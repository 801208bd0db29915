// kefu demo: trains the built-in shop bots and shows what kefu understands in
// a few customer messages. Everything goes through the C ABI.
#include <cstring>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "builtin_bots.h"
#include "cli_common.h"

namespace cli {

using nlohmann::json;

namespace {

// Runs a kefu call that writes a JSON string and returns it parsed.
template <typename Call>
json call_json(Call&& call) {
  char* out = nullptr;
  if (kefu_status status = call(&out); status != KEFU_OK) {
    report(status);
    std::exit(1);
  }
  json j = json::parse(out);
  kefu_string_free(out);
  return j;
}

void show(const kefu_engine* engine, const kefu_segmenter* seg, const std::string& text) {
  json parsed = call_json([&](char** out) {
    return kefu_parse(engine, text.data(), text.size(), nullptr, out);
  });
  json tokens = call_json([&](char** out) { return kefu_segment(seg, text.data(), text.size(), out); });
  std::string words;
  for (const auto& t : tokens["tokens"])
    words += (words.empty() ? "" : " | ") + t["text"].get<std::string>();
  std::string intent = parsed["intent"].is_null()
                           ? "(out of scope)"
                           : parsed["intent"]["name"].get<std::string>() + " " +
                                 std::to_string(parsed["intent"]["confidence"].get<double>()).substr(0, 4);
  std::printf("  %-20s ← %s   [%s]\n", intent.c_str(), text.c_str(), words.c_str());
}

}  // namespace

int print_builtin_bot(const std::string& language) {
  if (language != "zh" && language != "en") {
    std::fprintf(stderr, "usage: kefu bot zh|en\n");
    return 2;
  }
  std::printf("%s", language == "zh" ? kBotShopZh : kBotShopEn);
  return 0;
}

int run_demo() {
  std::printf("kefu %s — built-in e-commerce bots (kefu bot zh|en prints them)\n", kefu_version());
  kefu_segmenter* seg = nullptr;
  if (kefu_status st = kefu_segmenter_new(nullptr, &seg); st != KEFU_OK) return report(st);
  struct Bot {
    const char* definition;
    std::vector<std::string> messages;
  };
  const Bot bots[] = {
      {kBotShopZh,
       {"我的快遞到哪了？", "钱什么时候能退给我", "我想把收货地址改一下", "ＡＢＣ１２３这个订单不要了",
        "我要找人工客服", "今天北京天气怎么样"}},
      {kBotShopEn,
       {"Where's my parcel??", "I want my money back", "please CANCEL order 12345",
        "can I send the shoes back", "let me talk to a real person", "tell me a joke"}}};
  for (const Bot& bot : bots) {
    kefu_engine* engine = nullptr;
    if (kefu_status st = kefu_engine_train(bot.definition, std::strlen(bot.definition), nullptr, &engine);
        st != KEFU_OK)
      return report(st);
    json info = call_json([&](char** out) { return kefu_engine_info(engine, out); });
    std::printf("\n%s: %zu intents\n", info["name"].get<std::string>().c_str(), info["intents"].size());
    for (const auto& m : bot.messages) show(engine, seg, m);
    kefu_engine_close(engine);
  }
  kefu_segmenter_free(seg);
  return 0;
}

}  // namespace cli
