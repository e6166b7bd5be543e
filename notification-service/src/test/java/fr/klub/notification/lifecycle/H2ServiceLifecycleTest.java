package fr.klub.notification.lifecycle;

import java.util.UUID;

/** {@link ServiceLifecycleTest} on H2 (in memory, kept while the instances come and go). */
class H2ServiceLifecycleTest extends ServiceLifecycleTest {

    @Override
    ServiceInstances.Database newDatabase() {
        return new ServiceInstances.Database("jdbc:h2:mem:lifecycle-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1", "sa", "");
    }
}
