package dev.mcpspring.architecture;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/**
 * Holds the package boundaries of the design: the protocol core knows nothing of HTTP, servlets or Spring MVC,
 * so other transports can sit beside {@code transport}, and dependencies only point inwards.
 */
@AnalyzeClasses(packages = "dev.mcpspring", importOptions = ImportOption.DoNotIncludeTests.class)
class PackageBoundaryTests {

    @ArchTest
    static final ArchRule coreIgnoresTheWeb = noClasses()
        .that().resideInAnyPackage("dev.mcpspring.protocol..", "dev.mcpspring.server..", "dev.mcpspring.annotation..",
                "dev.mcpspring.session..")
        .should().dependOnClassesThat()
        .resideInAnyPackage("jakarta.servlet..", "org.springframework.web..", "org.springframework.http..");

    @ArchTest
    static final ArchRule protocolDependsOnJacksonOnly = noClasses()
        .that().resideInAPackage("dev.mcpspring.protocol..")
        .should().dependOnClassesThat()
        .resideInAnyPackage("org.springframework..", "dev.mcpspring.server..", "dev.mcpspring.session..",
                "dev.mcpspring.annotation..", "dev.mcpspring.transport..", "dev.mcpspring.autoconfigure..");

    @ArchTest
    static final ArchRule sessionsKnowOnlyTheProtocol = noClasses()
        .that().resideInAPackage("dev.mcpspring.session..")
        .should().dependOnClassesThat()
        .resideInAnyPackage("dev.mcpspring.server..", "dev.mcpspring.annotation..", "dev.mcpspring.transport..",
                "dev.mcpspring.autoconfigure..");

    @ArchTest
    static final ArchRule serverIgnoresAnnotationsAndTransport = noClasses()
        .that().resideInAPackage("dev.mcpspring.server..")
        .should().dependOnClassesThat()
        .resideInAnyPackage("dev.mcpspring.annotation..", "dev.mcpspring.transport..", "dev.mcpspring.autoconfigure..");

    @ArchTest
    static final ArchRule annotationsIgnoreTransport = noClasses()
        .that().resideInAPackage("dev.mcpspring.annotation..")
        .should().dependOnClassesThat()
        .resideInAnyPackage("dev.mcpspring.transport..", "dev.mcpspring.autoconfigure..");

    @ArchTest
    static final ArchRule coreIgnoresSecurityIntegration = noClasses()
        .that().resideInAnyPackage("dev.mcpspring.protocol..", "dev.mcpspring.server..", "dev.mcpspring.annotation..",
                "dev.mcpspring.session..", "dev.mcpspring.transport..")
        .should().dependOnClassesThat()
        .resideInAPackage("dev.mcpspring.security..");

    /** The server sees a caller as a plain {@code java.security.Principal}; only annotation and security know more. */
    @ArchTest
    static final ArchRule serverIgnoresSpringSecurity = noClasses()
        .that().resideInAnyPackage("dev.mcpspring.protocol..", "dev.mcpspring.server..", "dev.mcpspring.session..",
                "dev.mcpspring.transport..")
        .should().dependOnClassesThat()
        .resideInAPackage("org.springframework.security..");

    @ArchTest
    static final ArchRule securityIgnoresTransportAndAutoConfiguration = noClasses()
        .that().resideInAPackage("dev.mcpspring.security..")
        .should().dependOnClassesThat()
        .resideInAnyPackage("dev.mcpspring.transport..", "dev.mcpspring.autoconfigure..", "dev.mcpspring.annotation..");
}
