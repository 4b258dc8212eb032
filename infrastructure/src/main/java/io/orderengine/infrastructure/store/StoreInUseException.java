package io.orderengine.infrastructure.store;

import java.nio.file.Path;

/**
 * The embedded store's file is open in another process (H2 locks it while open): most likely an engine already
 * running on the same data folder. Reported at start-up in words, without a stack trace ({@link
 * StoreInUseFailureAnalyzer}).
 */
public final class StoreInUseException extends IllegalStateException {

    private final transient Path file;

    StoreInUseException(Path file, Throwable cause) {
        super("The embedded store " + file.toAbsolutePath() + " is open in another process", cause);
        this.file = file.toAbsolutePath();
    }

    public Path file() {
        return file;
    }
}
