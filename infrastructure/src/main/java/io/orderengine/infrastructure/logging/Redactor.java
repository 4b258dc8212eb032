package io.orderengine.infrastructure.logging;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Removes personal data and secrets from log text: e-mail local parts, international phone numbers, JWTs and
 * bearer tokens, Stripe secrets and client secrets, and {@code key=value} pairs whose key names a secret.
 */
public final class Redactor {

    private record Rule(Pattern pattern, String replacement) {}

    private static final Pattern EMAIL =
            Pattern.compile("([A-Za-z0-9._%+-])[A-Za-z0-9._%+-]*@([A-Za-z0-9.-]+\\.[A-Za-z]{2,})");

    private static final List<Rule> RULES = List.of(
            new Rule(Pattern.compile("(?i)bearer\\s+[A-Za-z0-9._~+/=-]+"), "Bearer [redacted]"),
            new Rule(Pattern.compile("eyJ[A-Za-z0-9_-]{5,}\\.[A-Za-z0-9_-]{5,}\\.[A-Za-z0-9_-]*"), "[jwt]"),
            new Rule(Pattern.compile("\\b(sk|rk|pk)_(live|test)_[A-Za-z0-9]+"), "[stripe-key]"),
            new Rule(Pattern.compile("\\bwhsec_[A-Za-z0-9]+"), "[webhook-secret]"),
            new Rule(Pattern.compile("\\b(pi|seti)_[A-Za-z0-9]+_secret_[A-Za-z0-9]+"), "[client-secret]"),
            new Rule(
                    Pattern.compile("(?i)\\b(password|passwd|secret|token|api[-_]?key|client[-_]?secret|authorization)"
                            + "(\"?\\s*[:=]\\s*\"?)[^\\s\",&}]+"),
                    "$1$2[redacted]"),
            new Rule(Pattern.compile("\\+\\d[\\d ()-]{6,}\\d"), "[phone]"));

    private Redactor() {}

    public static String redact(String text) {
        if (text == null || text.isEmpty()) {
            return text;
        }
        String result = text;
        for (Rule rule : RULES) {
            result = rule.pattern().matcher(result).replaceAll(rule.replacement());
        }
        Matcher email = EMAIL.matcher(result);
        return email.replaceAll("$1***@$2");
    }
}
