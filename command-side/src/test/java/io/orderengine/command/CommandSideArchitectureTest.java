package io.orderengine.command;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import io.orderengine.messages.rejection.DomainRejection;

/** The command side is plain domain code: Axon and the messages, nothing of the infrastructure around it. */
@AnalyzeClasses(packages = "io.orderengine.command", importOptions = ImportOption.DoNotIncludeTests.class)
class CommandSideArchitectureTest {

    @ArchTest
    static final ArchRule aggregatesKnowNoInfrastructure = noClasses()
            .that()
            .resideInAPackage("io.orderengine.command..")
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage("org.springframework..", "com.mongodb..", "org.bson..", "com.stripe..", "com.paypal..")
            .because("the aggregates must run the same in the fixture, the app and a replay");

    @ArchTest
    static final ArchRule arrowsPointTowardsTheMessagesOnly = noClasses()
            .that()
            .resideInAPackage("io.orderengine.command..")
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage("io.orderengine.api..", "io.orderengine.query..", "io.orderengine.saga..")
            .because("api, sagas and projections depend on the command side, never the other way round");

    @ArchTest
    static final ArchRule pricingIsPlainJava = noClasses()
            .that()
            .resideInAPackage("io.orderengine.command.pricing..")
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage("org.axonframework..", "io.orderengine.command.order..", "io.orderengine.command.sku..")
            .because("the pricing policy is a plain policy object the api can also use for quotes");

    @ArchTest
    static final ArchRule skuAndOrderAreSeparateAggregates = noClasses()
            .that()
            .resideInAPackage("io.orderengine.command.sku..")
            .should()
            .dependOnClassesThat()
            .resideInAPackage("io.orderengine.command.order..")
            .because("a SKU and an order only meet through messages the saga sends");

    @ArchTest
    static final ArchRule everyExceptionIsADomainRejection = classes()
            .that()
            .resideInAPackage("io.orderengine.command..")
            .and()
            .areAssignableTo(Throwable.class)
            .should()
            .beAssignableTo(DomainRejection.class)
            .because("a rule the aggregates refuse is final: callers must not retry it, and the API maps it by its "
                    + "kind and type, not by its class");
}
