package io.orderengine.api.web.protection;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import org.axonframework.commandhandling.CommandBus;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.messaging.MessageDispatchInterceptor;
import org.axonframework.messaging.correlation.CorrelationDataProvider;
import org.axonframework.messaging.correlation.SimpleCorrelationDataProvider;
import org.slf4j.MDC;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;

/**
 * Puts the request id and the authenticated subject into the metadata of every command sent while handling a
 * request; Axon then copies them into every event those commands cause (and into commands the saga sends in
 * reaction), so the audit trail shows which request and which person started a change.
 */
@Configuration(proxyBeanMethods = false)
public class CorrelationMetadata {

    public static final String REQUEST_ID = "requestId";
    public static final String SUBJECT = "subject";

    @Bean
    public CorrelationDataProvider requestCorrelation() {
        return new SimpleCorrelationDataProvider(REQUEST_ID, SUBJECT);
    }

    @Bean
    public CommandMetadataInterceptor commandMetadataInterceptor(CommandBus commandBus) {
        CommandMetadataInterceptor interceptor = new CommandMetadataInterceptor();
        commandBus.registerDispatchInterceptor(interceptor);
        return interceptor;
    }

    /** Adds the request id (from the MDC) and the subject (from the security context) when present. */
    public static final class CommandMetadataInterceptor implements MessageDispatchInterceptor<CommandMessage<?>> {

        @Override
        public BiFunction<Integer, CommandMessage<?>, CommandMessage<?>> handle(
                List<? extends CommandMessage<?>> messages) {
            return (index, command) -> {
                Map<String, Object> extra = new HashMap<>();
                String requestId = MDC.get(RequestIdFilter.MDC_KEY);
                if (requestId != null && !command.getMetaData().containsKey(REQUEST_ID)) {
                    extra.put(REQUEST_ID, requestId);
                }
                Authentication authentication =
                        SecurityContextHolder.getContext().getAuthentication();
                if (authentication != null
                        && authentication.isAuthenticated()
                        && !"anonymousUser".equals(authentication.getName())
                        && !command.getMetaData().containsKey(SUBJECT)) {
                    extra.put(SUBJECT, authentication.getName());
                }
                return extra.isEmpty() ? command : command.andMetaData(extra);
            };
        }
    }
}
