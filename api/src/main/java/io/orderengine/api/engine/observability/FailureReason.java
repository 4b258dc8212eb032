package io.orderengine.api.engine.observability;

import java.util.List;
import java.util.Locale;

/**
 * The class of a payment failure, from the gateway's free-text reason: a bounded set of tag values, so the meter
 * cannot grow a series per message.
 */
final class FailureReason {

    static final List<String> CLASSES =
            List.of("declined", "insufficient_funds", "expired", "fraud", "cancelled", "timeout", "capture", "other");

    private FailureReason() {}

    static String classify(String reason) {
        if (reason == null) {
            return "other";
        }
        String text = reason.toLowerCase(Locale.ROOT);
        if (text.contains("insufficient")) {
            return "insufficient_funds";
        }
        if (text.contains("fraud") || text.contains("risk") || text.contains("stolen") || text.contains("lost")) {
            return "fraud";
        }
        if (text.contains("expired")) {
            return "expired";
        }
        if (text.contains("declin") || text.contains("refused") || text.contains("denied")) {
            return "declined";
        }
        if (text.contains("cancel") || text.contains("void") || text.contains("abandon")) {
            return "cancelled";
        }
        if (text.contains("timeout") || text.contains("timed out") || text.contains("deadline")) {
            return "timeout";
        }
        if (text.contains("captur")) {
            return "capture";
        }
        return "other";
    }
}
