package com.customerhub.alerts;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import com.customerhub.core.lambda.OnDemandContext;
import io.micronaut.context.ApplicationContext;
import io.micronaut.function.aws.MicronautRequestHandler;

/**
 * The scheduled evaluator (EventBridge, every 15 minutes): one {@link AlertEvaluator} run, stopped
 * before the function's time limit; an unfinished run continues at the next invocation.
 */
public class AlertEvaluatorHandler extends MicronautRequestHandler<ScheduledEvent, Void> {
    public AlertEvaluatorHandler() {
        super(OnDemandContext.builder());
    }

    public AlertEvaluatorHandler(ApplicationContext context) {
        super(context);
    }

    @Override
    public Void execute(ScheduledEvent event) {
        // Micronaut registers the invocation's Lambda context as a bean; absent when run outside Lambda
        Deadline deadline = getApplicationContext().findBean(Context.class)
                .map(lambda -> Deadline.of(lambda::getRemainingTimeInMillis))
                .orElseGet(Deadline::none);
        getApplicationContext().getBean(AlertEvaluator.class).run(deadline);
        return null;
    }
}
