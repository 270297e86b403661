package com.customerhub.core.data;

import com.customerhub.core.error.ApiException;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;

import java.util.Set;
import java.util.function.Supplier;

/** Turns DynamoDB's capacity errors, left after the SDK's own retries, into a 503 for the client. */
public final class DynamoErrors {
    private static final Set<String> THROTTLING = Set.of(
            "ProvisionedThroughputExceededException", "ThrottlingException", "RequestLimitExceeded");

    private DynamoErrors() {
    }

    public static <T> T call(Supplier<T> call) {
        try {
            return call.get();
        } catch (DynamoDbException e) {
            if (e.awsErrorDetails() != null && THROTTLING.contains(e.awsErrorDetails().errorCode())) {
                throw ApiException.throttled();
            }
            throw e;
        }
    }
}
