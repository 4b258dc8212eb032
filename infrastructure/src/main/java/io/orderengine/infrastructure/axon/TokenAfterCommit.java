package io.orderengine.infrastructure.axon;

import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.eventhandling.tokenstore.UnableToClaimTokenException;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A token store that records a processor's progress only after everything else its unit of work writes. Without a
 * transaction manager (MongoDB here), Axon's pooled processors store the token in the first prepare-commit handler,
 * before the handlers' own prepare-commit work: the checkout saga's state and the batched read-model writes. A kill
 * -9 between the two left the token past an event whose effect was never stored (an approved order waiting for
 * payment forever, a confirmed order whose saga still said capturing; found by CheckoutCrashTest). Deferred to after
 * the commit, a kill in between makes the processor handle the event again, which every handler tolerates (versioned
 * read models, saga steps that ignore an event their stage has passed, commands that are no-ops when repeated).
 * Outside a unit of work (initialising, claiming) tokens are stored at once.
 */
public final class TokenAfterCommit extends ForwardingTokenStore {

    private static final Logger log = LoggerFactory.getLogger(TokenAfterCommit.class);

    public TokenAfterCommit(TokenStore delegate) {
        super(delegate);
    }

    @Override
    public void storeToken(TrackingToken token, String processorName, int segment) {
        if (CurrentUnitOfWork.isStarted() && CurrentUnitOfWork.get().phase().isBefore(UnitOfWork.Phase.AFTER_COMMIT)) {
            CurrentUnitOfWork.get().afterCommit(unitOfWork -> {
                try {
                    delegate.storeToken(token, processorName, segment);
                } catch (UnableToClaimTokenException e) {
                    log.warn(
                            "Token of {} segment {} not stored: the claim was lost; another instance goes on from"
                                    + " the last stored token",
                            processorName,
                            segment);
                }
            });
            return;
        }
        delegate.storeToken(token, processorName, segment);
    }
}
