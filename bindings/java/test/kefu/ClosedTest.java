package kefu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/** Closed handles throw KEFU_ERR_STATE instead of crashing. */
class ClosedTest {
  static void assertClosed(String kind, Runnable call) {
    KefuException e = assertThrows(KefuException.class, call::run);
    assertEquals("KEFU_ERR_STATE", e.statusName());
    assertTrue(e.getMessage().contains(kind + " is closed"), e.getMessage());
  }

  @Test
  void everyHandle() {
    Engine e = Engine.train(Bots.MINI, null);
    Session s = e.session();
    KnowledgeBase kb = KnowledgeBase.inMemory();
    KnowledgeBase engineKb = e.kb();
    Segmenter seg = new Segmenter(null);
    SubwordModel sw = SubwordModel.train("a b c d e f g h\n".repeat(20), "{\"vocab_size\": 12}");
    SentimentModel sm = new SentimentModel(null, null);
    for (AutoCloseable h : new AutoCloseable[] {s, kb, seg, sw, sm}) {
      try {
        h.close();
        h.close();  // idempotent
      } catch (Exception ex) {
        throw new AssertionError(ex);
      }
    }
    assertClosed("session", () -> s.turn("hi"));
    assertClosed("knowledge base", () -> kb.search("x"));
    assertClosed("knowledge base", () -> kb.upsert("{}"));
    assertClosed("segmenter", () -> seg.segment("x"));
    assertClosed("subword model", () -> sw.encode("x"));
    assertClosed("sentiment model", () -> sm.fast("x"));
    Session open = e.session();
    e.close();
    assertTrue(open.isClosed(), "closing the engine closes its sessions");
    assertClosed("engine", () -> e.parse("hi"));
    assertClosed("engine", () -> e.classify("hi", 3));
    assertClosed("engine", e::session);
    assertClosed("engine", () -> engineKb.search("x"));
    assertClosed("session", () -> open.turn("hi"));
  }

  @Test
  void closeWaitsForCallsInFlight() throws Exception {
    Engine e = Engine.train(Bots.MINI, null);
    AtomicBoolean stop = new AtomicBoolean();
    ExecutorService pool = Executors.newFixedThreadPool(3);
    Future<?>[] workers = new Future<?>[3];
    for (int i = 0; i < workers.length; i++) {
      workers[i] = pool.submit(() -> {
        try {
          while (!stop.get()) {
            e.parse("where is my parcel 12345678");
          }
        } catch (KefuException ex) {
          assertEquals("KEFU_ERR_STATE", ex.statusName());
        }
      });
    }
    Thread.sleep(50);
    e.close();  // must not free the engine under a running parse
    stop.set(true);
    for (Future<?> w : workers) {
      w.get();
    }
    pool.shutdown();
    assertTrue(pool.awaitTermination(10, TimeUnit.SECONDS));
  }
}
