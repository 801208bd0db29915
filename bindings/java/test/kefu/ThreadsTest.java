package kefu;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** One engine parses on several threads with the results of one thread. */
class ThreadsTest {
  static final String[] TEXTS = {"where is my parcel", "track order 12345678", "hello",
      "has my order shipped", "what is the weather", "我的快递到哪了", "tracking please"};

  @Test
  void parallelParseMatchesSerial() throws Exception {
    Engine bot = Bots.engine();
    List<String> serial = new ArrayList<>();
    for (String t : TEXTS) {
      serial.add(bot.parse(t));
    }
    ExecutorService pool = Executors.newFixedThreadPool(4);
    List<Future<String>> results = new ArrayList<>();
    for (int i = 0; i < 400; i++) {
      String t = TEXTS[i % TEXTS.length];
      results.add(pool.submit(() -> bot.parse(t)));
    }
    for (int i = 0; i < results.size(); i++) {
      assertEquals(serial.get(i % TEXTS.length), results.get(i).get());
    }
    pool.shutdown();
  }

  @Test
  void sharedSessionIsSerialized() throws Exception {
    try (Session s = Bots.engine().session()) {
      ExecutorService pool = Executors.newFixedThreadPool(4);
      List<Future<String>> turns = new ArrayList<>();
      for (int i = 0; i < 40; i++) {
        turns.add(pool.submit(() -> s.turn("hello")));
      }
      for (Future<String> t : turns) {
        t.get();
      }
      pool.shutdown();
      assertEquals(true, s.save().contains("\"turns\":40"));
    }
  }
}
