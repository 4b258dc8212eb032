package io.orderengine.architecture;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/** The arrows point one way: api → sagas, query-side, command-side → messages. */
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
        noClasses().that().resideInAPackage("io.orderengine.messages..")
                .should().dependOnClassesThat().resideInAnyPackage("org.springframework..", "com.mongodb..",
                        "org.bson..", "com.stripe..", "com.paypal..", "jakarta.persistence..")
                .check(engine);
    }

    @Test
    void aggregatesUseNoSpringMongoOrPaymentSdk() {
        noClasses().that().resideInAPackage("io.orderengine.command..")
                .should().dependOnClassesThat().resideInAnyPackage("org.springframework..", "com.mongodb..",
                        "org.bson..", "com.stripe..", "com.paypal..")
                .check(engine);
    }

    @Test
    void messagesDependOnNoOtherModule() {
        noClasses().that().resideInAPackage("io.orderengine.messages..")
                .should().dependOnClassesThat().resideInAnyPackage("io.orderengine.command..", "io.orderengine.query..",
                        "io.orderengine.saga..", "io.orderengine.api..")
                .check(engine);
    }

    @Test
    void nothingDependsOnTheApi() {
        noClasses().that().resideOutsideOfPackages("io.orderengine.api..", "io.orderengine")
                .should().dependOnClassesThat().resideInAPackage("io.orderengine.api..")
                .check(engine);
    }

    @Test
    void sideModulesDoNotDependOnEachOther() {
        noClasses().that().resideInAPackage("io.orderengine.command..")
                .should().dependOnClassesThat().resideInAnyPackage("io.orderengine.query..", "io.orderengine.saga..")
                .check(engine);
        noClasses().that().resideInAPackage("io.orderengine.query..")
                .should().dependOnClassesThat().resideInAnyPackage("io.orderengine.command..", "io.orderengine.saga..")
                .check(engine);
        noClasses().that().resideInAPackage("io.orderengine.saga..")
                .should().dependOnClassesThat().resideInAnyPackage("io.orderengine.command..", "io.orderengine.query..")
                .check(engine);
    }

    @Test
    void paymentSdkTypesStayInTheirAdapters() {
        noClasses().that().resideOutsideOfPackage("io.orderengine.saga.payment.stripe..")
                .should().dependOnClassesThat().resideInAPackage("com.stripe..")
                .check(engine);
        noClasses().that().resideOutsideOfPackage("io.orderengine.saga.payment.paypal..")
                .should().dependOnClassesThat().resideInAPackage("com.paypal..")
                .check(engine);
    }
}
