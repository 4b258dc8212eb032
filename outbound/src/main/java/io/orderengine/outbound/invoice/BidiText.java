package io.orderengine.outbound.invoice;

import com.ibm.icu.text.ArabicShaping;
import com.ibm.icu.text.ArabicShapingException;
import com.ibm.icu.text.Bidi;

/**
 * Turns a line of text in logical (typed) order into what a PDF draws left to right: Arabic letters shaped into their
 * joined presentation forms (ICU4J {@link ArabicShaping}) and the runs ordered by the Unicode bidi algorithm (ICU4J
 * {@link Bidi}, brackets mirrored). PDF text has no shaping or bidi of its own, so without this an Arabic name prints
 * as unjoined letters and a Hebrew name backwards. Text without right-to-left characters is returned as it is.
 */
final class BidiText {

    private BidiText() {}

    /** {@code logical} in visual order, shaped; the paragraph direction is that of its first strong character. */
    static String visual(String logical) {
        if (logical == null || logical.isEmpty() || !hasRightToLeft(logical)) {
            return logical;
        }
        try {
            String shaped = new ArabicShaping(ArabicShaping.LETTERS_SHAPE
                            | ArabicShaping.TEXT_DIRECTION_LOGICAL
                            | ArabicShaping.LENGTH_GROW_SHRINK)
                    .shape(logical);
            Bidi bidi = new Bidi(shaped, Bidi.LEVEL_DEFAULT_LTR);
            return bidi.writeReordered(Bidi.DO_MIRRORING);
        } catch (ArabicShapingException e) {
            // LENGTH_GROW_SHRINK never runs out of room; unshaped letters are still better than no invoice
            return new Bidi(logical, Bidi.LEVEL_DEFAULT_LTR).writeReordered(Bidi.DO_MIRRORING);
        }
    }

    /** Whether the text reads right to left: its first strong character is Hebrew, Arabic or another RTL script. */
    static boolean rightToLeft(String logical) {
        return logical != null && Bidi.getBaseDirection(logical) == Bidi.RTL;
    }

    private static boolean hasRightToLeft(String text) {
        return text.codePoints().anyMatch(c -> {
            byte direction = Character.getDirectionality(c);
            return direction == Character.DIRECTIONALITY_RIGHT_TO_LEFT
                    || direction == Character.DIRECTIONALITY_RIGHT_TO_LEFT_ARABIC;
        });
    }
}
