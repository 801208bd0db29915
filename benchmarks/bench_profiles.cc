// Customer-profile scale through the C ABI: record a synthetic event stream
// (1,000,000 customers and 20,000,000 events by default), then look profiles
// up. Prints recording throughput, lookup p50/p99, memory per customer.
//
// usage: bench_profiles [CUSTOMERS [EVENTS]]
//
// The synthetic stream (no public data set has customer event logs):
// - customers are drawn with a Zipf-like skew (s = 0.8) so some are busy;
// - event types: page_view 55%, turn 20%, purchase 10%, call 5%, ticket 4%,
//   complaint 2%, refund 2%, handoff 2%;
// - channels: app 45%, web 30%, phone 15%, wechat 10%;
// - pages: product 40%, case 20%, pricing 15%, home 15%, help 10%;
// - amounts: log-normal, median 150, sigma 1; turn sentiment: normal(0.1, 0.4) in [-1, 1];
// - identity: every customer has a phone; 30% also use a member id, and their
//   events name it from the first one on (a fifth of those name both);
// - time: 180 days ending 2026-11-23, increasing, with 2% of events up to a
//   day out of order.
#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <random>
#include <string>
#include <vector>

#include "kefu/kefu.h"

namespace {

using Clock = std::chrono::steady_clock;

double resident_mb() {
  std::ifstream statm("/proc/self/statm");
  long pages = 0, resident = 0;
  statm >> pages >> resident;
  return static_cast<double>(resident) * 4096.0 / (1 << 20);
}

void check(kefu_status st, const char* what) {
  if (st == KEFU_OK) return;
  std::fprintf(stderr, "bench_profiles: %s: %s\n", what, kefu_last_error());
  std::exit(1);
}

class Stream {
 public:
  Stream(uint64_t customers, uint64_t events) : customers_(customers), events_(events), zipf_(customers) {}

  // The next event as JSON, and the identifier to look its customer up by.
  std::string next(std::string* who) {
    uint64_t c = zipf_(rng_);
    int64_t t = start_ + static_cast<int64_t>(static_cast<double>(n_++) / static_cast<double>(events_) * kSpan);
    if (uniform_(rng_) < 0.02) t -= static_cast<int64_t>(uniform_(rng_) * 86400);
    const bool member = c % 10 < 3;
    std::string phone = "\"phone\":\"1" + std::to_string(3000000000ULL + c) + "\"";
    std::string ids = member ? (c % 5 == 0 ? phone + ",\"member_id\":\"M" + std::to_string(c) + "\""
                                           : "\"member_id\":\"M" + std::to_string(c) + "\"")
                             : phone;
    *who = member ? "member_id:M" + std::to_string(c) : "phone:1" + std::to_string(3000000000ULL + c);
    static const char* kChannels[] = {"app", "app", "app", "web", "web", "phone", "wechat", "app", "web", "app",
                                      "web", "phone", "app", "web", "phone", "wechat", "app", "web", "app", "wechat"};
    std::string e = "{\"customer\":{" + ids + "},\"time\":" + std::to_string(t) + ",\"channel\":\"" +
                     kChannels[rng_() % 20] + "\",";
    double r = uniform_(rng_);
    if (r < 0.55) {
      static const char* kPages[] = {"product", "product", "product", "product", "case", "case",
                                     "pricing", "pricing", "home", "help"};
      return e + "\"type\":\"page_view\",\"attributes\":{\"page\":\"" + kPages[rng_() % 10] + "\"}}";
    }
    if (r < 0.75) {
      static const char* kIntents[] = {"query_order", "query_logistics", "return_goods", "refund", "coupon",
                                       "complaint", "product_question", "greet"};
      double s = std::clamp(normal_(rng_), -1.0, 1.0);
      return e + "\"type\":\"turn\",\"attributes\":{\"intent\":\"" + kIntents[rng_() % 8] + "\",\"sentiment\":" +
             std::to_string(s) + "}}";
    }
    if (r < 0.85 || (r >= 0.96 && r < 0.98)) {
      double amount = 150 * std::exp(normal_(rng_) / 0.4 * 1.0 - 0.1 / 0.4);
      return e + "\"type\":\"" + (r < 0.85 ? "purchase" : "refund") + "\",\"attributes\":{\"amount\":" +
             std::to_string(static_cast<int>(amount)) + "}}";
    }
    static const char* kTopics[] = {"late delivery", "damaged", "refund delay", "wrong item"};
    const char* type = r < 0.90 ? "call" : r < 0.94 ? "ticket" : r < 0.96 ? "complaint" : "handoff";
    if (r >= 0.98) return e + "\"type\":\"handoff\",\"attributes\":{\"reason\":\"request\"}}";
    return e + "\"type\":\"" + type + "\",\"attributes\":{\"topic\":\"" + kTopics[rng_() % 4] + "\"}}";
  }

 private:
  // Customer ids with P(k) ∝ 1/(k+1)^0.8, by inverting the continuous CDF.
  struct Zipf {
    explicit Zipf(uint64_t n) : n(static_cast<double>(n)) {}
    uint64_t operator()(std::mt19937_64& rng) {
      double u = std::uniform_real_distribution<double>(0, 1)(rng);
      double x = std::pow(u * (std::pow(n + 1, 0.2) - 1) + 1, 5.0) - 1;
      return static_cast<uint64_t>(std::min(x, n - 1));
    }
    double n;
  };
  static constexpr double kSpan = 180.0 * 86400;
  uint64_t customers_, events_, n_ = 0;
  int64_t start_ = 1795392000 - static_cast<int64_t>(kSpan);  // 180 days before 2026-11-23T00:00Z
  std::mt19937_64 rng_{7};
  std::uniform_real_distribution<double> uniform_{0, 1};
  std::normal_distribution<double> normal_{0.1, 0.4};
  Zipf zipf_;
};

}  // namespace

int main(int argc, char** argv) {
  const uint64_t customers = argc > 1 ? std::strtoull(argv[1], nullptr, 10) : 1000000;
  const uint64_t events = argc > 2 ? std::strtoull(argv[2], nullptr, 10) : 20000000;
  kefu_profiles* p = nullptr;
  check(kefu_profiles_open(nullptr, nullptr, &p), "open");
  double before = resident_mb();
  Stream stream(customers, events);
  std::vector<std::string> batch, who(1);
  std::vector<std::string> sample;  // identifiers to look up afterwards
  double record_s = 0;
  const uint64_t chunk = 100000;
  for (uint64_t done = 0; done < events;) {
    batch.clear();
    for (uint64_t i = 0; i < chunk && done + i < events; ++i) {
      batch.push_back(stream.next(&who[0]));
      if ((done + i) % 997 == 0) sample.push_back(who[0]);
    }
    auto a = Clock::now();
    for (const auto& e : batch) check(kefu_profiles_record(p, e.data(), e.size(), nullptr), "record");
    record_s += std::chrono::duration<double>(Clock::now() - a).count();
    done += batch.size();
  }
  double after = resident_mb();
  std::printf("{\"bench\": \"record\", \"customers\": %llu, \"events\": %llu, \"seconds\": %.1f, \"per_s\": %.0f}\n",
              static_cast<unsigned long long>(customers), static_cast<unsigned long long>(events), record_s,
              static_cast<double>(events) / record_s);
  char* stats = nullptr;
  std::string as_of = "{\"as_of\": \"2026-11-23T12:00:00+08:00\"}";
  std::vector<double> us;
  for (int round = 0; round < 3; ++round)
    for (const auto& id : sample) {
      char* out = nullptr;
      auto a = Clock::now();
      check(kefu_profiles_get(p, id.c_str(), as_of.c_str(), &out), "get");
      us.push_back(std::chrono::duration<double, std::micro>(Clock::now() - a).count());
      kefu_string_free(out);
    }
  std::sort(us.begin(), us.end());
  std::printf("{\"bench\": \"get\", \"n\": %zu, \"p50_us\": %.1f, \"p99_us\": %.1f}\n", us.size(), us[us.size() / 2],
              us[us.size() * 99 / 100]);
  std::printf("{\"bench\": \"memory\", \"rss_mb\": %.0f, \"bytes_per_customer\": %.0f}\n", after,
              (after - before) * (1 << 20) / static_cast<double>(customers));
  (void)stats;
  kefu_profiles_close(p);
  return 0;
}
