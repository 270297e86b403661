package com.customerhub.imports;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import com.customerhub.core.lambda.OnDemandContext;
import io.micronaut.context.ApplicationContext;
import io.micronaut.function.aws.MicronautRequestHandler;

/**
 * The scheduled retention sweeper (EventBridge, hourly; the class the SAM template names): one
 * {@link RetentionSweeper} run, stopped a minute before the function's time limit; what is left
 * is swept at the next run.
 */
public class RetentionSweeperHandler extends MicronautRequestHandler<ScheduledEvent, RetentionSweeper.Summary> {
    public RetentionSweeperHandler() {
        super(OnDemandContext.builder());
    }

    public RetentionSweeperHandler(ApplicationContext context) {
        super(context);
    }

    @Override
    public RetentionSweeper.Summary execute(ScheduledEvent event) {
        Context lambda = null;
        try {
            lambda = getApplicationContext().findBean(Context.class).orElse(null);
        } catch (RuntimeException noContext) {
            // invoked outside Lambda (tests, local stack): no deadline
        }
        return getApplicationContext().getBean(RetentionSweeper.class).run(Deadline.of(lambda));
    }
}
