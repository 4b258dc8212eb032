package io.orderengine.testkit;

import java.util.Map;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * A Spring Boot application started in this JVM on given properties; {@link #close()} stops it cleanly (as a restart
 * would). The application class is a parameter so the testkit needs none of the api's classes: the api's tests pass
 * their application class, the bench loads it by name.
 */
public final class InProcessEngine implements AutoCloseable {

    private final ConfigurableApplicationContext context;

    private InProcessEngine(ConfigurableApplicationContext context) {
        this.context = context;
    }

    public static InProcessEngine start(Class<?> application, Map<String, ?> properties) {
        System.setProperty("axoniq.update-checker.disabled", "true");
        // as command-line arguments: they must win over application.yml (builder "properties" are only defaults)
        String[] args = properties.entrySet().stream()
                .map(e -> "--" + e.getKey() + "=" + e.getValue())
                .toArray(String[]::new);
        return new InProcessEngine(new SpringApplicationBuilder(application).run(args));
    }

    /** Starts the application class {@code applicationClassName}, which must be on the class path. */
    public static InProcessEngine start(String applicationClassName, Map<String, ?> properties) {
        try {
            return start(Class.forName(applicationClassName), properties);
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException(applicationClassName + " is not on the class path", e);
        }
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

    public <T> T bean(String name, Class<T> type) {
        return context.getBean(name, type);
    }

    @Override
    public void close() {
        context.close();
    }
}
