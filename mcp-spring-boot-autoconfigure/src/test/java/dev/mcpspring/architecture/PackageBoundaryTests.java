package dev.mcpspring.architecture;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaCodeUnit;
import com.tngtech.archunit.core.domain.JavaField;
import com.tngtech.archunit.core.domain.JavaMember;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.core.domain.JavaType;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/**
 * Holds the package boundaries of the design: the protocol core knows nothing of HTTP, servlets or Spring MVC,
 * so other transports can sit beside the servlet transport, dependencies only point inwards, and the public API
 * (every package outside {@code ..internal..}) shows no internal type to its users.
 */
@AnalyzeClasses(packages = "dev.mcpspring", importOptions = ImportOption.DoNotIncludeTests.class)
class PackageBoundaryTests {

    private static final String INTERNAL = "dev.mcpspring..internal..";

    @ArchTest
    static final ArchRule coreIgnoresTheWeb = noClasses()
        .that().resideInAnyPackage("dev.mcpspring.protocol..", "dev.mcpspring.server..", "dev.mcpspring.annotation..",
                "dev.mcpspring.session..")
        .should().dependOnClassesThat()
        .resideInAnyPackage("jakarta.servlet..", "org.springframework.web..", "org.springframework.http..");

    /** The stdio transport sits beside the HTTP one: it knows nothing of the web, nor the HTTP transport of it. */
    @ArchTest
    static final ArchRule transportsAreIndependent = noClasses()
        .that().resideInAPackage("dev.mcpspring.transport.stdio..")
        .should().dependOnClassesThat()
        .resideInAnyPackage("jakarta.servlet..", "org.springframework.web..", "org.springframework.http..",
                "dev.mcpspring.transport", "dev.mcpspring.transport.internal..");

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

    /** Tasks and their stores know the protocol, not the engine that runs them: a store is a plain seam. */
    @ArchTest
    static final ArchRule tasksKnowOnlyTheProtocol = noClasses()
        .that().resideInAPackage("dev.mcpspring.task..")
        .should().dependOnClassesThat()
        .resideInAnyPackage("dev.mcpspring.server..", "dev.mcpspring.annotation..", "dev.mcpspring.transport..",
                "dev.mcpspring.session..", "dev.mcpspring.autoconfigure..");

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

    /** The annotations users put on their methods know nothing of the machinery that reads them. */
    @ArchTest
    static final ArchRule annotationsIgnoreTheirMachinery = noClasses()
        .that().resideInAPackage("dev.mcpspring.annotation")
        .should().dependOnClassesThat()
        .resideInAnyPackage("dev.mcpspring.annotation.internal..", "dev.mcpspring.server.internal..");

    /**
     * The AOT support (runtime hints) is found by Spring through {@code META-INF/spring/aot.factories} at build time:
     * nothing in the starter depends on it, so it can change without touching the engine.
     */
    @ArchTest
    static final ArchRule nothingDependsOnTheAotSupport = noClasses()
        .that().resideOutsideOfPackage("dev.mcpspring.aot..")
        .should().dependOnClassesThat()
        .resideInAPackage("dev.mcpspring.aot..");

    /**
     * No public (or protected, so a subclass sees it) constructor, method or field of a public type in an API
     * package takes, returns or throws a type of an {@code internal} package, and no such type extends or
     * implements one: a user never has to name an internal type to use the API.
     */
    @ArchTest
    static final ArchRule publicApiExposesNoInternalTypes = classes()
        .that().resideOutsideOfPackage(INTERNAL)
        .and(visibleToUsers())
        .should(exposeNoInternalTypes());

    private static DescribedPredicate<JavaClass> visibleToUsers() {
        return DescribedPredicate.describe("are visible to users", PackageBoundaryTests::isVisible);
    }

    private static boolean isVisible(JavaClass type) {
        for (JavaClass current = type; current != null; current = current.getEnclosingClass().orElse(null)) {
            if (!current.getModifiers().contains(JavaModifier.PUBLIC)) {
                return false;
            }
        }
        return true;
    }

    private static ArchCondition<JavaClass> exposeNoInternalTypes() {
        return new ArchCondition<>("expose no type of an internal package in their public signatures") {

            @Override
            public void check(JavaClass type, ConditionEvents events) {
                List<String> exposures = new ArrayList<>();
                type.getSuperclass()
                    .ifPresent(superclass -> report(type.getName() + " extends", superclass, exposures));
                type.getInterfaces().forEach(implemented -> report(type.getName() + " implements", implemented,
                        exposures));
                boolean subclassable = !type.getModifiers().contains(JavaModifier.FINAL) && !type.isRecord()
                        && !type.isEnum();
                for (JavaCodeUnit codeUnit : type.getCodeUnits()) {
                    if (isVisible(codeUnit, subclassable) && !codeUnit.getModifiers().contains(JavaModifier.SYNTHETIC)
                            && !codeUnit.getModifiers().contains(JavaModifier.BRIDGE)) {
                        report(codeUnit.getFullName() + " returns", codeUnit.getReturnType(), exposures);
                        codeUnit.getParameterTypes()
                            .forEach(parameter -> report(codeUnit.getFullName() + " takes", parameter, exposures));
                        codeUnit.getExceptionTypes()
                            .forEach(thrown -> report(codeUnit.getFullName() + " throws", thrown, exposures));
                    }
                }
                for (JavaField field : type.getFields()) {
                    if (isVisible(field, subclassable)) {
                        report(field.getFullName() + " is of", field.getType(), exposures);
                    }
                }
                exposures.forEach(exposure -> events.add(SimpleConditionEvent.violated(type, exposure)));
            }
        };
    }

    private static boolean isVisible(JavaMember member, boolean subclassable) {
        Set<JavaModifier> modifiers = member.getModifiers();
        return modifiers.contains(JavaModifier.PUBLIC) || (subclassable && modifiers.contains(JavaModifier.PROTECTED));
    }

    private static void report(String what, JavaType type, List<String> exposures) {
        for (JavaClass involved : type.getAllInvolvedRawTypes()) {
            if (involved.getPackageName().startsWith("dev.mcpspring.") && isInternal(involved.getPackageName())) {
                exposures.add(what + " the internal type " + involved.getName());
            }
        }
    }

    private static boolean isInternal(String packageName) {
        return packageName.endsWith(".internal") || packageName.contains(".internal.");
    }
}
