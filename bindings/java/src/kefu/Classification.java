package kefu;

import java.util.List;

/** Engine.classify's result: the best intents first, and whether to reject the message. */
public record Classification(List<IntentScore> intents, boolean outOfScope) {}
