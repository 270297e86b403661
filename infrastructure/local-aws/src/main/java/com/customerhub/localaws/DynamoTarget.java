package com.customerhub.localaws;

import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

import java.net.URI;

/** A DynamoDB endpoint tests run against: DynamoDB Local in-process, or LocalStack in Docker. */
public interface DynamoTarget {
    URI endpoint();

    DynamoDbClient client();
}
