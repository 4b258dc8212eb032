package io.orderengine.messages.privacy;

import java.util.Locale;
import java.util.Objects;

/**
 * Whose personal data a message carries: a signed-in customer (by the JWT subject) or a guest (by the normalised
 * e-mail address). Each subject has its own data key; erasing the subject deletes that key.
 *
 * @param kind  customer or guest
 * @param value the customer's subject, or the guest's e-mail in lower case without surrounding blanks
 */
public record DataSubject(Kind kind, String value) {

    public enum Kind {
        CUSTOMER,
        GUEST
    }

    public DataSubject {
        Objects.requireNonNull(kind, "kind");
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("a data subject needs a value");
        }
    }

    public static DataSubject customer(String subject) {
        return new DataSubject(Kind.CUSTOMER, subject);
    }

    public static DataSubject guest(String email) {
        return new DataSubject(Kind.GUEST, email == null ? null : email.strip().toLowerCase(Locale.ROOT));
    }

    /** The subject as one string ({@code customer:<sub>} or {@code guest:<e-mail>}), from which its key id is derived. */
    public String qualified() {
        return kind.name().toLowerCase(Locale.ROOT) + ":" + value;
    }

    /** A message that carries personal data of one subject, named by the message itself. */
    public interface Carrier {
        DataSubject dataSubject();
    }
}
