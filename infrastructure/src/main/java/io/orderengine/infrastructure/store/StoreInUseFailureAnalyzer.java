package io.orderengine.infrastructure.store;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Says in words why an engine did not start on an embedded store another process holds, and what to do: Spring Boot
 * prints this instead of the exception's stack trace (registered in {@code META-INF/spring.factories}).
 */
public final class StoreInUseFailureAnalyzer extends AbstractFailureAnalyzer<StoreInUseException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, StoreInUseException cause) {
        return new FailureAnalysis(
                "The embedded store " + cause.file() + " is locked by another process: an engine is probably "
                        + "already running on this data folder.",
                "Stop the other engine, or start this one on a data folder of its own "
                        + "(engine.store.embedded-path, for example --engine.store.embedded-path=./data2/engine.mv), "
                        + "or point both at one MongoDB with MONGODB_URI (docs/scaling.md).",
                cause);
    }
}
