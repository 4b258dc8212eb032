package io.orderengine.outbound.invoice;

import com.ibm.icu.text.ArabicShaping;
import com.ibm.icu.text.ArabicShapingException;
import com.ibm.icu.text.Bidi;
import java.util.ArrayList;
import java.util.List;
import java.util.function.ToDoubleFunction;

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
        return visual(logical, Bidi.LEVEL_DEFAULT_LTR);
    }

    /**
     * {@code logical} broken into lines no wider than {@code maxWidth} (as {@code width} measures drawn text), each in
     * visual order. The break is made in logical order, word by word, before reordering: reordering first and letting
     * the PDF wrap would print the end of a right-to-left text on its first line. A word wider than a line keeps a
     * line of its own.
     */
    static List<String> visualLines(String logical, ToDoubleFunction<String> width, double maxWidth) {
        if (logical == null || logical.isEmpty() || !hasRightToLeft(logical)) {
            return List.of(logical == null ? "" : logical);
        }
        byte level = rightToLeft(logical) ? Bidi.RTL : Bidi.LTR;
        List<String> lines = new ArrayList<>();
        String line = "";
        for (String word : logical.strip().split("\\s+")) {
            String longer = line.isEmpty() ? word : line + " " + word;
            if (!line.isEmpty() && width.applyAsDouble(visual(longer, level)) > maxWidth) {
                lines.add(visual(line, level));
                line = word;
            } else {
                line = longer;
            }
        }
        lines.add(visual(line, level));
        return lines;
    }

    private static String visual(String logical, byte paragraphLevel) {
        if (logical == null || logical.isEmpty() || !hasRightToLeft(logical)) {
            return logical;
        }
        try {
            String shaped = new ArabicShaping(ArabicShaping.LETTERS_SHAPE
                            | ArabicShaping.TEXT_DIRECTION_LOGICAL
                            | ArabicShaping.LENGTH_GROW_SHRINK)
                    .shape(logical);
            return new Bidi(shaped, paragraphLevel).writeReordered(Bidi.DO_MIRRORING);
        } catch (ArabicShapingException e) {
            // LENGTH_GROW_SHRINK never runs out of room; unshaped letters are still better than no invoice
            return new Bidi(logical, paragraphLevel).writeReordered(Bidi.DO_MIRRORING);
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
