package io.orderengine.command.order;

import io.orderengine.messages.rejection.DomainRejection;
import io.orderengine.messages.rejection.RejectionKind;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * A shipment the order cannot record: more units than are left to ship (409, naming what is left), a SKU the order
 * does not have or a shipment it does not know (422).
 */
public class ShipmentRefusedException extends DomainRejection {

    private final Map<String, Integer> left;

    private ShipmentRefusedException(RejectionKind kind, String type, String message, Map<String, Integer> left) {
        super(kind, type, message);
        this.left = Map.copyOf(left);
    }

    static ShipmentRefusedException moreThanLeft(String sku, int asked, Map<String, Integer> left) {
        return new ShipmentRefusedException(
                RejectionKind.CONFLICT,
                "shipment-exceeds-remaining",
                "cannot ship " + asked + " of " + sku + "; left to ship: " + describe(left),
                left);
    }

    static ShipmentRefusedException unknownSku(String sku, Map<String, Integer> left) {
        return new ShipmentRefusedException(
                RejectionKind.UNPROCESSABLE,
                "shipment-unknown-sku",
                "the order has no line for sku " + sku + "; left to ship: " + describe(left),
                left);
    }

    static ShipmentRefusedException unknownShipment(String shipmentId) {
        return new ShipmentRefusedException(
                RejectionKind.UNPROCESSABLE, "shipment-unknown", "the order has no shipment " + shipmentId, Map.of());
    }

    /** Units left to ship by SKU when the refusal was made (only SKUs with units left). */
    public Map<String, Integer> left() {
        return left;
    }

    private static String describe(Map<String, Integer> left) {
        if (left.isEmpty()) {
            return "nothing";
        }
        return left.entrySet().stream()
                .sorted(Map.Entry.comparingByKey())
                .map(e -> e.getValue() + " × " + e.getKey())
                .collect(Collectors.joining(", "));
    }
}
