package io.orderengine.saga.reconciliation;

import io.orderengine.messages.common.Actor;
import io.orderengine.messages.common.OrderId;
import io.orderengine.messages.order.AddAdminNoteCommand;
import io.orderengine.messages.order.FlagOrderForAttentionCommand;
import io.orderengine.messages.order.PaymentMethod;
import io.orderengine.saga.ledger.LedgerEntry;
import io.orderengine.saga.ledger.PaymentLedger;
import io.orderengine.saga.payment.GatewayPayment;
import io.orderengine.saga.payment.PaymentGatewayException;
import io.orderengine.saga.payment.PaymentGateways;
import io.orderengine.saga.reconciliation.ReconciliationReport.OrderFollowUp;
import io.orderengine.saga.reconciliation.ReconciliationReport.UncheckedPayment;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The daily reconciliation: for one UTC day, every payment with a capture or refund recorded in the ledger that day,
 * and every payment a gateway can list as having moved money that day (the sandbox, from its own records), is read
 * from its gateway ({@link io.orderengine.saga.payment.PaymentGateway#retrieve}) and compared with all its ledger
 * entries ({@link PaymentComparison}). The differences are kept as the day's {@link ReconciliationReport}, and
 * every order concerned is flagged for attention by {@code system:reconciliation}; an order that has ended (the
 * order refuses ATTENTION) gets an admin note instead, and the report says so. Running a day again replaces its
 * report without flagging or noting an order again for differences already reported.
 */
public class Reconciliation {

    public static final Actor ACTOR = Actor.system("reconciliation");

    private static final Logger log = LoggerFactory.getLogger(Reconciliation.class);

    /** A gateway's own account of which payments captured or refunded money in a period, where it can give one. */
    @FunctionalInterface
    public interface GatewayActivity {
        List<GatewayPayment> paymentsMovedBetween(Instant from, Instant to);
    }

    private record PaymentKey(PaymentMethod provider, String paymentReference) {}

    /** What the gateway said about a payment: the payment (null when it does not know it), or why it could not be asked. */
    private record Lookup(GatewayPayment payment, String uncheckedReason) {}

    private final PaymentLedger ledger;
    private final PaymentGateways gateways;
    private final Map<PaymentMethod, GatewayActivity> activity;
    private final ReconciliationReports reports;
    private final CommandGateway commands;
    private final Clock clock;

    public Reconciliation(
            PaymentLedger ledger,
            PaymentGateways gateways,
            Map<PaymentMethod, GatewayActivity> activity,
            ReconciliationReports reports,
            CommandGateway commands,
            Clock clock) {
        this.ledger = ledger;
        this.gateways = gateways;
        this.activity = Map.copyOf(activity);
        this.reports = reports;
        this.commands = commands;
        this.clock = clock;
    }

    /** Reconciles {@code day} (UTC), saves and returns its report. One run at a time in this process. */
    public synchronized ReconciliationReport run(LocalDate day) {
        Instant from = day.atStartOfDay(ZoneOffset.UTC).toInstant();
        Instant to = day.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant();
        List<LedgerEntry> recorded = ledger.recordedBetween(from, to);
        List<UncheckedPayment> unchecked = new ArrayList<>();
        Map<PaymentKey, String> scope = new LinkedHashMap<>();
        for (LedgerEntry entry : recorded) {
            if (entry.paymentReference() == null) {
                unchecked.add(new UncheckedPayment(
                        entry.provider().wireName(),
                        entry.orderId().value(),
                        null,
                        entry.type().name().toLowerCase() + " " + entry.reference()
                                + " was recorded without its payment reference"));
            } else {
                scope.putIfAbsent(
                        new PaymentKey(entry.provider(), entry.paymentReference()),
                        entry.orderId().value());
            }
        }
        activity.forEach((provider, source) -> {
            for (GatewayPayment payment : source.paymentsMovedBetween(from, to)) {
                scope.putIfAbsent(new PaymentKey(provider, payment.paymentReference()), payment.orderId());
            }
        });

        List<Discrepancy> differences = new ArrayList<>();
        int checked = 0;
        for (Map.Entry<PaymentKey, String> payment : scope.entrySet()) {
            PaymentKey key = payment.getKey();
            String orderId = payment.getValue();
            Lookup lookup = lookUp(key);
            if (lookup.uncheckedReason() != null) {
                unchecked.add(new UncheckedPayment(
                        key.provider().wireName(), orderId, key.paymentReference(), lookup.uncheckedReason()));
                continue;
            }
            List<LedgerEntry> local = orderId == null
                    ? List.of()
                    : ledger.entriesOfPayment(key.provider(), key.paymentReference(), new OrderId(orderId));
            differences.addAll(PaymentComparison.compare(
                    key.provider(), orderId, key.paymentReference(), local, lookup.payment()));
            checked++;
        }

        List<OrderFollowUp> followUps =
                followUp(day, differences, reports.find(day).orElse(null));
        long captures = recorded.stream()
                .filter(e -> e.type() == LedgerEntry.Type.CAPTURE)
                .count();
        ReconciliationReport report = ReconciliationReport.of(
                day,
                clock.instant(),
                checked,
                (int) captures,
                (int) (recorded.size() - captures),
                differences,
                followUps,
                unchecked);
        reports.save(report);
        log.info(
                "reconciliation of {}: {} payments, {} captures, {} refunds checked; {} differences, {} unchecked",
                day,
                checked,
                captures,
                recorded.size() - captures,
                differences.size(),
                unchecked.size());
        return report;
    }

    private Lookup lookUp(PaymentKey key) {
        if (!gateways.offers(key.provider())) {
            return new Lookup(null, key.provider().wireName() + " is not configured");
        }
        try {
            return new Lookup(gateways.gateway(key.provider()).retrieve(key.paymentReference()), null);
        } catch (PaymentGatewayException e) {
            if (e.kind() == PaymentGatewayException.Kind.REJECTED) {
                return new Lookup(null, null);
            }
            return new Lookup(null, e.getMessage());
        }
    }

    private List<OrderFollowUp> followUp(LocalDate day, List<Discrepancy> differences, ReconciliationReport previous) {
        Map<String, List<Discrepancy>> byOrder = new LinkedHashMap<>();
        for (Discrepancy difference : differences) {
            if (difference.orderId() != null) {
                byOrder.computeIfAbsent(difference.orderId(), id -> new ArrayList<>())
                        .add(difference);
            }
        }
        List<OrderFollowUp> followUps = new ArrayList<>();
        byOrder.forEach((orderId, ofOrder) -> {
            OrderFollowUp earlier = earlierFollowUp(previous, orderId, ofOrder);
            followUps.add(
                    earlier != null
                            ? new OrderFollowUp(orderId, earlier.action(), earlier.detail(), true)
                            : act(day, orderId, ofOrder));
        });
        return followUps;
    }

    /** The follow-up of an earlier run of the day that already covered every one of these differences, or null. */
    private static OrderFollowUp earlierFollowUp(
            ReconciliationReport previous, String orderId, List<Discrepancy> ofOrder) {
        if (previous == null) {
            return null;
        }
        Set<String> reportedBefore = new HashSet<>();
        previous.differences().stream()
                .filter(d -> orderId.equals(d.orderId()))
                .forEach(d -> reportedBefore.add(d.key()));
        boolean covered = ofOrder.stream().allMatch(d -> reportedBefore.contains(d.key()));
        return previous.followUps().stream()
                .filter(f -> orderId.equals(f.orderId()) && f.action() != OrderFollowUp.Action.FAILED && covered)
                .findFirst()
                .orElse(null);
    }

    private OrderFollowUp act(LocalDate day, String orderId, List<Discrepancy> ofOrder) {
        String summary = "reconciliation of " + day + ": "
                + ofOrder.stream().map(Discrepancy::describe).collect(Collectors.joining("; "));
        OrderId order = new OrderId(orderId);
        try {
            commands.sendAndWait(new FlagOrderForAttentionCommand(order, ACTOR, summary));
            return new OrderFollowUp(orderId, OrderFollowUp.Action.FLAGGED, summary, false);
        } catch (RuntimeException refused) {
            String why = "not flagged for attention: " + refused.getMessage();
            try {
                commands.sendAndWait(new AddAdminNoteCommand(order, ACTOR, summary + " (" + why + ")"));
                return new OrderFollowUp(orderId, OrderFollowUp.Action.NOTED, why, false);
            } catch (RuntimeException e) {
                log.error(
                        "reconciliation of {}: order {} could be neither flagged nor noted: {}",
                        day,
                        orderId,
                        e.getMessage());
                return new OrderFollowUp(
                        orderId, OrderFollowUp.Action.FAILED, why + "; no note either: " + e.getMessage(), false);
            }
        }
    }
}
