// Crash test of the profile store, through the C ABI: a child process records
// events (and links) as fast as it can and is killed (SIGKILL) at a random
// moment, or runs into a full disk (RLIMIT_FSIZE: writes fail with EFBIG).
// The parent reopens the store and checks that it holds exactly the events
// the child saw acknowledged, possibly plus the one in flight, by comparing
// every profile with a single-threaded in-memory replay; after a full disk,
// the failed call must have been KEFU_ERR_IO and nothing it wrote may show.
//
// Runs for KEFU_CRASH_SECONDS seconds (default 8); KEFU_CRASH_SEED fixes the
// random choices.
#include <poll.h>
#include <signal.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <random>
#include <string>
#include <thread>

#include <nlohmann/json.hpp>

#include "crash_test_run.h"
#include "kefu/kefu.h"

using nlohmann::json;

namespace {

constexpr int kCustomers = 40;

// Change n is a pure function of n: an event, or every 37th a link.
bool is_link(uint64_t n) { return n % 37 == 0; }

std::string event(uint64_t n) {
  static const char* types[] = {"page_view", "purchase", "complaint", "call", "refund", "turn"};
  const uint64_t c = (n * 7919) % kCustomers;
  json e = {{"customer", {{"phone", "1380000" + std::to_string(1000 + c)}}},
            {"type", types[n % 6]},
            {"time", 1700000000 + static_cast<int64_t>(n % 5000) * 97},  // out of order on purpose
            {"channel", n % 3 ? "app" : "web"}};
  if (n % 6 == 0) e["attributes"] = {{"page", n % 4 ? "product" : "pricing"}};
  if (n % 6 == 1 || n % 6 == 4) e["attributes"] = {{"amount", 10 + n % 900}, {"product", "p" + std::to_string(n % 5)}};
  if (n % 6 == 2 || n % 6 == 3) e["attributes"] = {{"topic", "t" + std::to_string(n % 4)}};
  if (n % 6 == 5) e["attributes"] = {{"intent", "refund"}, {"sentiment", -0.1 * static_cast<double>(n % 10)}};
  if (n % 11 == 0) e["customer"]["member_id"] = "M" + std::to_string(n % 13);  // merges, some refused
  return e.dump();
}

kefu_status apply(kefu_profiles* p, uint64_t n) {
  if (is_link(n)) {
    const std::string a = "phone:1380000" + std::to_string(1000 + n % kCustomers);
    const std::string b = "account:A" + std::to_string(n % 9);
    return kefu_profiles_link(p, a.c_str(), b.c_str(), nullptr);
  }
  const std::string e = event(n);
  return kefu_profiles_record(p, e.data(), e.size(), nullptr);
}

// Every customer's profile as of a fixed time, without sequence numbers.
json summary(const kefu_profiles* p) {
  json all = json::object();
  for (int c = 0; c < kCustomers; ++c) {
    const std::string who = "phone:1380000" + std::to_string(1000 + c);
    char* out = nullptr;
    if (kefu_profiles_get(p, who.c_str(), R"({"as_of": 1700600000})", &out) != KEFU_OK) continue;
    json r = json::parse(out);
    kefu_string_free(out);
    json tags = json::array();
    for (const auto& t : r["tags"]) tags.push_back({t["tag"], t["value"]});
    all[who] = {r["events"], r["identifiers"], tags};
  }
  return all;
}

json replay(uint64_t last) {
  kefu_profiles* p = nullptr;
  kefu_profiles_open(nullptr, nullptr, &p);
  for (uint64_t n = 1; n <= last; ++n) apply(p, n);
  json s = summary(p);
  kefu_profiles_close(p);
  return s;
}

constexpr uint64_t kReady = ~uint64_t{0};
constexpr uint64_t kIoError = ~uint64_t{0} - 1;  // a write failed with KEFU_ERR_IO: the child stops

void say(int fd, uint64_t v) {
  if (::write(fd, &v, sizeof v) != sizeof v) _exit(4);
}

[[noreturn]] void child(const std::string& dir, uint64_t first, int fd, rlim_t file_limit) {
  kefu_profiles* p = nullptr;
  if (kefu_profiles_open(dir.c_str(), nullptr, &p) != KEFU_OK) {
    std::fprintf(stderr, "profiles_crash: child cannot open: %s\n", kefu_last_error());
    _exit(3);
  }
  say(fd, kReady);
  if (file_limit) {  // a full disk from here on
    ::signal(SIGXFSZ, SIG_IGN);
    struct rlimit rl = {file_limit, file_limit};
    ::setrlimit(RLIMIT_FSIZE, &rl);
  }
  for (uint64_t n = first;; ++n) {
    kefu_status st = apply(p, n);
    if (st == KEFU_ERR_IO) {
      say(fd, kIoError);
      _exit(0);
    }
    if (st != KEFU_OK && st != KEFU_ERR_INVALID_DATA) {  // INVALID_DATA: a refused merge, also durable
      std::fprintf(stderr, "profiles_crash: change %llu: %s\n", static_cast<unsigned long long>(n), kefu_last_error());
      _exit(3);
    }
    say(fd, n);
  }
}

bool g_failed = false;

int failed(const std::string& why) {
  std::fprintf(stderr, "profiles_crash: FAILED: %s\n", why.c_str());
  g_failed = true;
  return 1;
}

uint64_t store_bytes(const std::string& dir) {
  std::error_code ec;
  uint64_t n = 0;
  for (const char* f : {"/SNAPSHOT", "/LOG"}) {
    auto s = std::filesystem::file_size(dir + f, ec);
    if (!ec) n = std::max<uint64_t>(n, s);
  }
  return n;
}

}  // namespace

int main() {
  const CrashRun run = crash_run(8);
  const double budget = run.budget;
  const uint64_t seed = run.seed;
  std::mt19937_64 rng(seed);

  char tmpl[] = "/tmp/kefu-profiles-crash-XXXXXX";
  if (!::mkdtemp(tmpl)) return failed("cannot create a temporary directory");
  const std::string root = tmpl;
  const auto start = std::chrono::steady_clock::now();
  auto elapsed = [&] { return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count(); };

  uint64_t kills = 0, full_disks = 0, acknowledged = 0, in_flight_kept = 0, stores = 0, n = 1;
  std::string dir;
  while (kills + full_disks == 0 || elapsed() < budget) {
    if (dir.empty() || n > 3000) {  // keep the replays cheap
      dir = root + "/p" + std::to_string(stores++);
      n = 1;
    }
    const bool full_disk = rng() % 4 == 0;
    const rlim_t limit = full_disk ? store_bytes(dir) + 200 + rng() % 20000 : 0;
    int fds[2];
    if (::pipe(fds) != 0) return failed("pipe");
    std::fflush(nullptr);
    pid_t pid = ::fork();
    if (pid < 0) return failed("fork");
    if (pid == 0) {
      ::close(fds[0]);
      child(dir, n, fds[1], limit);
    }
    ::close(fds[1]);
    uint64_t last = n - 1;
    bool ready = false, io_error = false;
    auto hear = [&](int timeout_ms) {
      struct pollfd pfd = {fds[0], POLLIN, 0};
      uint64_t v;
      if (::poll(&pfd, 1, timeout_ms) != 1 || ::read(fds[0], &v, sizeof v) != sizeof v) return false;
      if (v == kReady) ready = true;
      else if (v == kIoError) io_error = true;
      else last = v;
      return true;
    };
    int status = 0;
    if (full_disk) {
      while (!io_error && hear(10000)) {
      }
      ::waitpid(pid, &status, 0);
      if (!io_error || !WIFEXITED(status) || WEXITSTATUS(status) != 0)
        return failed("a full disk did not end in KEFU_ERR_IO (status " + std::to_string(status) + ")");
      ++full_disks;
    } else {
      while (!ready && hear(10000)) {
      }
      std::this_thread::sleep_for(std::chrono::microseconds(rng() % 60000));
      ::kill(pid, SIGKILL);
      ::waitpid(pid, &status, 0);
      if (!(WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL))
        return failed("the child ended by itself (status " + std::to_string(status) + ")");
      ++kills;
    }
    while (hear(0)) {
    }
    ::close(fds[0]);
    acknowledged += last + 1 - n;

    kefu_profiles* p = nullptr;
    if (kefu_profiles_open(dir.c_str(), nullptr, &p) != KEFU_OK)
      return failed(std::string("the store does not reopen: ") + kefu_last_error());
    const json got = summary(p);
    kefu_profiles_close(p);
    if (got == replay(last)) {
      n = last + 1;
    } else if (!full_disk && got == replay(last + 1)) {  // the change in flight made it to disk
      ++in_flight_kept;
      n = last + 2;
    } else {
      return failed("store " + dir + " after change " + std::to_string(last) +
                    (full_disk ? " and a full disk" : " and a kill") + " holds something else than was acknowledged");
    }
  }
  std::printf("{\"test\": \"profiles_crash\", \"seconds\": %.1f, \"kills\": %llu, \"full_disks\": %llu, "
              "\"acknowledged\": %llu, \"in_flight_kept\": %llu, \"lost\": 0, \"seed\": %llu}\n",
              elapsed(), static_cast<unsigned long long>(kills), static_cast<unsigned long long>(full_disks),
              static_cast<unsigned long long>(acknowledged), static_cast<unsigned long long>(in_flight_kept),
              static_cast<unsigned long long>(seed));
  if (!g_failed) std::filesystem::remove_all(root);
  return 0;
}
