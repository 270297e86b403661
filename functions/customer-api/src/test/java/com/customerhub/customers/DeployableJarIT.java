package com.customerhub.customers;

import com.customerhub.api.testing.ApiCall;
import com.customerhub.api.testing.ApiHarness;
import com.customerhub.api.testing.LambdaJarDriver;
import com.customerhub.localaws.LocalDynamoDb;
import com.customerhub.localaws.SamTemplate;
import com.customerhub.localaws.SharedDynamoDb;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The jar SAM deploys, not the test classpath: its shade filters drop bean definitions the function
 * does not use, so only this shows that every route still works with what is left. In a JVM of its
 * own with the jar alone on the classpath, as on Lambda (an on-demand start), every event fixture
 * of the customer API must be answered without a server error. Runs after {@code package}.
 */
@ExtendWith(SharedDynamoDb.class)
class DeployableJarIT {
    private static final Path JAR = Path.of("target/customer-api-lambda.jar");

    @Test
    void everyRouteOfTheDeployableJarAnswersWithoutAServerError(LocalDynamoDb local) throws Exception {
        everyRouteAnswers(local, null);
    }

    /**
     * A SnapStart initialisation builds every singleton before the snapshot (and registers the
     * priming hook): a bean that needs a definition the shade filters dropped would fail there only.
     */
    @Test
    void underSnapStartTooEveryRouteAnswersWithoutAServerError(LocalDynamoDb local) throws Exception {
        everyRouteAnswers(local, "snap-start");
    }

    private void everyRouteAnswers(LocalDynamoDb local, String initializationType) throws Exception {
        assertThat(JAR).as("the shaded jar (this test runs after package)").exists();
        Path events = Files.createTempDirectory("jar-events");
        String tenant = "t" + UUID.randomUUID().toString().substring(0, 8);
        List<String> fixtures;
        try (Stream<Path> files = Files.list(fixtureDir())) {
            fixtures = files.map(f -> f.getFileName().toString()).filter(n -> n.endsWith(".json")).sorted().toList();
        }
        String customerId;
        try (ApiHarness api = new ApiHarness(local, CustomerApiHandler::new)) {
            customerId = api.call(ApiCall.fixture("create-customer.json").tenant(tenant)).body().get("id").asText();
        }
        ObjectMapper json = new ObjectMapper();
        // the fixtures about one customer get the one created above; those that delete or merge it go last
        for (String fixture : fixtures) {
            boolean last = fixture.startsWith("delete-customer") || fixture.startsWith("merge-") || fixture.startsWith("undo-");
            Files.writeString(events.resolve((last ? "9-" : "1-") + fixture),
                    json.writeValueAsString(ApiCall.fixture(fixture).tenant(tenant).id(customerId).event()));
        }

        Map<String, String> statuses = run(local, events, initializationType);

        assertThat(statuses.keySet()).as("every fixture answered").hasSize(fixtures.size());
        assertThat(statuses).as("status by event").allSatisfy((event, status) -> assertThat(Integer.parseInt(status.split(" ")[0]))
                .as(event + ": " + status).isLessThan(500));
        assertThat(statuses).containsEntry("1-get-customer.json", "200").containsEntry("1-customer-view.json", "200")
                .containsEntry("1-create-contact.json", "201").containsEntry("1-list-customers.json", "200")
                .containsEntry("1-record-interaction.json", "201").containsEntry("1-create-authorization.json", "201");
    }

    private static Map<String, String> run(LocalDynamoDb local, Path events, String initializationType) throws Exception {
        Path driver = Path.of(LambdaJarDriver.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:TieredStopAtLevel=1", "-Xmx512m",
                "-Daws.endpoint-override.dynamodb=" + local.endpoint(), "-Daws.region=us-east-1",
                "-Daws.accessKeyId=test", "-Daws.secretAccessKey=test", "-Devents.sink=memory",
                "-cp", JAR.toAbsolutePath() + File.pathSeparator + driver,
                LambdaJarDriver.class.getName(), CustomerApiHandler.class.getName(), events.toString()));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        // the function's environment as the template gives it, with local stand-ins
        SamTemplate template = SamTemplate.findFromWorkingDirectory();
        Map<String, String> localNames = template.localNames("customer-hub-test", "jar-test-bus");
        localNames.put("SuppressionSalt", "jar-test-salt");
        Map<String, String> env = builder.environment();
        env.putAll(template.function("CustomerApiFunction").localEnvironment(localNames));
        env.put("AWS_REGION", "us-east-1");
        env.put("LOG_LEVEL", "WARN");
        if (initializationType != null) {
            env.put("AWS_LAMBDA_INITIALIZATION_TYPE", initializationType);
        }
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(120, TimeUnit.SECONDS)).as(output).isTrue();
        Map<String, String> statuses = new TreeMap<>();
        output.lines().filter(line -> line.startsWith("STATUS ")).map(line -> line.split(" ", 3))
                .forEach(parts -> statuses.put(parts[1], parts[2]));
        assertThat(statuses).as(output).isNotEmpty();
        return statuses;
    }

    private static Path fixtureDir() {
        Path dir = Path.of("").toAbsolutePath();
        while (!Files.isDirectory(dir.resolve("events/customer-api"))) {
            dir = dir.getParent();
        }
        return dir.resolve("events/customer-api");
    }
}
