package com.customerhub.imports;

/** A file refused as a whole, with a reason a user can act on (never a cell's value). */
public class RejectedFile extends RuntimeException {
    public RejectedFile(String reason) {
        super(reason, null, false, false);
    }
}
