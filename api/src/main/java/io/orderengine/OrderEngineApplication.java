package io.orderengine;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.scheduling.annotation.EnableScheduling;

/** The order engine: one Spring Boot application that hosts every module (package {@code io.orderengine}). */
@SpringBootApplication
@ConfigurationPropertiesScan
@EnableScheduling
public class OrderEngineApplication {

    public static void main(String[] args) {
        // Axon's update checker phones home at start-up; only this system property reliably stops it (STACK.md).
        System.setProperty("axoniq.update-checker.disabled", "true");
        SpringApplication.run(OrderEngineApplication.class, args);
    }
}
