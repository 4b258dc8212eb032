package io.orderengine.api.web.validation;

import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import java.util.OptionalInt;

/** Checks {@link NoInvisibleCharacters}; the message names the first refused character's code point. */
public class NoInvisibleCharactersValidator implements ConstraintValidator<NoInvisibleCharacters, CharSequence> {

    private boolean allowJoiners;

    @Override
    public void initialize(NoInvisibleCharacters annotation) {
        allowJoiners = annotation.allowJoiners();
    }

    @Override
    public boolean isValid(CharSequence value, ConstraintValidatorContext context) {
        if (value == null) {
            return true;
        }
        OptionalInt refused = firstRefused(value, allowJoiners);
        if (refused.isEmpty()) {
            return true;
        }
        context.disableDefaultConstraintViolation();
        context.buildConstraintViolationWithTemplate(context.getDefaultConstraintMessageTemplate()
                        + String.format(" (found U+%04X)", refused.getAsInt()))
                .addConstraintViolation();
        return false;
    }

    /** The first code point {@code text} may not contain, if any. */
    public static OptionalInt firstRefused(CharSequence text, boolean allowJoiners) {
        for (int i = 0; i < text.length(); ) {
            int codePoint = Character.codePointAt(text, i);
            if (refused(codePoint, allowJoiners)) {
                return OptionalInt.of(codePoint);
            }
            i += Character.charCount(codePoint);
        }
        return OptionalInt.empty();
    }

    static boolean refused(int codePoint, boolean allowJoiners) {
        if (codePoint == '\t' || codePoint == '\n' || codePoint == '\r') {
            return false;
        }
        if (codePoint == 0x200C || codePoint == 0x200D) {
            return !allowJoiners;
        }
        return switch (Character.getType(codePoint)) {
            // Cf (bidi controls and marks, zero-width space, BOM, soft hyphen, tags), Cc, an unpaired surrogate
            case Character.FORMAT, Character.CONTROL, Character.SURROGATE -> true;
            // U+2028, U+2029: invisible line breaks that also end JavaScript strings in older engines
            case Character.LINE_SEPARATOR, Character.PARAGRAPH_SEPARATOR -> true;
            default -> false;
        };
    }
}
