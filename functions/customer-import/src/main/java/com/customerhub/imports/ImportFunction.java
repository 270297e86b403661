package com.customerhub.imports;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.events.S3Event;
import com.amazonaws.services.lambda.runtime.events.models.s3.S3EventNotification;
import com.customerhub.core.lambda.OnDemandContext;
import io.micronaut.context.ApplicationContext;
import io.micronaut.function.aws.MicronautRequestHandler;
import jakarta.inject.Inject;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;

/**
 * The S3-triggered Lambda handler (the class the SAM template names): a file dropped under
 * {@code imports/} starts or resumes its import; a control object under {@code control/} applies
 * a confirmed import, continues a long one, or writes an export.
 */
public class ImportFunction extends MicronautRequestHandler<S3Event, Void> {
    @Inject
    ImportProcessor processor;

    public ImportFunction() {
        super(OnDemandContext.builder());
    }

    public ImportFunction(ApplicationContext context) {
        super(context);
    }

    @Override
    public Void execute(S3Event event) {
        Context lambda = null;
        try {
            lambda = getApplicationContext().findBean(Context.class).orElse(null);
        } catch (RuntimeException noContext) {
            // invoked outside Lambda (tests, local stack): no deadline
        }
        for (S3EventNotification.S3EventNotificationRecord record : event.getRecords()) {
            var s3 = record.getS3();
            // S3 URL-encodes keys in notifications (a space arrives as '+')
            String key = URLDecoder.decode(s3.getObject().getKey(), StandardCharsets.UTF_8);
            processor.onObject(s3.getBucket().getName(), key, emptyToNull(s3.getObject().getVersionId()),
                    emptyToNull(s3.getObject().geteTag()), Deadline.of(lambda));
        }
        return null;
    }

    private static String emptyToNull(String value) {
        return value == null || value.isEmpty() ? null : value;
    }
}
