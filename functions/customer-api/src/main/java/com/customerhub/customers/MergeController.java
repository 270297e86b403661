package com.customerhub.customers;

import com.customerhub.api.security.AccessFilter;
import com.customerhub.core.identity.Identity;
import com.customerhub.core.merge.MergeRecord;
import com.customerhub.core.merge.MergeService;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.RequestAttribute;

/** {@code POST /merges/{id}/undo}: restores every merged customer as it was and takes back what moved. */
@Controller("/merges")
public class MergeController {
    private final MergeService merges;

    public MergeController(MergeService merges) {
        this.merges = merges;
    }

    @Post("/{id}/undo")
    public MergeRecord undo(@RequestAttribute(AccessFilter.IDENTITY) Identity who, @PathVariable String id) {
        return merges.undo(who, id);
    }
}
