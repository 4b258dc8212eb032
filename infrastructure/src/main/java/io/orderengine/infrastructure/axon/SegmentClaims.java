package io.orderengine.infrastructure.axon;

import io.orderengine.infrastructure.store.EmbeddedMongoStore;
import io.orderengine.infrastructure.store.Store;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * How event processors hold the claims on their segments' tokens.
 *
 * <p>Several instances on one store ({@code engine.cluster.enabled}, or a store reached through {@code MONGODB_URI},
 * which another instance may share): Axon's defaults. Each process is its own node ({@code pid@host}); a claim is
 * extended every 5 s and lapses 10 s after its holder died, so another instance takes the segment over.
 *
 * <p>A lone instance on its embedded store: the store's file is locked by the one process that opened it, so no other
 * instance can hold a claim, and every claim found in it at start is left over from an earlier run: the token store
 * releases them before any processor starts ({@link #leftOverAtStart()}), so an engine restarted after a crash takes
 * its segments back at once, even from a copy of its data in another folder. The node is named after the store file.
 * Claims are extended every hour (they hold 3 hours) instead of every 5 s: nobody else could take them (this engine
 * takes its own back whatever their age), and the extensions were most of what an idle engine wrote to its store.
 *
 * @param nodeId             the owner written into claims; null for Axon's default ({@code pid@host})
 * @param claimTimeout       how long a claim holds without being extended
 * @param extensionMillis    how often a processor extends the claims of the segments it holds
 */
public record SegmentClaims(String nodeId, Duration claimTimeout, long extensionMillis) {

    /** Axon's own settings (node {@code pid@host}, 10 s claims extended every 5 s). */
    public static final SegmentClaims SHARED = new SegmentClaims(null, Duration.ofSeconds(10), 5_000);

    static final SegmentClaims LONE_EMBEDDED_DEFAULTS =
            new SegmentClaims(null, Duration.ofHours(3), Duration.ofHours(1).toMillis());

    /**
     * Whether every claim in the token store at start is left over from an earlier run (a lone instance on its
     * embedded store) and is released before the processors start.
     */
    public boolean leftOverAtStart() {
        return nodeId != null;
    }

    /** The claims for an engine on {@code store}; {@code clustered} when several instances may share it. */
    public static SegmentClaims of(Store store, boolean clustered) {
        return of(store.embedded().map(EmbeddedMongoStore::file), clustered);
    }

    /** The claims for an engine on the embedded store in {@code embeddedFile}, or on a MongoDB when it is empty. */
    static SegmentClaims of(Optional<Path> embeddedFile, boolean clustered) {
        if (clustered || embeddedFile.isEmpty()) {
            return SHARED;
        }
        String node = "embedded:" + embeddedFile.get().toAbsolutePath().normalize();
        return new SegmentClaims(node, LONE_EMBEDDED_DEFAULTS.claimTimeout(), LONE_EMBEDDED_DEFAULTS.extensionMillis());
    }
}
