package io.orderengine.api.web;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.info.License;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import java.util.Map;
import org.springdoc.core.customizers.OperationCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * OpenAPI 3 at {@code /v3/api-docs} and {@code /swagger-ui.html}: bearer-JWT security, and on every operation the
 * problem+json error responses it can give.
 */
@Configuration(proxyBeanMethods = false)
public class OpenApiConfiguration {

    private static final Map<String, String> ERRORS = Map.of(
            "400", "Invalid input (validation, malformed JSON, unknown field, missing Idempotency-Key)",
            "401", "Missing, expired, forged or unsigned bearer token",
            "403", "Authenticated but not allowed (e.g. not an admin)",
            "404", "Not found, or not yours",
            "409", "Conflicts with the current state (illegal status change, duplicate, key in use)",
            "413", "Body over 100 kB",
            "422", "Well-formed but breaks a business rule",
            "429", "Rate limit exceeded (see Retry-After)");

    @Bean
    public OpenAPI orderEngineOpenApi() {
        Schema<?> problem = new Schema<>()
                .type("object")
                .addProperty("type", new Schema<>().type("string").format("uri"))
                .addProperty("title", new Schema<>().type("string"))
                .addProperty("status", new Schema<>().type("integer"))
                .addProperty("detail", new Schema<>().type("string"))
                .addProperty("instance", new Schema<>().type("string"));
        return new OpenAPI()
                .info(new Info()
                        .title("Order engine API")
                        .version("v1")
                        .description("Event-sourced order engine: checkout, orders, stock, payments. "
                                + "Errors are RFC 9457 problem+json.")
                        .license(new License().name("Apache-2.0")))
                .components(new Components()
                        .addSecuritySchemes(
                                "bearer",
                                new SecurityScheme()
                                        .type(SecurityScheme.Type.HTTP)
                                        .scheme("bearer")
                                        .bearerFormat("JWT"))
                        .addSchemas("Problem", problem))
                .addSecurityItem(new SecurityRequirement().addList("bearer"));
    }

    @Bean
    public OperationCustomizer problemResponses() {
        return (operation, handlerMethod) -> {
            ERRORS.forEach((status, description) -> {
                if (!operation.getResponses().containsKey(status)) {
                    operation
                            .getResponses()
                            .addApiResponse(
                                    status,
                                    new ApiResponse()
                                            .description(description)
                                            .content(new Content()
                                                    .addMediaType(
                                                            "application/problem+json",
                                                            new MediaType()
                                                                    .schema(new Schema<>()
                                                                            .$ref("#/components/schemas/Problem")))));
                }
            });
            return operation;
        };
    }
}
