package fr.klub.platform;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

import fr.klub.platform.testing.MachineryRules;

/**
 * Only the machinery touches its internals; only DatabaseErrors reads SQLSTATEs
 * (docs/decisions/machinery.md).
 */
@AnalyzeClasses(packages = "fr.klub.platform", importOptions = ImportOption.DoNotIncludeTests.class)
class MachineryArchitectureTest {

    @ArchTest
    static final ArchRule featuresUseOnlyTheMachinerysEntryPoints = MachineryRules.ONLY_THE_MACHINERY_USES_ITS_INTERNALS;

    @ArchTest
    static final ArchRule onePlaceClassifiesDatabaseErrors = MachineryRules.ONE_PLACE_CLASSIFIES_DATABASE_ERRORS;
}
