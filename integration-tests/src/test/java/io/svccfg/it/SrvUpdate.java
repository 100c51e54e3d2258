package io.svccfg.it;

/** The nsupdate/knsupdate commands of the tests' DNS changes; names fully qualified, with the trailing dot. */
final class SrvUpdate {
    private SrvUpdate() {
    }

    /**
     * Replaces the SRV record of {@code owner} (priority, weight 100, {@code target}) on port {@code from} by one on
     * {@code to}, in one update, so that no read sees neither.
     */
    static String movePort(String owner, int priority, String target, int from, int to) {
        return "update delete " + owner + " SRV " + priority + " 100 " + from + " " + target + "\n"
                + "update add " + owner + " 60 SRV " + priority + " 100 " + to + " " + target;
    }
}
