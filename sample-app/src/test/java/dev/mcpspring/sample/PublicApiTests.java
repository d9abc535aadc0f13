package dev.mcpspring.sample;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/**
 * The sample is what users copy, so it is built on the starter's public API only: no class of it depends on a type
 * of an {@code internal} package, which may change in any release without notice.
 */
@AnalyzeClasses(packages = "dev.mcpspring.sample", importOptions = ImportOption.DoNotIncludeTests.class)
class PublicApiTests {

    @ArchTest
    static final ArchRule usesOnlyThePublicApi = noClasses()
        .should().dependOnClassesThat().resideInAPackage("dev.mcpspring..internal..")
        .because("internal packages are not part of the starter's public API");
}
