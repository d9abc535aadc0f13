package dev.mcpspring.conformance;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/**
 * The conformance fixtures show that the suite passes with the starter's public API alone: no class of them
 * depends on a type of an {@code internal} package.
 */
@AnalyzeClasses(packages = "dev.mcpspring.conformance", importOptions = ImportOption.DoNotIncludeTests.class)
class PublicApiTests {

    @ArchTest
    static final ArchRule usesOnlyThePublicApi = noClasses()
        .should().dependOnClassesThat().resideInAPackage("dev.mcpspring..internal..")
        .because("the fixtures must pass the suite with the starter's public API only");
}
