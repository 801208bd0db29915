package kefu;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ApiTest {
  static void assertStatus(String name, Runnable call) {
    KefuException e = assertThrows(KefuException.class, call::run);
    assertEquals(name, e.statusName());
    assertTrue(e.getMessage().startsWith(name + ": "), e.getMessage());
  }

  @Test
  void basicsAndErrors() {
    assertTrue(Kefu.version().matches("\\d+\\.\\d+\\.\\d+"));
    assertTrue(Kefu.versionNumber() >= 0);
    assertEquals("KEFU_ERR_INVALID_UTF8", Kefu.statusName(2));
    KefuException e = assertThrows(KefuException.class,
        () -> Kefu.normalize("x", "{\"no_such_key\": 1}"));
    assertEquals(4, e.status());
    assertTrue(e.getMessage().contains("no_such_key"));
    assertThrows(IllegalArgumentException.class, () -> Kefu.normalize("x", "{}\0"));
  }

  @Test
  void text() {
    assertTrue(Kefu.normalize("ＡＢＣ　１２３", null).contains("\"text\":\"abc 123\""));
    assertTrue(Kefu.maskPii("手机13812345678", null).contains("138****5678"));
    assertTrue(Kefu.entities("退¥350", null).contains("\"amount\":350"));
    try (Segmenter s = new Segmenter("{\"user_words\": [\"手机壳\"]}")) {
      assertTrue(s.segment("我想买手机壳").contains("\"text\":\"手机壳\""));
    }
    String lines = "the parcel number is late again\n".repeat(100);
    try (SubwordModel m = SubwordModel.train(lines, "{\"vocab_size\": 30}")) {
      byte[] bytes = m.toBytes();
      try (SubwordModel again = SubwordModel.load(bytes)) {
        assertEquals(m.encode("the parcel"), again.encode("the parcel"));
        assertArrayEquals(bytes, again.toBytes());
      }
    }
  }

  @Test
  void engine(@TempDir Path dir) throws Exception {
    Engine bot = Bots.engine();
    assertTrue(bot.parse("track order 12345678").contains("\"name\":\"track\""));
    assertTrue(bot.parse("hi", "{\"top_k\": 1}").contains("\"intents\":[{"));
    Classification c = bot.classify("hello there", 2);
    assertEquals("greet", c.intents().get(0).name());
    assertTrue(c.intents().size() <= 2);
    assertTrue(bot.info().contains("\"mini-en\""));
    String model = dir.resolve("mini.kefu").toString();
    bot.save(model);
    try (Engine a = Engine.open(model); Engine b = Engine.fromBytes(bot.toBytes())) {
      assertEquals(bot.parse("hi"), a.parse("hi"));
      assertEquals(bot.parse("hi"), b.parse("hi"));
    }
    Files.writeString(dir.resolve("bad.kefu"), "garbage");
    assertStatus("KEFU_ERR_CORRUPT", () -> Engine.open(dir.resolve("bad.kefu").toString()));
    assertStatus("KEFU_ERR_INVALID_DATA", () -> Engine.train("{\"kefu\": 1, \"intents\": 3}", null));
    String jsonl = "{\"text\": \"open the door\", \"intent\": \"a\"}\n"
        + "{\"text\": \"open it\", \"intent\": \"a\"}\n{\"text\": \"close the door\", \"intent\": \"b\"}\n"
        + "{\"text\": \"shut it\", \"intent\": \"b\"}\n";
    try (Engine e = Engine.trainJsonl(jsonl, null, "{\"epochs\": 30}")) {
      assertEquals("a", e.classify("open the door please", 1).intents().get(0).name());
    }
  }

  @Test
  void engineKnowledgeBase() {
    KnowledgeBase kb = Bots.engine().kb();
    assertTrue(kb.search("is shipping free").contains("shipping-fee"));
    assertTrue(kb.get("shipping-fee").isPresent());
    assertFalse(kb.get("nope").isPresent());
    assertTrue(kb.stats().contains("\"entries\":1"));
    assertStatus("KEFU_ERR_STATE", () -> kb.upsert("{\"id\": \"x\", \"question\": \"q\"}"));
  }

  @Test
  void knowledgeBase(@TempDir Path dir) {
    String store = dir.resolve("faq.kb").toString();
    try (KnowledgeBase kb = KnowledgeBase.open(store, null)) {
      kb.upsert("{\"id\": \"invoice\", \"question\": \"can I get an invoice\", \"answer\": \"Yes.\"}");
      String report = kb.importJsonl(
          "{\"id\": \"hours\", \"question\": \"when are you open\", \"answer\": \"9 to 5\"}\n", null);
      assertTrue(report.contains("\"imported\":1"));
      assertTrue(kb.search("opening hours", "{\"top_k\": 1}").contains("\"hours\""));
      kb.setSynonyms("[[\"invoice\", \"receipt\"]]");
      kb.delete("hours");
      assertStatus("KEFU_ERR_NOT_FOUND", () -> kb.delete("hours"));
      kb.compact();
    }
    try (KnowledgeBase kb = KnowledgeBase.open(store, null)) {
      assertEquals(1, kb.exportJsonl().lines().count());
      assertTrue(kb.stats().contains("\"synonym_groups\":1"));
    }
  }

  @Test
  void sessions() {
    Engine bot = Bots.engine();
    String state;
    try (Session s = bot.session()) {
      assertTrue(s.turn("where is my parcel", "{\"customer_id\": \"c1\"}").contains("\"action\":\"ask\""));
      state = s.save();
    }
    try (Session s = bot.session(state)) {
      assertTrue(s.turn("12345678").contains("\"turn\":2"));
    }
    assertStatus("KEFU_ERR_INVALID_DATA", () -> bot.session("{not json"));
  }

  @Test
  void sentiment() {
    assertTrue(Kefu.sentiment("I love it, great service", null).contains("\"label\":\"positive\""));
    SentimentScore s = Kefu.sentimentFast("I love it, great service");
    assertEquals("positive", s.label());
    assertEquals(7, s.emotions().size());
    assertTrue(Kefu.sentimentFast("我要投诉，马上转人工").escalation());
    String r = Kefu.sentimentTrack(null, "物流太慢了", null);
    String state = r.substring(r.indexOf("\"state\":") + 8, r.lastIndexOf('}'));
    assertTrue(Kefu.sentimentTrack(state, "太差了", null).contains("\"turns\":2"));
    try (SentimentModel m = new SentimentModel("glorp\t2.5\t-\n", null)) {
      assertEquals("positive", m.fast("glorp").label());
      assertTrue(m.score("glorp", null).contains("\"positive\""));
      assertTrue(m.track(null, "glorp", null).contains("\"turns\":1"));
    }
    assertStatus("KEFU_ERR_INVALID_DATA", () -> new SentimentModel("no tabs\n", null));
  }

  @Test
  void everyHeaderFunctionIsBound() throws Exception {
    Path root = Path.of(System.getProperty("kefu.source", "../.."));
    String header = Files.readString(root.resolve("include/kefu/kefu.h"));
    StringBuilder code = new StringBuilder();
    try (var files = Files.list(root.resolve("bindings/java/src/kefu"))) {
      for (Path f : (Iterable<Path>) files::iterator) {
        if (!f.endsWith("KefuLibrary.java")) {
          code.append(Files.readString(f));
        }
      }
    }
    var m = java.util.regex.Pattern.compile("KEFU_API[^;]*?\\b(kefu_\\w+)\\(").matcher(header);
    int n = 0;
    while (m.find()) {
      String fn = m.group(1);
      assertTrue(code.indexOf("LIB." + fn + "(") >= 0 || code.indexOf("LIB::" + fn) >= 0,
          fn + " has no Java binding");
      n++;
    }
    assertTrue(n > 40);
  }
}
