package io.orderengine.query.projection;

import java.util.Map;
import java.util.Objects;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The token side of a rebuild's switch-over in {@link ProjectionRebuilder}: takes the token the rebuild processor
 * reached, gives it to every segment of the live processor (remembering the tokens it replaced) and, when the switch
 * fails before the new generation serves, puts the replaced tokens back.
 */
final class TokenHandover {

    /** Logs as the rebuilder it works for. */
    private static final Logger log = LoggerFactory.getLogger(ProjectionRebuilder.class);

    private final TokenStore tokenStore;

    TokenHandover(TokenStore tokenStore) {
        this.tokenStore = tokenStore;
    }

    /** The token of the (stopped) rebuild processor's only segment; removed from the store. */
    TrackingToken take(String processorName) {
        TrackingToken token = tokenStore.fetchToken(processorName, 0);
        tokenStore.deleteToken(processorName, 0);
        return token;
    }

    /**
     * Stores {@code reached} for every segment of the processor {@code name} and releases their claims; each token
     * replaced goes into {@code replaced} (segment → token) as soon as it is, so a failure half-way can be undone.
     */
    void handOver(String name, TrackingToken reached, Map<Integer, TrackingToken> replaced) {
        for (int segment : tokenStore.fetchSegments(name)) {
            TrackingToken current = tokenStore.fetchToken(name, segment);
            // Only real changes: the MongoDB token store reports an update that changes nothing as a failure.
            if (!Objects.equals(current, reached)) {
                tokenStore.storeToken(reached, name, segment);
                replaced.put(segment, current);
            }
            tokenStore.releaseClaim(name, segment);
        }
    }

    /** Puts the replaced tokens back (best effort: a failure is logged, the other segments are still restored). */
    void restore(String name, Map<Integer, TrackingToken> tokens) {
        tokens.forEach((segment, token) -> {
            try {
                tokenStore.storeToken(token, name, segment);
                tokenStore.releaseClaim(name, segment);
            } catch (RuntimeException e) {
                log.error("could not restore the token of {} segment {}", name, segment, e);
            }
        });
    }
}
