package io.orderengine.infrastructure.axon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.axonframework.eventhandling.GlobalSequenceTrackingToken;
import org.axonframework.eventhandling.tokenstore.inmemory.InMemoryTokenStore;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.junit.jupiter.api.Test;

/** The token of a unit of work is stored after everything the unit of work writes in its prepare-commit phase. */
class TokenAfterCommitTest {

    private final InMemoryTokenStore tokens = new InMemoryTokenStore();
    private final TokenAfterCommit store = new TokenAfterCommit(tokens);

    @Test
    void theTokenIsStoredAfterTheWritesOfTheUnitOfWorkAndNotAtAllWhenItRollsBack() {
        store.initializeTokenSegments("saga", 1);
        store.fetchToken("saga", 0);
        List<String> order = new ArrayList<>();

        DefaultUnitOfWork<?> unitOfWork = DefaultUnitOfWork.startAndGet(null);
        // as Axon's pooled processor does: the token first, then the handlers' own prepare-commit work
        unitOfWork.onPrepareCommit(u -> store.storeToken(new GlobalSequenceTrackingToken(7), "saga", 0));
        unitOfWork.onPrepareCommit(u -> order.add("saga state saved, token " + tokens.fetchToken("saga", 0)));
        unitOfWork.commit();

        assertThat(order).containsExactly("saga state saved, token null");
        assertThat(tokens.fetchToken("saga", 0)).isEqualTo(new GlobalSequenceTrackingToken(7));

        DefaultUnitOfWork<?> failing = DefaultUnitOfWork.startAndGet(null);
        failing.onPrepareCommit(u -> store.storeToken(new GlobalSequenceTrackingToken(9), "saga", 0));
        failing.onPrepareCommit(u -> {
            throw new IllegalStateException("saga state not saved");
        });
        assertThatThrownBy(failing::commit).isInstanceOf(IllegalStateException.class);
        assertThat(tokens.fetchToken("saga", 0)).isEqualTo(new GlobalSequenceTrackingToken(7));

        store.storeToken(new GlobalSequenceTrackingToken(11), "saga", 0);
        assertThat(tokens.fetchToken("saga", 0))
                .as("outside a unit of work: at once")
                .isEqualTo(new GlobalSequenceTrackingToken(11));
    }
}
