package com.customerhub.imports;

/** Helpers shared by every workbook this module writes. */
final class Exports {
    /** Starts of a cell that a spreadsheet could take for a formula (formula / DDE injection). */
    static final String DANGEROUS_STARTS = "=+-@\t\r";

    private Exports() {
    }

    /**
     * Prefixes an apostrophe to text a spreadsheet could run as a formula. The mobile column is
     * exempt: it is validated E.164 (a plus and digits) and must stay as typed; the import removes
     * the apostrophe again, so an export re-imports unchanged.
     */
    static String neutralise(String text) {
        if (text == null || text.isEmpty()) {
            return text;
        }
        return DANGEROUS_STARTS.indexOf(text.charAt(0)) >= 0 ? "'" + text : text;
    }
}
