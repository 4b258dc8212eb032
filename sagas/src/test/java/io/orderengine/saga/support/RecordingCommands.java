package io.orderengine.saga.support;

import java.util.List;
import java.util.function.Predicate;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.commandhandling.gateway.DefaultCommandGateway;
import org.axonframework.test.utils.RecordingCommandBus;

/** A command gateway that records what was sent and answers every command with success, or with a failure on demand. */
public final class RecordingCommands {

    private final RecordingCommandBus bus = new RecordingCommandBus();
    private final CommandGateway gateway =
            DefaultCommandGateway.builder().commandBus(bus).build();

    public CommandGateway gateway() {
        return gateway;
    }

    public List<Object> sent() {
        return bus.getDispatchedCommands().stream()
                .<Object>map(CommandMessage::getPayload)
                .toList();
    }

    public void failWith(RuntimeException failure) {
        bus.setCallbackBehavior((payload, metaData) -> {
            throw failure;
        });
    }

    /** Fails the commands {@code which} picks with {@code failure}; every other command succeeds. */
    public void failWhen(Predicate<Object> which, RuntimeException failure) {
        bus.setCallbackBehavior((payload, metaData) -> {
            if (which.test(payload)) {
                throw failure;
            }
            return null;
        });
    }

    public void succeed() {
        bus.setCallbackBehavior((payload, metaData) -> null);
    }

    public void clear() {
        bus.clearCommands();
    }
}
