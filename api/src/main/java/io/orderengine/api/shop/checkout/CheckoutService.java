package io.orderengine.api.shop.checkout;

import static io.orderengine.api.idempotency.ClientIdempotency.sha256;

import io.orderengine.api.engine.ConsistentCommands;
import io.orderengine.api.security.Caller;
import io.orderengine.api.web.ApiException;
import io.orderengine.api.web.protection.CheckoutQuota;
import io.orderengine.command.pricing.Quote;
import io.orderengine.infrastructure.sequence.OrderNumberAllocator;
import io.orderengine.messages.common.Address;
import io.orderengine.messages.common.OrderId;
import io.orderengine.messages.common.OrderNumber;
import io.orderengine.messages.common.SkuCode;
import io.orderengine.messages.order.CustomerRef;
import io.orderengine.messages.order.OrderLine;
import io.orderengine.messages.order.PaymentMethod;
import io.orderengine.messages.order.PlaceOrderCommand;
import io.orderengine.messages.query.FindSkuQuery;
import io.orderengine.query.sku.SkuView;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.springframework.stereotype.Service;

/**
 * Turns a checkout request into a {@link PlaceOrderCommand}: lines are snapshotted from the catalogue (prices come
 * from the SKU, never from the client), the order number is allocated, a guest gets a secret view token of which
 * only the hash is kept. The order id is derived from the caller's Idempotency-Key, so even a retry after a crash
 * cannot place a second order for the same key.
 */
@Service
public class CheckoutService {

    private static final SecureRandom RANDOM = new SecureRandom();

    private final ConsistentCommands commands;
    private final QueryGateway queries;
    private final OrderNumberAllocator numbers;
    private final PaymentMethodPolicy paymentMethods;
    private final CheckoutDiscounts discounts;
    private final CheckoutLimits limits;
    private final CheckoutQuota quota;
    private final Clock clock;

    CheckoutService(
            ConsistentCommands commands,
            QueryGateway queries,
            OrderNumberAllocator numbers,
            PaymentMethodPolicy paymentMethods,
            CheckoutDiscounts discounts,
            CheckoutLimits limits,
            CheckoutQuota quota,
            Clock clock) {
        this.commands = commands;
        this.queries = queries;
        this.numbers = numbers;
        this.paymentMethods = paymentMethods;
        this.discounts = discounts;
        this.limits = limits;
        this.quota = quota;
        this.clock = clock;
    }

    /** The idempotency scope of a caller: their subject, or one shared scope for guests (keys are random UUIDs). */
    public static String idempotencyScope(Caller caller) {
        return caller.subjectIfSignedIn().map(s -> "subject:" + s).orElse("guest");
    }

    public CheckoutResponse place(Caller caller, String idempotencyKey, CheckoutRequest request, String jwtEmail) {
        PaymentMethod method = PaymentMethod.fromWire(request.paymentMethod());
        if (!paymentMethods.offered(method)) {
            throw ApiException.unprocessable(
                    "payment-method-unavailable",
                    "Payment method '" + request.paymentMethod() + "' is not offered by this shop.");
        }
        String email = request.email() != null ? request.email() : jwtEmail;
        if (email == null) {
            throw ApiException.badRequest("validation", "email is required");
        }
        List<OrderLine> lines = snapshotLines(request.items(), request.currency());
        limits.check(request.items());
        OrderId orderId =
                new OrderId(UUID.nameUUIDFromBytes(("checkout\n" + idempotencyScope(caller) + "\n" + idempotencyKey)
                                .getBytes(StandardCharsets.UTF_8))
                        .toString());
        String guestToken = null;
        CustomerRef customer;
        if (caller.signedIn()) {
            customer = CustomerRef.customer(caller.subject(), email);
        } else {
            guestToken = newGuestToken();
            customer = CustomerRef.guest(email, sha256(guestToken));
        }
        String discountCode = blankToNull(request.discountCode());
        CheckoutDiscounts.Held discount = discounts.reserve(
                discountCode,
                orderId,
                CheckoutDiscounts.customerKey(caller.subjectIfSignedIn().orElse(null), email),
                lines,
                request.currency());
        Instant now = clock.instant();
        try {
            // only a checkout that passed every check (its discount code's too) spends the caller's checkout quota
            quota.take();
            OrderNumber number = numbers.next(LocalDate.ofInstant(now, ZoneOffset.UTC));
            commands.sendAndWait(new PlaceOrderCommand(
                    orderId,
                    number,
                    customer,
                    lines,
                    address(request.shippingAddress()),
                    request.billingAddress() == null ? null : address(request.billingAddress()),
                    method,
                    request.currency(),
                    discountCode,
                    blankToNull(request.notes()),
                    now,
                    discount == null ? null : discount.terms()));
            return new CheckoutResponse(orderId.value(), number.value(), "PENDING", guestToken, null);
        } catch (RuntimeException notPlaced) {
            // a use this checkout took goes back; one held by the order already placed under this id stays
            try {
                discounts.release(discount, orderId);
            } catch (RuntimeException releaseFailed) {
                notPlaced.addSuppressed(releaseFailed);
            }
            throw notPlaced;
        }
    }

    /**
     * What the order would cost, priced exactly as placement will price it: lines from the catalogue, the shop's
     * pricing policy for the destination (the default tax rate when no country is given yet).
     */
    public Quote quote(List<CheckoutRequest.Item> items, String currency, String country, String discountCode) {
        return discounts.quote(
                snapshotLines(items, currency), currency, country == null ? "ZZ" : country, blankToNull(discountCode));
    }

    private List<OrderLine> snapshotLines(List<CheckoutRequest.Item> items, String currency) {
        Map<String, Integer> quantities = new LinkedHashMap<>();
        for (CheckoutRequest.Item item : items) {
            quantities.merge(item.sku(), item.quantity(), Integer::sum);
        }
        List<OrderLine> lines = new ArrayList<>();
        for (Map.Entry<String, Integer> entry : quantities.entrySet()) {
            if (entry.getValue() > 1000) {
                throw ApiException.badRequest("validation", "quantity of " + entry.getKey() + " exceeds 1000");
            }
            SkuView sku = queries.query(
                            new FindSkuQuery(new SkuCode(entry.getKey())), ResponseTypes.instanceOf(SkuView.class))
                    .join();
            if (sku == null || !sku.active()) {
                throw ApiException.unprocessable("unknown-sku", "SKU " + entry.getKey() + " is not for sale.");
            }
            if (!sku.currency().equals(currency)) {
                throw ApiException.unprocessable(
                        "currency-mismatch",
                        "SKU " + entry.getKey() + " is priced in " + sku.currency() + ", not " + currency + ".");
            }
            lines.add(OrderLine.of(
                    new SkuCode(sku.sku()),
                    sku.name(),
                    io.orderengine.messages.common.Money.of(sku.priceMinor(), sku.currency()),
                    entry.getValue(),
                    sku.attributes(),
                    sku.imageUrl()));
        }
        return lines;
    }

    private static Address address(CheckoutRequest.AddressRequest a) {
        return new Address(
                a.fullName(),
                blankToNull(a.phone()),
                a.line1(),
                blankToNull(a.line2()),
                a.city(),
                blankToNull(a.region()),
                blankToNull(a.postalCode()),
                a.country());
    }

    private static String newGuestToken() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }
}
