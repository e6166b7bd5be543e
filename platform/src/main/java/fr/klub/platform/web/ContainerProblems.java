package fr.klub.platform.web;

import org.apache.catalina.Container;
import org.apache.catalina.Valve;
import org.apache.catalina.core.StandardHost;
import org.apache.catalina.valves.ErrorReportValve;
import org.springframework.boot.web.embedded.tomcat.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.core.Ordered;

/**
 * Puts {@link ContainerProblemValve} in place of the host's error report valve. Runs after Spring
 * Boot's own customizer, which adds a plain {@link ErrorReportValve} (without report or server
 * name) to the host: that one is removed, and the host is told to use ours, so that it does not
 * add its default one when it starts.
 */
class ContainerProblems implements WebServerFactoryCustomizer<TomcatServletWebServerFactory>, Ordered {

    @Override
    public void customize(TomcatServletWebServerFactory factory) {
        factory.addContextCustomizers(context -> {
            Container parent = context.getParent();
            for (Valve valve : parent.getPipeline().getValves()) {
                if (valve instanceof ErrorReportValve && !(valve instanceof ContainerProblemValve)) {
                    parent.getPipeline().removeValve(valve);
                }
            }
            if (parent instanceof StandardHost host) {
                host.setErrorReportValveClass(ContainerProblemValve.class.getName());
            }
            parent.getPipeline().addValve(new ContainerProblemValve());
        });
    }

    @Override
    public int getOrder() {
        return Ordered.LOWEST_PRECEDENCE;
    }
}
