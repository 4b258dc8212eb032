package io.orderengine.saga.checkout;

import static io.orderengine.saga.checkout.CheckoutProgress.Stage.AUTHORIZING;
import static io.orderengine.saga.checkout.CheckoutProgress.Stage.AWAITING_PAYMENT;
import static io.orderengine.saga.checkout.CheckoutProgress.Stage.CAPTURING;
import static io.orderengine.saga.checkout.CheckoutProgress.Stage.RESERVING_STOCK;

import io.orderengine.messages.order.AwaitPaymentCommand;
import io.orderengine.messages.order.ConfirmOrderCommand;
import io.orderengine.messages.order.OrderCancelledEvent;
import io.orderengine.messages.order.OrderEditedEvent;
import io.orderengine.messages.order.PaymentAttemptStartedEvent;
import io.orderengine.messages.order.PaymentAuthorizedEvent;
import io.orderengine.messages.order.PaymentFailedEvent;
import io.orderengine.messages.order.ReplacedPaymentAuthorizedEvent;
import io.orderengine.messages.sku.CommitStockCommand;
import io.orderengine.messages.sku.ReserveStockCommand;
import io.orderengine.messages.sku.StockReservationRejectedEvent;
import io.orderengine.messages.sku.StockReservedEvent;
import io.orderengine.saga.checkout.CheckoutProgress.Stage;
import io.orderengine.saga.payment.PaymentParticipant;
import io.orderengine.saga.payment.PaymentReply;
import io.orderengine.saga.payment.PaymentReply.AuthorizationRefused;
import io.orderengine.saga.payment.PaymentReply.AuthorizationUnavailable;
import io.orderengine.saga.payment.PaymentReply.Authorized;
import io.orderengine.saga.payment.PaymentReply.CaptureRefused;
import io.orderengine.saga.payment.PaymentReply.CaptureUnavailable;
import io.orderengine.saga.payment.PaymentReply.Captured;
import io.orderengine.saga.payment.PaymentRequest;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiConsumer;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * The checkout as a table: read this first. Each forward step names the stages the saga waits in while the step
 * is open, the commands it sends or the request it puts to the {@link PaymentParticipant}, what the saga does with
 * each reply, the events that move it on, and the compensation that undoes it.
 *
 * <pre>
 * step              waits in                  invokes                          on reply / event                     compensation
 * RESERVE_STOCK     RESERVING_STOCK           ReserveStockCommand per SKU,     StockReserved for every SKU → next;  release stock (restock once
 *                                             payment deadline                 any StockReservationRejected →       committed), drop deadlines
 *                                                                              release reserved, RejectOrder, end
 * AUTHORIZE_PAYMENT AUTHORIZING,              participant: AuthorizePayment    Authorized → AwaitPaymentCommand;    void the payment
 *                   AWAITING_PAYMENT                                           AuthorizationUnavailable → flag;     (if not captured)
 *                                                                              AuthorizationRefused → record
 *                                                                              failure, then as PaymentFailed;
 *                                                                              PaymentAuthorizedEvent → next
 * CAPTURE_PAYMENT   CAPTURING                 participant: CapturePayment      Captured → ConfirmOrder,             refund the capture
 *                                                                              CommitStock per SKU;
 *                                                                              CaptureUnavailable → flag, last
 *                                                                              attempt at the capture deadline;
 *                                                                              CaptureRefused → record failure,
 *                                                                              then as PaymentFailed
 * (attempts)        AWAITING_PAYMENT after    (the customer asks: StartPayment  PaymentAttemptStartedEvent → set up
 *                   a failed payment          AttemptCommand on the order)      the attempt's payment (AUTHORIZE_
 *                                                                              PAYMENT again, keys of the attempt)
 * (edits)           AWAITING_PAYMENT          (an admin edits the unpaid       OrderEditedEvent → hold its SKUs; a new
 *                                             order: EditOrderCommand)         total cancels the payment, restarts the
 *                                                                              deadline, AUTHORIZE_PAYMENT again (keys
 *                                                                              of the edit); ReplacedPaymentAuthorized
 *                                                                              Event (any stage) → cancel that payment
 * </pre>
 *
 * Besides the steps: a {@link PaymentFailedEvent} before the money is captured leaves the order waiting for another
 * attempt (stock held, AWAITING_PAYMENT) while fewer than {@code engine.payments.max-attempts} were made and the
 * order had waited for payment ({@link PaymentAttempts}); the failure of the last attempt, or the payment deadline
 * before the money is captured, compensates (every step backwards, then CancelOrderCommand as the saga, end); an {@link OrderCancelledEvent} releases or
 * restocks, and refunds what is due or voids the payment; RefundRequestedEvent refunds (and starts a short saga when
 * the checkout already ended); an admin retry runs the failed step again, an admin compensation undoes the current
 * stage; the order shipped, delivered, returned or rejected ends the checkout once no refund is owed. A gateway
 * step that is unavailable after its retries flags the order for attention and keeps its {@code FailedStep}.
 *
 * <p>The saga consults the table: {@link #accepts} guards each event and deadline by stage, {@link #invoke} puts a
 * step's request to the participant and hands the reply to the saga's method for its type, and {@link #compensate}
 * runs the compensations last step first (each one does nothing for a step that did not get that far).
 */
final class CheckoutSteps {

    /** The forward steps, in order. */
    enum StepName {
        RESERVE_STOCK,
        AUTHORIZE_PAYMENT,
        CAPTURE_PAYMENT
    }

    /** The stages before the money is taken: a failed payment or the payment deadline still undoes the checkout. */
    static final Set<Stage> BEFORE_CAPTURE = EnumSet.of(RESERVING_STOCK, AUTHORIZING, AWAITING_PAYMENT, CAPTURING);

    static final CheckoutSteps CHECKOUT = new CheckoutSteps(List.of(
                    step(StepName.RESERVE_STOCK)
                            .waitingIn(RESERVING_STOCK)
                            .sends(ReserveStockCommand.class)
                            .movesOnWith(StockReservedEvent.class, StockReservationRejectedEvent.class)
                            .withCompensation(CheckoutSaga::releaseReservedStock),
                    step(StepName.AUTHORIZE_PAYMENT)
                            .waitingIn(AUTHORIZING, AWAITING_PAYMENT)
                            .invokeParticipant(saga -> saga.state().authorizationRequest())
                            .onReply(Authorized.class, CheckoutSaga::awaitPayment)
                            .onReply(AuthorizationUnavailable.class, CheckoutSaga::authorizationUnavailable)
                            .onReply(AuthorizationRefused.class, CheckoutSaga::authorizationRefused)
                            .sends(AwaitPaymentCommand.class)
                            .movesOnWith(PaymentAuthorizedEvent.class)
                            .withCompensation(saga -> saga.settlement().voidUncaptured()),
                    step(StepName.CAPTURE_PAYMENT)
                            .waitingIn(CAPTURING)
                            .invokeParticipant(saga -> saga.state().captureRequest())
                            .onReply(Captured.class, CheckoutSaga::confirm)
                            .onReply(CaptureUnavailable.class, CheckoutSaga::captureUnavailable)
                            .onReply(CaptureRefused.class, CheckoutSaga::captureRefused)
                            .sends(ConfirmOrderCommand.class, CommitStockCommand.class)
                            .movesOnWith(CheckoutSaga.CAPTURE_DEADLINE)
                            .withCompensation(saga -> saga.settlement().refundCapture())))
            .alsoAccepting(PaymentFailedEvent.class, BEFORE_CAPTURE)
            .alsoAccepting(PaymentAttemptStartedEvent.class, EnumSet.of(AWAITING_PAYMENT))
            .alsoAccepting(OrderEditedEvent.class, EnumSet.of(AWAITING_PAYMENT))
            .alsoAccepting(ReplacedPaymentAuthorizedEvent.class, EnumSet.allOf(Stage.class))
            .alsoAccepting(CheckoutSaga.PAYMENT_DEADLINE, BEFORE_CAPTURE)
            .alsoAccepting(OrderCancelledEvent.class, EnumSet.complementOf(EnumSet.of(Stage.CANCELLED)));

    private final List<Step> steps;
    /** Per event class or deadline name, the stages in which the saga acts on it. */
    private final Map<Object, Set<Stage>> guards = new HashMap<>();

    private CheckoutSteps(List<Step> steps) {
        this.steps = List.copyOf(steps);
        for (Step step : steps) {
            step.movesOnWith().forEach(trigger -> guards.put(trigger, step.waitingIn()));
        }
    }

    private CheckoutSteps alsoAccepting(Object trigger, Set<Stage> stages) {
        guards.put(trigger, Set.copyOf(stages));
        return this;
    }

    /** Whether the saga acts on {@code trigger} (an event class or a deadline name) in {@code stage}. */
    boolean accepts(Object trigger, Stage stage) {
        Set<Stage> stages = guards.get(trigger);
        if (stages == null) {
            throw new IllegalArgumentException("the checkout table has no row for " + trigger);
        }
        return stages.contains(stage);
    }

    /** Puts the step's request to the participant, hands the reply to the saga's method for it, and returns it. */
    PaymentReply invoke(StepName name, CheckoutSaga saga, PaymentParticipant participant) {
        Step step = row(name);
        PaymentReply reply = participant.handle(step.request().apply(saga));
        step.onReply().stream()
                .filter(rule -> rule.type().isInstance(reply))
                .findFirst()
                .orElseThrow(() -> new IllegalStateException(name + " has no row for " + reply))
                .apply(saga, reply);
        return reply;
    }

    /** Runs every compensation, last step first; false as soon as one could not finish (the saga is then flagged). */
    boolean compensate(CheckoutSaga saga) {
        for (int i = steps.size() - 1; i >= 0; i--) {
            if (!steps.get(i).compensation().test(saga)) {
                return false;
            }
        }
        return true;
    }

    List<Step> steps() {
        return steps;
    }

    Step row(StepName name) {
        return steps.stream().filter(step -> step.name() == name).findFirst().orElseThrow();
    }

    private static Step step(StepName name) {
        return new Step(name, Set.of(), null, List.of(), List.of(), List.of(), saga -> true);
    }

    /** What the saga does with a reply of {@code type}. */
    record OnReply<R extends PaymentReply>(Class<R> type, BiConsumer<CheckoutSaga, R> handler) {
        void apply(CheckoutSaga saga, PaymentReply reply) {
            handler.accept(saga, type.cast(reply));
        }
    }

    /** One row of the table; built with the methods below, each returning a copy with one column filled in. */
    record Step(
            StepName name,
            Set<Stage> waitingIn,
            Function<CheckoutSaga, PaymentRequest> request,
            List<OnReply<?>> onReply,
            List<Class<?>> sends,
            List<Object> movesOnWith,
            Predicate<CheckoutSaga> compensation) {

        Step waitingIn(Stage first, Stage... more) {
            return new Step(name, EnumSet.of(first, more), request, onReply, sends, movesOnWith, compensation);
        }

        Step invokeParticipant(Function<CheckoutSaga, PaymentRequest> makeRequest) {
            return new Step(name, waitingIn, makeRequest, onReply, sends, movesOnWith, compensation);
        }

        <R extends PaymentReply> Step onReply(Class<R> type, BiConsumer<CheckoutSaga, R> handler) {
            List<OnReply<?>> rules = new ArrayList<>(onReply);
            rules.add(new OnReply<>(type, handler));
            return new Step(name, waitingIn, request, List.copyOf(rules), sends, movesOnWith, compensation);
        }

        Step sends(Class<?>... commands) {
            List<Class<?>> all = new ArrayList<>(sends);
            all.addAll(List.of(commands));
            return new Step(name, waitingIn, request, onReply, List.copyOf(all), movesOnWith, compensation);
        }

        Step movesOnWith(Object... triggers) {
            return new Step(name, waitingIn, request, onReply, sends, List.of(triggers), compensation);
        }

        Step withCompensation(Predicate<CheckoutSaga> undo) {
            return new Step(name, waitingIn, request, onReply, sends, movesOnWith, undo);
        }
    }
}
