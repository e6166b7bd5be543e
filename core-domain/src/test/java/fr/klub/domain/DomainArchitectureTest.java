package fr.klub.domain;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import java.time.Clock;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaMethodCall;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * The domain is framework-free (Axon's modelling API only) and has no clock: time comes from the
 * commands and the events, so that a replay or a test decides what "now" is.
 */
@AnalyzeClasses(packages = "fr.klub.domain", importOptions = ImportOption.DoNotIncludeTests.class)
class DomainArchitectureTest {

    @ArchTest
    static final ArchRule domainDependsOnNoFrameworkOrTransport = noClasses()
            .that().resideInAPackage("fr.klub.domain..")
            .should().dependOnClassesThat().resideInAnyPackage(
                    "org.springframework..",
                    "jakarta.persistence..", "javax.persistence..",
                    "jakarta.servlet..", "javax.servlet..",
                    "java.net.http..",
                    "com.fasterxml.jackson..")
            .because("core-domain is the message contract and the rules, shared by every service");

    private static final DescribedPredicate<JavaMethodCall> READS_THE_CLOCK = new DescribedPredicate<>(
            "read the clock (java.time *.now(), System.currentTimeMillis(), System.nanoTime())") {
        @Override
        public boolean test(JavaMethodCall call) {
            String owner = call.getTarget().getOwner().getName();
            String name = call.getTarget().getName();
            return owner.startsWith("java.time.") && name.equals("now")
                    || owner.equals(System.class.getName())
                            && (name.equals("currentTimeMillis") || name.equals("nanoTime"));
        }
    };

    @ArchTest
    static final ArchRule domainNeverReadsTheClock = noClasses()
            .that().resideInAPackage("fr.klub.domain..")
            .should().callMethodWhere(READS_THE_CLOCK)
            .because("time comes from commands and events, never from the machine");

    @ArchTest
    static final ArchRule domainHoldsNoClock = noClasses()
            .that().resideInAPackage("fr.klub.domain..")
            .should().dependOnClassesThat().areAssignableTo(Clock.class)
            .because("time comes from commands and events, never from the machine");
}
