package fr.klub.platform.testing;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import java.sql.SQLException;
import java.util.Set;

import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.ResetHandler;
import org.springframework.jdbc.core.JdbcOperations;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcOperations;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaMethodCall;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;

/**
 * The boundaries of the Axon machinery (docs/decisions/machinery.md), as ArchUnit rules each
 * service checks on its own classes (its {@code MachineryArchitectureTest}).
 */
public final class MachineryRules {

    private static final String MACHINERY = "fr.klub.platform.axon..";
    private static final String INTERNALS = "fr.klub.platform.axon.internal..";
    private static final String DATABASE_ERRORS = "fr.klub.platform.failure.DatabaseErrors";

    private MachineryRules() {
    }

    /** Feature code (and a service's own wiring) uses the machinery's entry points, never its internals. */
    public static final ArchRule ONLY_THE_MACHINERY_USES_ITS_INTERNALS = noClasses()
            .that().resideOutsideOfPackage(MACHINERY)
            .should().dependOnClassesThat().resideInAPackage(INTERNALS)
            .because("what bends Axon lives in one place; features see CommandSender, CommandOutcome, "
                    + "ProjectionWriter and Write, a service's wiring EventSourcedAggregates, PromptEventSource "
                    + "and RefusalConfirmation");

    private static final DescribedPredicate<JavaMethodCall> READS_A_SQLSTATE = new DescribedPredicate<>(
            "read a SQLSTATE (SQLException.getSQLState())") {
        @Override
        public boolean test(JavaMethodCall call) {
            return call.getTarget().getName().equals("getSQLState")
                    && call.getTarget().getOwner().isAssignableTo(SQLException.class);
        }
    };

    /** SQLSTATEs mean something only in DatabaseErrors: a database error is classified in one place. */
    public static final ArchRule ONE_PLACE_CLASSIFIES_DATABASE_ERRORS = noClasses()
            .that().doNotHaveFullyQualifiedName(DATABASE_ERRORS)
            .should().callMethodWhere(READS_A_SQLSTATE)
            .because("one place says what a database error means (unique key, lost race, outage)");

    private static final Set<String> WRITES = Set.of("update", "batchUpdate", "execute");

    /**
     * A projection's event handlers write through the ProjectionWriter (idempotent, batched at commit,
     * isolated after a failed batch); only its {@code @ResetHandler} may clear its tables directly.
     */
    public static final ArchRule PROJECTIONS_WRITE_ONLY_THROUGH_THE_WRITER = classes()
            .that().areAnnotatedWith(ProcessingGroup.class)
            .should(new ArchCondition<JavaClass>("write with JDBC only from a @ResetHandler") {
                @Override
                public void check(JavaClass projection, ConditionEvents events) {
                    for (JavaMethodCall call : projection.getMethodCallsFromSelf()) {
                        JavaClass owner = call.getTarget().getOwner();
                        boolean jdbcWrite = WRITES.contains(call.getTarget().getName())
                                && (owner.isAssignableTo(JdbcOperations.class)
                                || owner.isAssignableTo(NamedParameterJdbcOperations.class));
                        if (jdbcWrite && !call.getOrigin().isAnnotatedWith(ResetHandler.class)) {
                            events.add(SimpleConditionEvent.violated(call, call.getDescription()
                                    + ": write through ProjectionWriter"));
                        }
                    }
                }
            })
            .because("the writer keeps every projection write idempotent, batched and isolated on failure");
}
