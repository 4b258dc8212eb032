package io.orderengine.api.web.validation;

import static java.lang.annotation.ElementType.ANNOTATION_TYPE;
import static java.lang.annotation.ElementType.FIELD;
import static java.lang.annotation.ElementType.METHOD;
import static java.lang.annotation.ElementType.PARAMETER;
import static java.lang.annotation.ElementType.TYPE_USE;
import static java.lang.annotation.RetentionPolicy.RUNTIME;

import jakarta.validation.Constraint;
import jakarta.validation.Payload;
import java.lang.annotation.Documented;
import java.lang.annotation.Retention;
import java.lang.annotation.Target;

/**
 * Free text that people read back (names, addresses, notes, codes, URLs) may not carry characters that are invisible
 * or change how the text around them is shown: Unicode format characters (category Cf: the bidi controls U+202A–U+202E,
 * U+2066–U+2069, the marks U+200E, U+200F, U+061C, U+200B, U+FEFF, soft hyphen, tag characters…), control characters
 * other than tab and line breaks, the line and paragraph separators U+2028/U+2029, and unpaired surrogates. A right-to-left
 * override in a SKU name or an address spoofs what admins and invoices show.
 *
 * <p>The zero-width joiner U+200D and non-joiner U+200C are format characters too, but Persian, Arabic, Indic scripts
 * and emoji sequences need them and they do not reorder text, so they are allowed unless {@link #allowJoiners()} is
 * false (identifiers: e-mail addresses, codes, URLs, where they could only hide a look-alike). null is valid.
 */
@Documented
@Constraint(validatedBy = NoInvisibleCharactersValidator.class)
@Target({METHOD, FIELD, ANNOTATION_TYPE, PARAMETER, TYPE_USE})
@Retention(RUNTIME)
public @interface NoInvisibleCharacters {

    String message() default "must not contain invisible or direction-changing characters";

    /** Whether U+200C and U+200D (needed by some scripts and emoji) are accepted. */
    boolean allowJoiners() default true;

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};
}
