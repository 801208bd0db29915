// kefu train | parse — over the C ABI.
#include <chrono>
#include <fstream>
#include <iostream>
#include <sstream>

#include <nlohmann/json.hpp>

#include "cli_common.h"

namespace cli {

using nlohmann::json;
using Clock = std::chrono::steady_clock;

std::string read_file_or_exit(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    std::fprintf(stderr, "kefu: cannot read %s\n", path.c_str());
    std::exit(1);
  }
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

namespace {

bool ends_with(const std::string& s, const std::string& suffix) {
  return s.size() >= suffix.size() && s.compare(s.size() - suffix.size(), suffix.size(), suffix) == 0;
}

}  // namespace

kefu_status train_engine(const std::string& path, const std::string& dev_path, const std::string& options,
                  kefu_engine** out) {
  std::string data = read_file_or_exit(path);
  const char* opts = options.empty() ? nullptr : options.c_str();
  if (!ends_with(path, ".jsonl")) return kefu_engine_train(data.data(), data.size(), opts, out);
  std::string dev = dev_path.empty() ? "" : read_file_or_exit(dev_path);
  return kefu_engine_train_jsonl(data.data(), data.size(), dev_path.empty() ? nullptr : dev.data(),
                                 dev.size(), opts, out);
}

namespace {

void print_warnings(const kefu_engine* engine) {
  char* info = nullptr;
  if (kefu_engine_info(engine, &info) != KEFU_OK) return;
  json j = json::parse(info);
  kefu_string_free(info);
  size_t shown = 0;
  for (const auto& w : j["warnings"])
    if (shown++ < 20) std::fprintf(stderr, "warning: %s\n", w.get<std::string>().c_str());
  if (shown > 20) std::fprintf(stderr, "warning: ... %zu more\n", shown - 20);
}

}  // namespace

int run_train(const Args& args) {
  if (args.free.size() != 1 || !args.has("-o")) {
    std::fprintf(stderr, "usage: kefu train BOT.json|TRAIN.jsonl [--dev DEV.jsonl] "
                         "[--options JSON] -o MODEL.kefu\n");
    return 2;
  }
  kefu_engine* engine = nullptr;
  auto start = Clock::now();
  kefu_status st = train_engine(args.free[0], args.get("--dev"), args.get("--options"), &engine);
  if (st != KEFU_OK) return report(st);
  double seconds = std::chrono::duration<double>(Clock::now() - start).count();
  print_warnings(engine);
  st = kefu_engine_save(engine, args.get("-o").c_str());
  kefu_engine_close(engine);
  if (st != KEFU_OK) return report(st);
  std::fprintf(stderr, "trained in %.2f s, saved %s\n", seconds, args.get("-o").c_str());
  return 0;
}

int run_parse(const Args& args) {
  if (!args.has("-m")) {
    std::fprintf(stderr, "usage: kefu parse -m MODEL.kefu [--options JSON] [TEXT...]\n");
    return 2;
  }
  kefu_engine* engine = nullptr;
  kefu_status st = kefu_engine_open(args.get("-m").c_str(), nullptr, &engine);
  if (st != KEFU_OK) return report(st);
  std::string options = args.get("--options");
  int rc = 0;
  auto run = [&](const std::string& text) {
    char* out = nullptr;
    kefu_status s = kefu_parse(engine, text.data(), text.size(),
                               options.empty() ? nullptr : options.c_str(), &out);
    if (s != KEFU_OK) {
      rc = report(s);
      return;
    }
    std::printf("%s\n", out);
    kefu_string_free(out);
  };
  if (!args.free.empty()) {
    for (const auto& t : args.free) run(t);
  } else {
    for (std::string line; std::getline(std::cin, line);) run(line);
  }
  kefu_engine_close(engine);
  return rc;
}


}  // namespace cli
