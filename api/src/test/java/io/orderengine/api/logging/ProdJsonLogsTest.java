package io.orderengine.api.logging;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.orderengine.infrastructure.logging.MessageMdc;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.context.annotation.Configuration;

/**
 * The engine's logging configuration ({@code logback-spring.xml}) writes one JSON object per line under the
 * {@code prod} profile, with the MDC fields and redacted like the text logs, and text lines otherwise. Each case
 * runs in a JVM of its own (a bare Spring application with the engine's logging configuration), so the logging of
 * the other tests in this JVM is not touched.
 */
class ProdJsonLogsTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String MESSAGE = "handled an order for alice@example.com";

    @Test
    void underProdEveryLineIsJsonWithTheMessageIdsOfItsMdc() throws Exception {
        List<String> lines = run("prod");

        assertThat(lines)
                .isNotEmpty()
                .allSatisfy(line -> assertThat(JSON.readTree(line).isObject()).isTrue());
        JsonNode handled = lines.stream()
                .map(ProdJsonLogsTest::json)
                .filter(line -> line.path("message").asText().startsWith("handled an order"))
                .findFirst()
                .orElseThrow();
        assertThat(handled.path("level").asText()).isEqualTo("INFO");
        assertThat(handled.path("correlationId").asText()).isEqualTo("corr-1");
        assertThat(handled.path("orderId").asText()).isEqualTo("order-7");
        assertThat(handled.path("requestId").asText()).isEqualTo("req-3");
        assertThat(handled.path("message").asText()).doesNotContain("alice@");
    }

    @Test
    void withoutProdLinesAreTextWithTheIdsInBrackets() throws Exception {
        List<String> lines = run();

        String handled = lines.stream()
                .filter(line -> line.contains("handled an order"))
                .findFirst()
                .orElseThrow();
        assertThat(handled).startsWith("20").contains("[req-3  corr-1 order-7]").doesNotContain("alice@", "{\"");
    }

    private static JsonNode json(String line) {
        try {
            return JSON.readTree(line);
        } catch (IOException e) {
            throw new IllegalStateException(line, e);
        }
    }

    private static List<String> run(String... profiles) throws Exception {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp",
                System.getProperty("java.class.path"),
                LoggingApplication.class.getName()));
        command.addAll(List.of(profiles));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(output).isZero();
        return output.lines().filter(line -> !line.isBlank()).toList();
    }

    /** A bare application with the engine's logging configuration that logs one line with MDC fields. */
    @Configuration(proxyBeanMethods = false)
    static class LoggingApplication {

        public static void main(String[] profiles) {
            SpringApplication application = new SpringApplication(LoggingApplication.class);
            application.setWebApplicationType(WebApplicationType.NONE);
            application.setAdditionalProfiles(profiles);
            application.setDefaultProperties(Map.of("spring.main.banner-mode", "off"));
            try (var context = application.run()) {
                Logger log = LoggerFactory.getLogger(LoggingApplication.class);
                MDC.put(MessageMdc.REQUEST_ID, "req-3");
                MDC.put(MessageMdc.CORRELATION_ID, "corr-1");
                MDC.put(MessageMdc.ORDER_ID, "order-7");
                log.info(MESSAGE);
                MDC.clear();
            }
        }
    }
}
