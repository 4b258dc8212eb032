package io.orderengine.architecture;

import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideOutsideOfPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.methods;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.fasterxml.jackson.databind.JsonNode;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaMethod;
import com.tngtech.archunit.core.domain.JavaParameterizedType;
import com.tngtech.archunit.core.domain.JavaType;
import com.tngtech.archunit.core.domain.JavaTypeVariable;
import com.tngtech.archunit.core.domain.JavaWildcardType;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The arrows point one way: api → sagas, query-side, command-side, outbound → infrastructure → messages. The api is
 * the web adapter only: no store types, typed answers, shop and admin apart.
 */
class LayeringTest {

    private static JavaClasses engine;

    @BeforeAll
    static void importEngine() {
        engine = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("io.orderengine");
    }

    @Test
    void messagesUseNoSpringMongoOrPaymentSdk() {
        noClasses()
                .that()
                .resideInAPackage("io.orderengine.messages..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(
                        "org.springframework..",
                        "com.mongodb..",
                        "org.bson..",
                        "com.stripe..",
                        "com.paypal..",
                        "jakarta.persistence..")
                .check(engine);
    }

    @Test
    void aggregatesUseNoSpringMongoOrPaymentSdk() {
        noClasses()
                .that()
                .resideInAPackage("io.orderengine.command..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(
                        "org.springframework..", "com.mongodb..", "org.bson..", "com.stripe..", "com.paypal..")
                .check(engine);
    }

    @Test
    void messagesDependOnNoOtherModule() {
        noClasses()
                .that()
                .resideInAPackage("io.orderengine.messages..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(
                        "io.orderengine.command..",
                        "io.orderengine.query..",
                        "io.orderengine.saga..",
                        "io.orderengine.api..")
                .check(engine);
    }

    @Test
    void nothingDependsOnTheApi() {
        noClasses()
                .that()
                .resideOutsideOfPackages("io.orderengine.api..", "io.orderengine")
                .should()
                .dependOnClassesThat()
                .resideInAPackage("io.orderengine.api..")
                .check(engine);
    }

    @Test
    void sideModulesDoNotDependOnEachOther() {
        noClasses()
                .that()
                .resideInAPackage("io.orderengine.command..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("io.orderengine.query..", "io.orderengine.saga..")
                .check(engine);
        noClasses()
                .that()
                .resideInAPackage("io.orderengine.query..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("io.orderengine.command..", "io.orderengine.saga..")
                .check(engine);
        noClasses()
                .that()
                .resideInAPackage("io.orderengine.saga..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("io.orderengine.command..", "io.orderengine.query..")
                .check(engine);
    }

    @Test
    void paymentSdkTypesStayInTheirAdapters() {
        noClasses()
                .that()
                .resideOutsideOfPackage("io.orderengine.saga.payment.stripe..")
                .should()
                .dependOnClassesThat()
                .resideInAPackage("com.stripe..")
                .check(engine);
        noClasses()
                .that()
                .resideOutsideOfPackage("io.orderengine.saga.payment.paypal..")
                .should()
                .dependOnClassesThat()
                .resideInAPackage("com.paypal..")
                .check(engine);
    }

    @Test
    void theApiUsesNoMongoTypes() {
        noClasses()
                .that()
                .resideInAPackage("io.orderengine.api..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("com.mongodb..", "org.bson..")
                .check(engine);
    }

    @Test
    void controllersAnswerWithTypedBodies() {
        methods()
                .that()
                .areDeclaredInClassesThat()
                .areAnnotatedWith(RestController.class)
                .and()
                .areMetaAnnotatedWith(RequestMapping.class)
                .should(returnATypedBody())
                .check(engine);
    }

    @Test
    void shopAndAdminEndpointsShareOnlyWebAndSecurityTypes() {
        noClasses()
                .that()
                .resideInAPackage("io.orderengine.api.shop..")
                .should()
                .dependOnClassesThat()
                .resideInAPackage("io.orderengine.api.admin..")
                .check(engine);
        noClasses()
                .that()
                .resideInAPackage("io.orderengine.api.admin..")
                .should()
                .dependOnClassesThat()
                .resideInAPackage("io.orderengine.api.shop..")
                .check(engine);
    }

    @Test
    void infrastructureDependsOnNothingOfOursButMessages() {
        classes()
                .that()
                .resideInAPackage("io.orderengine.infrastructure..")
                .should()
                .onlyDependOnClassesThat(resideOutsideOfPackage("io.orderengine..")
                        .or(resideInAnyPackage("io.orderengine.infrastructure..", "io.orderengine.messages..")))
                .check(engine);
    }

    /**
     * Outbound is fed by its own order-facts read model: no command-side, query-side or saga types. Fails until
     * outbound stops using query-side's {@code OrderView} ({@code outbound.mail.OrderFacts},
     * {@code outbound.invoice.Invoices}), which is being done on another branch: the integrator enables it with that
     * change.
     */
    @Test
    void outboundDependsOnNeitherCommandQueryNorSagas() {
        noClasses()
                .that()
                .resideInAPackage("io.orderengine.outbound..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("io.orderengine.command..", "io.orderengine.query..", "io.orderengine.saga..")
                .check(engine);
    }

    /** No {@code Object}, wildcard, {@code Map} or JSON tree anywhere in a handler's return type. */
    private static ArchCondition<JavaMethod> returnATypedBody() {
        return new ArchCondition<>("return a typed body (no Object, ?, Map or JsonNode)") {
            @Override
            public void check(JavaMethod method, ConditionEvents events) {
                String untyped = untyped(method.getReturnType());
                if (untyped != null) {
                    events.add(SimpleConditionEvent.violated(
                            method,
                            method.getFullName() + " returns "
                                    + method.getReturnType().getName() + " (" + untyped + ")"));
                }
            }
        };
    }

    private static String untyped(JavaType type) {
        if (type instanceof JavaWildcardType || type instanceof JavaTypeVariable<?>) {
            return "a wildcard or type variable";
        }
        if (type instanceof JavaParameterizedType parameterized) {
            for (JavaType argument : parameterized.getActualTypeArguments()) {
                String untyped = untyped(argument);
                if (untyped != null) {
                    return untyped;
                }
            }
        }
        JavaClass raw = type.toErasure();
        if (raw.isEquivalentTo(Object.class)) {
            return "Object";
        }
        if (raw.isAssignableTo(Map.class)) {
            return "a Map";
        }
        if (raw.isAssignableTo(JsonNode.class)) {
            return "a JSON tree";
        }
        return null;
    }
}
