package io.orderengine.messages.order;

import io.orderengine.messages.common.Actor;
import io.orderengine.messages.privacy.DataSubject;
import io.orderengine.messages.privacy.PersonalData;
import io.orderengine.messages.privacy.PersonalDataText;
import java.util.Objects;

/** Who the order belongs to: a signed-in customer ({@code customerId} = JWT subject) or a guest ({@code customerId} null, {@code guestTokenHash} = SHA-256 hex of the secret view token; the token itself is never stored). {@code email} is where notifications go. */
public record CustomerRef(String customerId, @PersonalData String email, String guestTokenHash) {
    public CustomerRef {
        Objects.requireNonNull(email, "email");
        if ((customerId == null) == (guestTokenHash == null)) {
            throw new IllegalArgumentException("an order belongs to exactly one of a customer or a guest");
        }
    }

    public static CustomerRef customer(String customerId, String email) {
        return new CustomerRef(customerId, email, null);
    }

    public static CustomerRef guest(String email, String guestTokenHash) {
        return new CustomerRef(null, email, guestTokenHash);
    }

    public boolean isGuest() {
        return customerId == null;
    }

    /**
     * This reference when {@code author} is the order's owner (the customer or the guest), whose free text is then
     * their personal data; null when an admin or the engine wrote it.
     */
    public CustomerRef ifWrittenBy(Actor author) {
        return author != null && (author.type() == Actor.Type.CUSTOMER || author.type() == Actor.Type.GUEST)
                ? this
                : null;
    }

    /** Whose personal data this is: the customer, or the guest by e-mail. */
    public DataSubject dataSubject() {
        return isGuest() ? DataSubject.guest(email) : DataSubject.customer(customerId);
    }

    /** Written without its personal data ({@link PersonalDataText}): this text reaches logs. */
    @Override
    public String toString() {
        return PersonalDataText.of(this);
    }
}
