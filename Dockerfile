# One image recipe for the services (command, query, notification, identity) and the portal: build once with the Maven wrapper, then a small JRE
# image holding one service's executable jar, chosen by the SERVICE build argument:
#   docker build --build-arg SERVICE=command-service -t klub/command-service .
# docker-compose.yml builds the five images from this file.

FROM eclipse-temurin:17-jdk AS build
WORKDIR /src
# The whole source tree (see .dockerignore): the root POM names every module, and Maven reads
# them all even to build three. Downloads are cached across builds by the cache mount.
COPY . .
RUN --mount=type=cache,target=/root/.m2 \
    ./mvnw -B -q -DskipTests -pl command-service,query-service,notification-service,identity-service,portal -am package

FROM eclipse-temurin:17-jre AS service
ARG SERVICE
RUN test -n "$SERVICE" || (echo "--build-arg SERVICE=command-service|query-service|notification-service|identity-service|portal is required" && false)
# curl for the container health check (GET /actuator/health/readiness).
RUN apt-get update && apt-get install -y --no-install-recommends curl && rm -rf /var/lib/apt/lists/* \
    && useradd --system --uid 10001 --home-dir /app klub
WORKDIR /app
COPY --from=build /src/${SERVICE}/target/${SERVICE}-*-exec.jar /app/app.jar
USER klub
# Production profile: PostgreSQL and every setting from the environment (see README "Configuration").
ENV SPRING_PROFILES_ACTIVE=prod \
    JAVA_OPTS="-XX:MaxRAMPercentage=75"
EXPOSE 8080 8081 8082 8083 8084
# exec: the JVM is PID 1 and gets SIGTERM from `docker stop` (Spring's graceful shutdown).
# No anonymous usage report to AxonIQ from a town's servers.
ENTRYPOINT ["sh", "-c", "exec java $JAVA_OPTS -Daxoniq.update-checker.disabled=true -Ddisable-axoniq-console-message=true -jar /app/app.jar \"$@\"", "--"]
