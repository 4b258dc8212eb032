package io.orderengine.saga.commands;

import java.time.Duration;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;

/**
 * Sends the commands of a process step (a saga handler, a deadline) so that what they change is stored before the
 * step is marked done, and so that a command that could not be delivered makes the step run again.
 *
 * <p>With the local command bus, a command sent from inside an event handler's unit of work is handled in a nested
 * unit of work whose events are only appended when the handler's batch commits. A concurrent append to the same
 * aggregate (another checkout, another instance) then fails the whole batch instead of the one command, and a
 * failure the command gateway retries in the background is lost if the process dies before the retry. Here every
 * command is handled on a thread of its own, outside the step's unit of work: its events are appended (and
 * retried by the gateway on a concurrency conflict) before {@link #send} returns. What the domain refuses is
 * returned as a {@link Outcome#refused() refusal}; any other failure throws {@link CommandNotDelivered}, so the
 * event processor handles the event again and the step re-sends its commands. Every command a step sends must
 * therefore be idempotent for the step's aggregate (the order and stock aggregates treat a repeat as a no-op).
 */
public class StepCommands implements AutoCloseable {

    /** How long a step waits for one command, the gateway's retries included, before it counts as not delivered. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(60);

    private final CommandGateway gateway;
    private final Duration timeout;
    private final ExecutorService executor;

    public StepCommands(CommandGateway gateway) {
        this(gateway, DEFAULT_TIMEOUT);
    }

    public StepCommands(CommandGateway gateway, Duration timeout) {
        this.gateway = gateway;
        this.timeout = timeout;
        this.executor = Executors.newCachedThreadPool(daemonThreads());
    }

    /**
     * Handles {@code command} outside the caller's unit of work and waits for it. The message is created here, so it
     * carries the correlation data (request id, trace) of the message the caller is handling.
     *
     * @throws CommandNotDelivered when it failed for another reason than the domain refusing it
     */
    public Outcome send(Object command) {
        CommandMessage<?> message = GenericCommandMessage.asCommandMessage(command);
        CompletableFuture<Object> result;
        try {
            result = CompletableFuture.supplyAsync(() -> gateway.<Object>send(message), executor)
                    .thenCompose(f -> f);
        } catch (RuntimeException rejectedByExecutor) {
            throw new CommandNotDelivered(command, rejectedByExecutor);
        }
        try {
            result.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            return Outcome.HANDLED;
        } catch (ExecutionException | CancellationException e) {
            Throwable cause = e instanceof ExecutionException && e.getCause() != null ? e.getCause() : e;
            while (cause instanceof CompletionException && cause.getCause() != null) {
                cause = cause.getCause();
            }
            if (CommandFailures.isRejection(cause)) {
                return Outcome.refusedBecause(cause);
            }
            throw new CommandNotDelivered(command, cause);
        } catch (TimeoutException e) {
            throw new CommandNotDelivered(command, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CommandNotDelivered(command, e);
        }
    }

    @Override
    public void close() {
        executor.shutdown();
    }

    private static ThreadFactory daemonThreads() {
        AtomicInteger count = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, "step-command-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }

    /** Whether the command was handled, or refused by the domain (and why). */
    public record Outcome(Throwable refusal) {

        static final Outcome HANDLED = new Outcome(null);

        static Outcome refusedBecause(Throwable why) {
            return new Outcome(why);
        }

        public boolean refused() {
            return refusal != null;
        }
    }
}
