package io.orderengine.saga.payment.sandbox;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.FindOneAndUpdateOptions;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.ReturnDocument;
import com.mongodb.client.model.Updates;
import io.orderengine.messages.common.Money;
import io.orderengine.messages.order.PaymentAction;
import io.orderengine.messages.order.PaymentMethod;
import io.orderengine.saga.payment.AuthorizationRequest;
import io.orderengine.saga.payment.Capture;
import io.orderengine.saga.payment.GatewayPayment;
import io.orderengine.saga.payment.GatewayPaymentStatus;
import io.orderengine.saga.payment.PaymentGateway;
import io.orderengine.saga.payment.PaymentGatewayException;
import io.orderengine.saga.payment.PaymentSession;
import io.orderengine.saga.payment.Refund;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.UUID;
import org.bson.Document;
import org.bson.conversions.Bson;

/**
 * The built-in gateway: behaves like a card gateway without leaving the machine. A payment waits for the
 * customer, who approves or declines it by posting to its action URL; an approved payment is held (authorized)
 * until it is captured or cancelled, and captured money can be refunded, never more than was captured.
 * Its records live in the Mongo collection {@code sandbox_payments}, so they survive a restart.
 * A payment's reference is random and names its action URL, which needs no login: whoever holds the URL may decide
 * the payment, so the reference is a capability and never derived from the order. Capture and refund references
 * (never URLs) are derived from their idempotency keys, so repeating a call with the same key finds the first result.
 */
public class SandboxPaymentGateway implements PaymentGateway {

    public static final String COLLECTION = "sandbox_payments";
    public static final String ACTION_URL_PREFIX = "/api/v1/payments/sandbox/";
    /** How long an approved sandbox payment stays capturable, like a card authorization. */
    static final Duration AUTHORIZATION_VALIDITY = Duration.ofDays(7);

    static final String CARD_BRAND = "sandbox";
    static final String CARD_LAST4 = "4242";
    private static final int MAX_REFUND_ATTEMPTS = 5;
    /** 192 bits: a payment's reference is all that guards its action URL. */
    static final int REFERENCE_BYTES = 24;

    private static final String IDEMPOTENCY_KEY = "idempotencyKey";
    private static final SecureRandom RANDOM = new SecureRandom();

    private final MongoCollection<Document> payments;
    private final Clock clock;

    public SandboxPaymentGateway(MongoDatabase database, Clock clock) {
        this.payments = database.getCollection(COLLECTION);
        this.clock = clock;
        // sparse: payments opened before keys were stored have none, and must not collide on a missing key
        payments.createIndex(
                Indexes.ascending(IDEMPOTENCY_KEY),
                new IndexOptions().unique(true).sparse(true).name(IDEMPOTENCY_KEY));
    }

    /** The outcome the customer chose at the sandbox payment page. */
    public enum Outcome {
        APPROVE,
        DECLINE;

        public static Outcome fromWire(String value) {
            if ("approve".equals(value)) {
                return APPROVE;
            }
            if ("decline".equals(value)) {
                return DECLINE;
            }
            throw new IllegalArgumentException("outcome must be approve or decline, got '" + value + "'");
        }
    }

    @Override
    public PaymentMethod method() {
        return PaymentMethod.SANDBOX;
    }

    /**
     * Opens a payment that waits for the customer. Its reference is the secret part of the action URL, so it is
     * random ({@value #REFERENCE_BYTES} bytes from a {@link SecureRandom}) and stored: nothing about the order yields
     * it. The idempotency key is stored with it under a unique index, so authorizing again with the same key (a saga
     * step run again, two instances racing) finds the first payment instead of opening another.
     */
    @Override
    public PaymentSession authorize(AuthorizationRequest request) {
        String key = request.idempotencyKey();
        Document existing = byIdempotencyKey(key);
        if (existing == null) {
            Document payment = new Document("_id", newReference())
                    .append(IDEMPOTENCY_KEY, key)
                    .append("orderId", request.orderId().value())
                    .append("orderNumber", request.orderNumber())
                    .append("amountMinor", request.amount().amountMinor())
                    .append("currency", request.amount().currency())
                    .append("status", GatewayPaymentStatus.AWAITING_CUSTOMER.name())
                    .append("refunds", List.of())
                    .append("version", 0L)
                    .append("createdAt", Date.from(clock.instant()));
            try {
                payments.insertOne(payment);
                existing = payment;
            } catch (MongoWriteException e) {
                if (e.getError().getCategory() != ErrorCategory.DUPLICATE_KEY) {
                    throw e;
                }
                existing = byIdempotencyKey(key);
                if (existing == null) {
                    throw e;
                }
            }
        }
        if (!request.orderId().value().equals(existing.getString("orderId"))
                || existing.getLong("amountMinor") != request.amount().amountMinor()) {
            throw PaymentGatewayException.rejected("idempotency key reused with different parameters", null);
        }
        String reference = existing.getString("_id");
        return new PaymentSession(reference, new PaymentAction("sandbox", ACTION_URL_PREFIX + reference, null));
    }

    /**
     * The payment opened with this key: by the stored key, or, for a payment opened before keys were stored, under
     * the reference the old scheme derived from the key (such payments keep their reference; no new one is derived).
     */
    private Document byIdempotencyKey(String key) {
        Document payment = payments.find(Filters.eq(IDEMPOTENCY_KEY, key)).first();
        if (payment != null) {
            return payment;
        }
        return payments.find(
                        Filters.and(Filters.eq("_id", "sbx_" + derivedId(key)), Filters.exists(IDEMPOTENCY_KEY, false)))
                .first();
    }

    /** {@code sbx_} and {@value #REFERENCE_BYTES} random bytes, URL-safe Base64 without padding. */
    static String newReference() {
        byte[] bytes = new byte[REFERENCE_BYTES];
        RANDOM.nextBytes(bytes);
        return "sbx_" + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /**
     * Plays the customer: approve holds the money, decline refuses it. Repeating the same outcome changes nothing;
     * the other outcome once decided is a {@link SandboxDecisionConflictException}, and so is any outcome for a
     * cancelled payment; an unknown reference is an {@link UnknownSandboxPaymentException}.
     */
    public GatewayPayment decide(String paymentReference, Outcome outcome) {
        Instant now = clock.instant();
        Bson update = outcome == Outcome.APPROVE
                ? Updates.combine(
                        Updates.set("status", GatewayPaymentStatus.AUTHORIZED.name()),
                        Updates.set("authorizedAt", Date.from(now)),
                        Updates.set("captureBefore", Date.from(now.plus(AUTHORIZATION_VALIDITY))),
                        Updates.set("cardBrand", CARD_BRAND),
                        Updates.set("cardLast4", CARD_LAST4),
                        Updates.inc("version", 1L))
                : Updates.combine(
                        Updates.set("status", GatewayPaymentStatus.DECLINED.name()),
                        Updates.set("failureReason", "declined by the customer"),
                        Updates.inc("version", 1L));
        Document decided = payments.findOneAndUpdate(
                Filters.and(
                        Filters.eq("_id", paymentReference),
                        Filters.eq("status", GatewayPaymentStatus.AWAITING_CUSTOMER.name())),
                update,
                new FindOneAndUpdateOptions().returnDocument(ReturnDocument.AFTER));
        if (decided != null) {
            return toPayment(decided);
        }
        Document current = payments.find(Filters.eq("_id", paymentReference)).first();
        if (current == null) {
            throw new UnknownSandboxPaymentException(paymentReference);
        }
        GatewayPaymentStatus status = status(current);
        boolean sameOutcome = outcome == Outcome.APPROVE
                ? status == GatewayPaymentStatus.AUTHORIZED || status == GatewayPaymentStatus.CAPTURED
                : status == GatewayPaymentStatus.DECLINED;
        if (!sameOutcome) {
            throw new SandboxDecisionConflictException("sandbox payment " + paymentReference + " is "
                    + status.name().toLowerCase() + "; it cannot be "
                    + (outcome == Outcome.APPROVE ? "approved" : "declined"));
        }
        return toPayment(current);
    }

    @Override
    public Capture capture(String paymentReference, Money amount, String idempotencyKey) {
        Document current = find(paymentReference);
        Money authorized = amountOf(current);
        if (!amount.sameCurrencyAs(authorized) || amount.greaterThan(authorized) || amount.amountMinor() <= 0) {
            throw PaymentGatewayException.rejected("cannot capture " + amount + " of a payment of " + authorized, null);
        }
        String captureReference = "sbx_cap_" + derivedId(idempotencyKey);
        Document captured = payments.findOneAndUpdate(
                Filters.and(
                        Filters.eq("_id", paymentReference),
                        Filters.eq("status", GatewayPaymentStatus.AUTHORIZED.name())),
                Updates.combine(
                        Updates.set("status", GatewayPaymentStatus.CAPTURED.name()),
                        Updates.set("capturedMinor", amount.amountMinor()),
                        Updates.set("captureReference", captureReference),
                        Updates.set("capturedAt", Date.from(clock.instant())),
                        Updates.inc("version", 1L)),
                new FindOneAndUpdateOptions().returnDocument(ReturnDocument.AFTER));
        Document result = captured != null ? captured : find(paymentReference);
        if (status(result) != GatewayPaymentStatus.CAPTURED) {
            throw PaymentGatewayException.rejected(
                    "sandbox payment " + paymentReference + " is "
                            + status(result).name().toLowerCase() + "; only an authorized payment can be captured",
                    null);
        }
        return new Capture(
                result.getString("captureReference"),
                new Money(result.getLong("capturedMinor"), authorized.currency()));
    }

    @Override
    public void cancel(String paymentReference, String idempotencyKey) {
        Document cancelled = payments.findOneAndUpdate(
                Filters.and(
                        Filters.eq("_id", paymentReference),
                        Filters.in(
                                "status",
                                GatewayPaymentStatus.AWAITING_CUSTOMER.name(),
                                GatewayPaymentStatus.AUTHORIZED.name())),
                Updates.combine(
                        Updates.set("status", GatewayPaymentStatus.CANCELLED.name()), Updates.inc("version", 1L)));
        if (cancelled != null) {
            return;
        }
        GatewayPaymentStatus status = status(find(paymentReference));
        if (status == GatewayPaymentStatus.CAPTURED) {
            throw PaymentGatewayException.rejected(
                    "sandbox payment " + paymentReference + " was captured; refund it instead", null);
        }
    }

    @Override
    public Refund refund(String paymentReference, Money amount, String idempotencyKey) {
        String refundReference = "sbx_re_" + derivedId(idempotencyKey);
        for (int attempt = 0; attempt < MAX_REFUND_ATTEMPTS; attempt++) {
            Document current = find(paymentReference);
            for (Refund refund : refundsOf(current)) {
                if (refund.refundReference().equals(refundReference)) {
                    return refund;
                }
            }
            if (status(current) != GatewayPaymentStatus.CAPTURED) {
                throw PaymentGatewayException.rejected(
                        "sandbox payment " + paymentReference + " was not captured", null);
            }
            long captured = current.getLong("capturedMinor");
            long refunded = refundsOf(current).stream()
                    .mapToLong(r -> r.amount().amountMinor())
                    .sum();
            if (amount.amountMinor() <= 0
                    || !amount.currency().equals(current.getString("currency"))
                    || refunded + amount.amountMinor() > captured) {
                throw PaymentGatewayException.rejected(
                        "cannot refund " + amount + ": " + (captured - refunded) + " " + current.getString("currency")
                                + " left to refund",
                        null);
            }
            Document refund = new Document("reference", refundReference)
                    .append("amountMinor", amount.amountMinor())
                    .append("at", Date.from(clock.instant()));
            long updated = payments.updateOne(
                            Filters.and(
                                    Filters.eq("_id", paymentReference),
                                    Filters.eq("version", current.getLong("version"))),
                            Updates.combine(Updates.push("refunds", refund), Updates.inc("version", 1L)))
                    .getModifiedCount();
            if (updated == 1) {
                return new Refund(refundReference, amount, null);
            }
        }
        throw PaymentGatewayException.transientFailure(
                "sandbox payment " + paymentReference + " kept changing during the refund", null);
    }

    @Override
    public GatewayPayment retrieve(String paymentReference) {
        return toPayment(find(paymentReference));
    }

    /**
     * The sandbox's own account of a period: every payment captured, or refunded, from {@code from} (inclusive) to
     * {@code to} (exclusive). What the daily reconciliation compares the ledger with, so money the ledger missed shows.
     */
    public List<GatewayPayment> paymentsMovedBetween(Instant from, Instant to) {
        List<GatewayPayment> moved = new ArrayList<>();
        Bson candidates =
                Filters.or(Filters.gte("capturedAt", Date.from(from)), Filters.gte("refunds.at", Date.from(from)));
        for (Document payment : payments.find(candidates)) {
            boolean captured = within(payment.getDate("capturedAt"), from, to);
            boolean refunded = payment.getList("refunds", Document.class, List.of()).stream()
                    .anyMatch(refund -> within(refund.getDate("at"), from, to));
            if (captured || refunded) {
                moved.add(toPayment(payment));
            }
        }
        return moved;
    }

    private static boolean within(Date at, Instant from, Instant to) {
        return at != null && !at.toInstant().isBefore(from) && at.toInstant().isBefore(to);
    }

    private Document find(String paymentReference) {
        Document payment = payments.find(Filters.eq("_id", paymentReference)).first();
        if (payment == null) {
            throw PaymentGatewayException.rejected("no sandbox payment " + paymentReference, null);
        }
        return payment;
    }

    private static GatewayPaymentStatus status(Document payment) {
        return GatewayPaymentStatus.valueOf(payment.getString("status"));
    }

    private static Money amountOf(Document payment) {
        return new Money(payment.getLong("amountMinor"), payment.getString("currency"));
    }

    private static List<Refund> refundsOf(Document payment) {
        List<Refund> refunds = new ArrayList<>();
        for (Document refund : payment.getList("refunds", Document.class, List.of())) {
            refunds.add(new Refund(
                    refund.getString("reference"),
                    new Money(refund.getLong("amountMinor"), payment.getString("currency")),
                    null));
        }
        return refunds;
    }

    private static GatewayPayment toPayment(Document payment) {
        String currency = payment.getString("currency");
        Long capturedMinor = payment.getLong("capturedMinor");
        Date captureBefore = payment.getDate("captureBefore");
        return new GatewayPayment(
                payment.getString("_id"),
                payment.getString("orderId"),
                status(payment),
                amountOf(payment),
                capturedMinor == null ? null : new Money(capturedMinor, currency),
                payment.getString("captureReference"),
                refundsOf(payment),
                payment.getString("cardBrand"),
                payment.getString("cardLast4"),
                captureBefore == null ? null : captureBefore.toInstant(),
                null,
                payment.getString("failureReason"));
    }

    private static String derivedId(String idempotencyKey) {
        return UUID.nameUUIDFromBytes(idempotencyKey.getBytes(StandardCharsets.UTF_8))
                .toString()
                .replace("-", "");
    }
}
