package com.customerhub.customers;


import com.customerhub.localaws.DynamoTarget;
import com.customerhub.localaws.SamTemplate;
import com.customerhub.localaws.TemplateTables;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.localstack.LocalStackContainer;
import org.testcontainers.utility.DockerImageName;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

import java.net.URI;

/**
 * The same scenarios against LocalStack (rung 4 of the test ladder). Needs a Docker engine; where
 * there is none the class is skipped and says why.
 */
class CustomerApiLocalStackTest extends CustomerApiScenarios {
    static final DockerImageName IMAGE = DockerImageName.parse("localstack/localstack:4.14");
    private LocalStackContainer localstack;

    @BeforeAll
    void start() {
        boolean docker;
        try {
            docker = DockerClientFactory.instance().isDockerAvailable();
        } catch (RuntimeException e) {
            docker = false;
        }
        if (!docker) {
            System.out.println("SKIPPED CustomerApiLocalStackTest: no Docker engine on this machine, so LocalStack "
                    + IMAGE + " cannot run; the same scenarios ran against DynamoDB Local in CustomerApiHandlerTest.");
        }
        Assumptions.assumeTrue(docker, "no Docker engine: LocalStack cannot run here");
        localstack = new LocalStackContainer(IMAGE).withServices(LocalStackContainer.Service.DYNAMODB);
        localstack.start();
        DynamoTarget target = new DynamoTarget() {
            @Override
            public URI endpoint() {
                return localstack.getEndpoint();
            }

            @Override
            public DynamoDbClient client() {
                return DynamoDbClient.builder().endpointOverride(endpoint()).region(Region.of(localstack.getRegion()))
                        .credentialsProvider(StaticCredentialsProvider.create(
                                AwsBasicCredentials.create(localstack.getAccessKey(), localstack.getSecretKey())))
                        .httpClientBuilder(UrlConnectionHttpClient.builder()).build();
            }
        };
        try (DynamoDbClient client = target.client()) {
            TemplateTables.createAll(client, SamTemplate.findFromWorkingDirectory());
        }
        startWith(target);
    }

    @AfterAll
    void stopContainer() {
        if (localstack != null) {
            localstack.stop();
        }
    }
}
