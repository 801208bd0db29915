package kefu;

import java.util.Map;

/** kefu_sentiment_fast's result; label is "negative", "neutral" or "positive". */
public record SentimentScore(float score, String label, float confidence,
                             Map<String, Float> emotions, boolean escalation) {}
