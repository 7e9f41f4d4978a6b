package io.chatplatform.bootstrap;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The hexagon's rules, checked on the production classes of every module. ArchUnit's
 * failOnEmptyShould stays on (its default), so a rule that matches no class fails instead of
 * passing silently.
 */
class ArchitectureTest {

    private static JavaClasses classes;

    @BeforeAll
    static void importProductionClasses() {
        classes = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                // test fixtures shared as test-jars (chat-ports-...-tests.jar) are not production code
                .withImportOption(location -> !location.contains("-tests.jar"))
                // nor is the test kit, which tests use in test scope (it may use any framework)
                .withImportOption(location -> !location.contains("chat-test-kit"))
                .importPackages("io.chatplatform");
    }

    @Test
    @DisplayName("the domain depends on nothing but the JDK")
    void domain_is_pure() {
        ArchRule rule = classes().that().resideInAPackage("io.chatplatform.domain..")
                .should().onlyDependOnClassesThat().resideInAnyPackage("io.chatplatform.domain..", "java..");
        rule.check(classes);
    }

    @Test
    @DisplayName("ports and application services depend on the domain and the JDK only (javax.crypto is the JDK's)")
    void ports_know_no_adapter_nor_framework() {
        ArchRule rule = classes().that().resideInAPackage("io.chatplatform.application..")
                .should().onlyDependOnClassesThat()
                .resideInAnyPackage("io.chatplatform.application..", "io.chatplatform.domain..", "java..", "javax.crypto..");
        rule.check(classes);
    }

    @Test
    @DisplayName("the port contracts use the ports, the domain, JUnit and AssertJ, nothing else")
    void contracts_use_only_ports_and_test_libraries() {
        ArchRule rule = classes().that().resideInAPackage("io.chatplatform.contracts..")
                .should().onlyDependOnClassesThat()
                .resideInAnyPackage("io.chatplatform.contracts..", "io.chatplatform.application..", "io.chatplatform.domain..",
                        "java..", "org.junit.jupiter.api..", "org.assertj.core..");
        rule.check(classes);
    }

    @Test
    @DisplayName("no production class depends on the port contracts: they are test code")
    void contracts_are_test_code() {
        ArchRule rule = noClasses().that().resideOutsideOfPackage("io.chatplatform.contracts..")
                .should().dependOnClassesThat().resideInAPackage("io.chatplatform.contracts..");
        rule.check(classes);
    }

    @ParameterizedTest(name = "the {0} adapter does not depend on another adapter")
    @CsvSource({"postgres", "http", "redis", "metrics"})
    void adapters_are_independent(String adapter) {
        ArchRule rule = noClasses().that().resideOutsideOfPackage("io.chatplatform.adapter." + adapter + "..")
                .and().resideInAPackage("io.chatplatform.adapter..")
                .should().dependOnClassesThat().resideInAPackage("io.chatplatform.adapter." + adapter + "..");
        rule.check(classes);
    }

    @ParameterizedTest(name = "{1} is used only inside the {0} adapter")
    @CsvSource({
            "postgres, org.jdbi..",
            "postgres, com.zaxxer..",
            "postgres, org.postgresql..",
            "postgres, org.flywaydb..",
            "redis, redis.clients..",
            "http, io.javalin..",
            "http, org.eclipse.jetty..",
            "metrics, io.prometheus.."})
    void frameworks_stay_in_their_adapter(String adapter, String frameworkPackage) {
        ArchRule rule = noClasses().that().resideOutsideOfPackage("io.chatplatform.adapter." + adapter + "..")
                .should().dependOnClassesThat().resideInAPackage(frameworkPackage);
        rule.check(classes);
    }

    @Test
    @DisplayName("nothing depends on the bootstrap: it wires, it is not wired")
    void nothing_depends_on_bootstrap() {
        ArchRule rule = noClasses().that().resideOutsideOfPackage("io.chatplatform.bootstrap..")
                .should().dependOnClassesThat().resideInAPackage("io.chatplatform.bootstrap..");
        rule.check(classes);
    }

    @Test
    @DisplayName("no production class depends on the test kit")
    void test_kit_stays_in_tests() {
        ArchRule rule = noClasses().should().dependOnClassesThat().resideInAPackage("io.chatplatform.testkit..");
        rule.check(classes);
    }

    @Test
    @DisplayName("an adapter's internal package is used only by that adapter")
    void internals_stay_internal() {
        ArchRule rule = noClasses().that().resideInAPackage("io.chatplatform.bootstrap..")
                .should().dependOnClassesThat().resideInAPackage("io.chatplatform.adapter.(*).internal..");
        rule.check(classes);
    }
}
