package com.customerhub.imports;

import com.customerhub.core.privacy.Suppressions;
import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;

import java.util.concurrent.atomic.AtomicInteger;

/** Counts reads of a tenant's suppression marker through the context's DynamoDB client (tests only). */
@Singleton
@Requires(property = "test.count-marker-reads")
class MarkerReads implements ExecutionInterceptor {
    private final AtomicInteger reads = new AtomicInteger();

    @Override
    public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
        if (context.request() instanceof GetItemRequest get && get.key().get("pk") != null
                && get.key().get("pk").s().endsWith("#" + Suppressions.MARKER_SK)) {
            reads.incrementAndGet();
        }
    }

    int reads() {
        return reads.get();
    }
}
