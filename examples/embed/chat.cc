// The same conversation as chat.c, from C++ through kefu.hpp: handles free
// themselves and a failure is a kefu::Error carrying its status.
//
//   chat_cpp [BOT.json] [MESSAGE...]      BOT.json (or "") defaults to the installed shop-zh bot
#include <fstream>
#include <iostream>
#include <sstream>
#include <string>

#include <kefu/kefu.hpp>
#include <nlohmann/json.hpp>

#ifndef KEFU_DEFAULT_BOT
#define KEFU_DEFAULT_BOT "shop-zh.json"
#endif

namespace {

// What the host's order system would return for the action kefu asks it to
// run ("fulfill"); kefu's reply templates quote it as {data.status}.
const char* kHostData = R"({"data": {"status": "运输中", "ticket_id": "T1"}})";

// Plays one message; returns false once the conversation is closed.
bool turn(kefu::Session& session, const std::string& text) {
  std::cout << "customer: " << text << "\n";
  auto result = nlohmann::json::parse(session.turn(text));
  if (result["fulfill"].is_object() && result["fulfill"].value("awaiting_data", false)) {
    std::cout << "host: runs " << result["fulfill"]["action"].get<std::string>() << "\n";
    result = nlohmann::json::parse(session.turn("", kHostData));  // run the action, send its data
  }
  std::cout << "bot [" << result["action"].get<std::string>()
            << "]: " << (result["reply"].is_string() ? result["reply"].get<std::string>() : "(no reply)")
            << "\n";
  return !result.value("closed", false);
}

}  // namespace

int main(int argc, char** argv) try {
  std::ifstream file(argc > 1 && argv[1][0] ? argv[1] : KEFU_DEFAULT_BOT);
  if (!file) throw std::runtime_error("cannot read the bot definition");
  std::stringstream bot;
  bot << file.rdbuf();

  kefu::Engine engine = kefu::Engine::train(bot.str());
  kefu::Session session(engine);
  if (argc > 2) {
    for (int i = 2; i < argc && turn(session, argv[i]); ++i) {
    }
  } else {
    for (std::string line; std::getline(std::cin, line) && turn(session, line);) {
    }
  }
  return 0;
} catch (const kefu::Error& e) {
  std::cerr << e.what() << "\n";
  return 1;
} catch (const std::exception& e) {
  std::cerr << "error: " << e.what() << "\n";
  return 1;
}
