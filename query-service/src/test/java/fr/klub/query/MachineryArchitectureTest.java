package fr.klub.query;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

import fr.klub.platform.testing.MachineryRules;

/**
 * The query-service's features use the machinery's entry points only, its projections write
 * through the ProjectionWriter, no SQLSTATE read here (docs/decisions/machinery.md).
 */
@AnalyzeClasses(packages = "fr.klub.query", importOptions = ImportOption.DoNotIncludeTests.class)
class MachineryArchitectureTest {

    @ArchTest
    static final ArchRule featuresUseOnlyTheMachinerysEntryPoints = MachineryRules.ONLY_THE_MACHINERY_USES_ITS_INTERNALS;

    @ArchTest
    static final ArchRule onePlaceClassifiesDatabaseErrors = MachineryRules.ONE_PLACE_CLASSIFIES_DATABASE_ERRORS;

    @ArchTest
    static final ArchRule projectionsWriteOnlyThroughTheWriter = MachineryRules.PROJECTIONS_WRITE_ONLY_THROUGH_THE_WRITER;
}
