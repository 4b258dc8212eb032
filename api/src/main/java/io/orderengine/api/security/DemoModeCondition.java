package io.orderengine.api.security;

import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.type.AnnotatedTypeMetadata;

/** Beans that exist only in demo mode (the dev token endpoint and its signer). */
class DemoModeCondition implements Condition {

    @Override
    public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
        return DemoMode.applies(context.getEnvironment());
    }
}
