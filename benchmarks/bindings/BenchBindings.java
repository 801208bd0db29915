// The cost of one call through the Java binding, to set beside bench_abi (the
// same calls from C): Engine.parse (the JSON text) and Engine.classify (typed
// records), best mean of five repeats after a JIT warm-up.
//
// usage: java -cp kefu.jar:jna.jar BenchBindings.java BOT.json MESSAGES.txt [PASSES]
//        (KEFU_LIBRARY naming libkefu.so)
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;

public class BenchBindings {
  static double bestMeanUs(List<String> messages, int passes, Consumer<String> fn) {
    double best = Double.MAX_VALUE;
    for (int repeat = 0; repeat < 5; repeat++) {
      long start = System.nanoTime();
      for (int p = 0; p < passes; p++) {
        for (String m : messages) fn.accept(m);
      }
      best = Math.min(best, (System.nanoTime() - start) / 1e3 / ((double) passes * messages.size()));
    }
    return best;
  }

  public static void main(String[] args) throws Exception {
    String bot = Files.readString(Path.of(args[0]));
    List<String> messages = Files.readAllLines(Path.of(args[1])).stream().filter(s -> !s.isBlank()).toList();
    int passes = args.length > 2 ? Integer.parseInt(args[2]) : 20;
    try (kefu.Engine engine = kefu.Engine.train(bot, null)) {
      bestMeanUs(messages, passes, engine::parse);  // warm-up: let the JIT compile the call path
      report("parse", messages.size(), bestMeanUs(messages, passes, engine::parse));
      bestMeanUs(messages, passes, m -> engine.classify(m, 5));
      report("classify", messages.size(), bestMeanUs(messages, passes, m -> engine.classify(m, 5)));
    }
  }

  static void report(String call, int messages, double us) {
    System.out.printf("{\"bench\": \"call\", \"via\": \"java\", \"call\": \"%s\", \"messages\": %d, \"us\": %.2f}%n",
        call, messages, us);
  }
}
