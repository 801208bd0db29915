package kefu;

/** A small bot shared by the tests, trained once per JVM (engines are immutable). */
final class Bots {
  static final String MINI = """
      {"kefu": 1, "name": "mini-en", "language": "en",
       "out_of_scope": ["what is the weather", "tell me a joke", "who won the game"],
       "entities": {"order_id": {"pattern": "[0-9]{8}"}},
       "intents": [
         {"name": "track", "title": "tracking a parcel",
          "slots": [{"name": "order_id", "entity": "order_id", "required": true,
                     "prompt": ["Your order number?"]}],
          "action": "track_parcel",
          "examples": ["where is my parcel", "track order [12345678](order_id)",
                       "where's my package", "has my order shipped", "tracking please"]},
         {"name": "greet", "responses": {"reply": ["Hello!"]},
          "examples": ["hi", "hello", "hey there", "good morning"]}],
       "faq": [{"id": "shipping-fee", "question": "how much is shipping",
                "similar": ["do you charge for delivery"], "answer": "Shipping is free."}]}
      """;

  private static Engine shared;

  private Bots() {}

  static synchronized Engine engine() {
    if (shared == null) {
      shared = Engine.train(MINI, null);
    }
    return shared;
  }

  static long rssKib() throws java.io.IOException {
    String[] f = java.nio.file.Files.readString(java.nio.file.Path.of("/proc/self/statm")).split(" ");
    return Long.parseLong(f[1]) * 4;  // pages of 4 KiB on the x86-64 and arm64 Linux we build on
  }
}
