package io.orderengine.command.order;

import io.orderengine.messages.rejection.DomainRejection;
import io.orderengine.messages.rejection.RejectionKind;

/** The order edit is valid but its money cannot be settled (see {@link OrderEditSettlement}). */
public class EditNotSettleableException extends DomainRejection {

    EditNotSettleableException(String message) {
        super(RejectionKind.CONFLICT, "edit-not-settleable", message);
    }
}
