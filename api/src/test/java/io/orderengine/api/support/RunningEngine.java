package io.orderengine.api.support;

import io.orderengine.OrderEngineApplication;
import io.orderengine.testkit.EngineClient;
import io.orderengine.testkit.InProcessEngine;
import java.util.Map;

/** The engine's application started in this JVM on given properties (testkit's {@link InProcessEngine}). */
public final class RunningEngine implements AutoCloseable {

    private final InProcessEngine engine;

    private RunningEngine(InProcessEngine engine) {
        this.engine = engine;
    }

    public static RunningEngine start(Map<String, Object> properties) {
        return new RunningEngine(InProcessEngine.start(OrderEngineApplication.class, properties));
    }

    public int port() {
        return engine.port();
    }

    public EngineClient client() {
        return engine.client();
    }

    public <T> T bean(Class<T> type) {
        return engine.bean(type);
    }

    public <T> T bean(String name, Class<T> type) {
        return engine.bean(name, type);
    }

    @Override
    public void close() {
        engine.close();
    }
}
