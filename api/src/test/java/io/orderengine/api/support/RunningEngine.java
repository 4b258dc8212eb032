package io.orderengine.api.support;

import io.orderengine.OrderEngineApplication;
import java.util.Map;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/** One engine started in this JVM on given properties; {@link #close()} stops it cleanly (as a restart would). */
public final class RunningEngine implements AutoCloseable {

    private final ConfigurableApplicationContext context;

    private RunningEngine(ConfigurableApplicationContext context) {
        this.context = context;
    }

    public static RunningEngine start(Map<String, Object> properties) {
        System.setProperty("axoniq.update-checker.disabled", "true");
        // as command-line arguments: they must win over application.yml (builder "properties" are only defaults)
        String[] args = properties.entrySet().stream()
                .map(e -> "--" + e.getKey() + "=" + e.getValue())
                .toArray(String[]::new);
        ConfigurableApplicationContext context = new SpringApplicationBuilder(OrderEngineApplication.class).run(args);
        return new RunningEngine(context);
    }

    public int port() {
        return ((WebServerApplicationContext) context).getWebServer().getPort();
    }

    public EngineClient client() {
        return new EngineClient(port());
    }

    public <T> T bean(Class<T> type) {
        return context.getBean(type);
    }

    @Override
    public void close() {
        context.close();
    }
}
