package org.ccpulse.jobs.servicelevel;

import org.ccpulse.schemas.event.Channel;

/** The key by which figures are partitioned: one queue on one channel, as {@code queue|channel}. */
final class QueueKeys {
    private QueueKeys() {}

    static String of(String queue, Channel channel) {
        return queue + '|' + channel.wire();
    }

    /** The queue of a key; a queue name may itself hold '|', a channel never does. */
    static String queue(String key) {
        return key.substring(0, key.lastIndexOf('|'));
    }

    static Channel channel(String key) {
        return Channel.fromWire(key.substring(key.lastIndexOf('|') + 1));
    }
}
