package org.ccpulse.jobs.customervalue;

/**
 * What the churn alert tracker reads, keyed by customer: either a customer's new figures (from the RFM tracker) or
 * its activity (from {@link EscalationActivity}); exactly one of the two is set. One type, so both come in on the
 * keyed input of one broadcast operator (the other input being the tier cut-points).
 */
public record ChurnInput(CustomerFigures figures, CustomerActivity activity) {

    public ChurnInput {
        if ((figures == null) == (activity == null)) {
            throw new IllegalArgumentException("a churn input is either figures or activity");
        }
    }

    public static ChurnInput of(CustomerFigures figures) {
        return new ChurnInput(figures, null);
    }

    public static ChurnInput of(CustomerActivity activity) {
        return new ChurnInput(null, activity);
    }

    public String customerId() {
        return figures != null ? figures.customerId() : activity.customerId();
    }

    public long tsMs() {
        return figures != null ? figures.asOfMs() : activity.tsMs();
    }
}
