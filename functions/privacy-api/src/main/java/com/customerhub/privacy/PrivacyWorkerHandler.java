package com.customerhub.privacy;

import com.customerhub.core.lambda.OnDemandContext;
import com.customerhub.privacy.worker.PrivacyWorker;
import io.micronaut.context.ApplicationContext;
import io.micronaut.function.aws.MicronautRequestHandler;

import java.util.Map;

/**
 * The worker function: invoked asynchronously by the EventBridge rule on
 * {@code PrivacyRequestProcessing} events ({@code detail}: tenantId, requestId), it runs the request.
 * A failure is rethrown so Lambda retries the invocation.
 */
public class PrivacyWorkerHandler extends MicronautRequestHandler<Map<String, Object>, Void> {
    public PrivacyWorkerHandler() {
        super(OnDemandContext.builder());
    }

    public PrivacyWorkerHandler(ApplicationContext context) {
        super(context);
    }

    @Override
    public Void execute(Map<String, Object> event) {
        if (!(event.get("detail") instanceof Map<?, ?> detail) || detail.get("tenantId") == null || detail.get("requestId") == null) {
            throw new IllegalArgumentException("not a PrivacyRequestProcessing event: no detail.tenantId and detail.requestId");
        }
        getApplicationContext().getBean(PrivacyWorker.class).run(String.valueOf(detail.get("tenantId")), String.valueOf(detail.get("requestId")));
        return null;
    }
}
