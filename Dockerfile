# Baton: one image, every service (the command picks which).
# Build:  docker build -t baton:dev .
FROM maven:3.9-eclipse-temurin-17 AS build
WORKDIR /src
COPY . .
RUN mvn -B -q -DskipTests package -pl cli -am

FROM eclipse-temurin:17-jre
RUN useradd --system --uid 10001 --home /var/lib/baton baton \
 && mkdir -p /var/lib/baton /etc/baton /data && chown baton /var/lib/baton /data
COPY --from=build /src/cli/target/baton.jar /opt/baton/baton.jar
USER baton
WORKDIR /var/lib/baton
ENTRYPOINT ["java", "-XX:+ExitOnOutOfMemoryError", "-jar", "/opt/baton/baton.jar"]
CMD ["--help"]
