package io.orderengine.messages.order;

import io.orderengine.messages.common.SkuCode;
import io.orderengine.messages.privacy.PersonalData;
import io.orderengine.messages.privacy.PersonalDataText;
import java.util.Objects;

/**
 * Units of one SKU asked to be returned, and why. {@code name} is the order line's name, filled in by the order when
 * it records the request (a command may leave it null); {@code reason} may be null; written by the
 * customer it is their personal data (encrypted when the event names them: {@link ReturnRequestedEvent#customer()}).
 */
public record ReturnLine(
        SkuCode sku,
        String name,
        int quantity,
        @PersonalData String reason) {
    public ReturnLine {
        Objects.requireNonNull(sku, "sku");
        if (quantity <= 0) throw new IllegalArgumentException("return quantity must be positive");
    }

    /** Written without its personal data ({@link PersonalDataText}): this text reaches logs. */
    @Override
    public String toString() {
        return PersonalDataText.of(this);
    }
}
