package com.customerhub.imports;

import com.customerhub.api.http.ApiHandler;
import io.micronaut.context.ApplicationContext;

/** The Lambda handler of the /imports and /exports API (the class the SAM template names). */
public class ImportApiHandler extends ApiHandler {
    public ImportApiHandler() {
        super();
    }

    public ImportApiHandler(ApplicationContext context) {
        super(context);
    }
}
