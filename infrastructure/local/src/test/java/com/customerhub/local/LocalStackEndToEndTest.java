package com.customerhub.local;

import com.customerhub.localaws.SamTemplate;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.nimbusds.jwt.JWTClaimsSet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Rung 3 of the ladder: the local stack started in this JVM on free ports, driven over HTTP the way
 * a client would, with the tokens it writes to tokens.json.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LocalStackEndToEndTest {
    private Path data;
    private LocalStack stack;
    private Map<String, String> tokens;
    private LocalApi api;
    private final ObjectMapper json = new ObjectMapper();

    @BeforeAll
    void start(@TempDir Path dir) throws Exception {
        data = dir;
        stack = LocalStack.start(new LocalStackConfig(0, 0, 0, data, false), SamTemplate.findFromWorkingDirectory());
        tokens = json.readValue(Files.readString(data.resolve("tokens.json")), Map.class);
        api = new LocalApi(stack.apiUrl());
    }

    @AfterAll
    void stop() {
        if (stack != null) {
            stack.close();
        }
    }

    private JsonNode body(HttpResponse<String> response) throws Exception {
        return json.readTree(response.body());
    }

    @Test
    void tokensJsonHoldsATokenPerRoleAndOneOfAnotherTenant() {
        assertThat(tokens).containsKeys("admin", "agent", "viewer", "dpo", "otherTenantAdmin");
    }

    @Test
    void customerCrudOverHttpAsApiMdSays() throws Exception {
        String admin = tokens.get("admin");
        HttpResponse<String> created = api.send("POST", "/customers", admin,
                "{\"mobile\":\"+393471112233\",\"firstName\":\"Giulia\",\"lastName\":\"Verdi\",\"name\":\"Giulia Verdi\"}");
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        String id = body(created).get("id").asText();
        assertThat(created.headers().firstValue("Location")).contains("/customers/" + id);

        HttpResponse<String> read = api.send("GET", "/customers/" + id, tokens.get("viewer"), null);
        assertThat(read.statusCode()).isEqualTo(200);
        assertThat(read.headers().firstValue("ETag")).contains("\"1\"");

        HttpResponse<String> listed = api.send("GET", "/customers?q=giu&pageSize=10", tokens.get("agent"), null);
        assertThat(body(listed).get("items").get(0).get("id").asText()).isEqualTo(id);

        HttpResponse<String> patched = api.send("PATCH", "/customers/" + id, tokens.get("agent"), "{\"priority\":9}", "If-Match", "\"1\"");
        assertThat(patched.statusCode()).as(patched.body()).isEqualTo(200);
        assertThat(body(patched).get("priority").asInt()).isEqualTo(9);

        // the AWS SDK (like the AWS CLI) sees the item in DynamoDB Local
        try (DynamoDbClient dynamo = stack.dynamo().client()) {
            Map<String, AttributeValue> item = dynamo.getItem(b -> b.tableName("CustomersTable")
                    .key(Map.of("pk", AttributeValue.fromS("demo#" + id), "sk", AttributeValue.fromS("PROFILE")))).item();
            assertThat(item.get("priority").n()).isEqualTo("9");
        }

        HttpResponse<String> otherTenant = api.send("GET", "/customers/" + id, tokens.get("otherTenantAdmin"), null);
        assertThat(otherTenant.statusCode()).isEqualTo(404);
        assertThat(otherTenant.body()).doesNotContain("Giulia", "+39347");

        assertThat(api.send("DELETE", "/customers/" + id, tokens.get("agent"), null, "If-Match", "\"2\"").statusCode()).isEqualTo(403);
        assertThat(api.send("DELETE", "/customers/" + id, admin, null).statusCode()).isEqualTo(428);
        assertThat(api.send("DELETE", "/customers/" + id, admin, null, "If-Match", "\"2\"").statusCode()).isEqualTo(204);
        assertThat(api.send("GET", "/customers/" + id, admin, null).statusCode()).isEqualTo(404);

        List<String> events = Files.readAllLines(data.resolve("events.jsonl"));
        assertThat(events).anyMatch(line -> line.contains("\"CustomerCreated\"") && line.contains(id));
        assertThat(events).anyMatch(line -> line.contains("\"CustomerUpdated\"") && line.contains(id));
        assertThat(events).anyMatch(line -> line.contains("\"CustomerDeleted\"") && line.contains(id));
        assertThat(String.join("\n", events)).doesNotContain("Giulia", "+39347");
    }

    @Test
    void theLocalAuthorizerRefusesBadTokensWith401() throws Exception {
        LocalJwtIssuer foreign = LocalJwtIssuer.loadOrCreate(data.resolve("elsewhere/key.json"), Clock.systemUTC());
        String foreignKey = foreign.issue("x", "demo", List.of("admin"), null, Duration.ofHours(1));
        String expired = stack.issuer().sign(new JWTClaimsSet.Builder().issuer(LocalJwtIssuer.ISSUER)
                .audience(LocalJwtIssuer.AUDIENCE).subject("x").claim("custom:tenantId", "demo")
                .claim("cognito:groups", List.of("admin")).expirationTime(Date.from(Instant.now().minusSeconds(60))).build());
        String wrongAudience = stack.issuer().sign(new JWTClaimsSet.Builder().issuer(LocalJwtIssuer.ISSUER)
                .audience("someone-else").subject("x").claim("custom:tenantId", "demo")
                .expirationTime(Date.from(Instant.now().plusSeconds(600))).build());
        String[] parts = tokens.get("admin").split("\\.");
        String unsigned = Base64.getUrlEncoder().withoutPadding().encodeToString("{\"alg\":\"none\"}".getBytes(StandardCharsets.UTF_8))
                + "." + parts[1] + ".";
        String tampered = parts[0] + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(
                new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8).replace("\"demo\"", "\"acme\"")
                        .getBytes(StandardCharsets.UTF_8)) + "." + parts[2];

        for (String token : new String[]{null, "garbage", foreignKey, expired, wrongAudience, unsigned, tampered}) {
            HttpResponse<String> response = api.send("GET", "/customers", token, null);
            assertThat(response.statusCode()).as(String.valueOf(token)).isEqualTo(401);
            assertThat(response.headers().firstValue("Content-Type")).contains("application/problem+json");
        }
    }

    @Test
    void badInputGetsProblemDetailsNeverA500() throws Exception {
        String agent = tokens.get("agent");
        HttpResponse<String> malformed = api.send("POST", "/customers", agent, "{\"mobile\":");
        assertThat(malformed.statusCode()).isEqualTo(400);
        assertThat(body(malformed).get("errors").get(0).get("field").asText()).isEqualTo("body");
        HttpResponse<String> tooLarge = api.send("POST", "/customers", agent, "{\"notes\":\"" + "x".repeat(300_000) + "\"}");
        assertThat(tooLarge.statusCode()).isEqualTo(413);
        assertThat(api.send("POST", "/customers", tokens.get("viewer"), "{\"mobile\":\"+393471112299\"}").statusCode()).isEqualTo(403);
        assertThat(api.send("GET", "/customers?pageSize=5", agent, null).statusCode()).isEqualTo(400);
        assertThat(api.send("GET", "/nowhere", agent, null).statusCode()).isEqualTo(404);
        assertThat(api.send("GET", "/customers/..%2F..%2Fetc%2Fpasswd", agent, null).statusCode()).isEqualTo(404);
    }

    @Test
    void logsCarryNoPersonalData() throws Exception {
        PrintStream original = System.out;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            String agent = tokens.get("agent");
            HttpResponse<String> created = api.send("POST", "/customers", agent,
                    "{\"mobile\":\"+393489876543\",\"email\":\"secret.person@example.com\",\"name\":\"Secretina Persona\"}");
            String id = body(created).get("id").asText();
            api.send("PUT", "/customers/" + id, agent, "{\"mobile\":\"+393489876544\",\"name\":\"Secretina Persona\",\"email\":\"secret.person@example.com\"}",
                    "If-Match", "\"1\"");
            api.send("POST", "/customers", agent, "{\"mobile\":\"+393489876544\",\"email\":\"bad-secret@\"}");
            api.send("GET", "/customers?q=Secretina", agent, null);
        } finally {
            System.setOut(original);
        }
        String logs = captured.toString(StandardCharsets.UTF_8);
        assertThat(logs).contains("request method=POST status=201");
        assertThat(logs).doesNotContain("+39348987654", "secret.person", "Secretina", "bad-secret");
    }
}
