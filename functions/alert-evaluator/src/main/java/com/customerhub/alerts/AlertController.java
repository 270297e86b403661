package com.customerhub.alerts;

import com.customerhub.api.http.ListResponse;
import com.customerhub.api.security.AccessFilter;
import com.customerhub.core.alert.Alert;
import com.customerhub.core.data.Page;
import com.customerhub.core.data.PageRequest;
import com.customerhub.core.identity.Identity;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.http.annotation.RequestAttribute;

/** Alerts raised by the evaluator: per customer, across customers, and acknowledging one. */
@Controller
public class AlertController {
    private final AlertService alerts;

    public AlertController(AlertService alerts) {
        this.alerts = alerts;
    }

    @Get("/alerts")
    public ListResponse<Alert> list(@RequestAttribute(AccessFilter.IDENTITY) Identity who,
                                    @Nullable @QueryValue String ruleId, @Nullable @QueryValue String status,
                                    @Nullable @QueryValue String pageSize, @Nullable @QueryValue String cursor) {
        PageRequest page = PageRequest.of(pageSize, cursor);
        return ListResponse.of(alerts.list(who, blankToNull(ruleId), status, page.pageSize(), page.cursor()));
    }

    @Post("/alerts/{id}/acknowledge")
    public Alert acknowledge(@RequestAttribute(AccessFilter.IDENTITY) Identity who, @PathVariable String id) {
        return alerts.acknowledge(who, id);
    }

    @Get("/customers/{id}/alerts")
    public ListResponse<Alert> ofCustomer(@RequestAttribute(AccessFilter.IDENTITY) Identity who, @PathVariable String id,
                                          @Nullable @QueryValue String status) {
        return ListResponse.of(new Page<>(alerts.ofCustomer(who, id, status), null));
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
