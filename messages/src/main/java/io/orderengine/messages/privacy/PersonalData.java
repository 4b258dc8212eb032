package io.orderengine.messages.privacy;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a component of a message record as personal data: the event store keeps it encrypted with the data key of
 * the event's {@link DataSubject}, and once that subject is erased it reads back as {@link #ERASED}. Amounts, SKUs,
 * countries, order numbers and dates are never marked. A component whose type is itself a record of ours (an
 * {@code Address}, a {@code CustomerRef}) is searched for marked components of its own.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.RECORD_COMPONENT)
public @interface PersonalData {

    /** What a personal field reads as after its subject was erased. */
    String ERASED = "[erased]";
}
