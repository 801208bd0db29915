package kefu;

/** One intent and its calibrated probability. */
public record IntentScore(String name, float confidence) {}
