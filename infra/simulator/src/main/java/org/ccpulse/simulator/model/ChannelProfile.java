package org.ccpulse.simulator.model;

import org.ccpulse.schemas.event.Channel;

/**
 * How contacts of one channel behave.
 *
 * @param share             share of fresh inbound contacts
 * @param realtime          served before deferred work (voice, callback, chat, video)
 * @param patienceMedianS   median time a customer waits before abandoning; infinite = never abandons
 * @param patienceSigma     log-normal sigma of patience
 * @param talkMedianS       median handling (talk / typing) time
 * @param talkSigma         log-normal sigma of talk time
 * @param holdShare         share of contacts with any hold time
 * @param wrapMedianS       median after-contact work
 * @param unidentifiedShare share of contacts whose customer is unknown
 * @param transferable      whether an agent can transfer the contact to another queue
 */
public record ChannelProfile(
        Channel channel,
        double share,
        boolean realtime,
        double patienceMedianS,
        double patienceSigma,
        double talkMedianS,
        double talkSigma,
        double holdShare,
        double wrapMedianS,
        double unidentifiedShare,
        boolean transferable) {

    public static final double HOLD_MEDIAN_S = 45;
    public static final double HOLD_SIGMA = 0.8;
    public static final double WRAP_SIGMA = 0.6;

    public boolean abandons() {
        return Double.isFinite(patienceMedianS);
    }

    /** Expected agent time per contact: talk + hold + wrap. */
    public double meanHandleS() {
        return Draw.logNormalMean(talkMedianS, talkSigma)
                + holdShare * Draw.logNormalMean(HOLD_MEDIAN_S, HOLD_SIGMA)
                + Draw.logNormalMean(wrapMedianS, WRAP_SIGMA);
    }
}
