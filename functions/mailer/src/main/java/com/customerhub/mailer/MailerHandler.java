package com.customerhub.mailer;

import com.customerhub.core.lambda.OnDemandContext;
import io.micronaut.context.ApplicationContext;
import io.micronaut.function.aws.MicronautRequestHandler;

import java.util.Map;

/**
 * The mailer function: invoked asynchronously by the EventBridge rule on {@code InteractionForwarded}
 * events ({@code detail}: tenantId, customerId, interactionId, forwardId), it sends the queued mail.
 * A failure is rethrown so Lambda retries the invocation (twice); a repeated event sends nothing twice.
 */
public class MailerHandler extends MicronautRequestHandler<Map<String, Object>, Void> {
    public MailerHandler() {
        super(OnDemandContext.builder());
    }

    public MailerHandler(ApplicationContext context) {
        super(context);
    }

    @Override
    public Void execute(Map<String, Object> event) {
        if (!(event.get("detail") instanceof Map<?, ?> detail)
                || detail.get("tenantId") == null || detail.get("customerId") == null || detail.get("forwardId") == null) {
            throw new IllegalArgumentException("not an InteractionForwarded event: no detail.tenantId, customerId and forwardId");
        }
        getApplicationContext().getBean(QueuedForwards.class).send(String.valueOf(detail.get("tenantId")),
                String.valueOf(detail.get("customerId")), String.valueOf(detail.get("forwardId")));
        return null;
    }
}
