package kefu;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** 100,000 calls must not grow native memory: every library buffer is freed. */
class MemoryTest {
  static final int CALLS = 100_000;

  @Test
  void noGrowth() throws Exception {
    Engine bot = Bots.engine();
    KnowledgeBase kb = bot.kb();
    Runnable[] calls = {
      () -> bot.parse("track order 12345678"),
      () -> bot.classify("hello", 3),
      () -> kb.search("is shipping free"),
      () -> Kefu.normalize("ＡＢＣ　１２３ 蘋果", null),
      () -> Kefu.sentiment("物流太慢了！", null),
      () -> Kefu.maskPii("手机13812345678", null),
      () -> Kefu.sentimentFast("great"),
      () -> bot.session().close(),
      () -> assertThrows(KefuException.class, () -> Kefu.normalize("x", "{\"bad\": 1}")),
    };
    // The JVM's own memory (JIT arenas, code cache) grows in steps while it warms up:
    // one unmeasured pass first.
    for (int i = 0; i < CALLS; i++) {
      calls[i % calls.length].run();
    }
    System.gc();
    long before = Bots.rssKib();
    for (int i = 0; i < CALLS; i++) {
      calls[i % calls.length].run();
    }
    System.gc();
    long grown = Bots.rssKib() - before;
    System.out.println("RSS growth over " + CALLS + " calls: " + grown + " KiB");
    // The heap is fixed and pre-touched (CMake passes -Xms=-Xmx, AlwaysPreTouch); the
    // parse results alone (~1 KB, every 9th call) would add 11 MB if they leaked.
    assertTrue(grown < 6 * 1024, "RSS grew by " + grown + " KiB over " + CALLS + " calls");
  }
}
