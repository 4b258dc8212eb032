# Builds the engine from this repository and runs it. Used by docker-compose.yml. Base images pinned to a version;
# .dockerignore keeps .git, target/ and data/ out of the build context.
FROM maven:3.9.9-eclipse-temurin-17 AS build
WORKDIR /src
COPY . .
RUN mvn -B -q -DskipTests package

FROM eclipse-temurin:17.0.13_11-jre
WORKDIR /app
COPY --from=build /src/api/target/order-engine.jar /app/order-engine.jar
ENV AXONIQ_UPDATE_CHECKER_DISABLED=true
# demo mode (no JWT secret) would listen on the loopback address only; in a container the published port decides
ENV SERVER_ADDRESS=0.0.0.0
EXPOSE 8080
ENTRYPOINT ["java", "-Daxoniq.update-checker.disabled=true", "-jar", "/app/order-engine.jar"]
